/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_recover.c: `forcestat recover DIR`, finishing a commit a killed run
 * left half done in an output folder (stage.h). */
#include <getopt.h>
#include <string.h>

#include "common.h"

static const char help[] =
    "Usage: forcestat recover DIR\n"
    "\n"
    "Finish what a forcestat run killed while it moved its files into the\n"
    "output folder DIR left half done (a SIGKILL, a power cut).  A run that\n"
    "writes files (report, chart) first writes them all in a private stage\n"
    "folder inside DIR, then writes a journal, DIR/.forcestat-journal,\n"
    "naming every file it will move in and every file it will remove, and\n"
    "only then moves them; the journal is removed when the last has moved.\n"
    "recover reads a journal left in DIR and completes its moves (rolls the\n"
    "commit forward: every staged file is complete before the journal\n"
    "exists), so DIR holds all of that run's files, never a mix of two\n"
    "runs; then it removes the stage folders (.forcestat-stage-*) killed\n"
    "runs left.  It removes no other file.  Any later report or chart into\n"
    "DIR does the same first, so recover is needed only to repair DIR\n"
    "without writing to it again.\n"
    "\n"
    "Options:\n"
    "  --help             show this help\n"
    CLI_HELP_EXIT;

int cmd_recover(int argc, char **argv)
{
    static const struct option options[] = {{"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_print_help(help);
        default: return cli_bad_option("recover");
        }
    }
    if (optind == argc)
        return cli_usage("recover", "missing the output folder DIR");
    if (optind + 1 < argc)
        return cli_usage("recover", "unexpected argument '%s'", argv[optind + 1]);
    const char *dir = argv[optind];
    fs_error_t err;
    fs_error_clear(&err);
    int finished;
    size_t removed;
    if (fs_stage_recover(dir, &finished, &removed, &err) != FS_OK)
        return cli_report(&err);
    fs_buf_t out;
    fs_buf_init(&out);
    if (finished)
        fs_buf_printf(&out, "%s: finished the commit a killed run left half done\n", dir);
    else
        fs_buf_printf(&out, "%s: no commit to finish\n", dir);
    if (removed > 0)
        fs_buf_printf(&out, "%s: removed %zu stage folder%s of killed runs\n", dir, removed,
                      removed == 1 ? "" : "s");
    int code = cli_write_text(&out);
    fs_buf_free(&out);
    return code;
}

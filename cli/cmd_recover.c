/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_recover.c: `forcestat recover DIR`, finishing a commit a killed run
 * left half done in an output folder (stage.h). */
#include <getopt.h>
#include <string.h>

#include "common.h"

int cmd_recover(int argc, char **argv)
{
    static const struct option options[] = {CLI_OPT_HELP, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'V': return cli_version();
        case 'h': return cli_help("recover");
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

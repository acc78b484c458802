/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_check.c: `forcestat check`, what a dataset holds. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common.h"
#include "render/results.h"

static const char help[] =
    "Usage: forcestat check [--force COL] [--encoding E] [--format text|json] [FILE]\n"
    "\n"
    "Read a CSV dataset strictly and report what it holds: which rows are\n"
    "territorial forces (matched by any published spelling or ONS code),\n"
    "which are other known rows (England and Wales, regions, British\n"
    "Transport Police), which are unknown, which forces occur twice, which\n"
    "forces are absent, and which columns are numeric measures.\n"
    "\n"
    "Unknown rows are kept: the toolkit works for other units too.  A column\n"
    "is a measure when every cell is a number or a missing-value token\n"
    "(empty, NA, N/A, .., :, -, *, [x], [c], [z]); a column with stray text\n"
    "is reported with the line of its first bad cell.\n"
    "\n"
    "Options:\n"
    CLI_HELP_FORCE
    "  --encoding E       utf-8 (default; invalid UTF-8 is an error) or windows-1252\n"
    "  --format F         text (default) or json, an object with \"schema_version\",\n"
    "                     \"file\", \"rows\", \"force_column\", \"matched\" [{\"row\",\n"
    "                     \"line\", \"name\", \"code\", \"force\"}], \"non_forces\"\n"
    "                     [{\"row\", \"line\", \"name\", \"kind\", \"code\"}], \"unknown\"\n"
    "                     [names], \"duplicates\" [names], \"absent\" [codes],\n"
    "                     \"measures\" [{\"name\", \"values\", \"missing\"}],\n"
    "                     \"text_columns\" [names]\n"
    CLI_FILTER_HELP
    "  --help             show this help\n"
    "\n"
    "\"row\" counts data rows from 1 (the header is not a row); \"line\" is the\n"
    "physical line in the file.  Exit status: 0 when the file could be read,\n"
    "1 when it could not (with FILE:LINE:COLUMN), 2 for usage errors.\n"
    CLI_HELP_EXIT;

int cmd_check(int argc, char **argv)
{
    static const struct option options[] = {CLI_OPT_FORCE,
                                            CLI_OPT_ENCODING,
                                            CLI_OPT_FORMAT,
                                            CLI_OPT_FILTER,
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    cli_shared_t so;
    cli_shared_init(&so, "check", FORMAT_TEXT | FORMAT_JSON);
    int shared;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_print_help(help);
        default:
            if ((shared = cli_shared_option(&so, c, optarg)) != EXIT_OK)
                return shared < 0 ? cli_bad_option("check") : shared;
        }
    }
    if (argc - optind > 1)
        return cli_usage("check", "expected one FILE, got %d", argc - optind);
    const char *path = optind < argc ? argv[optind] : "-";

    fs_table_t *t;
    size_t fc;
    int code = cli_load_table(path, so.encoding, so.force, &so.filters, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_description_t *d;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_describe(t, fc, &d, &err) != FS_OK) {
        fs_table_free(t);
        return cli_report(&err);
    }
    fs_buf_t out;
    fs_buf_init(&out);
    fs_check_write(&out, (fs_output_format_t)so.format, t, d);
    code = cli_write_output(&out, so.format);
    fs_buf_free(&out);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

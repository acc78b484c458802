/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_check.c: `forcestat check`, what a dataset holds. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common.h"
#include "render/results.h"

int cmd_check(int argc, char **argv)
{
    static const struct option options[] = {CLI_OPT_FORCE,  CLI_OPT_ENCODING, CLI_OPT_FORMAT,
                                            CLI_OPT_FILTER, CLI_OPT_HELP,     {0, 0, 0, 0}};
    cli_shared_t so;
    cli_shared_init(&so, "check", FORMAT_TEXT | FORMAT_JSON);
    int shared;
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'V': return cli_version();
        case 'h': return cli_help("check");
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

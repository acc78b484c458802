/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_forces.c: `forcestat forces`, the force registry. */
#include <getopt.h>
#include <string.h>

#include "options.h"
#include "common.h"

int cmd_forces(int argc, char **argv)
{
    static const struct option options[] = {
        {"format", required_argument, NULL, 'f'}, CLI_OPT_CSV_RAW, CLI_OPT_HELP, {0, 0, 0, 0}};
    cli_format_t format = FORMAT_TEXT;
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!cli_parse_format("forces", optarg, FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON,
                                  &format))
                return EXIT_USAGE;
            break;
        case OPT_CSV_RAW: cli_csv_raw = 1; break;
        case 'V': return cli_version();
        case 'h': return cli_help("forces");
        default: return cli_bad_option("forces");
        }
    }
    if (optind < argc)
        return cli_usage("forces", "unexpected argument '%s'", argv[optind]);

    /* The registry as one result table; in JSON each row (an object of
     * the top-level array) starts with the schema version. */
    static const fs_rcol_t cols[] = {{.key = "schema_version", .type = FS_RT_NUMBER, .json_only = 1},
                                     {.key = "code", .heading = "Code", .width = -10},
                                     {.key = "name", .heading = "Force", .width = -31},
                                     {.key = "short_name"},
                                     {.key = "region", .heading = "Region"},
                                     {.key = "country"}};
    const size_t c0 = format == FORMAT_JSON ? 1 : 0;
    fs_rtable_t t;
    fs_error_t err;
    if (fs_rtable_init(&t, cols + 1 - c0, 5 + c0, FS_FORCE_COUNT, &err) != FS_OK)
        return cli_report(&err);
    for (size_t i = 0; i < FS_FORCE_COUNT; i++) {
        const fs_force_t *f = fs_registry_force(i);
        if (c0)
            fs_rtable_number(&t, i, 0, CLI_JSON_SCHEMA_VERSION);
        fs_rtable_text(&t, i, c0 + 0, f->code);
        fs_rtable_text(&t, i, c0 + 1, f->name);
        fs_rtable_text(&t, i, c0 + 2, f->short_name);
        fs_rtable_text(&t, i, c0 + 3, f->region);
        fs_rtable_text(&t, i, c0 + 4, f->country);
    }
    fs_buf_t out;
    fs_buf_init(&out);
    if (format == FORMAT_JSON) {
        fs_render_json_rows(&out, &t, "  ", "");
        fs_buf_putc(&out, '\n');
    } else if (format == FORMAT_CSV) {
        t.csv_raw = cli_csv_raw;
        fs_render_csv_header(&out, &t);
        fs_render_csv_rows(&out, &t);
    } else {
        fs_render_text(&out, &t, "", NULL);
    }
    fs_rtable_free(&t);
    int code = cli_write_output(&out, format);
    fs_buf_free(&out);
    return code;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_sheets.c: `forcestat sheets FILE`, the sheets of a workbook and the
 * table every command would find in each (fs_workbook_sheets). */
#include <getopt.h>
#include <string.h>

#include "common.h"
#include "options.h"
#include "render/results.h"

int cmd_sheets(int argc, char **argv)
{
    static const struct option options[] = {CLI_OPT_FORMAT, CLI_OPT_HELP, {0, 0, 0, 0}};
    cli_format_t format = FORMAT_TEXT;
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (!cli_parse_format("sheets", optarg, FORMAT_TEXT | FORMAT_JSON, &format))
                return EXIT_USAGE;
            break;
        case 'V': return cli_version();
        case 'h': return cli_help("sheets");
        default: return cli_bad_option("sheets");
        }
    }
    if (optind == argc)
        return cli_usage("sheets", "missing the workbook FILE");
    if (optind + 1 < argc)
        return cli_usage("sheets", "expected one FILE, got %d", argc - optind);
    const char *path = argv[optind];
    fs_sheet_list_t list;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_workbook_sheets(&list, path, NULL, &err) != FS_OK)
        return cli_report(&err);
    fs_buf_t out;
    fs_buf_init(&out);
    fs_sheets_write(&out, (fs_output_format_t)format, path, &list);
    fs_sheet_list_free(&list);
    int code = cli_write_output(&out, format);
    fs_buf_free(&out);
    return code;
}

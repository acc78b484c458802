/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_sheets.c: `forcestat sheets FILE`, the sheets of a workbook and the
 * table every command would find in each (fs_workbook_sheets). */
#include <getopt.h>
#include <string.h>

#include "common.h"
#include "options.h"

static const char help[] =
    "Usage: forcestat sheets [--format text|json] FILE\n"
    "\n"
    "List the sheets of an .xlsx or .ods workbook and, for each, the table\n"
    "forcestat finds in it: its cells (the header's first row to the last\n"
    "data row), its header and its number of data rows.  Every command reads\n"
    "a workbook as the first sheet that holds a table, in the layout of the\n"
    "government's accessible-spreadsheet guidance: cover, contents and notes\n"
    "sheets are passed over, and so are the title and note rows above a\n"
    "table's header (a row of one cell); the header is the first row of two\n"
    "cells or more, and the row under it too when the header has gaps\n"
    "(merged cells) and the row under it holds no number (\"2019\" over\n"
    "\"Q1\" is read as \"2019 Q1\"); the table ends at its first blank row.\n"
    "Choose another with --sheet NAME|N and --range A5:H50 (the header is\n"
    "the range's first row), which every command reading a table takes.\n"
    "\n"
    "Options:\n"
    "  --format F         text (default) or json\n"
    "  --help             show this help\n" CLI_HELP_EXIT;

/* A 0-based column as letters: 0 is A, 27 is AB. */
static void letters(long col, char *buf)
{
    char tmp[8];
    size_t k = 0;
    for (long c = col + 1; c > 0 && k < sizeof tmp; c = (c - 1) / 26)
        tmp[k++] = (char)('A' + (c - 1) % 26);
    for (size_t i = 0; i < k; i++)
        buf[i] = tmp[k - 1 - i];
    buf[k] = '\0';
}

static void range_text(const fs_sheet_info_t *s, char *buf, size_t size)
{
    char c0[8], c1[8];
    letters(s->first_col, c0);
    letters(s->last_col, c1);
    snprintf(buf, size, "%s%ld:%s%ld", c0, s->first_row, c1, s->last_row);
}

static void emit_text(fs_buf_t *out, const char *path, const fs_sheet_list_t *l)
{
    fs_buf_printf(out, "%s: %zu sheet%s\n", path, l->n, l->n == 1 ? "" : "s");
    for (size_t i = 0; i < l->n; i++) {
        const fs_sheet_info_t *s = &l->sheets[i];
        fs_buf_printf(out, "%zu. %s: ", i + 1, s->name);
        if (s->passed_over) {
            fs_buf_puts(out, "passed over (a cover, contents or notes sheet)\n");
            continue;
        }
        if (!s->has_table) {
            fs_buf_puts(out, "no table\n");
            continue;
        }
        char range[48];
        range_text(s, range, sizeof range);
        fs_buf_printf(out, "table %s, %zu data row%s, header", range, s->nrows,
                      s->nrows == 1 ? "" : "s");
        if (s->header_rows > 1)
            fs_buf_printf(out, " (%ld rows)", s->header_rows);
        for (size_t k = 0; k < s->ncols; k++)
            fs_buf_printf(out, "%s'%s'", k ? ", " : ": ", s->header[k]);
        fs_buf_putc(out, '\n');
    }
}

static void emit_json(fs_buf_t *out, const char *path, const fs_sheet_list_t *l)
{
    fs_buf_puts(out, "{\n  " CLI_JSON_SCHEMA ",\n  \"file\": ");
    fs_json_string(out, path);
    fs_buf_puts(out, ",\n  \"sheets\": [");
    for (size_t i = 0; i < l->n; i++) {
        const fs_sheet_info_t *s = &l->sheets[i];
        fs_buf_puts(out, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
        fs_json_string(out, s->name);
        fs_buf_printf(out, ", \"number\": %zu, \"passed_over\": %s, \"table\": ", i + 1,
                      s->passed_over ? "true" : "false");
        if (!s->has_table) {
            fs_buf_puts(out, "null}");
            continue;
        }
        char range[48];
        range_text(s, range, sizeof range);
        fs_buf_printf(out,
                      "{\"range\": \"%s\", \"header_rows\": %ld, \"rows\": %zu, \"columns\": [",
                      range, s->header_rows, s->nrows);
        for (size_t k = 0; k < s->ncols; k++) {
            if (k)
                fs_buf_puts(out, ", ");
            fs_json_string(out, s->header[k]);
        }
        fs_buf_puts(out, "]}}");
    }
    fs_buf_puts(out, l->n ? "\n  ]\n}\n" : "]\n}\n");
}

int cmd_sheets(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_OPT_FORMAT, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    cli_format_t format = FORMAT_TEXT;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (!cli_parse_format("sheets", optarg, FORMAT_TEXT | FORMAT_JSON, &format))
                return EXIT_USAGE;
            break;
        case 'h': return cli_print_help(help);
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
    if (format == FORMAT_JSON)
        emit_json(&out, path, &list);
    else
        emit_text(&out, path, &list);
    fs_sheet_list_free(&list);
    int code = cli_write_output(&out, format);
    fs_buf_free(&out);
    return code;
}

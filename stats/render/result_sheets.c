/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_sheets.c: a workbook's sheets and the table found in each
 * (`forcestat sheets`, fs_workbook_sheets) (results.h). */
#include "render/results.h"

#include <stdio.h>
#include <stdlib.h>

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

static void sheets_text(fs_buf_t *out, const char *path, const fs_sheet_list_t *l)
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

enum { SH_SCHEMA, SH_FILE, SH_SHEETS, SH_FIELDS };
FS_DOC_FITS(sheets_fields, SH_FIELDS);
static const fs_dfield_t sheets_fields[SH_FIELDS] = {
    [SH_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [SH_FILE] = {"file", FS_DT_TEXT, 1, 0},
    [SH_SHEETS] = {"sheets", FS_DT_OBJECTS, 1, 0}};

enum { SE_NAME, SE_NUMBER, SE_PASSED_OVER, SE_TABLE, SE_FIELDS };
FS_DOC_FITS(sheet_fields, SE_FIELDS);
static const fs_dfield_t sheet_fields[SE_FIELDS] = {
    [SE_NAME] = {"name", FS_DT_TEXT, 0, 0},
    [SE_NUMBER] = {"number", FS_DT_INTEGER, 0, 0},
    [SE_PASSED_OVER] = {"passed_over", FS_DT_BOOL, 0, 0},
    [SE_TABLE] = {"table", FS_DT_OBJECT, 0, 0}};

enum { TB_RANGE, TB_HEADER_ROWS, TB_ROWS, TB_COLUMNS, TB_FIELDS };
FS_DOC_FITS(table_fields, TB_FIELDS);
static const fs_dfield_t table_fields[TB_FIELDS] = {
    [TB_RANGE] = {"range", FS_DT_TEXT, 0, 0},
    [TB_HEADER_ROWS] = {"header_rows", FS_DT_INTEGER, 0, 0},
    [TB_ROWS] = {"rows", FS_DT_INTEGER, 0, 0},
    [TB_COLUMNS] = {"columns", FS_DT_TEXTS, 0, 0}};

/* The documents are per sheet: a sheet's, its table's and the table's
 * range text, allocated together. */
typedef struct sheet_docs {
    fs_doc_t sheet, table;
    char range[48];
} sheet_docs_t;

static void sheets_json(fs_buf_t *out, const char *path, const fs_sheet_list_t *l)
{
    sheet_docs_t *docs = calloc(l->n ? l->n : 1, sizeof *docs);
    fs_doc_t *sheets = calloc(l->n ? l->n : 1, sizeof *sheets);
    if (docs == NULL || sheets == NULL) {
        free(docs);
        free(sheets);
        out->failed = 1; /* reported as out of memory with the buffer */
        return;
    }
    for (size_t i = 0; i < l->n; i++) {
        const fs_sheet_info_t *s = &l->sheets[i];
        sheet_docs_t *d = &docs[i];
        fs_doc_init(&sheets[i], sheet_fields, SE_FIELDS);
        fs_doc_text(&sheets[i], SE_NAME, s->name);
        fs_doc_integer(&sheets[i], SE_NUMBER, (long long)(i + 1));
        fs_doc_bool(&sheets[i], SE_PASSED_OVER, s->passed_over);
        fs_doc_object(&sheets[i], SE_TABLE, NULL);
        if (!s->has_table)
            continue;
        range_text(s, d->range, sizeof d->range);
        fs_doc_init(&d->table, table_fields, TB_FIELDS);
        fs_doc_text(&d->table, TB_RANGE, d->range);
        fs_doc_integer(&d->table, TB_HEADER_ROWS, s->header_rows);
        fs_doc_integer(&d->table, TB_ROWS, (long long)s->nrows);
        fs_doc_texts(&d->table, TB_COLUMNS, (const char *const *)s->header, s->ncols);
        fs_doc_object(&sheets[i], SE_TABLE, &d->table);
    }
    fs_doc_t top;
    fs_doc_init(&top, sheets_fields, SH_FIELDS);
    fs_doc_integer(&top, SH_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_text(&top, SH_FILE, path);
    fs_doc_objects(&top, SH_SHEETS, sheets, l->n);
    fs_render_json_doc(out, &top, 0);
    fs_buf_putc(out, '\n');
    free(docs);
    free(sheets);
}

void fs_sheets_write(fs_buf_t *out, fs_output_format_t format, const char *path,
                     const fs_sheet_list_t *l)
{
    if (format == FS_FORMAT_JSON)
        sheets_json(out, path, l);
    else
        sheets_text(out, path, l);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ods.c: OpenDocument spreadsheets (.ods).  Every sheet is a table:table
 * of content.xml, read in one stream.  A cell's value is its office:value
 * (numbers, percentages, currencies: the full precision, never the text
 * shown), office:date-value (an ISO date), office:time-value,
 * office:boolean-value, or else its text (paragraphs joined by line
 * ends).  Repeated cells and rows stand as often as they repeat; empty
 * ones, which fill a sheet out to its last column and row, cost nothing. */
#include "workbook.h"

#include <stdlib.h>
#include <string.h>

typedef struct ods {
    char **names;
    size_t n, cap;
    int failed;
    int depth;   /* tables open (a table inside a cell is a subtable) */
    size_t seen; /* top-level tables started */
    /* the sheet being streamed */
    fs_sheet_parse_t *p;
    size_t want; /* its index */
    int active;  /* inside it */
    int in_cell, value_given, paragraphs, in_annotation;
    long col_repeat, row_repeat;
} ods_t;


static long repeat_of(const char **atts, const char *name)
{
    const char *v = fs_xml_local_attr(atts, name);
    long n = v != NULL ? strtol(v, NULL, 10) : 1;
    return n < 1 ? 1 : n;
}

static void list_start(void *ud, const char *name, const char **atts)
{
    ods_t *o = ud;
    if (strcmp(fs_xml_local(name), "table") != 0 || o->depth++ > 0 || o->failed)
        return;
    const char *nm = fs_xml_local_attr(atts, "name");
    if (o->n == o->cap) {
        size_t c = o->cap ? o->cap * 2 : 8;
        char **v = realloc(o->names, c * sizeof *v);
        if (v == NULL) {
            o->failed = 1;
            return;
        }
        o->names = v;
        o->cap = c;
    }
    if ((o->names[o->n] = strdup(nm ? nm : "")) == NULL)
        o->failed = 1;
    else
        o->n++;
}

static void list_end(void *ud, const char *name)
{
    ods_t *o = ud;
    if (strcmp(fs_xml_local(name), "table") == 0)
        o->depth--;
}

static fs_status_t ods_list(void *impl, fs_zip_t *z, char ***names, size_t *n, fs_error_t *err)
{
    ods_t *o = impl;
    fs_status_t st =
        fs_xml_read_member(z, "content.xml", o, list_start, list_end, NULL, &o->failed, err);
    if (st != FS_OK)
        return st;
    *names = o->names;
    *n = o->n;
    return FS_OK;
}

/* ---- a sheet, streamed ---- */

static void check(ods_t *o, fs_status_t st)
{
    if (st == FS_OK)
        return;
    fs_sheet_row_t *r = fs_parse_row(o->p);
    char ref[24];
    fs_column_letters(r->col, ref);
    if (st == FS_ELIMIT)
        fs_parse_fail(o->p, st, "a cell of more than %zu bytes at %s%ld", r->max_cell_bytes, ref,
                      r->row);
    else
        fs_parse_fail(o->p, FS_ENOMEM, "out of memory");
}

/* A cell's value from its attributes; 0 when it has none (text). */
static fs_status_t cell_start(ods_t *o, const char **atts)
{
    fs_sheet_row_t *r = fs_parse_row(o->p);
    o->in_cell = 1;
    o->paragraphs = 0;
    o->col_repeat = repeat_of(atts, "number-columns-repeated");
    const char *type = fs_xml_local_attr(atts, "value-type"), *v = NULL;
    o->value_given = 0;
    if (type == NULL || strcmp(type, "string") == 0)
        return FS_OK;
    if (strcmp(type, "date") == 0) {
        v = fs_xml_local_attr(atts, "date-value");
        /* A date at midnight is the date. */
        size_t n = v ? strlen(v) : 0;
        if (n > 9 && strcmp(v + 10, "T00:00:00") == 0) {
            o->value_given = 1;
            return fs_row_cell_text(r, v, 10);
        }
    } else if (strcmp(type, "time") == 0) {
        v = fs_xml_local_attr(atts, "time-value");
    } else if (strcmp(type, "boolean") == 0) {
        v = fs_xml_local_attr(atts, "boolean-value");
        v = v != NULL && strcmp(v, "true") == 0 ? "TRUE" : "FALSE";
    } else {
        v = fs_xml_local_attr(atts, "value");
    }
    if (v == NULL)
        return FS_OK;
    o->value_given = 1;
    return fs_row_cell_text(r, v, strlen(v));
}

static void sheet_start(void *ud, const char *name, const char **atts)
{
    ods_t *o = ud;
    const char *l = fs_xml_local(name);
    if (strcmp(l, "table") == 0) {
        if (o->depth++ == 0)
            o->active = o->seen++ == o->want;
        return;
    }
    if (!o->active || o->depth != 1)
        return;
    fs_sheet_row_t *r = fs_parse_row(o->p);
    if (strcmp(l, "table-row") == 0) {
        o->row_repeat = repeat_of(atts, "number-rows-repeated");
        r->col = 0;
    } else if (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0) {
        check(o, cell_start(o, atts));
    } else if (strcmp(l, "annotation") == 0) {
        o->in_annotation = 1;
    } else if (o->in_cell && !o->value_given && !o->in_annotation) {
        if (strcmp(l, "p") == 0 && o->paragraphs++ > 0)
            check(o, fs_row_cell_text(r, "\n", 1));
        else if (strcmp(l, "s") == 0)
            for (long k = repeat_of(atts, "c"); k > 0 && r->len < r->max_cell_bytes; k--)
                check(o, fs_row_cell_text(r, " ", 1));
        else if (strcmp(l, "tab") == 0)
            check(o, fs_row_cell_text(r, "\t", 1));
        else if (strcmp(l, "line-break") == 0)
            check(o, fs_row_cell_text(r, "\n", 1));
    }
}

static void sheet_end(void *ud, const char *name)
{
    ods_t *o = ud;
    const char *l = fs_xml_local(name);
    if (strcmp(l, "table") == 0) {
        if (--o->depth == 0 && o->active) {
            o->active = 0;
            fs_parse_sheet_done(o->p);
        }
        return;
    }
    if (!o->active || o->depth != 1)
        return;
    if (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0) {
        o->in_cell = 0;
        check(o, fs_row_cell_end(fs_parse_row(o->p), o->col_repeat));
    } else if (strcmp(l, "table-row") == 0) {
        fs_row_end(o->p, o->row_repeat);
    } else if (strcmp(l, "annotation") == 0) {
        o->in_annotation = 0;
    }
}

static void sheet_text(void *ud, const char *s, int n)
{
    ods_t *o = ud;
    if (o->active && o->depth == 1 && o->in_cell && !o->value_given && !o->in_annotation &&
        o->paragraphs > 0)
        check(o, fs_row_cell_text(fs_parse_row(o->p), s, (size_t)n));
}

static fs_status_t ods_begin(void *impl, fs_zip_t *z, size_t index, fs_sheet_parse_t *p,
                             fs_error_t *err)
{
    ods_t *o = impl;
    (void)z;
    o->p = p;
    o->want = index;
    o->seen = 0;
    o->depth = 0;
    o->active = o->in_cell = o->in_annotation = 0;
    return fs_parse_setup(p, "content.xml", o, sheet_start, sheet_end, sheet_text, err);
}

void *fs_ods_new(void)
{
    return calloc(1, sizeof(ods_t));
}

static void ods_free(void *impl)
{
    ods_t *o = impl;
    if (o == NULL)
        return;
    for (size_t i = 0; i < o->n; i++)
        free(o->names[i]);
    free(o->names);
    free(o);
}

const fs_book_format_t fs_ods_format = {"ods", ods_list, ods_begin, ods_free};

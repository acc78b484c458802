/* SPDX-License-Identifier: GPL-3.0-or-later */
/* book.c: a workbook as records.  Opens the container, tells .xlsx from
 * .ods, chooses the sheet and finds its table, then streams the table's
 * rows as records of its width to the table builder (workbook.h).
 *
 * Finding a table (the accessible-spreadsheet layout the government's
 * guidance asks publishers for): sheets named as cover, contents or notes
 * sheets are passed over; in a sheet, rows of one cell above the table are
 * its title and notes; the first row of two cells or more is the header,
 * and the row under it too when the header has gaps (merged cells) and
 * the row under it holds no number (so "2019" over "Q1" becomes
 * "2019 Q1"); the table's columns are the header's; it ends at its first
 * blank row.  Only the first LOOK_ROWS rows of a sheet are held while its
 * table is found; the sheet is then read again, row by row. */
#include "workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forcestat/number.h"

#define LOOK_ROWS 64

typedef struct queued {
    long line, repeat;
    char **fields;
    size_t *lens;
} queued_t;

/* A row looked at while the table is found: its cells as they came. */
typedef struct lookrow {
    long row, repeat;
    fs_cell_t *cells;
    size_t ncells;
} lookrow_t;

/* Where the table of a sheet is. */
typedef struct spec {
    int found;
    long c0, c1;       /* columns, 0-based */
    long header_first; /* rows: the header's first and last */
    long header_last;
    long last; /* the last row to read (a range's end) */
    int ranged;
    char **header; /* c1 - c0 + 1 names */
} spec_t;

struct fs_book {
    fs_zip_t *zip;
    const fs_book_format_t *fmt;
    void *impl;
    char **sheets; /* owned by impl */
    size_t nsheets, sheet;
    char file[FS_SOURCE_NAME_MAX];
    unsigned char *memory;
    fs_read_options_t opt;
    spec_t spec;
    fs_sheet_parse_t parse;
    /* pass 1: the rows looked at */
    lookrow_t look[LOOK_ROWS];
    size_t nlook;
    /* pass 2: records waiting, and the one handed out */
    queued_t *q;
    size_t qhead, qn, qcap;
    queued_t cur;
    int header_out, started, ended, counting;
    long expected; /* the row after the last data row */
    size_t rows;   /* data rows so far */
};

static fs_status_t nomem(fs_error_t *err)
{
    return fs_error_set(err, FS_ENOMEM, "out of memory");
}

static void queued_free(queued_t *r, size_t width)
{
    if (r->fields != NULL)
        for (size_t i = 0; i < width; i++)
            free(r->fields[i]);
    free(r->fields);
    free(r->lens);
    r->fields = NULL;
    r->lens = NULL;
}

static size_t width(const fs_book_t *b)
{
    return (size_t)(b->spec.c1 - b->spec.c0 + 1);
}

/* The cells of row in columns [c0, c1] as a record (empty strings where
 * there is no cell). */
static int copy_row(const fs_sheet_row_t *row, long c0, long c1, queued_t *out)
{
    size_t w = (size_t)(c1 - c0 + 1);
    out->line = row->row;
    out->repeat = row->repeat;
    out->fields = calloc(w, sizeof *out->fields);
    out->lens = calloc(w, sizeof *out->lens);
    if (out->fields == NULL || out->lens == NULL)
        return 0;
    for (size_t i = 0; i < row->ncells; i++) {
        const fs_cell_t *c = &row->cells[i];
        if (c->col < c0 || c->col > c1)
            continue;
        size_t k = (size_t)(c->col - c0);
        free(out->fields[k]);
        if ((out->fields[k] = strdup(c->text)) == NULL)
            return 0;
        out->lens[k] = c->len;
    }
    for (size_t k = 0; k < w; k++) {
        if (out->fields[k] == NULL && (out->fields[k] = strdup("")) == NULL)
            return 0;
    }
    return 1;
}

static int blank(const char *s)
{
    for (; *s; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    }
    return 1;
}

/* Cells with something in them, in [c0, c1]. */
static size_t filled(const fs_sheet_row_t *row, long c0, long c1)
{
    size_t n = 0;
    for (size_t i = 0; i < row->ncells; i++)
        n += row->cells[i].col >= c0 && row->cells[i].col <= c1 && !blank(row->cells[i].text);
    return n;
}

/* ---- pass 1: the first rows of a sheet ---- */

static void lookrow_free(lookrow_t *r)
{
    for (size_t i = 0; i < r->ncells; i++)
        free(r->cells[i].text);
    free(r->cells);
    memset(r, 0, sizeof *r);
}

static fs_status_t look_sink(void *ctx, const fs_sheet_row_t *row, fs_error_t *err)
{
    fs_book_t *b = ctx;
    if (b->spec.ranged && row->row + row->repeat <= b->spec.header_first)
        return FS_OK;
    if (filled(row, 0, FS_SHEET_MAX_COLUMNS) == 0)
        return FS_OK;
    lookrow_t *r = &b->look[b->nlook++];
    r->row = row->row;
    r->repeat = row->repeat;
    r->cells = calloc(row->ncells, sizeof *r->cells);
    if (r->cells == NULL)
        return nomem(err);
    for (; r->ncells < row->ncells; r->ncells++) {
        const fs_cell_t *c = &row->cells[r->ncells];
        r->cells[r->ncells] = (fs_cell_t){c->col, c->len, strdup(c->text)};
        if (r->cells[r->ncells].text == NULL)
            return nomem(err);
    }
    /* A range needs only its first row; a search, LOOK_ROWS rows. */
    return b->spec.ranged || b->nlook == LOOK_ROWS ? FS_EOF : FS_OK;
}

static void look_clear(fs_book_t *b)
{
    for (size_t i = 0; i < b->nlook; i++)
        lookrow_free(&b->look[i]);
    b->nlook = 0;
}

/* Reads the sheet through sink until it stops or the sheet ends. */
static fs_status_t run_sheet(fs_book_t *b, size_t index, fs_row_sink_t sink, fs_error_t *err)
{
    fs_parse_clear(&b->parse);
    b->parse.zip = b->zip;
    b->parse.book_name = b->file;
    b->parse.sink = sink;
    b->parse.sink_ctx = b;
    b->parse.row.row = 1;
    b->parse.row.max_cell_bytes = b->opt.max_field_bytes;
    fs_status_t st = b->fmt->begin(b->impl, b->zip, index, &b->parse, err);
    while (st == FS_OK && sink != NULL)
        st = fs_parse_step(&b->parse, err);
    return st == FS_EOF ? FS_OK : st;
}

/* ---- the table in the rows looked at ---- */

static size_t lfilled(const lookrow_t *r, long c0, long c1)
{
    size_t n = 0;
    for (size_t i = 0; i < r->ncells; i++)
        n += r->cells[i].col >= c0 && r->cells[i].col <= c1 && !blank(r->cells[i].text);
    return n;
}

static const char *lcell(const lookrow_t *r, long col)
{
    for (size_t i = 0; i < r->ncells; i++) {
        if (r->cells[i].col == col && !blank(r->cells[i].text))
            return r->cells[i].text;
    }
    return NULL;
}

static void lspan(const lookrow_t *r, long *c0, long *c1)
{
    for (size_t i = 0; i < r->ncells; i++) {
        if (blank(r->cells[i].text))
            continue;
        if (r->cells[i].col < *c0)
            *c0 = r->cells[i].col;
        if (r->cells[i].col > *c1)
            *c1 = r->cells[i].col;
    }
}

static int has_number(const lookrow_t *r)
{
    for (size_t i = 0; i < r->ncells; i++) {
        double v;
        if (fs_parse_number(r->cells[i].text, r->cells[i].len, &v, NULL) == FS_FIELD_NUMBER)
            return 1;
    }
    return 0;
}

/* A header name: runs of blanks and line ends become one space. */
static char *header_name(const char *upper, const char *lower)
{
    size_t n = (upper ? strlen(upper) : 0) + (lower ? strlen(lower) : 0) + 2;
    char *s = malloc(n), *o = s;
    if (s == NULL)
        return NULL;
    const char *parts[2] = {upper, lower};
    for (int k = 0; k < 2; k++) {
        for (const char *c = parts[k]; c != NULL && *c; c++) {
            int space = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r';
            if (!space)
                *o++ = *c;
            else if (o > s && o[-1] != ' ')
                *o++ = ' ';
        }
        if (k == 0 && o > s && o[-1] != ' ')
            *o++ = ' ';
    }
    while (o > s && o[-1] == ' ')
        o--;
    *o = '\0';
    return s;
}

/* The flattened header of rows h (and h + 1 when two). */
static int flatten(spec_t *sp, const lookrow_t *h, const lookrow_t *h2)
{
    size_t w = (size_t)(sp->c1 - sp->c0 + 1);
    sp->header = calloc(w, sizeof *sp->header);
    if (sp->header == NULL)
        return 0;
    const char *carry = NULL;
    for (long c = sp->c0; c <= sp->c1; c++) {
        const char *upper = h != NULL ? lcell(h, c) : NULL, *lower = NULL;
        if (h2 != NULL) {
            lower = lcell(h2, c);
            /* A merged cell spans the columns to its right. */
            if (upper != NULL)
                carry = upper;
            else if (lower != NULL)
                upper = carry;
        }
        if ((sp->header[c - sp->c0] = header_name(upper, lower)) == NULL)
            return 0;
    }
    return 1;
}

/* Finds the table in the rows looked at; sp->found stays 0 when there is
 * none (no row of two cells, or no row under the header). */
static int find_table(const fs_book_t *b, spec_t *sp, int sheet_ended)
{
    size_t h = 0;
    while (h < b->nlook && lfilled(&b->look[h], 0, FS_SHEET_MAX_COLUMNS) < 2)
        h++;
    if (h == b->nlook)
        return 1;
    const lookrow_t *top = &b->look[h], *second = NULL;
    sp->c0 = FS_SHEET_MAX_COLUMNS;
    sp->c1 = -1;
    lspan(top, &sp->c0, &sp->c1);
    size_t gaps = (size_t)(sp->c1 - sp->c0 + 1) - lfilled(top, sp->c0, sp->c1);
    if (h + 1 < b->nlook && b->look[h + 1].row == top->row + 1 && gaps > 0 &&
        lfilled(&b->look[h + 1], 0, FS_SHEET_MAX_COLUMNS) >= 2 && !has_number(&b->look[h + 1])) {
        second = &b->look[h + 1];
        lspan(second, &sp->c0, &sp->c1);
    }
    size_t data = h + (second != NULL ? 2 : 1);
    if (data >= b->nlook && sheet_ended)
        return 1;
    sp->header_first = top->row;
    sp->header_last = second != NULL ? second->row : top->row;
    sp->last = FS_SHEET_MAX_ROWS;
    sp->found = 1;
    return flatten(sp, top, second);
}

/* "A5:H50" into sp: the header is row 5, the data rows 6 to 50. */
static int parse_range(const char *range, spec_t *sp)
{
    const char *colon = strchr(range, ':');
    long r0, r1;
    if (colon == NULL || !fs_cell_ref_parse(range, (size_t)(colon - range), &sp->c0, &r0) ||
        !fs_cell_ref_parse(colon + 1, strlen(colon + 1), &sp->c1, &r1) || r0 == 0 || r1 == 0 ||
        sp->c1 < sp->c0 || r1 < r0)
        return 0;
    sp->ranged = 1;
    sp->header_first = sp->header_last = r0;
    sp->last = r1;
    return 1;
}

static void spec_free(spec_t *sp, size_t w)
{
    if (sp->header != NULL)
        for (size_t i = 0; i < w; i++)
            free(sp->header[i]);
    free(sp->header);
    memset(sp, 0, sizeof *sp);
}

/* Pass 1 on sheet index: finds its table (a range's header) into b->spec. */
static fs_status_t look_at(fs_book_t *b, size_t index, const char *range, fs_error_t *err)
{
    spec_free(&b->spec, width(b));
    if (range != NULL && !parse_range(range, &b->spec)) {
        fs_error_at(err, b->file, 0, 0, range, strlen(range));
        return fs_error_set(err, FS_EINVAL, "not a range of cells (give one as A5:H50)");
    }
    fs_status_t st = run_sheet(b, index, look_sink, err);
    if (st == FS_OK) {
        int ended = b->nlook < LOOK_ROWS;
        if (b->spec.ranged) {
            const lookrow_t *h =
                b->nlook > 0 && b->look[0].row == b->spec.header_first ? &b->look[0] : NULL;
            b->spec.found = 1;
            if (!flatten(&b->spec, h, NULL))
                st = nomem(err);
        } else if (!find_table(b, &b->spec, ended)) {
            st = nomem(err);
        }
    }
    look_clear(b);
    return st;
}

/* ---- pass 2: the table's rows as records ---- */

static fs_status_t data_sink(void *ctx, const fs_sheet_row_t *row, fs_error_t *err)
{
    fs_book_t *b = ctx;
    const spec_t *sp = &b->spec;
    long end = row->row + row->repeat - 1;
    if (end <= sp->header_last)
        return FS_OK;
    if (row->row > sp->last)
        return FS_EOF;
    int empty = filled(row, sp->c0, sp->c1) == 0;
    if (!sp->ranged && b->started && (empty || row->row > b->expected))
        return FS_EOF; /* the first blank row ends the table */
    if (empty)
        return FS_OK;
    b->started = 1;
    b->expected = end + 1;
    long repeat = row->repeat;
    if (end > sp->last)
        repeat = sp->last - row->row + 1;
    b->rows += (size_t)repeat;
    if (b->counting)
        return FS_OK;
    if (b->qn == b->qcap) {
        size_t c = b->qcap ? b->qcap * 2 : 64;
        queued_t *q = realloc(b->q, c * sizeof *q);
        if (q == NULL)
            return nomem(err);
        b->q = q;
        b->qcap = c;
    }
    queued_t *r = &b->q[b->qn];
    memset(r, 0, sizeof *r);
    if (!copy_row(row, sp->c0, sp->c1, r)) {
        queued_free(r, width(b));
        return nomem(err);
    }
    r->repeat = repeat;
    b->qn++;
    return FS_OK;
}

static void give(fs_book_t *b, const queued_t *r, long line, fs_record_t *rec)
{
    rec->nfields = width(b);
    rec->fields = r->fields;
    rec->lens = r->lens;
    rec->line = line;
}

fs_status_t fs_book_next(fs_book_t *b, fs_record_t *rec, fs_error_t *err)
{
    if (!b->header_out) {
        b->header_out = 1;
        b->cur.lens = calloc(width(b), sizeof *b->cur.lens);
        if (b->cur.lens == NULL)
            return nomem(err);
        for (size_t i = 0; i < width(b); i++)
            b->cur.lens[i] = strlen(b->spec.header[i]);
        rec->nfields = width(b);
        rec->fields = b->spec.header;
        rec->lens = b->cur.lens;
        rec->line = b->spec.header_last;
        return FS_OK;
    }
    if (b->cur.repeat > 1) {
        b->cur.repeat--;
        give(b, &b->cur, ++b->cur.line, rec);
        return FS_OK;
    }
    queued_free(&b->cur, width(b));
    while (b->qhead == b->qn && !b->ended) {
        b->qhead = b->qn = 0;
        fs_status_t st = fs_parse_step(&b->parse, err);
        if (st == FS_EOF)
            b->ended = 1;
        else if (st != FS_OK)
            return st;
    }
    if (b->qhead == b->qn)
        return FS_EOF;
    b->cur = b->q[b->qhead++];
    give(b, &b->cur, b->cur.line, rec);
    return FS_OK;
}

/* ---- opening ---- */

/* Cover, contents and notes sheets, by their names. */
static int passed_over(const char *name)
{
    static const char *const prefixes[] = {
        "cover", "contents", "table of contents", "notes", "note ", "readme", "read me"};
    while (*name == ' ')
        name++;
    if (strcasecmp(name, "note") == 0)
        return 1;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (strncasecmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    }
    return 0;
}

/* Standard input or memory: the archive is read into memory. */
static fs_status_t slurp(fs_book_t *b, fs_source_t *src, size_t *len, fs_error_t *err)
{
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            size_t c = cap ? cap * 2 : 1u << 20;
            if ((long long)c > FS_ZIP_MAX_MEMORY_ARCHIVE + 1)
                c = (size_t)FS_ZIP_MAX_MEMORY_ARCHIVE + 1;
            unsigned char *m = c > cap ? realloc(b->memory, c) : NULL;
            if (m == NULL) {
                fs_error_at(err, b->file, 0, 0, NULL, 0);
                return c > cap ? nomem(err)
                               : fs_error_set(err, FS_ELIMIT,
                                              "a workbook of over 256 MiB on "
                                              "standard input");
            }
            b->memory = m;
            cap = c;
        }
        size_t got;
        fs_status_t st = fs_source_read_raw(src, b->memory + *len, cap - *len, &got, err);
        if (st != FS_OK)
            return st;
        if (got == 0)
            return FS_OK;
        *len += got;
    }
}

static int workbook_named(const char *name)
{
    static const char *const exts[] = {".xlsx", ".xlsm", ".ods"};
    size_t len = strlen(name);
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t n = strlen(exts[i]);
        if (len >= n && strcasecmp(name + len - n, exts[i]) == 0)
            return 1;
    }
    return 0;
}

static fs_status_t open_container(fs_book_t *b, fs_source_t *src, const char *path, fs_error_t *err)
{
    fs_status_t st;
    if (path != NULL && strcmp(path, "-") != 0) {
        st = fs_zip_open(&b->zip, path, NULL, 0, b->file, err);
    } else {
        size_t len;
        if ((st = slurp(b, src, &len, err)) != FS_OK)
            return st;
        st = fs_zip_open(&b->zip, NULL, b->memory, len, b->file, err);
    }
    /* A zip that is no archive at all, not named as a workbook, is
     * refused as before workbooks were read: zip data, not CSV. */
    if (st == FS_EPARSE && b->zip == NULL && !workbook_named(b->file))
        return fs_source_refuse(src, err);
    if (st != FS_OK)
        return st;
    if (fs_zip_has(b->zip, "xl/workbook.xml")) {
        b->fmt = &fs_xlsx_format;
        b->impl = fs_xlsx_new();
    } else if (fs_zip_has(b->zip, "content.xml")) {
        b->fmt = &fs_ods_format;
        b->impl = fs_ods_new();
    } else if (!workbook_named(b->file)) {
        return fs_source_refuse(src, err); /* as before workbooks were read */
    } else {
        fs_error_at(err, b->file, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EPARSE,
                            "a zip archive, but not an .xlsx or .ods workbook (forcestat reads "
                            "those, plain CSV and gzip)");
    }
    if (b->impl == NULL)
        return nomem(err);
    if ((st = b->fmt->list(b->impl, b->zip, &b->sheets, &b->nsheets, err)) != FS_OK)
        return st;
    if (b->nsheets == 0) {
        fs_error_at(err, b->file, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EPARSE, "the workbook holds no sheet");
    }
    return FS_OK;
}

/* The sheet named (exactly, else ignoring case) or numbered from 1. */
static fs_status_t choose(fs_book_t *b, const char *want, size_t *index, fs_error_t *err)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < b->nsheets; i++) {
            if (pass == 0 ? strcmp(b->sheets[i], want) == 0 : strcasecmp(b->sheets[i], want) == 0) {
                *index = i;
                return FS_OK;
            }
        }
    }
    char *end;
    long n = strtol(want, &end, 10);
    if (*want >= '0' && *want <= '9' && *end == '\0' && n >= 1 && (size_t)n <= b->nsheets) {
        *index = (size_t)n - 1;
        return FS_OK;
    }
    char list[200] = "";
    size_t k = 0;
    for (size_t i = 0; i < b->nsheets && k + 8 < sizeof list; i++) {
        int w = snprintf(list + k, sizeof list - k, "%s'%s'", i ? ", " : "", b->sheets[i]);
        k = w < 0 || (size_t)w >= sizeof list - k ? sizeof list - 1 : k + (size_t)w;
    }
    fs_error_at(err, b->file, 0, 0, want, strlen(want));
    return fs_error_set(err, FS_ENOTFOUND, "no such sheet; the sheets are %s", list);
}

/* The sheet and table to read: chosen, or the first sheet not passed
 * over that holds a table. */
static fs_status_t find(fs_book_t *b, const fs_sheet_choice_t *which, fs_error_t *err)
{
    const char *sheet = which != NULL ? which->sheet : NULL;
    const char *range = which != NULL ? which->range : NULL;
    fs_status_t st;
    if (sheet != NULL) {
        if ((st = choose(b, sheet, &b->sheet, err)) != FS_OK)
            return st;
        if ((st = look_at(b, b->sheet, range, err)) != FS_OK)
            return st;
    } else {
        for (b->sheet = 0; b->sheet < b->nsheets; b->sheet++) {
            if (passed_over(b->sheets[b->sheet]))
                continue;
            if ((st = look_at(b, b->sheet, range, err)) != FS_OK)
                return st;
            if (b->spec.found)
                break;
        }
    }
    if (b->spec.found)
        return FS_OK;
    fs_error_at(err, b->file, 0, 0, NULL, 0);
    if (sheet != NULL)
        return fs_error_set(err, FS_ENOTFOUND,
                            "no table found in sheet '%s' (give its cells with --range)",
                            b->sheets[b->sheet]);
    return fs_error_set(err, FS_ENOTFOUND,
                        "no table found in any sheet of the workbook (choose one with --sheet "
                        "and --range)");
}

static fs_status_t book_new(fs_book_t **out, fs_source_t *src, const char *path,
                            const fs_read_options_t *opt, fs_error_t *err)
{
    fs_book_t *b = calloc(1, sizeof *b);
    *out = b;
    if (b == NULL)
        return nomem(err);
    snprintf(b->file, sizeof b->file, "%s", src->name);
    if (opt != NULL)
        b->opt = *opt;
    else
        fs_read_options_init(&b->opt);
    return open_container(b, src, path, err);
}

fs_status_t fs_book_reader_open(fs_book_t **out, fs_source_t *src, const char *path,
                                const fs_sheet_choice_t *which, const fs_read_options_t *opt,
                                char *name, size_t name_size, fs_error_t *err)
{
    *out = NULL;
    fs_book_t *b;
    fs_status_t st = book_new(&b, src, path, opt, err);
    if (st == FS_OK)
        st = find(b, which, err);
    if (st == FS_OK)
        st = run_sheet(b, b->sheet, NULL, err);
    if (st != FS_OK) {
        fs_book_free(b);
        return st;
    }
    b->parse.sink = data_sink;
    char c0[8], c1[8];
    fs_column_letters(b->spec.c0, c0);
    fs_column_letters(b->spec.c1, c1);
    snprintf(name, name_size, "%s: %s!%s:%s", b->file, b->sheets[b->sheet], c0, c1);
    *out = b;
    return FS_OK;
}

void fs_book_free(fs_book_t *b)
{
    if (b == NULL)
        return;
    queued_free(&b->cur, b->spec.found ? width(b) : 0);
    for (size_t i = b->qhead; i < b->qn; i++)
        queued_free(&b->q[i], width(b));
    free(b->q);
    spec_free(&b->spec, b->spec.found ? width(b) : 0);
    look_clear(b);
    fs_parse_clear(&b->parse);
    if (b->fmt != NULL)
        b->fmt->free(b->impl);
    fs_zip_free(b->zip);
    free(b->memory);
    free(b);
}

/* ---- the listing ---- */

static fs_status_t describe_sheet(fs_book_t *b, size_t i, fs_sheet_info_t *info, fs_error_t *err)
{
    if ((info->name = strdup(b->sheets[i])) == NULL)
        return nomem(err);
    info->passed_over = passed_over(b->sheets[i]);
    if (info->passed_over)
        return FS_OK;
    fs_status_t st = look_at(b, i, NULL, err);
    if (st != FS_OK || !b->spec.found)
        return st;
    b->counting = 1;
    b->started = 0;
    b->rows = 0;
    b->expected = b->spec.header_last + 1;
    if ((st = run_sheet(b, i, data_sink, err)) != FS_OK)
        return st;
    info->has_table = 1;
    info->first_row = b->spec.header_first;
    info->last_row = b->started ? b->expected - 1 : b->spec.header_last;
    info->first_col = b->spec.c0;
    info->last_col = b->spec.c1;
    info->header_rows = b->spec.header_last - b->spec.header_first + 1;
    info->nrows = b->rows;
    info->ncols = width(b);
    info->header = b->spec.header; /* handed over */
    b->spec.header = NULL;
    b->spec.found = 0;
    return FS_OK;
}

void fs_sheet_list_free(fs_sheet_list_t *l)
{
    if (l == NULL)
        return;
    for (size_t i = 0; i < l->n; i++) {
        fs_sheet_info_t *s = &l->sheets[i];
        free(s->name);
        for (size_t k = 0; s->header != NULL && k < s->ncols; k++)
            free(s->header[k]);
        free(s->header);
    }
    free(l->sheets);
    l->sheets = NULL;
    l->n = 0;
}

fs_status_t fs_workbook_sheets(fs_sheet_list_t *out, const char *path, const fs_read_options_t *opt,
                               fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    fs_source_t *src;
    fs_status_t st = fs_source_open_path(&src, path, err);
    if (st != FS_OK)
        return st;
    fs_input_kind_t kind;
    fs_book_t *b = NULL;
    if ((st = fs_source_kind(src, &kind, err)) == FS_OK && kind != FS_INPUT_ZIP) {
        fs_error_at(err, src->name, 0, 0, NULL, 0);
        st = fs_error_set(err, FS_EPARSE, "not a workbook (.xlsx or .ods)");
    }
    if (st == FS_OK)
        st = book_new(&b, src, path, opt, err);
    if (st == FS_OK && (out->sheets = calloc(b->nsheets, sizeof *out->sheets)) == NULL)
        st = nomem(err);
    for (size_t i = 0; st == FS_OK && i < b->nsheets; i++) {
        out->n++;
        st = describe_sheet(b, i, &out->sheets[i], err);
    }
    fs_book_free(b);
    fs_source_free(src);
    if (st != FS_OK)
        fs_sheet_list_free(out);
    return st;
}

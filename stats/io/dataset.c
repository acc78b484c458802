/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dataset.c: the table builder.  Records from the reader (csv.c, over a
 * source of source.h) become an fs_table: a header of distinct names and
 * rows of its width, blank rows skipped; and the table's own operations
 * (columns by name, numbers, filters, subsets). */
#include "forcestat/dataset.h"

#include "distance.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forcestat/number.h"

/* ---- tables ---- */

typedef struct table_storage {
    char *text;
    size_t text_len, text_cap;
    size_t *cell_offsets;
    size_t cells_len, cells_cap;
    long *lines;
    size_t rows_cap;
} table_storage_t;

void fs_table_free(fs_table_t *t)
{
    if (t == NULL)
        return;
    table_storage_t *s = t->storage_;
    if (s != NULL) {
        free(s->text);
        free(s->cell_offsets);
        free(s);
    }
    free(t->name);
    free(t->columns);
    free(t->cells);
    free(t->lines);
    free(t);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (q == NULL)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

static int all_blank(const fs_record_t *rec)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        for (const char *c = rec->fields[i]; *c; c++) {
            if (*c != ' ' && *c != '\t')
                return 0;
        }
    }
    return 1;
}

static fs_status_t store_record(fs_table_t *t, table_storage_t *s, const fs_record_t *rec)
{
    if (!grow((void **)&s->cell_offsets, &s->cells_cap, s->cells_len + rec->nfields,
              sizeof *s->cell_offsets))
        return FS_ENOMEM;
    for (size_t i = 0; i < rec->nfields; i++) {
        size_t len = rec->lens[i] + 1;
        if (!grow((void **)&s->text, &s->text_cap, s->text_len + len, 1))
            return FS_ENOMEM;
        memcpy(s->text + s->text_len, rec->fields[i], len);
        s->cell_offsets[s->cells_len++] = s->text_len;
        s->text_len += len;
    }
    (void)t;
    return FS_OK;
}

typedef struct named {
    const char *name;
    size_t index;
} named_t;

static int by_name_then_index(const void *pa, const void *pb)
{
    const named_t *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    return c != 0 ? c : (a->index > b->index) - (a->index < b->index);
}

/* Duplicate column names are an error naming the later one.  Sorting
 * keeps this O(n log n) for tables of 10,000 measures. */
static fs_status_t check_header(const fs_record_t *rec, const char *file, fs_error_t *err)
{
    named_t *v = malloc((rec->nfields ? rec->nfields : 1) * sizeof *v);
    if (v == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < rec->nfields; i++) {
        v[i].name = rec->fields[i];
        v[i].index = i;
    }
    qsort(v, rec->nfields, sizeof *v, by_name_then_index);
    /* Each run of one name, sorted by position: its second element is that
     * name's first repeat.  Report the earliest repeat of any name. */
    size_t worst = (size_t)-1, first = 0;
    for (size_t i = 1; i < rec->nfields; i++) {
        int repeat = strcmp(v[i].name, v[i - 1].name) == 0;
        int second = repeat && (i < 2 || strcmp(v[i - 2].name, v[i].name) != 0);
        if (second && v[i].index < worst) {
            worst = v[i].index;
            first = v[i - 1].index;
        }
    }
    free(v);
    if (worst == (size_t)-1)
        return FS_OK;
    fs_error_at(err, file, rec->line, (long)worst + 1, rec->fields[worst], rec->lens[worst]);
    return fs_error_set(err, FS_EPARSE, "duplicate column name (also column %zu)", first + 1);
}

static fs_status_t read_table(fs_table_t **out, fs_reader_t *r, fs_error_t *err)
{
    fs_status_t st = FS_OK;
    table_storage_t *s = calloc(1, sizeof *s);
    fs_table_t *t = calloc(1, sizeof *t);
    if (s == NULL || t == NULL) {
        free(s);
        free(t);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    t->storage_ = s;
    fs_record_t rec;
    st = fs_reader_next(r, &rec, err);
    /* After the first read, which names a workbook's table. */
    t->name = strdup(fs_reader_name(r));
    if (t->name == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (st == FS_EOF) {
        fs_error_at(err, t->name, 0, 0, NULL, 0);
        st = fs_error_set(err, FS_EPARSE, "empty file: a header row is required");
        goto cleanup;
    }
    if (st != FS_OK)
        goto cleanup;
    t->ncols = rec.nfields;
    if ((st = check_header(&rec, t->name, err)) != FS_OK)
        goto cleanup;
    if ((st = store_record(t, s, &rec)) != FS_OK)
        goto nomem;
    size_t rows_cap = 0;
    while ((st = fs_reader_next(r, &rec, err)) == FS_OK) {
        if (all_blank(&rec))
            continue;
        if (rec.nfields != t->ncols) {
            /* Point at the first missing field, or the first extra one. */
            long col = (long)(rec.nfields < t->ncols ? rec.nfields : t->ncols) + 1;
            fs_error_at(err, t->name, rec.line, col, NULL, 0);
            st = fs_error_set(err, FS_EPARSE,
                              "ragged row: %zu field%s where the header has %zu", rec.nfields,
                              rec.nfields == 1 ? "" : "s", t->ncols);
            goto cleanup;
        }
        if (!grow((void **)&t->lines, &rows_cap, t->nrows + 1, sizeof *t->lines))
            goto nomem;
        t->lines[t->nrows++] = rec.line;
        if ((st = store_record(t, s, &rec)) != FS_OK)
            goto nomem;
    }
    if (st != FS_EOF)
        goto cleanup;
    st = FS_OK;
    /* Now that the text no longer moves, turn offsets into pointers. */
    t->columns = malloc((t->ncols ? t->ncols : 1) * sizeof *t->columns);
    size_t ncells = t->nrows * t->ncols;
    t->cells = malloc((ncells > 0 ? ncells : 1) * sizeof *t->cells);
    if (t->columns == NULL || t->cells == NULL)
        goto nomem;
    for (size_t i = 0; i < t->ncols; i++)
        t->columns[i] = s->text + s->cell_offsets[i];
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        t->cells[i] = s->text + s->cell_offsets[t->ncols + i];
    *out = t;
    return FS_OK;
nomem:
    st = fs_error_set(err, FS_ENOMEM, "out of memory");
cleanup:
    fs_table_free(t);
    return st;
}

fs_status_t fs_table_read_reader(fs_table_t **out, fs_reader_t *r, fs_error_t *err)
{
    *out = NULL;
    return read_table(out, r, err);
}

fs_status_t fs_table_read(fs_table_t **out, const char *path, const fs_read_options_t *opt,
                          fs_error_t *err)
{
    *out = NULL;
    fs_reader_t *r = NULL;
    fs_status_t st = fs_reader_open(&r, path, opt, err);
    if (st != FS_OK)
        return st;
    st = read_table(out, r, err);
    fs_reader_free(r);
    return st;
}

fs_status_t fs_table_read_sheet(fs_table_t **out, const char *path,
                                const fs_sheet_choice_t *which, const fs_read_options_t *opt,
                                fs_error_t *err)
{
    *out = NULL;
    fs_reader_t *r = NULL;
    fs_status_t st = fs_reader_open_sheet(&r, path, which, opt, err);
    if (st != FS_OK)
        return st;
    st = read_table(out, r, err);
    fs_reader_free(r);
    return st;
}

fs_status_t fs_table_read_memory(fs_table_t **out, const void *data, size_t len,
                                 const char *name, const fs_read_options_t *opt,
                                 fs_error_t *err)
{
    *out = NULL;
    fs_reader_t *r = NULL;
    fs_status_t st = fs_reader_open_memory(&r, data, len, name, opt, err);
    if (st != FS_OK)
        return st;
    st = read_table(out, r, err);
    fs_reader_free(r);
    return st;
}

/* Compares ignoring ASCII case and surrounding blanks. */
static int loose_equal(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t')
        a++;
    while (*b == ' ' || *b == '\t')
        b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la > 0 && (a[la - 1] == ' ' || a[la - 1] == '\t'))
        la--;
    while (lb > 0 && (b[lb - 1] == ' ' || b[lb - 1] == '\t'))
        lb--;
    return la == lb && strncasecmp(a, b, la) == 0;
}

fs_status_t fs_table_find_column(const fs_table_t *t, const char *name, size_t *col,
                                 fs_error_t *err)
{
    for (size_t i = 0; i < t->ncols; i++) {
        if (strcmp(t->columns[i], name) == 0) {
            *col = i;
            return FS_OK;
        }
    }
    for (size_t i = 0; i < t->ncols; i++) {
        if (loose_equal(t->columns[i], name)) {
            *col = i;
            return FS_OK;
        }
    }
    /* List what there is, so the user can correct the name. */
    char list[200];
    size_t k = 0;
    list[0] = '\0';
    for (size_t i = 0; i < t->ncols && k + 8 < sizeof list; i++) {
        int n = snprintf(list + k, sizeof list - k, "%s'%s'", i ? ", " : "", t->columns[i]);
        if (n < 0 || (size_t)n >= sizeof list - k) {
            /* Cut at the last complete name. */
            size_t at = k < sizeof list - 6 ? k : sizeof list - 6;
            memcpy(list + at, ", ...", 6);
            break;
        }
        k += (size_t)n;
    }
    /* A near miss ("rate_per_100" for "rate_per_1000") is named. */
    size_t len = strlen(name), best = fs_near_miss_limit(len) + 1, near = t->ncols;
    for (size_t i = 0; i < t->ncols; i++) {
        size_t d = fs_edit_distance(name, len, t->columns[i], strlen(t->columns[i]), best - 1);
        if (d < best) {
            best = d;
            near = i;
        }
    }
    char hint[160] = "";
    if (near < t->ncols)
        snprintf(hint, sizeof hint, " (did you mean '%.100s'?)", t->columns[near]);
    fs_error_at(err, t->name, 0, 0, name, len);
    return fs_error_raise(err, FS_ENOTFOUND, FS_REASON_COLUMN_NOT_FOUND, FS_ERROR_NO_INDEX,
                          "no such column%s; the columns are %s", hint, list);
}

fs_status_t fs_table_numeric_column(const fs_table_t *t, size_t col, double *values,
                                    fs_error_t *err)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const char *cell = fs_table_cell(t, i, col);
        size_t len = strlen(cell);
        const char *why;
        switch (fs_parse_number(cell, len, &values[i], &why)) {
        case FS_FIELD_NUMBER: break;
        case FS_FIELD_MISSING: values[i] = NAN; break;
        case FS_FIELD_INVALID:
            fs_error_at(err, t->name, t->lines[i], (long)col + 1, cell, len);
            return fs_error_raise(err, FS_EPARSE, FS_REASON_NOT_A_NUMBER, i, "column '%s': %s",
                                  t->columns[col], why);
        }
    }
    return FS_OK;
}

int fs_match_field(const fs_match_t *m, const char *field, size_t len)
{
    while (len > 0 && (*field == ' ' || *field == '\t'))
        field++, len--;
    while (len > 0 && (field[len - 1] == ' ' || field[len - 1] == '\t'))
        len--;
    for (size_t i = 0; i < m->nvalues; i++) {
        if (strlen(m->values[i]) == len && memcmp(m->values[i], field, len) == 0)
            return 1;
    }
    return 0;
}

fs_status_t fs_table_filter(fs_table_t *t, const fs_match_t *m, fs_error_t *err)
{
    size_t col;
    fs_status_t st = fs_table_find_column(t, m->column, &col, err);
    if (st != FS_OK)
        return st;
    size_t kept = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const char *cell = fs_table_cell(t, i, col);
        if (!fs_match_field(m, cell, strlen(cell)))
            continue;
        if (kept != i) {
            memmove(&t->cells[kept * t->ncols], &t->cells[i * t->ncols],
                    t->ncols * sizeof *t->cells);
            t->lines[kept] = t->lines[i];
        }
        kept++;
    }
    t->nrows = kept;
    return FS_OK;
}

fs_status_t fs_table_subset(const fs_table_t *t, const size_t *rows, size_t n, fs_table_t **out,
                            fs_error_t *err)
{
    *out = NULL;
    size_t bytes = 0;
    for (size_t j = 0; j < t->ncols; j++)
        bytes += strlen(t->columns[j]) + 1;
    for (size_t k = 0; k < n; k++) {
        if (rows[k] >= t->nrows)
            return fs_error_set(err, FS_EINVAL, "row %zu out of range", rows[k] + 1);
        for (size_t j = 0; j < t->ncols; j++)
            bytes += strlen(fs_table_cell(t, rows[k], j)) + 1;
    }
    fs_table_t *u = calloc(1, sizeof *u);
    table_storage_t *s = calloc(1, sizeof *s);
    if (u == NULL || s == NULL) {
        free(u);
        free(s);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    u->storage_ = s;
    u->ncols = t->ncols;
    u->nrows = n;
    u->name = strdup(t->name);
    s->text = malloc(bytes ? bytes : 1);
    u->columns = malloc((t->ncols ? t->ncols : 1) * sizeof *u->columns);
    size_t ncells = n * t->ncols;
    u->cells = malloc((ncells ? ncells : 1) * sizeof *u->cells);
    u->lines = malloc((n ? n : 1) * sizeof *u->lines);
    if (u->name == NULL || s->text == NULL || u->columns == NULL || u->cells == NULL ||
        u->lines == NULL) {
        fs_table_free(u);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    char *p = s->text;
    for (size_t j = 0; j < t->ncols; j++) {
        size_t len = strlen(t->columns[j]) + 1;
        memcpy(p, t->columns[j], len);
        u->columns[j] = p;
        p += len;
    }
    for (size_t k = 0; k < n; k++) {
        u->lines[k] = t->lines[rows[k]];
        for (size_t j = 0; j < t->ncols; j++) {
            const char *cell = fs_table_cell(t, rows[k], j);
            size_t len = strlen(cell) + 1;
            memcpy(p, cell, len);
            u->cells[k * t->ncols + j] = p;
            p += len;
        }
    }
    s->text_len = s->text_cap = bytes;
    *out = u;
    return FS_OK;
}

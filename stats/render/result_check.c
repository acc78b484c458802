/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_check.c: what a dataset holds (check): its rows by kind, its
 * names left out, its columns (results.h). */
#include "render/results.h"

#include <stdlib.h>
#include <string.h>

typedef struct labelled_row {
    const char *label;
    size_t row;
} labelled_row_t;

static int by_label_then_row(const void *pa, const void *pb)
{
    const labelled_row_t *a = pa, *b = pb;
    int c = strcmp(a->label, b->label);
    if (c != 0)
        return c;
    return (a->row > b->row) - (a->row < b->row);
}

static int by_row(const void *pa, const void *pb)
{
    const labelled_row_t *a = pa, *b = pb;
    return (a->row > b->row) - (a->row < b->row);
}

/* The distinct labels of the given rows, in order of first appearance,
 * into labels (room for n); returns how many, or (size_t)-1 out of
 * memory.  Sorting keeps this O(n log n) for row-level files with
 * hundreds of thousands of rows. */
static size_t distinct_labels(const fs_table_t *t, size_t fc, const size_t *rows, size_t n,
                              const char **labels)
{
    labelled_row_t *v = malloc((n ? n : 1) * sizeof *v);
    if (v == NULL)
        return (size_t)-1;
    for (size_t k = 0; k < n; k++) {
        v[k].label = fs_table_cell(t, rows[k], fc);
        v[k].row = rows[k];
    }
    qsort(v, n, sizeof *v, by_label_then_row);
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (m == 0 || strcmp(v[m - 1].label, v[k].label) != 0)
            v[m++] = v[k];
    }
    qsort(v, m, sizeof *v, by_row);
    for (size_t k = 0; k < m; k++)
        labels[k] = v[k].label;
    free(v);
    return m;
}

/* The rows of one kind (forces, or known units that are not) as a result
 * table: row, line, name, then code and force, or kind and code. */
static fs_status_t unit_rows(fs_rtable_t *rt, const fs_rcol_t *cols, const fs_table_t *t,
                             const fs_description_t *d, int forces, fs_error_t *err)
{
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        fs_unit_kind_t k = d->units[i].kind;
        n += forces ? k == FS_UNIT_FORCE : (k != FS_UNIT_FORCE && k != FS_UNIT_UNKNOWN);
    }
    fs_status_t st = fs_rtable_init(rt, cols, 5, n, err);
    for (size_t i = 0, r = 0; st == FS_OK && i < t->nrows; i++) {
        const fs_unit_t *u = &d->units[i];
        if (forces ? u->kind != FS_UNIT_FORCE
                   : (u->kind == FS_UNIT_FORCE || u->kind == FS_UNIT_UNKNOWN))
            continue;
        fs_rtable_number(rt, r, 0, (double)(i + 1));
        fs_rtable_number(rt, r, 1, (double)t->lines[i]);
        fs_rtable_text(rt, r, 2, fs_table_cell(t, i, d->force_column));
        fs_rtable_text(rt, r, 3, forces ? u->code : fs_unit_kind_name(u->kind));
        fs_rtable_text(rt, r, 4, forces ? u->name : u->code);
        r++;
    }
    return st;
}

static const fs_rcol_t matched_cols[] = {{.key = "row", .type = FS_RT_NUMBER},
                                         {.key = "line", .type = FS_RT_NUMBER},
                                         {.key = "name"},
                                         {.key = "code"},
                                         {.key = "force"}};
static const fs_rcol_t other_cols[] = {{.key = "row", .type = FS_RT_NUMBER},
                                       {.key = "line", .type = FS_RT_NUMBER},
                                       {.key = "name"},
                                       {.key = "kind"},
                                       {.key = "code"}};
static const fs_rcol_t measure_cols[] = {{.key = "name"},
                                         {.key = "values", .type = FS_RT_NUMBER},
                                         {.key = "missing", .type = FS_RT_NUMBER}};

enum {
    K_SCHEMA,
    K_FILE,
    K_ROWS,
    K_FORCE_COLUMN,
    K_MATCHED,
    K_NON_FORCES,
    K_UNKNOWN,
    K_DUPLICATES,
    K_ABSENT,
    K_MEASURES,
    K_TEXT_COLUMNS,
    K_FIELDS
};
FS_DOC_FITS(check_fields, K_FIELDS);
static const fs_dfield_t check_fields[K_FIELDS] = {
    [K_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [K_FILE] = {"file", FS_DT_TEXT, 1, 0},
    [K_ROWS] = {"rows", FS_DT_INTEGER, 1, 0},
    [K_FORCE_COLUMN] = {"force_column", FS_DT_TEXT, 1, 0},
    [K_MATCHED] = {"matched", FS_DT_ROWS, 1, 1},
    [K_NON_FORCES] = {"non_forces", FS_DT_ROWS, 1, 1},
    [K_UNKNOWN] = {"unknown", FS_DT_TEXTS, 1, 0},
    [K_DUPLICATES] = {"duplicates", FS_DT_TEXTS, 1, 0},
    [K_ABSENT] = {"absent", FS_DT_TEXTS, 1, 0},
    [K_MEASURES] = {"measures", FS_DT_ROWS, 1, 1},
    [K_TEXT_COLUMNS] = {"text_columns", FS_DT_TEXTS, 1, 0}};

/* What the report's lists point to. */
typedef struct check_lists {
    fs_rtable_t matched, others, measures;
    const char **unknown, **duplicates, **columns;
    const char *absent[FS_FORCE_COUNT];
    size_t nunknown, nduplicates, ncolumns, nabsent;
} check_lists_t;

/* The measures' table and the text columns' names. */
static fs_status_t column_lists(check_lists_t *l, const fs_table_t *t, const fs_description_t *d,
                                fs_error_t *err)
{
    size_t nmeasures = 0;
    for (size_t c = 0; c < t->ncols; c++)
        nmeasures += d->columns[c].is_measure != 0;
    fs_status_t st = fs_rtable_init(&l->measures, measure_cols, 3, nmeasures, err);
    for (size_t c = 0, r = 0; st == FS_OK && c < t->ncols; c++) {
        const fs_column_summary_t *cs = &d->columns[c];
        if (!cs->is_measure) {
            l->columns[l->ncolumns++] = t->columns[c];
            continue;
        }
        fs_rtable_text(&l->measures, r, 0, t->columns[c]);
        fs_rtable_number(&l->measures, r, 1, (double)cs->numbers);
        fs_rtable_number(&l->measures, r, 2, (double)cs->missing);
        r++;
    }
    return st;
}

/* Fills the lists; FS_ENOMEM when out of memory (free them after that
 * too). */
static fs_status_t check_lists(check_lists_t *l, const fs_table_t *t, const fs_description_t *d)
{
    fs_error_t err;
    memset(l, 0, sizeof *l);
    size_t *unknown = malloc((t->nrows ? t->nrows : 1) * sizeof *unknown);
    l->unknown = malloc((t->nrows ? t->nrows : 1) * sizeof *l->unknown);
    l->duplicates = malloc((d->nduplicates ? d->nduplicates : 1) * sizeof *l->duplicates);
    l->columns = malloc((t->ncols ? t->ncols : 1) * sizeof *l->columns);
    fs_status_t st = unknown && l->unknown && l->duplicates && l->columns ? FS_OK : FS_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; st == FS_OK && i < t->nrows; i++) {
        if (d->units[i].kind == FS_UNIT_UNKNOWN)
            unknown[n++] = i;
    }
    if (st == FS_OK) {
        l->nunknown = distinct_labels(t, d->force_column, unknown, n, l->unknown);
        l->nduplicates =
            distinct_labels(t, d->force_column, d->duplicate_rows, d->nduplicates, l->duplicates);
        if (l->nunknown == (size_t)-1 || l->nduplicates == (size_t)-1)
            st = FS_ENOMEM;
    }
    free(unknown);
    for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
        if (!d->present[f])
            l->absent[l->nabsent++] = fs_registry_force(f)->code;
    }
    if (st == FS_OK)
        st = unit_rows(&l->matched, matched_cols, t, d, 1, &err);
    if (st == FS_OK)
        st = unit_rows(&l->others, other_cols, t, d, 0, &err);
    if (st == FS_OK)
        st = column_lists(l, t, d, &err);
    return st;
}

static void check_lists_free(check_lists_t *l)
{
    fs_rtable_free(&l->matched);
    fs_rtable_free(&l->others);
    fs_rtable_free(&l->measures);
    free(l->unknown);
    free(l->duplicates);
    free(l->columns);
}

static void check_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d)
{
    check_lists_t l;
    if (check_lists(&l, t, d) != FS_OK) {
        check_lists_free(&l);
        out->failed = 1;
        return;
    }
    fs_doc_t doc;
    fs_doc_init(&doc, check_fields, K_FIELDS);
    fs_doc_integer(&doc, K_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_text(&doc, K_FILE, t->name);
    fs_doc_integer(&doc, K_ROWS, (long long)t->nrows);
    fs_doc_text(&doc, K_FORCE_COLUMN, t->columns[d->force_column]);
    fs_doc_rows(&doc, K_MATCHED, &l.matched);
    fs_doc_rows(&doc, K_NON_FORCES, &l.others);
    fs_doc_texts(&doc, K_UNKNOWN, l.unknown, l.nunknown);
    fs_doc_texts(&doc, K_DUPLICATES, l.duplicates, l.nduplicates);
    fs_doc_texts(&doc, K_ABSENT, l.absent, l.nabsent);
    fs_doc_rows(&doc, K_MEASURES, &l.measures);
    fs_doc_texts(&doc, K_TEXT_COLUMNS, l.columns, l.ncolumns);
    fs_render_json_doc(out, &doc, 0);
    fs_buf_putc(out, '\n');
    check_lists_free(&l);
}

/* The columns: measures with their counts, text columns, and warnings for
 * mostly numeric columns with cells that are not numbers. */
static void format_text_columns(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d)
{
    size_t fc = d->force_column;
    size_t nmeasures = 0;
    for (size_t c = 0; c < t->ncols; c++)
        nmeasures += d->columns[c].is_measure != 0;
    fs_buf_printf(out, "Measures (%zu):\n", nmeasures);
    for (size_t c = 0; c < t->ncols; c++) {
        const fs_column_summary_t *cs = &d->columns[c];
        if (cs->is_measure)
            fs_buf_printf(out, "  %-40s %zu values, %zu missing\n", t->columns[c], cs->numbers,
                          cs->missing);
    }
    fs_buf_puts(out, "Text columns:");
    int first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (d->columns[c].is_measure)
            continue;
        fs_buf_printf(out, "%s '%s'", first ? "" : ",", t->columns[c]);
        first = 0;
    }
    fs_buf_puts(out, first ? " none\n" : "\n");
    for (size_t c = 0; c < t->ncols; c++) {
        const fs_column_summary_t *cs = &d->columns[c];
        /* A mostly numeric column with a few bad cells is worth a warning:
         * it is probably a measure with typing errors. */
        if (c != fc && cs->invalid > 0 && cs->numbers > cs->invalid) {
            size_t row = cs->first_invalid_row;
            fs_buf_printf(out,
                          "Warning: column '%s' has %zu numbers but %zu cells that are not "
                          "numbers; first on line %ld: '%s'\n",
                          t->columns[c], cs->numbers, cs->invalid, t->lines[row],
                          fs_table_cell(t, row, c));
        }
    }
}

static void format_text(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d)
{
    size_t fc = d->force_column;
    size_t counts[FS_UNIT_OTHER + 1] = {0};
    for (size_t i = 0; i < t->nrows; i++)
        counts[d->units[i].kind]++;
    fs_buf_printf(out, "%s: %zu data rows, %zu columns; forces named in column '%s'\n", t->name,
                  t->nrows, t->ncols, t->columns[fc]);
    fs_buf_printf(out, "Forces: %zu of %d territorial forces found", d->forces_present,
                  FS_FORCE_COUNT);
    size_t absent = FS_FORCE_COUNT - d->forces_present;
    if (absent > 0 && absent <= 10) {
        /* Name the absent forces only when few are: a typo or a missing
         * row is then easy to spot. */
        fs_buf_puts(out, "; absent:");
        int first = 1;
        for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
            if (!d->present[f]) {
                fs_buf_printf(out, "%s %s", first ? "" : ",", fs_registry_force(f)->name);
                first = 0;
            }
        }
    }
    fs_buf_puts(out, "\n");
    if (d->nduplicates > 0) {
        /* Long tables repeat every force once per period: show a few. */
        fs_buf_printf(out, "Duplicates: %zu row%s name a force already seen:", d->nduplicates,
                      d->nduplicates == 1 ? "" : "s");
        size_t shown = d->nduplicates < 5 ? d->nduplicates : 5;
        for (size_t k = 0; k < shown; k++) {
            size_t row = d->duplicate_rows[k];
            fs_buf_printf(out, "%s '%s' (line %ld)", k ? "," : "", fs_table_cell(t, row, fc),
                          t->lines[row]);
        }
        fs_buf_puts(out, d->nduplicates > shown ? ", ...\n" : "\n");
    }
    /* Non-force rows, one line per distinct label with its count. */
    for (size_t i = 0; i < t->nrows; i++) {
        const fs_unit_t *u = &d->units[i];
        if (u->kind == FS_UNIT_FORCE || u->kind == FS_UNIT_UNKNOWN)
            continue;
        const char *label = fs_table_cell(t, i, fc);
        int earlier = 0;
        for (size_t j = 0; j < i && !earlier; j++)
            earlier = d->units[j].kind == u->kind && strcmp(fs_table_cell(t, j, fc), label) == 0;
        if (earlier)
            continue;
        size_t n = 0;
        for (size_t j = i; j < t->nrows; j++)
            n += d->units[j].kind == u->kind && strcmp(fs_table_cell(t, j, fc), label) == 0;
        fs_buf_printf(out, "Not a force (%s): '%s', %zu row%s, first on line %ld\n",
                      fs_unit_kind_name(u->kind), label, n, n == 1 ? "" : "s", t->lines[i]);
    }
    if (counts[FS_UNIT_UNKNOWN] > 0) {
        fs_buf_printf(out, "Unknown rows (%zu, kept as they are):", counts[FS_UNIT_UNKNOWN]);
        size_t shown = 0;
        for (size_t i = 0; i < t->nrows && shown < 10; i++) {
            if (d->units[i].kind != FS_UNIT_UNKNOWN)
                continue;
            const char *label = fs_table_cell(t, i, fc);
            fs_buf_printf(out, "%s '%s'", shown ? "," : "", label);
            int near = fs_registry_suggest(label, strlen(label));
            if (near >= 0)
                fs_buf_printf(out, " (did you mean %s?)", fs_registry_force((size_t)near)->name);
            shown++;
        }
        fs_buf_puts(out, counts[FS_UNIT_UNKNOWN] > shown ? ", ...\n" : "\n");
    }
    format_text_columns(out, t, d);
}

void fs_check_write(fs_buf_t *out, fs_output_format_t format, const fs_table_t *t,
                    const fs_description_t *d)
{
    if (format == FS_FORMAT_JSON)
        check_json(out, t, d);
    else
        format_text(out, t, d);
}

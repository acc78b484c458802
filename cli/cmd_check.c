/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_check.c: `forcestat check`, what a dataset holds. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common.h"

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
    CLI_HELP_SHEET
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

/* Writes the distinct labels of the given rows, in order of first
 * appearance, as a JSON array of strings.  Sorting keeps this O(n log n)
 * for row-level files with hundreds of thousands of rows. */
static void json_distinct_labels(fs_buf_t *out, const fs_table_t *t, size_t fc,
                                 const size_t *rows, size_t n)
{
    labelled_row_t *v = malloc((n ? n : 1) * sizeof *v);
    if (v == NULL) {
        out->failed = 1;
        return;
    }
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
    fs_buf_putc(out, '[');
    for (size_t k = 0; k < m; k++) {
        fs_buf_puts(out, k ? ", " : "");
        fs_json_string(out, v[k].label);
    }
    fs_buf_putc(out, ']');
    free(v);
}

/* A list of objects: "[]" when empty, else one object per line. */
static void json_list(fs_buf_t *out, const fs_rtable_t *rt)
{
    if (rt->nrows == 0)
        fs_buf_puts(out, "[]");
    else
        fs_render_json_rows(out, rt, "    ", "  ");
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

static void format_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d)
{
    static const fs_rcol_t matched_cols[] = {
        {.key = "row", .type = FS_RT_NUMBER}, {.key = "line", .type = FS_RT_NUMBER},
        {.key = "name"}, {.key = "code"}, {.key = "force"}};
    static const fs_rcol_t other_cols[] = {
        {.key = "row", .type = FS_RT_NUMBER}, {.key = "line", .type = FS_RT_NUMBER},
        {.key = "name"}, {.key = "kind"}, {.key = "code"}};
    static const fs_rcol_t measure_cols[] = {{.key = "name"},
                                             {.key = "values", .type = FS_RT_NUMBER},
                                             {.key = "missing", .type = FS_RT_NUMBER}};
    size_t fc = d->force_column;
    fs_error_t err;
    fs_rtable_t rt;
    fs_buf_puts(out, "{\n  " CLI_JSON_SCHEMA ",\n  \"file\": ");
    fs_json_string(out, t->name);
    fs_buf_printf(out, ",\n  \"rows\": %zu,\n  \"force_column\": ", t->nrows);
    fs_json_string(out, t->columns[fc]);
    for (int forces = 1; forces >= 0; forces--) {
        fs_buf_puts(out, forces ? ",\n  \"matched\": " : ",\n  \"non_forces\": ");
        if (unit_rows(&rt, forces ? matched_cols : other_cols, t, d, forces, &err) != FS_OK) {
            out->failed = 1;
            return;
        }
        json_list(out, &rt);
        fs_rtable_free(&rt);
    }
    fs_buf_puts(out, ",\n");
    size_t *unknown = malloc((t->nrows ? t->nrows : 1) * sizeof *unknown);
    size_t nunknown = 0;
    if (unknown == NULL) {
        out->failed = 1;
        return;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        if (d->units[i].kind == FS_UNIT_UNKNOWN)
            unknown[nunknown++] = i;
    }
    fs_buf_puts(out, "  \"unknown\": ");
    json_distinct_labels(out, t, fc, unknown, nunknown);
    free(unknown);
    fs_buf_puts(out, ",\n  \"duplicates\": ");
    json_distinct_labels(out, t, fc, d->duplicate_rows, d->nduplicates);
    fs_buf_puts(out, ",\n  \"absent\": [");
    int first = 1;
    for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
        if (d->present[f])
            continue;
        fs_buf_puts(out, first ? "" : ", ");
        fs_json_string(out, fs_registry_force(f)->code);
        first = 0;
    }
    size_t nmeasures = 0;
    for (size_t c = 0; c < t->ncols; c++)
        nmeasures += d->columns[c].is_measure != 0;
    if (fs_rtable_init(&rt, measure_cols, 3, nmeasures, &err) != FS_OK) {
        out->failed = 1;
        return;
    }
    for (size_t c = 0, r = 0; c < t->ncols; c++) {
        const fs_column_summary_t *cs = &d->columns[c];
        if (!cs->is_measure)
            continue;
        fs_rtable_text(&rt, r, 0, t->columns[c]);
        fs_rtable_number(&rt, r, 1, (double)cs->numbers);
        fs_rtable_number(&rt, r, 2, (double)cs->missing);
        r++;
    }
    fs_buf_puts(out, "],\n  \"measures\": ");
    json_list(out, &rt);
    fs_rtable_free(&rt);
    fs_buf_puts(out, ",\n  \"text_columns\": [");
    first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (d->columns[c].is_measure)
            continue;
        fs_buf_puts(out, first ? "" : ", ");
        fs_json_string(out, t->columns[c]);
        first = 0;
    }
    fs_buf_puts(out, "]\n}\n");
}

/* The columns: measures with their counts, text columns, and warnings for
 * mostly numeric columns with cells that are not numbers. */
static void format_text_columns(fs_buf_t *out, const fs_table_t *t,
                                const fs_description_t *d)
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
    fs_buf_printf(out, "%s: %zu data rows, %zu columns; forces named in column '%s'\n",
                  t->name, t->nrows, t->ncols, t->columns[fc]);
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
    if (so.format == FORMAT_JSON)
        format_json(&out, t, d);
    else
        format_text(&out, t, d);
    code = cli_write_output(&out, so.format);
    fs_buf_free(&out);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

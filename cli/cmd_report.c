/* cmd_report.c: `forcestat report`, every measure's band, charts and an
 * index.html in one command. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"
#include "outliers_output.h"

#ifndef FORCESTAT_DATADIR
#define FORCESTAT_DATADIR "/usr/local/share/forcestat/datasets"
#endif

static const char help[] =
    "Usage: forcestat report [DATASET...] [--highlight FORCE] [--output DIR]\n"
    "\n"
    "For every measure: the outlier band table (CSV and JSON), its bar chart,\n"
    "for proportions and rates the interval chart and the funnel plot (limits\n"
    "widened for over-dispersion), and for long tables with\n"
    "periods the trend chart of the highlighted force against England and\n"
    "Wales; then DIR/index.html with one section per measure and, at the top,\n"
    "a summary for the highlighted force.  All charts are drawn by one gnuplot\n"
    "process; every file is written atomically, index.html last.\n"
    "\n"
    "A DATASET is either a manifest (a CSV with columns file, title, kind,\n"
    "value, and optionally numerator, denominator, period, force, higher_is,\n"
    "ylabel, source; kind is value, proportion, rate or trend; files are\n"
    "relative to the manifest) or a plain force dataset, whose numeric columns\n"
    "each become a measure (numerator/denominator and count/population pairs\n"
    "are recognised as proportions and rates).  With no DATASET, the bundled\n"
    "manifest datasets/report.csv is used (from the current folder, else the\n"
    "installed copy).\n"
    "\n"
    "Options:\n"
    "  --highlight FORCE  the force the report is about (default Essex)\n"
    "  --output DIR       where to write (default ./out; created if missing)\n"
    "  --help             show this help\n";

typedef enum { KIND_VALUE, KIND_PROPORTION, KIND_RATE, KIND_TREND } kind_t;

typedef struct spec {
    char *file, *title, *value, *numerator, *denominator, *period, *force, *ylabel, *source;
    kind_t kind;
    higher_is_t higher;
} spec_t;

typedef struct result {
    const spec_t *spec;
    char slug[80];
    int has_bar, has_intervals, has_trend, has_funnel;
    char funnel_note[400];
    char *explanation; /* the band's sentence */
    char *section;     /* the section's table rows, HTML */
    /* For the summary. */
    int has_highlight;
    double value, z;
    fs_flag_t flag;
    int has_mark;
    fs_mark_t mark;
    int has_comparator;
    double comparator;
    double lower, upper, centre;
    char period[128];
} result_t;

static char *dup_or_null(const fs_table_t *t, size_t row, const char *name)
{
    size_t col;
    if (fs_table_find_column(t, name, &col, NULL) != FS_OK)
        return NULL;
    const char *v = fs_table_cell(t, row, col);
    return v[0] ? strdup(v) : NULL;
}

static void spec_free(spec_t *s)
{
    free(s->file);
    free(s->title);
    free(s->value);
    free(s->numerator);
    free(s->denominator);
    free(s->period);
    free(s->force);
    free(s->ylabel);
    free(s->source);
}

static int add_spec(spec_t **specs, size_t *n, size_t *cap, const spec_t *s)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        spec_t *p = realloc(*specs, c * sizeof *p);
        if (p == NULL)
            return 0;
        *specs = p;
        *cap = c;
    }
    (*specs)[(*n)++] = *s;
    return 1;
}

static char *join_path(const char *dir_of, const char *file)
{
    if (file[0] == '/')
        return strdup(file);
    const char *slash = strrchr(dir_of, '/');
    size_t dl = slash ? (size_t)(slash - dir_of + 1) : 0;
    char *p = malloc(dl + strlen(file) + 1);
    if (p != NULL) {
        memcpy(p, dir_of, dl);
        strcpy(p + dl, file);
    }
    return p;
}

/* Prints "FILE:LINE:COLUMN: message ('text')" for a manifest cell. */
static int manifest_cell_error(const fs_table_t *t, size_t row, const char *column,
                               const char *message)
{
    size_t col = 0;
    fs_table_find_column(t, column, &col, NULL);
    const char *text = fs_table_cell(t, row, col);
    fs_error_t err;
    fs_error_clear(&err);
    fs_error_at(&err, t->name, t->lines[row], (long)col + 1, text, strlen(text));
    fs_error_set(&err, FS_EPARSE, "%s", message);
    return cli_report(&err);
}

/* Reads a manifest's rows into specs; prints errors. */
static int read_manifest(const fs_table_t *t, spec_t **specs, size_t *n, size_t *cap)
{
    static const char *const required[] = {"file", "title", "kind", "value"};
    fs_error_t err;
    for (size_t k = 0; k < 4; k++) {
        size_t col;
        if (fs_table_find_column(t, required[k], &col, &err) != FS_OK)
            return cli_report(&err);
    }
    for (size_t i = 0; i < t->nrows; i++) {
        spec_t s;
        memset(&s, 0, sizeof s);
        char *file = dup_or_null(t, i, "file");
        char *kind = dup_or_null(t, i, "kind");
        char *higher = dup_or_null(t, i, "higher_is");
        s.file = file ? join_path(t->name, file) : NULL;
        free(file);
        s.title = dup_or_null(t, i, "title");
        s.value = dup_or_null(t, i, "value");
        s.numerator = dup_or_null(t, i, "numerator");
        s.denominator = dup_or_null(t, i, "denominator");
        s.period = dup_or_null(t, i, "period");
        s.force = dup_or_null(t, i, "force");
        s.ylabel = dup_or_null(t, i, "ylabel");
        s.source = dup_or_null(t, i, "source");
        /* Enumerations are exact (lower case, as documented): "BETTER" or
         * "nonsense" is an error naming the cell, never a silent default. */
        static const char *const kinds[] = {"value", "proportion", "rate", "trend"};
        static const kind_t kind_values[] = {KIND_VALUE, KIND_PROPORTION, KIND_RATE, KIND_TREND};
        int code = EXIT_OK;
        if (kind != NULL) {
            const size_t nkinds = sizeof kinds / sizeof kinds[0];
            size_t k = 0;
            while (k < nkinds && strcmp(kind, kinds[k]) != 0)
                k++;
            if (k < nkinds)
                s.kind = kind_values[k];
            else
                code = manifest_cell_error(t, i, "kind",
                                           "unknown kind (choose value, proportion, rate or trend)");
        }
        s.higher = HIGHER_NONE;
        if (code == EXIT_OK && higher != NULL) {
            if (strcmp(higher, "better") == 0)
                s.higher = HIGHER_BETTER;
            else if (strcmp(higher, "worse") == 0)
                s.higher = HIGHER_WORSE;
            else
                code = manifest_cell_error(t, i, "higher_is",
                                           "unknown higher_is (choose better or worse, or leave "
                                           "it empty)");
        }
        if (code == EXIT_OK && s.period != NULL) {
            size_t periods = 1;
            for (const char *p = s.period; *p; p++)
                periods += *p == ',';
            if (periods > 8)
                code = manifest_cell_error(t, i, "period", "a trend takes one to eight period columns");
        }
        int ok = s.file && s.title && s.value && kind;
        if (ok && (s.kind == KIND_PROPORTION || s.kind == KIND_RATE) &&
            (s.numerator == NULL || s.denominator == NULL))
            ok = 0;
        if (ok && s.kind == KIND_TREND && s.period == NULL)
            ok = 0;
        free(kind);
        free(higher);
        if (code != EXIT_OK) {
            spec_free(&s);
            return code;
        }
        if (!ok) {
            fprintf(stderr,
                    "forcestat: %s:%ld: a manifest row needs file, title, kind (value, "
                    "proportion, rate, trend) and value; proportions and rates need numerator "
                    "and denominator, trends a period\n",
                    t->name, t->lines[i]);
            spec_free(&s);
            return EXIT_DATA;
        }
        if (!add_spec(specs, n, cap, &s)) {
            spec_free(&s);
            return EXIT_DATA;
        }
    }
    return EXIT_OK;
}

/* Turns a plain dataset into specs: one per numeric measure column. */
static int auto_specs(const char *path, const fs_table_t *t, const fs_description_t *d,
                      spec_t **specs, size_t *n, size_t *cap)
{
    size_t col;
    const char *pairs[][3] = {{"numerator", "denominator", "proportion"},
                              {"count", "population", NULL}};
    int used[4096] = {0};
    for (size_t p = 0; p < 2; p++) {
        size_t a, b;
        if (fs_table_find_column(t, pairs[p][0], &a, NULL) != FS_OK ||
            fs_table_find_column(t, pairs[p][1], &b, NULL) != FS_OK)
            continue;
        const char *value = pairs[p][2];
        size_t v = 0;
        if (value == NULL) {
            for (v = 0; v < t->ncols && strncmp(t->columns[v], "rate_per_", 9) != 0; v++)
                ;
            value = v < t->ncols ? t->columns[v] : NULL;
        } else if (fs_table_find_column(t, value, &v, NULL) != FS_OK) {
            value = NULL;
        }
        if (value == NULL)
            continue;
        spec_t s = {0};
        s.file = strdup(path);
        s.value = strdup(value);
        s.numerator = strdup(pairs[p][0]);
        s.denominator = strdup(pairs[p][1]);
        s.kind = p == 0 ? KIND_PROPORTION : KIND_RATE;
        char title[512];
        snprintf(title, sizeof title, "%s", value);
        s.title = strdup(title);
        if (!add_spec(specs, n, cap, &s))
            return EXIT_DATA;
        if (a < 4096)
            used[a] = 1;
        if (b < 4096)
            used[b] = 1;
        if (v < 4096)
            used[v] = 1;
        if (fs_table_find_column(t, "lower", &col, NULL) == FS_OK && col < 4096)
            used[col] = 1;
        if (fs_table_find_column(t, "upper", &col, NULL) == FS_OK && col < 4096)
            used[col] = 1;
    }
    if (fs_table_find_column(t, "rows", &col, NULL) == FS_OK && col < 4096)
        used[col] = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!d->columns[c].is_measure || (c < 4096 && used[c]))
            continue;
        spec_t s = {0};
        s.file = strdup(path);
        s.value = strdup(t->columns[c]);
        s.title = strdup(t->columns[c]);
        s.kind = KIND_VALUE;
        if (!add_spec(specs, n, cap, &s))
            return EXIT_DATA;
    }
    return EXIT_OK;
}

static void html_escape(fs_buf_t *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fs_buf_puts(out, "&amp;"); break;
        case '<': fs_buf_puts(out, "&lt;"); break;
        case '>': fs_buf_puts(out, "&gt;"); break;
        case '"': fs_buf_puts(out, "&quot;"); break;
        case '\'': fs_buf_puts(out, "&#39;"); break;
        default: fs_buf_putc(out, *s);
        }
    }
}

static void html_number(fs_buf_t *out, double x)
{
    fs_buf_t tmp;
    fs_buf_init(&tmp);
    human(&tmp, x);
    html_escape(out, tmp.data ? tmp.data : "");
    fs_buf_free(&tmp);
}

static void make_slug(char *buf, size_t size, size_t index, const char *title)
{
    int n = snprintf(buf, size, "m%02zu-", index + 1);
    size_t k = n > 0 ? (size_t)n : 0;
    int dash = 0;
    for (const char *p = title; *p && k + 2 < size && k < 48; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            buf[k++] = c;
            dash = 0;
        } else if (c >= 'A' && c <= 'Z') {
            buf[k++] = (char)(c - 'A' + 'a');
            dash = 0;
        } else if (!dash && k > 4) {
            buf[k++] = '-';
            dash = 1;
        }
    }
    while (k > 4 && buf[k - 1] == '-')
        k--;
    buf[k] = '\0';
}

/* Stages one of the report's text files. */
static int write_text(fs_stage_t *stage, const char *name, const fs_buf_t *b)
{
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_buf_status(b) != FS_OK) {
        fputs("forcestat: out of memory\n", stderr);
        return EXIT_DATA;
    }
    if (fs_stage_write(stage, name, b->data ? b->data : "", b->len, &err) != FS_OK)
        return cli_report(&err);
    return EXIT_OK;
}

/* Standard input, read once: a report may need a dataset twice (to see
 * whether it is a manifest, then to compute), and a pipe can be read
 * only once. */
typedef struct stdin_copy {
    char *data;
    size_t len;
    int read;
} stdin_copy_t;

static int load(const char *path, stdin_copy_t *in, const char *force, fs_table_t **t,
                size_t *fc)
{
    if (strcmp(path, "-") != 0)
        return cli_load_table(path, FS_ENCODING_UTF8, force, NULL, t, fc);
    if (!in->read) {
        fs_error_t err;
        fs_error_clear(&err);
        if (fs_read_file("-", &in->data, &in->len, &err) != FS_OK)
            return cli_report(&err);
        in->read = 1;
    }
    return cli_load_table_memory("<stdin>", in->data, in->len, FS_ENCODING_UTF8, force, NULL, t,
                                 fc);
}

/* Keeps only the rows of the last period (in file order). */
static int keep_last_period(fs_table_t *t, const char *period_cols, char *label, size_t size)
{
    char list[1024];
    snprintf(list, sizeof list, "%s", period_cols);
    size_t n;
    char **names = cli_split_list(list, &n);
    if (names == NULL || t->nrows == 0) {
        free(names);
        return EXIT_DATA;
    }
    fs_error_t err;
    fs_error_clear(&err);
    size_t cols[8];
    if (n > 8) {
        free(names);
        return EXIT_DATA;
    }
    for (size_t k = 0; k < n; k++) {
        if (fs_table_find_column(t, names[k], &cols[k], &err) != FS_OK) {
            free(names);
            return cli_report(&err);
        }
    }
    /* The last period to appear is the one of the last row whose period
     * is new; in tables sorted by period that is the last row's. */
    size_t last = t->nrows - 1;
    char *values[8];
    label[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        values[k] = strdup(fs_table_cell(t, last, cols[k]));
        snprintf(label + strlen(label), size - strlen(label), "%s%s", k ? " " : "", values[k]);
    }
    int code = EXIT_OK;
    for (size_t k = 0; k < n; k++) {
        const char *vals[1] = {values[k]};
        fs_match_t m = {names[k], vals, 1};
        if (values[k] == NULL || fs_table_filter(t, &m, &err) != FS_OK)
            code = EXIT_DATA;
    }
    for (size_t k = 0; k < n; k++)
        free(values[k]);
    free(names);
    return code;
}

static int run_measure(const spec_t *s, size_t index, fs_stage_t *stage, stdin_copy_t *in,
                       const char *highlight, int highlight_force, fs_chart_batch_t *batch,
                       result_t *r)
{
    memset(r, 0, sizeof *r);
    r->spec = s;
    make_slug(r->slug, sizeof r->slug, index, s->title);
    fs_table_t *t;
    size_t fc;
    int code = load(s->file, in, s->force, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    fs_description_t *d = NULL;
    fs_outliers_t o;
    memset(&o, 0, sizeof o);
    fs_comparison_t cmp;
    memset(&cmp, 0, sizeof cmp);
    fs_buf_t buf;
    fs_buf_init(&buf);
    char path[4096];
    chart_opts_t co;
    memset(&co, 0, sizeof co);
    co.highlight = highlight;
    co.source = s->source;
    co.ylabel = s->ylabel;
    co.method = FS_CI_DEFAULT_METHOD;
    co.level = FS_CI_DEFAULT_LEVEL;
    co.per = 1000;
    co.force = s->force;
    fs_band_options_init(&co.band);
    if ((code = cli_describe(t, fc, &d)) != EXIT_OK)
        goto done;
    /* A dataset without the highlighted force still gets its charts. */
    int present = 0;
    for (size_t i = 0; i < t->nrows && !present; i++)
        present = d->units[i].kind == FS_UNIT_FORCE && d->units[i].force == highlight_force;
    if (!present) {
        co.highlight = NULL;
        highlight_force = -1;
    }
    if (s->kind == KIND_TREND) {
        co.period = s->period;
        int ratio = s->numerator != NULL && s->denominator != NULL;
        co.value = ratio ? NULL : s->value;
        co.numerator = ratio ? s->numerator : NULL;
        co.denominator = ratio ? s->denominator : NULL;
        co.title = s->title;
        snprintf(path, sizeof path, "%s-trend.png", r->slug);
        co.output = path;
        if (highlight_force >= 0 && (code = chart_trend(&co, t, d, batch)) != EXIT_OK)
            goto done;
        r->has_trend = highlight_force >= 0;
        /* The band is for the latest period. */
        if ((code = keep_last_period(t, s->period, r->period, sizeof r->period)) != EXIT_OK)
            goto done;
        fs_description_free(d);
        d = NULL;
        if (fs_describe(t, fc, &d, &err) != FS_OK) {
            code = cli_report(&err);
            goto done;
        }
    }
    size_t col;
    if (fs_table_find_column(t, s->value, &col, &err) != FS_OK ||
        fs_outliers_compute(t, d, col, &co.band, &o, &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    /* Band table, CSV and JSON. */
    format_csv_header(&buf, s->higher, 0);
    format_csv_rows(&buf, t, d, &o, s->higher, NULL, NULL);
    snprintf(path, sizeof path, "%s.csv", r->slug);
    if ((code = write_text(stage, path, &buf)) != EXIT_OK)
        goto done;
    fs_buf_reset(&buf);
    format_json(&buf, t, d, &o, &co.band, s->higher, NULL, NULL, "");
    fs_buf_putc(&buf, '\n');
    snprintf(path, sizeof path, "%s.json", r->slug);
    if ((code = write_text(stage, path, &buf)) != EXIT_OK)
        goto done;
    /* Bar chart. */
    char title[600];
    if (r->period[0])
        snprintf(title, sizeof title, "%s: %s", s->title, r->period);
    else
        snprintf(title, sizeof title, "%s", s->title);
    co.title = title;
    co.value = s->value;
    snprintf(path, sizeof path, "%s-bar.png", r->slug);
    co.output = path;
    if ((code = chart_bar(&co, t, d, batch)) != EXIT_OK)
        goto done;
    r->has_bar = 1;
    /* Intervals for proportions and rates (and for a trend of proportions,
     * in its latest period). */
    int is_ratio = s->kind == KIND_PROPORTION || s->kind == KIND_RATE ||
                   (s->kind == KIND_TREND && s->numerator != NULL && s->denominator != NULL);
    if (is_ratio) {
        size_t ncol, dcol;
        double *pop = NULL;
        fs_status_t st = FS_OK;
        if (fs_table_find_column(t, s->numerator, &ncol, &err) != FS_OK ||
            fs_table_find_column(t, s->denominator, &dcol, &err) != FS_OK) {
            code = cli_report(&err);
            goto done;
        }
        if (s->kind == KIND_RATE) {
            pop = malloc((t->nrows ? t->nrows : 1) * sizeof *pop);
            st = pop == NULL ? fs_error_set(&err, FS_ENOMEM, "out of memory")
                             : fs_table_numeric_column(t, dcol, pop, &err);
            if (st == FS_OK)
                st = fs_compare_rates(t, d, ncol, pop, 1000, FS_CI_DEFAULT_LEVEL, &cmp, &err);
            free(pop);
        } else {
            st = fs_compare_proportions(t, d, ncol, dcol, FS_CI_DEFAULT_METHOD,
                                        FS_CI_DEFAULT_LEVEL, &cmp, &err);
        }
        if (st != FS_OK) {
            code = cli_report(&err);
            goto done;
        }
        co.numerator = s->numerator;
        co.denominator = s->denominator;
        co.is_rate = s->kind == KIND_RATE;
        snprintf(title, sizeof title, "%s: 95%% confidence intervals", s->title);
        co.title = title;
        snprintf(path, sizeof path, "%s-intervals.png", r->slug);
        co.output = path;
        if ((code = chart_intervals(&co, t, d, batch)) != EXIT_OK)
            goto done;
        r->has_intervals = 1;
        /* The funnel plot: limits that depend on each force's size. */
        fs_funnel_options_init(&co.funnel);
        co.funnel.type = s->kind == KIND_RATE ? FS_FUNNEL_RATE : FS_FUNNEL_PROPORTION;
        co.funnel.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
        snprintf(title, sizeof title, "%s: funnel plot", s->title);
        co.title = title;
        snprintf(path, sizeof path, "%s-funnel.png", r->slug);
        co.output = path;
        if ((code = chart_funnel(&co, t, d, batch)) != EXIT_OK)
            goto done;
        r->has_funnel = 1;
        funnel_data_t fd;
        if ((code = funnel_load(t, d, s->numerator, s->denominator, &co.funnel, &fd)) != EXIT_OK)
            goto done;
        snprintf(r->funnel_note, sizeof r->funnel_note,
                 "In the funnel plot the limits depend on each force's size (Spiegelhalter "
                 "2005). The forces vary %s than chance alone explains (over-dispersion "
                 "phi = %.1f), so the limits are widened by sqrt(phi)%s.",
                 fd.fit.overdispersed ? "more" : "no more", fd.fit.phi,
                 fd.fit.phi > 1 ? "" : " (here by nothing)");
        funnel_data_free(&fd);
    }
    /* What the HTML needs. */
    char expl[600];
    fs_band_explain(&o.band, &co.band, expl, sizeof expl);
    r->explanation = strdup(expl);
    r->centre = o.band.centre;
    r->lower = o.band.lower;
    r->upper = o.band.upper;
    r->has_comparator = o.has_comparator;
    r->comparator = o.comparator;
    if (cmp.nrows > 0) {
        /* Pooled over the forces: the England and Wales figure the marks use. */
        r->has_comparator = 1;
        r->comparator = cmp.pooled.estimate;
    }
    fs_buf_t sec;
    fs_buf_init(&sec);
    fs_outlier_row_t *sorted = malloc((o.nrows ? o.nrows : 1) * sizeof *sorted);
    if (sorted == NULL) {
        code = EXIT_DATA;
        goto done;
    }
    memcpy(sorted, o.rows, o.nrows * sizeof *sorted);
    qsort(sorted, o.nrows, sizeof *sorted, outlier_rows_by_value_desc);
    for (size_t k = 0; k < o.nrows; k++) {
        const fs_outlier_row_t *row = &sorted[k];
        int is_hl = highlight_force >= 0 && d->units[row->row].force == highlight_force &&
                    d->units[row->row].kind == FS_UNIT_FORCE;
        if (is_hl) {
            r->has_highlight = 1;
            r->value = row->value;
            r->z = row->z;
            r->flag = row->flag;
            for (size_t j = 0; j < cmp.nrows; j++) {
                if (cmp.rows[j].row == row->row) {
                    r->has_mark = 1;
                    r->mark = cmp.rows[j].mark;
                }
            }
        }
        if (!is_hl && row->flag != FS_FLAG_ABOVE && row->flag != FS_FLAG_BELOW)
            continue;
        fs_buf_puts(&sec, is_hl ? "<tr class=\"hl\"><td>" : "<tr><td>");
        html_escape(&sec, fs_table_cell(t, row->row, d->force_column));
        fs_buf_puts(&sec, "</td><td class=\"num\">");
        html_number(&sec, row->value);
        fs_buf_puts(&sec, "</td><td class=\"num\">");
        if (isnan(row->z))
            fs_buf_puts(&sec, "&ndash;");
        else
            fs_buf_printf(&sec, "%+.2f", row->z);
        fs_buf_printf(&sec, "</td><td>%s</td></tr>\n", fs_flag_name(row->flag));
    }
    free(sorted);
    r->section = sec.data ? sec.data : strdup("");
    code = EXIT_OK;
done:
    fs_buf_free(&buf);
    fs_comparison_free(&cmp);
    fs_outliers_free(&o);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

static const char *position_words(fs_flag_t flag)
{
    switch (flag) {
    case FS_FLAG_ABOVE: return "above the band";
    case FS_FLAG_BELOW: return "below the band";
    case FS_FLAG_WITHIN: return "within the band";
    case FS_FLAG_MISSING: break;
    }
    return "no data";
}

static void write_html(fs_buf_t *h, const result_t *res, size_t n, const char *force_name)
{
    fs_buf_puts(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>forcestat report: ");
    html_escape(h, force_name);
    fs_buf_puts(h, "</title>\n<style>\n"
                   "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
                   "margin:0;color:#1a1a1a;background:#fafafa;line-height:1.45}\n"
                   "header,main,footer{max-width:1240px;margin:0 auto;padding:0 20px}\n"
                   "header{padding-top:24px}h1{font-size:1.7em;margin:0 0 4px}\n"
                   "h2{font-size:1.25em;margin:28px 0 6px;border-bottom:2px solid #1f4e79;"
                   "padding-bottom:4px}\n"
                   ".lede{color:#444;margin:0 0 12px}\n"
                   "table{border-collapse:collapse;margin:8px 0 12px;background:#fff;"
                   "font-size:0.95em}\n"
                   "th,td{border:1px solid #d0d7de;padding:5px 9px;text-align:left;"
                   "vertical-align:top}\n"
                   "th{background:#eef3f8}td.num{text-align:right;font-variant-numeric:"
                   "tabular-nums}\n"
                   "tr.hl td{background:#fde9da;font-weight:600}\n"
                   ".above{color:#9c2b00;font-weight:600}.below{color:#1f4e79;font-weight:600}\n"
                   "img{max-width:100%;height:auto;border:1px solid #ddd;background:#fff;"
                   "margin:6px 0}\n"
                   "nav ol{columns:2;margin:6px 0 0}\n"
                   ".files a{margin-right:12px}footer{color:#555;font-size:0.9em;"
                   "padding-bottom:32px}\n"
                   "</style>\n</head>\n<body>\n<header>\n<h1>How ");
    html_escape(h, force_name);
    fs_buf_printf(h, " compares</h1>\n<p class=\"lede\">%zu measure%s, each against the "
                     "unweighted mean across the territorial forces of England and Wales with "
                     "lines one standard deviation either side, as HMICFRS draws them "
                     "(logs are used when a Shapiro-Wilk test finds them more normal), and "
                     "against England and Wales as a whole.</p>\n</header>\n<main>\n",
                  n, n == 1 ? "" : "s");
    fs_buf_puts(h, "<section id=\"summary\">\n<h2>Summary for ");
    html_escape(h, force_name);
    fs_buf_puts(h, "</h2>\n<table>\n<thead><tr><th>Measure</th><th>Value</th><th>Band "
                   "(lower to upper)</th><th>Position</th><th>England and Wales</th><th>Against "
                   "England and Wales</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const result_t *r = &res[i];
        fs_buf_printf(h, "<tr><td><a href=\"#%s\">", r->slug);
        html_escape(h, r->spec->title);
        if (r->period[0]) {
            fs_buf_puts(h, " (");
            html_escape(h, r->period);
            fs_buf_puts(h, ")");
        }
        fs_buf_puts(h, "</a></td><td class=\"num\">");
        if (r->has_highlight)
            html_number(h, r->value);
        else
            fs_buf_puts(h, "&ndash;");
        fs_buf_puts(h, "</td><td class=\"num\">");
        html_number(h, r->lower);
        fs_buf_puts(h, " to ");
        html_number(h, r->upper);
        fs_buf_printf(h, "</td><td class=\"%s\">%s", r->has_highlight ? fs_flag_name(r->flag) : "",
                      r->has_highlight ? position_words(r->flag) : "not in the data");
        if (r->has_highlight && r->spec->higher != HIGHER_NONE && r->flag != FS_FLAG_MISSING)
            fs_buf_printf(h, " (%s)", label_for(r->flag, r->spec->higher));
        fs_buf_puts(h, "</td><td class=\"num\">");
        if (r->has_comparator)
            html_number(h, r->comparator);
        else
            fs_buf_puts(h, "&ndash;");
        fs_buf_puts(h, "</td><td>");
        if (r->has_mark && r->mark != FS_MARK_MISSING)
            fs_buf_printf(h, "%s (confidence interval)", fs_mark_name(r->mark));
        else if (r->has_highlight && r->has_comparator && !isnan(r->value)) {
            /* Without an interval there is no verdict: the difference only. */
            fs_buf_puts(h, "difference ");
            if (r->value > r->comparator)
                fs_buf_putc(h, '+');
            html_number(h, r->value - r->comparator);
            fs_buf_puts(h, " (no interval, so no verdict)");
        }
        else
            fs_buf_puts(h, "&ndash;");
        fs_buf_puts(h, "</td></tr>\n");
    }
    fs_buf_puts(h, "</tbody>\n</table>\n</section>\n<nav>\n<h2>Measures</h2>\n<ol>\n");
    for (size_t i = 0; i < n; i++) {
        fs_buf_printf(h, "<li><a href=\"#%s\">", res[i].slug);
        html_escape(h, res[i].spec->title);
        fs_buf_puts(h, "</a></li>\n");
    }
    fs_buf_puts(h, "</ol>\n</nav>\n");
    for (size_t i = 0; i < n; i++) {
        const result_t *r = &res[i];
        fs_buf_printf(h, "<section id=\"%s\">\n<h2>", r->slug);
        html_escape(h, r->spec->title);
        fs_buf_puts(h, "</h2>\n<p>");
        html_escape(h, r->explanation ? r->explanation : "");
        fs_buf_puts(h, "</p>\n");
        if (r->has_bar) {
            fs_buf_printf(h, "<img src=\"%s-bar.png\" width=\"1200\" height=\"675\" alt=\"Bar "
                             "chart: ",
                          r->slug);
            html_escape(h, r->spec->title);
            fs_buf_puts(h, "\">\n");
        }
        if (r->has_intervals)
            fs_buf_printf(h, "<img src=\"%s-intervals.png\" width=\"1200\" height=\"675\" "
                             "alt=\"Confidence intervals by force\">\n",
                          r->slug);
        if (r->has_trend)
            fs_buf_printf(h, "<img src=\"%s-trend.png\" width=\"1200\" height=\"675\" "
                             "alt=\"Trend against England and Wales\">\n",
                          r->slug);
        if (r->has_funnel) {
            fs_buf_puts(h, "<p>");
            html_escape(h, r->funnel_note);
            fs_buf_printf(h, "</p>\n<img src=\"%s-funnel.png\" width=\"1200\" height=\"675\" "
                             "alt=\"Funnel plot\">\n",
                          r->slug);
        }
        fs_buf_puts(h, "<table>\n<thead><tr><th>Force</th><th>Value</th><th>z</th><th>Flag"
                       "</th></tr></thead>\n<tbody>\n");
        fs_buf_puts(h, r->section && r->section[0] ? r->section
                                                   : "<tr><td colspan=\"4\">No force outside "
                                                     "the band</td></tr>\n");
        fs_buf_printf(h, "</tbody>\n</table>\n<p class=\"files\">The highlighted force and the "
                         "forces outside the band; every force: <a href=\"%s.csv\">CSV</a> "
                         "<a href=\"%s.json\">JSON</a>",
                      r->slug, r->slug);
        if (r->spec->source) {
            fs_buf_puts(h, ". Source: ");
            html_escape(h, r->spec->source);
        }
        fs_buf_puts(h, ".</p>\n</section>\n");
    }
    fs_buf_printf(h, "</main>\n<footer>\n<p>Made by forcestat %s. Crown copyright data under "
                     "the Open Government Licence v3.0. Proportions use Wilson intervals, rates "
                     "Byar's method; England and Wales figures for them are pooled over the "
                     "forces.</p>\n</footer>\n</body>\n</html>\n",
                  FS_VERSION);
}

int cmd_report(int argc, char **argv)
{
    static const struct option options[] = {{"highlight", required_argument, NULL, 'H'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *highlight = "Essex", *outdir = "out";
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'H': highlight = optarg; break;
        case 'o': outdir = optarg; break;
        case 'h': return cli_print_help(help);
        default: return cli_bad_option("report");
        }
    }
    fs_unit_t hu = fs_registry_match(highlight, strlen(highlight));
    if (hu.kind != FS_UNIT_FORCE)
        return cli_usage("report", "--highlight '%s' is not a territorial force", highlight);
    spec_t *specs = NULL;
    size_t nspecs = 0, cap = 0;
    int code = EXIT_OK;
    const char *default_manifest = NULL;
    stdin_copy_t in = {NULL, 0, 0};
    fs_stage_t *stage = NULL;
    const char **inputs = NULL;
    result_t *results = NULL;
    fs_chart_batch_t *batch = NULL;
    if (optind == argc) {
        default_manifest = access("datasets/report.csv", R_OK) == 0
                               ? "datasets/report.csv"
                               : FORCESTAT_DATADIR "/report.csv";
    }
    int nargs = default_manifest != NULL ? 1 : argc - optind;
    for (int i = 0; i < nargs; i++) {
        const char *path = default_manifest ? default_manifest : argv[optind + i];
        fs_table_t *t;
        size_t fc;
        if ((code = load(path, &in, NULL, &t, &fc)) != EXIT_OK)
            goto done;
        size_t col;
        if (fs_table_find_column(t, "file", &col, NULL) == FS_OK &&
            fs_table_find_column(t, "kind", &col, NULL) == FS_OK) {
            code = read_manifest(t, &specs, &nspecs, &cap);
        } else {
            fs_description_t *d;
            fs_error_t err;
            if (fs_describe(t, fc, &d, &err) != FS_OK) {
                code = cli_report(&err);
            } else {
                code = auto_specs(path, t, d, &specs, &nspecs, &cap);
                fs_description_free(d);
            }
        }
        fs_table_free(t);
        if (code != EXIT_OK)
            goto done;
    }
    if (nspecs == 0) {
        fputs("forcestat report: no measure to report\n", stderr);
        code = EXIT_DATA;
        goto done;
    }
    /* Every file the run reads is an input no output may replace. */
    inputs = calloc((size_t)nargs + nspecs + 1, sizeof *inputs);
    results = calloc(nspecs, sizeof *results);
    if (inputs == NULL || results == NULL) {
        fputs("forcestat: out of memory\n", stderr);
        code = EXIT_DATA;
        goto done;
    }
    for (int i = 0; i < nargs; i++)
        inputs[i] = default_manifest ? default_manifest : argv[optind + i];
    for (size_t i = 0; i < nspecs; i++)
        inputs[(size_t)nargs + i] = specs[i].file;
    if ((code = cli_open_stage(outdir, inputs, &stage)) != EXIT_OK)
        goto done;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_chart_batch_new(&batch, stage, &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    for (size_t i = 0; i < nspecs && code == EXIT_OK; i++)
        code = run_measure(&specs[i], i, stage, &in, highlight, hu.force, batch, &results[i]);
    if (code == EXIT_OK)
        code = cli_run_charts(batch);
    if (code == EXIT_OK) {
        fs_buf_t html;
        fs_buf_init(&html);
        write_html(&html, results, nspecs, fs_registry_force((size_t)hu.force)->name);
        code = write_text(stage, "index.html", &html);
        fs_buf_free(&html);
    }
    /* One transaction: every file of the run moves into place together,
     * index.html last, or none does. */
    if (code == EXIT_OK)
        code = cli_commit_stage(stage);
    if (code == EXIT_OK) {
        fs_buf_t out;
        fs_buf_init(&out);
        fs_buf_printf(&out, "%s against the outlier bands (%zu measures, %zu charts):\n",
                      fs_registry_force((size_t)hu.force)->name, nspecs,
                      fs_chart_batch_count(batch));
        for (size_t i = 0; i < nspecs; i++) {
            const result_t *r = &results[i];
            fs_buf_printf(&out, "  %-64.64s ", r->spec->title);
            if (r->has_highlight) {
                human(&out, r->value);
                fs_buf_printf(&out, "  %s", position_words(r->flag));
                if (r->has_mark && r->mark != FS_MARK_MISSING)
                    fs_buf_printf(&out, ", %s than England and Wales",
                                  r->mark == FS_MARK_SIMILAR ? "similar to" : fs_mark_name(r->mark));
            } else {
                fs_buf_puts(&out, "not in the data");
            }
            fs_buf_putc(&out, '\n');
        }
        fs_buf_printf(&out, "Report: %s/index.html\n", outdir);
        code = cli_write_text(&out);
        fs_buf_free(&out);
    }
done:
    for (size_t i = 0; results != NULL && i < nspecs; i++) {
        free(results[i].explanation);
        free(results[i].section);
    }
    free(results);
    fs_chart_batch_free(batch);
    fs_stage_free(stage);
    free(inputs);
    free(in.data);
    for (size_t i = 0; i < nspecs; i++)
        spec_free(&specs[i]);
    free(specs);
    return code;
}

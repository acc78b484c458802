/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_measure.c: charts drawn from a computed measure (chart_measure.h). */
#include "render/chart_measure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/changes.h"
#include "forcestat/period.h"
#include "forcestat/registry.h"
#include "io/fileio.h"
#include "io/manifest.h"
#include "render/chart_svg.h"
#include "render/period_parse.h"
#include "render/render.h"
#include "render/template.h"

void fs_chart_style_init(fs_chart_style_t *s)
{
    memset(s, 0, sizeof *s);
    s->output = "chart.png";
    s->highlight = -1;
    s->overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
}

/* "2007-03-31": the year, and the month and day as mmdd, into *y, *md. */
static int annual_date(const char *label, int *y, int *md)
{
    int m = 0, d = 0, n = 0;
    if (strlen(label) != 10 || sscanf(label, "%4d-%2d-%2d%n", y, &m, &d, &n) != 3 || n != 10 ||
        m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    *md = 100 * m + d;
    return 1;
}

int fs_chart_years_ending(const fs_measure_t *m, int given)
{
    if (given)
        return 1;
    /* The periods: every period, else the trend's, else (a site's
     * computation, spec.trend_forces) the first force series' trend's. */
    const fs_measure_trend_t *tr = (m->have & (FS_WANT_TREND | FS_WANT_SPC)) ? &m->trend : NULL;
    for (int f = 0; tr == NULL && m->series != NULL && f < FS_FORCE_COUNT; f++) {
        if (m->series[f].have & FS_WANT_TREND)
            tr = &m->series[f].trend;
    }
    size_t n = (m->have & FS_WANT_PERIODS) ? m->nperiods : tr != NULL ? tr->nperiods : 0;
    int y0 = 0, md0 = 0;
    for (size_t k = 0; k < n; k++) {
        const char *l = (m->have & FS_WANT_PERIODS) ? m->periods[k].label : tr->periods[k];
        int y, md;
        if (!annual_date(l, &y, &md) || (k > 0 && (md != md0 || y != y0 + 1)))
            return 0;
        y0 = y;
        md0 = md;
    }
    return n >= 2;
}

/* The comparison's figures into x (c->nrows of them; NaN: missing). */
static void compared_figures(const fs_comparison_t *c, double *x)
{
    for (size_t i = 0; i < c->nrows; i++)
        x[i] = c->rows[i].mark == FS_MARK_MISSING ? NAN : c->rows[i].ci.estimate;
}

int fs_chart_measure_decimals(const fs_measure_t *m)
{
    /* The forces' figures: the band's, else those a chart without one
     * was computed with (the comparison, the funnel, the last period's
     * comparison of a change). */
    const fs_comparison_t *c = (m->have & FS_WANT_COMPARISON) ? &m->comparison
                               : (m->have & FS_WANT_PERIODS) && m->nperiods > 0
                                   ? &m->periods[m->nperiods - 1].comparison
                                   : NULL;
    size_t n = (m->have & FS_WANT_BAND)     ? m->band.nrows
               : c != NULL                  ? c->nrows
               : (m->have & FS_WANT_FUNNEL) ? m->funnel.n
                                            : 0;
    double *x = n > 0 ? malloc(n * sizeof *x) : NULL;
    if (x == NULL)
        return -1; /* none, or no memory: each chart its own rule */
    for (size_t i = 0; (m->have & FS_WANT_BAND) && i < n; i++)
        x[i] = m->band.rows[i].value;
    if (!(m->have & FS_WANT_BAND) && c != NULL)
        compared_figures(c, x);
    else if (!(m->have & FS_WANT_BAND))
        for (size_t i = 0; i < n; i++)
            x[i] = fs_funnel_value(&m->funnel.fit, m->funnel.num[i], m->funnel.den[i]);
    int d = fs_svg_decimals(x, n, m->kind == FS_MEASURE_PROPORTION);
    free(x);
    return d;
}

const char *fs_chart_title_period(const char *title)
{
    if (title == NULL)
        return "";
    const char *at = NULL;
    for (const char *p = strstr(title, ", "); p != NULL; p = strstr(p + 1, ", "))
        at = p + 2;
    for (const char *p = at; p != NULL && *p; p++) {
        /* four digits standing alone at their start: a year */
        int start = p == at || p[-1] < '0' || p[-1] > '9';
        if (start && (strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0) && p[2] >= '0' &&
            p[2] <= '9' && p[3] >= '0' && p[3] <= '9')
            return at;
    }
    return "";
}

static const char *default_source(const fs_table_t *t, char *buf, size_t size)
{
    const char *slash = strrchr(t->name, '/');
    snprintf(buf, size, "Data: %s. Drawn with forcestat.", slash ? slash + 1 : t->name);
    return buf;
}

void fs_chart_spc_title(const char *measure, const char *force, char *buf, size_t size)
{
    /* The key stands beside an SPC chart's plot, and the title is centred
     * over the plot: longer than about 90 characters it would run off the
     * canvas's left edge, so it breaks after the measure. */
    size_t n = strlen(measure) + (force != NULL ? strlen(force) + 2 : 0) + 29;
    const char *sep = n > 90 ? ":\n" : ": ";
    if (force != NULL)
        snprintf(buf, size, "%s%s%s, statistical process control", measure, sep, force);
    else
        snprintf(buf, size, "%s%sstatistical process control", measure, sep);
}

/* A default title too long for one line of a wide chart (about 110
 * characters at the title's size) broken after its first ": " (the
 * measure, then what the chart shows of it), else after its last ", ". */
static void fit_title(char *title)
{
    if (strlen(title) <= 110 || strchr(title, '\n') != NULL)
        return;
    char *at = strstr(title, ": ");
    if (at == NULL)
        for (char *p = strstr(title, ", "); p != NULL; p = strstr(p + 1, ", "))
            at = p;
    if (at != NULL)
        at[1] = '\n';
}

void fs_chart_trend_title(const char *measure, const char *force, const char *compare, char *buf,
                          size_t size)
{
    snprintf(buf, size, "%s: %s against %s", measure, force, compare);
    fit_title(buf);
}

static int manifest_words(const fs_measure_t *m, const char *col, char *name, size_t nsize,
                          char *axis, size_t asize, int *better);

static fs_chart_text_t text_of(const fs_chart_style_t *s, const fs_measure_t *m, char *title,
                               const char *ylabel, char *source, size_t size)
{
    if (s->title == NULL)
        fit_title(title);
    fs_chart_text_t text = {s->output,
                            s->title ? s->title : title,
                            s->ylabel ? s->ylabel : ylabel,
                            s->source ? s->source : default_source(m->table, source, size),
                            s->keep_script,
                            s->width,
                            s->height,
                            m->kind == FS_MEASURE_PROPORTION,
                            s->narrow,
                            s->better == FS_CHART_NEITHER_BETTER ? 0 : s->better,
                            fs_chart_measure_decimals(m) + 1};
    if (s->better == 0) {
        /* Not given: which way is better as the manifest beside the file
         * says, so a chart reads as the report's of the same measure. */
        char name[1100], axis[600];
        size_t col = m->kind == FS_MEASURE_VALUE ? m->value_col : m->num_col;
        manifest_words(m, m->table->columns[col], name, sizeof name, axis, sizeof axis,
                       &text.better);
    }
    return text;
}

/* A column's name as words for a default title or label: underscores as
 * spaces, the first letter capitalised ("rate_per_1000" -> "Rate per
 * 1,000"); a number after "per" gets its thousands separator. */
static void words_in(const char *col, int capital, char *buf, size_t size)
{
    size_t k = 0;
    int after_per = 0;
    for (const char *p = col; *p && k + 8 < size;) {
        if (after_per && *p >= '0' && *p <= '9') {
            char *end;
            double x = strtod(p, &end);
            char num[64];
            if (x >= 1000 && x < 1e12 && (double)(long long)x == x) {
                char raw[32];
                snprintf(raw, sizeof raw, "%lld", (long long)x);
                size_t len = strlen(raw), j = 0;
                for (size_t i = 0; i < len; i++) {
                    if (i > 0 && (len - i) % 3 == 0)
                        num[j++] = ',';
                    num[j++] = raw[i];
                }
                num[j] = '\0';
            } else {
                snprintf(num, sizeof num, "%.*s", (int)(end - p), p);
            }
            for (const char *q = num; *q && k + 1 < size; q++)
                buf[k++] = *q;
            p = end;
            after_per = 0;
            continue;
        }
        char c = *p == '_' ? ' ' : *p;
        if (k == 0 && capital && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        buf[k++] = c;
        after_per = k >= 4 && (strncmp(buf + k - 4, "per ", 4) == 0 ||
                               strncmp(buf + k - 4, "Per ", 4) == 0);
        p++;
    }
    buf[k] = '\0';
}

static void words_of(const char *col, char *buf, size_t size)
{
    words_in(col, 1, buf, size);
}

/* "per 1,000 people", "Per 100,000 people" (capital). */
static void per_people(double per, int capital, char *buf, size_t size)
{
    char col[64];
    snprintf(col, sizeof col, "%cer %.15g people", capital ? 'P' : 'p', per);
    words_in(col, capital, buf, size);
}

/* Whether a column is named for how its figures were summed or counted
 * ("sum", "count", "numerator", ...), not for what they measure. */
static int generic_column(const char *col)
{
    static const char *const generic[] = {"sum",   "mean",      "median",      "total",
                                          "value", "count",     "numerator",   "denominator",
                                          "n",     "k",         "proportion",  "rate",
                                          "rows",  "population"};
    for (size_t k = 0; k < sizeof generic / sizeof *generic; k++)
        if (strcmp(col, generic[k]) == 0)
            return 1;
    return 0;
}

/* What a manifest beside m's file (report.csv in its folder, as the
 * bundled datasets/report.csv is) says of the measure whose value or
 * numerator is column col: its title (the measure and its period) into
 * name, its ylabel into axis ("" when it has none) and, when better is
 * not NULL, which way is better into *better (1 higher, -1 lower, 0 not
 * said).  Returns 1 when a row of it names the file and the column, else
 * 0 (no manifest, not a manifest, unreadable, or no such row: the
 * chart's other words stand). */
static int manifest_words(const fs_measure_t *m, const char *col, char *name, size_t nsize,
                          char *axis, size_t asize, int *better)
{
    const char *path = m->table->name;
    const char *slash = strrchr(path, '/');
    char manifest[4096];
    int len = slash ? snprintf(manifest, sizeof manifest, "%.*s/report.csv", (int)(slash - path),
                               path)
                    : snprintf(manifest, sizeof manifest, "report.csv");
    if (len < 0 || (size_t)len >= sizeof manifest || strcmp(manifest, path) == 0)
        return 0;
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    fs_error_t err;
    fs_error_clear(&err);
    fs_table_t *t = NULL;
    fs_report_specs_t specs;
    memset(&specs, 0, sizeof specs);
    int found = 0;
    if (fs_table_read(&t, manifest, &opt, &err) == FS_OK && fs_manifest_is(t) &&
        fs_manifest_read(t, &specs, &err) == FS_OK) {
        for (size_t k = 0; !found && k < specs.n; k++) {
            const fs_report_spec_t *r = &specs.v[k];
            int same = r->file != NULL && r->title != NULL && strcmp(r->file, path) == 0;
            if (same && ((r->value && strcmp(r->value, col) == 0) ||
                         (r->numerator && strcmp(r->numerator, col) == 0))) {
                snprintf(name, nsize, "%s", r->title);
                snprintf(axis, asize, "%s", r->ylabel ? r->ylabel : "");
                if (better != NULL)
                    *better = r->higher == FS_REPORT_HIGHER_BETTER  ? 1
                              : r->higher == FS_REPORT_HIGHER_WORSE ? -1
                                                                    : 0;
                found = 1;
            }
        }
    }
    fs_report_specs_free(&specs);
    fs_table_free(t);
    return found;
}

/* The measure's words for a chart's default title (name) and value axis
 * (axis), from column col: the manifest's (manifest_words; returns 2),
 * else, for a column named for how its figures were summed
 * (generic_column), the file's name in words with the column's after it
 * ("Crime severity by year (sum)" for crime_severity_by_year.csv's sum;
 * returns 1), else the column's words (0).  axis is the manifest's ylabel
 * where it gives one, else the name.  Both given by the style s (NULL: no
 * style to ask): nothing is looked up (0, both ""). */
static int measure_words(const fs_measure_t *m, const fs_chart_style_t *s, size_t col, char *name,
                         size_t nsize, char *axis, size_t asize)
{
    name[0] = axis[0] = '\0';
    if (s != NULL && s->title != NULL && s->ylabel != NULL)
        return 0;
    const char *c = m->table->columns[col];
    int kind = 0;
    if (manifest_words(m, c, name, nsize, axis, asize, NULL)) {
        kind = 2;
    } else {
        const char *slash = strrchr(m->table->name, '/');
        const char *base = slash ? slash + 1 : m->table->name;
        size_t stem = strcspn(base, ".");
        if (generic_column(c) && stem > 0 && stem < 256 && strcmp(base, "-") != 0) {
            char file[256], words[512];
            snprintf(file, sizeof file, "%.*s", (int)stem, base);
            words_of(file, words, sizeof words);
            snprintf(name, nsize, "%s (%s)", words, c);
            kind = 1;
        } else {
            words_of(c, name, nsize);
        }
    }
    if (axis[0] == '\0')
        snprintf(axis, asize, "%s", name);
    return kind;
}

/* A proportion's or rate's measure for a default title: the measure's
 * words (measure_words) where they name it, else the numerator's words
 * with "per 1,000 people" (per, a rate) or "out of" the denominator's. */
static void counts_measure(const fs_measure_t *m, const fs_chart_style_t *s, int is_rate, double per,
                           char *buf, size_t size)
{
    char name[1100], axis[600], num[512], den[512], pp[64];
    if (measure_words(m, s, m->num_col, name, sizeof name, axis, sizeof axis) > 0) {
        snprintf(buf, size, "%s", name);
        return;
    }
    words_of(m->table->columns[m->num_col], num, sizeof num);
    words_in(m->table->columns[m->den_col], 0, den, sizeof den);
    per_people(per, 0, pp, sizeof pp);
    if (is_rate)
        snprintf(buf, size, "%s %s", num, pp);
    else
        snprintf(buf, size, "%s out of %s", num, den[0] ? den : "all");
}

/* The value axis of a chart of a proportion's or rate's counts (the
 * intervals, the funnel, the trend and SPC chart): the manifest's ylabel
 * for the measure whose numerator is column col where it gives one, as
 * the bar chart of its value column has, so every chart of a measure
 * reads the same; else buf as it stands ("Percentage", "Per 1,000
 * people").  Nothing is looked up when the style gives the label. */
static void counts_axis(const fs_measure_t *m, const fs_chart_style_t *s, size_t col, char *buf,
                        size_t size)
{
    char name[1100], axis[600];
    if ((s == NULL || s->ylabel == NULL) &&
        manifest_words(m, m->table->columns[col], name, sizeof name, axis, sizeof axis, NULL) &&
        axis[0] != '\0' && size > 0) {
        size_t n = strnlen(axis, sizeof axis - 1);
        n = n < size ? n : size - 1; /* a label longer than buf: cut */
        memcpy(buf, axis, n);
        buf[n] = '\0';
    }
}

/* The drawing order: by value, missing last, ties in table order. */
typedef struct sortable {
    size_t index;
    double key;
} sortable_t;

static int by_key_desc(const void *pa, const void *pb)
{
    const sortable_t *a = pa, *b = pb;
    if (isnan(a->key) != isnan(b->key))
        return isnan(a->key) ? 1 : -1;
    if (a->key != b->key)
        return a->key < b->key ? 1 : -1;
    return (a->index > b->index) - (a->index < b->index);
}

static int by_key_asc(const void *pa, const void *pb)
{
    const sortable_t *a = pa, *b = pb;
    if (isnan(a->key) != isnan(b->key))
        return isnan(a->key) ? 1 : -1;
    if (a->key != b->key)
        return a->key > b->key ? 1 : -1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Labels of missing bars say so. */
static char *item_label(const char *name, int missing)
{
    size_t n = strlen(name) + 12;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s%s", name, missing ? " (no data)" : "");
    return s;
}

/* A row's name on a chart: a force's display name whatever the file's
 * spelling (fs_registry_display), else the label as written. */
static const char *row_name(const fs_measure_t *m, size_t row)
{
    const fs_unit_t *u = &m->desc->units[row];
    if (u->kind == FS_UNIT_FORCE)
        return fs_registry_display((size_t)u->force);
    return fs_table_cell(m->table, row, m->desc->force_column);
}

/* Records that row's force is drawn with a value (shown: FS_FORCE_COUNT
 * flags). */
static void mark_shown(const fs_measure_t *m, size_t row, double value, unsigned char *shown)
{
    const fs_unit_t *u = &m->desc->units[row];
    if (u->kind == FS_UNIT_FORCE && !isnan(value))
        shown[u->force] = 1;
}

/* The chart's foot note, its source and then the forces it cannot show,
 * into buf: every force of England and Wales not drawn with a value,
 * named when there are a few ("No data: City of London"), counted when
 * there are many.  The source alone for a table that names no force. */
static void note_no_data(const fs_measure_t *m, const unsigned char *shown, fs_chart_text_t *text,
                         char *buf, size_t size)
{
    size_t count = 0, len;
    if (m->desc->forces_present == 0)
        return;
    for (size_t i = 0; i < FS_FORCE_COUNT; i++)
        count += !shown[i];
    if (count == 0)
        return;
    /* A sentence of its own: a source that ends without a full stop
     * gets one, so a narrow chart, which wraps the note and loses the
     * spaces, does not run the two together. */
    const char *src = text->source ? text->source : "";
    size_t sl = strlen(src);
    len = (size_t)snprintf(buf, size, "%s%sNo data:", src,
                           sl == 0 ? "" : src[sl - 1] == '.' ? "   " : ".   ");
    if (count > 4)
        snprintf(buf + (len < size ? len : size), len < size ? size - len : 0, " %zu forces",
                 count);
    for (size_t i = 0, k = 0; count <= 4 && i < FS_FORCE_COUNT && len < size; i++) {
        if (!shown[i])
            len += (size_t)snprintf(buf + len, size - len, "%s %s", k++ ? "," : "",
                                    fs_registry_display(i));
    }
    text->source = buf;
}

static int is_force(const fs_measure_t *m, size_t row, int force)
{
    return force >= 0 && m->desc->units[row].kind == FS_UNIT_FORCE &&
           m->desc->units[row].force == force;
}

/* Per-item storage shared by the bar and interval charts. */
typedef struct items {
    sortable_t *order;
    char **labels;
    size_t n;
} items_t;

static fs_status_t items_new(items_t *it, size_t n, fs_error_t *err)
{
    it->n = n;
    it->order = calloc(n ? n : 1, sizeof *it->order);
    it->labels = calloc(n ? n : 1, sizeof *it->labels);
    return it->order && it->labels ? FS_OK : fs_error_set(err, FS_ENOMEM, "out of memory");
}

static void items_free(items_t *it)
{
    for (size_t k = 0; it->labels != NULL && k < it->n; k++)
        free(it->labels[k]);
    free(it->labels);
    free(it->order);
}

/* With per-force peer lists: the highlighted force's peer group's
 * averages as the measure computed them (its group mean and, where
 * numerators and denominators are known, its group pooled). */
static void peer_averages(const fs_measure_t *m, const fs_chart_style_t *s, fs_bar_chart_t *c)
{
    if (s->groups == NULL || !s->groups->peer_lists || s->highlight < 0)
        return;
    for (size_t k = 0; m->group_mean != NULL && k < m->band.nrows; k++) {
        if (is_force(m, m->band.rows[k].row, s->highlight) && !isnan(m->group_mean[k])) {
            c->has_peer_mean = 1;
            c->peer_mean = m->group_mean[k];
        }
    }
    const fs_comparison_t *cmp = &m->comparison;
    for (size_t k = 0; m->group_comparison != NULL && k < cmp->nrows; k++) {
        double e = m->group_comparison[k].pooled.estimate;
        if (is_force(m, cmp->rows[k].row, s->highlight) && !isnan(e)) {
            c->has_peer_pooled = 1;
            c->peer_pooled = e;
        }
    }
}

/* A force's mark against England and Wales as the charts draw it: 0
 * none, 1 similar, 2 higher, 3 lower. */
static int compare_mark(fs_mark_t mark)
{
    return mark == FS_MARK_SIMILAR  ? 1
           : mark == FS_MARK_HIGHER ? 2
           : mark == FS_MARK_LOWER  ? 3
                                    : 0;
}

/* Table row `row`'s mark against England and Wales by its interval
 * (compare_mark), 0 when m has no comparison or the style says a census
 * gets no verdict. */
static int row_compare_mark(const fs_measure_t *m, const fs_chart_style_t *s, size_t row)
{
    if (!(m->have & FS_WANT_COMPARISON) || s->no_verdict)
        return 0;
    for (size_t k = 0; k < m->comparison.nrows; k++)
        if (m->comparison.rows[k].row == row)
            return compare_mark(m->comparison.rows[k].mark);
    return 0;
}

/* England and Wales's line and the centre's closer than this many pixels
 * on a bar chart read as one line. */
#define CLOSE_PX 6.0

/* When c's England and Wales line lies within CLOSE_PX pixels of its
 * centre (estimated: the value axis about 0.55 of a wide chart's height,
 * 0.6 of a narrow one's width, from 0 or the lowest bar to the highest or
 * the cut): c->lines_close (its line drawn over the centre's), and the
 * note (c->text.source) says so, into buf.  Returns -1 without memory,
 * else 0. */
static int note_close_lines(fs_bar_chart_t *c, const fs_chart_style_t *s, char *buf, size_t size)
{
    double first = -INFINITY, second = -INFINITY, lo = 0;
    for (size_t i = 0; i < c->n; i++) {
        double v = c->items[i].value;
        if (isnan(v))
            continue;
        lo = fmin(lo, v);
        second = v > first ? first : fmax(second, v);
        first = fmax(first, v);
    }
    double ceiling = fmax(second, fmax(c->upper, c->comparator));
    double hi = second > 0 && first > 2.5 * ceiling ? 1.25 * ceiling : fmax(first, ceiling);
    double px = s->narrow ? 0.6 * (s->width > 0 ? s->width : FS_CHART_NARROW_WIDTH)
                          : 0.55 * (s->height > 0 ? s->height : FS_CHART_HEIGHT);
    if (!c->has_comparator || !(hi > lo) ||
        fabs(c->comparator - c->centre) / (hi - lo) * px >= CLOSE_PX)
        return 0;
    c->lines_close = 1;
    double x[4] = {NAN, c->lower, c->upper, c->comparator};
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].highlight)
            x[0] = c->items[i].value;
    int d = fs_svg_decimals(x, 4, c->text.percent);
    const char *src = c->text.source ? c->text.source : "";
    size_t sl = strlen(src);
    fs_buf_t t;
    fs_buf_init(&t);
    fs_buf_printf(&t, "%s%sEngland and Wales (", src,
                  sl == 0 ? "" : src[sl - 1] == '.' ? "   " : ".   ");
    fs_svg_figure_fixed(&t, c->comparator, c->text.percent, d);
    fs_buf_printf(&t, ") and the %s (", c->log_scale ? "geometric mean" : "mean");
    fs_svg_figure_fixed(&t, c->centre, c->text.percent, d);
    fs_buf_puts(&t, ") lie within a few pixels: the dash-dotted line is drawn over the solid one.");
    int ok = t.data != NULL && fs_buf_status(&t) == FS_OK;
    snprintf(buf, size, "%s", ok ? t.data : src);
    fs_buf_free(&t);
    c->text.source = buf;
    return ok ? 0 : -1;
}

/* The bar chart of m's band, drawn by tmpl (NULL: plots/bar.gp). */
static fs_status_t bars_of(fs_chart_batch_t *b, const fs_measure_t *m, const fs_chart_style_t *s,
                           const char *tmpl, const char *tmpl_name, fs_error_t *err)
{
    if (!(m->have & FS_WANT_BAND))
        return fs_error_set(err, FS_EINVAL, "a bar chart needs the measure's band");
    const fs_outliers_t *o = &m->band;
    items_t it;
    unsigned char shown[FS_FORCE_COUNT] = {0};
    char foot[1024];
    fs_bar_item_t *bars = calloc(o->nrows ? o->nrows : 1, sizeof *bars);
    fs_status_t st = items_new(&it, o->nrows, err);
    if (st == FS_OK && bars == NULL)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t k = 0; st == FS_OK && k < o->nrows; k++) {
        it.order[k].index = k;
        it.order[k].key = o->rows[k].value;
    }
    if (st == FS_OK)
        qsort(it.order, o->nrows, sizeof *it.order, s->ascending ? by_key_asc : by_key_desc);
    int hl = s->highlight;
    int hl_group = s->groups != NULL && hl >= 0 ? s->groups->group_of[hl] : -1;
    for (size_t k = 0; st == FS_OK && k < o->nrows; k++) {
        const fs_outlier_row_t *r = &o->rows[it.order[k].index];
        it.labels[k] = item_label(row_name(m, r->row), isnan(r->value));
        if (it.labels[k] == NULL) {
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
            break;
        }
        bars[k].label = it.labels[k];
        bars[k].value = r->value;
        bars[k].outside = r->flag == FS_FLAG_ABOVE || r->flag == FS_FLAG_BELOW;
        bars[k].highlight = is_force(m, r->row, hl);
        bars[k].in_group = fs_groups_has_row(s->groups, hl_group, m->desc, r->row);
        bars[k].mark = bars[k].highlight ? row_compare_mark(m, s, r->row) : 0;
        mark_shown(m, r->row, r->value, shown);
    }
    char source[512], group_label[512];
    if (hl_group >= 0 && s->groups->peer_lists)
        snprintf(group_label, sizeof group_label, "%s's peer group (from --groups)",
                 fs_registry_display((size_t)hl));
    else if (hl_group >= 0)
        snprintf(group_label, sizeof group_label, "Most similar group: %s",
                 s->groups->names[hl_group]);
    char name[1100], axis[600];
    measure_words(m, s, m->value_col, name, sizeof name, axis, sizeof axis);
    /* England and Wales: pooled over the forces when the measure has its
     * comparison (as its summary and intervals use), else the file's row. */
    int pooled = (m->have & FS_WANT_COMPARISON) && m->comparison.nrows > 0;
    fs_bar_chart_t chart = {text_of(s, m, name, axis, source, sizeof source),
                            bars,
                            o->nrows,
                            o->band.centre,
                            o->band.lower,
                            o->band.upper,
                            o->band.scale == FS_SCALE_LOG,
                            pooled || o->has_comparator,
                            pooled ? m->comparison.pooled.estimate : o->comparator,
                            pooled ? "England and Wales (pooled)" : NULL,
                            hl_group >= 0 ? group_label : NULL,
                            0,
                            0,
                            0,
                            0,
                            0};
    peer_averages(m, s, &chart);
    note_no_data(m, shown, &chart.text, foot, sizeof foot);
    char note[1400];
    if (note_close_lines(&chart, s, note, sizeof note) != 0 && st == FS_OK)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st == FS_OK)
        st = tmpl == NULL ? fs_chart_add_bar(b, &chart, err)
                          : fs_chart_add_bar_as(b, &chart, tmpl, tmpl_name, err);
    items_free(&it);
    free(bars);
    return st;
}

fs_status_t fs_chart_bar_of(fs_chart_batch_t *b, const fs_measure_t *m, const fs_chart_style_t *s,
                            fs_error_t *err)
{
    return bars_of(b, m, s, NULL, NULL, err);
}

fs_status_t fs_chart_bar_as_of(fs_chart_batch_t *b, const fs_measure_t *m,
                               const fs_chart_style_t *s, const char *tmpl, const char *tmpl_name,
                               fs_error_t *err)
{
    return bars_of(b, m, s, tmpl, tmpl_name, err);
}

fs_status_t fs_chart_intervals_of(fs_chart_batch_t *b, const fs_measure_t *m,
                                  const fs_chart_style_t *s, fs_error_t *err)
{
    if (!(m->have & FS_WANT_COMPARISON))
        return fs_error_set(err, FS_EINVAL, "an interval chart needs the measure's comparison");
    const fs_comparison_t *c = &m->comparison;
    items_t it;
    unsigned char shown[FS_FORCE_COUNT] = {0};
    char foot[1024];
    fs_interval_item_t *points = calloc(c->nrows ? c->nrows : 1, sizeof *points);
    fs_status_t st = items_new(&it, c->nrows, err);
    if (st == FS_OK && points == NULL)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t k = 0; st == FS_OK && k < c->nrows; k++) {
        it.order[k].index = k;
        it.order[k].key = c->rows[k].mark == FS_MARK_MISSING ? NAN : c->rows[k].ci.estimate;
    }
    if (st == FS_OK)
        qsort(it.order, c->nrows, sizeof *it.order, s->ascending ? by_key_asc : by_key_desc);
    for (size_t k = 0; st == FS_OK && k < c->nrows; k++) {
        const fs_compare_row_t *r = &c->rows[it.order[k].index];
        int missing = r->mark == FS_MARK_MISSING;
        it.labels[k] = item_label(row_name(m, r->row), missing);
        if (it.labels[k] == NULL) {
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
            break;
        }
        points[k].label = it.labels[k];
        points[k].estimate = missing ? NAN : r->ci.estimate;
        points[k].lower = missing ? NAN : r->ci.lower;
        points[k].upper = missing ? NAN : r->ci.upper;
        points[k].highlight = is_force(m, r->row, s->highlight);
        points[k].mark = compare_mark(r->mark);
        mark_shown(m, r->row, points[k].estimate, shown);
    }
    char title[1400], source[512], measure[1200], ylabel[128];
    counts_measure(m, s, c->is_rate, c->per, measure, sizeof measure);
    snprintf(title, sizeof title, "%s, with %g%% confidence intervals", measure, 100 * c->level);
    if (c->is_rate)
        per_people(c->per, 1, ylabel, sizeof ylabel);
    else
        snprintf(ylabel, sizeof ylabel, "Percentage");
    counts_axis(m, s, m->num_col, ylabel, sizeof ylabel);
    char method[200];
    if (c->is_rate)
        snprintf(method, sizeof method, "%g%% intervals by Byar's method (exact Poisson limits "
                                        "for counts under 10)", 100 * c->level);
    else
        snprintf(method, sizeof method, "%g%% %s intervals", 100 * c->level,
                 fs_ci_method_label(c->method));
    fs_interval_chart_t chart = {text_of(s, m, title, ylabel, source, sizeof source),
                                 points,
                                 c->nrows,
                                 1,
                                 c->pooled.estimate,
                                 "England and Wales (pooled)",
                                 method,
                                 NULL};
    note_no_data(m, shown, &chart.text, foot, sizeof foot);
    if (st == FS_OK)
        st = fs_chart_add_intervals(b, &chart, err);
    items_free(&it);
    free(points);
    return st;
}

/* A change's place on its chart: its verdict as the template's mark. */
static int change_mark(fs_verdict_t v)
{
    switch (v) {
    case FS_VERDICT_NO_CHANGE: return 1;
    case FS_VERDICT_INCREASE: return 2;
    case FS_VERDICT_DECREASE: return 3;
    default: return 0;
    }
}

/* The change chart's title, axis label and method note; year_ending as
 * the style's (--year-ending: each period is the year ending with it). */
static void change_words(const fs_measure_t *m, const fs_changes_t *c, int year_ending, char *title,
                         size_t tsize, char *ylabel, size_t ysize, char *method, size_t msize)
{
    char measure[1000], from[128], to[128]; /* all three fit in a title of 1400 */
    /* Years ending on a date read "the year ending March 2019", as the
     * report's pages say them, never "31 March 2019"; so do a rolling
     * year's quarters ("2018/19 4"). */
    int ye = fs_chart_years_ending(m, year_ending);
    snprintf(from, sizeof from, "%s", ye ? "the " : "");
    snprintf(to, sizeof to, "%s", ye ? "the " : "");
    fs_period_words(c->label1, ye, from + strlen(from), sizeof from - strlen(from));
    fs_period_words(c->label2, ye, to + strlen(to), sizeof to - strlen(to));
    counts_measure(m, NULL, c->is_rate, c->per, measure, sizeof measure);
    if (c->is_rate) {
        snprintf(title, tsize, "%s: the rate in %s over the rate in %s", measure, to, from);
        /* The ratio's axis is logarithmic (plots/change.gp); the title
         * says which periods, so the axis need not. */
        snprintf(ylabel, ysize, "Rate ratio (log scale)");
        snprintf(method, msize,
                 "%g%% exact conditional intervals; not adjusted for multiple comparisons",
                 100 * c->level);
    } else {
        snprintf(title, tsize, "%s: the change from %s to %s", measure, from, to);
        snprintf(ylabel, ysize, "Change in percentage points");
        snprintf(method, msize,
                 "%g%% Newcombe hybrid score intervals; not adjusted for multiple comparisons",
                 100 * c->level);
    }
}

/* Each force's change as an item of the chart, sorted by the change. */
static fs_status_t change_items(const fs_changes_t *c, const fs_chart_style_t *s,
                                fs_interval_item_t *points, items_t *it, fs_error_t *err)
{
    for (size_t k = 0; k < c->n; k++) {
        const fs_contrast_t *x = &c->rows[k].change;
        it->order[k].index = k;
        it->order[k].key = x->defined == FS_DEFINED ? x->estimate : NAN;
    }
    qsort(it->order, c->n, sizeof *it->order, s->ascending ? by_key_asc : by_key_desc);
    for (size_t k = 0; k < c->n; k++) {
        const fs_change_row_t *r = &c->rows[it->order[k].index];
        int all = r->change.defined == FS_DEFINED;
        it->labels[k] = item_label(fs_registry_display((size_t)r->force), !all);
        if (it->labels[k] == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        points[k].label = it->labels[k];
        /* A proportion's change in percentage points: the axis reads
         * "0.3", not "0.3%". */
        double scale = c->is_rate ? 1.0 : 100.0;
        points[k].estimate = all ? scale * r->change.estimate : NAN;
        points[k].lower = all ? scale * r->change.lower : NAN;
        points[k].upper = all ? scale * r->change.upper : NAN;
        points[k].highlight = r->force == s->highlight;
        points[k].mark = change_mark(r->verdict);
    }
    return FS_OK;
}

fs_status_t fs_chart_change_of(fs_chart_batch_t *b, const fs_measure_t *m,
                               const fs_chart_style_t *s, fs_error_t *err)
{
    if (!(m->have & FS_WANT_PERIODS) || m->nperiods == 0)
        return fs_error_set(err, FS_EINVAL, "a change chart needs the measure's periods");
    const char *from = s->from ? s->from : m->periods[0].label;
    const char *to = s->to ? s->to : m->periods[m->nperiods - 1].label;
    fs_changes_t c;
    items_t it = {NULL, NULL, 0};
    fs_interval_item_t *points = NULL;
    fs_status_t st =
        fs_changes_compute(m, from, to, m->periods[0].comparison.level, FS_ADJUST_NONE, &c, err);
    if (st == FS_OK)
        st = items_new(&it, c.n, err);
    if (st == FS_OK && (points = calloc(c.n ? c.n : 1, sizeof *points)) == NULL)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st == FS_OK)
        st = change_items(&c, s, points, &it, err);
    char title[1400], ylabel[600], method[200], source[512];
    if (st == FS_OK) {
        change_words(m, &c, s->year_ending, title, sizeof title, ylabel, sizeof ylabel, method,
                     sizeof method);
        const fs_contrast_t *total = &c.total.change;
        fs_interval_chart_t chart = {text_of(s, m, title, ylabel, source, sizeof source),
                                     points,
                                     c.n,
                                     total->defined == FS_DEFINED,
                                     (c.is_rate ? 1.0 : 100.0) * total->estimate,
                                     "England and Wales's change (pooled)",
                                     method,
                                     NULL};
        chart.text.percent = 0; /* scaled above */
        /* (text.fixed_decimals stays the measure's: a proportion's change in
         * percentage points with the decimals of its percentages) */
        const char *pp = c.is_rate ? NULL : " percentage points"; /* a difference's unit */
        double none = c.is_rate ? 1.0 : 0.0;                      /* no change */
        fs_interval_look_t look = {fs_plot_change, "change", 1, none, c.is_rate, pp};
        st = fs_chart_add_intervals_as(b, &chart, &look, err);
    }
    items_free(&it);
    free(points);
    fs_changes_free(&c);
    return st;
}

/* The funnel of changes' limits: levels and curve steps. */
static const double change_funnel_levels[2] = {0.95, 0.998};
enum { CHANGE_FUNNEL_STEPS = 480 };

/* How far forces' changes vary beyond chance (fs_change_funnel_dispersion)
 * into *d, by s->overdispersion: the changes as fs_changes_compute gives
 * them (NaN when not defined) at each force's later base. */
static fs_status_t change_funnel_dispersion(const fs_changes_t *c, const fs_chart_style_t *s,
                                            fs_change_dispersion_t *d, fs_error_t *err)
{
    memset(d, 0, sizeof *d);
    if (s->overdispersion == FS_OVERDISPERSION_NONE)
        return FS_OK;
    double *y = calloc(2 * (c->n ? c->n : 1), sizeof *y);
    if (y == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t k = 0; k < c->n; k++) {
        const fs_change_row_t *r = &c->rows[k];
        y[k] = r->change.defined == FS_DEFINED ? r->change.estimate : NAN;
        y[c->n + k] = r->x.base2;
    }
    fs_status_t st = fs_change_funnel_dispersion(&c->total.x, c->is_rate, y, y + c->n, c->n,
                                                 s->overdispersion, d, err);
    free(y);
    return st;
}

/* Each force's change against its size (its later period's base) into
 * pts, flagged against the limits at its size, widened as d says
 * (fs_change_funnel_limits_adjusted), and the sizes' span into *lo, *hi.
 * Proportions in percentage points. */
static fs_status_t change_funnel_points(const fs_changes_t *c, const fs_chart_style_t *s,
                                        const fs_change_dispersion_t *d,
                                        fs_change_funnel_point_t *pts, double *lo, double *hi,
                                        fs_error_t *err)
{
    double scale = c->is_rate ? 1.0 : 100.0;
    *lo = INFINITY;
    *hi = 0;
    for (size_t k = 0; k < c->n; k++) {
        const fs_change_row_t *r = &c->rows[k];
        int defined = r->change.defined == FS_DEFINED;
        pts[k].label = fs_registry_display((size_t)r->force);
        pts[k].size = r->x.base2;
        pts[k].change = defined ? scale * r->change.estimate : NAN;
        pts[k].highlight = r->force == s->highlight;
        pts[k].flag = 0;
        *lo = fmin(*lo, r->x.base2);
        *hi = fmax(*hi, r->x.base2);
        for (int j = 0; j < 2 && defined; j++) {
            double l, u;
            fs_status_t st = fs_change_funnel_limits_adjusted(
                &c->total.x, c->is_rate, r->x.base2, change_funnel_levels[j], d, &l, &u, err);
            if (st != FS_OK)
                return st;
            if (r->change.estimate < l || r->change.estimate > u)
                pts[k].flag = j + 1;
        }
    }
    return FS_OK;
}

/* The limit curves, CHANGE_FUNNEL_STEPS + 1 rows of size and the inner
 * and outer limits (fs_change_funnel_limits_adjusted, widened as d says),
 * from xmin to past xmax across the widest column the chart's names may
 * take (three times 0.4 of the span, of the logs on a log axis, on a wide
 * chart, three times 1 on a narrow one: chart.c's change_funnel_column),
 * so that they run to the end of the x axis wherever the names end it
 * (issue 29: they stopped at xmax, short of the axis's end). */
static fs_status_t change_funnel_curves(const fs_changes_t *c, const fs_change_dispersion_t *d,
                                        fs_change_funnel_chart_t *ch, double *curves,
                                        fs_error_t *err)
{
    double scale = c->is_rate ? 1.0 : 100.0;
    double spans = ch->text.narrow ? 3.0 : 1.2;
    double end = ch->log_x ? ch->xmax * pow(ch->xmax / ch->xmin, spans)
                           : ch->xmax + spans * (ch->xmax - ch->xmin);
    for (size_t k = 0; k <= CHANGE_FUNNEL_STEPS; k++) {
        double t = (double)k / CHANGE_FUNNEL_STEPS;
        double x = ch->log_x ? ch->xmin * pow(end / ch->xmin, t) : ch->xmin + (end - ch->xmin) * t;
        double *row = curves + 5 * k;
        row[0] = x;
        for (int j = 0; j < 2; j++) {
            fs_status_t st = fs_change_funnel_limits_adjusted(
                &c->total.x, c->is_rate, x, change_funnel_levels[j], d, &row[1 + 2 * j],
                &row[2 + 2 * j], err);
            if (st != FS_OK)
                return st;
            row[1 + 2 * j] *= scale;
            row[2 + 2 * j] *= scale;
        }
    }
    ch->curves = curves;
    ch->nsteps = CHANGE_FUNNEL_STEPS + 1;
    return FS_OK;
}

/* The note's words after "at each population" on how the limits were
 * widened (d), for the public: no phi, no square root; NULL when they
 * are not adjusted. */
static const char *change_funnel_widened(const fs_change_dispersion_t *d)
{
    int wide = d->method == FS_OVERDISPERSION_MULTIPLICATIVE ? d->phi > 1.0 : d->tau2 > 0.0;
    if (d->method == FS_OVERDISPERSION_NONE)
        return NULL;
    if (!wide)
        return " (forces vary no more than chance explains: not widened)";
    return d->method == FS_OVERDISPERSION_MULTIPLICATIVE
               ? ", widened because forces vary more than chance alone explains"
               : ", widened by how much forces vary beyond chance";
}

/* The funnel of changes' title, axis labels and note. */
static void change_funnel_words(const fs_measure_t *m, const fs_changes_t *c, int year_ending,
                                const fs_change_dispersion_t *d, char *title, size_t tsize,
                                char *ylabel, size_t ysize, char *xlabel, size_t xsize, char *note,
                                size_t nsize)
{
    char method[200], to[128];
    change_words(m, c, year_ending, title, tsize, ylabel, ysize, method, sizeof method);
    size_t len = strlen(title);
    snprintf(title + len, tsize - len, ", against %s", c->is_rate ? "population" : "size");
    int ye = fs_chart_years_ending(m, year_ending); /* as the title's */
    fs_period_words(c->label2, ye, to, sizeof to);
    snprintf(xlabel, xsize, "%s in %s%s", c->is_rate ? "Population" : "Number of cases",
             ye ? "the " : "", to);
    /* In words: the limits are a change's standard error at each size,
     * that of a log rate ratio or of a difference of two proportions. */
    const char *widened = change_funnel_widened(d);
    if (widened != NULL)
        snprintf(note, nsize, "Limits: how far chance can move a force's change at each %s%s",
                 c->is_rate ? "population" : "size", widened);
    else
        snprintf(note, nsize,
                 "Limits: how far chance alone can move a force's change at each %s, at England "
                 "and Wales's %s in the two periods",
                 c->is_rate ? "population" : "size", c->is_rate ? "rates" : "proportions");
}

fs_status_t fs_chart_change_funnel_of(fs_chart_batch_t *b, const fs_measure_t *m,
                                      const fs_chart_style_t *s, fs_error_t *err)
{
    if (!(m->have & FS_WANT_PERIODS) || m->nperiods == 0)
        return fs_error_set(err, FS_EINVAL, "a funnel of changes needs the measure's periods");
    const char *from = s->from ? s->from : m->periods[0].label;
    const char *to = s->to ? s->to : m->periods[m->nperiods - 1].label;
    fs_changes_t c;
    fs_change_funnel_point_t *pts = NULL;
    double *curves = NULL, lo = 0, hi = 0;
    fs_status_t st =
        fs_changes_compute(m, from, to, m->periods[0].comparison.level, FS_ADJUST_NONE, &c, err);
    if (st == FS_OK && c.total.change.defined != FS_DEFINED)
        st = fs_error_set(err, FS_EDOM, "England and Wales's change is not defined");
    if (st == FS_OK && ((pts = calloc(c.n ? c.n : 1, sizeof *pts)) == NULL ||
                        (curves = calloc(5 * (CHANGE_FUNNEL_STEPS + 1), sizeof *curves)) == NULL))
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_change_dispersion_t disp;
    memset(&disp, 0, sizeof disp);
    if (st == FS_OK)
        st = change_funnel_dispersion(&c, s, &disp, err);
    if (st == FS_OK)
        st = change_funnel_points(&c, s, &disp, pts, &lo, &hi, err);
    char title[1400], ylabel[600], xlabel[300], note[300], source[512];
    fs_change_funnel_chart_t ch;
    memset(&ch, 0, sizeof ch);
    if (st == FS_OK) {
        change_funnel_words(m, &c, s->year_ending, &disp, title, sizeof title, ylabel,
                            sizeof ylabel, xlabel, sizeof xlabel, note, sizeof note);
        ch.text = text_of(s, m, title, ylabel, source, sizeof source);
        ch.text.percent = 0; /* scaled above */
        ch.points = pts;
        ch.n = c.n;
        ch.log_x = lo > 0 && hi / lo > 50;
        ch.xmin = fmax(1.0, ch.log_x ? lo / 1.5 : 0.5 * lo);
        ch.xmax = hi * 1.2;
        ch.log_y = c.is_rate;
        ch.target = (c.is_rate ? 1.0 : 100.0) * c.total.change.estimate;
        ch.inner = 100 * change_funnel_levels[0];
        ch.outer = 100 * change_funnel_levels[1];
        ch.target_label = "England and Wales's change (the target)";
        ch.xlabel = xlabel;
        ch.note = note;
        ch.unit = c.is_rate ? NULL : " percentage points";
        st = change_funnel_curves(&c, &disp, &ch, curves, err);
    }
    if (st == FS_OK)
        st = fs_chart_add_change_funnel(b, &ch, err);
    free(curves);
    free(pts);
    fs_changes_free(&c);
    return st;
}

/* Whether text names a year: a manifest's title that states its period. */
static int names_year(const char *text)
{
    return fs_chart_names_year(text, strlen(text));
}

/* The span of n periods (labels, n >= 2) in words into buf: "years ending
 * March 2003 to 2022" (years ending, all in one month), "years ending
 * March 2018 to March 2019", else "2006 to 2020" (period.h's words). */
static void span_words(char *const *labels, size_t n, int ye, char *buf, size_t size)
{
    char first[128], last[128], w[128];
    fs_period_words(labels[0], ye, first, sizeof first);
    fs_period_words(labels[n - 1], ye, last, sizeof last);
    static const char pre[] = "year ending ";
    size_t lp = sizeof pre - 1;
    if (strncmp(first, pre, lp) != 0 || strncmp(last, pre, lp) != 0) {
        snprintf(buf, size, "%s to %s", first, last);
        return;
    }
    /* One month every period: the month once ("March 2003 to 2022"). */
    size_t month = strcspn(first + lp, " ");
    int one_month = 1;
    for (size_t k = 1; one_month && k < n; k++) {
        fs_period_words(labels[k], ye, w, sizeof w);
        one_month = strncmp(w, first, lp + month + 1) == 0;
    }
    const char *year = strrchr(last, ' ');
    snprintf(buf, size, "years ending %s to %s", first + lp,
             one_month && year ? year + 1 : last + lp);
}

/* title and the span of m's trend periods into buf; the span only when
 * title names no year, unless always. */
static void with_span(const char *title, const fs_measure_t *m, int year_ending, int always,
                      char *buf, size_t size)
{
    const fs_measure_trend_t *tr = &m->trend;
    size_t len = (size_t)snprintf(buf, size, "%s", title);
    if ((!always && names_year(title)) || !(m->have & (FS_WANT_TREND | FS_WANT_SPC)) ||
        tr->nperiods < 2 || len + 2 >= size)
        return;
    snprintf(buf + len, size - len, ", ");
    span_words(tr->periods, tr->nperiods, fs_chart_years_ending(m, year_ending), buf + len + 2,
               size - len - 2);
}

void fs_chart_title_span(const char *title, const fs_measure_t *m, int year_ending, char *buf,
                         size_t size)
{
    with_span(title, m, year_ending, 0, buf, size);
}

/* A trend's measure in words and its axis label: the measure's words
 * (measure_words; a proportion's or rate's as counts_measure says them),
 * with the span of its periods unless a manifest's title states it
 * (fs_chart_title_span): "Crime severity by year (sum), years ending March
 * 2003 to 2022"; the axis "Rate per 1,000", "Percentage", or the value's
 * (measure_words). */
static void trend_words(const fs_measure_t *m, const fs_chart_style_t *s, char *measure,
                        size_t msize, char *ylabel, size_t ysize)
{
    const fs_measure_trend_t *tr = &m->trend;
    char name[1100], axis[600];
    int kind = measure_words(m, s, tr->intervals ? m->num_col : m->value_col, name, sizeof name,
                             axis, sizeof axis);
    if (tr->intervals && kind == 0)
        counts_measure(m, s, tr->per > 0, tr->per, name, sizeof name);
    if (tr->intervals && tr->per > 0) {
        char per[64];
        per_people(tr->per, 0, per, sizeof per);
        snprintf(ylabel, ysize, "Rate %.*s", (int)(strlen(per) > 7 ? strlen(per) - 7 : 0), per);
    } else {
        snprintf(ylabel, ysize, "%s", tr->intervals ? "Percentage" : axis);
    }
    if (tr->intervals)
        counts_axis(m, s, m->num_col, ylabel, ysize);
    with_span(name, m, s->year_ending, kind < 2, measure, msize);
}

/* A period label's place in time, in years, into *t: a date
 * ("2020-03-31"), a financial year ("2018/19", from 1 April), a financial
 * quarter ("2018/19 4" or "2018/19 Q4", at its end) or a year ("2019").
 * Returns which (1 to 4), 0 for none of these. */
static int period_years(const char *label, double *t)
{
    int y = 0, a = 0, b = 0, n = 0;
    size_t len = strlen(label);
    for (size_t i = 0; i < len && i < 4; i++)
        if (label[i] < '0' || label[i] > '9')
            return 0;
    if (len == 10 && sscanf(label, "%4d-%2d-%2d%n", &y, &a, &b, &n) == 3 && n == 10 && a >= 1 &&
        a <= 12 && b >= 1 && b <= 31) {
        *t = y + (a - 1) / 12.0 + (b - 1) / 365.25;
        return 1;
    }
    if (fs_period_financial(label, &y, &a)) { /* from April; a quarter at its end */
        *t = y + 0.25 * (a + 1);
        return a == 0 ? 2 : 3;
    }
    if (len == 4) {
        *t = atoi(label);
        return 4;
    }
    return 0;
}

/* The periods' places in time (period_years) into at, when every label
 * is of one kind and they increase; the axis's title into xlabel (size
 * bytes).  Returns 0 (at unset, xlabel "Period") otherwise. */
static int periods_in_time(char *const *labels, size_t n, int year_ending, double *at, char *xlabel,
                           size_t size)
{
    static const char *const words[] = {"Period", "Date", "Financial year",
                                        "Financial year and quarter", "Year"};
    int kind = n > 0 ? period_years(labels[0], &at[0]) : 0;
    for (size_t k = 1; kind && k < n; k++)
        if (period_years(labels[k], &at[k]) != kind || !(at[k] > at[k - 1]))
            kind = 0;
    snprintf(xlabel, size, "%s",
             year_ending && (kind == 1 || kind == 3) ? "Year ending" : words[kind]);
    /* Dates all on one day of the year ("2003-03-31", "2004-03-31"): the
     * axis says which, as its ticks show the year alone; years ending on
     * it as the site says them ("Year ending March"). */
    int same_day = kind == 1 && n > 1;
    for (size_t k = 1; same_day && k < n; k++)
        same_day = strcmp(labels[k] + 4, labels[0] + 4) == 0;
    if (same_day) {
        char day[64];
        fs_period_words(labels[0], year_ending, day, sizeof day);
        /* "31 March 2003" less its year, or "year ending March 2003"'s */
        size_t len = strlen(day);
        if (year_ending)
            snprintf(xlabel, size, "Year ending %.*s", (int)(len > 17 ? len - 17 : len),
                     day + (len > 17 ? 12 : 0));
        else
            snprintf(xlabel, size, "Date (%.*s each year)", (int)(len > 5 ? len - 5 : len), day);
    }
    return kind != 0;
}

/* Years ending 31 March said on the axis as the title says them: when
 * every label is a date on 31 March and the title names the first as a
 * financial year ("2006/07" for 2007-03-31), each tick becomes its
 * financial year, and the axis's title (xlabel, may be NULL) says so. */
static fs_status_t fiscal_ticks(const char *title, char *const *labels, size_t n, char **ticks,
                                char *xlabel, size_t xsize, fs_error_t *err)
{
    int y, md;
    char fy[32];
    for (size_t k = 0; k < n; k++)
        if (!annual_date(labels[k], &y, &md) || md != 331)
            return FS_OK;
    if (n == 0 || title == NULL || !annual_date(labels[0], &y, &md))
        return FS_OK;
    snprintf(fy, sizeof fy, "%d/%02d", y - 1, y % 100);
    if (strstr(title, fy) == NULL)
        return FS_OK;
    for (size_t k = 0; k < n; k++) {
        annual_date(labels[k], &y, &md);
        snprintf(fy, sizeof fy, "%d/%02d", y - 1, y % 100);
        char *t = strdup(fy);
        if (t == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        free(ticks[k]);
        ticks[k] = t;
    }
    if (xlabel != NULL)
        snprintf(xlabel, xsize, "Financial year (April to March)");
    return FS_OK;
}

/* The periods of m's trend in words (fs_period_words; dates that are
 * years ending: "year ending March 2022"), as the site says them, for a
 * chart's finding and its marks' titles: (*whens)[k] points into *when;
 * the caller frees both (also after a failure). */
static fs_status_t periods_in_words(const fs_measure_t *m, int year_ending, char (**when)[128],
                                    const char ***whens, fs_error_t *err)
{
    const fs_measure_trend_t *tr = &m->trend;
    *when = calloc(tr->nperiods ? tr->nperiods : 1, sizeof **when);
    *whens = calloc(tr->nperiods ? tr->nperiods : 1, sizeof **whens);
    if (*when == NULL || *whens == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    int years = fs_chart_years_ending(m, year_ending);
    for (size_t k = 0; k < tr->nperiods; k++)
        (*whens)[k] = fs_period_words(tr->periods[k], years, (*when)[k], sizeof(*when)[k]);
    return FS_OK;
}

fs_status_t fs_chart_trend_of(fs_chart_batch_t *b, const fs_measure_t *m,
                              const fs_chart_style_t *s, fs_error_t *err)
{
    if (!(m->have & FS_WANT_TREND) || s->highlight < 0)
        return fs_error_set(err, FS_EINVAL, "a trend chart needs the measure's trend of a force");
    const fs_measure_trend_t *tr = &m->trend;
    char measure[1400], title[1700], source[512], ylabel[600];
    trend_words(m, s, measure, sizeof measure, ylabel, sizeof ylabel);
    const char *force = fs_registry_display((size_t)s->highlight);
    fs_chart_trend_title(measure, force, tr->compare_name, title, sizeof title);
    fs_trend_series_t series[2] = {
        {force, tr->force_value, tr->intervals ? tr->force_lower : NULL,
         tr->intervals ? tr->force_upper : NULL, 1},
        {tr->compare_name, tr->compare_value, tr->intervals ? tr->compare_lower : NULL,
         tr->intervals ? tr->compare_upper : NULL, 0}};
    /* The periods as people say them on an axis (period.h). */
    char **ticks = calloc(tr->nperiods ? tr->nperiods : 1, sizeof *ticks);
    if (ticks == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_status_t st = fs_period_ticks((const char *const *)tr->periods, tr->nperiods,
                                     s->year_ending, ticks, err);
    double *at = calloc(tr->nperiods ? tr->nperiods : 1, sizeof *at);
    char xlabel[80] = "Period";
    int ye = fs_chart_years_ending(m, s->year_ending);
    int timed =
        at != NULL && periods_in_time(tr->periods, tr->nperiods, ye, at, xlabel, sizeof xlabel);
    if (at == NULL && st == FS_OK)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st == FS_OK)
        st = fiscal_ticks(s->title ? s->title : title, tr->periods, tr->nperiods, ticks, xlabel,
                          sizeof xlabel, err);
    /* The finding and the points' titles name the periods as the site
     * does, whatever the ticks say. */
    char(*when)[128] = NULL;
    const char **whens = NULL;
    if (st == FS_OK)
        st = periods_in_words(m, s->year_ending, &when, &whens, err);
    fs_trend_chart_t chart = {text_of(s, m, title, ylabel, source, sizeof source),
                              (const char *const *)ticks,
                              tr->nperiods,
                              series,
                              2,
                              timed ? at : NULL,
                              xlabel,
                              whens};
    if (st == FS_OK)
        st = fs_chart_add_trend(b, &chart, err);
    free(when);
    free(whens);
    free(at);
    for (size_t k = 0; k < tr->nperiods; k++)
        free(ticks[k]);
    free(ticks);
    return st;
}

static const char *od_words(fs_overdispersion_t od)
{
    switch (od) {
    case FS_OVERDISPERSION_MULTIPLICATIVE: return "limits widened for over-dispersion";
    case FS_OVERDISPERSION_ADDITIVE: return "random-effects limits for over-dispersion";
    case FS_OVERDISPERSION_NONE: break;
    }
    return "limits not adjusted for over-dispersion";
}

fs_status_t fs_chart_funnel_of(fs_chart_batch_t *b, const fs_measure_t *m,
                               const fs_chart_style_t *s, fs_error_t *err)
{
    if (!(m->have & FS_WANT_FUNNEL))
        return fs_error_set(err, FS_EINVAL, "a funnel plot needs the measure's funnel");
    const fs_measure_funnel_t *fd = &m->funnel;
    fs_funnel_point_t *pts = calloc(fd->n ? fd->n : 1, sizeof *pts);
    if (pts == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    int rate = fd->fit.opt.type == FS_FUNNEL_RATE;
    unsigned char shown[FS_FORCE_COUNT] = {0};
    char foot[1024];
    for (size_t k = 0; k < fd->n; k++) {
        size_t row = fd->rows[k];
        pts[k].label = row_name(m, row);
        pts[k].denominator = fd->den[k];
        pts[k].value = fs_funnel_value(&fd->fit, fd->num[k], fd->den[k]);
        fs_funnel_flag_t fl = fs_funnel_flag(&fd->fit, fd->num[k], fd->den[k]);
        pts[k].flag = (fl == FS_FUNNEL_HIGH_OUTER || fl == FS_FUNNEL_LOW_OUTER)
                          ? 2
                          : ((fl == FS_FUNNEL_HIGH_INNER || fl == FS_FUNNEL_LOW_INNER) ? 1 : 0);
        pts[k].highlight = is_force(m, row, s->highlight);
        pts[k].z = fs_funnel_z(&fd->fit, fd->num[k], fd->den[k]);
        mark_shown(m, row, pts[k].value, shown);
    }
    char measure[1200], title[1400], source[512], ylabel[128];
    counts_measure(m, s, rate, fd->fit.opt.per, measure, sizeof measure);
    snprintf(title, sizeof title, "%s: funnel plot, %s", measure,
             od_words(fd->fit.opt.overdispersion));
    if (rate)
        per_people(fd->fit.opt.per, 1, ylabel, sizeof ylabel);
    else
        snprintf(ylabel, sizeof ylabel, "Percentage");
    counts_axis(m, s, m->num_col, ylabel, sizeof ylabel);
    fs_funnel_chart_t chart = {
        text_of(s, m, title, ylabel, source, sizeof source), pts, fd->n,
        &fd->fit, s->xlabel ? s->xlabel : (rate ? "Population" : "Number of cases")};
    note_no_data(m, shown, &chart.text, foot, sizeof foot);
    fs_status_t st = fs_chart_add_funnel(b, &chart, err);
    free(pts);
    return st;
}

fs_status_t fs_chart_spc_of(fs_chart_batch_t *b, const fs_measure_t *m, const fs_chart_style_t *s,
                            fs_error_t *err)
{
    if (!(m->have & FS_WANT_SPC))
        return fs_error_set(err, FS_EINVAL, "an SPC chart needs the measure's SPC chart");
    const fs_measure_trend_t *tr = &m->trend;
    char measure[1400], title[1700], source[512], ylabel[600];
    trend_words(m, s, measure, sizeof measure, ylabel, sizeof ylabel);
    fs_chart_spc_title(measure, s->highlight >= 0 ? fs_registry_display((size_t)s->highlight) : NULL,
                       title, sizeof title);
    char **ticks = calloc(tr->nperiods ? tr->nperiods : 1, sizeof *ticks);
    if (ticks == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_status_t st =
        fs_period_ticks((const char *const *)tr->periods, tr->nperiods, s->year_ending, ticks, err);
    /* The axis's title in the trend chart's words (its points stand
     * evenly, so their places in time are not kept). */
    char xlabel[80] = "Period";
    double *at = calloc(tr->nperiods ? tr->nperiods : 1, sizeof *at);
    if (at == NULL && st == FS_OK)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (at != NULL)
        periods_in_time(tr->periods, tr->nperiods, fs_chart_years_ending(m, s->year_ending), at,
                        xlabel, sizeof xlabel);
    free(at);
    if (st == FS_OK)
        st = fiscal_ticks(s->title ? s->title : title, tr->periods, tr->nperiods, ticks, xlabel,
                          sizeof xlabel, err);
    /* The periods in words for the summary and the points' titles, as
     * the rest says them, whatever the ticks say ("year ending March
     * 2019" under a tick "2018/19"). */
    char(*when)[128] = NULL;
    const char **whens = NULL;
    if (st == FS_OK)
        st = periods_in_words(m, s->year_ending, &when, &whens, err);
    const char *force = s->highlight >= 0 ? fs_registry_display((size_t)s->highlight) : NULL;
    fs_spc_chart_t chart = {text_of(s, m, title, ylabel, source, sizeof source),
                            (const char *const *)ticks,
                            &m->spc,
                            whens,
                            xlabel,
                            force};
    if (st == FS_OK)
        st = fs_chart_add_spc(b, &chart, err);
    for (size_t k = 0; k < tr->nperiods; k++)
        free(ticks[k]);
    free(ticks);
    free(when);
    free(whens);
    return st;
}

/* A figure as the page shows it: a proportion as a percentage, every
 * figure with the measure's decimals (fs_chart_measure_decimals), or
 * without a band a rate with two decimals and a value with the digits
 * that tell forces apart. */
static void spine_figure(const fs_measure_t *m, double x, char *buf, size_t size)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_rstyle_t style = m->kind == FS_MEASURE_PROPORTION ? FS_RS_SHARE
                        : m->kind == FS_MEASURE_RATE     ? FS_RS_FIXED2
                                                         : FS_RS_HUMAN;
    /* The measure's decimals, as its charts and page print its figures
     * (a row's ends "9.68" and "21.18" were "9.677" and "21.18"). */
    int d = fs_chart_measure_decimals(m);
    if (!isnan(x) && d >= 0)
        fs_render_fixed(&b, x, style == FS_RS_FIXED2 ? FS_RS_HUMAN : style, d);
    else if (!isnan(x))
        fs_render_number(&b, x, style, 0);
    snprintf(buf, size, "%s", b.data && fs_buf_status(&b) == FS_OK ? b.data : "");
    fs_buf_free(&b);
}

/* The one force of the band's rows whose value is x (its display name),
 * or NULL when none or several are (a tie names no one). */
static const char *spine_holder(const fs_measure_t *m, double x)
{
    const fs_outliers_t *o = &m->band;
    const char *name = NULL;
    size_t found = 0;
    for (size_t i = 0; i < o->nrows; i++) {
        const fs_unit_t *u = &m->desc->units[o->rows[i].row];
        if (o->rows[i].value == x && u->kind == FS_UNIT_FORCE) {
            name = fs_registry_display((size_t)u->force);
            found++;
        }
    }
    return found == 1 ? name : NULL;
}

fs_status_t fs_spine_item_of(const fs_spine_measure_t *sm, int highlight, fs_spine_row_t *row,
                             char (*text)[64], fs_spine_item_t *it, fs_error_t *err)
{
    const fs_measure_t *m = sm->m;
    const fs_outliers_t *o = &m->band;
    memset(it, 0, sizeof *it);
    double *values = malloc((o->nrows ? o->nrows : 1) * sizeof *values);
    if (values == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    double value = NAN;
    for (size_t i = 0; i < o->nrows; i++) {
        values[i] = o->rows[i].value;
        const fs_unit_t *u = &m->desc->units[o->rows[i].row];
        if (u->kind == FS_UNIT_FORCE && u->force == highlight)
            value = o->rows[i].value;
    }
    int with_ci = sm->intervals && (m->have & FS_WANT_COMPARISON);
    fs_mark_t mark = FS_MARK_MISSING;
    for (size_t i = 0; with_ci && i < m->comparison.nrows; i++) {
        const fs_unit_t *u = &m->desc->units[m->comparison.rows[i].row];
        if (u->kind == FS_UNIT_FORCE && u->force == highlight)
            mark = m->comparison.rows[i].mark;
    }
    /* The middle: England and Wales as the file gives it, else pooled over
     * the forces, else the band's centre. */
    double centre = o->has_comparator                ? o->comparator
                    : (m->have & FS_WANT_COMPARISON) ? m->comparison.pooled.estimate
                                                     : o->band.centre;
    fs_status_t st = fs_spine_compute(values, o->nrows, centre, value, sm->orientation, row, err);
    free(values);
    if (st != FS_OK)
        return st;
    it->row = row;
    it->measure = sm->title;
    spine_figure(m, value, text[0], sizeof text[0]);
    spine_figure(m, centre, text[1], sizeof text[1]);
    spine_figure(m, row->lowest, text[2], sizeof text[2]);
    spine_figure(m, row->highest, text[3], sizeof text[3]);
    it->value = text[0];
    it->centre = text[1];
    it->lowest = text[2];
    it->highest = text[3];
    it->lowest_force = spine_holder(m, row->lowest);
    it->highest_force = spine_holder(m, row->highest);
    it->intervals = with_ci;
    /* The row's colour is the comparison with England and Wales, never
     * the band (Fingertips' design); without an interval, none. */
    if (isnan(value))
        it->mark = FS_SPINE_MARK_NONE;
    else if (with_ci)
        it->mark = mark == FS_MARK_HIGHER    ? FS_SPINE_MARK_HIGH
                   : mark == FS_MARK_LOWER   ? FS_SPINE_MARK_LOW
                   : mark == FS_MARK_SIMILAR ? FS_SPINE_MARK_MIDDLE
                                             : FS_SPINE_MARK_NOT_COMPARED;
    else
        it->mark = FS_SPINE_MARK_NOT_COMPARED;
    return FS_OK;
}

void fs_spine_sources(const fs_spine_item_t *items, size_t n, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < n && len < size; k++) {
        const char *src = items[k].source;
        int seen = src == NULL || *src == '\0';
        for (size_t j = 0; j < k && !seen; j++)
            seen = items[j].source != NULL && strcmp(items[j].source, src) == 0;
        if (!seen)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "; " : "Source: ", src);
    }
    if (len > 0 && len + 1 < size && buf[len - 1] != '.')
        snprintf(buf + len, size - len, ".");
    len = strlen(buf);
    snprintf(buf + len, size - len, "%sDrawn with forcestat.", len ? " " : "");
}

fs_status_t fs_chart_spine_of(fs_chart_batch_t *b, const fs_spine_item_t *items, size_t n,
                              const fs_chart_style_t *s, fs_error_t *err)
{
    if (s->highlight < 0)
        return fs_error_set(err, FS_EINVAL, "a spine chart needs the force it is about");
    if (n == 0)
        return fs_error_set(err, FS_EINVAL, "no measure has enough forces' values for a spine row");
    const char *force = fs_registry_display((size_t)s->highlight);
    char title[400], note[1600];
    snprintf(title, sizeof title, "%s among the forces of England and Wales", force);
    /* A force missing from a row is named, as every chart names it. */
    size_t missing = 0;
    for (size_t k = 0; k < n; k++)
        missing += items[k].row == NULL || isnan(items[k].row->value);
    const char *src = s->source ? s->source : "Drawn with forcestat.";
    size_t sl = strlen(src);
    if (missing > 0)
        snprintf(note, sizeof note, "%s%sNo data: %s, on %zu of %zu measures.", src,
                 sl > 0 && src[sl - 1] == '.' ? "   " : ".   ",
                 fs_registry_display((size_t)s->highlight), missing, n);
    else
        snprintf(note, sizeof note, "%s", src);
    fs_chart_text_t t = {s->output,
                         s->title ? s->title : title,
                         NULL,
                         note,
                         s->keep_script,
                         s->width,
                         s->height,
                         0,
                         s->narrow || (s->width > 0 && s->width < FS_SPINE_WIDE_MIN),
                         0,
                         0};
    fs_spine_chart_t chart = {t, items, n, force};
    return fs_chart_add_spine(b, &chart, err);
}

/* What the README.md beside a data file (datasets/README.md's table:
 * | `FILE` | source | period | what it holds |) says of path: cell k
 * (1 the source, 2 the period, 3 what it holds) into buf, cut at its first
 * " (" (the details after the words).  Returns 1 when a row names the
 * file, else 0 (buf ""), -1 without memory. */
static int dataset_words(const char *path, int k, char *buf, size_t size)
{
    buf[0] = '\0';
    const char *slash = path ? strrchr(path, '/') : NULL;
    const char *base = slash ? slash + 1 : path;
    char readme[4096], row[512];
    if (path == NULL || strcmp(path, "-") == 0 ||
        snprintf(readme, sizeof readme, "%.*sREADME.md", slash ? (int)(slash - path + 1) : 0,
                 path) >= (int)sizeof readme ||
        snprintf(row, sizeof row, "| `%s` | ", base) >= (int)sizeof row)
        return 0;
    char *text = NULL;
    size_t len = 0;
    fs_error_t err;
    fs_status_t st = fs_read_file(readme, &text, &len, &err);
    if (st != FS_OK)
        return st == FS_ENOMEM ? -1 : 0; /* no README: no words */
    char *z = realloc(text, len + 1); /* fs_read_file's bytes end with no NUL */
    if (z == NULL) {
        free(text);
        return -1;
    }
    text = z;
    text[len] = '\0';
    const char *at = strstr(text, row);
    int found = at != NULL && (at == text || at[-1] == '\n');
    const char *cell = found ? at + strlen(row) : NULL;
    for (int i = 1; cell != NULL && i < k; i++) {
        const char *next = strstr(cell, " | ");
        cell = next && next < cell + strcspn(cell, "\n") ? next + 3 : NULL;
    }
    if (cell != NULL) {
        size_t n = strcspn(cell, "\n");
        const char *end = strstr(cell, " | "), *paren = strstr(cell, " (");
        n = end && (size_t)(end - cell) < n ? (size_t)(end - cell) : n;
        n = paren && (size_t)(paren - cell) < n ? (size_t)(paren - cell) : n;
        snprintf(buf, size, "%.*s", (int)n, cell);
    }
    free(text);
    return buf[0] != '\0';
}

/* The ratio chart's title and note: the measure and its period as the
 * dataset's README describes the counts file ("Searches, year ending 31
 * March 2019: rate of ..."), else the file's name in words; the note names
 * the counts file and the population's, with the population's source and
 * date where its README describes it.  Returns -1 without memory. */
static int ratio_words(const fs_table_t *t, const fs_chart_style_t *s, const char *what,
                       char *title, size_t tsize, char *note, size_t nsize)
{
    char measure[300], period[200], src[300], when[200];
    const char *slash = strrchr(t->name, '/');
    const char *base = slash ? slash + 1 : t->name;
    int described = dataset_words(t->name, 3, measure, sizeof measure);
    if (described > 0) {
        measure[strcspn(measure, " ")] = '\0'; /* "searches (`sum`) per force": its first word */
        if (measure[0] >= 'a' && measure[0] <= 'z')
            measure[0] = (char)(measure[0] - 'a' + 'A');
        if (dataset_words(t->name, 2, period, sizeof period) < 0)
            return -1;
    } else {
        char stem[256];
        snprintf(stem, sizeof stem, "%.*s", (int)strcspn(base, "."), base);
        words_of(stem, measure, sizeof measure);
        period[0] = '\0';
    }
    snprintf(title, tsize, "%s%s%s: %s", measure, period[0] ? ", " : "", period, what);
    const char *pop = s->population;
    const char *pslash = pop ? strrchr(pop, '/') : NULL;
    int pop_described = dataset_words(pop, 1, src, sizeof src);
    int dated = pop_described > 0 ? dataset_words(pop, 2, when, sizeof when) : 0;
    if (dated > 0)
        snprintf(src + strlen(src), sizeof src - strlen(src), ", %s", when);
    if (pop == NULL)
        snprintf(note, nsize, "Data: %s. Drawn with forcestat.", base);
    else
        snprintf(note, nsize, "Data: %s; population: %s. Drawn with forcestat.", base,
                 pop_described > 0 ? src : pslash ? pslash + 1 : pop);
    return described < 0 || pop_described < 0 || dated < 0 ? -1 : 0;
}

/* The mark of a ratio on the chart: 0 not defined or unbounded (no dot),
 * 1 its interval holds 1, 2 wholly above, 3 wholly below. */
static int ratio_mark(const fs_contrast_t *c)
{
    if (c->defined != FS_DEFINED)
        return 0;
    return c->lower > 1 ? 2 : (c->upper < 1 ? 3 : 1);
}

fs_status_t fs_chart_ratio_of(fs_chart_batch_t *b, const fs_ratio_table_t *r, size_t group,
                              const char *reference, const fs_table_t *t,
                              const fs_chart_style_t *s, fs_error_t *err)
{
    items_t it;
    size_t n = 0, ew = SIZE_MAX;
    fs_interval_item_t *points = calloc(r->nrows ? r->nrows : 1, sizeof *points);
    fs_status_t st = items_new(&it, r->nrows, err);
    if (st == FS_OK && points == NULL)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t k = 0; st == FS_OK && k < r->nrows; k++) {
        const fs_ratio_row_t *w = &r->rows[k];
        if (w->group != group)
            continue;
        if (w->force < 0) {
            ew = k;
            continue;
        }
        it.order[n].index = k;
        it.order[n++].key = ratio_mark(&w->ratio.ratio) ? w->ratio.ratio.estimate : NAN;
    }
    if (st == FS_OK)
        qsort(it.order, n, sizeof *it.order, s->ascending ? by_key_asc : by_key_desc);
    for (size_t k = 0; st == FS_OK && k < n; k++) {
        const fs_ratio_row_t *w = &r->rows[it.order[k].index];
        int mark = ratio_mark(&w->ratio.ratio);
        if ((it.labels[k] = item_label(fs_registry_display((size_t)w->force), !mark)) == NULL) {
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
            break;
        }
        points[k] = (fs_interval_item_t){it.labels[k], mark ? w->ratio.ratio.estimate : NAN,
                                         mark ? w->ratio.ratio.lower : NAN,
                                         mark ? w->ratio.ratio.upper : NAN,
                                         w->force == s->highlight, mark};
    }
    char what[600], title[1200], ylabel[400], source[900], method[200], ew_label[120];
    snprintf(what, sizeof what, "rate of %s people against %s people, by force",
             group < r->ngroups ? r->groups[group] : "", reference);
    if (ratio_words(t, s, what, title, sizeof title, source, sizeof source) != 0 && st == FS_OK)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (s->title == NULL)
        fit_title(title);
    snprintf(ylabel, sizeof ylabel, "Rate ratio (%s = 1), log scale", reference);
    snprintf(method, sizeof method, "%g%% %s intervals", 100 * r->level,
             r->method == FS_RATE_RATIO_KATZ ? "Katz log" : "exact conditional");
    int has_ew = ew != SIZE_MAX && r->rows[ew].ratio.ratio.defined == FS_DEFINED;
    snprintf(ew_label, sizeof ew_label, "England and Wales: %.2f",
             has_ew ? r->rows[ew].ratio.ratio.estimate : 0);
    fs_chart_text_t text = {s->output,
                            s->title ? s->title : title,
                            s->ylabel ? s->ylabel : ylabel,
                            s->source ? s->source : source,
                            s->keep_script,
                            s->width,
                            s->height,
                            0,
                            s->narrow,
                            0,
                            0};
    double ew_ratio = has_ew ? r->rows[ew].ratio.ratio.estimate : 1;
    fs_interval_chart_t chart = {text, points, n, has_ew, ew_ratio, ew_label, method, reference};
    if (st == FS_OK && n == 0)
        st = fs_error_set(err, FS_EINVAL, "no force has a ratio of group %zu to draw", group + 1);
    if (st == FS_OK)
        st = fs_chart_add_ratio(b, &chart, err);
    items_free(&it);
    free(points);
    return st;
}

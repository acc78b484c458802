/* cmd_chart.c: `forcestat chart bar|trend|intervals`, charts with gnuplot. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"

static const char help[] =
    "Usage: forcestat chart bar [FILE] --value COL [options]\n"
    "       forcestat chart trend [FILE] --period COL (--value COL |\n"
    "                             --numerator COL --denominator COL) --highlight FORCE\n"
    "                             [--compare NAME] [options]\n"
    "       forcestat chart intervals [FILE] (--numerator COL --denominator COL |\n"
    "                                 --count COL --population COL [--per N]) [options]\n"
    "       forcestat chart funnel [FILE] --numerator COL --denominator COL\n"
    "                              [--type proportion|rate] [--per N] [--limits 95,99.8]\n"
    "                              [--overdispersion none|multiplicative|additive] [options]\n"
    "\n"
    "bar        one bar per force, sorted, with the outlier band as HMICFRS draws\n"
    "           it: the centre as a solid line, one SD either side as dotted lines\n"
    "           (back-transformed, so asymmetric, when the log scale was chosen),\n"
    "           England and Wales as its own line when the file has that row.\n"
    "           Forces outside the band are dark; the highlighted force is orange.\n"
    "           The band is computed exactly as 'forcestat outliers' computes it.\n"
    "trend      a long table (period, force, value): the highlighted force against\n"
    "           England and Wales (or --compare) over the periods, in file order.\n"
    "           With --numerator/--denominator instead of --value, proportions\n"
    "           with confidence-interval ribbons; England and Wales is then pooled\n"
    "           over the forces when the file has no such rows.\n"
    "intervals  each force's proportion and confidence interval, sorted, with the\n"
    "           pooled England and Wales line: the picture of 'forcestat proportions';\n"
    "           with --count and --population, rates per 1,000 (or --per) with\n"
    "           Byar's intervals: the picture of 'forcestat rates'.\n"
    "funnel     each force's figure against its denominator, with the control\n"
    "           limits of 'forcestat funnel' as curves and the target line; the\n"
    "           x axis is logarithmic when the sizes span orders of magnitude.\n"
    "\n"
    "Options:\n"
    "  --output PATH      the chart; .png, .svg or .pdf (default chart.png)\n"
    "  --highlight FORCE  the force the chart is about (any spelling or code)\n"
    "  --title T          title (default: the measure)\n"
    "  --ylabel L         y axis label (default: the measure)\n"
    "  --source NOTE      a note at the foot (default: the file name)\n"
    "  --sort asc|desc    bar and interval order (default desc)\n"
    "  --keep-script      also write PATH's .gp script and .dat data beside it, to\n"
    "                     edit and rerun with gnuplot alone\n"
    "  --value, --period, --numerator, --denominator COL   the columns\n"
    "  --compare NAME     trend: the comparison row's name (default England and Wales)\n"
    "  --groups FILE      bar: outline the highlighted force's most similar group\n"
    "  --method M, --level L   interval method and level (as 'forcestat ci')\n"
    "  --alpha A, --log-rule R  the band's normality check (as 'forcestat outliers')\n"
    "  --force COL        the column naming the force (default: found by content)\n"
    CLI_FILTER_HELP
    "  --encoding E       utf-8 (default) or windows-1252\n"
    "  --help             show this help\n"
    "\n"
    "gnuplot is found through the GNUPLOT environment variable or on PATH.  No\n"
    "text from the data or the command line is ever run as gnuplot code: every\n"
    "string is written into the script with its punctuation escaped, and drawn\n"
    "literally.  The chart is written to a temporary file and renamed into\n"
    "place, so a failed run leaves an existing file untouched.\n";

int cli_find_gnuplot(char *buf, size_t size)
{
    const char *env = getenv("GNUPLOT");
    const char *name = env != NULL && env[0] != '\0' ? env : "gnuplot";
    if (strchr(name, '/') != NULL) {
        if (access(name, X_OK) == 0) {
            snprintf(buf, size, "%s", name);
            return 1;
        }
        return 0;
    }
    const char *path = getenv("PATH");
    if (path == NULL)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t len = colon ? (size_t)(colon - path) : strlen(path);
        if (len > 0 && len + strlen(name) + 2 <= size) {
            snprintf(buf, size, "%.*s/%s", (int)len, path, name);
            struct stat st;
            if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0)
                return 1;
        }
        path += len + (colon ? 1 : 0);
    }
    return 0;
}

int cli_run_charts(fs_chart_batch_t *batch)
{
    char gnuplot[4096];
    if (!cli_find_gnuplot(gnuplot, sizeof gnuplot)) {
        fputs("forcestat: gnuplot not found: install it (Debian: apt-get install gnuplot-nox) "
              "or set GNUPLOT to its path\n",
              stderr);
        return EXIT_DATA;
    }
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_chart_batch_run(batch, gnuplot, &err) != FS_OK)
        return cli_report(&err);
    return EXIT_OK;
}

/* Finds the row of the highlighted force; prints an error when the name is
 * not a force or not in the file. */
static int find_highlight(const fs_table_t *t, const fs_description_t *d, const char *name,
                          int *force)
{
    *force = -1;
    if (name == NULL)
        return EXIT_OK;
    fs_unit_t u = fs_registry_match(name, strlen(name));
    if (u.kind != FS_UNIT_FORCE) {
        fprintf(stderr, "forcestat chart: --highlight '%s' is not a territorial force\n", name);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        if (d->units[i].kind == FS_UNIT_FORCE && d->units[i].force == u.force) {
            *force = u.force;
            return EXIT_OK;
        }
    }
    fprintf(stderr, "forcestat: %s: --highlight %s has no row in the file\n", t->name, u.name);
    return EXIT_DATA;
}

static const char *default_source(const fs_table_t *t, char *buf, size_t size)
{
    const char *slash = strrchr(t->name, '/');
    snprintf(buf, size, "Data: %s. Drawn with forcestat.", slash ? slash + 1 : t->name);
    return buf;
}

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

static void sort_keys(sortable_t *v, size_t n, int ascending)
{
    qsort(v, n, sizeof *v, ascending ? by_key_asc : by_key_desc);
}

/* Labels of missing bars say so. */
static char *label_for(const char *name, int missing)
{
    size_t n = strlen(name) + 12;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s%s", name, missing ? " (no data)" : "");
    return s;
}

int chart_bar(const chart_opts_t *o, const fs_table_t *t, const fs_description_t *d,
                     fs_chart_batch_t *batch)
{
    fs_error_t err;
    fs_error_clear(&err);
    size_t col;
    if (fs_table_find_column(t, o->value, &col, &err) != FS_OK)
        return cli_report(&err);
    int hl;
    int code = find_highlight(t, d, o->highlight, &hl);
    if (code != EXIT_OK)
        return code;
    fs_groups_t *groups;
    if ((code = cli_load_groups(o->groups, &groups)) != EXIT_OK)
        return code;
    fs_outliers_t out;
    if (fs_outliers_compute(t, d, col, &o->band, &out, &err) != FS_OK) {
        fs_groups_free(groups);
        return cli_report(&err);
    }
    sortable_t *order = calloc(out.nrows ? out.nrows : 1, sizeof *order);
    fs_bar_item_t *items = calloc(out.nrows ? out.nrows : 1, sizeof *items);
    char **labels = calloc(out.nrows ? out.nrows : 1, sizeof *labels);
    code = EXIT_OK;
    if (order == NULL || items == NULL || labels == NULL) {
        fputs("forcestat: out of memory\n", stderr);
        code = EXIT_DATA;
        goto done;
    }
    for (size_t k = 0; k < out.nrows; k++) {
        order[k].index = k;
        order[k].key = out.rows[k].value;
    }
    sort_keys(order, out.nrows, o->ascending);
    for (size_t k = 0; k < out.nrows; k++) {
        const fs_outlier_row_t *r = &out.rows[order[k].index];
        labels[k] = label_for(fs_table_cell(t, r->row, d->force_column), isnan(r->value));
        if (labels[k] == NULL) {
            code = EXIT_DATA;
            goto done;
        }
        items[k].label = labels[k];
        items[k].value = r->value;
        items[k].outside = r->flag == FS_FLAG_ABOVE || r->flag == FS_FLAG_BELOW;
        items[k].highlight = hl >= 0 && d->units[r->row].force == hl;
        int grp = fs_groups_of_row(groups, d, r->row);
        items[k].in_group = groups != NULL && hl >= 0 && grp >= 0 && grp == groups->group_of[hl];
    }
    char source[512], group_label[512];
    const char *glabel = NULL;
    if (groups != NULL && hl >= 0 && groups->group_of[hl] >= 0) {
        snprintf(group_label, sizeof group_label, "Most similar group: %s",
                 groups->names[groups->group_of[hl]]);
        glabel = group_label;
    }
    fs_bar_chart_t chart = {{o->output, o->title ? o->title : t->columns[col],
                             o->ylabel ? o->ylabel : t->columns[col],
                             o->source ? o->source : default_source(t, source, sizeof source),
                             o->keep_script},
                            items,
                            out.nrows,
                            out.band.centre,
                            out.band.lower,
                            out.band.upper,
                            out.band.scale == FS_SCALE_LOG,
                            out.has_comparator,
                            out.comparator,
                            NULL,
                            glabel};
    if (fs_chart_add_bar(batch, &chart, &err) != FS_OK)
        code = cli_report(&err);
done:
    for (size_t k = 0; labels != NULL && k < out.nrows; k++)
        free(labels[k]);
    free(labels);
    free(items);
    free(order);
    fs_outliers_free(&out);
    fs_groups_free(groups);
    return code;
}

int chart_intervals(const chart_opts_t *o, const fs_table_t *t, const fs_description_t *d,
                           fs_chart_batch_t *batch)
{
    fs_error_t err;
    fs_error_clear(&err);
    size_t ncol, dcol;
    if (fs_table_find_column(t, o->numerator, &ncol, &err) != FS_OK ||
        fs_table_find_column(t, o->denominator, &dcol, &err) != FS_OK)
        return cli_report(&err);
    int hl;
    int code = find_highlight(t, d, o->highlight, &hl);
    if (code != EXIT_OK)
        return code;
    fs_comparison_t c;
    double *population = NULL;
    if (o->is_rate) {
        population = malloc((t->nrows ? t->nrows : 1) * sizeof *population);
        if (population == NULL || fs_table_numeric_column(t, dcol, population, &err) != FS_OK ||
            fs_compare_rates(t, d, ncol, population, o->per, o->level, &c, &err) != FS_OK) {
            free(population);
            if (population == NULL)
                fs_error_set(&err, FS_ENOMEM, "out of memory");
            return cli_report(&err);
        }
        free(population);
    } else if (fs_compare_proportions(t, d, ncol, dcol, o->method, o->level, &c, &err) != FS_OK) {
        return cli_report(&err);
    }
    sortable_t *order = calloc(c.nrows ? c.nrows : 1, sizeof *order);
    fs_interval_item_t *items = calloc(c.nrows ? c.nrows : 1, sizeof *items);
    char **labels = calloc(c.nrows ? c.nrows : 1, sizeof *labels);
    if (order == NULL || items == NULL || labels == NULL) {
        code = EXIT_DATA;
        goto done;
    }
    for (size_t k = 0; k < c.nrows; k++) {
        order[k].index = k;
        order[k].key = c.rows[k].mark == FS_MARK_MISSING ? NAN : c.rows[k].ci.estimate;
    }
    sort_keys(order, c.nrows, o->ascending);
    for (size_t k = 0; k < c.nrows; k++) {
        const fs_compare_row_t *r = &c.rows[order[k].index];
        int missing = r->mark == FS_MARK_MISSING;
        labels[k] = label_for(fs_table_cell(t, r->row, d->force_column), missing);
        if (labels[k] == NULL) {
            code = EXIT_DATA;
            goto done;
        }
        items[k].label = labels[k];
        items[k].estimate = missing ? NAN : r->ci.estimate;
        items[k].lower = missing ? NAN : r->ci.lower;
        items[k].upper = missing ? NAN : r->ci.upper;
        items[k].highlight = hl >= 0 && d->units[r->row].force == hl;
    }
    char title[1200], source[512];
    if (o->is_rate)
        snprintf(title, sizeof title, "%s per %g people with %g%% intervals", t->columns[ncol],
                 o->per, 100 * o->level);
    else
        snprintf(title, sizeof title, "%s / %s with %g%% %s intervals", t->columns[ncol],
                 t->columns[dcol], 100 * o->level, fs_ci_method_name(o->method));
    fs_interval_chart_t chart = {{o->output, o->title ? o->title : title,
                                  o->ylabel ? o->ylabel : (o->is_rate ? "Rate" : "Proportion"),
                                  o->source ? o->source : default_source(t, source, sizeof source),
                                  o->keep_script},
                                 items,
                                 c.nrows,
                                 1,
                                 c.pooled.estimate,
                                 "England and Wales (pooled)"};
    if (fs_chart_add_intervals(batch, &chart, &err) != FS_OK)
        code = cli_report(&err);
done:
    for (size_t k = 0; labels != NULL && k < c.nrows; k++)
        free(labels[k]);
    free(labels);
    free(items);
    free(order);
    fs_comparison_free(&c);
    return code;
}

/* The period label of each row: the --period columns joined by spaces
 * ("2017/18 Q1" from financial_year,financial_quarter). */
static char **row_periods(const fs_table_t *t, const size_t *pcols, size_t npcols)
{
    char **labels = calloc(t->nrows ? t->nrows : 1, sizeof *labels);
    for (size_t i = 0; labels != NULL && i < t->nrows; i++) {
        size_t len = 1;
        for (size_t k = 0; k < npcols; k++)
            len += strlen(fs_table_cell(t, i, pcols[k])) + 1;
        labels[i] = malloc(len);
        if (labels[i] == NULL)
            return labels; /* caller checks every entry */
        labels[i][0] = '\0';
        for (size_t k = 0; k < npcols; k++) {
            if (k)
                strcat(labels[i], " ");
            strcat(labels[i], fs_table_cell(t, i, pcols[k]));
        }
    }
    return labels;
}

/* Distinct periods in file order. */
static size_t periods_of(const fs_table_t *t, char *const *row_period, const char **periods)
{
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const char *p = row_period[i];
        size_t k = 0;
        while (k < n && strcmp(periods[k], p) != 0)
            k++;
        if (k == n)
            periods[n++] = p;
    }
    return n;
}

int chart_trend(const chart_opts_t *o, const fs_table_t *t, const fs_description_t *d,
                       fs_chart_batch_t *batch)
{
    fs_error_t err;
    fs_error_clear(&err);
    size_t pcols[8], npcols = 0, vcol = 0, ncol = 0, dcol = 0;
    int ratio = o->value == NULL;
    char period_list[1024];
    snprintf(period_list, sizeof period_list, "%s", o->period);
    size_t nnames = 0;
    char **names = cli_split_list(period_list, &nnames);
    if (names == NULL || nnames > 8) {
        free(names);
        return cli_usage("chart", "--period takes one to eight columns");
    }
    for (size_t k = 0; k < nnames; k++) {
        if (fs_table_find_column(t, names[k], &pcols[npcols++], &err) != FS_OK) {
            free(names);
            return cli_report(&err);
        }
    }
    free(names);
    if ((!ratio && fs_table_find_column(t, o->value, &vcol, &err) != FS_OK) ||
        (ratio && (fs_table_find_column(t, o->numerator, &ncol, &err) != FS_OK ||
                   fs_table_find_column(t, o->denominator, &dcol, &err) != FS_OK)))
        return cli_report(&err);
    int hl;
    int code = find_highlight(t, d, o->highlight, &hl);
    if (code != EXIT_OK)
        return code;
    const char *compare_name = o->compare;
    fs_unit_t compare_unit = {FS_UNIT_NATIONAL, -1, NULL, NULL};
    if (compare_name != NULL)
        compare_unit = fs_registry_match(compare_name, strlen(compare_name));
    size_t n = t->nrows;
    const char **periods = calloc(n ? n : 1, sizeof *periods);
    double *num = calloc(n ? n : 1, sizeof *num), *den = calloc(n ? n : 1, sizeof *den);
    double *buf = calloc(6 * (n ? n : 1), sizeof *buf);
    char **row_period = row_periods(t, pcols, npcols);
    int labels_ok = row_period != NULL;
    for (size_t i = 0; labels_ok && i < n; i++)
        labels_ok = row_period[i] != NULL;
    if (periods == NULL || num == NULL || den == NULL || buf == NULL || !labels_ok) {
        code = EXIT_DATA;
        goto done;
    }
    if ((ratio ? (fs_table_numeric_column(t, ncol, num, &err) != FS_OK ||
                  fs_table_numeric_column(t, dcol, den, &err) != FS_OK)
               : fs_table_numeric_column(t, vcol, num, &err) != FS_OK)) {
        code = cli_report(&err);
        goto done;
    }
    size_t np = periods_of(t, row_period, periods);
    double *hv = buf, *hlo = buf + np, *hhi = buf + 2 * np;
    double *cv = buf + 3 * np, *clo = buf + 4 * np, *chi = buf + 5 * np;
    int have_compare_rows = 0;
    for (size_t k = 0; k < np; k++) {
        hv[k] = hlo[k] = hhi[k] = cv[k] = clo[k] = chi[k] = NAN;
        double pool_n = 0, pool_d = 0;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(row_period[i], periods[k]) != 0)
                continue;
            const fs_unit_t *u = &d->units[i];
            int is_hl = u->kind == FS_UNIT_FORCE && u->force == hl;
            int is_cmp = compare_name != NULL
                             ? (u->kind == compare_unit.kind && u->force == compare_unit.force &&
                                (compare_unit.kind != FS_UNIT_UNKNOWN ||
                                 strcmp(fs_table_cell(t, i, d->force_column), compare_name) == 0))
                             : u->kind == FS_UNIT_NATIONAL;
            if (ratio && u->kind == FS_UNIT_FORCE && !isnan(num[i]) && !isnan(den[i])) {
                pool_n += num[i];
                pool_d += den[i];
            }
            double *v = is_hl ? hv : (is_cmp ? cv : NULL);
            double *lo = is_hl ? hlo : clo, *hi = is_hl ? hhi : chi;
            if (v == NULL)
                continue;
            if (!is_hl)
                have_compare_rows = 1;
            if (!ratio) {
                v[k] = num[i];
            } else if (!isnan(num[i]) && !isnan(den[i])) {
                fs_interval_t ci;
                if (fs_proportion_ci(num[i], den[i], o->method, o->level, 0, &ci, &err) != FS_OK) {
                    fs_error_at(&err, t->name, t->lines[i], 0, NULL, 0);
                    code = cli_report(&err);
                    goto done;
                }
                v[k] = ci.estimate;
                lo[k] = ci.lower;
                hi[k] = ci.upper;
            }
        }
        if (ratio && compare_name == NULL && isnan(cv[k]) && pool_d > 0) {
            fs_interval_t ci;
            if (fs_proportion_ci(pool_n, pool_d, o->method, o->level, 0, &ci, &err) == FS_OK) {
                cv[k] = ci.estimate;
                clo[k] = ci.lower;
                chi[k] = ci.upper;
            }
        }
    }
    if (!have_compare_rows && !(ratio && compare_name == NULL)) {
        fprintf(stderr, "forcestat: %s: no rows for %s; give --compare NAME\n", t->name,
                compare_name ? compare_name : "England and Wales");
        code = EXIT_DATA;
        goto done;
    }
    char source[512], title[1200];
    char ratio_name[512];
    snprintf(ratio_name, sizeof ratio_name, "%s / %s", t->columns[ncol], t->columns[dcol]);
    const char *measure = ratio ? ratio_name : t->columns[vcol];
    snprintf(title, sizeof title, "%s: %s against %s", measure, fs_registry_force(hl)->name,
             compare_name ? compare_name
                          : (have_compare_rows ? "England and Wales" : "England and Wales (pooled)"));
    fs_trend_series_t series[2] = {
        {fs_registry_force(hl)->name, hv, ratio ? hlo : NULL, ratio ? hhi : NULL, 1},
        {compare_name ? compare_name
                      : (have_compare_rows ? "England and Wales" : "England and Wales (pooled)"),
         cv, ratio ? clo : NULL, ratio ? chi : NULL, 0}};
    fs_trend_chart_t chart = {{o->output, o->title ? o->title : title,
                               o->ylabel ? o->ylabel : (ratio ? "Proportion" : measure),
                               o->source ? o->source : default_source(t, source, sizeof source),
                               o->keep_script},
                              periods,
                              np,
                              series,
                              2};
    if (fs_chart_add_trend(batch, &chart, &err) != FS_OK)
        code = cli_report(&err);
done:
    for (size_t i = 0; row_period != NULL && i < n; i++)
        free(row_period[i]);
    free(row_period);
    free(periods);
    free(num);
    free(den);
    free(buf);
    return code;
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

int chart_funnel(const chart_opts_t *o, const fs_table_t *t, const fs_description_t *d,
                 fs_chart_batch_t *batch)
{
    int hl;
    int code = find_highlight(t, d, o->highlight, &hl);
    if (code != EXIT_OK)
        return code;
    funnel_data_t fd;
    if ((code = funnel_load(t, d, o->numerator, o->denominator, &o->funnel, &fd)) != EXIT_OK)
        return code;
    fs_funnel_point_t *pts = calloc(fd.n ? fd.n : 1, sizeof *pts);
    if (pts == NULL) {
        funnel_data_free(&fd);
        return EXIT_DATA;
    }
    int rate = fd.fit.opt.type == FS_FUNNEL_RATE;
    for (size_t k = 0; k < fd.n; k++) {
        size_t row = fd.rows[k];
        pts[k].label = fs_table_cell(t, row, d->force_column);
        pts[k].denominator = fd.den[k];
        pts[k].value = fd.num[k] / fd.den[k] * (rate ? fd.fit.opt.per : 1);
        fs_funnel_flag_t fl = fs_funnel_flag(&fd.fit, fd.num[k], fd.den[k]);
        pts[k].flag = (fl == FS_FUNNEL_HIGH_OUTER || fl == FS_FUNNEL_LOW_OUTER)
                          ? 2
                          : ((fl == FS_FUNNEL_HIGH_INNER || fl == FS_FUNNEL_LOW_INNER) ? 1 : 0);
        pts[k].highlight = hl >= 0 && d->units[row].kind == FS_UNIT_FORCE && d->units[row].force == hl;
    }
    char title[1200], source[512], ylabel[256];
    if (rate)
        snprintf(title, sizeof title, "%s per %g of %s: funnel plot, %s", o->numerator,
                 fd.fit.opt.per, o->denominator, od_words(fd.fit.opt.overdispersion));
    else
        snprintf(title, sizeof title, "%s / %s: funnel plot, %s", o->numerator, o->denominator,
                 od_words(fd.fit.opt.overdispersion));
    snprintf(ylabel, sizeof ylabel, "%s", rate ? "Rate" : "Proportion");
    fs_funnel_chart_t chart = {{o->output, o->title ? o->title : title,
                                o->ylabel ? o->ylabel : ylabel,
                                o->source ? o->source : default_source(t, source, sizeof source),
                                o->keep_script},
                               pts,
                               fd.n,
                               &fd.fit,
                               o->denominator};
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_chart_add_funnel(batch, &chart, &err) != FS_OK)
        code = cli_report(&err);
    free(pts);
    funnel_data_free(&fd);
    return code;
}

int cmd_chart(int argc, char **argv)
{
    static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                            {"highlight", required_argument, NULL, 'H'},
                                            {"title", required_argument, NULL, 't'},
                                            {"ylabel", required_argument, NULL, 'y'},
                                            {"source", required_argument, NULL, 's'},
                                            {"sort", required_argument, NULL, 'S'},
                                            {"keep-script", no_argument, NULL, 'k'},
                                            {"value", required_argument, NULL, 'v'},
                                            {"period", required_argument, NULL, 'p'},
                                            {"numerator", required_argument, NULL, 'n'},
                                            {"denominator", required_argument, NULL, 'd'},
                                            {"compare", required_argument, NULL, 'c'},
                                            {"groups", required_argument, NULL, 'g'},
                                            {"count", required_argument, NULL, 'C'},
                                            {"population", required_argument, NULL, 'P'},
                                            {"per", required_argument, NULL, 'R'},
                                            {"type", required_argument, NULL, 'T'},
                                            {"limits", required_argument, NULL, 'L'},
                                            {"overdispersion", required_argument, NULL, 'O'},
                                            {"target", required_argument, NULL, 'G'},
                                            {"method", required_argument, NULL, 'm'},
                                            {"level", required_argument, NULL, 'l'},
                                            {"alpha", required_argument, NULL, 'a'},
                                            {"log-rule", required_argument, NULL, 'r'},
                                            {"force", required_argument, NULL, 'F'},
                                            {"filter", required_argument, NULL, 'W'},
                                            {"encoding", required_argument, NULL, 'e'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    chart_opts_t o;
    memset(&o, 0, sizeof o);
    o.output = "chart.png";
    o.method = FS_CI_DEFAULT_METHOD;
    o.level = FS_CI_DEFAULT_LEVEL;
    o.per = 1000;
    fs_band_options_init(&o.band);
    fs_funnel_options_init(&o.funnel);
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
            return cli_print_help(help);
        return cli_usage("chart", "name a chart: bar, trend, intervals or funnel");
    }
    if (strcmp(argv[1], "bar") == 0)
        o.kind = CHART_BAR;
    else if (strcmp(argv[1], "trend") == 0)
        o.kind = CHART_TREND;
    else if (strcmp(argv[1], "intervals") == 0)
        o.kind = CHART_INTERVALS;
    else if (strcmp(argv[1], "funnel") == 0)
        o.kind = CHART_FUNNEL;
    else
        return cli_usage("chart", "unknown chart '%s' (choose bar, trend, intervals or funnel)", argv[1]);
    argc--;
    argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'o': o.output = optarg; break;
        case 'H': o.highlight = optarg; break;
        case 't': o.title = optarg; break;
        case 'y': o.ylabel = optarg; break;
        case 's': o.source = optarg; break;
        case 'k': o.keep_script = 1; break;
        case 'v': o.value = optarg; break;
        case 'p': o.period = optarg; break;
        case 'n': o.numerator = optarg; break;
        case 'd': o.denominator = optarg; break;
        case 'c': o.compare = optarg; break;
        case 'g': o.groups = optarg; break;
        case 'C':
            o.numerator = optarg;
            o.is_rate = 1;
            break;
        case 'P':
            o.denominator = optarg;
            o.is_rate = 1;
            break;
        case 'R':
            if (fs_parse_number(optarg, strlen(optarg), &o.per, NULL) != FS_FIELD_NUMBER || !(o.per > 0))
                return cli_usage("chart", "--per must be a number > 0, got '%s'", optarg);
            o.funnel.per = o.per;
            break;
        case 'T':
        case 'L':
        case 'O':
        case 'G': {
            int rc = parse_funnel_option("chart", c, optarg, &o.funnel);
            if (rc != EXIT_OK)
                return rc;
            break;
        }
        case 'F': o.force = optarg; break;
        case 'S':
            if (strcmp(optarg, "asc") == 0)
                o.ascending = 1;
            else if (strcmp(optarg, "desc") == 0)
                o.ascending = 0;
            else
                return cli_usage("chart", "unknown --sort '%s' (choose asc or desc)", optarg);
            break;
        case 'm':
            if (fs_ci_method_parse(optarg, &o.method) != FS_OK)
                return cli_usage("chart", "unknown method '%s' (choose wald, wilson, agresti-coull, clopper-pearson, jeffreys)", optarg);
            break;
        case 'l':
            if (!cli_parse_level("chart", optarg, &o.level))
                return EXIT_USAGE;
            break;
        case 'a': {
            double a;
            if (fs_parse_number(optarg, strlen(optarg), &a, NULL) != FS_FIELD_NUMBER || !(a > 0 && a < 1))
                return cli_usage("chart", "--alpha must be a number strictly between 0 and 1, got '%s'", optarg);
            o.band.alpha = a;
            break;
        }
        case 'r':
            if (strcmp(optarg, "more-normal") == 0)
                o.band.log_rule = FS_LOG_RULE_MORE_NORMAL;
            else if (strcmp(optarg, "passes") == 0)
                o.band.log_rule = FS_LOG_RULE_PASSES;
            else
                return cli_usage("chart", "unknown --log-rule '%s' (choose more-normal or passes)", optarg);
            break;
        case 'W':
            if (!cli_add_filter("chart", &o.filters, optarg))
                return EXIT_USAGE;
            break;
        case 'e':
            if (!cli_parse_encoding("chart", optarg, &o.encoding))
                return EXIT_USAGE;
            break;
        case 'h': return cli_print_help(help);
        default: return cli_bad_option("chart");
        }
    }
    if (argc - optind > 1)
        return cli_usage("chart", "expected one FILE, got %d", argc - optind);
    o.path = optind < argc ? argv[optind] : "-";
    switch (o.kind) {
    case CHART_BAR:
        if (o.value == NULL)
            return cli_usage("chart", "chart bar needs --value COL");
        break;
    case CHART_INTERVALS:
        if (o.numerator == NULL || o.denominator == NULL)
            return cli_usage("chart", "chart intervals needs --numerator and --denominator, "
                                      "or --count and --population");
        break;
    case CHART_FUNNEL:
        if (o.numerator == NULL || o.denominator == NULL)
            return cli_usage("chart", "chart funnel needs --numerator and --denominator");
        if (o.is_rate)
            o.funnel.type = FS_FUNNEL_RATE;
        break;
    case CHART_TREND:
        if (o.period == NULL || o.highlight == NULL)
            return cli_usage("chart", "chart trend needs --period and --highlight");
        if ((o.value == NULL) == (o.numerator == NULL || o.denominator == NULL))
            return cli_usage("chart", "chart trend needs --value, or --numerator and --denominator");
        break;
    }
    fs_error_t err;
    fs_error_clear(&err);
    fs_chart_format_t format;
    if (fs_chart_format_from_path(o.output, &format, &err) != FS_OK)
        return cli_usage("chart", "%s ('%s')", err.message, o.output);
    /* The chart is staged in its own folder and renamed into place. */
    char folder[4096];
    const char *name;
    if (fs_path_folder(o.output, folder, sizeof folder, &name, &err) != FS_OK)
        return cli_usage("chart", "the output path is too long");

    fs_table_t *t;
    size_t fc;
    int code = cli_load_table(o.path, o.encoding, o.force, &o.filters, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_description_t *d = NULL;
    fs_chart_batch_t *batch = NULL;
    fs_stage_t *stage = NULL;
    const char *inputs[] = {o.path, o.groups, NULL};
    if ((code = cli_open_stage(folder, inputs, &stage)) != EXIT_OK)
        goto done;
    o.output = name;
    /* Refuse an output that is an input before computing anything. */
    char *kept[2] = {NULL, NULL};
    if (o.keep_script) {
        kept[0] = fs_chart_with_extension(name, ".gp");
        kept[1] = fs_chart_with_extension(name, ".dat");
    }
    if (fs_stage_check(stage, name, &err) != FS_OK ||
        (kept[0] != NULL && fs_stage_check(stage, kept[0], &err) != FS_OK) ||
        (kept[1] != NULL && fs_stage_check(stage, kept[1], &err) != FS_OK)) {
        free(kept[0]);
        free(kept[1]);
        code = cli_report(&err);
        goto done;
    }
    free(kept[0]);
    free(kept[1]);
    if ((code = cli_describe(t, fc, &d)) != EXIT_OK)
        goto done;
    if (fs_chart_batch_new(&batch, stage, &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    switch (o.kind) {
    case CHART_BAR: code = chart_bar(&o, t, d, batch); break;
    case CHART_INTERVALS: code = chart_intervals(&o, t, d, batch); break;
    case CHART_TREND: code = chart_trend(&o, t, d, batch); break;
    case CHART_FUNNEL: code = chart_funnel(&o, t, d, batch); break;
    }
    if (code == EXIT_OK)
        code = cli_run_charts(batch);
    if (code == EXIT_OK)
        code = cli_commit_stage(stage);
done:
    fs_chart_batch_free(batch);
    fs_stage_free(stage);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

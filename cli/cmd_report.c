/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_report.c: `forcestat report`: every measure computed once by the
 * library (measure.h), its band table, its charts drawn from the result,
 * and an index.html, committed together. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charts.h"
#include "outliers_output.h"
#include "report.h"


static const char help[] =
    "Usage: forcestat report [DATASET...] [--highlight FORCE] [--output DIR]\n"
    "       forcestat report [DATASET...] (--all-forces | --forces A,B,...)\n"
    "                        [--output DIR]\n"
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
    "ylabel, xlabel (the funnel's), source, rolling, census; kind is value,\n"
    "proportion, rate or trend; rolling is year when each period of a trend is\n"
    "the year ending with it; census is yes when every unit is counted (the\n"
    "officers), and then a proportion or rate gets no interval, funnel or\n"
    "verdict, only its difference from England and Wales (by default a measure\n"
    "is a sample and gets them); files are relative to the manifest) or a\n"
    "plain force dataset, whose numeric columns each become a measure\n"
    "(numerator/denominator and count/population pairs\n"
    "are recognised as proportions and rates).  With no DATASET, the bundled\n"
    "manifest datasets/report.csv is used (from the current folder, else the\n"
    "installed copy).\n"
    "\n"
    "With --all-forces (or --forces for some), a site: DIR/index.html with the\n"
    "overview, every force on every measure, each force linked to its page;\n"
    "DIR/forces/FORCE.html for each force, with its summary, its spine chart\n"
    "and each measure's charts with the force highlighted; the tables, and the\n"
    "charts common to all forces (the funnel plots, every force named), once.\n"
    "\n"
    "Options:\n"
    "  --highlight FORCE  the force the report is about (default Essex)\n"
    "  --all-forces       a page for each of the 43 forces\n"
    "  --forces A,B,...   a page for each force named (commas between names)\n"
    "  --output DIR       where to write (default ./out; created if missing)\n"
    "  --jobs N           gnuplot processes drawing the charts at once (default:\n"
    "                     one a core)\n"
    "  --progress         progress on stderr, measure by measure (the default when\n"
    "                     stderr is a terminal); --quiet for none\n"
    "  --verbose          say on stderr how often each measure was computed\n"
    "                     (once: its band, intervals, funnel, trend and charts\n"
    "                     all come from one computation), and the total\n"
    "  --help             show this help\n"
    CLI_HELP_EXIT;

/* "mNN-" and the title's words in lower case joined by dashes, cut at a
 * word boundary to at most 48 characters ("m03-police-officers-fte-per-1-
 * 000-people-31", never "...-31-marc"); the number keeps slugs unique. */
static void make_slug(char *buf, size_t size, size_t index, const char *title)
{
    enum { MAX = 48 };
    char words[512];
    size_t k = report_words_slug(title, words, sizeof words);
    int n = snprintf(buf, size, "m%02zu-", index + 1);
    size_t prefix = n > 0 ? (size_t)n : 0, room = MAX > prefix ? MAX - prefix : 0;
    if (k > room) {
        size_t cut = room;
        while (cut > 0 && words[cut] != '-')
            cut--;
        k = cut > 0 ? cut : room; /* one very long word: cut inside it */
        words[k] = '\0';
    }
    snprintf(buf + prefix, size > prefix ? size - prefix : 0, "%s", words);
    if (k == 0 && prefix > 0)
        buf[prefix - 1] = '\0'; /* no words: just "mNN" */
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

/* Keeps only the rows of the last period (in file order). */
/* Queues one chart of the measure; prints any error. */
typedef fs_status_t (*adapter_fn)(fs_chart_batch_t *, const fs_measure_t *,
                                  const fs_chart_style_t *, fs_error_t *);

static int queue_chart(fs_chart_batch_t *batch, const fs_measure_t *m, fs_chart_style_t *style,
                       const char *prefix, const char *slug, const char *suffix,
                       const char *title, adapter_fn fn)
{
    char name[240];
    snprintf(name, sizeof name, "%s%s-%s.png", prefix, slug, suffix);
    style->output = name;
    style->title = title;
    fs_error_t err;
    fs_error_clear(&err);
    return fn(batch, m, style, &err) == FS_OK ? EXIT_OK : cli_report(&err);
}

/* A force's page of a site (--all-forces, --forces). */
typedef struct page_run {
    int force;
    char slug[48];   /* "essex": forces/essex.html */
    char href[72];   /* "forces/essex.html", from the index */
    char prefix[72]; /* "forces/essex-": its charts, from the site's folder */
    result_t *res;   /* one a measure */
    int spine_height;
} page_run_t;

/* The measure's part of force page p: its summary and spine row from the
 * site's computation m, and its highlighted charts.  A measure with
 * periods is computed again for the force's trend and SPC chart; nothing
 * else depends on the force. */
static int run_page_measure(const spec_t *s, size_t index, const result_t *common,
                            const fs_table_t *full, size_t fc, const fs_description_t *d,
                            const fs_measure_t *m, const fs_band_options_t *band,
                            fs_chart_batch_t *batch, page_run_t *p)
{
    result_t *r = &p->res[index];
    memset(r, 0, sizeof *r);
    r->spec = s;
    memcpy(r->slug, common->slug, sizeof r->slug);
    snprintf(r->own, sizeof r->own, "%s-", p->slug);
    r->common = "../";
    memcpy(r->period, common->period, sizeof r->period);
    r->style = common->style;
    r->has_funnel = common->has_funnel;
    memcpy(r->funnel_note, common->funnel_note, sizeof r->funnel_note);
    int f = p->force;
    if (!d->present[f]) {
        /* Not in this dataset: the site's charts, and no verdict. */
        r->has_bar = common->has_bar;
        r->has_intervals = common->has_intervals;
        r->common_charts = 1u << RC_BAR | 1u << RC_INTERVALS | 1u << RC_FUNNEL;
        return report_summarise(m, band, -1, r);
    }
    int code = EXIT_OK;
    fs_measure_t mf;
    memset(&mf, 0, sizeof mf);
    fs_table_t *t = NULL;
    const fs_measure_t *over_time = NULL;
    fs_error_t err;
    fs_error_clear(&err);
    if (s->period != NULL) {
        /* A computation with periods cuts its table to the last one: each
         * force's gets a copy of the whole. */
        fs_measure_spec_t spec;
        report_measure_spec(s, f, &spec);
        size_t *rows = malloc((full->nrows ? full->nrows : 1) * sizeof *rows);
        for (size_t i = 0; rows != NULL && i < full->nrows; i++)
            rows[i] = i;
        fs_status_t st = rows == NULL ? fs_error_set(&err, FS_ENOMEM, "out of memory")
                                      : fs_table_subset(full, rows, full->nrows, &t, &err);
        free(rows);
        if (st != FS_OK) {
            code = cli_report(&err);
            goto done;
        }
        if (fs_measure_compute(t, fc, NULL, &spec, &mf, &err) != FS_OK) {
            code = cli_report_rows(&err, t, d);
            goto done;
        }
        over_time = &mf;
    }
    fs_chart_style_t style;
    fs_chart_style_init(&style);
    style.highlight = f;
    style.source = s->source;
    style.ylabel = s->ylabel;
    style.xlabel = s->xlabel;
    style.year_ending = s->year_ending;
    char title[600];
    if (over_time != NULL && (over_time->have & FS_WANT_TREND)) {
        if ((code = queue_chart(batch, over_time, &style, p->prefix, r->slug, "trend", s->title,
                                fs_chart_trend_of)) != EXIT_OK)
            goto done;
        r->has_trend = 1;
    }
    if (over_time != NULL && (over_time->have & FS_WANT_SPC)) {
        snprintf(title, sizeof title, "%s: %s, statistical process control", s->title,
                 fs_registry_force((size_t)f)->name);
        if ((code = queue_chart(batch, over_time, &style, p->prefix, r->slug, "spc", title,
                                fs_chart_spc_of)) != EXIT_OK)
            goto done;
        r->has_spc = 1;
        report_spc_note(over_time, r);
    } else if (over_time != NULL && over_time->spc_skipped[0]) {
        snprintf(r->spc_note, sizeof r->spc_note, "No SPC chart: %s.", over_time->spc_skipped);
    }
    if (r->period[0])
        snprintf(title, sizeof title, "%s: %s", s->title, r->period);
    else
        snprintf(title, sizeof title, "%s", s->title);
    if ((code = queue_chart(batch, m, &style, p->prefix, r->slug, "bar", title,
                            fs_chart_bar_of)) != EXIT_OK)
        goto done;
    r->has_bar = 1;
    if (common->has_intervals) {
        snprintf(title, sizeof title, "%s: 95%% confidence intervals", s->title);
        if ((code = queue_chart(batch, m, &style, p->prefix, r->slug, "intervals", title,
                                fs_chart_intervals_of)) != EXIT_OK)
            goto done;
        r->has_intervals = 1;
    }
    /* The force's own funnel: one funnel naming all 43 forces cannot be
     * read (their names overlap), and the reader looks for this one. */
    if (common->has_funnel) {
        snprintf(title, sizeof title, "%s: funnel plot", s->title);
        if ((code = queue_chart(batch, m, &style, p->prefix, r->slug, "funnel", title,
                                fs_chart_funnel_of)) != EXIT_OK)
            goto done;
    }
    report_spine_row(m, f, r);
    code = report_summarise(m, band, f, r);
    if (s->census)
        r->has_mark = 0;
done:
    fs_measure_free(&mf);
    fs_table_free(t);
    return code;
}

/* One measure: computed once, then its band table, its charts and its
 * part of the page are all drawn from that one result.  For a site
 * (pages), the force-free charts once, then each force page's part. */
static int run_measure(const spec_t *s, size_t index, fs_stage_t *stage, report_stdin_t *in,
                       int highlight_force, int verbose, fs_chart_batch_t *batch, result_t *r,
                       page_run_t *pages, size_t npages)
{
    memset(r, 0, sizeof *r);
    r->spec = s;
    make_slug(r->slug, sizeof r->slug, index, s->title);
    fs_table_t *t;
    size_t fc;
    int code = report_load(s->file, in, s->force, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_description_t *d = NULL;
    fs_table_t *full = NULL; /* a site's copy of a table with periods */
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_buf_t buf;
    fs_buf_init(&buf);
    if ((code = cli_describe(t, fc, &d)) != EXIT_OK)
        goto done;
    /* A dataset without the highlighted force still gets its charts. */
    if (highlight_force >= 0 && !d->present[highlight_force])
        highlight_force = -1;
    fs_measure_spec_t spec;
    report_measure_spec(s, highlight_force, &spec);
    fs_error_t err;
    fs_error_clear(&err);
    /* The computation below cuts a table with periods to its last period;
     * the force pages need the whole of it. */
    if (npages > 0 && s->period != NULL) {
        size_t *rows = malloc((t->nrows ? t->nrows : 1) * sizeof *rows);
        for (size_t i = 0; rows != NULL && i < t->nrows; i++)
            rows[i] = i;
        fs_status_t st = rows == NULL ? fs_error_set(&err, FS_ENOMEM, "out of memory")
                                      : fs_table_subset(t, rows, t->nrows, &full, &err);
        free(rows);
        if (st != FS_OK) {
            code = cli_report(&err);
            goto done;
        }
    }
    unsigned long before = fs_measure_computations();
    if (fs_measure_compute(t, fc, d, &spec, &m, &err) != FS_OK) {
        code = cli_report_rows(&err, t, d);
        goto done;
    }
    if (verbose)
        fprintf(stderr, "forcestat report: measure %zu '%s': computed %lu time%s\n", index + 1,
                s->title, fs_measure_computations() - before,
                fs_measure_computations() - before == 1 ? "" : "s");
    /* The last period as people say it ("year ending March 2019"). */
    fs_period_words(m.period, s->year_ending, r->period, sizeof r->period);
    r->style = spec.kind == FS_MEASURE_PROPORTION ? FS_RS_SHARE : FS_RS_HUMAN;
    /* Band table, CSV and JSON. */
    char path[200];
    format_csv_header(&buf, s->higher, 0);
    format_csv_rows(&buf, m.table, m.desc, &m.band, s->higher, NULL, NULL);
    snprintf(path, sizeof path, "%s.csv", r->slug);
    if ((code = write_text(stage, path, &buf)) != EXIT_OK)
        goto done;
    fs_buf_reset(&buf);
    format_json(&buf, m.table, m.desc, &m.band, &spec.band, s->higher, NULL, NULL, "");
    fs_buf_putc(&buf, '\n');
    snprintf(path, sizeof path, "%s.json", r->slug);
    if ((code = write_text(stage, path, &buf)) != EXIT_OK)
        goto done;
    /* The charts, each drawn from the result. */
    fs_chart_style_t style;
    fs_chart_style_init(&style);
    style.highlight = highlight_force;
    style.source = s->source;
    style.ylabel = s->ylabel;
    style.xlabel = s->xlabel;
    style.year_ending = s->year_ending;
    r->common = "";
    char title[600];
    if (m.have & FS_WANT_TREND) {
        if ((code = queue_chart(batch, &m, &style, "", r->slug, "trend", s->title,
                                fs_chart_trend_of)) != EXIT_OK)
            goto done;
        r->has_trend = 1;
    }
    if (m.have & FS_WANT_SPC) {
        snprintf(title, sizeof title, "%s: %s, statistical process control", s->title,
                 fs_registry_force((size_t)highlight_force)->name);
        if ((code = queue_chart(batch, &m, &style, "", r->slug, "spc", title, fs_chart_spc_of)) !=
            EXIT_OK)
            goto done;
        r->has_spc = 1;
        report_spc_note(&m, r);
    } else if (m.spc_skipped[0]) {
        snprintf(r->spc_note, sizeof r->spc_note, "No SPC chart: %s.", m.spc_skipped);
    }
    if (r->period[0])
        snprintf(title, sizeof title, "%s: %s", s->title, r->period);
    else
        snprintf(title, sizeof title, "%s", s->title);
    if ((code = queue_chart(batch, &m, &style, "", r->slug, "bar", title, fs_chart_bar_of)) != EXIT_OK)
        goto done;
    r->has_bar = 1;
    if ((m.have & FS_WANT_COMPARISON) && !s->census) {
        snprintf(title, sizeof title, "%s: 95%% confidence intervals", s->title);
        if ((code = queue_chart(batch, &m, &style, "", r->slug, "intervals", title,
                                fs_chart_intervals_of)) != EXIT_OK)
            goto done;
        r->has_intervals = 1;
    }
    if (m.have & FS_WANT_FUNNEL) {
        snprintf(title, sizeof title, "%s: funnel plot", s->title);
        if ((code = queue_chart(batch, &m, &style, "", r->slug, "funnel", title,
                                fs_chart_funnel_of)) != EXIT_OK)
            goto done;
        r->has_funnel = 1;
        snprintf(r->funnel_note, sizeof r->funnel_note,
                 "In the funnel plot the limits depend on each force's size (Spiegelhalter "
                 "2005). The forces vary %s than chance alone explains (over-dispersion "
                 "phi = %.1f), so the limits are widened by sqrt(phi)%s.",
                 m.funnel.fit.overdispersed ? "more" : "no more", m.funnel.fit.phi,
                 m.funnel.fit.phi > 1 ? "" : " (here by nothing)");
    }
    report_overview_column(&m, r);
    if (highlight_force >= 0)
        report_spine_row(&m, highlight_force, r);
    code = report_summarise(&m, &spec.band, highlight_force, r);
    if (s->census)
        r->has_mark = 0; /* no interval, so no verdict: the difference is shown */
    for (size_t k = 0; k < npages && code == EXIT_OK; k++)
        code = run_page_measure(s, index, r, full ? full : t, fc, d, &m, &spec.band, batch,
                                &pages[k]);
done:
    fs_table_free(full);
    fs_buf_free(&buf);
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

/* Queues the spine chart of force over the measures of res that have a
 * row for it, as name; *height is its height in pixels, 0 when no
 * measure has a row. */
static int queue_spine(fs_chart_batch_t *batch, const result_t *res, size_t n, int force,
                       const char *name, int *height)
{
    *height = 0;
    fs_spine_item_t *items = calloc(n ? n : 1, sizeof *items);
    if (items == NULL) {
        fputs("forcestat: out of memory\n", stderr);
        return EXIT_DATA;
    }
    size_t nitems = 0;
    for (size_t i = 0; i < n; i++) {
        if (res[i].has_spine)
            items[nitems++] = res[i].spine_item;
    }
    int code = EXIT_OK;
    if (nitems > 0) {
        fs_chart_style_t style;
        fs_chart_style_init(&style);
        style.output = name;
        style.highlight = force;
        style.source = "Each row: the forces' range (light), 25th to 75th percentile (dark), England "
                       "and Wales (the line); drawn with forcestat.";
        fs_error_t err;
        fs_error_clear(&err);
        if (fs_chart_spine_of(batch, items, nitems, &style, &err) != FS_OK)
            code = cli_report(&err);
        else
            *height = fs_spine_chart_height(nitems);
    }
    free(items);
    return code;
}

/* --forces A,B,...: marks each force named in wanted; a name that is not
 * a territorial force is a usage error (with a near miss suggested). */
static int parse_forces(const char *list, unsigned char *wanted, size_t *n)
{
    *n = 0;
    for (const char *p = list;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len > 0 && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(len < 255 ? len : 255), p);
        if (len == 0)
            return cli_usage("report", "--forces: an empty name in '%s'", list);
        fs_unit_t u = fs_registry_match(p, len);
        if (u.kind != FS_UNIT_FORCE) {
            int near = fs_registry_suggest(p, len);
            if (near >= 0)
                return cli_usage("report", "--forces: '%s' is not a territorial force; did you "
                                           "mean %s?",
                                 name, fs_registry_force((size_t)near)->name);
            return cli_usage("report", "--forces: '%s' is not a territorial force", name);
        }
        if (!wanted[u.force]) {
            wanted[u.force] = 1;
            (*n)++;
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
    static const struct option options[] = {{"highlight", required_argument, NULL, 'H'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"all-forces", no_argument, NULL, 'A'},
                                            {"forces", required_argument, NULL, 'F'},
                                            {"jobs", required_argument, NULL, 'j'},
                                            {"verbose", no_argument, NULL, 'v'},
                                            {"progress", no_argument, NULL, 'P'},
                                            {"quiet", no_argument, NULL, 'q'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *highlight = "Essex", *outdir = "out", *forces_list = NULL;
    int verbose = 0, progress = -1, all_forces = 0, highlight_given = 0, jobs = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'H': highlight = optarg; highlight_given = 1; break;
        case 'A': all_forces = 1; break;
        case 'F': forces_list = optarg; break;
        case 'j': {
            double x;
            if (fs_parse_number(optarg, strlen(optarg), &x, NULL) != FS_FIELD_NUMBER ||
                !(x >= 1 && x <= FS_CHART_MAX_JOBS) || (double)(int)x != x)
                return cli_usage("report", "--jobs must be a whole number from 1 to %d, got '%s'",
                                 FS_CHART_MAX_JOBS, optarg);
            jobs = (int)x;
            break;
        }
        case 'o': outdir = optarg; break;
        case 'v': verbose = 1; break;
        case 'P': progress = 1; break;
        case 'q': progress = 0; break;
        case 'h': return cli_print_help(help);
        default: return cli_bad_option("report");
        }
    }
    if (all_forces + (forces_list != NULL) + highlight_given > 1)
        return cli_usage("report", "--highlight, --all-forces and --forces each choose the "
                                   "pages: give one of them");
    /* The forces with a page of their own, for a site. */
    unsigned char wanted[FS_FORCE_COUNT] = {0};
    size_t npages = 0;
    if (all_forces) {
        memset(wanted, 1, sizeof wanted);
        npages = FS_FORCE_COUNT;
    } else if (forces_list != NULL) {
        int pc = parse_forces(forces_list, wanted, &npages);
        if (pc != EXIT_OK)
            return pc;
    }
    int site = npages > 0;
    fs_unit_t hu = {0};
    if (!site) {
        hu = fs_registry_match(highlight, strlen(highlight));
        if (hu.kind != FS_UNIT_FORCE)
            return cli_not_a_force("report", highlight);
    } else {
        hu.force = -1;
    }
    spec_t *specs = NULL;
    size_t nspecs = 0, cap = 0;
    int code = EXIT_OK;
    const char *default_manifest = NULL;
    report_stdin_t in = {NULL, 0, 0};
    fs_stage_t *stage = NULL;
    const char **inputs = NULL;
    result_t *results = NULL;
    page_run_t *pages = NULL;
    const char *force_pages[FS_FORCE_COUNT] = {NULL};
    fs_chart_batch_t *batch = NULL;
    char installed[4096];
    if (optind == argc)
        default_manifest = report_bundled_manifest(installed, sizeof installed);
    int nargs = default_manifest != NULL ? 1 : argc - optind;
    if ((code = report_read_specs(default_manifest ? &default_manifest : (const char *const *)argv + optind,
                                  nargs, &in, &specs, &nspecs, &cap)) != EXIT_OK)
        goto done;
    if (nspecs == 0) {
        fputs("forcestat report: no measure to report\n", stderr);
        code = EXIT_DATA;
        goto done;
    }
    /* Every file the run reads is an input no output may replace. */
    inputs = calloc((size_t)nargs + nspecs + 1, sizeof *inputs);
    results = calloc(nspecs, sizeof *results);
    pages = calloc(npages ? npages : 1, sizeof *pages);
    if (inputs == NULL || results == NULL || pages == NULL) {
        fputs("forcestat: out of memory\n", stderr);
        code = EXIT_DATA;
        goto done;
    }
    for (size_t f = 0, k = 0; f < FS_FORCE_COUNT && site; f++) {
        if (!wanted[f])
            continue;
        page_run_t *p = &pages[k++];
        p->force = (int)f;
        report_force_slug(f, p->slug, sizeof p->slug);
        snprintf(p->href, sizeof p->href, "forces/%s.html", p->slug);
        snprintf(p->prefix, sizeof p->prefix, "forces/%s-", p->slug);
        force_pages[f] = p->href;
        if ((p->res = calloc(nspecs, sizeof *p->res)) == NULL) {
            fputs("forcestat: out of memory\n", stderr);
            code = EXIT_DATA;
            goto done;
        }
    }
    for (int i = 0; i < nargs; i++)
        inputs[i] = default_manifest ? default_manifest : argv[optind + i];
    for (size_t i = 0; i < nspecs; i++)
        inputs[(size_t)nargs + i] = specs[i].file;
    if ((code = cli_open_stage(outdir, inputs, &stage)) != EXIT_OK)
        goto done;
    fs_error_t err;
    fs_error_clear(&err);
    if (site && fs_stage_subfolder(stage, "forces", &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    if (fs_chart_batch_new(&batch, stage, &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    /* Progress on stderr when it is a terminal (or with --progress). */
    int show = progress == 1 || (progress == -1 && isatty(STDERR_FILENO));
    for (size_t i = 0; i < nspecs && code == EXIT_OK; i++) {
        /* One line a measure, so notes on its rows read beneath it. */
        if (show)
            fprintf(stderr, "forcestat report: measure %zu of %zu: %s\n", i + 1, nspecs,
                    specs[i].title);
        code = run_measure(&specs[i], i, stage, &in, hu.force, verbose, batch, &results[i],
                           site ? pages : NULL, npages);
    }
    /* The spine chart: where the force stands on every measure, at the
     * top of its page. */
    int spine_height = 0;
    if (code == EXIT_OK && !site)
        code = queue_spine(batch, results, nspecs, hu.force, "spine.png", &spine_height);
    for (size_t k = 0; code == EXIT_OK && k < npages; k++) {
        char name[120];
        snprintf(name, sizeof name, "%sspine.png", pages[k].prefix);
        code = queue_spine(batch, pages[k].res, nspecs, pages[k].force, name,
                           &pages[k].spine_height);
    }
    if (show) {
        size_t nc = fs_chart_batch_count(batch);
        fprintf(stderr, "forcestat report: drawing %zu chart%s\n", nc, nc == 1 ? "" : "s");
    }
    if (verbose)
        fprintf(stderr, "forcestat report: %lu computations for %zu measures\n",
                fs_measure_computations(), nspecs);
    if (code == EXIT_OK)
        code = cli_run_charts_jobs(batch, jobs > 0 ? jobs : cli_default_jobs());
    /* The force pages, then the index, which is staged last. */
    for (size_t k = 0; code == EXIT_OK && k < npages; k++) {
        const page_run_t *p = &pages[k];
        char spine[120], name[120];
        snprintf(spine, sizeof spine, "%s-spine.png", p->slug);
        report_page_t pg = {p->force, p->spine_height, spine, 0, NULL, "../index.html"};
        fs_buf_t html;
        fs_buf_init(&html);
        report_write_html(&html, p->res, nspecs, &pg);
        snprintf(name, sizeof name, "%s", p->href);
        code = write_text(stage, name, &html);
        fs_buf_free(&html);
    }
    if (code == EXIT_OK) {
        report_page_t pg = {hu.force, spine_height, "spine.png", 1, site ? force_pages : NULL,
                            NULL};
        fs_buf_t html;
        fs_buf_init(&html);
        report_write_html(&html, results, nspecs, &pg);
        code = write_text(stage, "index.html", &html);
        fs_buf_free(&html);
    }
    /* One transaction: every file of the run moves into place together,
     * index.html last, or none does. */
    if (code == EXIT_OK)
        code = cli_commit_stage(stage);
    if (code == EXIT_OK && site) {
        fs_buf_t out;
        fs_buf_init(&out);
        size_t ncharts = fs_chart_batch_count(batch);
        fs_buf_printf(&out, "A page for each of %zu force%s (%zu measure%s, %zu chart%s)\n", npages,
                      npages == 1 ? "" : "s", nspecs, nspecs == 1 ? "" : "s", ncharts,
                      ncharts == 1 ? "" : "s");
        for (size_t k = 0; k < npages; k++)
            fs_buf_printf(&out, "  %s/%s\n", outdir, pages[k].href);
        fs_buf_printf(&out, "Report: %s/index.html\n", outdir);
        code = cli_write_text(&out);
        fs_buf_free(&out);
    } else if (code == EXIT_OK) {
        fs_buf_t out;
        fs_buf_init(&out);
        size_t ncharts = fs_chart_batch_count(batch);
        fs_buf_printf(&out, "%s against the outlier bands (%zu measure%s, %zu chart%s):\n",
                      fs_registry_force((size_t)hu.force)->name, nspecs, nspecs == 1 ? "" : "s",
                      ncharts, ncharts == 1 ? "" : "s");
        /* Each measure's whole title on its own line, then where the force
         * stands, so nothing is cut and the values line up. */
        for (size_t i = 0; i < nspecs; i++) {
            const result_t *r = &results[i];
            fs_buf_printf(&out, "  %s", r->spec->title);
            if (r->period[0] && strstr(r->spec->title, r->period) == NULL)
                fs_buf_printf(&out, " (%s)", r->period);
            fs_buf_puts(&out, "\n      ");
            if (r->has_highlight) {
                fs_render_number(&out, r->value, r->style, 0);
                fs_buf_printf(&out, ": %s", report_position_words(r->flag));
                if (r->has_mark && r->mark != FS_MARK_MISSING) {
                    fs_buf_printf(&out, ", %s England and Wales",
                                  r->mark == FS_MARK_SIMILAR ? "similar to"
                                                             : (r->mark == FS_MARK_HIGHER ? "higher than"
                                                                                          : "lower than"));
                } else if (r->has_comparator) {
                    /* Without an interval there is no verdict: the figures. */
                    fs_buf_puts(&out, "; England and Wales ");
                    fs_render_number(&out, r->comparator, r->style, 0);
                    fs_buf_puts(&out, " (no interval, so no verdict)");
                }
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
    for (size_t k = 0; pages != NULL && k < npages; k++) {
        for (size_t i = 0; pages[k].res != NULL && i < nspecs; i++) {
            free(pages[k].res[i].explanation);
            free(pages[k].res[i].section);
        }
        free(pages[k].res);
    }
    free(pages);
    fs_chart_batch_free(batch);
    fs_stage_free(stage);
    free(inputs);
    free(in.data);
    for (size_t i = 0; i < nspecs; i++)
        report_spec_free(&specs[i]);
    free(specs);
    return code;
}

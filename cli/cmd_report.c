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
#include "options.h"
#include "outliers_output.h"
#include "report.h"

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
    /* A site's force pages: each force's trend and SPC chart come from
     * the same one computation. */
    unsigned char page_forces[FS_FORCE_COUNT] = {0};
    for (size_t k = 0; k < npages; k++)
        page_forces[pages[k].force] = 1;
    if (npages > 0)
        report_site_spec(s, page_forces, &spec);
    fs_error_t err;
    fs_error_clear(&err);
    unsigned long before = fs_measure_computations();
    if (fs_measure_compute(t, fc, d, &spec, &m, &err) != FS_OK) {
        code = cli_report_rows(&err, t, d);
        goto done;
    }
    if (verbose)
        cli_warn("forcestat report: measure %zu '%s': computed %lu time%s", index + 1, s->title,
                 fs_measure_computations() - before,
                 fs_measure_computations() - before == 1 ? "" : "s");
    /* The last period as people say it ("year ending March 2019"). */
    fs_period_words(m.period, s->year_ending, r->period, sizeof r->period);
    r->style = spec.kind == FS_MEASURE_PROPORTION ? FS_RS_SHARE : FS_RS_HUMAN;
    /* Band table, CSV and JSON. */
    char path[200];
    format_csv_header(&buf, s->higher, 0);
    format_csv_rows(&buf, m.table, m.desc, &m.band, s->higher, NULL, NULL);
    snprintf(path, sizeof path, "%s.csv", r->slug);
    if ((code = report_stage_text(stage, path, &buf)) != EXIT_OK)
        goto done;
    fs_buf_reset(&buf);
    format_json(&buf, m.table, m.desc, &m.band, &spec.band, s->higher, NULL, NULL, "");
    fs_buf_putc(&buf, '\n');
    snprintf(path, sizeof path, "%s.json", r->slug);
    if ((code = report_stage_text(stage, path, &buf)) != EXIT_OK)
        goto done;
    /* The charts, each drawn from the result. */
    r->common = "";
    if ((code = report_queue_charts(batch, s, &m, &m, highlight_force, "", r)) != EXIT_OK)
        goto done;
    report_overview_column(&m, r);
    if (highlight_force >= 0)
        report_spine_row(&m, highlight_force, r);
    code = report_summarise(&m, &spec.band, highlight_force, r);
    if (s->census)
        r->has_mark = 0; /* no interval, so no verdict: the difference is shown */
    for (size_t k = 0; k < npages && code == EXIT_OK; k++)
        code = report_page_measure(s, index, r, d, &m, &spec.band, batch, &pages[k]);
done:
    fs_buf_free(&buf);
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    return code;
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
                                            CLI_OPT_CSV_RAW,
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
        case OPT_CSV_RAW: cli_csv_raw = 1; break;
        case 'h': return cli_help("report");
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
        int pc = report_parse_forces(forces_list, wanted, &npages);
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
    if (site && (code = report_pages_new(wanted, nspecs, pages, force_pages)) != EXIT_OK)
        goto done;
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
            cli_warn("forcestat report: measure %zu of %zu: %s", i + 1, nspecs, specs[i].title);
        code = run_measure(&specs[i], i, stage, &in, hu.force, verbose, batch, &results[i],
                           site ? pages : NULL, npages);
    }
    /* The spine chart: where the force stands on every measure, at the
     * top of its page. */
    int spine_height = 0;
    if (code == EXIT_OK && !site)
        code = report_queue_spine(batch, results, nspecs, hu.force, "spine.png", &spine_height);
    for (size_t k = 0; code == EXIT_OK && k < npages; k++)
        code = report_queue_page_spine(batch, &pages[k], nspecs);
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
    for (size_t k = 0; code == EXIT_OK && k < npages; k++)
        code = report_write_page(stage, &pages[k], nspecs);
    /* The pages and charts of an earlier site that this run does not
     * write again go with the commit. */
    if (code == EXIT_OK)
        code = report_own_pages(stage, outdir, site);
    if (code == EXIT_OK) {
        report_page_t pg = {hu.force, spine_height, "spine.png", 1, site ? force_pages : NULL,
                            NULL};
        fs_buf_t html;
        fs_buf_init(&html);
        report_write_html(&html, results, nspecs, &pg);
        code = report_stage_text(stage, "index.html", &html);
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
    report_pages_free(pages, npages, nspecs);
    fs_chart_batch_free(batch);
    fs_stage_free(stage);
    free(inputs);
    free(in.data);
    for (size_t i = 0; i < nspecs; i++)
        report_spec_free(&specs[i]);
    free(specs);
    return code;
}

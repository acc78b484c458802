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


/* The options of a run. */
typedef struct report_options {
    const char *outdir;
    int highlight;                        /* the force of a one-force report, -1 for a site */
    unsigned char wanted[FS_FORCE_COUNT]; /* a site's pages */
    int site;                             /* a page for each force wanted */
    int verbose, progress, jobs;
    const char *const *inputs; /* the datasets named, or the bundled manifest */
    int ninputs;
    const char *bundled;
    char installed[4096];
    const char *groups; /* --groups FILE, or NULL */
} report_options_t;

/* What a run holds until it ends. */
typedef struct report_run {
    fs_report_specs_t specs;
    report_stdin_t in;
    const char **inputs; /* every file read: no output may replace one */
    fs_stage_t *stage;
    fs_chart_batch_t *batch;
    fs_site_t *site;
    fs_groups_t *groups;
} report_run_t;

/* --forces A,B,...: marks each force named in wanted (a force named
 * twice gets one page); a name that is not a territorial force is a
 * usage error, a near miss suggested. */
static int parse_forces(const char *list, unsigned char *wanted)
{
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
                return cli_usage("report",
                                 "--forces: '%s' is not a territorial force; did you "
                                 "mean %s?",
                                 name, fs_registry_force((size_t)near)->name);
            return cli_usage("report", "--forces: '%s' is not a territorial force", name);
        }
        wanted[u.force] = 1;
        if (end == NULL)
            break;
        p = end + 1;
    }
    return EXIT_OK;
}

/* The pages asked for: one force's report (--highlight), or a site. */
static int choose_pages(report_options_t *o, const char *highlight, int highlight_given,
                        int all_forces, const char *forces_list)
{
    if (all_forces + (forces_list != NULL) + highlight_given > 1)
        return cli_usage("report", "--highlight, --all-forces and --forces each choose the "
                                   "pages: give one of them");
    if (all_forces) {
        memset(o->wanted, 1, sizeof o->wanted);
        o->site = 1;
    } else if (forces_list != NULL) {
        int pc = parse_forces(forces_list, o->wanted);
        if (pc != EXIT_OK)
            return pc;
        o->site = 1;
    }
    o->highlight = -1;
    if (!o->site) {
        fs_unit_t hu = fs_registry_match(highlight, strlen(highlight));
        if (hu.kind != FS_UNIT_FORCE)
            return cli_not_a_force("report", highlight);
        o->highlight = hu.force;
    }
    return EXIT_OK;
}

/* Parses the options into o; *done when there is nothing to run (--help,
 * a usage error), with the exit code returned. */
static int parse_options(int argc, char **argv, report_options_t *o, int *done)
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
                                            CLI_OPT_GROUPS,
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    const char *highlight = "Essex", *forces_list = NULL;
    int all_forces = 0, highlight_given = 0;
    memset(o, 0, sizeof *o);
    o->outdir = "out";
    o->progress = -1;
    *done = 1;
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'H':
            highlight = optarg;
            highlight_given = 1;
            break;
        case 'A': all_forces = 1; break;
        case 'F': forces_list = optarg; break;
        case 'j': {
            double x;
            if (fs_parse_number(optarg, strlen(optarg), &x, NULL) != FS_FIELD_NUMBER ||
                !(x >= 1 && x <= FS_CHART_MAX_JOBS) || (double)(int)x != x)
                return cli_usage("report", "--jobs must be a whole number from 1 to %d, got '%s'",
                                 FS_CHART_MAX_JOBS, optarg);
            o->jobs = (int)x;
            break;
        }
        case 'o': o->outdir = optarg; break;
        case 'v': o->verbose = 1; break;
        case 'P': o->progress = 1; break;
        case 'q':
            o->progress = 0;
            cli_quiet = 1;
            break;
        case OPT_CSV_RAW: cli_csv_raw = 1; break;
        case 'V': return cli_version();
        case OPT_GROUPS: o->groups = optarg; break;
        case 'h': return cli_help("report");
        default: return cli_bad_option("report");
        }
    }
    int code = choose_pages(o, highlight, highlight_given, all_forces, forces_list);
    if (code != EXIT_OK)
        return code;
    if (optind == argc) {
        o->bundled = report_bundled_manifest(o->installed, sizeof o->installed);
        if (o->bundled == NULL)
            return report_no_manifest("report");
        o->inputs = &o->bundled;
        o->ninputs = 1;
    } else {
        o->inputs = (const char *const *)argv + optind;
        o->ninputs = argc - optind;
    }
    *done = 0;
    return EXIT_OK;
}

/* Stages one of the report's text files; prints any error. */
static int stage_text(fs_stage_t *stage, const char *name, const fs_buf_t *b)
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

/* The measure's band table, CSV and JSON, as `outliers` writes them. */
static int stage_tables(report_run_t *run, size_t index, const fs_measure_t *m,
                        const fs_measure_spec_t *spec)
{
    const fs_report_spec_t *s = &run->specs.v[index];
    const char *slug = run->site->results[index].slug;
    higher_is_t higher = report_higher(s->higher);
    char path[200];
    fs_buf_t buf;
    fs_buf_init(&buf);
    format_csv_header(&buf, higher, 0);
    format_csv_rows(&buf, m->table, m->desc, &m->band, higher, NULL, NULL);
    snprintf(path, sizeof path, "%s.csv", slug);
    run->site->results[index].csv_bytes = buf.len; /* the page says its size */
    int code = stage_text(run->stage, path, &buf);
    fs_buf_reset(&buf);
    format_json(&buf, m->table, m->desc, &m->band, &spec->band, higher, NULL, NULL, "");
    fs_buf_putc(&buf, '\n');
    snprintf(path, sizeof path, "%s.json", slug);
    run->site->results[index].json_bytes = buf.len;
    if (code == EXIT_OK)
        code = stage_text(run->stage, path, &buf);
    fs_buf_free(&buf);
    return code;
}

/* One measure: computed once, then its band table, its charts and its
 * part of every page are all drawn from that one result. */
static int run_measure(const report_options_t *o, report_run_t *run, size_t index)
{
    const fs_report_spec_t *s = &run->specs.v[index];
    fs_table_t *t;
    size_t fc;
    int code = report_load(s->file, &run->in, s->force, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_description_t *d = NULL;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_measure_spec_t spec;
    fs_error_t err;
    fs_error_clear(&err);
    if ((code = cli_describe(t, fc, &d)) != EXIT_OK)
        goto done;
    fs_site_measure_spec(run->site, index, d, &spec);
    unsigned long before = fs_measure_computations();
    if (fs_measure_compute(t, fc, d, &spec, &m, &err) != FS_OK) {
        code = cli_report_rows(&err, t, d);
        goto done;
    }
    if (m.have & FS_WANT_BAND)
        cli_note_total(m.table, m.desc, m.value_col);
    unsigned long times = fs_measure_computations() - before;
    if (o->verbose)
        cli_warn("forcestat report: measure %zu '%s': computed %lu time%s", index + 1, s->title,
                 times, times == 1 ? "" : "s");
    if ((code = stage_tables(run, index, &m, &spec)) == EXIT_OK &&
        fs_site_add(run->site, index, d, &m, &spec, &err) != FS_OK)
        code = cli_report(&err);
done:
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

/* The measures, the stage (every file the run reads an input no output
 * may replace), the chart batch and the site. */
static int open_run(const report_options_t *o, report_run_t *run)
{
    int code = report_read_specs(o->inputs, o->ninputs, &run->in, &run->specs);
    if (code != EXIT_OK)
        return code;
    size_t nspecs = run->specs.n;
    if (nspecs == 0) {
        fputs("forcestat report: no measure to report\n", stderr);
        return EXIT_DATA;
    }
    if ((code = cli_load_groups(o->groups, &run->groups)) != EXIT_OK)
        return code;
    if ((run->inputs = calloc((size_t)o->ninputs + nspecs + 2, sizeof *run->inputs)) == NULL) {
        fputs("forcestat: out of memory\n", stderr);
        return EXIT_DATA;
    }
    for (int i = 0; i < o->ninputs; i++)
        run->inputs[i] = o->inputs[i];
    for (size_t i = 0; i < nspecs; i++)
        run->inputs[(size_t)o->ninputs + i] = run->specs.v[i].file;
    run->inputs[(size_t)o->ninputs + nspecs] = o->groups;
    if ((code = cli_open_stage(o->outdir, run->inputs, &run->stage)) != EXIT_OK)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    if ((o->site && fs_stage_subfolder(run->stage, "forces", &err) != FS_OK) ||
        fs_chart_batch_new(&run->batch, run->stage, &err) != FS_OK ||
        fs_site_new(&run->site, run->specs.v, nspecs, o->site ? o->wanted : NULL, o->highlight,
                    &report_hooks, run->stage, run->batch, &err) != FS_OK)
        return cli_report(&err);
    run->site->groups = run->groups;
    return EXIT_OK;
}

/* The run: every measure, then the charts, then the pages, committed in
 * one transaction (every file moves into place together, index.html
 * last, or none does). */
static int run_report(const report_options_t *o, report_run_t *run)
{
    int code = open_run(o, run);
    if (code != EXIT_OK)
        return code;
    /* Progress on stderr when it is a terminal (or with --progress). */
    int show = o->progress == 1 || (o->progress == -1 && isatty(STDERR_FILENO));
    size_t nspecs = run->specs.n;
    for (size_t i = 0; i < nspecs && code == EXIT_OK; i++) {
        /* One line a measure, so notes on its rows read beneath it. */
        if (show)
            cli_warn("forcestat report: measure %zu of %zu: %s", i + 1, nspecs,
                     run->specs.v[i].title);
        code = run_measure(o, run, i);
    }
    fs_error_t err;
    fs_error_clear(&err);
    if (code == EXIT_OK && fs_site_queue_spines(run->site, &err) != FS_OK)
        code = cli_report(&err);
    if (show) {
        size_t nc = fs_chart_batch_count(run->batch);
        fprintf(stderr, "forcestat report: drawing %zu chart%s\n", nc, nc == 1 ? "" : "s");
    }
    if (o->verbose)
        fprintf(stderr, "forcestat report: %lu computations for %zu measures\n",
                fs_measure_computations(), nspecs);
    if (code == EXIT_OK)
        code = cli_run_charts_jobs(run->batch, o->jobs > 0 ? o->jobs : cli_default_jobs());
    if (code == EXIT_OK && fs_site_stage(run->site, o->outdir, &err) != FS_OK)
        code = cli_report(&err);
    return code == EXIT_OK ? cli_commit_stage(run->stage) : code;
}

/* Where the highlighted force stands, measure by measure: each whole
 * title on its own line, then the force's place, so nothing is cut and
 * the values line up. */
static void emit_standing(fs_buf_t *out, const fs_site_result_t *r)
{
    fs_buf_printf(out, "  %s", r->spec->title);
    if (r->period[0] && strstr(r->spec->title, r->period) == NULL)
        fs_buf_printf(out, " (%s)", r->period);
    fs_buf_puts(out, "\n      ");
    if (r->has_highlight) {
        fs_render_number(out, r->value, r->style, 0);
        fs_buf_printf(out, ": %s", fs_site_position_words(r->flag));
        if (r->has_mark && r->mark != FS_MARK_MISSING) {
            fs_buf_printf(out, ", %s England and Wales",
                          r->mark == FS_MARK_SIMILAR  ? "similar to"
                          : r->mark == FS_MARK_HIGHER ? "higher than"
                                                      : "lower than");
        } else if (r->has_comparator) {
            /* Without an interval there is no verdict: the figures. */
            fs_buf_puts(out, "; England and Wales ");
            fs_render_number(out, r->comparator, r->style, 0);
            fs_buf_puts(out, " (no interval, so no verdict)");
        }
        char rank[160];
        fs_site_rank_words(r, rank, sizeof rank);
        if (rank[0] != '\0')
            fs_buf_printf(out, "; %s", rank);
    } else {
        fs_buf_puts(out, "not in the data");
    }
    fs_buf_putc(out, '\n');
}

/* The summary on stdout: a site's pages, or where the force stands. */
static int emit_summary(const report_options_t *o, const report_run_t *run)
{
    const fs_site_t *site = run->site;
    size_t nspecs = run->specs.n, ncharts = fs_chart_batch_count(run->batch);
    fs_buf_t out;
    fs_buf_init(&out);
    if (site->npages > 0) {
        fs_buf_printf(&out, "A page for each of %zu force%s (%zu measure%s, %zu chart%s)\n",
                      site->npages, site->npages == 1 ? "" : "s", nspecs, nspecs == 1 ? "" : "s",
                      ncharts, ncharts == 1 ? "" : "s");
        for (size_t k = 0; k < site->npages; k++)
            fs_buf_printf(&out, "  %s/%s\n", o->outdir, site->pages[k].href);
    } else {
        fs_buf_printf(&out, "%s against the outlier bands (%zu measure%s, %zu chart%s):\n",
                      fs_registry_force((size_t)o->highlight)->name, nspecs, nspecs == 1 ? "" : "s",
                      ncharts, ncharts == 1 ? "" : "s");
        for (size_t i = 0; i < nspecs; i++)
            emit_standing(&out, &site->results[i]);
    }
    fs_buf_printf(&out, "Report: %s/index.html\n", o->outdir);
    int code = cli_write_text(&out);
    fs_buf_free(&out);
    return code;
}

int cmd_report(int argc, char **argv)
{
    report_options_t o;
    int done;
    int code = parse_options(argc, argv, &o, &done);
    if (done)
        return code;
    report_run_t run;
    memset(&run, 0, sizeof run);
    code = run_report(&o, &run);
    if (code == EXIT_OK)
        code = emit_summary(&o, &run);
    fs_site_free(run.site);
    fs_chart_batch_free(run.batch);
    fs_stage_free(run.stage);
    fs_groups_free(run.groups);
    free(run.inputs);
    free(run.in.data);
    fs_report_specs_free(&run.specs);
    return code;
}

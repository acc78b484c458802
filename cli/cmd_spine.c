/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_spine.c: `forcestat chart spine`, where one force stands on every
 * measure of a manifest (spine.h). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "report.h"

/* Each measure's spine row, computed as the report computes it. */
static int rows_of(const fs_report_spec_t *specs, size_t n, report_stdin_t *in, int force,
                   fs_site_result_t *rows)
{
    for (size_t i = 0; i < n; i++) {
        fs_site_result_t *r = &rows[i];
        memset(r, 0, sizeof *r);
        r->spec = &specs[i];
        fs_table_t *t;
        size_t fc;
        int code = report_load(specs[i].file, in, specs[i].force, &t, &fc);
        if (code != EXIT_OK)
            return code;
        fs_error_t err;
        fs_error_clear(&err);
        fs_description_t *d = NULL;
        fs_measure_t m;
        memset(&m, 0, sizeof m);
        fs_measure_spec_t spec;
        fs_site_spec_of(&specs[i], force, &spec);
        /* Nothing else is drawn; the trend's periods say whether each is a
         * year given by its last day (fs_chart_years_ending). */
        spec.want &= FS_WANT_BAND | FS_WANT_COMPARISON | FS_WANT_TREND;
        if (fs_describe(t, fc, &d, &err) != FS_OK || fs_measure_compute(t, fc, d, &spec, &m, &err) != FS_OK)
            code = cli_report(&err);
        else {
            /* The period column, in words as the report's ("2018/19",
             * "year ending March 2019"). */
            fs_period_words(m.period, fs_chart_years_ending(&m, specs[i].year_ending), r->period,
                            sizeof r->period);
            fs_site_spine_row(&m, force, r);
        }
        if (code == EXIT_OK && (m.have & FS_WANT_BAND))
            cli_note_total(m.table, m.desc, m.value_col);
        fs_measure_free(&m);
        fs_description_free(d);
        fs_table_free(t);
        if (code != EXIT_OK)
            return code;
    }
    return EXIT_OK;
}

/* The options of 'chart spine', parsed. */
typedef struct {
    const char *highlight, *output;
    fs_chart_style_t style;
} spine_opts_t;

/* Parses the options into o: -1 when the chart is to be drawn, else the
 * exit code (help shown, or a usage error). */
static int spine_parse(int argc, char **argv, spine_opts_t *o)
{
    static const struct option options[] = {{"highlight", required_argument, NULL, 'H'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"title", required_argument, NULL, 't'},
                                            {"source", required_argument, NULL, 's'},
                                            {"width", required_argument, NULL, 'X'},
                                            {"keep-script", no_argument, NULL, 'k'},
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    o->highlight = NULL;
    o->output = "spine.png";
    fs_chart_style_init(&o->style);
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'H': o->highlight = optarg; break;
        case 'o': o->output = optarg; break;
        case 't': o->style.title = optarg; break;
        case 's': o->style.source = optarg; break;
        case 'k': o->style.keep_script = 1; break;
        case 'X': {
            double x;
            if (fs_parse_number(optarg, strlen(optarg), &x, NULL) != FS_FIELD_NUMBER ||
                !(x >= FS_CHART_MIN_SIDE && x <= FS_CHART_MAX_SIDE) || (double)(int)x != x)
                return cli_usage("chart", "--width must be a whole number of pixels from %d to %d, "
                                          "got '%s'",
                                 FS_CHART_MIN_SIDE, FS_CHART_MAX_SIDE, optarg);
            o->style.width = (int)x;
            break;
        }
        case 'V': return cli_version();
        case 'h': return cli_help("chart-spine");
        default: return cli_bad_option("chart");
        }
    }
    return -1;
}

int chart_spine(int argc, char **argv)
{
    spine_opts_t o;
    int parsed = spine_parse(argc, argv, &o);
    if (parsed != -1)
        return parsed;
    const char *highlight = o.highlight, *output = o.output;
    fs_chart_style_t style = o.style;
    if (highlight == NULL)
        return cli_usage("chart", "chart spine needs --highlight FORCE");
    fs_unit_t u = fs_registry_match(highlight, strlen(highlight));
    if (u.kind != FS_UNIT_FORCE)
        return cli_not_a_force("chart", highlight);
    fs_error_t err;
    fs_error_clear(&err);
    fs_chart_format_t format;
    if (fs_chart_format_from_path(output, &format, &err) != FS_OK)
        return cli_usage("chart", "%s ('%s')", fs_error_message(&err), output);
    char folder[4096];
    const char *name;
    if (fs_path_folder(output, folder, sizeof folder, &name, &err) != FS_OK)
        return cli_usage("chart", "the output path is too long");

    char installed[4096];
    const char *bundled = optind >= argc ? report_bundled_manifest(installed, sizeof installed) : NULL;
    if (optind >= argc && bundled == NULL)
        return report_no_manifest("chart");
    int nargs = bundled ? 1 : argc - optind;
    report_stdin_t in = {NULL, 0, 0};
    fs_report_specs_t all = {NULL, 0, 0};
    size_t nspecs = 0, nitems = 0;
    fs_site_result_t *rows = NULL;
    fs_spine_item_t *items = NULL;
    const char **inputs = NULL;
    fs_stage_t *stage = NULL;
    fs_chart_batch_t *batch = NULL;
    int code = report_read_specs(bundled ? &bundled : (const char *const *)argv + optind, nargs, &in,
                                 &all);
    const fs_report_spec_t *specs = all.v;
    nspecs = all.n;
    if (code != EXIT_OK)
        goto done;
    rows = calloc(nspecs ? nspecs : 1, sizeof *rows);
    items = calloc(nspecs ? nspecs : 1, sizeof *items);
    inputs = calloc((size_t)nargs + nspecs + 1, sizeof *inputs);
    if (rows == NULL || items == NULL || inputs == NULL) {
        fputs("forcestat: out of memory\n", stderr);
        code = EXIT_DATA;
        goto done;
    }
    if ((code = rows_of(specs, nspecs, &in, u.force, rows)) != EXIT_OK)
        goto done;
    for (size_t i = 0; i < nspecs; i++) {
        if (rows[i].has_spine)
            items[nitems++] = rows[i].spine_item;
    }
    /* Every file read is an input the chart may not replace. */
    for (int i = 0; i < nargs; i++)
        inputs[i] = bundled ? bundled : argv[optind + i];
    for (size_t i = 0; i < nspecs; i++)
        inputs[(size_t)nargs + i] = specs[i].file;
    if ((code = cli_open_stage(folder, inputs, &stage)) != EXIT_OK)
        goto done;
    style.output = name;
    style.highlight = u.force;
    /* The measures' sources, unless the command line gives the note. */
    char note[1400];
    if (style.source == NULL) {
        fs_spine_sources(items, nitems, note, sizeof note);
        style.source = note;
    }
    if (fs_stage_check(stage, name, &err) != FS_OK || fs_chart_batch_new(&batch, stage, &err) != FS_OK ||
        fs_chart_spine_of(batch, items, nitems, &style, &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    if ((code = cli_run_charts(batch)) == EXIT_OK)
        code = cli_commit_stage(stage);
done:
    fs_chart_batch_free(batch);
    fs_stage_free(stage);
    free(inputs);
    free(items);
    free(rows);
    free(in.data);
    fs_report_specs_free(&all);
    return code;
}

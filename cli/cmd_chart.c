/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_chart.c: `forcestat chart bar|trend|intervals|funnel`: one measure
 * computed by the library (measure.h) and drawn from its result
 * (chart_measure.h). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "options.h"

typedef struct chart_args {
    fs_chart_kind_t kind;
    const char *path, *output, *highlight;
    int is_rate; /* --count and --population */
    fs_measure_spec_t spec;
    fs_chart_style_t style;
    cli_shared_t so;    /* --encoding, --force, --filter, --groups, band and interval options */
    cli_spc_t spc;      /* chart spc */
    const char *target; /* --target: the funnel's, or the SPC chart's */
    int layout;         /* --layout: LAYOUT_AUTO (default), LAYOUT_WIDE or LAYOUT_NARROW */
    unsigned char given[64]; /* given[i]: options[i] was given */
} chart_args_t;

static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                        {"highlight", required_argument, NULL, 'H'},
                                        {"title", required_argument, NULL, 't'},
                                        {"ylabel", required_argument, NULL, 'y'},
                                        {"xlabel", required_argument, NULL, 'x'},
                                        {"source", required_argument, NULL, 's'},
                                        {"sort", required_argument, NULL, 'S'},
                                        {"keep-script", no_argument, NULL, 'k'},
                                        {"year-ending", no_argument, NULL, 'E'},
                                        {"width", required_argument, NULL, 'X'},
                                        {"height", required_argument, NULL, 'Y'},
                                        {"layout", required_argument, NULL, 'A'},
                                        {"value", required_argument, NULL, 'v'},
                                        {"period", required_argument, NULL, 'p'},
                                        {"numerator", required_argument, NULL, 'n'},
                                        {"denominator", required_argument, NULL, 'd'},
                                        {"compare", required_argument, NULL, 'c'},
                                        {"from", required_argument, NULL, 'F'},
                                        {"to", required_argument, NULL, 'U'},
                                        CLI_OPT_GROUPS,
                                        {"count", required_argument, NULL, 'C'},
                                        {"population", required_argument, NULL, 'P'},
                                        CLI_OPT_FUNNEL,
                                        CLI_OPT_SPC,
                                        CLI_OPT_INTERVALS,
                                        CLI_OPT_BAND,
                                        CLI_OPT_FORCE,
                                        CLI_OPT_QUIET,
                                        CLI_OPT_FILTER,
                                        CLI_OPT_ENCODING,
                                        CLI_OPT_HELP,
                                        {0, 0, 0, 0}};

enum { LAYOUT_AUTO = 0, LAYOUT_WIDE, LAYOUT_NARROW };

/* Every option has its flag in chart_args_t's given. */
typedef char
    chart_options_fit[sizeof options / sizeof options[0] <= sizeof((chart_args_t *)0)->given ? 1
                                                                                             : -1];

/* Whether the option named name was given. */
static int given(const chart_args_t *a, const char *name)
{
    for (size_t i = 0; options[i].name != NULL; i++)
        if (strcmp(options[i].name, name) == 0)
            return a->given[i];
    return 0;
}

/* Refuses an option the chart kind does not take, naming the kinds that
 * do (the chart kinds' table, render/kinds.h), so that none is accepted
 * and ignored; EXIT_OK or a printed usage error. */
static int refuse_untaken(const chart_args_t *a)
{
    const fs_kind_t *k = fs_kind_of(&fs_kinds_chart, (int)a->kind);
    unsigned row = 1u << (unsigned)(k - fs_kinds_chart.rows);
    for (size_t i = 0; options[i].name != NULL; i++) {
        unsigned takers = fs_kind_takers(&fs_kinds_chart, options[i].name);
        if (!a->given[i] || (takers & row) != 0)
            continue;
        char kinds[256];
        fs_kind_join(&fs_kinds_chart, takers, ", chart ", " or chart ", kinds, sizeof kinds);
        return cli_usage("chart", "chart %s does not take --%s; did you mean chart %s?", k->name,
                         options[i].name, kinds);
    }
    return EXIT_OK;
}

/* Refuses what the measure drawn would ignore: half a ratio's columns,
 * --per but for a rate,
 * --method but for a proportion's intervals, --level for a value. */
static int refuse_unused(const chart_args_t *a)
{
    fs_measure_kind_t mk = a->spec.kind;
    if ((a->spec.numerator != NULL) != (a->spec.denominator != NULL))
        return cli_usage("chart", "%s",
                         a->is_rate ? "--count and --population go together"
                                    : "--numerator and --denominator go together");
    if (given(a, "per") && mk != FS_MEASURE_RATE)
        return cli_usage("chart", "--per goes with a rate: --count and --population%s",
                         a->kind == FS_CHART_FUNNEL ? ", or --type rate" : "");
    if (given(a, "method") && mk != FS_MEASURE_PROPORTION)
        return cli_usage("chart", "--method goes with --numerator and --denominator: %s",
                         mk == FS_MEASURE_RATE ? "a rate's intervals are Byar's"
                                               : "a value has no interval");
    if (given(a, "level") && mk == FS_MEASURE_VALUE)
        return cli_usage("chart", "--level goes with --numerator and --denominator, or --count "
                                  "and --population: a value has no interval");
    return EXIT_OK;
}

/* One option into a; EXIT_OK, or the exit code of a printed usage error. */
static int chart_option(chart_args_t *a, int c, char *arg)
{
    fs_measure_spec_t *s = &a->spec;
    switch (c) {
    case 'o': a->output = arg; return EXIT_OK;
    case 'H': a->highlight = arg; return EXIT_OK;
    case 't': a->style.title = arg; return EXIT_OK;
    case 'y': a->style.ylabel = arg; return EXIT_OK;
    case 'x': a->style.xlabel = arg; return EXIT_OK;
    case 's': a->style.source = arg; return EXIT_OK;
    case 'k': a->style.keep_script = 1; return EXIT_OK;
    case 'E': a->style.year_ending = 1; return EXIT_OK;
    case 'X':
    case 'Y': {
        double x;
        if (fs_parse_number(arg, strlen(arg), &x, NULL) != FS_FIELD_NUMBER ||
            !(x >= FS_CHART_MIN_SIDE && x <= FS_CHART_MAX_SIDE) || (double)(int)x != x)
            return cli_usage("chart", "--%s must be a whole number of pixels from %d to %d, got '%s'",
                             c == 'X' ? "width" : "height", FS_CHART_MIN_SIDE, FS_CHART_MAX_SIDE,
                             arg);
        *(c == 'X' ? &a->style.width : &a->style.height) = (int)x;
        return EXIT_OK;
    }
    case 'A':
        if (strcmp(arg, "auto") != 0 && strcmp(arg, "wide") != 0 && strcmp(arg, "narrow") != 0)
            return cli_usage("chart", "unknown --layout '%s' (choose wide, narrow or auto)", arg);
        a->layout = strcmp(arg, "auto") == 0 ? LAYOUT_AUTO
                    : strcmp(arg, "wide") == 0 ? LAYOUT_WIDE
                                               : LAYOUT_NARROW;
        return EXIT_OK;
    case 'v': s->value = arg; return EXIT_OK;
    case 'p': s->period = arg; return EXIT_OK;
    case 'n': s->numerator = arg; return EXIT_OK;
    case 'd': s->denominator = arg; return EXIT_OK;
    case 'c': s->compare = arg; return EXIT_OK;
    case 'F': a->style.from = arg; return EXIT_OK;
    case 'U': a->style.to = arg; return EXIT_OK;
    case 'C':
    case 'P':
        *(c == 'C' ? &s->numerator : &s->denominator) = arg;
        a->is_rate = 1;
        return EXIT_OK;
    case 'R':
        if (fs_parse_number(arg, strlen(arg), &s->per, NULL) != FS_FIELD_NUMBER || !(s->per > 0))
            return cli_usage("chart", "--per must be a number > 0, got '%s'", arg);
        s->funnel.per = s->per;
        return EXIT_OK;
    case 'G': a->target = arg; return EXIT_OK; /* read for the chart drawn */
    case 'T':
    case 'L':
    case 'O': return parse_funnel_option("chart", c, arg, &s->funnel);
    case 'S':
        if (strcmp(arg, "asc") != 0 && strcmp(arg, "desc") != 0)
            return cli_usage("chart", "unknown --sort '%s' (choose asc or desc)", arg);
        a->style.ascending = strcmp(arg, "asc") == 0;
        return EXIT_OK;
    default: {
        int code = cli_spc_option("chart", c, arg, &a->spc);
        if (code >= 0)
            return code;
        code = cli_shared_option(&a->so, c, arg);
        return code < 0 ? cli_bad_option("chart") : code;
    }
    }
}

/* The measure each chart draws; EXIT_OK or a printed usage error. */
static int chart_spec(chart_args_t *a)
{
    fs_measure_spec_t *s = &a->spec;
    int ratio = s->numerator != NULL && s->denominator != NULL;
    switch (a->kind) {
    case FS_CHART_BAR:
        if (s->value == NULL)
            return cli_usage("chart", "chart bar needs --value COL");
        /* With the counts, as the report draws a proportion's or a rate's
         * bar: England and Wales pooled over the forces, a proportion in
         * percent. */
        s->kind = !ratio ? FS_MEASURE_VALUE : a->is_rate ? FS_MEASURE_RATE : FS_MEASURE_PROPORTION;
        s->want = !ratio ? FS_WANT_BAND : FS_WANT_BAND | FS_WANT_COMPARISON;
        break;
    case FS_CHART_INTERVALS:
        if (!ratio)
            return cli_usage("chart", "chart intervals needs --numerator and --denominator, "
                                      "or --count and --population");
        s->kind = a->is_rate ? FS_MEASURE_RATE : FS_MEASURE_PROPORTION;
        s->want = FS_WANT_COMPARISON;
        break;
    case FS_CHART_FUNNEL:
        if (!ratio)
            return cli_usage("chart", "chart funnel needs --numerator and --denominator");
        if (a->is_rate)
            s->funnel.type = FS_FUNNEL_RATE;
        s->kind = s->funnel.type == FS_FUNNEL_RATE ? FS_MEASURE_RATE : FS_MEASURE_PROPORTION;
        s->want = FS_WANT_FUNNEL;
        break;
    case FS_CHART_TREND:
        if (s->period == NULL || a->highlight == NULL)
            return cli_usage("chart", "chart trend needs --period and --highlight");
        if ((s->value == NULL) == !ratio)
            return cli_usage("chart", "chart trend needs --value, or --numerator and --denominator");
        size_t commas = 0;
        for (const char *p = s->period; *p; p++)
            commas += *p == ',';
        if (commas >= FS_MEASURE_MAX_PERIOD_COLUMNS)
            return cli_usage("chart", "--period takes one to eight columns");
        s->kind = !ratio ? FS_MEASURE_VALUE : a->is_rate ? FS_MEASURE_RATE : FS_MEASURE_PROPORTION;
        s->want = FS_WANT_TREND;
        break;
    case FS_CHART_SPC: {
        if (s->period == NULL)
            return cli_usage("chart", "chart spc needs --period");
        if ((s->value == NULL) == !ratio)
            return cli_usage("chart", "chart spc needs --value, or --numerator and --denominator "
                                      "(or --count and --population)");
        int code;
        if (a->target != NULL && (code = cli_spc_option("chart", 'G', a->target, &a->spc)) != EXIT_OK)
            return code;
        if (a->spc.opt.has_target && a->spc.opt.improvement == FS_SPC_NEUTRAL)
            return cli_usage("chart", "--target needs --improvement up or down: which side is good");
        s->kind = !ratio ? FS_MEASURE_VALUE : a->is_rate ? FS_MEASURE_RATE : FS_MEASURE_PROPORTION;
        s->want = FS_WANT_SPC;
        s->spc = a->spc.opt;
        s->spc_rebase = a->spc.rebase;
        s->spc_nrebase = a->spc.nrebase;
        break;
    }
    case FS_CHART_SPINE: /* chart_spine, before any of this */
    case FS_CHART_RATIO: break; /* chart_ratio, before any of this */
    default: {
        /* A kind drawn from its rows alone (render/kinds.h). */
        const fs_chart_draw_t *dr = fs_chart_draw_of(a->kind);
        const char *name = fs_kind_of(&fs_kinds_chart, a->kind)->name;
        if (dr->ratio && !ratio)
            return cli_usage("chart",
                             "chart %s needs --numerator and --denominator, or --count "
                             "and --population",
                             name);
        if (!dr->ratio && s->value == NULL)
            return cli_usage("chart", "chart %s needs --value COL", name);
        s->kind = !dr->ratio   ? FS_MEASURE_VALUE
                  : a->is_rate ? FS_MEASURE_RATE
                               : FS_MEASURE_PROPORTION;
        s->want = dr->want;
        break;
    }
    }
    /* chart change-funnel widens its limits as chart funnel does. */
    a->style.overdispersion = s->funnel.overdispersion;
    /* (--target with another kind was refused: refuse_untaken.) */
    if (a->kind == FS_CHART_FUNNEL && a->target != NULL)
        return parse_funnel_option("chart", 'G', a->target, &s->funnel);
    return EXIT_OK;
}

/* The chart's layout: --layout's, or by default (auto) the narrow one
 * under FS_CHART_NARROW_BELOW pixels wide (fs_chart_narrow_at), the wide
 * one from there up.  A narrow chart is FS_CHART_NARROW_WIDTH wide unless
 * --width is given, and as tall as its kind's narrow rendering unless
 * --height is (the report's: a chart over the forces has a row a force). */
static void choose_layout(chart_args_t *a)
{
    fs_chart_style_t *s = &a->style;
    s->narrow = a->layout == LAYOUT_AUTO ? fs_chart_narrow_at(s->width) : a->layout == LAYOUT_NARROW;
    if (!s->narrow)
        return;
    if (s->width == 0)
        s->width = FS_CHART_NARROW_WIDTH;
    if (s->height == 0)
        s->height = fs_chart_draw_of(a->kind)->narrow_height;
}

/* Reads the table, computes the measure once and queues its chart. */
static int draw(chart_args_t *a, fs_table_t *t, size_t fc, fs_stage_t *stage)
{
    fs_error_t err;
    fs_error_clear(&err);
    fs_description_t *d = NULL;
    fs_groups_t *groups = NULL;
    fs_chart_batch_t *batch = NULL;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    /* An SPC chart is of one series: the other forces' rows are not its
     * concern, so no notes on forces absent or names unknown. */
    int code = EXIT_OK;
    if (a->kind != FS_CHART_SPC)
        code = cli_describe(t, fc, &d);
    else if (fs_describe(t, fc, &d, &err) != FS_OK)
        code = cli_report(&err);
    if (code == EXIT_OK)
        code = cli_find_highlight("chart", t, d, a->highlight, &a->style.highlight);
    if (code == EXIT_OK && a->kind == FS_CHART_BAR)
        code = cli_load_groups(a->so.groups, &groups);
    if (code != EXIT_OK)
        goto done;
    a->spec.trend_force = a->style.highlight;
    if (a->kind == FS_CHART_SPC && a->style.highlight < 0)
        a->spec.trend_force = FS_TREND_ONLY_SERIES;
    a->style.groups = groups;
    /* Peer lists: the peer group's averages for the bar chart. */
    if (groups != NULL && groups->peer_lists)
        a->spec.groups = groups;
    fs_status_t st = fs_measure_compute(t, fc, d, &a->spec, &m, &err);
    if (st == FS_OK && (m.have & FS_WANT_BAND))
        cli_note_total(m.table, m.desc, m.value_col);
    if (st == FS_OK)
        st = fs_chart_batch_new(&batch, stage, &err);
    if (st == FS_OK) /* the kind's adapter (render/kinds.h) */
        st = fs_chart_draw_of(a->kind)->draw(batch, &m, &a->style, &err);
    code = st != FS_OK ? cli_report_rows(&err, t, d) : cli_run_charts(batch);
    if (code == EXIT_OK)
        code = cli_commit_stage(stage);
done:
    fs_chart_batch_free(batch);
    fs_measure_free(&m);
    fs_groups_free(groups);
    fs_description_free(d);
    return code;
}

static int print_help(void)
{
    return cli_help("chart");
}

int cmd_chart(int argc, char **argv)
{
    chart_args_t a;
    memset(&a, 0, sizeof a);
    a.output = "chart.png";
    fs_measure_spec_init(&a.spec);
    /* chart funnel's default adjustment is the report's, as funnel's. */
    a.spec.funnel.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
    fs_chart_style_init(&a.style);
    cli_shared_init(&a.so, "chart", 0);
    cli_spc_init(&a.spc);
    char kinds[256];
    fs_kind_join(&fs_kinds_chart, FS_KIND_ALL, ", ", " or ", kinds, sizeof kinds);
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
            return print_help();
        if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0))
            return cli_version();
        return cli_usage("chart", "name a chart: %s", kinds);
    }
    /* getopt reads the arguments after the kind (cli_bad_option's). */
    cli_guard_option_names(argc - 1, argv + 1);
    int kind;
    if (!cli_parse_kind("chart", &fs_kinds_chart, FS_KIND_ALL, argv[1], ", ", " or ", &kind))
        return EXIT_USAGE;
    if (kind == FS_CHART_SPINE)
        return chart_spine(argc - 1, argv + 1);
    if (kind == FS_CHART_RATIO)
        return chart_ratio(argc - 1, argv + 1);
    a.kind = (fs_chart_kind_t)kind;
    argc--;
    argv++;
    int c, at = -1;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, &at)) != -1) {
        if (c == 'h')
            return print_help();
        if (c == 'V')
            return cli_version();
        int code = chart_option(&a, c, optarg);
        if (code != EXIT_OK)
            return code;
        if (at >= 0)
            a.given[at] = 1;
        at = -1;
    }
    if (argc - optind > 1)
        return cli_usage("chart", "expected one FILE, got %d", argc - optind);
    a.path = optind < argc ? argv[optind] : "-";
    a.spec.band = a.so.band;
    a.spec.method = a.so.method;
    a.spec.level = a.so.level;
    int code = refuse_untaken(&a);
    if (code == EXIT_OK)
        code = chart_spec(&a);
    if (code == EXIT_OK)
        code = refuse_unused(&a);
    if (code != EXIT_OK)
        return code;
    choose_layout(&a);
    fs_error_t err;
    fs_error_clear(&err);
    fs_chart_format_t format;
    if (fs_chart_format_from_path(a.output, &format, &err) != FS_OK)
        return cli_usage("chart", "%s ('%s')", fs_error_message(&err), a.output);
    /* The chart is staged in its own folder and renamed into place. */
    char folder[4096];
    const char *name;
    if (fs_path_folder(a.output, folder, sizeof folder, &name, &err) != FS_OK)
        return cli_usage("chart", "the output path is too long");
    fs_table_t *t;
    size_t fc;
    if ((code = cli_load_table(a.path, a.so.encoding, a.so.force, &a.so.filters, &t, &fc)) != EXIT_OK)
        return code;
    fs_stage_t *stage = NULL;
    const char *inputs[] = {a.path, a.so.groups, NULL};
    if ((code = cli_open_stage(folder, inputs, &stage)) == EXIT_OK) {
        a.style.output = name;
        /* Refuse an output that is an input before computing anything. */
        char *gp = a.style.keep_script ? fs_chart_with_extension(name, ".gp") : NULL;
        char *dat = a.style.keep_script ? fs_chart_with_extension(name, ".dat") : NULL;
        if (fs_stage_check(stage, name, &err) != FS_OK ||
            (gp != NULL && fs_stage_check(stage, gp, &err) != FS_OK) ||
            (dat != NULL && fs_stage_check(stage, dat, &err) != FS_OK))
            code = cli_report(&err);
        else
            code = draw(&a, t, fc, stage);
        free(gp);
        free(dat);
    }
    fs_stage_free(stage);
    fs_table_free(t);
    return code;
}

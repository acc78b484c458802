/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_spc.c: `forcestat spc`, the XmR chart of one series (spc.h). */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "options.h"

/* The points' table: CSV and JSON keys, text headings. */
#define SPC_COLUMNS 9
static fs_status_t points_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_measure_t *m,
                                char (*rules)[64], fs_error_t *err)
{
    fs_rstyle_t style = m->kind == FS_MEASURE_PROPORTION ? FS_RS_SHARE : FS_RS_DIGITS;
    const fs_rcol_t c[SPC_COLUMNS] = {
        {.key = "period", .heading = "Period", .width = -12, .max = 24},
        {.key = "value", .type = FS_RT_NUMBER, .heading = "Value", .width = 10, .style = style, .digits = 6},
        {.key = "mean", .type = FS_RT_NUMBER, .heading = "Mean", .width = 10, .style = style, .digits = 6},
        {.key = "lower", .type = FS_RT_NUMBER, .heading = "Lower", .width = 10, .style = style, .digits = 6},
        {.key = "upper", .type = FS_RT_NUMBER, .heading = "Upper", .width = 10, .style = style, .digits = 6},
        {.key = "near_lower", .type = FS_RT_NUMBER},
        {.key = "near_upper", .type = FS_RT_NUMBER},
        {.key = "rule", .heading = "Rule", .width = -24, .before = "  "},
        {.key = "variation", .heading = "Variation"}};
    memcpy(cols, c, sizeof c);
    const fs_spc_t *s = &m->spc;
    fs_status_t st = fs_rtable_init(rt, cols, SPC_COLUMNS, s->n, err);
    if (st != FS_OK)
        return st;
    for (size_t i = 0; i < s->n; i++) {
        const fs_spc_point_t *p = &s->points[i];
        fs_spc_rule_names(p->rules, rules[i], sizeof rules[i]);
        size_t j = 0;
        fs_rtable_text(rt, i, j++, m->trend.periods[i]);
        fs_rtable_number(rt, i, j++, p->value);
        fs_rtable_number(rt, i, j++, p->mean);
        fs_rtable_number(rt, i, j++, p->lower);
        fs_rtable_number(rt, i, j++, p->upper);
        fs_rtable_number(rt, i, j++, p->near_lower);
        fs_rtable_number(rt, i, j++, p->near_upper);
        fs_rtable_text(rt, i, j++, rules[i]);
        fs_rtable_text(rt, i, j++, fs_spc_variation_name(p->variation));
    }
    return FS_OK;
}

static void put_value(fs_buf_t *out, const fs_measure_t *m, double x)
{
    fs_render_number(out, x, m->kind == FS_MEASURE_PROPORTION ? FS_RS_SHARE : FS_RS_DIGITS, 6);
}

/* The plain-English summary: the latest point, then each run of signals. */
static void summary(fs_buf_t *out, const fs_measure_t *m)
{
    const fs_spc_t *s = &m->spc;
    const fs_spc_point_t *last = &s->points[s->n - 1];
    const fs_spc_segment_t *g = &s->segments[last->segment];
    fs_buf_printf(out, "Latest point (%s): ", m->trend.periods[s->n - 1]);
    put_value(out, m, last->value);
    if (last->rules == 0) {
        fs_buf_puts(out, ", common cause: within the process limits (");
    } else {
        char rules[64];
        fs_spc_rule_names(last->rules, rules, sizeof rules);
        fs_buf_printf(out, ", special cause (%s; %s): the process limits are (", rules,
                      fs_spc_variation_name(last->variation));
    }
    put_value(out, m, g->lower);
    fs_buf_puts(out, " to ");
    put_value(out, m, g->upper);
    fs_buf_puts(out, ", mean ");
    put_value(out, m, g->mean);
    fs_buf_puts(out, ").");
    if (g->assurance != FS_SPC_NO_TARGET) {
        fs_buf_puts(out, " Against the target ");
        put_value(out, m, s->opt.target);
        fs_buf_printf(out, ": %s.", fs_spc_assurance_name(g->assurance));
    }
    size_t special = 0;
    for (size_t i = 0; i < s->n; i++)
        special += s->points[i].rules != 0;
    if (special == 0) {
        fs_buf_printf(out, " No signals: all %zu points are common cause.", s->n);
        return;
    }
    fs_buf_printf(out, " Signals (%zu of %zu points):", special, s->n);
    int first = 1;
    for (size_t i = 0; i < s->n;) {
        if (s->points[i].rules == 0) {
            i++;
            continue;
        }
        /* A run of special-cause points of one variation in one segment,
         * with every rule that flags any of them. */
        size_t j = i + 1;
        unsigned any = s->points[i].rules;
        while (j < s->n && s->points[j].rules != 0 &&
               s->points[j].variation == s->points[i].variation &&
               s->points[j].segment == s->points[i].segment)
            any |= s->points[j++].rules;
        char rules[64];
        fs_spc_rule_names(any, rules, sizeof rules);
        fs_buf_printf(out, "%s %s%s%s (%s, %s)", first ? "" : ";", m->trend.periods[i],
                      j - i > 1 ? " to " : "", j - i > 1 ? m->trend.periods[j - 1] : "", rules,
                      fs_spc_variation_name(s->points[i].variation));
        first = 0;
        i = j;
    }
    fs_buf_putc(out, '.');
}

static void measure_name(const fs_measure_t *m, char *buf, size_t size)
{
    const fs_table_t *t = m->table;
    if (m->kind == FS_MEASURE_VALUE)
        snprintf(buf, size, "%s", t->columns[m->value_col]);
    else if (m->kind == FS_MEASURE_RATE)
        snprintf(buf, size, "%s per %g", t->columns[m->num_col], m->trend.per);
    else
        snprintf(buf, size, "%s / %s", t->columns[m->num_col], t->columns[m->den_col]);
}

static void format_json(fs_buf_t *out, const fs_measure_t *m, int force, const fs_rtable_t *rt)
{
    const fs_spc_t *s = &m->spc;
    char name[1100];
    measure_name(m, name, sizeof name);
    fs_buf_puts(out, "{\n  " CLI_JSON_SCHEMA ",\n  \"measure\": ");
    fs_json_string(out, name);
    fs_buf_puts(out, ", \"force\": ");
    if (force >= 0)
        fs_json_string(out, fs_registry_force((size_t)force)->name);
    else
        fs_buf_puts(out, "null");
    fs_buf_printf(out, ",\n  \"n\": %zu, \"screen\": %s, \"baseline\": %zu, \"improvement\": %s,"
                       " \"target\": ",
                  s->n, s->opt.screen ? "true" : "false", s->opt.baseline,
                  s->opt.improvement == FS_SPC_UP     ? "\"up\""
                  : s->opt.improvement == FS_SPC_DOWN ? "\"down\""
                                                      : "null");
    if (s->opt.has_target)
        fs_json_number(out, s->opt.target);
    else
        fs_buf_puts(out, "null");
    fs_buf_puts(out, ",\n  \"segments\": [");
    for (size_t k = 0; k < s->nsegments; k++) {
        const fs_spc_segment_t *g = &s->segments[k];
        fs_buf_puts(out, k ? ",\n    {\"first\": " : "\n    {\"first\": ");
        fs_json_string(out, m->trend.periods[g->start]);
        fs_buf_puts(out, ", \"last\": ");
        fs_json_string(out, m->trend.periods[g->start + g->n - 1]);
        fs_buf_printf(out, ", \"n\": %zu, \"baseline\": %zu, \"mean\": ", g->n, g->baseline);
        fs_json_number(out, g->mean);
        fs_buf_puts(out, ", \"mr_bar\": ");
        fs_json_number(out, g->mr_bar);
        fs_buf_puts(out, ", \"mr_bar_unscreened\": ");
        fs_json_number(out, g->mr_bar_unscreened);
        fs_buf_printf(out, ", \"screened\": %zu, \"lower\": ", g->screened);
        fs_json_number(out, g->lower);
        fs_buf_puts(out, ", \"upper\": ");
        fs_json_number(out, g->upper);
        fs_buf_puts(out, ", \"near_lower\": ");
        fs_json_number(out, g->near_lower);
        fs_buf_puts(out, ", \"near_upper\": ");
        fs_json_number(out, g->near_upper);
        fs_buf_puts(out, ", \"assurance\": ");
        if (g->assurance == FS_SPC_NO_TARGET)
            fs_buf_puts(out, "null");
        else
            fs_json_string(out, fs_spc_assurance_name(g->assurance));
        fs_buf_putc(out, '}');
    }
    fs_buf_puts(out, "\n  ],\n  \"points\": ");
    fs_render_json_rows(out, rt, "    ", "  ");
    fs_buf_t sum;
    fs_buf_init(&sum);
    summary(&sum, m);
    fs_buf_puts(out, ",\n  \"summary\": ");
    fs_json_string(out, sum.data ? sum.data : "");
    if (fs_buf_status(&sum) != FS_OK)
        out->failed = 1;
    fs_buf_free(&sum);
    fs_buf_puts(out, "\n}\n");
}

static void format_text(fs_buf_t *out, const fs_measure_t *m, int force, const fs_rtable_t *rt)
{
    const fs_spc_t *s = &m->spc;
    char name[1100];
    measure_name(m, name, sizeof name);
    fs_buf_printf(out, "%s%s%s: XmR chart of %zu points, %zu segment%s%s\n", name,
                  force >= 0 ? ", " : "", force >= 0 ? fs_registry_force((size_t)force)->name : "",
                  s->n, s->nsegments, s->nsegments == 1 ? "" : "s",
                  s->opt.screen ? "" : " (moving ranges not screened)");
    for (size_t k = 0; k < s->nsegments; k++) {
        const fs_spc_segment_t *g = &s->segments[k];
        fs_buf_printf(out, "Segment %zu, %s to %s (%zu points, limits from %s%zu): mean ", k + 1,
                      m->trend.periods[g->start], m->trend.periods[g->start + g->n - 1], g->n,
                      g->baseline == g->n ? "all " : "the first ", g->baseline);
        put_value(out, m, g->mean);
        fs_buf_puts(out, ", process limits ");
        put_value(out, m, g->lower);
        fs_buf_puts(out, " to ");
        put_value(out, m, g->upper);
        fs_buf_puts(out, ", mR-bar ");
        fs_render_number(out, g->mr_bar, FS_RS_DIGITS, 6);
        if (g->screened)
            fs_buf_printf(out, " (%zu of %zu moving ranges screened out)", g->screened, g->ranges);
        if (g->assurance != FS_SPC_NO_TARGET)
            fs_buf_printf(out, "; target: %s", fs_spc_assurance_name(g->assurance));
        fs_buf_putc(out, '\n');
    }
    fs_render_text(out, rt, "  ", NULL);
    summary(out, m);
    fs_buf_putc(out, '\n');
}

/* The options of 'spc', parsed into the measure's spec.  spec points into
 * sp and the filters into o: the struct is used where it is, never copied. */
typedef struct {
    fs_measure_spec_t spec;
    cli_spc_t sp;
    cli_shared_t o;
    const char *highlight, *path;
} spc_opts_t;

/* Parses argv into s: -1 when the chart's figures are to be computed, else
 * the exit code (help shown, or a usage error). */
static int spc_parse(int argc, char **argv, spc_opts_t *s)
{
    static const struct option options[] = {{"period", required_argument, NULL, 'p'},
                                            {"value", required_argument, NULL, 'v'},
                                            {"numerator", required_argument, NULL, 'n'},
                                            {"denominator", required_argument, NULL, 'd'},
                                            {"count", required_argument, NULL, 'C'},
                                            {"population", required_argument, NULL, 'P'},
                                            {"per", required_argument, NULL, 'R'},
                                            {"highlight", required_argument, NULL, 'H'},
                                            {"target", required_argument, NULL, 'G'},
                                            CLI_OPT_SPC,
                                            CLI_OPT_TABLE,
                                            CLI_OPT_CSV_RAW,
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    fs_measure_spec_t *spec = &s->spec;
    fs_measure_spec_init(spec);
    cli_spc_init(&s->sp);
    cli_shared_init(&s->o, "spc", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    s->highlight = NULL;
    int is_rate = 0, c, code;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'p': spec->period = optarg; break;
        case 'v': spec->value = optarg; break;
        case 'n': spec->numerator = optarg; break;
        case 'd': spec->denominator = optarg; break;
        case 'C':
        case 'P':
            *(c == 'C' ? &spec->numerator : &spec->denominator) = optarg;
            is_rate = 1;
            break;
        case 'R':
            if (fs_parse_number(optarg, strlen(optarg), &spec->per, NULL) != FS_FIELD_NUMBER ||
                !(spec->per > 0))
                return cli_usage("spc", "--per must be a number > 0, got '%s'", optarg);
            break;
        case 'H': s->highlight = optarg; break;
        case 'h': return cli_help("spc");
        default:
            if ((code = cli_spc_option("spc", c, optarg, &s->sp)) >= 0) {
                if (code != EXIT_OK)
                    return code;
                break;
            }
            if ((code = cli_shared_option(&s->o, c, optarg)) != EXIT_OK)
                return code < 0 ? cli_bad_option("spc") : code;
        }
    }
    int ratio = spec->numerator != NULL || spec->denominator != NULL;
    if (spec->period == NULL)
        return cli_usage("spc", "--period is required");
    if ((spec->value != NULL) == ratio ||
        (ratio && (spec->numerator == NULL || spec->denominator == NULL)))
        return cli_usage("spc", "give --value, or --numerator and --denominator, or --count and "
                                "--population");
    if (s->sp.opt.has_target && s->sp.opt.improvement == FS_SPC_NEUTRAL)
        return cli_usage("spc", "--target needs --improvement up or down: which side is good");
    if (argc - optind > 1)
        return cli_usage("spc", "expected one FILE, got %d", argc - optind);
    s->path = optind < argc ? argv[optind] : "-";
    spec->kind = !ratio ? FS_MEASURE_VALUE : is_rate ? FS_MEASURE_RATE : FS_MEASURE_PROPORTION;
    spec->want = FS_WANT_SPC;
    spec->spc = s->sp.opt;
    spec->spc_rebase = s->sp.rebase;
    spec->spc_nrebase = s->sp.nrebase;
    spec->method = s->o.method;
    spec->level = s->o.level;
    return -1;
}

/* Notes each segment after a rebase whose limits come from too few points. */
static void spc_note_short_segments(const fs_measure_t *m)
{
    for (size_t k = 0; m->spc.nsegments > 1 && k < m->spc.nsegments; k++) {
        const fs_spc_segment_t *g = &m->spc.segments[k];
        if (g->baseline < FS_SPC_MIN_POINTS)
            cli_warn("forcestat spc: note: segment %zu (%s to %s) sets its limits from %zu "
                     "points; NHS guidance is that fewer than %d do not give reliable limits",
                     k + 1, m->trend.periods[g->start], m->trend.periods[g->start + g->n - 1],
                     g->baseline, FS_SPC_MIN_POINTS);
    }
}

int cmd_spc(int argc, char **argv)
{
    spc_opts_t s;
    int code = spc_parse(argc, argv, &s);
    if (code != -1)
        return code;
    fs_measure_spec_t *spec = &s.spec;
    const cli_shared_t *o = &s.o;
    fs_table_t *t;
    size_t fc;
    if ((code = cli_load_table(s.path, o->encoding, o->force, &o->filters, &t, &fc)) != EXIT_OK)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    fs_description_t *d = NULL;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    int force = -1;
    char(*rules)[64] = NULL;
    fs_rtable_t rt;
    memset(&rt, 0, sizeof rt);
    /* One force's series: the other forces' rows are not this command's
     * concern, so no notes on forces absent or names unknown. */
    if (s.highlight != NULL && fs_describe(t, fc, &d, &err) != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    if (s.highlight != NULL &&
        (code = cli_find_highlight("spc", t, d, s.highlight, &force)) != EXIT_OK)
        goto done;
    spec->trend_force = force >= 0 ? force : FS_TREND_ONLY_SERIES;
    if (fs_measure_compute(t, fc, d, spec, &m, &err) != FS_OK) {
        code = cli_report(&err);
        if (err.status == FS_EDOM && err.reason == FS_REASON_TOO_FEW)
            fputs("forcestat spc: --min-points N sets the minimum\n", stderr);
        if (force < 0 && err.reason == FS_REASON_DUPLICATE_PERIOD)
            fputs("forcestat spc: the file holds more than one series: choose one with "
                  "--highlight FORCE\n",
                  stderr);
        goto done;
    }
    spc_note_short_segments(&m);
    fs_rcol_t cols[SPC_COLUMNS];
    rules = calloc(m.spc.n ? m.spc.n : 1, sizeof *rules);
    if (rules == NULL || points_table(&rt, cols, &m, rules, &err) != FS_OK) {
        fs_error_set(&err, FS_ENOMEM, "out of memory");
        code = cli_report(&err);
        goto done;
    }
    fs_buf_t out;
    fs_buf_init(&out);
    if (o->format == FORMAT_CSV) {
        rt.csv_raw = cli_csv_raw;
        fs_render_csv_header(&out, &rt);
        fs_render_csv_rows(&out, &rt);
    } else if (o->format == FORMAT_JSON) {
        format_json(&out, &m, force, &rt);
    } else {
        format_text(&out, &m, force, &rt);
    }
    code = cli_write_output(&out, o->format);
    fs_buf_free(&out);
done:
    fs_rtable_free(&rt);
    free(rules);
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

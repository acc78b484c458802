/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_spc.c: `forcestat spc`, the XmR chart of one series (spc.h). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "options.h"
#include "render/results.h"

/* The options and formats: a second string, as one would pass the 4095
 * characters C99 promises a string literal may hold. */
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
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    fs_measure_spec_t *spec = &s->spec;
    fs_measure_spec_init(spec);
    cli_spc_init(&s->sp);
    cli_shared_init(&s->o, "spc", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    s->highlight = NULL;
    int is_rate = 0, c, code;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
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
        case 'V': return cli_version();
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
    for (size_t k = 0; !cli_quiet && m->spc.nsegments > 1 && k < m->spc.nsegments; k++) {
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
    fs_buf_t out;
    fs_buf_init(&out);
    fs_spc_write(&out, (fs_output_format_t)o->format, &m, force, cli_csv_raw);
    code = cli_write_output(&out, o->format);
    fs_buf_free(&out);
done:
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    return code;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_aggregate.c: `forcestat aggregate`, row-level data to force level. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "common.h"

/* The groups as a result table: the grouping columns, then numerator,
 * denominator and proportion (with --where) or sum, then rows.  Written
 * in pieces of CHUNK groups, so a million groups need no second copy. */
#define CHUNK 4096
static void write_groups(fs_buf_t *out, cli_format_t fmt, const fs_aggregate_spec_t *spec,
                   const fs_aggregate_result_t *res)
{
    /* In JSON each row (an object of the top-level array) starts with
     * the schema version. */
    const size_t c0 = fmt == FORMAT_JSON ? 1 : 0;
    const int counting = spec->sum == NULL; /* --count: no sum column */
    size_t ncols = c0 + spec->nby + (spec->where ? 4 : 2) - (counting && !spec->where);
    fs_rcol_t *cols = calloc(ncols, sizeof *cols);
    fs_rtable_t t;
    fs_error_t err;
    if (cols == NULL || fs_rtable_init(&t, cols, ncols, CHUNK, &err) != FS_OK) {
        free(cols);
        out->failed = 1;
        return;
    }
    size_t c = 0;
    if (c0) {
        cols[c].key = "schema_version";
        cols[c++].type = FS_RT_NUMBER;
    }
    for (size_t k = 0; k < spec->nby; k++)
        cols[c++].key = spec->by[k];
    if (spec->where || !counting) {
        cols[c].key = spec->where ? "numerator" : "sum";
        cols[c++].type = FS_RT_NUMBER;
    }
    if (spec->where) {
        cols[c].key = "denominator";
        cols[c++].type = FS_RT_NUMBER;
        cols[c].key = "proportion";
        cols[c++].type = FS_RT_NUMBER;
    }
    cols[c].key = "rows";
    cols[c].type = FS_RT_NUMBER;
    t.csv_raw = cli_csv_raw;
    if (fmt == FORMAT_JSON)
        fs_buf_putc(out, '[');
    else
        fs_render_csv_header(out, &t);
    for (size_t from = 0; from < res->ngroups; from += CHUNK) {
        t.nrows = res->ngroups - from < CHUNK ? res->ngroups - from : CHUNK;
        for (size_t r = 0; r < t.nrows; r++) {
            const fs_aggregate_group_t *grp = &res->groups[from + r];
            size_t j = 0;
            if (c0)
                fs_rtable_number(&t, r, j++, CLI_JSON_SCHEMA_VERSION);
            for (size_t k = 0; k < spec->nby; k++)
                fs_rtable_text(&t, r, j++, grp->keys[k]);
            if (spec->where || !counting)
                fs_rtable_number(&t, r, j++, grp->numerator);
            if (spec->where) {
                fs_rtable_number(&t, r, j++, grp->denominator);
                fs_rtable_number(&t, r, j++, fs_aggregate_proportion(grp));
            }
            fs_rtable_number(&t, r, j++, (double)grp->rows);
        }
        if (fmt == FORMAT_JSON) {
            for (size_t r = 0; r < t.nrows; r++) {
                fs_buf_puts(out, from + r ? ",\n  " : "\n  ");
                fs_render_json_row(out, &t, r);
            }
        } else {
            fs_render_csv_rows(out, &t);
        }
    }
    if (fmt == FORMAT_JSON)
        fs_buf_puts(out, res->ngroups ? "\n]\n" : "]\n");
    fs_rtable_free(&t);
    free(cols);
}

/* The options of 'aggregate', parsed.  where_store and by are the
 * caller's to free (whatever the parse returned); the filters point into
 * themselves, so the struct is used where it is, never copied. */
typedef struct {
    cli_format_t format;
    fs_read_options_t ropt;
    char *by_arg, *period_arg;
    size_t rolling;
    const char *sum;
    fs_match_t where;
    char **where_store;
    cli_filters_t filters;
    int have_where, progress;
    const char **paths; /* the FILEs, or "-" */
    size_t npaths;
    char **by;              /* --by's columns, then --period's */
    size_t nby, ngroup_keys; /* all of them; --by's alone */
    fs_aggregate_more_t more; /* --count, --distinct, --lookup, --member, --sheet */
    char *key_store;          /* --key DATA=LOOKUP, split */
    fs_sheet_choice_t sheet;
} aggregate_opts_t;

/* Splits --by, then --period, into a->by, and sets a->path: -1 when they
 * are good, else an exit code. */
static int aggregate_keys(aggregate_opts_t *a, int argc, char **argv)
{
    a->by = cli_split_list(a->by_arg, &a->nby);
    if (a->by == NULL)
        return EXIT_DATA;
    a->ngroup_keys = a->nby;
    if (a->period_arg != NULL) {
        size_t nperiod;
        char **periods = cli_split_list(a->period_arg, &nperiod);
        char **all = periods ? realloc(a->by, (a->nby + nperiod + 1) * sizeof *all) : NULL;
        if (all == NULL) {
            free(periods);
            return EXIT_DATA;
        }
        a->by = all;
        memcpy(a->by + a->nby, periods, nperiod * sizeof *a->by);
        a->nby += nperiod;
        a->by[a->nby] = NULL;
        free(periods);
    }
    for (size_t k = 0; k < a->nby; k++) {
        if (a->by[k][0] == '\0')
            return cli_usage("aggregate", "--by has an empty column name");
    }
    static const char *stdin_path[] = {"-"};
    a->paths = optind < argc ? (const char **)argv + optind : stdin_path;
    a->npaths = optind < argc ? (size_t)(argc - optind) : 1;
    return -1;
}

/* --key COL or --key DATA=LOOKUP: the data's code column, and the
 * lookup's when it is named otherwise. */
static int aggregate_key(aggregate_opts_t *a, const char *arg)
{
    free(a->key_store);
    if ((a->key_store = strdup(arg)) == NULL)
        return cli_usage("aggregate", "out of memory");
    char *eq = strchr(a->key_store, '=');
    if (eq != NULL)
        *eq = '\0';
    a->more.lookup_key = a->key_store;
    a->more.lookup_file_key = eq != NULL ? eq + 1 : NULL;
    if (a->key_store[0] == '\0' || (eq != NULL && eq[1] == '\0'))
        return cli_usage("aggregate", "--key needs COL or DATA_COL=LOOKUP_COL, got '%s'", arg);
    return -1;
}

/* What the options say together: -1 when they agree, else the exit code. */
static int aggregate_agree(const aggregate_opts_t *a)
{
    if (a->by_arg == NULL || (a->sum == NULL && !a->more.count))
        return cli_usage("aggregate", "--by and --sum (or --count) are required");
    if (a->sum != NULL && a->more.count)
        return cli_usage("aggregate", "--sum and --count: choose one");
    const fs_aggregate_more_t *m = &a->more;
    if ((m->lookup_path != NULL) != (m->lookup_key != NULL) ||
        (m->lookup_path != NULL) != (m->lookup_to != NULL))
        return cli_usage("aggregate", "--lookup, --key and --to go together");
    if ((a->period_arg == NULL) != (a->rolling == 0))
        return cli_usage("aggregate", "--period and --rolling go together");
    return -1;
}

/* The options 'aggregate' has beyond one file's sums. */
static int aggregate_more_option(aggregate_opts_t *a, int c)
{
    switch (c) {
    case 'c': a->more.count = 1; return -1;
    case 'd': a->more.distinct = optarg; return -1;
    case 'L': a->more.lookup_path = optarg; return -1;
    case 'k': return aggregate_key(a, optarg);
    case 't': a->more.lookup_to = optarg; return -1;
    case 'm': a->more.member_glob = optarg; return -1;
    case OPT_SHEET: a->sheet.sheet = optarg; return -1;
    case OPT_RANGE: a->sheet.range = optarg; return -1;
    default: return cli_bad_option("aggregate");
    }
}

/* Parses argv into a: -1 when the sums are to be made, else the exit code
 * (help shown, or a usage error). */
static int aggregate_parse(int argc, char **argv, aggregate_opts_t *a)
{
    static const struct option options[] = {{"by", required_argument, NULL, 'b'},
                                            {"sum", required_argument, NULL, 's'},
                                            {"where", required_argument, NULL, 'w'},
                                            {"filter", required_argument, NULL, 'F'},
                                            {"period", required_argument, NULL, 'p'},
                                            {"rolling", required_argument, NULL, 'r'},
                                            {"encoding", required_argument, NULL, 'e'},
                                            {"format", required_argument, NULL, 'f'},
                                            {"progress", no_argument, NULL, 'P'},
                                            {"quiet", no_argument, NULL, 'q'},
                                            CLI_OPT_CSV_RAW,
                                            {"count", no_argument, NULL, 'c'},
                                            {"distinct", required_argument, NULL, 'd'},
                                            {"lookup", required_argument, NULL, 'L'},
                                            {"key", required_argument, NULL, 'k'},
                                            {"to", required_argument, NULL, 't'},
                                            {"member", required_argument, NULL, 'm'},
                                            {"sheet", required_argument, NULL, OPT_SHEET},
                                            {"range", required_argument, NULL, OPT_RANGE},
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
        switch (c) {
        case 'b': a->by_arg = optarg; break;
        case 'p': a->period_arg = optarg; break;
        case 'r': {
            double k;
            if (fs_parse_number(optarg, strlen(optarg), &k, NULL) != FS_FIELD_NUMBER || k < 1 ||
                k > 1000 || (double)(size_t)k != k)
                return cli_usage("aggregate",
                                 "--rolling must be a whole number from 1 to 1000, got '%s'", optarg);
            a->rolling = (size_t)k;
            break;
        }
        case 's': a->sum = optarg; break;
        case 'w':
            if (a->have_where)
                return cli_usage("aggregate", "--where may be given once");
            if (!cli_parse_match("aggregate", "where", optarg, &a->where, &a->where_store))
                return EXIT_USAGE;
            a->have_where = 1;
            break;
        case 'F':
            if (!cli_add_filter("aggregate", &a->filters, optarg))
                return EXIT_USAGE;
            break;
        case 'e':
            if (!cli_parse_encoding("aggregate", optarg, &a->ropt.encoding))
                return EXIT_USAGE;
            break;
        case 'f':
            if (!cli_parse_format("aggregate", optarg, FORMAT_CSV | FORMAT_JSON, &a->format))
                return EXIT_USAGE;
            break;
        case 'P': a->progress = 1; break;
        case 'q':
            a->progress = 0;
            cli_quiet = 1;
            break;
        case OPT_CSV_RAW: cli_csv_raw = 1; break;
        case 'V': return cli_version();
        case 'h': return cli_help("aggregate");
        default: {
            int code = aggregate_more_option(a, c);
            if (code != -1)
                return code;
        }
        }
    }
    int code = aggregate_agree(a);
    return code != -1 ? code : aggregate_keys(a, argc, argv);
}

/* What was left out, on stderr: rows with missing values, codes the
 * lookup lacks, repeated distinct values. */
static void aggregate_notes(const aggregate_opts_t *a, const fs_aggregate_result_t *res,
                            const fs_aggregate_notes_t *notes)
{
    if (a->sum != NULL && (res->missing_values > 0 || res->missing_keys > 0))
        cli_warn("forcestat aggregate: %zu rows read; skipped %zu with a missing value in '%s' "
                 "and %zu with a missing grouping value",
                 res->rows_read, res->missing_values, a->sum, res->missing_keys);
    else if (a->sum == NULL && res->missing_keys > 0)
        cli_warn("forcestat aggregate: %zu rows read; skipped %zu with a missing grouping value",
                 res->rows_read, res->missing_keys);
    if (notes->unmatched > 0)
        cli_warn("forcestat aggregate: %zu rows left out: their '%s' is not in the lookup %s "
                 "(the first: '%s', in %s)",
                 notes->unmatched, a->more.lookup_key, a->more.lookup_path, notes->unmatched_code,
                 notes->unmatched_file);
    if (notes->duplicates > 0)
        cli_warn("forcestat aggregate: %zu rows left out: their '%s' came before",
                 notes->duplicates, a->more.distinct);
}

int cmd_aggregate(int argc, char **argv)
{
    aggregate_opts_t a;
    memset(&a, 0, sizeof a);
    a.format = FORMAT_CSV;
    fs_read_options_init(&a.ropt);
    a.progress = -1;
    int code = aggregate_parse(argc, argv, &a);
    if (code != -1)
        goto done;
    fs_error_t err;
    fs_error_clear(&err);
    fs_aggregate_spec_t spec = {(const char *const *)a.by, a.nby, a.sum, a.filters.match,
                                a.filters.n, a.have_where ? &a.where : NULL, NULL, NULL};
    /* Progress on stderr when it is a terminal (or with --progress), never
     * with --quiet. */
    cli_progress_t prog;
    if (a.progress == 1 || (a.progress == -1 && isatty(STDERR_FILENO))) {
        cli_progress_start(&prog, "aggregate");
        spec.progress = cli_progress_report;
        spec.progress_arg = &prog;
    }
    fs_aggregate_result_t *res;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cpus > 1 ? (unsigned)(cpus > 16 ? 16 : cpus) : 1;
    fs_aggregate_notes_t notes;
    a.more.sheet = &a.sheet;
    fs_status_t agg = fs_aggregate_inputs((const char *const *)a.paths, a.npaths, &spec, &a.more,
                                          &a.ropt, threads, &res, &notes, &err);
    if (spec.progress != NULL)
        cli_progress_end(&prog);
    if (agg != FS_OK) {
        code = cli_report(&err);
        goto done;
    }
    if (!cli_quiet)
        aggregate_notes(&a, res, &notes);
    fs_aggregate_result_t *rolled = NULL;
    if (a.rolling > 0 &&
        fs_aggregate_rolling(res, a.ngroup_keys, a.rolling, &rolled, &err) != FS_OK) {
        fs_aggregate_result_free(res);
        code = cli_report(&err);
        goto done;
    }
    fs_buf_t out;
    fs_buf_init(&out);
    write_groups(&out, a.format, &spec, rolled ? rolled : res);
    code = cli_write_output(&out, a.format);
    fs_buf_free(&out);
    fs_aggregate_result_free(rolled);
    fs_aggregate_result_free(res);
done:
    free(a.by);
    free(a.where_store);
    free(a.key_store);
    return code;
}

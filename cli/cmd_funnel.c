/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_funnel.c: `forcestat funnel`, Spiegelhalter's funnel plot table. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "charts.h"

int parse_funnel_option(const char *cmd, int c, const char *arg, fs_funnel_options_t *o)
{
    switch (c) {
    case 'T':
        if (strcmp(arg, "proportion") == 0)
            o->type = FS_FUNNEL_PROPORTION;
        else if (strcmp(arg, "rate") == 0)
            o->type = FS_FUNNEL_RATE;
        else
            return cli_usage(cmd, "unknown --type '%s' (choose proportion or rate)", arg);
        return EXIT_OK;
    case 'R':
        if (fs_parse_number(arg, strlen(arg), &o->per, NULL) != FS_FIELD_NUMBER || !(o->per > 0))
            return cli_usage(cmd, "--per must be a number > 0, got '%s'", arg);
        return EXIT_OK;
    case 'L': {
        double a, b;
        char extra;
        if (sscanf(arg, "%lf,%lf%c", &a, &b, &extra) != 2 || !(a > 0 && a < b && b < 100))
            return cli_usage(cmd, "--limits takes two increasing percentages below 100, e.g. 95,99.8; got '%s'", arg);
        o->levels[0] = a / 100.0;
        o->levels[1] = b / 100.0;
        return EXIT_OK;
    }
    case 'O': {
        int od;
        if (!cli_parse_kind(cmd, &fs_kinds_overdispersion, FS_KIND_ALL, arg, ", ", " or ", &od))
            return EXIT_USAGE;
        o->overdispersion = (fs_overdispersion_t)od;
        return EXIT_OK;
    }
    case 'G':
        if (fs_parse_number(arg, strlen(arg), &o->target, NULL) != FS_FIELD_NUMBER)
            return cli_usage(cmd, "--target must be a number, got '%s'", arg);
        o->has_target = 1;
        return EXIT_OK;
    }
    return EXIT_USAGE;
}

/* The funnel's result table, described once: force, code, numerator,
 * denominator, value, z, flag, and with groups group, group_target and
 * group_z. */
static fs_status_t funnel_table(fs_rtable_t *rt, fs_rcol_t *cols, char (*flags)[32],
                                const fs_measure_t *m, const fs_groups_t *groups, fs_error_t *err)
{
    const fs_measure_funnel_t *fd = &m->funnel;
    const fs_funnel_t *f = &fd->fit;
    const fs_rcol_t base[] = {
        {.key = "force", .heading = "Force", .width = -30, .max = 30},
        {.key = "code", .heading = "Code", .width = -10},
        {.key = "numerator", .type = FS_RT_NUMBER, .heading = "Numerator", .width = 12,
         .style = FS_RS_DIGITS, .digits = 10},
        {.key = "denominator", .type = FS_RT_NUMBER, .heading = "Denominator", .width = 12,
         .style = FS_RS_DIGITS, .digits = 10},
        {.key = "value", .type = FS_RT_NUMBER, .heading = "Value", .width = 12,
         .style = FS_RS_DIGITS, .digits = 6},
        {.key = "z", .type = FS_RT_NUMBER, .heading = "z", .width = 7, .style = FS_RS_SIGNED},
        {.key = "flag", .heading = "Flag", .before = "  "},
        {.key = "group", .heading = "", .before = "  [", .after = " ", .optional = 1},
        {.key = "group_target", .type = FS_RT_NUMBER, .heading = "", .before = "",
         .after = ", z ", .optional = 1, .follows = 8, .style = FS_RS_DIGITS, .digits = 6},
        {.key = "group_z", .type = FS_RT_NUMBER, .heading = "", .before = "", .after = "]",
         .optional = 1, .follows = 8, .style = FS_RS_SIGNED}};
    size_t n = groups != NULL ? 10 : 7;
    memcpy(cols, base, n * sizeof *cols);
    fs_status_t st = fs_rtable_init(rt, cols, n, fd->n, err);
    for (size_t k = 0; st == FS_OK && k < fd->n; k++) {
        size_t row = fd->rows[k];
        fs_funnel_flag_name(f, fs_funnel_flag(f, fd->num[k], fd->den[k]), flags[k], sizeof flags[k]);
        fs_rtable_text(rt, k, 0, fs_table_cell(m->table, row, m->desc->force_column));
        fs_rtable_text(rt, k, 1, m->desc->units[row].code);
        fs_rtable_number(rt, k, 2, fd->num[k]);
        fs_rtable_number(rt, k, 3, fd->den[k]);
        fs_rtable_number(rt, k, 4, fs_funnel_value(f, fd->num[k], fd->den[k]));
        fs_rtable_number(rt, k, 5, fs_funnel_z(f, fd->num[k], fd->den[k]));
        fs_rtable_text(rt, k, 6, flags[k]);
        if (groups != NULL) {
            int grp = fs_groups_of_row(groups, m->desc, row);
            double gt = fd->group_target ? fd->group_target[k] : NAN;
            fs_rtable_text(rt, k, 7, grp >= 0 ? groups->names[grp] : NULL);
            fs_rtable_number(rt, k, 8, gt);
            fs_rtable_number(rt, k, 9, fs_funnel_z_at(f, gt, fd->num[k], fd->den[k]));
        }
    }
    return st;
}

static void format(fs_buf_t *out, cli_format_t fmt, const fs_measure_t *m,
                   const fs_groups_t *groups)
{
    const fs_table_t *t = m->table;
    const fs_description_t *d = m->desc;
    const fs_measure_funnel_t *fd = &m->funnel;
    const fs_funnel_t *f = &fd->fit;
    int rate = f->opt.type == FS_FUNNEL_RATE;
    if (fmt == FORMAT_JSON) {
        fs_buf_puts(out, "{\n  " CLI_JSON_SCHEMA ",\n  \"target\": ");
        fs_json_number(out, f->target);
        fs_buf_puts(out, ", \"phi\": ");
        fs_json_number(out, f->phi);
        fs_buf_puts(out, ", \"tau2\": ");
        fs_json_number(out, f->tau2);
        fs_buf_printf(out, ", \"overdispersion\": \"%s\", \"overdispersed\": %s,\n  \"type\": \"%s\", \"per\": ",
                      fs_overdispersion_name(f->opt.overdispersion), f->overdispersed ? "true" : "false",
                      rate ? "rate" : "proportion");
        fs_json_number(out, rate ? f->opt.per : 1);
        fs_buf_puts(out, ", \"limits\": [");
        fs_json_number(out, 100 * f->opt.levels[0]);
        fs_buf_puts(out, ", ");
        fs_json_number(out, 100 * f->opt.levels[1]);
        fs_buf_puts(out, "],\n");
        cli_json_left_out(out, t, d, "  ");
        fs_buf_puts(out, ",\n  \"forces\": ");
    } else if (fmt == FORMAT_TEXT) {
        if (rate)
            fs_buf_printf(out, "Funnel plot, rate per %g people: target ", f->opt.per);
        else
            fs_buf_puts(out, "Funnel plot, proportion: target ");
        fs_buf_printf(out, "%.6g (%s), limits %g%% and %g%%\n",
                      f->target, f->opt.has_target ? "given" : "England and Wales pooled over the forces",
                      100 * f->opt.levels[0], 100 * f->opt.levels[1]);
        /* phi to 3 decimals, with an exponent from 1e15 up as every
         * number of the text output (fs_render_number). */
        fs_buf_printf(out, f->phi < 1e15 ? "Over-dispersion: phi = %.3f, tau^2 = %.3g; %s; limits %s.\n"
                                         : "Over-dispersion: phi = %.3e, tau^2 = %.3g; %s; limits %s.\n",
                      f->phi, f->tau2,
                      f->overdispersed ? "the forces vary more than chance alone explains"
                                       : "no more variation than chance",
                      f->opt.overdispersion == FS_OVERDISPERSION_NONE
                          ? "not adjusted (--overdispersion multiplicative or additive adjusts them)"
                          : (f->opt.overdispersion == FS_OVERDISPERSION_ADDITIVE ? "adjusted by random effects"
                                                                                 : "widened by sqrt(phi)"));
    }
    fs_rcol_t cols[10];
    fs_rtable_t rt;
    fs_error_t err;
    char (*flags)[32] = malloc((fd->n ? fd->n : 1) * sizeof *flags);
    if (flags == NULL || funnel_table(&rt, cols, flags, m, groups, &err) != FS_OK) {
        free(flags);
        out->failed = 1;
        return;
    }
    if (fmt == FORMAT_JSON) {
        fs_render_json_rows(out, &rt, "    ", "  ");
        fs_buf_puts(out, "\n}\n");
    } else if (fmt == FORMAT_CSV) {
        rt.csv_raw = cli_csv_raw;
        fs_render_csv_header(out, &rt);
        fs_render_csv_rows(out, &rt);
    } else {
        fs_render_text(out, &rt, "  ", NULL);
    }
    fs_rtable_free(&rt);
    free(flags);
}

int cmd_funnel(int argc, char **argv)
{
    static const struct option options[] = {{"numerator", required_argument, NULL, 'n'},
                                            {"denominator", required_argument, NULL, 'd'},
                                            CLI_OPT_FUNNEL,
                                            CLI_OPT_FORCE,
                                            CLI_OPT_FILTER,
                                            CLI_OPT_FORMAT,
                                            CLI_OPT_ENCODING,
                                            CLI_OPT_GROUPS,
                                            CLI_OPT_CSV_RAW,
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    const char *num = NULL, *den = NULL;
    cli_shared_t so;
    cli_shared_init(&so, "funnel", FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON);
    int shared;
    fs_funnel_options_t opt;
    fs_funnel_options_init(&opt);
    int c, code;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'n': num = optarg; break;
        case 'd': den = optarg; break;
        case 'T':
        case 'R':
        case 'L':
        case 'O':
        case 'G':
            if ((code = parse_funnel_option("funnel", c, optarg, &opt)) != EXIT_OK)
                return code;
            break;
        case 'h': return cli_help("funnel");
        default:
            if ((shared = cli_shared_option(&so, c, optarg)) != EXIT_OK)
                return shared < 0 ? cli_bad_option("funnel") : shared;
        }
    }
    if (num == NULL || den == NULL)
        return cli_usage("funnel", "--numerator and --denominator are required");
    if (argc - optind > 1)
        return cli_usage("funnel", "expected one FILE, got %d", argc - optind);
    fs_groups_t *groups;
    if ((code = cli_load_groups(so.groups, &groups)) != EXIT_OK)
        return code;
    fs_table_t *t;
    size_t fc;
    code = cli_load_table(optind < argc ? argv[optind] : "-", so.encoding, so.force, &so.filters, &t, &fc);
    if (code != EXIT_OK) {
        fs_groups_free(groups);
        return code;
    }
    fs_description_t *d = NULL;
    fs_measure_t m;
    memset(&m, 0, sizeof m);
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.kind = opt.type == FS_FUNNEL_RATE ? FS_MEASURE_RATE : FS_MEASURE_PROPORTION;
    spec.want = FS_WANT_FUNNEL;
    spec.numerator = num;
    spec.denominator = den;
    spec.funnel = opt;
    spec.groups = groups;
    fs_error_t err;
    fs_error_clear(&err);
    if ((code = cli_describe(t, fc, &d)) != EXIT_OK) {
    } else if (fs_measure_compute(t, fc, d, &spec, &m, &err) != FS_OK) {
        code = cli_report_rows(&err, t, d);
    } else {
        fs_buf_t out;
        fs_buf_init(&out);
        format(&out, so.format, &m, groups);
        code = cli_write_output(&out, so.format);
        fs_buf_free(&out);
    }
    fs_measure_free(&m);
    fs_description_free(d);
    fs_table_free(t);
    fs_groups_free(groups);
    return code;
}

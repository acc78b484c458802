/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_ci.c: `forcestat ci`, one proportion's confidence interval. */
#include <getopt.h>
#include <math.h>
#include <string.h>

#include "common.h"

static int print_help(void)
{
    return cli_help("ci");
}

/* Parses a count option strictly; prints a usage error on failure. */
static int parse_count(const char *opt, const char *arg, double *out)
{
    const char *why;
    if (fs_parse_number(arg, strlen(arg), out, &why) != FS_FIELD_NUMBER) {
        cli_usage("ci", "--%s must be a whole number, got '%s'", opt, arg);
        return 0;
    }
    return 1;
}

/* A proportion as a percentage to one decimal; one under 0.05% that is
 * not zero (which one decimal would show as 0.0) to 3 significant
 * digits, with an exponent where it needs one. */
static void percent(fs_buf_t *out, double x, const char *after)
{
    double v = 100.0 * x;
    if (v != 0.0 && fabs(v) < 0.05)
        fs_buf_printf(out, "%.3g%s", v, after);
    else
        fs_buf_printf(out, "%.1f%s", v, after);
}

/* Writes the interval of k of n into out, as JSON or as a sentence. */
static void ci_emit(fs_buf_t *out, cli_format_t format, double k, double n, double level,
                    double population, fs_ci_method_t method, const fs_interval_t *ci)
{
    if (format == FORMAT_JSON) {
        fs_buf_printf(out, "{" CLI_JSON_SCHEMA ", \"method\": \"%s\", \"successes\": ",
                      fs_ci_method_name(method));
        fs_json_number(out, k);
        fs_buf_puts(out, ", \"trials\": ");
        fs_json_number(out, n);
        fs_buf_puts(out, ", \"level\": ");
        fs_json_number(out, level);
        if (population != 0) {
            fs_buf_puts(out, ", \"population\": ");
            fs_json_number(out, population);
        }
        fs_buf_puts(out, ", \"estimate\": ");
        fs_json_number(out, ci->estimate);
        fs_buf_puts(out, ", \"lower\": ");
        fs_json_number(out, ci->lower);
        fs_buf_puts(out, ", \"upper\": ");
        fs_json_number(out, ci->upper);
        fs_buf_puts(out, ", \"margin\": ");
        fs_json_number(out, ci->margin);
        fs_buf_printf(out, ", \"symmetric\": %s}\n", fs_interval_symmetric(ci) ? "true" : "false");
    } else {
        /* Counts in full, up to 1e15; beyond, where a double's digits
         * are no longer those of the count, with an exponent. */
        fs_buf_printf(out, k < 1e15 ? "%.0f of " : "%.6g of ", k);
        fs_buf_printf(out, n < 1e15 ? "%.0f: " : "%.6g: ", n);
        percent(out, ci->estimate, "%");
        fs_buf_printf(out, " (%g%% confidence interval ", 100 * level);
        percent(out, ci->lower, "%");
        fs_buf_puts(out, " to ");
        percent(out, ci->upper, "%");
        /* +/- only where the interval is symmetric: Wald's.  The others
         * are lopsided, and their two distances are given. */
        if (fs_interval_symmetric(ci)) {
            fs_buf_puts(out, ", +/- ");
            percent(out, ci->margin, "%");
        } else {
            fs_buf_puts(out, ", ");
            percent(out, ci->estimate - ci->lower, " points below and ");
            percent(out, ci->upper - ci->estimate, " above");
        }
        fs_buf_printf(out, "; %s)\n", fs_ci_method_name(method));
    }
}

int cmd_ci(int argc, char **argv)
{
    static const struct option options[] = {{"successes", required_argument, NULL, 'k'},
                                            {"trials", required_argument, NULL, 'n'},
                                            {"method", required_argument, NULL, 'm'},
                                            {"level", required_argument, NULL, 'l'},
                                            {"population", required_argument, NULL, 'p'},
                                            {"format", required_argument, NULL, 'f'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0, 0, 0, 0}};
    double k = -1, n = -1, level = FS_CI_DEFAULT_LEVEL, population = 0;
    int have_k = 0, have_n = 0;
    fs_ci_method_t method = FS_CI_DEFAULT_METHOD;
    cli_format_t format = FORMAT_TEXT;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'k':
            if (!parse_count("successes", optarg, &k))
                return EXIT_USAGE;
            have_k = 1;
            break;
        case 'n':
            if (!parse_count("trials", optarg, &n))
                return EXIT_USAGE;
            have_n = 1;
            break;
        case 'p':
            if (!parse_count("population", optarg, &population))
                return EXIT_USAGE;
            break;
        case 'm': {
            int m;
            if (!cli_parse_kind("ci", &fs_kinds_ci_method, FS_KIND_ALL, optarg, ", ", ", ", &m))
                return EXIT_USAGE;
            method = (fs_ci_method_t)m;
            break;
        }
        case 'l':
            if (!cli_parse_level("ci", optarg, &level))
                return EXIT_USAGE;
            break;
        case 'f':
            if (!cli_parse_format("ci", optarg, FORMAT_TEXT | FORMAT_JSON, &format))
                return EXIT_USAGE;
            break;
        case 'h': return print_help();
        default: return cli_bad_option("ci");
        }
    }
    if (optind < argc)
        return cli_usage("ci", "unexpected argument '%s'", argv[optind]);
    if (!have_k || !have_n)
        return cli_usage("ci", "--successes and --trials are required");
    fs_interval_t ci;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_proportion_ci(k, n, method, level, population, &ci, &err) != FS_OK)
        return cli_usage("ci", "%s", fs_error_message(&err));
    fs_buf_t out;
    fs_buf_init(&out);
    ci_emit(&out, format, k, n, level, population, method, &ci);
    int code = cli_write_output(&out, format);
    fs_buf_free(&out);
    return code;
}

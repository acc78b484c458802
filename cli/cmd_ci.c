/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_ci.c: `forcestat ci`, one proportion's confidence interval. */
#include <getopt.h>
#include <string.h>

#include "common.h"
#include "render/results.h"

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

int cmd_ci(int argc, char **argv)
{
    static const struct option options[] = {{"successes", required_argument, NULL, 'k'},
                                            {"trials", required_argument, NULL, 'n'},
                                            {"method", required_argument, NULL, 'm'},
                                            {"level", required_argument, NULL, 'l'},
                                            {"population", required_argument, NULL, 'p'},
                                            {"format", required_argument, NULL, 'f'},
                                            CLI_OPT_HELP,
                                            {0, 0, 0, 0}};
    double k = -1, n = -1, level = FS_CI_DEFAULT_LEVEL, population = 0;
    int have_k = 0, have_n = 0;
    fs_ci_method_t method = FS_CI_DEFAULT_METHOD;
    cli_format_t format = FORMAT_TEXT;
    int c;
    while ((c = getopt_long(argc, argv, CLI_SHORT_OPTIONS, options, NULL)) != -1) {
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
        case 'V': return cli_version();
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
    fs_ci_write(&out, (fs_output_format_t)format, k, n, level, population, method, &ci);
    int code = cli_write_output(&out, format);
    fs_buf_free(&out);
    return code;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_ci.c: `forcestat ci`, one proportion's confidence interval. */
#include <getopt.h>
#include <string.h>

#include "common.h"
#include "render/results.h"

static const char help[] =
    "Usage: forcestat ci --successes K --trials N [--method M] [--level L]\n"
    "                    [--population N] [--format text|json]\n"
    "\n"
    "The confidence interval for a sampled proportion K/N, e.g. 168 of 196\n"
    "stop and search records with reasonable grounds recorded: with --method\n"
    "wald, 85.7% +/- 4.9%, as inspection reports quote it.\n"
    "\n"
    "Methods (Brown, Cai and DasGupta, Statistical Science, 2001):\n";

/* The methods' lines come from their table (render/kinds.h). */
static const char help_after_methods[] =
    "Bounds are clipped to [0, 1].  The text gives +/- only for an interval that\n"
    "is symmetric about the estimate (Wald's, unclipped); for the others it gives\n"
    "how far each bound lies below and above it, in percentage points.\n"
    "\n"
    "Options:\n"
    "  --successes K      the count with the property (whole number >= 0)\n"
    "  --trials N         the records examined (whole number >= 1, >= K)\n"
    "  --method M         as above (default wilson)\n"
    "  --level L          confidence level strictly between 0 and 1 (default 0.95)\n"
    "  --population N     the records were sampled without replacement from N:\n"
    "                     multiplies the Wald standard error by\n"
    "                     sqrt((N - n)/(N - 1)).  Only with --method wald; with\n"
    "                     the other methods it is refused, since they have no\n"
    "                     such correction here.\n"
    "  --format F         text (default) or json: {\"schema_version\", \"method\",\n"
    "                     \"successes\", \"trials\", \"level\", \"estimate\", \"lower\",\n"
    "                     \"upper\", \"margin\", \"symmetric\"} (margin = half the\n"
    "                     interval's width; symmetric: whether +/- margin\n"
    "                     describes it), plus \"population\" when given\n"
    "  --help             show this help\n"
    CLI_HELP_EXIT;

static int print_help(void)
{
    cli_print_help(help);
    cli_help_rows("  ", 17, &fs_kinds_ci_method);
    return cli_print_help(help_after_methods);
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
    fs_ci_write(&out, (fs_output_format_t)format, k, n, level, population, method, &ci);
    int code = cli_write_output(&out, format);
    fs_buf_free(&out);
    return code;
}

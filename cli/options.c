/* SPDX-License-Identifier: GPL-3.0-or-later */
/* options.c: the shared options, parsed in one place (options.h). */
#include "options.h"

#include <string.h>

void cli_shared_init(cli_shared_t *s, const char *cmd, unsigned formats)
{
    memset(s, 0, sizeof *s);
    s->cmd = cmd;
    s->formats = formats;
    s->format = (formats & FORMAT_TEXT) ? FORMAT_TEXT : (formats & FORMAT_CSV) ? FORMAT_CSV
                                                                               : FORMAT_JSON;
    s->encoding = FS_ENCODING_UTF8;
    fs_band_options_init(&s->band);
    s->method = FS_CI_DEFAULT_METHOD;
    s->level = FS_CI_DEFAULT_LEVEL;
}

int cli_shared_option(cli_shared_t *s, int c, char *arg)
{
    switch (c) {
    case OPT_FORMAT:
        return cli_parse_format(s->cmd, arg, s->formats, &s->format) ? EXIT_OK : EXIT_USAGE;
    case OPT_ENCODING:
        return cli_parse_encoding(s->cmd, arg, &s->encoding) ? EXIT_OK : EXIT_USAGE;
    case OPT_FORCE: s->force = arg; return EXIT_OK;
    case OPT_FILTER: return cli_add_filter(s->cmd, &s->filters, arg) ? EXIT_OK : EXIT_USAGE;
    case OPT_GROUPS: s->groups = arg; return EXIT_OK;
    case OPT_ALPHA: {
        double a;
        if (fs_parse_number(arg, strlen(arg), &a, NULL) != FS_FIELD_NUMBER || !(a > 0.0 && a < 1.0))
            return cli_usage(s->cmd, "--alpha must be a number strictly between 0 and 1, got '%s'",
                             arg);
        s->band.alpha = a;
        return EXIT_OK;
    }
    case OPT_LOG_RULE:
        if (strcmp(arg, "more-normal") == 0)
            s->band.log_rule = FS_LOG_RULE_MORE_NORMAL;
        else if (strcmp(arg, "passes") == 0)
            s->band.log_rule = FS_LOG_RULE_PASSES;
        else
            return cli_usage(s->cmd, "unknown --log-rule '%s' (choose more-normal or passes)", arg);
        return EXIT_OK;
    case OPT_METHOD: {
        int m;
        if (!cli_parse_kind(s->cmd, &fs_kinds_ci_method, FS_KIND_ALL, arg, ", ", ", ", &m))
            return EXIT_USAGE;
        s->method = (fs_ci_method_t)m;
        return EXIT_OK;
    }
    case OPT_LEVEL: return cli_parse_level(s->cmd, arg, &s->level) ? EXIT_OK : EXIT_USAGE;
    case OPT_CSV_RAW: cli_csv_raw = 1; return EXIT_OK;
    case OPT_SHEET: cli_sheet.sheet = arg; return EXIT_OK;
    case OPT_RANGE: cli_sheet.range = arg; return EXIT_OK;
    case OPT_QUIET: cli_quiet = 1; return EXIT_OK;
    default: return -1;
    }
}

int cli_split_periods(const char *cmd, const char *list, cli_periods_t *p)
{
    p->n = 0;
    if (strlen(list) >= sizeof p->buf)
        return cli_usage(cmd, "--period is too long");
    memcpy(p->buf, list, strlen(list) + 1);
    for (char *s = p->buf;;) {
        char *comma = strchr(s, ',');
        if (comma != NULL)
            *comma = '\0';
        if (*s == '\0')
            return cli_usage(cmd, "--period names an empty column in '%s'", list);
        if (p->n == FS_MEASURE_MAX_PERIOD_COLUMNS)
            return cli_usage(cmd, "--period names at most %d columns", FS_MEASURE_MAX_PERIOD_COLUMNS);
        p->names[p->n++] = s;
        if (comma == NULL)
            return EXIT_OK;
        s = comma + 1;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charting.c: what the chart-drawing commands share: running a batch
 * (saying why gnuplot was not found), and checking the force a chart is
 * about. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"

int cli_run_charts(fs_chart_batch_t *batch)
{
    return cli_run_charts_jobs(batch, 1);
}

int cli_run_charts_jobs(fs_chart_batch_t *batch, int jobs)
{
    char gnuplot[4096];
    const char *why;
    if (!fs_chart_find_gnuplot(gnuplot, sizeof gnuplot, &why)) {
        /* A GNUPLOT that is set but unusable is named, with the cause. */
        if (why != NULL) {
            cli_warn("forcestat: GNUPLOT=%s: %s", getenv("GNUPLOT"), why);
            return EXIT_DATA;
        }
        fputs("forcestat: gnuplot not found: install it (Debian: apt-get install gnuplot-nox) "
              "or set GNUPLOT to its path\n",
              stderr);
        return EXIT_DATA;
    }
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_chart_batch_run_jobs(batch, gnuplot, jobs, &err) != FS_OK)
        return cli_report(&err);
    return EXIT_OK;
}

int cli_find_highlight(const char *cmd, const fs_table_t *t, const fs_description_t *d,
                       const char *name, int *force)
{
    *force = -1;
    if (name == NULL)
        return EXIT_OK;
    fs_unit_t u = fs_registry_match(name, strlen(name));
    if (u.kind != FS_UNIT_FORCE)
        return cli_not_a_force(cmd, name);
    if (d->present[u.force]) {
        *force = u.force;
        return EXIT_OK;
    }
    cli_warn("forcestat: %s: --highlight %s has no row in the file", t->name, u.name);
    return EXIT_DATA;
}

int cli_not_a_force(const char *cmd, const char *name)
{
    int near = fs_registry_suggest(name, strlen(name));
    if (near >= 0)
        return cli_usage(cmd, "--highlight '%s' is not a territorial force; did you mean %s?",
                         name, fs_registry_force((size_t)near)->name);
    return cli_usage(cmd, "--highlight '%s' is not a territorial force", name);
}

void cli_spc_init(cli_spc_t *s)
{
    memset(s, 0, sizeof *s);
    fs_spc_options_init(&s->opt);
}

int cli_spc_option(const char *cmd, int c, const char *arg, cli_spc_t *s)
{
    double x;
    switch (c) {
    case 'B':
        for (const char *p = arg;;) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            if (len == 0)
                return cli_usage(cmd, "--rebase names an empty period in '%s'", arg);
            if (s->nrebase == CLI_SPC_MAX_REBASES || s->used + len + 1 > sizeof s->buf)
                return cli_usage(cmd, "--rebase names at most %d periods", CLI_SPC_MAX_REBASES);
            memcpy(s->buf + s->used, p, len);
            s->buf[s->used + len] = '\0';
            s->rebase[s->nrebase++] = s->buf + s->used;
            s->used += len + 1;
            if (comma == NULL)
                return EXIT_OK;
            p = comma + 1;
        }
    case 'N':
    case 'M':
        if (fs_parse_number(arg, strlen(arg), &x, NULL) != FS_FIELD_NUMBER || x != floor(x) ||
            x < 2 || x > 1e6)
            return cli_usage(cmd, "--%s must be a whole number from 2 to 1000000, got '%s'",
                             c == 'N' ? "baseline" : "min-points", arg);
        *(c == 'N' ? &s->opt.baseline : &s->opt.min_points) = (size_t)x;
        return EXIT_OK;
    case 'Z': s->opt.screen = 0; return EXIT_OK;
    case 'I':
        if (strcmp(arg, "up") == 0)
            s->opt.improvement = FS_SPC_UP;
        else if (strcmp(arg, "down") == 0)
            s->opt.improvement = FS_SPC_DOWN;
        else
            return cli_usage(cmd, "unknown --improvement '%s' (choose up or down)", arg);
        return EXIT_OK;
    case 'G':
        if (fs_parse_number(arg, strlen(arg), &x, NULL) != FS_FIELD_NUMBER || !isfinite(x))
            return cli_usage(cmd, "--target must be a number, got '%s'", arg);
        s->opt.has_target = 1;
        s->opt.target = x;
        return EXIT_OK;
    default: return -1;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: forcestat's entry point and the table of subcommands. */
#include <gsl/gsl_errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "git_commit.h"
#include "help.h"

const cli_command_t cli_commands[] = {
    {"report", "the main job: every measure's band, charts and an index.html", cmd_report},
    {"forces", "list the 43 territorial police forces with codes and regions", cmd_forces},
    {"check", "read a dataset and report its forces, measures and problems", cmd_check},
    {"sheets", "list a workbook's sheets and the table found in each", cmd_sheets},
    {"outliers", "the HMICFRS outlier band: mean +/- 1 SD, log check, z, flags",
     cmd_outliers},
    {"shapiro", "the Shapiro-Wilk normality test (W and p) on a list or a column", cmd_shapiro},
    {"ci", "the confidence interval of one sampled proportion",
     cmd_ci},
    {"proportions", "each force's proportion and interval against England and Wales",
     cmd_proportions},
    {"rates", "each force's rate per 1,000 people against England and Wales",
     cmd_rates},
    {"change", "each force's change between two periods, with its verdict",
     cmd_change},
    {"ratio", "each group's rate against a reference group's, per force",
     cmd_ratio},
    {"funnel", "funnel plot limits by force size, with over-dispersion",
     cmd_funnel},
    {"chart", "draw a chart with gnuplot (PNG, SVG, PDF), of a kind under Charts",
     cmd_chart},
    {"aggregate", "stream row-level data into sums or proportions per group", cmd_aggregate},
    {"spc", "statistical process control: the XmR chart of one force's series", cmd_spc},
    {"similar", "forcestat's similar forces: each force's nearest peers",
     cmd_similar},
    {"recover", "finish the commit a killed run left half done in an output folder",
     cmd_recover},
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

/* forcestat __complete [KEY]: for the completion script (and the tests),
 * not listed in the help.  With no KEY, the keys of the tables of kinds
 * ("chart", "--method", ...) one a line; with a KEY, its names one a
 * line; with KEY and --rows, "name<TAB>description<TAB>template" lines. */
static int complete(int argc, char **argv)
{
    if (argc == 0) {
        for (size_t i = 0; fs_kind_tables[i] != NULL; i++)
            printf("%s\n", fs_kind_tables[i]->key);
        return EXIT_OK;
    }
    int rows = argc >= 2 && strcmp(argv[1], "--rows") == 0;
    for (size_t i = 0; fs_kind_tables[i] != NULL; i++) {
        const fs_kind_table_t *t = fs_kind_tables[i];
        if (strcmp(argv[0], t->key) != 0)
            continue;
        for (size_t r = 0; r < t->n; r++) {
            if (rows)
                printf("%s\t%s\t%s\n", t->rows[r].name, t->rows[r].what,
                       t->rows[r].file != NULL ? t->rows[r].file : "");
            else
                printf("%s\n", t->rows[r].name);
        }
        return EXIT_OK;
    }
    return EXIT_USAGE; /* quietly: the completion offers nothing */
}

int cli_version(void)
{
    printf("forcestat %s\n", FS_VERSION);
    if (FS_GIT_COMMIT[0] != '\0')
        printf("built from commit %s\n", FS_GIT_COMMIT);
    return EXIT_OK;
}

/* Flushes stdout and reports a failed write (a full disk, a closed pipe)
 * instead of exiting 0 with truncated output. */
static int finish(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("forcestat: writing output");
        return code == EXIT_OK ? EXIT_DATA : code;
    }
    return code;
}

/* SIGTERM, SIGINT, SIGHUP: only async-signal-safe steps here.  The
 * gnuplot workers are killed at once; the run then unwinds (its stage is
 * removed, nothing committed) and main returns 128 + the signal. */
static void on_stop(int sig)
{
    if (cli_stop_signal == 0)
        cli_stop_signal = sig;
    fs_chart_interrupt();
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns, and the run unwinds */
    static const int stops[] = {SIGTERM, SIGINT, SIGHUP};
    for (size_t i = 0; i < 3; i++) {
        /* A signal ignored on entry (nohup, a background job) stays ignored. */
        struct sigaction was;
        if (sigaction(stops[i], NULL, &was) == 0 && was.sa_handler != SIG_IGN)
            sigaction(stops[i], &sa, NULL);
    }
    /* GSL's default handler aborts the process; the library checks every
     * status itself, so turn it off once, here. */
    gsl_set_error_handler_off();
    /* --csv-raw before the command holds for it, as after it. */
    while (argc >= 2 && strcmp(argv[1], "--csv-raw") == 0) {
        cli_csv_raw = 1;
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    if (argc < 2)
        return cli_usage(NULL, "missing command");
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0)
        return finish(cli_help("forcestat"));
    if (strcmp(name, "__complete") == 0)
        return finish(complete(argc - 2, argv + 2));
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        return finish(cli_version());
    for (size_t i = 0; i < cli_ncommands; i++) {
        if (strcmp(name, cli_commands[i].name) == 0) {
            /* getopt names argv[0] in its messages: make that the command. */
            char prog[64];
            snprintf(prog, sizeof prog, "forcestat %s", name);
            argv[1] = prog;
            cli_guard_option_names(argc - 1, argv + 1);
            int code = finish(cli_commands[i].run(argc - 1, argv + 1));
            if (cli_stop_signal != 0) {
                static const char *const names[] = {[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT",
                                                    [SIGTERM] = "SIGTERM"};
                fprintf(stderr, "forcestat: stopped by %s\n", names[cli_stop_signal]);
                return 128 + cli_stop_signal;
            }
            return code;
        }
    }
    return cli_usage(NULL, "unknown command '%s'", name);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* common.h: what every subcommand shares: the command table, messages in
 * the "forcestat: FILE:LINE:COLUMN: message ('text')" form, exit codes,
 * output formats and writing to standard output. */
#ifndef FORCESTAT_CLI_COMMON_H
#define FORCESTAT_CLI_COMMON_H

#include <signal.h>
#include <stdio.h>

#include "forcestat/forcestat.h"
/* The output side, internal to the project (not installed). */
#include "io/fileio.h"
#include "io/stage.h"
#include "render/chart.h"
#include "render/chart_measure.h"
#include "render/emit.h"
#include "render/kinds.h"
#include "render/render.h"
#include "render/results.h"

/* Exit codes: success, data or runtime error, usage error. */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} cli_command_t;

/* The command table (main.c), which dispatches and lists them. */
extern const cli_command_t cli_commands[];
extern const size_t cli_ncommands;

/* The subcommands, one file each (cmd_*.c). */
int cmd_forces(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_aggregate(int argc, char **argv);
int cmd_outliers(int argc, char **argv);
int cmd_shapiro(int argc, char **argv);
int cmd_ci(int argc, char **argv);
int cmd_proportions(int argc, char **argv);
int cmd_rates(int argc, char **argv);
int cmd_change(int argc, char **argv);
int cmd_ratio(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_funnel(int argc, char **argv);
int cmd_spc(int argc, char **argv);
int cmd_recover(int argc, char **argv);
int cmd_sheets(int argc, char **argv);
int cmd_similar(int argc, char **argv);

/* The signal (SIGTERM, SIGINT, SIGHUP) that asked the run to stop, or 0.
 * main's handler sets it and stops the gnuplot workers; a stage is then
 * never committed, and main returns 128 + the signal. */
extern volatile sig_atomic_t cli_stop_signal;

/* Draws a batch of charts into its stage; prints any error (naming how to
 * install gnuplot when it is missing) and returns the exit code. */
int cli_run_charts(fs_chart_batch_t *batch);

/* As cli_run_charts, the charts shared among `jobs` gnuplot processes. */
int cli_run_charts_jobs(fs_chart_batch_t *batch, int jobs);

/* The default --jobs: fs_chart_default_jobs (render/chart.h). */
static inline int cli_default_jobs(void)
{
    return fs_chart_default_jobs();
}

/* Opens a stage on folder dir and records the inputs (NULL-terminated,
 * NULL entries skipped); prints any error and returns its exit code. */
int cli_open_stage(const char *dir, const char *const *inputs, fs_stage_t **stage);

/* Commits the stage; prints any error and returns its exit code. */
int cli_commit_stage(fs_stage_t *stage);

/* The output formats: the values of their table's rows (render/kinds.h). */
typedef enum cli_format {
    FORMAT_TEXT = FS_FORMAT_TEXT,
    FORMAT_CSV = FS_FORMAT_CSV,
    FORMAT_JSON = FS_FORMAT_JSON
} cli_format_t;

/* The version of the shape of every JSON output (docs/json.md), for the
 * result tables of array outputs (forces, aggregate), which take it as
 * their first column, in JSON only; every other result writes it from
 * its description (render/results.h). */
#define CLI_JSON_SCHEMA_VERSION FS_JSON_SCHEMA_VERSION

/* --csv-raw: CSV text cells that would run as spreadsheet formulas are
 * written as they are (fs_rtable_t's csv_raw); 0, the default, guards
 * them with a '. */
extern int cli_csv_raw;
/* --quiet: the notes (forces left out or absent, rows skipped, short SPC
 * segments) are not printed; errors are. */
extern int cli_quiet;
/* --sheet and --range (options.c), for the first table cli_load_table
 * reads. */
extern fs_sheet_choice_t cli_sheet;

/* Parses a --format value among the allowed ones (a bit set of
 * cli_format_t); prints a usage error and returns 0 when it is not one. */
int cli_parse_format(const char *cmd, const char *value, unsigned allowed, cli_format_t *out);

/* Parses a choice among the rows of a table of kinds (render/kinds.h)
 * that mask allows: 1 and *out the row's value, or 0 after a usage error
 * "unknown NOUN 'VALUE' (choose A, B or C)", the list joined with sep and
 * last, and "; did you mean 'B'?" for a near miss. */
int cli_parse_kind(const char *cmd, const fs_kind_table_t *t, unsigned mask, const char *value,
                   const char *sep, const char *last, int *out);

/* Parses a --level value strictly inside (0, 1); prints a usage error and
 * returns 0 when it is not. */
int cli_parse_level(const char *cmd, const char *value, double *out);

/* Parses an --encoding value; prints a usage error and returns 0 when bad. */
int cli_parse_encoding(const char *cmd, const char *value, fs_encoding_t *out);

/* Writes s[0..n-1] to stderr with every control character (C0, DEL, C1)
 * and every byte that is not part of well-formed UTF-8 shown as '?' (LF
 * kept when keep_newlines), so no text from the data or the command line
 * drives the terminal.  Every message goes through it. */
void cli_eprint(const char *s, size_t n, int keep_newlines);

/* A one-line message on stderr, formatted, shown as cli_eprint shows it
 * (a newline in it too), then a newline. */
void cli_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints "forcestat: FILE:LINE:COLUMN: message ('text')" (parts omitted
 * when absent) and returns the exit code for the status. */
int cli_report(const fs_error_t *err);

/* Prints "forcestat CMD: message" and a pointer to --help; returns 2. */
int cli_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The exit code that goes with a library status. */
int cli_exit_code(fs_status_t status);

/* Writes the buffer to stdout and checks the write; returns an exit code.
 * Frees nothing. */
int cli_write_stdout(const fs_buf_t *b);

/* Writes text output for people: as cli_write_stdout, with every control
 * character but newline and tab (ESC, CR, C1 controls) shown as \x1b or
 * \u009b, so a name in the data cannot drive the terminal.  CSV and JSON
 * go through cli_write_stdout and keep their own escaping. */
int cli_write_text(const fs_buf_t *b);

/* cli_write_text for FORMAT_TEXT, else cli_write_stdout. */
int cli_write_output(const fs_buf_t *b, cli_format_t format);

/* Prints the help text NAME (cli/help/NAME.txt, embedded; help.h) to
 * stdout; returns an exit code. */
int cli_help(const char *name);

/* Prints the version, and the commit the program was built from when it
 * was built from a git checkout (main.c); returns EXIT_OK.  Every command
 * takes -V and --version (options.h's CLI_OPT_HELP). */
int cli_version(void);

/* --help and --version, -h and -V, for a command's option table and
 * getopt_long's optstring: every command takes them, 'h' printing its
 * help and 'V' the version (cli_version). */
#define CLI_OPT_HELP {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'}
#define CLI_SHORT_OPTIONS "hV"

/* Row filters given as --filter COL=V[,V...]: at most CLI_MAX_FILTERS. */
#define CLI_MAX_FILTERS 16
#define CLI_MAX_FILTER_VALUES 64
typedef struct cli_filters {
    fs_match_t match[CLI_MAX_FILTERS];
    /* The values point into the argument strings, split in place, so a
     * command can return at any point without freeing anything. */
    const char *values[CLI_MAX_FILTERS][CLI_MAX_FILTER_VALUES];
    size_t n;
} cli_filters_t;

/* Parses COL=V[,V...] (the text is split in place) into m; *values owns
 * the list (free it).  Prints a usage error naming the option and
 * returns 0 when malformed. */
int cli_parse_match(const char *cmd, const char *opt, char *arg, fs_match_t *m, char ***values);

/* Adds one --filter COL=V[,V...] (split in place); prints a usage error
 * and returns 0 on failure. */
int cli_add_filter(const char *cmd, cli_filters_t *f, char *arg);

/* Splits "a,b,c" in place; see cli_parse_match.  NULL when out of memory. */
char **cli_split_list(char *s, size_t *n);

/* Reads a most-similar-groups file (see groups.h); prints any error and
 * returns its exit code.  path NULL: *groups = NULL, EXIT_OK. */
int cli_load_groups(const char *path, fs_groups_t **groups);

/* Reads the table at path ("-" or NULL for stdin), keeps the rows that
 * pass the filters (filters may be NULL), and finds its force column (by
 * content, fs_find_force_column, when force_name is NULL).  Prints any error and returns
 * its exit code, or EXIT_OK. */
int cli_load_table(const char *path, fs_encoding_t encoding, const char *force_name,
                   const cli_filters_t *filters, fs_table_t **table, size_t *force_col);

/* As cli_load_table, for the records still to come of r (one of several
 * inputs), which stays the caller's. */
int cli_load_table_reader(fs_reader_t *r, const char *force_name, const cli_filters_t *filters,
                          fs_table_t **table, size_t *force_col);

/* As cli_load_table, for a table already in memory (standard input read
 * once); name is used in messages. */
int cli_load_table_memory(const char *name, const void *data, size_t len, fs_encoding_t encoding,
                          const char *force_name, const cli_filters_t *filters,
                          fs_table_t **table, size_t *force_col);

/* Describes the table (fs_describe) and says on stderr, one line each,
 * which names are no territorial force (with "did you mean" for a near
 * miss) and which forces have no row; silent for a table that names no
 * force.  Prints any error and returns its exit code. */
int cli_describe(const fs_table_t *t, size_t force_col, fs_description_t **d);

/* cli_report, and for a force that occurs twice in a table whose rows
 * differ in another column (a year), a second line naming the --filter
 * that keeps one of them. */
int cli_report_rows(const fs_error_t *err, const fs_table_t *t, const fs_description_t *d);

/* A note on stderr that measure column c is left out because constant
 * (fs_column_constant): every force has one value, so there is no band. */
void cli_note_constant(const fs_table_t *t, const fs_description_t *d, size_t c);

/* A note on stderr when column c's England and Wales row holds the
 * forces' total (fs_description_national_total), which is then not used
 * as England and Wales; nothing otherwise. */
void cli_note_total(const fs_table_t *t, const fs_description_t *d, size_t c);

/* Progress on stderr for long reads: "forcestat CMD: 45% of 120 MB,
 * 1.2M rows, 2.1M rows/s", redrawn in place. */
typedef struct cli_progress {
    const char *cmd;
    double start;
    int shown;
} cli_progress_t;
void cli_progress_start(cli_progress_t *p, const char *cmd);
/* An fs_aggregate_spec_t progress callback; arg is a cli_progress_t. */
void cli_progress_report(void *arg, long long bytes, long long total, unsigned long long rows);
/* Ends the progress line, if one was drawn. */
void cli_progress_end(cli_progress_t *p);

/* Whether stdout-bound getopt parsing hit an unknown option etc: getopt
 * has already printed its message; this adds the --help hint.  After
 * cli_guard_option_names found an unsafe name, getopt prints nothing and
 * this says what it would have, with the argument shown as cli_eprint
 * shows it. */
int cli_bad_option(const char *cmd);

/* argv (a command's, argv[0] its name) as getopt will see it.  An
 * argument that begins with '-' and whose name (up to '=') holds a
 * control character or a byte that is no UTF-8 is never an option, and
 * getopt would print it raw: then getopt's own messages are turned off
 * (opterr) and cli_bad_option prints them. */
void cli_guard_option_names(int argc, char **argv);

#endif

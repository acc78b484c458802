/* SPDX-License-Identifier: GPL-3.0-or-later */
/* common.c: shared plumbing of the forcestat program. */
#include "common.h"
#include "render/safetext.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cli_csv_raw = 0;
int cli_quiet = 0;
fs_sheet_choice_t cli_sheet = {NULL, NULL};

int cli_exit_code(fs_status_t status)
{
    switch (status) {
    case FS_OK:
    case FS_EOF: return EXIT_OK;
    case FS_EINVAL: return EXIT_USAGE;
    default: return EXIT_DATA;
    }
}

volatile sig_atomic_t cli_stop_signal;

void cli_eprint(const char *s, size_t n, int keep_newlines)
{
    /* Written in runs between the characters shown as '?', without
     * allocating: a message must get out when memory has run out. */
    size_t done = 0, i = 0;
    while (i < n) {
        int ok;
        size_t k = fs_message_char(s + i, n - i, keep_newlines, &ok);
        if (!ok) {
            fwrite(s + done, 1, i - done, stderr);
            fputc('?', stderr);
            done = i + k;
        }
        i += k;
    }
    fwrite(s + done, 1, n - done, stderr);
}

void cli_warn(const char *fmt, ...)
{
    /* Every message fits: a formatted error is at most a file name, a
     * message and a text (status.h's limits), and names are cut. */
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n > 0)
        cli_eprint(msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1, 0);
    fputc('\n', stderr);
}

int cli_report(const fs_error_t *err)
{
    /* A run stopped by a signal says so once, in main, not as the
     * failure the stop caused (a gnuplot killed). */
    if (cli_stop_signal != 0)
        return EXIT_DATA;
    char line[FS_ERROR_FILE_MAX + FS_ERROR_MESSAGE_MAX + FS_ERROR_TEXT_MAX + 64];
    fs_error_format(err, line, sizeof line);
    cli_warn("forcestat: %s", line);
    return cli_exit_code(err->status);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "forcestat%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    if (n > 0)
        cli_eprint(msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1, 0);
    fprintf(stderr, "\nTry 'forcestat%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
    return EXIT_USAGE;
}

char **cli_option_args = NULL;

void cli_guard_option_names(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-')
            continue;
        size_t n = strcspn(a, "=");
        for (size_t k = 0; k < n;) {
            int ok;
            k += fs_message_char(a + k, n - k, 0, &ok);
            if (!ok) {
                /* Such a name is no option: getopt would print it raw. */
                opterr = 0;
                cli_option_args = argv;
                return;
            }
        }
    }
}

int cli_bad_option(const char *cmd)
{
    if (!opterr && cli_option_args != NULL && optind >= 1) {
        /* getopt printed nothing (cli_guard_option_names): say what it
         * would have, the argument shown safely. */
        const char *arg = cli_option_args[optind - 1];
        fprintf(stderr, "forcestat %s: ", cmd);
        if (optopt == 0 || arg[0] != '-' || arg[1] == '-') {
            fputs(optopt == 0 ? "unrecognized option '" : "invalid option '", stderr);
            cli_eprint(arg, strlen(arg), 0);
            fputs("'\n", stderr);
        } else {
            char c = (char)optopt;
            fputs("invalid option -- '", stderr);
            cli_eprint(&c, 1, 0);
            fputs("'\n", stderr);
        }
    }
    fprintf(stderr, "Try 'forcestat %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int cli_parse_kind(const char *cmd, const fs_kind_table_t *t, unsigned mask, const char *value,
                   const char *sep, const char *last, int *out)
{
    const fs_kind_t *k = fs_kind_find(t, value, mask);
    if (k != NULL) {
        *out = k->value;
        return 1;
    }
    char list[512];
    fs_kind_join(t, mask, sep, last, list, sizeof list);
    const fs_kind_t *near = fs_kind_suggest(t, value, mask);
    if (near != NULL)
        cli_usage(cmd, "unknown %s '%s' (choose %s); did you mean '%s'?", t->noun, value, list,
                  near->name);
    else
        cli_usage(cmd, "unknown %s '%s' (choose %s)", t->noun, value, list);
    return 0;
}

int cli_parse_format(const char *cmd, const char *value, unsigned allowed, cli_format_t *out)
{
    int v = 0;
    if (!cli_parse_kind(cmd, &fs_kinds_format, fs_kind_mask_of_bits(&fs_kinds_format, allowed),
                        value, ", ", ", ", &v))
        return 0;
    *out = (cli_format_t)v;
    return 1;
}

int cli_parse_encoding(const char *cmd, const char *value, fs_encoding_t *out)
{
    if (strcmp(value, "utf-8") == 0 || strcmp(value, "utf8") == 0 ||
        strcmp(value, "UTF-8") == 0) {
        *out = FS_ENCODING_UTF8;
        return 1;
    }
    if (strcmp(value, "windows-1252") == 0 || strcmp(value, "cp1252") == 0) {
        *out = FS_ENCODING_WINDOWS_1252;
        return 1;
    }
    cli_usage(cmd, "unknown encoding '%s' (choose utf-8 or windows-1252)", value);
    return 0;
}

int cli_open_stage(const char *dir, const char *const *inputs, fs_stage_t **stage)
{
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_stage_open(stage, dir, &err) != FS_OK)
        return cli_report(&err);
    for (size_t i = 0; inputs != NULL && inputs[i] != NULL; i++) {
        if (fs_stage_add_input(*stage, inputs[i], &err) != FS_OK) {
            fs_stage_free(*stage);
            *stage = NULL;
            return cli_report(&err);
        }
    }
    return EXIT_OK;
}

int cli_commit_stage(fs_stage_t *stage)
{
    fs_error_t err;
    fs_error_clear(&err);
    if (cli_stop_signal != 0)
        return EXIT_DATA; /* stopped: the folder stays as it was */
    if (fs_stage_commit(stage, &err) != FS_OK)
        return cli_report(&err);
    return EXIT_OK;
}

int cli_write_stdout(const fs_buf_t *b)
{
    if (fs_buf_status(b) != FS_OK) {
        fputs("forcestat: out of memory while formatting output\n", stderr);
        return EXIT_DATA;
    }
    if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len) {
        perror("forcestat: writing output");
        return EXIT_DATA;
    }
    return EXIT_OK;
}

int cli_write_text(const fs_buf_t *b)
{
    if (fs_buf_status(b) != FS_OK)
        return cli_write_stdout(b);
    fs_buf_t safe;
    fs_buf_init(&safe);
    const unsigned char *p = (const unsigned char *)(b->data ? b->data : "");
    for (size_t i = 0; i < b->len; i++) {
        unsigned c = p[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            fs_buf_printf(&safe, "\\x%02x", c);
        } else if (c == 0xC2 && i + 1 < b->len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
            /* A C1 control (U+0080 to U+009F) in UTF-8: CSI and friends. */
            fs_buf_printf(&safe, "\\u%04x", p[i + 1]);
            i++;
        } else {
            fs_buf_putc(&safe, (char)c);
        }
    }
    int code = cli_write_stdout(&safe);
    fs_buf_free(&safe);
    return code;
}

int cli_write_output(const fs_buf_t *b, cli_format_t format)
{
    return format == FORMAT_TEXT ? cli_write_text(b) : cli_write_stdout(b);
}

/* Splits "a,b,c" in place into a NULL-terminated array; NULL when out of
 * memory.  Empty items are kept (they match empty fields). */
static char **split_list(char *s, size_t *n)
{
    size_t count = 1;
    for (const char *p = s; *p; p++)
        count += *p == ',';
    char **items = calloc(count + 1, sizeof *items);
    if (items == NULL)
        return NULL;
    size_t k = 0;
    for (char *tok = s;;) {
        char *comma = strchr(tok, ',');
        items[k++] = tok;
        if (comma == NULL)
            break;
        *comma = '\0';
        tok = comma + 1;
    }
    *n = k;
    return items;
}

char **cli_split_list(char *s, size_t *n)
{
    return split_list(s, n);
}

int cli_parse_match(const char *cmd, const char *opt, char *arg, fs_match_t *m, char ***values)
{
    char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg) {
        cli_usage(cmd, "--%s needs COL=VALUE[,VALUE...], got '%s'", opt, arg);
        return 0;
    }
    *eq = '\0';
    size_t n;
    char **list = split_list(eq + 1, &n);
    if (list == NULL) {
        fputs("forcestat: out of memory\n", stderr);
        return 0;
    }
    m->column = arg;
    m->values = (const char *const *)list;
    m->nvalues = n;
    *values = list;
    return 1;
}

int cli_add_filter(const char *cmd, cli_filters_t *f, char *arg)
{
    if (f->n == CLI_MAX_FILTERS) {
        cli_usage(cmd, "at most %d --filter options", CLI_MAX_FILTERS);
        return 0;
    }
    char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg) {
        cli_usage(cmd, "--filter needs COL=VALUE[,VALUE...], got '%s'", arg);
        return 0;
    }
    *eq = '\0';
    size_t k = 0;
    for (char *tok = eq + 1;;) {
        if (k == CLI_MAX_FILTER_VALUES) {
            cli_usage(cmd, "at most %d values in one --filter", CLI_MAX_FILTER_VALUES);
            return 0;
        }
        char *comma = strchr(tok, ',');
        f->values[f->n][k++] = tok;
        if (comma == NULL)
            break;
        *comma = '\0';
        tok = comma + 1;
    }
    f->match[f->n].column = arg;
    f->match[f->n].values = f->values[f->n];
    f->match[f->n].nvalues = k;
    f->n++;
    return 1;
}

/* What cli_load_table and cli_load_table_memory share once the table is
 * read. */
static int finish_table(fs_status_t st, fs_error_t *errp, const char *force_name,
                        const cli_filters_t *filters, fs_table_t **table, size_t *force_col)
{
    fs_error_t err = *errp;
    if (st != FS_OK)
        return cli_report(&err);
    if ((*table)->ncols == 0) {
        fs_error_at(&err, (*table)->name, 1, 0, NULL, 0);
        fs_error_set(&err, FS_EPARSE, "the header row has no columns");
        fs_table_free(*table);
        *table = NULL;
        return cli_report(&err);
    }
    for (size_t i = 0; filters != NULL && i < filters->n; i++) {
        if (fs_table_filter(*table, &filters->match[i], &err) != FS_OK) {
            fs_table_free(*table);
            *table = NULL;
            return cli_report(&err);
        }
    }
    /* The force column is found by its content unless --force names it:
     * real files put it second or later (a year, a date or a code first). */
    if (force_name == NULL) {
        *force_col = fs_find_force_column(*table, NULL);
    } else {
        st = fs_table_find_column(*table, force_name, force_col, &err);
        if (st != FS_OK) {
            fs_table_free(*table);
            *table = NULL;
            return cli_report(&err);
        }
    }
    return EXIT_OK;
}

int cli_load_table(const char *path, fs_encoding_t encoding, const char *force_name,
                   const cli_filters_t *filters, fs_table_t **table, size_t *force_col)
{
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.encoding = encoding;
    fs_error_t err;
    fs_error_clear(&err);
    *table = NULL;
    /* --sheet and --range choose in FILE, the first table a command
     * reads; a population file or the report's tables are found. */
    fs_sheet_choice_t which = cli_sheet;
    cli_sheet.sheet = cli_sheet.range = NULL;
    fs_status_t st = fs_table_read_sheet(table, path ? path : "-", &which, &opt, &err);
    return finish_table(st, &err, force_name, filters, table, force_col);
}

int cli_load_table_reader(fs_reader_t *r, const char *force_name, const cli_filters_t *filters,
                          fs_table_t **table, size_t *force_col)
{
    fs_error_t err;
    fs_error_clear(&err);
    *table = NULL;
    fs_status_t st = fs_table_read_reader(table, r, &err);
    return finish_table(st, &err, force_name, filters, table, force_col);
}

int cli_load_table_memory(const char *name, const void *data, size_t len, fs_encoding_t encoding,
                          const char *force_name, const cli_filters_t *filters,
                          fs_table_t **table, size_t *force_col)
{
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.encoding = encoding;
    fs_error_t err;
    fs_error_clear(&err);
    *table = NULL;
    fs_status_t st = fs_table_read_memory(table, data, len, name, &opt, &err);
    return finish_table(st, &err, force_name, filters, table, force_col);
}

int cli_parse_level(const char *cmd, const char *value, double *out)
{
    double v;
    if (fs_parse_number(value, strlen(value), &v, NULL) != FS_FIELD_NUMBER || !(v > 0 && v < 1)) {
        cli_usage(cmd, "--level must be a number strictly between 0 and 1, got '%s'", value);
        return 0;
    }
    *out = v;
    return 1;
}

int cli_load_groups(const char *path, fs_groups_t **groups)
{
    *groups = NULL;
    if (path == NULL)
        return EXIT_OK;
    fs_table_t *t;
    size_t fc;
    int code = cli_load_table(path, FS_ENCODING_UTF8, NULL, NULL, &t, &fc);
    if (code != EXIT_OK)
        return code;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_groups_from_table(t, groups, &err) != FS_OK)
        code = cli_report(&err);
    fs_table_free(t);
    return code;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress_t *p, const char *cmd)
{
    p->cmd = cmd;
    p->start = now_seconds();
    p->shown = 0;
}

void cli_progress_report(void *arg, long long bytes, long long total, unsigned long long rows)
{
    cli_progress_t *p = arg;
    double secs = now_seconds() - p->start;
    char done[64];
    if (total > 0)
        snprintf(done, sizeof done, "%.0f%% of %.1f MB", 100.0 * (double)bytes / (double)total,
                 (double)total / 1e6);
    else
        snprintf(done, sizeof done, "%.1f MB", (double)bytes / 1e6);
    fprintf(stderr, "\rforcestat %s: %s, %.1fM rows, %.1fM rows/s   ", p->cmd, done,
            (double)rows / 1e6, secs > 0 ? (double)rows / 1e6 / secs : 0.0);
    fflush(stderr);
    p->shown = 1;
}

void cli_progress_end(cli_progress_t *p)
{
    if (p->shown)
        fputc('\n', stderr);
    p->shown = 0;
}

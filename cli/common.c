/* common.c: shared plumbing of the forcestat program. */
#include "common.h"

#include <stdarg.h>
#include <string.h>

int cli_exit_code(fs_status_t status)
{
    switch (status) {
    case FS_OK:
    case FS_EOF: return EXIT_OK;
    case FS_EINVAL: return EXIT_USAGE;
    default: return EXIT_DATA;
    }
}

int cli_report(const fs_error_t *err)
{
    fputs("forcestat: ", stderr);
    if (err->file[0] != '\0') {
        fputs(err->file, stderr);
        if (err->line > 0) {
            fprintf(stderr, ":%ld", err->line);
            if (err->column > 0)
                fprintf(stderr, ":%ld", err->column);
        }
        fputs(": ", stderr);
    }
    fputs(err->message[0] ? err->message : fs_strerror(err->status), stderr);
    if (err->has_text)
        fprintf(stderr, " ('%s')", err->text);
    fputc('\n', stderr);
    return cli_exit_code(err->status);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "forcestat%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'forcestat%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
    return EXIT_USAGE;
}

int cli_bad_option(const char *cmd)
{
    fprintf(stderr, "Try 'forcestat %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int cli_parse_format(const char *cmd, const char *value, unsigned allowed, cli_format_t *out)
{
    static const struct {
        const char *name;
        cli_format_t format;
    } formats[] = {{"text", FORMAT_TEXT}, {"csv", FORMAT_CSV}, {"json", FORMAT_JSON}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(value, formats[i].name) == 0 && (allowed & formats[i].format)) {
            *out = formats[i].format;
            return 1;
        }
    }
    char list[64] = "";
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (allowed & formats[i].format) {
            if (list[0])
                strcat(list, ", ");
            strcat(list, formats[i].name);
        }
    }
    cli_usage(cmd, "unknown format '%s' (choose %s)", value, list);
    return 0;
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

int cli_print_help(const char *text)
{
    fputs(text, stdout);
    return EXIT_OK;
}

int cli_load_table(const char *path, fs_encoding_t encoding, const char *force_name,
                   fs_table_t **table, size_t *force_col)
{
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.encoding = encoding;
    fs_error_t err;
    fs_error_clear(&err);
    *table = NULL;
    fs_status_t st = fs_table_read(table, path ? path : "-", &opt, &err);
    if (st != FS_OK)
        return cli_report(&err);
    if ((*table)->ncols == 0) {
        fs_error_at(&err, (*table)->name, 1, 0, NULL, 0);
        fs_error_set(&err, FS_EPARSE, "the header row has no columns");
        fs_table_free(*table);
        *table = NULL;
        return cli_report(&err);
    }
    *force_col = 0;
    if (force_name != NULL) {
        st = fs_table_find_column(*table, force_name, force_col, &err);
        if (st != FS_OK) {
            fs_table_free(*table);
            *table = NULL;
            return cli_report(&err);
        }
    }
    return EXIT_OK;
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

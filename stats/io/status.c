/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status.c: names of status codes and reasons, the helpers that fill
 * fs_error_t, and its printer: the one file that reads an error's message
 * (tests/meta/messages.sh). */
#include "forcestat/status.h"

#include "forcestat/version.h"
#include "status_internal.h"
#include "workbook.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *fs_strerror(fs_status_t status)
{
    switch (status) {
    case FS_OK: return "success";
    case FS_EINVAL: return "invalid argument";
    case FS_EDOM: return "outside the method's domain";
    case FS_ENOMEM: return "out of memory";
    case FS_EPARSE: return "malformed input";
    case FS_EIO: return "input/output error";
    case FS_ENOTFOUND: return "not found";
    case FS_ELIMIT: return "size limit exceeded";
    case FS_EOF: return "end of input";
    case FS_EBUSY: return "output folder busy";
    case FS_ECONFLICT: return "an output would replace an input";
    }
    return "unknown status";
}

/* The one table of reasons: each value's name, in the enum's order. */
static const char *const reason_names[] = {
    [FS_REASON_NONE] = "none",
    [FS_REASON_TOO_FEW] = "too few values",
    [FS_REASON_ALL_EQUAL] = "all values equal",
    [FS_REASON_NOT_A_NUMBER] = "not a number",
    [FS_REASON_MISSING_VALUE] = "missing value",
    [FS_REASON_NOT_FINITE] = "infinite value",
    [FS_REASON_BAD_DENOMINATOR] = "denominator not > 0",
    [FS_REASON_BAD_COUNT] = "invalid count",
    [FS_REASON_BEYOND_LIMIT] = "magnitude beyond a limit",
    [FS_REASON_UNKNOWN_FORCE] = "unknown force",
    [FS_REASON_DUPLICATE_FORCE] = "duplicate force",
    [FS_REASON_DUPLICATE_PERIOD] = "duplicate period",
    [FS_REASON_COLUMN_NOT_FOUND] = "column not found",
};

const char *fs_reason_name(fs_reason_t reason)
{
    size_t r = (size_t)reason;
    if (r >= sizeof reason_names / sizeof reason_names[0] || reason_names[r] == NULL)
        return "unknown reason";
    return reason_names[r];
}

void fs_error_clear(fs_error_t *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof *err);
    err->reason = FS_REASON_NONE;
    err->index = FS_ERROR_NO_INDEX;
}

/* The callers' format attributes check fmt against their arguments; this
   one tells the compiler fmt is such a checked format. */
__attribute__((format(printf, 5, 0))) static fs_status_t fill(fs_error_t *err, fs_status_t status,
                                                              fs_reason_t reason, size_t index,
                                                              const char *fmt, va_list ap)
{
    err->status = status;
    err->reason = reason;
    err->index = index;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return status;
}

fs_status_t fs_error_set(fs_error_t *err, fs_status_t status, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    va_list ap;
    va_start(ap, fmt);
    fill(err, status, FS_REASON_NONE, FS_ERROR_NO_INDEX, fmt, ap);
    va_end(ap);
    return status;
}

fs_status_t fs_error_raise(fs_error_t *err, fs_status_t status, fs_reason_t reason, size_t index,
                           const char *fmt, ...)
{
    if (err == NULL)
        return status;
    va_list ap;
    va_start(ap, fmt);
    fill(err, status, reason, index, fmt, ap);
    va_end(ap);
    return status;
}

fs_status_t fs_error_reword(fs_error_t *err, fs_status_t status, size_t drop, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    const size_t max = sizeof err->message - 1;
    char rest[FS_ERROR_MESSAGE_MAX];
    size_t len = strnlen(err->message, max);
    size_t from = drop < len ? drop : len;
    memcpy(rest, err->message + from, len - from);
    rest[len - from] = '\0';
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    size_t used = n < 0 ? 0 : ((size_t)n < max ? (size_t)n : max);
    size_t k = len - from < max - used ? len - from : max - used;
    memcpy(err->message + used, rest, k);
    err->message[used + k] = '\0';
    err->status = status;
    return status;
}

const char *fs_error_message(const fs_error_t *err)
{
    return err->message[0] ? err->message : fs_strerror(err->status);
}

void fs_error_at(fs_error_t *err, const char *file, long line, long column, const char *text,
                 size_t text_len)
{
    if (err == NULL)
        return;
    if (file != NULL)
        snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line;
    err->column = column;
    err->has_text = text != NULL;
    err->text[0] = '\0';
    if (text == NULL)
        return;
    /* Keep room for "..." and the terminator.  Control bytes (NUL, newline,
     * escape sequences) are replaced so the message stays on one line and
     * cannot drive a terminal. */
    const size_t room = sizeof err->text - 4;
    size_t out = 0;
    for (size_t i = 0; i < text_len && out < room; i++) {
        unsigned char c = (unsigned char)text[i];
        err->text[out++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    /* Do not leave half a UTF-8 sequence at the cut. */
    if (out < text_len) {
        while (out > 0 && ((unsigned char)err->text[out - 1] & 0xC0) == 0x80)
            out--;
        if (out > 0 && ((unsigned char)err->text[out - 1] & 0xC0) == 0xC0)
            out--;
        memcpy(err->text + out, "...", 3);
        out += 3;
    }
    err->text[out] = '\0';
}

/* A workbook's table is named "FILE: SHEET!A:H" (book.c): the length of
 * "FILE: SHEET" and the table's first column (0-based), or 0 when file is
 * not such a name. */
static size_t sheet_columns(const char *file, long *first)
{
    const char *bang = strrchr(file, '!');
    if (bang == NULL || strstr(file, ": ") == NULL || strstr(file, ": ") > bang)
        return 0;
    const char *c = bang + 1;
    long col = 0;
    for (; *c >= 'A' && *c <= 'Z'; c++)
        col = col * 26 + (*c - 'A' + 1);
    if (col == 0 || *c++ != ':' || !(*c >= 'A' && *c <= 'Z'))
        return 0;
    while (*c >= 'A' && *c <= 'Z')
        c++;
    if (*c != '\0')
        return 0;
    *first = col - 1;
    return (size_t)(bang - file);
}

/* "FILE: SHEET!C17: " for a cell of a workbook's table, the cells of its
 * row ("!A17:H17") for a row; 0 when the error is not in one. */
static int sheet_place(const fs_error_t *err, char *where, size_t size)
{
    long first;
    size_t n = err->line > 0 ? sheet_columns(err->file, &first) : 0;
    if (n == 0)
        return 0;
    const char *cols = err->file + n + 1;
    char c[16];
    if (err->column > 0) {
        fs_column_letters(first + err->column - 1, c);
        snprintf(where, size, "%.*s!%s%ld: ", (int)n, err->file, c, err->line);
    } else {
        char c1[16];
        fs_column_letters(first, c);
        snprintf(c1, sizeof c1, "%s", strchr(cols, ':') + 1);
        snprintf(where, size, "%.*s!%s%ld:%s%ld: ", (int)n, err->file, c, err->line, c1,
                 err->line);
    }
    return 1;
}

size_t fs_error_format(const fs_error_t *err, char *buf, size_t size)
{
    char where[FS_ERROR_FILE_MAX + 48] = "";
    if (err->file[0] != '\0' && !sheet_place(err, where, sizeof where)) {
        if (err->line > 0 && err->column > 0)
            snprintf(where, sizeof where, "%s:%ld:%ld: ", err->file, err->line, err->column);
        else if (err->line > 0)
            snprintf(where, sizeof where, "%s:%ld: ", err->file, err->line);
        else
            snprintf(where, sizeof where, "%s: ", err->file);
    }
    const char *message = fs_error_message(err);
    int n = err->has_text ? snprintf(buf, size, "%s%s ('%s')", where, message, err->text)
                          : snprintf(buf, size, "%s%s", where, message);
    return n < 0 ? 0 : (size_t)n;
}

const char *fs_version(void)
{
    return FS_VERSION;
}

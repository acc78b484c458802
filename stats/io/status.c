/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status.c: names of status codes and the helpers that fill fs_error_t. */
#include "forcestat/status.h"

#include <stdio.h>

#include "forcestat/version.h"

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

void fs_error_clear(fs_error_t *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof *err);
}

fs_status_t fs_error_set(fs_error_t *err, fs_status_t status, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
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

size_t fs_error_format(const fs_error_t *err, char *buf, size_t size)
{
    char where[FS_ERROR_FILE_MAX + 48] = "";
    if (err->file[0] != '\0') {
        if (err->line > 0 && err->column > 0)
            snprintf(where, sizeof where, "%s:%ld:%ld: ", err->file, err->line, err->column);
        else if (err->line > 0)
            snprintf(where, sizeof where, "%s:%ld: ", err->file, err->line);
        else
            snprintf(where, sizeof where, "%s: ", err->file);
    }
    const char *message = err->message[0] ? err->message : fs_strerror(err->status);
    int n = err->has_text ? snprintf(buf, size, "%s%s ('%s')", where, message, err->text)
                          : snprintf(buf, size, "%s%s", where, message);
    return n < 0 ? 0 : (size_t)n;
}

const char *fs_version(void)
{
    return FS_VERSION;
}

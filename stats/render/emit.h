/* SPDX-License-Identifier: GPL-3.0-or-later */
/* emit.h: a growable text buffer and the JSON and CSV encoders that write
 * into it.  The library formats output here; only the program writes it
 * out, so the library itself never prints. */
#ifndef FORCESTAT_EMIT_H
#define FORCESTAT_EMIT_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A buffer of text, always NUL-terminated once anything was appended.
 * An allocation failure makes the buffer sticky-failed: later appends do
 * nothing and fs_buf_status() returns FS_ENOMEM, so a caller can append a
 * whole document and check once at the end. */
typedef struct fs_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} fs_buf_t;

/* Initialises an empty buffer (no allocation yet). */
void fs_buf_init(fs_buf_t *b);
/* Frees the buffer's memory and leaves it empty; b may be NULL. */
void fs_buf_free(fs_buf_t *b);
/* Empties the buffer but keeps its memory for reuse. */
void fs_buf_reset(fs_buf_t *b);
/* FS_OK, or FS_ENOMEM if any append failed since init or reset. */
fs_status_t fs_buf_status(const fs_buf_t *b);

void fs_buf_append(fs_buf_t *b, const char *s, size_t n);
void fs_buf_puts(fs_buf_t *b, const char *s);
void fs_buf_putc(fs_buf_t *b, char c);
void fs_buf_printf(fs_buf_t *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Writes the shortest decimal form of x that reads back as exactly x
 * (at most 17 significant digits), so JSON and CSV keep full precision
 * without printing 0.1 as 0.10000000000000001.  Non-finite x is written
 * as `null` by the JSON writer and as the empty field by the CSV writer;
 * this function writes "nan" or "inf" and is for those writers' use. */
void fs_buf_number(fs_buf_t *b, double x);

/* x's first 25 significant digits (d25, NUL-terminated), correctly
 * rounded as printf's %.24e rounds them, its sign and its decimal
 * exponent, computed without printf; 0 when it leaves them to printf
 * (zero, subnormals, the far ends of the range, or too close to a
 * rounding boundary to be sure).  fs_buf_number builds on it. */
int fs_digits25(double x, int *negative, char *d25, int *e10);

/* JSON: a string literal with the escapes RFC 8259 requires (and \u00XX
 * for every control byte); a number, or null when x is not finite. */
void fs_json_string(fs_buf_t *b, const char *s);
void fs_json_string_n(fs_buf_t *b, const char *s, size_t n);
void fs_json_number(fs_buf_t *b, double x);

/* CSV (RFC 4180): whether a field of n bytes must be quoted to read back
 * as it is (a comma, quote, CR or LF in it, or a space or tab at either
 * end, which the reader trims); a field, quoted when it must be; a
 * number, empty when x is not finite. */
int fs_csv_needs_quotes(const char *s, size_t n);
void fs_csv_field(fs_buf_t *b, const char *s);
void fs_csv_number(fs_buf_t *b, double x);

#ifdef __cplusplus
}
#endif

#endif

/* emit.c: growable buffer, JSON and CSV encoders. */
#include "forcestat/emit.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fs_buf_init(fs_buf_t *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void fs_buf_free(fs_buf_t *b)
{
    if (b == NULL)
        return;
    free(b->data);
    fs_buf_init(b);
}

void fs_buf_reset(fs_buf_t *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

fs_status_t fs_buf_status(const fs_buf_t *b)
{
    return b->failed ? FS_ENOMEM : FS_OK;
}

/* Makes room for n more bytes plus the terminator; doubles the capacity so
 * that appending a document costs amortised O(1) per byte. */
static int reserve(fs_buf_t *b, size_t n)
{
    if (b->failed)
        return 0;
    if (n > (size_t)-1 / 2 - b->len) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->len + n + 1;
    if (need <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void fs_buf_append(fs_buf_t *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fs_buf_puts(fs_buf_t *b, const char *s)
{
    fs_buf_append(b, s, strlen(s));
}

void fs_buf_putc(fs_buf_t *b, char c)
{
    fs_buf_append(b, &c, 1);
}

void fs_buf_printf(fs_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void fs_buf_number(fs_buf_t *b, double x)
{
    if (isnan(x)) {
        fs_buf_puts(b, "nan");
        return;
    }
    if (isinf(x)) {
        fs_buf_puts(b, x > 0 ? "inf" : "-inf");
        return;
    }
    /* The shortest of %.15g, %.16g, %.17g that round-trips: %.17g always
     * does for IEEE doubles, the shorter ones avoid noise digits.  Most
     * values are either short (counts, published figures: %.15g works) or
     * need all 17 digits; trying 15 first and 17 last keeps the common
     * cases to one or two conversions. */
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.15g", x);
    if (strtod(tmp, NULL) != x) {
        snprintf(tmp, sizeof tmp, "%.16g", x);
        if (strtod(tmp, NULL) != x)
            snprintf(tmp, sizeof tmp, "%.17g", x);
    }
    fs_buf_puts(b, tmp);
}

void fs_json_string_n(fs_buf_t *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    fs_buf_putc(b, '"');
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fs_buf_append(b, s + start, i - start);
        start = i + 1;
        switch (c) {
        case '"': fs_buf_puts(b, "\\\""); break;
        case '\\': fs_buf_puts(b, "\\\\"); break;
        case '\n': fs_buf_puts(b, "\\n"); break;
        case '\r': fs_buf_puts(b, "\\r"); break;
        case '\t': fs_buf_puts(b, "\\t"); break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            fs_buf_append(b, esc, sizeof esc);
        }
        }
    }
    fs_buf_append(b, s + start, n - start);
    fs_buf_putc(b, '"');
}

void fs_json_string(fs_buf_t *b, const char *s)
{
    fs_json_string_n(b, s, strlen(s));
}

void fs_json_number(fs_buf_t *b, double x)
{
    if (!isfinite(x))
        fs_buf_puts(b, "null");
    else
        fs_buf_number(b, x);
}

void fs_csv_field(fs_buf_t *b, const char *s)
{
    size_t n = strlen(s);
    int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    if (!quote && strpbrk(s, ",\"\r\n") != NULL)
        quote = 1;
    if (!quote) {
        fs_buf_append(b, s, n);
        return;
    }
    fs_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fs_buf_putc(b, '"');
        fs_buf_putc(b, *p);
    }
    fs_buf_putc(b, '"');
}

void fs_csv_number(fs_buf_t *b, double x)
{
    if (isfinite(x))
        fs_buf_number(b, x);
}

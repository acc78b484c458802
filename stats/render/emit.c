/* SPDX-License-Identifier: GPL-3.0-or-later */
/* emit.c: growable buffer, JSON and CSV encoders. */
#include "render/emit.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/fastfloat.h"

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

/* Writes digits[0..n-1] with decimal exponent e (value = d.ddd x 10^e) as
 * printf's %.Pg would: fixed notation when -4 <= e < P, else d.ddde+XX;
 * trailing zeros dropped. */
static void write_g(char *out, int negative, const char *digits, int n, int e, int precision)
{
    while (n > 1 && digits[n - 1] == '0')
        n--;
    char *p = out;
    if (negative)
        *p++ = '-';
    if (e >= -4 && e < precision) {
        if (e < 0) {
            *p++ = '0';
            *p++ = '.';
            for (int i = -1; i > e; i--)
                *p++ = '0';
            memcpy(p, digits, (size_t)n);
            p += n;
        } else {
            for (int i = 0; i <= e; i++)
                *p++ = i < n ? digits[i] : '0';
            if (n > e + 1) {
                *p++ = '.';
                memcpy(p, digits + e + 1, (size_t)(n - e - 1));
                p += n - e - 1;
            }
        }
    } else {
        *p++ = digits[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, digits + 1, (size_t)(n - 1));
            p += n - 1;
        }
        p += sprintf(p, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    *p = '\0';
}

/* Rounds the digits to n (half up) into out; returns the exponent, one
 * more than e when the rounding carries. */
static int round_digits(const char *d, int n, int e, char *out)
{
    memcpy(out, d, (size_t)n);
    if (d[n] >= '5') {
        int i = n - 1;
        while (i >= 0 && out[i] == '9')
            out[i--] = '0';
        if (i < 0) {
            memmove(out + 1, out, (size_t)n - 1);
            out[0] = '1';
            return e + 1;
        }
        out[i]++;
    }
    return e;
}

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 digits_u128;

/* x's first 25 significant digits, correctly rounded (ties to even), and
 * its decimal exponent, as printf's %.24e gives them, without printf: x
 * * 10^(24 - E) = m * 2^e2 * 5^s * 2^s, with 5^s from the 128-bit table
 * (fs_pow5_entry).  The table's value is within 1 of the true one, so the
 * product is within m < 2^53 of the exact one; when the bits that decide
 * the rounding lie that close to a boundary, or for zero, subnormals and
 * the far ends of the range, it returns 0 and printf is asked. */
int fs_digits25(double x, int *negative, char *d25, int *e10)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int be = (int)((bits >> 52) & 0x7FF);
    if (be == 0 || be == 0x7FF)
        return 0;
    *negative = (int)(bits >> 63);
    uint64_t m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    int e2 = be - 1075; /* x = m * 2^e2 */
    const digits_u128 ten12 = 1000000000000u, ten24 = ten12 * ten12, ten25 = ten24 * 10u;
    int E = (int)floor(log10(fabs(x)));
    for (int attempt = 0; attempt < 3; attempt++) {
        int s = 24 - E;
        const fs_pow5_t *t = fs_pow5_entry(s);
        if (t == NULL)
            return 0;
        uint64_t prod[3];
        fs_pow5_multiply(m, t, prod);
        uint64_t x0 = prod[0], x1 = prod[1], x2 = prod[2];
        /* y = X / 2^sh lies in [10^24, 10^25) when E is right: sh is 96
         * to 101, so y is x2:x1 shifted by sh - 64. */
        int sh = -(e2 + s + t->e), k = sh - 64;
        if (k < 1 || k > 63)
            return 0;
        digits_u128 y = ((((digits_u128)x2) << 64) | x1) >> k;
        if (y < ten24) {
            E--;
            continue;
        }
        if (y >= ten25) {
            E++;
            continue;
        }
        uint64_t mask = (UINT64_C(1) << k) - 1, fh = x1 & mask, halfbit = UINT64_C(1) << (k - 1);
        int up;
        if (t->exact) {
            if (fh != halfbit || x0 != 0)
                up = fh > halfbit || (fh == halfbit && x0 != 0);
            else
                up = (int)(y & 1); /* a tie: to even */
        } else {
            /* Within 2^64 of 0, of the half way point or of the next
             * integer: too close to call. */
            if (fh == 0 || fh == mask || fh == halfbit || fh == halfbit - 1)
                return 0;
            up = fh > halfbit;
        }
        y += (digits_u128)up;
        if (y == ten25) {
            y = ten24;
            E++;
        }
        uint64_t hi = (uint64_t)(y / ten12), lo = (uint64_t)(y % ten12);
        for (int i = 12; i >= 0; i--, hi /= 10)
            d25[i] = (char)('0' + hi % 10);
        for (int i = 24; i >= 13; i--, lo /= 10)
            d25[i] = (char)('0' + lo % 10);
        d25[25] = '\0';
        *e10 = E;
        return 1;
    }
    return 0;
}
#else
int fs_digits25(double x, int *negative, char *d25, int *e10)
{
    (void)x, (void)negative, (void)d25, (void)e10;
    return 0;
}
#endif

static void format_shortest(double x, char *out)
{
    /* 25 significant digits: enough that rounding them to 15, 16 or 17
     * gives the correctly rounded digits except when the dropped digits
     * read exactly 5, 50, 500..., where both ways are tried, the even
     * digit first as printf rounds exact ties. */
    char d25[26];
    int negative, e;
    if (!fs_digits25(x, &negative, d25, &e)) {
        char sci[48];
        snprintf(sci, sizeof sci, "%.24e", x); /* [-]d.ddd...(24)e[+-]XX */
        const char *p = sci;
        negative = *p == '-';
        if (negative)
            p++;
        d25[0] = p[0];
        memcpy(d25 + 1, p + 2, 24);
        d25[25] = '\0';
        e = atoi(p + 27);
    }
    char digits[26];
    for (int n = 15; n <= 17; n++) {
        int tie = d25[n] == '5';
        for (int k = n + 1; k < 25 && tie; k++)
            tie = d25[k] == '0';
        /* A tie goes to the even digit first, as printf rounds exact
         * decimal ties; the other way is tried next. */
        int down_first = tie && (d25[n - 1] - '0') % 2 == 0;
        for (int attempt = 0; attempt < (tie ? 2 : 1); attempt++) {
            int down = tie && (attempt == 0) == down_first;
            int en = e;
            if (down)
                memcpy(digits, d25, (size_t)n);
            else
                en = round_digits(d25, n, e, digits);
            write_g(out, negative, digits, n, en, n);
            double back;
            if (!fs_fast_decimal(out, strlen(out), &back))
                back = strtod(out, NULL);
            if (back == x)
                return;
        }
        if (n == 17)
            return; /* 17 digits always read back; unreachable in practice */
    }
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
    /* The shortest of 15, 16 or 17 significant digits that reads back as
     * x (17 always do for IEEE doubles; the shorter forms avoid noise
     * digits), as printf's %.15g, %.16g, %.17g would give it.  One printf
     * gives 25 digits; the candidates are rounded from them as text and
     * checked with strtod, which costs a third of printing each precision
     * separately. */
    char tmp[40];
    format_shortest(x, tmp);
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

/* The characters the reader trims from either end of an unquoted field
 * (libcsv's spaces). */
static int csv_blank(char c)
{
    return c == ' ' || c == '\t';
}

int fs_csv_needs_quotes(const char *s, size_t n)
{
    if (n > 0 && (csv_blank(s[0]) || csv_blank(s[n - 1])))
        return 1;
    return strpbrk(s, ",\"\r\n") != NULL;
}

void fs_csv_field(fs_buf_t *b, const char *s)
{
    size_t n = strlen(s);
    if (!fs_csv_needs_quotes(s, n)) {
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

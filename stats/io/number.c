/* SPDX-License-Identifier: GPL-3.0-or-later */
/* number.c: strict number parsing and missing-value tokens.
 *
 * Why not plain strtod: it accepts "inf", "nan", hex floats, leading
 * spaces and trailing garbage (via endptr only), and locale-specific
 * forms.  Spreadsheets exported by many hands contain all of these by
 * accident, and a silently misread number is the worst failure a
 * statistics tool can have.  We validate the grammar ourselves and use
 * strtod only to convert a string already known to be a plain decimal,
 * which makes the conversion correctly rounded (glibc's strtod is exact),
 * and always in the C locale: a program's LC_NUMERIC (de_DE's decimal
 * comma) would make strtod stop at the point ("2.5e-310" read as 2). */
#include "forcestat/number.h"

#include "fastfloat.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Strips ASCII blanks and UTF-8 no-break spaces (C2 A0) from both ends. */
static void trim(const char **s, size_t *n)
{
    const char *p = *s;
    size_t len = *n;
    for (;;) {
        if (len > 0 && (p[0] == ' ' || p[0] == '\t')) {
            p++;
            len--;
        } else if (len > 1 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p += 2;
            len -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) {
            len--;
        } else if (len > 1 && (unsigned char)p[len - 2] == 0xC2 &&
                   (unsigned char)p[len - 1] == 0xA0) {
            len -= 2;
        } else {
            break;
        }
    }
    *s = p;
    *n = len;
}

/* The length of the longest missing-value token, "[low]". */
#define MISSING_TOKEN_MAX 5

int fs_is_missing(const char *s, size_t n)
{
    /* The shorthand of official tables (the GSS guidance): [x] not available,
     * [c] confidential, [z] not applicable, [u] low reliability, [w] no
     * figure, [low] rounds to zero; ".." and ":" the older symbols. */
    static const char *const tokens[] = {"NA",  "N/A", "..",  ":",   "-",    "*",
                                         "[x]", "[c]", "[z]", "[u]", "[w]", "[low]"};
    /* Most cells are figures: a digit first and last is never a token. */
    if (n > 0 && s[0] >= '0' && s[0] <= '9' && s[n - 1] >= '0' && s[n - 1] <= '9')
        return 0;
    trim(&s, &n);
    if (n == 0)
        return 1;
    if (n > MISSING_TOKEN_MAX)
        return 0; /* a name or a label: longer than every token */
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
        if (strlen(tokens[i]) == n && strncasecmp(tokens[i], s, n) == 0)
            return 1;
    }
    return 0;
}

/* strtod in the C locale, whatever the calling thread's: a locale object
 * made for the call (this path is rare: the fast path takes every number
 * of up to 19 digits in the normal range), so the library keeps no
 * global state.  Should the object not be made (out of memory), the
 * thread's locale is used: right in the C locale and every locale whose
 * decimal point is '.'.  *range is set when strtod reports a range error. */
static double strtod_c(const char *s, int *range)
{
    locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = c != (locale_t)0 ? uselocale(c) : (locale_t)0;
    errno = 0;
    double v = strtod(s, NULL);
    *range = errno == ERANGE;
    if (old != (locale_t)0)
        uselocale(old);
    if (c != (locale_t)0)
        freelocale(c);
    return v;
}

/* Longest accepted field: 1,000 digits is far beyond any real value and
 * keeps the copy on the stack. */
#define NUMBER_MAX 1024

fs_field_kind_t fs_parse_number(const char *s, size_t n, double *out, const char **why)
{
    const char *dummy;
    if (why == NULL)
        why = &dummy;
    *why = NULL;
    if (fs_is_missing(s, n))
        return FS_FIELD_MISSING;
    trim(&s, &n);
    if (n >= NUMBER_MAX) {
        *why = "number too long";
        return FS_FIELD_INVALID;
    }
    char clean[NUMBER_MAX];
    size_t k = 0, i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        clean[k++] = s[i++];
    /* Integer part, with optional thousands separators: the first group has
     * 1 to 3 digits and does not begin with 0, every later group exactly 3. */
    size_t int_digits = 0, group = 0;
    int grouped = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            clean[k++] = c;
            int_digits++;
            group++;
        } else if (c == ',') {
            /* The first group has no leading zero: "0,123" and "00,001"
             * are not grouped numbers (a decimal comma, or a code). */
            int leading_zero = !grouped && group > 0 && clean[k - group] == '0';
            if (group == 0 || group > 3 || (grouped && group != 3) || leading_zero) {
                *why = "misplaced thousands separator";
                return FS_FIELD_INVALID;
            }
            grouped = 1;
            group = 0;
        } else {
            break;
        }
    }
    if (grouped && group != 3) {
        *why = "misplaced thousands separator";
        return FS_FIELD_INVALID;
    }
    size_t frac_digits = 0;
    if (i < n && s[i] == '.') {
        clean[k++] = s[i++];
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            clean[k++] = s[i];
            frac_digits++;
        }
    }
    if (int_digits + frac_digits == 0) {
        *why = "not a number";
        return FS_FIELD_INVALID;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        clean[k++] = s[i++];
        if (i < n && (s[i] == '+' || s[i] == '-'))
            clean[k++] = s[i++];
        size_t exp_digits = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            clean[k++] = s[i];
            exp_digits++;
        }
        if (exp_digits == 0) {
            *why = "exponent without digits";
            return FS_FIELD_INVALID;
        }
    }
    if (i != n) {
        *why = "not a number";
        return FS_FIELD_INVALID;
    }
    clean[k] = '\0';
    double v;
    if (fs_fast_decimal(clean, k, &v)) {
        *out = v;
        return FS_FIELD_NUMBER;
    }
    int range;
    v = strtod_c(clean, &range);
    if (range || !isfinite(v)) {
        /* glibc sets ERANGE for results that overflow, and for results that
         * underflow to zero or a subnormal: both lose the value written. */
        *why = fabs(v) > 1.0 ? "number out of range (overflow)" : "number out of range (underflow)";
        return FS_FIELD_INVALID;
    }
    *out = v;
    return FS_FIELD_NUMBER;
}

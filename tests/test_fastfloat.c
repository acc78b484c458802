/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_fastfloat.c: the exact decimal reader (fastfloat.c: Clinger's
 * fast path and Eisel and Lemire's method) identical to strtod.  300,000
 * strings made here from a fixed seed: random doubles printed with 17, 16
 * and 15 significant digits, random decimals of 1 to 19 digits with
 * exponents from -350 to 330 (so the range errors too), exact ties
 * between two doubles, and the edges of the range; then 100,000 random
 * 17-digit strings.  Each is read by fs_fast_decimal (where it answers,
 * the same bits as strtod), and by fs_parse_number (the same double, or
 * the same range error, as the strtod it replaced). */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/number.h"
#include "io/fastfloat.h"
#include "testutil.h"

static uint64_t state = 0x243F6A8885A308D3ull;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static size_t tried, answered, mismatched;

/* s against strtod: fs_fast_decimal's answer when it gives one, and
 * fs_parse_number's result always. */
static void check(const char *s)
{
    size_t n = strlen(s);
    errno = 0;
    double want = strtod(s, NULL);
    int range = errno == ERANGE || !isfinite(want);
    double got;
    tried++;
    if (fs_fast_decimal(s, n, &got)) {
        answered++;
        if (range || memcmp(&got, &want, sizeof got) != 0) {
            if (mismatched++ < 5)
                fprintf(stderr, "\n  %s: fast %.17g, strtod %.17g%s", s, got, want,
                        range ? " (a range error)" : "");
        }
    }
    double v = 0;
    fs_field_kind_t k = fs_parse_number(s, n, &v, NULL);
    int agrees = range ? k == FS_FIELD_INVALID
                       : k == FS_FIELD_NUMBER && memcmp(&v, &want, sizeof v) == 0;
    if (!agrees && mismatched++ < 5)
        fprintf(stderr, "\n  %s: fs_parse_number %d %.17g, strtod %.17g", s, (int)k, v, want);
}

static double random_double(void)
{
    for (;;) {
        uint64_t bits = next();
        double x;
        memcpy(&x, &bits, sizeof x);
        if (isfinite(x))
            return x;
    }
}

static void three_hundred_thousand(void)
{
    char s[128];
    tried = answered = mismatched = 0;
    for (int i = 0; i < 60000; i++) {
        double x = random_double();
        snprintf(s, sizeof s, "%.17g", x);
        check(s);
        snprintf(s, sizeof s, "%.16g", x);
        check(s);
        snprintf(s, sizeof s, "%.15g", x);
        check(s);
    }
    /* Random decimals: 1 to 19 digits, a point anywhere, any exponent. */
    for (int i = 0; i < 90000; i++) {
        int digits = 1 + (int)(next() % 19), point = (int)(next() % (uint64_t)(digits + 1));
        size_t k = 0;
        if (next() % 2)
            s[k++] = '-';
        for (int d = 0; d < digits; d++) {
            if (d == point && d > 0)
                s[k++] = '.';
            s[k++] = (char)('0' + next() % 10);
        }
        int e = (int)(next() % 681) - 350;
        if (next() % 4 != 0)
            k += (size_t)snprintf(s + k, sizeof s - k, "e%d", e);
        s[k] = '\0';
        check(s);
    }
    /* Exact ties between two doubles: odd multiples of half an ulp. */
    for (int i = 0; i < 20000; i++) {
        uint64_t m = (UINT64_C(1) << 53) + 2 * (next() % (UINT64_C(1) << 52)) + 1;
        int shift = (int)(next() % 11);
        snprintf(s, sizeof s, "%llu", (unsigned long long)(m << shift));
        check(s);
        /* In [2^52, 2^53) the doubles are the integers: k.5 is a tie. */
        uint64_t k = (UINT64_C(1) << 52) + next() % (UINT64_C(1) << 52);
        snprintf(s, sizeof s, "%llu.5", (unsigned long long)k);
        check(s);
    }
    /* The edges: the largest and smallest normals, subnormals, zero. */
    static const char *const edges[] = {
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
        "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "0", "-0", "0.0", "0e999", "1e-400", "1e400", "1e308",
        "1e-307", "1e-308", "9007199254740993", "9007199254740992", "9007199254740994",
        "123456789012345678", "1234567890123456789", "0.1", "0.2", "0.3", "1e23", "8.5e-5"};
    for (int r = 0; r < 1000; r++)
        for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
            check(edges[i]);
    fprintf(stderr, "(%zu strings, %zu by the fast reader) ", tried, answered);
    CU_ASSERT(tried >= 300000);
    CU_ASSERT(answered > tried * 8 / 10); /* the fast reader did the work */
    CU_ASSERT_EQUAL(mismatched, 0);
}

static void random_17_digits(void)
{
    char s[64];
    tried = answered = mismatched = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t w = 10000000000000000ull + next() % 90000000000000000ull;
        int e = (int)(next() % 600) - 316;
        snprintf(s, sizeof s, "%llue%d", (unsigned long long)w, e);
        check(s);
    }
    fprintf(stderr, "(%zu strings, %zu by the fast reader) ", tried, answered);
    CU_ASSERT(answered > tried * 9 / 10);
    CU_ASSERT_EQUAL(mismatched, 0);
}

/* Not the grammar, or beyond it: left to strtod. */
static void leaves_the_rest(void)
{
    static const char *const rest[] = {"", "+", "-", ".", "e5", "1e", "1e+", "1x", "0x10",
                                       "inf", "nan", "12345678901234567890", "1.2.3"};
    double v = 42;
    for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++)
        CU_ASSERT_EQUAL(fs_fast_decimal(rest[i], strlen(rest[i]), &v), 0);
    CU_ASSERT_EQUAL(v, 42);
    CU_ASSERT_EQUAL(fs_fast_decimal("1e-400", 6, &v), 0);  /* a range error: strtod's */
    CU_ASSERT_EQUAL(fs_fast_decimal("1e400", 5, &v), 0);
    CU_ASSERT_EQUAL(fs_fast_decimal("-0.0", 4, &v), 1);
    CU_ASSERT(v == 0 && signbit(v));
    CU_ASSERT_EQUAL(fs_fast_decimal("12.5", 4, &v), 1);
    CU_ASSERT_EQUAL(v, 12.5);
}

static int add(void)
{
    static const tu_test_t tests[] = {{"300,000 strings as strtod reads them", three_hundred_thousand},
                                      {"random 17-digit strings", random_17_digits},
                                      {"leaves the rest to strtod", leaves_the_rest},
                                      {NULL, NULL}};
    return tu_add_suite("fastfloat", tests);
}

const test_suite_t suite_fastfloat = {"fastfloat", add};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fastfloat.c: decimal text to the nearest double, exactly, without
 * strtod for the common cases.  See fastfloat.h.
 *
 * The text is read as w * 10^q with w an integer of at most 19 digits.
 *  - Clinger's fast path (1990): when w <= 2^53 and |q| <= 22, w and 10^|q|
 *    are both doubles, and one IEEE multiplication or division rounds
 *    their exact product or quotient correctly.
 *  - Otherwise Eisel and Lemire's method (Lemire, "Number parsing at a
 *    gigabyte per second", 2021): 10^q = 5^q * 2^q, and 5^q is taken from
 *    a table of 128-bit values T with 5^q ~= T * 2^e (pow5_table.h).  The
 *    product X = w * T (192 bits) gives the 53-bit significand and the
 *    rounding.  Here the rounding is decided conservatively: T is within
 *    1 of the true scaled power, so X is within w < 2^64 of the true
 *    product, and whenever the bits below the significand lie within 2^64
 *    of a rounding boundary (a chance near 2^-73) the answer is left to
 *    strtod.  When T is exact (0 <= q <= 55) X is exact, and a tie rounds
 *    to even.
 * Results that are not normal doubles above the smallest binade, or that
 * overflow, are left to strtod too, so that every range error is the C
 * library's own. */
#include "fastfloat.h"

#include <float.h>
#include <stdint.h>
#include <string.h>

#include "pow5_table.h"

const fs_pow5_t *fs_pow5_entry(int q)
{
    return q < FS_POW5_LOW || q > FS_POW5_HIGH ? NULL : &fs_pow5[q - FS_POW5_LOW];
}

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 u128;

void fs_pow5_multiply(uint64_t m, const fs_pow5_t *t, uint64_t *x)
{
    u128 p1 = (u128)m * t->hi, p0 = (u128)m * t->lo;
    u128 mid = (p0 >> 64) + (uint64_t)p1;
    x[0] = (uint64_t)p0;
    x[1] = (uint64_t)mid;
    x[2] = (uint64_t)(p1 >> 64) + (uint64_t)(mid >> 64);
}
#else
void fs_pow5_multiply(uint64_t m, const fs_pow5_t *t, uint64_t *x)
{
    (void)m, (void)t;
    x[0] = x[1] = x[2] = 0;
}
#endif

/* Clinger's path needs each operation rounded once, to double. */
#if defined(__SIZEOF_INT128__) && defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0 &&       \
    FLT_RADIX == 2 && DBL_MANT_DIG == 53
#define FS_FASTFLOAT 1
#else
#define FS_FASTFLOAT 0
#endif

#if FS_FASTFLOAT
static const double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* w * 10^q by Eisel and Lemire's method; 0 when it cannot be sure. */
static int eisel_lemire(uint64_t w, int q, int negative, double *out)
{
    const fs_pow5_t *t = fs_pow5_entry(q);
    if (t == NULL)
        return 0;
    int lz = __builtin_clzll(w);
    w <<= lz;
    uint64_t x[3];
    fs_pow5_multiply(w, t, x);
    uint64_t x0 = x[0], x1 = x[1], x2 = x[2];
    /* X = x2:x1:x0 lies in [2^190, 2^192): its top 54 bits are the
     * significand and the rounding bit; `below` bits lie under them. */
    int upper = (int)(x2 >> 63);
    int below = 137 + upper;          /* 138 or 137 */
    int top_bits = below - 128;       /* of x2, under the 54: 10 or 9 */
    uint64_t m54 = x2 >> top_bits;
    /* x2's bits under the rounding bit; x1 and x0 lie under them. */
    uint64_t ft = x2 & ((UINT64_C(1) << top_bits) - 1);
    uint64_t round_bit = m54 & 1;
    uint64_t m53 = m54 >> 1;
    /* F, the part under the 53 bits, is round_bit:ft:x1:x0; the half way
     * point is round_bit = 1 with the rest zero. */
    int up;
    if (t->exact) {
        if (!round_bit)
            up = 0;
        else if (ft != 0 || x1 != 0 || x0 != 0)
            up = 1;
        else
            up = (int)(m53 & 1); /* a tie: to even */
    } else {
        uint64_t all_ones = (UINT64_C(1) << top_bits) - 1;
        /* Within 2^64 of F = 0, of the half way point, or of the next
         * significand: too close to call. */
        if ((ft == 0 && x1 == 0) || (ft == all_ones && x1 == UINT64_MAX))
            return 0;
        up = (int)round_bit;
    }
    m53 += (uint64_t)up;
    /* value = m53 * 2^exp2 */
    int exp2 = below + 1 + t->e + q - lz;
    if (m53 == (UINT64_C(1) << 53)) {
        m53 >>= 1;
        exp2++;
    }
    int biased = exp2 + 52 + 1023;
    if (biased < 2 || biased > 2046)
        return 0; /* subnormal, the smallest binade, or overflow: strtod says */
    uint64_t bits = ((uint64_t)negative << 63) | ((uint64_t)biased << 52) |
                    (m53 & ((UINT64_C(1) << 52) - 1));
    memcpy(out, &bits, sizeof bits);
    return 1;
}
#endif

int fs_fast_decimal(const char *s, size_t n, double *out)
{
#if FS_FASTFLOAT
    size_t i = 0;
    int negative = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    uint64_t w = 0;
    int digits = 0, any = 0;
    long q = 0;
    /* Leading zeros are not significant digits. */
    for (; i < n && s[i] == '0'; i++)
        any = 1;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (++digits > 19)
            return 0;
        w = w * 10 + (uint64_t)(s[i] - '0');
        any = 1;
    }
    if (i < n && s[i] == '.') {
        i++;
        if (digits == 0)
            for (; i < n && s[i] == '0'; i++) {
                q--;
                any = 1;
            }
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (++digits > 19)
                return 0;
            w = w * 10 + (uint64_t)(s[i] - '0');
            q--;
            any = 1;
        }
    }
    if (!any)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        long e = 0;
        size_t from = i;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (e > 100000)
                return 0;
            e = e * 10 + (s[i] - '0');
        }
        if (i == from)
            return 0;
        q += eneg ? -e : e;
    }
    if (i != n)
        return 0;
    if (w == 0) {
        *out = negative ? -0.0 : 0.0;
        return 1;
    }
    if (q < -400 || q > 400)
        return 0;
    if (w <= (UINT64_C(1) << 53) && q >= -22 && q <= 22) {
        double v = (double)w;
        v = q < 0 ? v / powers_of_ten[-q] : v * powers_of_ten[q];
        *out = negative ? -v : v;
        return 1;
    }
    return eisel_lemire(w, (int)q, negative, out);
#else
    (void)s;
    (void)n;
    (void)out;
    return 0;
#endif
}

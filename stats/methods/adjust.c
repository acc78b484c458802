/* SPDX-License-Identifier: GPL-3.0-or-later */
/* adjust.c: p-values adjusted for multiple comparisons (change.h), as R's
 * p.adjust: Holm (1979) and Benjamini and Hochberg (1995). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/change.h"

const char *fs_adjust_name(fs_adjust_t method)
{
    switch (method) {
    case FS_ADJUST_NONE: return "none";
    case FS_ADJUST_HOLM: return "holm";
    case FS_ADJUST_BH: return "bh";
    }
    return "unknown";
}

fs_status_t fs_adjust_parse(const char *name, fs_adjust_t *out)
{
    static const struct {
        const char *name;
        fs_adjust_t method;
    } names[] = {{"none", FS_ADJUST_NONE},
                 {"holm", FS_ADJUST_HOLM},
                 {"bh", FS_ADJUST_BH},
                 {"BH", FS_ADJUST_BH},
                 {"fdr", FS_ADJUST_BH}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].method;
            return FS_OK;
        }
    }
    return FS_EINVAL;
}

/* The order of the p-values, ascending, ties by position: the adjusted
 * values do not depend on how ties are ordered (both procedures give
 * tied p-values the same adjusted value), but the sort is made total so
 * that nothing depends on qsort's whims. */
typedef struct ranked {
    double p;
    size_t index;
} ranked_t;

static int by_p(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* Holm: step down from the smallest, each (n - i) p_(i) (0-based i),
 * capped at 1 and never below the one before. */
static void holm(ranked_t *r, size_t n, double *adjusted)
{
    double running = 0.0;
    for (size_t i = 0; i < n; i++) {
        double v = fmin(1.0, (double)(n - i) * r[i].p);
        running = fmax(running, v);
        adjusted[r[i].index] = running;
    }
}

/* Benjamini-Hochberg: step up from the largest, each n / (i + 1) p_(i),
 * capped at 1 and never above the one after. */
static void benjamini_hochberg(ranked_t *r, size_t n, double *adjusted)
{
    double running = 1.0;
    for (size_t i = n; i-- > 0;) {
        double v = fmin(1.0, (double)n / (double)(i + 1) * r[i].p);
        running = fmin(running, v);
        adjusted[r[i].index] = running;
    }
}

fs_status_t fs_p_adjust(const double *p, size_t n, fs_adjust_t method, double *adjusted,
                        fs_error_t *err)
{
    for (size_t i = 0; i < n; i++) {
        if (!(p[i] >= 0.0 && p[i] <= 1.0))
            return fs_error_raise(err, FS_EINVAL, FS_REASON_NOT_A_NUMBER, i,
                                  "p-value %zu (%g) is not in [0, 1]", i + 1, p[i]);
    }
    if (method != FS_ADJUST_NONE && method != FS_ADJUST_HOLM && method != FS_ADJUST_BH)
        return fs_error_set(err, FS_EINVAL, "unknown adjustment method");
    if (method == FS_ADJUST_NONE || n == 0) {
        if (adjusted != p && n > 0)
            memmove(adjusted, p, n * sizeof *p);
        return FS_OK;
    }
    ranked_t *r = n <= SIZE_MAX / sizeof *r ? malloc(n * sizeof *r) : NULL;
    if (r == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory adjusting %zu p-values", n);
    for (size_t i = 0; i < n; i++) {
        r[i].p = p[i];
        r[i].index = i;
    }
    qsort(r, n, sizeof *r, by_p);
    if (method == FS_ADJUST_HOLM)
        holm(r, n, adjusted);
    else
        benjamini_hochberg(r, n, adjusted);
    free(r);
    return FS_OK;
}

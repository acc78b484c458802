/* SPDX-License-Identifier: GPL-3.0-or-later */
/* distance.c: Levenshtein distance and the near-miss limit (distance.h),
 * for "did you mean".  Built into the library (hidden) and into the
 * program's internal archive, whose tables of kinds suggest names too. */
#include "distance.h"

size_t fs_near_miss_limit(size_t n)
{
    /* A near miss is a slip of a letter or two: one edit in a short name,
     * up to one in five of a longer one. */
    return n < 10 ? 1 : (n < 15 ? 2 : n / 5);
}

size_t fs_edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t limit)
{
    if (na > FS_DISTANCE_MAX || nb > FS_DISTANCE_MAX)
        return limit + 1;
    size_t row[FS_DISTANCE_MAX + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[nb];
}

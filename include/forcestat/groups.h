/* SPDX-License-Identifier: GPL-3.0-or-later */
/* groups.h: most similar groups of forces.
 *
 * The Home Office compares each force with a "most similar group" of
 * forces with similar demographic, social and economic characteristics.
 * forcestat ships no grouping of its own (groupings change, and an
 * invented one would mislead); a user supplies one as a CSV file with a
 * force column and a group column:
 *
 *     force,group
 *     Essex,Group A
 *     Kent,Group A
 *     Surrey,Group B
 *
 * Columns named "force" and "group" are used when present, else the
 * first two.  Forces may be written in any spelling or as ONS codes; a
 * force may appear once; forces not listed have no group.
 *
 * Contract (status.h): no options.  After a failure of
 * fs_groups_from_table, *out is NULL; fs_groups_free accepts NULL.  The
 * arrays fs_groups_compare, fs_groups_band_means and
 * fs_groups_pooled_targets fill are the caller's, unspecified after a
 * failure. */
#ifndef FORCESTAT_GROUPS_H
#define FORCESTAT_GROUPS_H

#include <stddef.h>

#include "forcestat/compare.h"
#include "forcestat/dataset.h"
#include "forcestat/describe.h"
#include "forcestat/outliers.h"
#include "forcestat/registry.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fs_groups {
    int group_of[FS_FORCE_COUNT]; /* group index of each registry force, -1 for none */
    size_t ngroups;
    char **names;      /* group names, in order of first appearance */
    void *storage_;
} fs_groups_t;

/* Reads a grouping from a table.  Errors (FS_EPARSE, naming the line): a
 * name that is not a territorial force, a force listed twice, an empty
 * group; FS_EPARSE when the table has fewer than two columns. */
fs_status_t fs_groups_from_table(const fs_table_t *t, fs_groups_t **out, fs_error_t *err);
void fs_groups_free(fs_groups_t *g);

/* The group of a data row of a described table, or -1. */
int fs_groups_of_row(const fs_groups_t *g, const fs_description_t *d, size_t row);

/* For each band row k of o: the unweighted mean of the values of the
 * forces in the row's group (missing values left out), NaN when the row
 * has no group; written to group_mean[0..o->nrows-1]. */
void fs_groups_band_means(const fs_groups_t *g, const fs_description_t *d,
                          const fs_outliers_t *o, double *group_mean);

/* For each row k of c: the group's pooled figure (sum of numerators over
 * sum of denominators of its forces) with its interval, and the row's mark
 * against it.  Rows without a group get FS_MARK_MISSING and NaN. */
typedef struct fs_group_comparison {
    int group;
    fs_interval_t pooled;
    fs_mark_t mark;
} fs_group_comparison_t;

fs_status_t fs_groups_compare(const fs_groups_t *g, const fs_description_t *d,
                              const fs_comparison_t *c, fs_group_comparison_t *out,
                              fs_error_t *err);

/* For each of n units (data rows rows[k] with numerator num[k] and
 * denominator den[k]): its group's pooled figure, the sum of the
 * numerators over the sum of the denominators of the group's units that
 * have both, times scale (1 for proportions, per for rates); NaN when the
 * unit has no group or the group no denominator.  One pass over the
 * units.  Errors: FS_ENOMEM. */
fs_status_t fs_groups_pooled_targets(const fs_groups_t *g, const fs_description_t *d,
                                     const size_t *rows, const double *num, const double *den,
                                     size_t n, double scale, double *target, fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif

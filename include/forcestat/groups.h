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
 * Or as per-force peer lists, one row for each force and one of its
 * peers, as the Home Office's most similar groups are (each force has its
 * own peers; the lists overlap and need not be symmetric), and as
 * `forcestat similar` writes them:
 *
 *     force,peer
 *     Essex,Kent
 *     Essex,Hertfordshire
 *     Kent,Essex
 *
 * The layouts are told apart by the header, then by content: a column
 * named "peer" makes a peer list (its force column "force", else the
 * other of the first two); else a column named "group" makes groups;
 * else, when every cell of the second column names a territorial force,
 * the first two columns are force and peer; otherwise force and group.
 * In a peer list a force may have many rows, but each pair once, and no
 * force is its own peer.  Each force with a list has a group of its own,
 * named "peers of FORCE": the force and its peers (so a force with 7
 * peers is in a group of 8, as in the Home Office's), which every
 * comparison with "its group" then uses.  Forces with no list have no
 * group.
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
    int peer_lists; /* 1: read from per-force peer lists (group k is names[k]'s force's) */
    /* ngroups rows: members[k][f] is 1 when registry force f is in group
     * k (for groups: when group_of[f] == k; for peer lists: the force
     * and its peers). */
    unsigned char (*members)[FS_FORCE_COUNT];
} fs_groups_t;

/* Reads a grouping from a table.  Errors (FS_EPARSE, naming the line): a
 * name that is not a territorial force, a force listed twice, an empty
 * group; FS_EPARSE when the table has fewer than two columns. */
fs_status_t fs_groups_from_table(const fs_table_t *t, fs_groups_t **out, fs_error_t *err);
void fs_groups_free(fs_groups_t *g);

/* The group of a data row of a described table, or -1: for peer lists,
 * the row's force's own peer group. */
int fs_groups_of_row(const fs_groups_t *g, const fs_description_t *d, size_t row);

/* Whether a data row of a described table is a force in group `group`
 * (0 for group -1). */
int fs_groups_has_row(const fs_groups_t *g, int group, const fs_description_t *d, size_t row);

/* For each band row k of o: the unweighted mean of the values of the
 * forces in the row's group (missing values left out), NaN when the row
 * has no group; written to group_mean[0..o->nrows-1]. */
void fs_groups_band_means(const fs_groups_t *g, const fs_description_t *d,
                          const fs_outliers_t *o, double *group_mean);

/* Band row k's rank within its group, highest first: 1 + the number of
 * the group's values above its value (tied values share a rank), into
 * *rank, and the number of the group's forces with a value into *n.  Both
 * 0 when the row has no group or no value ("3rd of 8 in its peer
 * group"). */
void fs_groups_rank(const fs_groups_t *g, const fs_description_t *d, const fs_outliers_t *o,
                    size_t k, size_t *rank, size_t *n);

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

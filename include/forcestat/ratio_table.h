/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ratio_table.h: disproportionality by force, from a table of counts by
 * force and group and a table of people by force and group: each
 * group's rate per 1,000 and its rate ratio to a reference group
 * (ratio.h), per force and for England and Wales pooled, with the
 * sensitivity to the records whose group was not stated.
 *
 * England and Wales pools the rows of the forces and of British
 * Transport Police, whose searches the Home Office counts in England
 * and Wales's (it has no people of its own: its rows enter no force and
 * only England and Wales's counts), over the people of the forces
 * compared.
 *
 * Contract (status.h): no options; after a failure the fs_ratio_table_t
 * is emptied, and fs_ratio_table_free accepts it and NULL. */
#ifndef FORCESTAT_RATIO_TABLE_H
#define FORCESTAT_RATIO_TABLE_H

#include <stddef.h>

#include "forcestat/dataset.h"
#include "forcestat/describe.h"
#include "forcestat/ratio.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What to compare.  The counts table t: its force column (the
 * description's), group_col and count_col.  The population table pop:
 * pop_force_col, pop_group_col and pop_value_col. */
typedef struct fs_ratio_spec {
    size_t group_col, count_col;
    size_t pop_force_col, pop_group_col, pop_value_col;
    const char *reference;  /* the reference group's label (e.g. "White") */
    const char *not_stated; /* the label of records of no stated group; NULL: none */
    fs_rate_ratio_method_t method;
    double level;
} fs_ratio_spec_t;

typedef struct fs_ratio_row {
    int force;    /* registry index; -1 for England and Wales */
    size_t row;   /* the counts table's first row of the force (0 for E&W) */
    size_t group; /* index into fs_ratio_table_t.groups */
    fs_group_counts_t counts;
    double not_stated;   /* the force's records of no stated group */
    double stated_total; /* its records of every stated group */
    fs_group_ratio_t ratio;
    fs_not_stated_ratio_t sensitivity;
} fs_ratio_row_t;

typedef struct fs_ratio_table {
    size_t ngroups;
    const char **groups; /* the groups compared, in the order the table names them
                          * (the reference and the not-stated aside); texts of t */
    size_t nrows;
    fs_ratio_row_t *rows; /* each force in the order the table names it, a row a
                           * group, then England and Wales's rows */
    size_t nforces;
    fs_rate_ratio_method_t method;
    double level;
} fs_ratio_table_t;

/* Computes the table.  Rows of t that are no force (British Transport
 * Police aside, see above) are left out.  Errors: FS_ENOTFOUND (reason
 * FS_REASON_MISSING_VALUE) when no row of t is of the reference group
 * or no group is left to compare, when pop has no row for a force of t,
 * or none of a group for it (naming the force's line in t); FS_EPARSE
 * for a count or population that is not a number, missing, or negative,
 * and for a force and group on two rows (the second line); the errors
 * of fs_group_ratio and fs_group_ratio_not_stated, naming the force and
 * group; FS_ENOMEM.  Free with fs_ratio_table_free(). */
fs_status_t fs_ratio_compute(const fs_table_t *t, const fs_description_t *d, const fs_table_t *pop,
                             const fs_ratio_spec_t *spec, fs_ratio_table_t *out, fs_error_t *err);

void fs_ratio_table_free(fs_ratio_table_t *r);

#ifdef __cplusplus
}
#endif

#endif

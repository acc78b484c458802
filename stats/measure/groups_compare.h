/* SPDX-License-Identifier: GPL-3.0-or-later */
/* groups_compare.h (internal): each force against its most similar group,
 * for what a measure holds (fs_measure_spec_t.groups). */
#ifndef FORCESTAT_GROUPS_COMPARE_H
#define FORCESTAT_GROUPS_COMPARE_H

#include "forcestat/measure.h"

#if defined(__GNUC__)
#define FS_MEASURE_HIDDEN __attribute__((visibility("hidden")))
#else
#define FS_MEASURE_HIDDEN
#endif

/* With m's band: each band row's group mean (m->group_mean); with its
 * comparison: each row against its group pooled (m->group_comparison);
 * with its periods: each period's.  Errors: FS_ENOMEM, and an interval's
 * (fs_groups_compare).  What was made is freed by
 * fs_measure_groups_free, after an error too. */
FS_MEASURE_HIDDEN fs_status_t fs_measure_groups(fs_measure_t *m, const fs_groups_t *g,
                                                fs_error_t *err);
FS_MEASURE_HIDDEN void fs_measure_groups_free(fs_measure_t *m);

#endif

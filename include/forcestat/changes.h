/* SPDX-License-Identifier: GPL-3.0-or-later */
/* changes.h: every force's change between two periods of a long table,
 * and England and Wales's, from a measure computed with its periods.
 *
 * fs_changes_compute pairs each force's figures in the two periods
 * (fs_measure_t with FS_WANT_PERIODS, a proportion or a rate) and gives,
 * for each force and for England and Wales pooled over the forces:
 *   proportions  the difference p2 - p1 with Newcombe's hybrid score
 *                interval (fs_change_proportion);
 *   rates        the rate ratio with the exact conditional interval
 *                (fs_change_rate_ratio) and the rate difference per
 *                `per` people (fs_change_rate_difference);
 * and, for each force, its change against England and Wales's change
 * without it (fs_change_proportion_against_rest,
 * fs_change_rate_against_rest).  Each family of tests (the forces'
 * changes, the forces' changes against the rest) is adjusted for
 * multiple comparisons by the method asked for (fs_p_adjust); the
 * intervals are not adjusted.  Without adjustment a verdict is the
 * interval's (fs_contrast_verdict); with it, the adjusted p-value's
 * (fs_contrast_verdict_adjusted).
 *
 * Contract (status.h): after a failure the fs_changes_t is emptied or
 * still owns what it allocated, so fs_changes_free is always safe on it
 * (it also accepts NULL). */
#ifndef FORCESTAT_CHANGES_H
#define FORCESTAT_CHANGES_H

#include <stddef.h>

#include "forcestat/change.h"
#include "forcestat/measure.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One force's change, or England and Wales's (force -1). */
typedef struct fs_change_row {
    int force;             /* registry index; -1 for England and Wales */
    size_t row1, row2;     /* its data rows in each period's table */
    fs_two_periods_t x;    /* the counts and bases of the two periods */
    double value1, value2; /* the figures: a proportion, or a rate per `per` */
    fs_contrast_t change;  /* proportions: p2 - p1; rates: the rate ratio */
    double p_adjusted;     /* change's p-value adjusted among the forces */
    fs_verdict_t verdict;
    fs_contrast_t difference; /* rates: the rate difference per `per` (else unset) */
    /* Forces: against England and Wales's change without the force
     * (proportions: a difference of differences; rates: a ratio of rate
     * ratios); unset for England and Wales. */
    fs_contrast_t against;
    double against_p_adjusted;
    fs_verdict_t against_verdict;
} fs_change_row_t;

typedef struct fs_changes {
    int is_rate;
    double per; /* rates */
    double level;
    fs_adjust_t adjust;
    size_t period1, period2;     /* indexes into the measure's periods */
    const char *label1, *label2; /* their labels (the measure's: it must outlive them) */
    size_t n; /* forces with figures in both periods, in the second period's file order */
    fs_change_row_t *rows;
    fs_change_row_t total; /* England and Wales, pooled over those forces */
} fs_changes_t;

/* The change from period label `from` to period label `to` of m (a
 * proportion or rate measure computed with FS_WANT_PERIODS), at level
 * (the measure's intervals' level is not used) with the p-values of each
 * family adjusted by `adjust`.  Errors: FS_ENOTFOUND for a label that is
 * no period of m (the message lists the periods there are, as many as
 * fit); FS_EINVAL for the same period twice, a measure of values or
 * without periods, a table of other units (no forces), a level outside
 * (0, 1); FS_EDOM for a force with figures in one period and none in the
 * other (naming the force and the period, reason
 * FS_REASON_MISSING_VALUE, index its registry index) and for no force
 * with figures in both; the errors of the change functions (change.h);
 * FS_ENOMEM. */
fs_status_t fs_changes_compute(const fs_measure_t *m, const char *from, const char *to,
                               double level, fs_adjust_t adjust, fs_changes_t *out,
                               fs_error_t *err);

void fs_changes_free(fs_changes_t *c);

#ifdef __cplusplus
}
#endif

#endif

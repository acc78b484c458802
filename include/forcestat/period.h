/* SPDX-License-Identifier: GPL-3.0-or-later */
/* period.h: periods as people say them.
 *
 * The labels of a long table's periods are its period columns joined by
 * spaces, as written: "2018/19 4", "2022-03-31".  People read them so:
 *
 *   financial year and quarter  "2018/19 4" -> "2018/19 Q4"; when each period
 *                               is the year ending with it (a rolling year),
 *                               "year ending March 2019" (Q1 ends in June,
 *                               Q2 September, Q3 December, Q4 March)
 *   financial year              "2018/19" as written; when each period is a
 *                               year ending, "year ending March 2019" (as
 *                               its fourth quarter); on an axis as written
 *   an ISO date                 "2020-03-31" -> "31 March 2020"; when each
 *                               period is the year ending on its date,
 *                               "year ending March 2020"
 *   anything else               as written
 *
 * On an axis the words are shorter: "Mar 2019" for a rolling year, and
 * for dates "31 Mar 2020", or on a dense axis (more than 8 periods) "2020"
 * when every date falls on the same day of the year, else "Mar 2020".
 *
 * Contract (status.h): no options.  After a failure of fs_period_ticks,
 * out[] holds no string (nothing to free). */
#ifndef FORCESTAT_PERIOD_H
#define FORCESTAT_PERIOD_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The words for one period label (titles, summaries, table headers),
 * into buf; returns buf. */
char *fs_period_words(const char *label, int year_ending, char *buf, size_t size);

/* The tick labels of n periods (an axis): out[k] are new strings, freed by
 * the caller with free().  Errors: FS_ENOMEM (out then holds none). */
fs_status_t fs_period_ticks(const char *const *labels, size_t n, int year_ending, char **out,
                            fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif

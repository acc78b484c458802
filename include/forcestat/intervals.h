/* SPDX-License-Identifier: GPL-3.0-or-later */
/* intervals.h: confidence intervals for a sampled proportion and for a
 * rate (a count over a population).
 *
 * Proportions (Brown, Cai and DasGupta, "Interval estimation for a
 * binomial proportion", Statistical Science 16(2), 2001):
 *   wald             p +/- z sqrt(p(1-p)/n): what inspection reports quote
 *                    ("85.7 percent, +/- 4.9 percent" for 168 of 196)
 *   wilson           the score interval (the default; UK public-health use)
 *   agresti-coull    Wald on (k + z^2/2) / (n + z^2)
 *   clopper-pearson  exact, from beta quantiles
 *   jeffreys         equal-tailed beta(k + 1/2, n - k + 1/2) quantiles, with
 *                    lower = 0 when k = 0 and upper = 1 when k = n
 * Bounds are clipped to [0, 1]; the estimate is always k / n.
 *
 * Rates: Byar's approximation to the exact Poisson limits for the count
 * (Breslow and Day 1987), and the exact limits from chi-squared quantiles
 * when the count is under 10.
 *
 * Contract (status.h): no options, nothing allocated: an fs_interval_t is
 * a value, unspecified after a failure; fs_ci_method_parse leaves *out
 * unchanged when the name is unknown. */
#ifndef FORCESTAT_INTERVALS_H
#define FORCESTAT_INTERVALS_H

#include <stddef.h>

#include "forcestat/kind.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The methods named here; a method added later has a value of its own
 * in fs_kinds_ci_method (its row, beside its code in intervals.c) and is
 * found by name with fs_ci_method_parse. */
typedef enum fs_ci_method {
    FS_CI_WALD = 0,
    FS_CI_WILSON,
    FS_CI_AGRESTI_COULL,
    FS_CI_CLOPPER_PEARSON,
    FS_CI_JEFFREYS
} fs_ci_method_t;

/* Every method, a row each (name as typed, fs_ci_method_t value, a line
 * for the help), in the order the help lists them: the default first.
 * Parsing, the names, the help, "did you mean" and the completion all
 * read it, so a method is added by its code and its row. */
extern const fs_kind_table_t fs_kinds_ci_method;

/* The largest number of trials the exact intervals (Clopper-Pearson,
 * Jeffreys) are computed for: they agree with 60-digit references to
 * 1e-9 relative up to here (tests/reference/intervals_bign.py); beyond it
 * they are refused (FS_ELIMIT).  Wald, Wilson and Agresti-Coull have no
 * such limit: they hold their width up to the largest double. */
#define FS_CI_EXACT_MAX_TRIALS 1e18

#define FS_CI_DEFAULT_METHOD FS_CI_WILSON
#define FS_CI_DEFAULT_LEVEL 0.95

typedef struct fs_interval {
    double estimate;
    double lower, upper;
    double margin; /* half the width: (upper - lower) / 2 */
} fs_interval_t;

/* Parses a method name ("wald", "wilson", "agresti-coull",
 * "clopper-pearson", "jeffreys"); FS_EINVAL when unknown. */
fs_status_t fs_ci_method_parse(const char *name, fs_ci_method_t *out);
const char *fs_ci_method_name(fs_ci_method_t method);
/* The method as a reader names it: "Wilson score", "Wald", "Agresti-Coull",
 * "Clopper-Pearson (exact)", "Jeffreys". */
const char *fs_ci_method_label(fs_ci_method_t method);

/* The interval for k successes in n trials at confidence level `level`.
 * population: the size N of the finite population the n records were
 * sampled from (without replacement), or 0 for none; it multiplies the
 * Wald standard error by sqrt((N - n) / (N - 1)) and is refused (FS_EINVAL)
 * with the other methods, which have no such correction here.  Errors
 * (FS_EINVAL): k or n negative or not whole, n = 0, k > n, level outside
 * (0, 1), N < n or not whole, an unknown method; FS_ELIMIT: n over
 * FS_CI_EXACT_MAX_TRIALS for Clopper-Pearson or Jeffreys.  The bounds
 * returned are always finite. */
fs_status_t fs_proportion_ci(double k, double n, fs_ci_method_t method, double level,
                             double population, fs_interval_t *out, fs_error_t *err);

/* The interval for a count observed in a population, as a rate per `per`
 * people: estimate = count / population * per.  Byar's method for counts of
 * 10 and over, exact Poisson limits below.  The count may be fractional
 * (full-time equivalents), in which case the limits are those of the
 * continuous extension.  Errors (FS_EINVAL): count < 0, population <= 0,
 * per <= 0, level outside (0, 1), any of them not finite; FS_EDOM: a rate
 * or bound beyond the largest double (1.8e308), as count 1e200 over a
 * population of 1e-200.  The bounds returned are always finite. */
fs_status_t fs_rate_ci(double count, double population, double per, double level,
                       fs_interval_t *out, fs_error_t *err);

/* Whether the interval is symmetric about its estimate (to 1e-9 of its
 * width): only then does "estimate +/- margin" describe it.  Wald's is,
 * unless clipped at 0 or 1; Wilson's, Clopper-Pearson's and the others
 * are not. */
int fs_interval_symmetric(const fs_interval_t *ci);

#ifdef __cplusplus
}
#endif

#endif

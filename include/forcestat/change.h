/* SPDX-License-Identifier: GPL-3.0-or-later */
/* change.h: has a force's figure changed between two periods, and has it
 * changed more than England and Wales's?
 *
 * Each function compares period 1 (the earlier) with period 2 and returns
 * a contrast: a difference (period 2 minus period 1) or a ratio (period 2
 * over period 1), its interval at the level asked for, and the two-sided
 * p-value of the test that interval inverts, so that the interval
 * excludes the null value (0 for a difference, 1 for a ratio) exactly
 * when p < 1 - level, up to rounding at the boundary.
 *
 *   proportions   the difference p2 - p1, Newcombe's hybrid score
 *                 interval (Newcombe 1998, method 10)
 *   rates         the rate ratio with the exact conditional interval
 *                 (default) or Katz's log interval; the rate difference
 *                 with its Wald interval
 *   against the rest of England and Wales
 *                 a difference of differences (proportions, by MOVER) or
 *                 a ratio of rate ratios (rates, log scale)
 *
 * A figure that is not defined (0 over 0, a count over a zero count) is
 * said so by the contrast's `defined` field, never by an infinity or a
 * NaN: every number a function returns with FS_OK is finite.
 *
 * fs_p_adjust (adjust.c) adjusts a set of p-values for multiple
 * comparisons (Holm, Benjamini-Hochberg), as R's p.adjust does.
 *
 * Contract (status.h): no options.  A contrast is a value, unspecified
 * after a failure; fs_p_adjust's output array is the caller's,
 * unspecified after a failure. */
#ifndef FORCESTAT_CHANGE_H
#define FORCESTAT_CHANGE_H

#include <stddef.h>

#include "forcestat/funnel.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether a contrast's figures hold. */
typedef enum fs_definition {
    FS_DEFINED = 0,     /* estimate, lower and upper all hold */
    FS_UNBOUNDED_ABOVE, /* a positive count over a zero count: the estimate
                         * and the upper bound are infinite, only lower
                         * holds (estimate and upper are 0) */
    FS_NOT_DEFINED      /* nothing holds (0 over 0, or a zero count in a
                         * variance the method needs); all figures are 0 and
                         * the p-value is 1 */
} fs_definition_t;

/* A difference or a ratio with its interval and p-value. */
typedef struct fs_contrast {
    fs_definition_t defined;
    double estimate;
    double lower, upper;
    double p_value; /* two-sided, in [0, 1]; an inverted interval's p below
                     * 1.2e-299 (z over 37) is reported as 0 */
} fs_contrast_t;

/* Two periods' figures: count1 of base1 in period 1, count2 of base2 in
 * period 2.  The base is the trials of a proportion or the population (or
 * person-time) of a rate. */
typedef struct fs_two_periods {
    double count1, base1;
    double count2, base2;
} fs_two_periods_t;

typedef enum fs_verdict {
    FS_VERDICT_NO_CHANGE = 0, /* the interval holds the null value */
    FS_VERDICT_INCREASE,      /* wholly above it */
    FS_VERDICT_DECREASE,      /* wholly below it */
    FS_VERDICT_NOT_DEFINED    /* the contrast is not defined */
} fs_verdict_t;

typedef enum fs_rate_ratio_method {
    FS_RATE_RATIO_EXACT = 0, /* exact conditional (the default) */
    FS_RATE_RATIO_KATZ       /* Katz's log interval */
} fs_rate_ratio_method_t;

typedef enum fs_adjust { FS_ADJUST_NONE = 0, FS_ADJUST_HOLM, FS_ADJUST_BH } fs_adjust_t;

/* The largest total count (count1 + count2) the exact conditional rate
 * ratio is computed for: its p-value sums binomial terms, about 9
 * standard deviations' worth (4.5 million here); beyond it FS_ELIMIT. */
#define FS_CHANGE_EXACT_MAX_TOTAL 1e12

/* The change in a proportion, p2 - p1 with p = count / base, and
 * Newcombe's hybrid score interval for it (R. G. Newcombe, "Interval
 * estimation for the difference between independent proportions:
 * comparison of eleven methods", Statistics in Medicine 17, 1998,
 * 873-890, method 10, without continuity correction), as statsmodels'
 * confint_proportions_2indep(compare="diff", method="newcomb"): with
 * (l_i, u_i) the Wilson score interval of p_i at the same level and
 * d = p2 - p1,
 *     lower = d - sqrt((p2 - l2)^2 + (u1 - p1)^2)
 *     upper = d + sqrt((u2 - p2)^2 + (p1 - l1)^2).
 * The p-value is that of the test the interval inverts: 2 (1 - Phi(z*))
 * with z* the normal quantile at which the bound nearer 0 reaches 0 (1
 * when d = 0).  Always defined.  Errors (FS_EINVAL): a count or base not
 * a whole number >= 0, a base of 0, a count above its base, a level
 * outside (0, 1). */
fs_status_t fs_change_proportion(const fs_two_periods_t *x, double level, fs_contrast_t *out,
                                 fs_error_t *err);

/* The rate ratio R = (count2 / base2) / (count1 / base1).
 *
 * Exact conditional (FS_RATE_RATIO_EXACT): given the total T = count1 +
 * count2, count2 is binomial(T, pi) with pi = base2 R / (base1 + base2 R)
 * (Breslow and Day, "Statistical methods in cancer research II", IARC
 * 1987, chapter 2, on comparing two rates), so the Clopper-Pearson bounds (pL, pU) on pi give
 *     lower = pL / (1 - pL) * base1 / base2,  upper = pU / (1 - pU) * base1 / base2,
 * each 1 - p taken as the Clopper-Pearson bound of count1 in T (the same
 * number, without the digits 1 - p loses).  The p-value is the exact
 * conditional binomial test at pi0 = base2 / (base1 + base2), central:
 * min(1, 2 min(P(X <= count2), P(X >= count2))), which the interval
 * inverts.  count1 = 0 < count2: FS_UNBOUNDED_ABOVE (the lower bound
 * holds).  Counts must be whole.
 *
 * Katz (FS_RATE_RATIO_KATZ; D. Katz, J. Baptista, S. P. Azen and M. C.
 * Pike, "Obtaining confidence intervals for the risk ratio in cohort
 * studies", Biometrics 34, 1978, 469-474, applied to counts):
 *     exp(log R -/+ z sqrt(1 / count1 + 1 / count2)),
 * p = 2 (1 - Phi(|log R| / se)), the Wald test on the log scale.  Not
 * defined when either count is 0.  Counts may be fractional.
 *
 * Both counts 0: FS_NOT_DEFINED.  Errors (FS_EINVAL): a count negative,
 * not finite (or not whole for the exact method), a base not > 0 or not
 * finite, a level outside (0, 1), an unknown method; FS_ELIMIT: a total
 * over FS_CHANGE_EXACT_MAX_TOTAL for the exact method; FS_EDOM: a bound
 * beyond the largest double. */
fs_status_t fs_change_rate_ratio(const fs_two_periods_t *x, fs_rate_ratio_method_t method,
                                 double level, fs_contrast_t *out, fs_error_t *err);

/* The rate difference (count2 / base2 - count1 / base1) * per with its
 * Wald interval, d -/+ z se, se = per sqrt(count1 / base1^2 + count2 /
 * base2^2) (the Poisson variance of each count), and p = 2 (1 -
 * Phi(|d| / se)), the Wald test.  Both counts 0: FS_NOT_DEFINED (no
 * variance).  Errors (FS_EINVAL): a count negative or not finite, a base
 * or per not > 0 or not finite, a level outside (0, 1); FS_EDOM: a
 * figure beyond the largest double. */
fs_status_t fs_change_rate_difference(const fs_two_periods_t *x, double per, double level,
                                      fs_contrast_t *out, fs_error_t *err);

/* A force's change in a proportion against England and Wales's change
 * without it: D = d_force - d_rest, the rest being total minus force in
 * each period (total is England and Wales with the force).  Its interval
 * is MOVER (G. Y. Zou and A. Donner, "Construction of confidence limits
 * about effect measures: a general approach", Statistics in Medicine 27,
 * 2008, 1693-1702) on the two Newcombe intervals (l, u) above:
 *     lower = D - sqrt((d_force - l_force)^2 + (u_rest - d_rest)^2)
 *     upper = D + sqrt((u_force - d_force)^2 + (d_rest - l_rest)^2),
 * chosen over the normal approximation with the four binomial variances
 * because that one collapses to zero width when a force's proportions
 * are 0 or 1 in both periods, and because MOVER on Wilson intervals is
 * exactly how Newcombe's interval is built, so the two intervals agree in
 * kind.  The p-value inverts it, as for fs_change_proportion.  Errors
 * (FS_EINVAL): as fs_change_proportion for both, a force's count or base
 * above the total's, no trials left in the rest in a period. */
fs_status_t fs_change_proportion_against_rest(const fs_two_periods_t *force,
                                              const fs_two_periods_t *total, double level,
                                              fs_contrast_t *out, fs_error_t *err);

/* A force's change in a rate against England and Wales's change without
 * it: the ratio of the force's rate ratio to the rest's, on the log scale
 * with the Katz-type variance of the four counts (Altman and Bland,
 * "Interaction revisited: the difference between two estimates", BMJ 326,
 * 2003, 219):
 *     exp(log(R_force / R_rest) -/+ z sqrt(1/a1 + 1/a2 + 1/b1 + 1/b2)),
 * a the force's counts, b the rest's; p = 2 (1 - Phi(|log| / se)).  Not
 * defined when any of the four counts is 0.  Errors (FS_EINVAL): counts
 * or bases as fs_change_rate_difference, a force's count or base above
 * the total's, no population left in the rest in a period; FS_EDOM: a
 * bound beyond the largest double. */
fs_status_t fs_change_rate_against_rest(const fs_two_periods_t *force,
                                        const fs_two_periods_t *total, double level,
                                        fs_contrast_t *out, fs_error_t *err);

/* The verdict of a contrast against null_value (0 for a difference, 1 for
 * a ratio): increase when its interval lies wholly above, decrease when
 * wholly below, no change otherwise; FS_VERDICT_NOT_DEFINED when the
 * contrast is not defined.  An FS_UNBOUNDED_ABOVE contrast is an
 * increase when its lower bound is above null_value. */
fs_verdict_t fs_contrast_verdict(const fs_contrast_t *c, double null_value);

/* A funnel plot's limits for a change at `size` (a force's later
 * denominator or population, standing for both of its periods' bases),
 * around England and Wales's change, from `national` (England and
 * Wales's counts and bases), at `level` (0.95, 0.998), into *lower and
 * *upper:
 *   proportions (is_rate 0): the difference d = p2 - p1, p = count /
 *     base, -/+ z se with the standard error of a difference of two
 *     independent proportions, each of `size` trials,
 *         se = sqrt((p1 (1 - p1) + p2 (1 - p2)) / size),
 *     the limits held within [-1, 1];
 *   rates (is_rate 1): the rate ratio R = r2 / r1, r = count / base, as
 *     exp(log R -/+ z se) with the standard error of a log rate ratio
 *     at the expected counts E1 = r1 size and E2 = r2 size,
 *         se = sqrt(1 / E1 + 1 / E2);
 * z the normal quantile of (1 + level) / 2.  Errors (FS_EINVAL): a size
 * not > 0 or not finite, a level outside (0, 1), national's counts and
 * bases as fs_change_proportion or fs_change_rate_difference refuse them;
 * FS_EDOM: a rate with a count of 0 (no ratio, no limits). */
fs_status_t fs_change_funnel_limits(const fs_two_periods_t *national, int is_rate, double size,
                                    double level, double *lower, double *upper, fs_error_t *err);

/* The over-dispersion of forces' changes about England and Wales's, for
 * a funnel of changes (D. J. Spiegelhalter, "Handling over-dispersion of
 * performance indicators", Quality and Safety in Health Care 14, 2005,
 * 347-351, applied to a change as funnel.h applies it to a level).  Each
 * force's change is put on the funnel's scale, the difference d = p2 - p1
 * (proportions) or the log of the rate ratio (rates), and its z-score
 * taken against England and Wales's change with the standard error of
 * fs_change_funnel_limits at its size, z = (y - y0) / se; the z-scores
 * are winsorised at 10% in each tail (those beyond the 10th and 90th
 * percentiles set to them) and phi = the mean of their squares;
 * tau^2 = (n phi - (n - 1)) / (sum w - sum w^2 / sum w), w = 1 / se^2,
 * floored at 0; overdispersed when n phi passes the 95th percentile of
 * chi-squared on n - 1 degrees of freedom. */
typedef struct fs_change_dispersion {
    fs_overdispersion_t method; /* how the limits are widened */
    double phi;                 /* from the winsorised z-scores */
    double tau2;                /* on the funnel's scale (a difference, a log ratio) */
    int overdispersed;
    size_t n; /* the forces counted */
} fs_change_dispersion_t;

/* Fits *out from n forces' changes change[i] (a difference p2 - p1 of
 * proportions, or a rate ratio) at their sizes size[i] (as
 * fs_change_funnel_limits's), around national, with method kept for
 * fs_change_funnel_limits_adjusted.  A NaN change (not defined) is left
 * out, as is a rate ratio of 0 or less (it has no log).  Errors
 * (FS_EINVAL): fewer than 2 forces counted, a size not > 0 or not finite,
 * a method not one of the enum's, national as fs_change_funnel_limits;
 * FS_EDOM: a rate with a national count of 0, a z-score or phi beyond
 * double precision. */
fs_status_t fs_change_funnel_dispersion(const fs_two_periods_t *national, int is_rate,
                                        const double *change, const double *size, size_t n,
                                        fs_overdispersion_t method, fs_change_dispersion_t *out,
                                        fs_error_t *err);

/* fs_change_funnel_limits widened as disp says (NULL: not widened):
 * FS_OVERDISPERSION_MULTIPLICATIVE, when phi > 1, y0 -/+ z sqrt(phi) se;
 * FS_OVERDISPERSION_ADDITIVE, y0 -/+ z sqrt(se^2 + tau^2); on the
 * difference's scale or the log ratio's, as fs_change_funnel_limits.
 * Errors: those of fs_change_funnel_limits. */
fs_status_t fs_change_funnel_limits_adjusted(const fs_two_periods_t *national, int is_rate,
                                             double size, double level,
                                             const fs_change_dispersion_t *disp, double *lower,
                                             double *upper, fs_error_t *err);

/* The verdict with an adjusted p-value (fs_p_adjust): a change when
 * adjusted_p < 1 - level, its direction that of the estimate against
 * null_value; FS_VERDICT_NOT_DEFINED when the contrast is not defined. */
fs_verdict_t fs_contrast_verdict_adjusted(const fs_contrast_t *c, double null_value,
                                          double adjusted_p, double level);

/* "significant increase", "no significant change", "significant
 * decrease", "not defined"; "unknown" for a value out of range. */
const char *fs_verdict_name(fs_verdict_t verdict);

/* "none", "holm", "bh"; "unknown" for a value out of range. */
const char *fs_adjust_name(fs_adjust_t method);
/* Parses "none", "holm", "bh" (or "BH", "fdr" as R's p.adjust does);
 * FS_EINVAL when unknown, *out unchanged. */
fs_status_t fs_adjust_parse(const char *name, fs_adjust_t *out);

/* Adjusts the n p-values p[0..n) for multiple comparisons into
 * adjusted[0..n) (which may be p itself), as R's p.adjust:
 *   FS_ADJUST_NONE  a copy;
 *   FS_ADJUST_HOLM  S. Holm, "A simple sequentially rejective multiple
 *                   test procedure", Scandinavian Journal of Statistics
 *                   6, 1979, 65-70: with p sorted ascending, p_(i) ->
 *                   max over j <= i of min(1, (n - j + 1) p_(j));
 *   FS_ADJUST_BH    Y. Benjamini and Y. Hochberg, "Controlling the false
 *                   discovery rate", JRSS B 57, 1995, 289-300: p_(i) ->
 *                   min over j >= i of min(1, n / j p_(j)).
 * Contrasts that are not defined have no test: leave them out (as R
 * leaves out NA).  Errors (FS_EINVAL): a p-value outside [0, 1] or NaN
 * (its index in err), an unknown method; FS_ENOMEM. */
fs_status_t fs_p_adjust(const double *p, size_t n, fs_adjust_t method, double *adjusted,
                        fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif

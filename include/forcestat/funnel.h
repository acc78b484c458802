/* SPDX-License-Identifier: GPL-3.0-or-later */
/* funnel.h: funnel plots for comparing forces of very different sizes.
 *
 * After D. J. Spiegelhalter, "Funnel plots for comparing institutional
 * performance", Statistics in Medicine 24 (2005) 1185-1202, and "Handling
 * over-dispersion of performance indicators", Quality and Safety in
 * Health Care 14 (2005) 347-351.
 *
 * A force's figure y = numerator / denominator is compared with a target
 * theta (by default England and Wales pooled over the forces) through
 * control limits that depend on the denominator: exact binomial
 * (proportions) or Poisson (rates) limits, interpolated as in the 2005
 * paper's appendix, at the chosen levels (95% and 99.8% by default).
 *
 * Over-dispersion: z = (y - theta) / s with s the standard error under
 * the target; z is winsorised at 10% in each tail (values beyond the
 * 10th and 90th percentiles set to them) and phi = mean of the squared
 * winsorised z.  Multiplicative: limits theta +/- z_a sqrt(phi) s when
 * phi > 1.  Additive (random effects): tau^2 = (n phi - (n - 1)) /
 * (sum w - sum w^2 / sum w) with w = 1/s^2, floored at 0; limits theta +/-
 * z_a sqrt(s^2 + tau^2).  The data look over-dispersed when n phi exceeds
 * the 95th percentile of chi-squared with n - 1 degrees of freedom.
 *
 * Contract (status.h): opt may be NULL in fs_funnel_fit
 * (fs_funnel_options_init's defaults).  An fs_funnel_t owns no memory; it
 * is zeroed at the start of fs_funnel_fit, so after a failure it holds
 * no fit (n is 0). */
#ifndef FORCESTAT_FUNNEL_H
#define FORCESTAT_FUNNEL_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_funnel_type { FS_FUNNEL_PROPORTION = 0, FS_FUNNEL_RATE } fs_funnel_type_t;

typedef enum fs_overdispersion {
    FS_OVERDISPERSION_NONE = 0,
    FS_OVERDISPERSION_MULTIPLICATIVE,
    FS_OVERDISPERSION_ADDITIVE
} fs_overdispersion_t;

/* Flags, the most extreme that applies (inner level first in levels[]). */
typedef enum fs_funnel_flag {
    FS_FUNNEL_MISSING = 0,
    FS_FUNNEL_LOW_OUTER,  /* below the outer (99.8%) lower limit */
    FS_FUNNEL_LOW_INNER,  /* below the inner (95%) lower limit */
    FS_FUNNEL_WITHIN,
    FS_FUNNEL_HIGH_INNER,
    FS_FUNNEL_HIGH_OUTER
} fs_funnel_flag_t;

typedef struct fs_funnel_options {
    fs_funnel_type_t type;
    double per;          /* rates: per this many (default 1000); proportions: 1 */
    double levels[2];    /* inner and outer, default 0.95 and 0.998 */
    fs_overdispersion_t overdispersion;
    int has_target;      /* 0: pooled over the units */
    double target;       /* on the reported scale (proportion, or rate per `per`) */
} fs_funnel_options_t;

void fs_funnel_options_init(fs_funnel_options_t *o);

typedef struct fs_funnel {
    fs_funnel_options_t opt;
    double theta;  /* the target, per person (rates) or as a proportion */
    double target; /* the target on the reported scale */
    double phi;    /* over-dispersion factor from winsorised z */
    double tau2;   /* additive between-force variance (0 when phi <= (n-1)/n) */
    int overdispersed;
    size_t n;      /* units with both values */
} fs_funnel_t;

/* Fits the funnel to n units (NaN marks a missing value; such units are
 * left out).  Proportions need whole numerators <= denominators;
 * rates need counts >= 0 and populations > 0.  Errors (FS_EDOM with the
 * unit's index, FS_EINVAL for options): fewer than 2 units, a target
 * outside (0, 1) for proportions or <= 0 for rates, levels not in (0, 1)
 * or not increasing, a type or over-dispersion that is not one of the
 * enums', an infinite value, a unit whose figure (a rate's count over
 * its population, per `per`) passes the largest double (1.8e308), or an
 * over-dispersion phi or tau^2 beyond it.  Denominators up to the largest
 * double are taken (1e305 about a target of 1e-302). */
fs_status_t fs_funnel_fit(const double *numerator, const double *denominator, size_t n,
                          const fs_funnel_options_t *opt, fs_funnel_t *out, fs_error_t *err);

/* The control limits at a denominator for a level, on the reported scale,
 * with the fitted over-dispersion adjustment.  The exact limits are summed
 * term by term when the count's SD is under 2,000 (at most 201,000 terms);
 * otherwise, or should a term not be finite, the normal limits.  Finite
 * for every denominator of a fit that succeeded. */
void fs_funnel_limits(const fs_funnel_t *f, double denominator, double level, double *lower,
                      double *upper);

/* A unit's z-score (adjusted as the over-dispersion option says) and
 * flag; NaN and FS_FUNNEL_MISSING for a missing unit. */
double fs_funnel_z(const fs_funnel_t *f, double numerator, double denominator);
fs_funnel_flag_t fs_funnel_flag(const fs_funnel_t *f, double numerator, double denominator);

/* The unadjusted z of a unit against another target (on the reported
 * scale), e.g. its most similar group's pooled figure. */
double fs_funnel_z_at(const fs_funnel_t *f, double target, double numerator, double denominator);

/* "missing", "low-99.8", "low-95", "within", "high-95", "high-99.8" (with
 * the actual levels). */
void fs_funnel_flag_name(const fs_funnel_t *f, fs_funnel_flag_t flag, char *buf, size_t size);

const char *fs_overdispersion_name(fs_overdispersion_t o);

/* A unit's figure on the reported scale: num / den, times per for rates. */
double fs_funnel_value(const fs_funnel_t *f, double num, double den);

#ifdef __cplusplus
}
#endif

#endif

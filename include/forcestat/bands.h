/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bands.h: the outlier band HMICFRS draws on its bar charts.
 *
 * The method ("About the data", HMICFRS PEEL reports): the unweighted mean
 * across forces with lines one standard deviation above and below it.
 * When the values do not look normal, logs are taken and a Shapiro-Wilk
 * test decides whether the logged values give the better estimate.  The
 * reports leave the exact rule open; this module fixes it:
 *
 * 1. Values are the forces' (NaN marks a missing value; it is left out).
 * 2. Shapiro-Wilk on the raw values: if p >= alpha, the scale is raw.
 * 3. Otherwise, if every value is > 0, Shapiro-Wilk on the natural logs.
 *    Rule "more-normal" (default): log scale when p_log > p_raw.  Rule
 *    "passes": log scale when p_log >= alpha.  Otherwise raw.  With any
 *    value <= 0 the log path is impossible and the scale stays raw.
 * 4. On the chosen scale y: centre m = mean(y), s = sample SD (n - 1).
 *    Raw: lines at m - s, m + s.  Log: exp(m - s), exp(m + s), centre
 *    exp(m) (the geometric mean), asymmetric in original units.
 * 5. z = (y - m) / s; "above" when z > 1, "below" when z < -1, else
 *    "within"; no value: "missing".
 *
 * Contract (status.h): opt may be NULL in fs_band_compute and
 * fs_band_explain (fs_band_options_init's defaults).  The band is a value:
 * it owns no memory, and after a failure its fields are unspecified. */
#ifndef FORCESTAT_BANDS_H
#define FORCESTAT_BANDS_H

#include <stddef.h>

#include "forcestat/status.h"
#include "forcestat/swilk.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_scale { FS_SCALE_RAW = 0, FS_SCALE_LOG } fs_scale_t;

typedef enum fs_log_rule {
    FS_LOG_RULE_MORE_NORMAL = 0, /* logs when p_log > p_raw */
    FS_LOG_RULE_PASSES           /* logs when p_log >= alpha */
} fs_log_rule_t;

/* Which way the normality check went. */
typedef enum fs_band_path {
    FS_PATH_RAW_NORMAL = 0,  /* raw values pass: p_raw >= alpha */
    FS_PATH_LOG_CHOSEN,      /* raw values fail; the logs are chosen */
    FS_PATH_LOG_NOT_BETTER,  /* raw values fail; the logs were not better */
    FS_PATH_LOG_IMPOSSIBLE   /* raw values fail; some value <= 0, no logs */
} fs_band_path_t;

typedef enum fs_flag { FS_FLAG_MISSING = 0, FS_FLAG_BELOW, FS_FLAG_WITHIN, FS_FLAG_ABOVE } fs_flag_t;

typedef struct fs_band_options {
    double alpha;           /* significance level, default 0.05 */
    fs_log_rule_t log_rule; /* default FS_LOG_RULE_MORE_NORMAL */
} fs_band_options_t;

void fs_band_options_init(fs_band_options_t *o);

typedef struct fs_band {
    size_t n;             /* values used */
    size_t n_missing;     /* NaN values left out */
    size_t n_nonpositive; /* values <= 0 (they rule out logs) */
    fs_scale_t scale;
    fs_band_path_t path;
    double mean, sd;             /* on the chosen scale */
    double unit;                 /* raw scale: the power of two the values were divided
                                    by before summing (1 on the log scale) */
    double centre, lower, upper; /* in original units */
    fs_swilk_t shapiro_raw;
    fs_swilk_t shapiro_log; /* valid when has_shapiro_log */
    int has_shapiro_log;
} fs_band_t;

/* Computes the band over x[0..n-1] (NaN = missing).  Errors (FS_EDOM):
 * fewer than 3 values, more than 5000 (the Shapiro-Wilk limit), all
 * values equal (no spread, so no band), a non-finite value other than
 * NaN, a band whose lines are beyond double precision.  The result does
 * not depend on the unit: values times 1e300 or 1e-300 give the same
 * flags and z; any band that fits in a double is computed (one value of
 * -1e308 among small ones has lines near -1.8e307 and 1.3e307).  FS_EINVAL:
 * alpha not in (0, 1), a log rule that is not one of the enum's.
 * FS_ENOMEM. */
fs_status_t fs_band_compute(const double *x, size_t n, const fs_band_options_t *opt,
                            fs_band_t *band, fs_error_t *err);

/* z of a value against the band, on the band's scale; NaN when x is NaN,
 * or x <= 0 on the log scale. */
double fs_band_z(const fs_band_t *band, double x);

/* The flag for a z (NaN: missing). */
fs_flag_t fs_band_flag(double z);

/* "missing", "below", "within", "above". */
const char *fs_flag_name(fs_flag_t flag);
/* "raw", "log". */
const char *fs_scale_name(fs_scale_t scale);
/* "more-normal", "passes". */
const char *fs_log_rule_name(fs_log_rule_t rule);
/* "raw-normal", "log-chosen", "log-not-better", "log-impossible". */
const char *fs_band_path_name(fs_band_path_t path);

/* One sentence saying which way the normality check went and why, in
 * plain English, written into buf (always NUL-terminated). */
void fs_band_explain(const fs_band_t *band, const fs_band_options_t *opt, char *buf,
                     size_t size);

#ifdef __cplusplus
}
#endif

#endif

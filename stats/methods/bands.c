/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bands.c: mean +/- 1 SD outlier lines with the Shapiro-Wilk log check. */
#include "forcestat/bands.h"

#include <gsl/gsl_statistics_double.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void fs_band_options_init(fs_band_options_t *o)
{
    o->alpha = 0.05;
    o->log_rule = FS_LOG_RULE_MORE_NORMAL;
}

/* The raw values v (all positive) fail the normality test: takes their
 * logs, and the log scale when the rule prefers it (v then holds the logs),
 * setting b's log test, path and scale. */
static fs_status_t band_try_log(double *v, const fs_band_options_t *opt, fs_band_t *b,
                                fs_error_t *err)
{
    fs_status_t st;
    double *logs = malloc(b->n * sizeof *logs);
    if (logs == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < b->n; i++)
        logs[i] = log(v[i]);
    st = fs_swilk(logs, 1, b->n, &b->shapiro_log, err);
    if (st == FS_OK) {
        b->has_shapiro_log = 1;
        int use_log = opt->log_rule == FS_LOG_RULE_PASSES
                          ? b->shapiro_log.p >= opt->alpha
                          : b->shapiro_log.p > b->shapiro_raw.p;
        if (use_log) {
            b->scale = FS_SCALE_LOG;
            b->path = FS_PATH_LOG_CHOSEN;
            for (size_t i = 0; i < b->n; i++)
                v[i] = logs[i];
        } else {
            b->path = FS_PATH_LOG_NOT_BETTER;
        }
    } else if (st == FS_EDOM) {
        /* Distinct positive values whose logs round to one value
         * (a spread below 1e-16 relative): the logs carry no
         * information, so stay raw. */
        st = FS_OK;
        b->path = FS_PATH_LOG_NOT_BETTER;
    }
    free(logs);
    return st;
}

/* The mean and SD of v (on b's scale) and the band's lines, into b;
 * returns the SD in the unit the values were divided by. */
static double band_lines(double *v, fs_band_t *b)
{
    /* The raw values are divided by a power of two near the largest (an
     * exact operation) before anything is summed, so squares neither
     * overflow (values near 1e300) nor underflow (near 1e-300): a pure
     * change of unit never changes a flag.  The log scale needs no unit.
     * GSL's mean is a running recurrence and its SD a two-pass sum about
     * that mean: both accurate for data far from zero. */
    b->unit = 1.0;
    if (b->scale == FS_SCALE_RAW) {
        double largest = 0.0;
        for (size_t i = 0; i < b->n; i++)
            largest = fmax(largest, fabs(v[i]));
        int e;
        frexp(largest, &e);
        b->unit = ldexp(1.0, e);
        if (isinf(b->unit)) /* the largest values (2^1023 and up): one power lower */
            b->unit = ldexp(1.0, e - 1);
        for (size_t i = 0; i < b->n; i++)
            v[i] /= b->unit;
    }
    double mean_u = gsl_stats_mean(v, 1, b->n);
    double sd_u = gsl_stats_sd_m(v, 1, b->n, mean_u);
    b->mean = mean_u * b->unit;
    b->sd = sd_u * b->unit;
    if (b->scale == FS_SCALE_LOG) {
        b->centre = exp(b->mean);
        b->lower = exp(b->mean - b->sd);
        b->upper = exp(b->mean + b->sd);
    } else {
        b->centre = b->mean;
        b->lower = (mean_u - sd_u) * b->unit;
        b->upper = (mean_u + sd_u) * b->unit;
    }
    return sd_u;
}

fs_status_t fs_band_compute(const double *x, size_t n, const fs_band_options_t *opt,
                            fs_band_t *band, fs_error_t *err)
{
    fs_band_options_t defaults;
    if (opt == NULL) {
        fs_band_options_init(&defaults);
        opt = &defaults;
    }
    if (!(opt->alpha > 0.0 && opt->alpha < 1.0))
        return fs_error_set(err, FS_EINVAL, "alpha must be strictly between 0 and 1");
    if (opt->log_rule != FS_LOG_RULE_MORE_NORMAL && opt->log_rule != FS_LOG_RULE_PASSES)
        return fs_error_set(err, FS_EINVAL, "unknown log rule %d", (int)opt->log_rule);
    fs_band_t b = {0};
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (v == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_status_t st = FS_OK;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i])) {
            b.n_missing++;
            continue;
        }
        if (!isfinite(x[i])) {
            st = fs_error_raise(err, FS_EDOM, FS_REASON_NOT_FINITE, i, "value %zu is infinite",
                                i + 1);
            goto cleanup;
        }
        b.n_nonpositive += x[i] <= 0.0;
        v[b.n++] = x[i];
    }
    if (b.n < 3) {
        st = fs_error_raise(err, FS_EDOM, FS_REASON_TOO_FEW, FS_ERROR_NO_INDEX,
                            "a band needs at least 3 values, got %zu", b.n);
        goto cleanup;
    }
    int all_equal = 1;
    for (size_t i = 1; i < b.n && all_equal; i++)
        all_equal = v[i] == v[0];
    if (all_equal) {
        st = fs_error_raise(err, FS_EDOM, FS_REASON_ALL_EQUAL, FS_ERROR_NO_INDEX,
                            "all %zu values are equal (%g): there is no spread, so no band", b.n,
                          v[0]);
        goto cleanup;
    }
    if ((st = fs_swilk(v, 1, b.n, &b.shapiro_raw, err)) != FS_OK)
        goto cleanup;
    b.scale = FS_SCALE_RAW;
    if (b.shapiro_raw.p >= opt->alpha) {
        b.path = FS_PATH_RAW_NORMAL;
    } else if (b.n_nonpositive > 0) {
        b.path = FS_PATH_LOG_IMPOSSIBLE;
    } else if ((st = band_try_log(v, opt, &b, err)) != FS_OK) {
        goto cleanup;
    }
    double sd_u = band_lines(v, &b);
    if (!(isfinite(b.centre) && isfinite(b.lower) && isfinite(b.upper) && sd_u > 0.0)) {
        st = fs_error_set(err, FS_EDOM,
                          "the band is beyond double precision (its lines pass %g): rescale "
                          "the values",
                          DBL_MAX);
        goto cleanup;
    }
    *band = b;
cleanup:
    free(v);
    return st;
}

double fs_band_z(const fs_band_t *band, double x)
{
    if (isnan(x))
        return NAN;
    if (band->scale == FS_SCALE_LOG) {
        if (!(x > 0.0))
            return NAN;
        x = log(x);
    }
    /* In the band's unit, so x - mean cannot overflow. */
    double unit = band->unit > 0.0 ? band->unit : 1.0;
    return (x / unit - band->mean / unit) / (band->sd / unit);
}

fs_flag_t fs_band_flag(double z)
{
    if (isnan(z))
        return FS_FLAG_MISSING;
    if (z > 1.0)
        return FS_FLAG_ABOVE;
    if (z < -1.0)
        return FS_FLAG_BELOW;
    return FS_FLAG_WITHIN;
}

const char *fs_flag_name(fs_flag_t flag)
{
    switch (flag) {
    case FS_FLAG_BELOW: return "below";
    case FS_FLAG_WITHIN: return "within";
    case FS_FLAG_ABOVE: return "above";
    case FS_FLAG_MISSING: break;
    }
    return "missing";
}

const char *fs_scale_name(fs_scale_t scale)
{
    return scale == FS_SCALE_LOG ? "log" : "raw";
}

const char *fs_log_rule_name(fs_log_rule_t rule)
{
    return rule == FS_LOG_RULE_PASSES ? "passes" : "more-normal";
}

const char *fs_band_path_name(fs_band_path_t path)
{
    switch (path) {
    case FS_PATH_RAW_NORMAL: return "raw-normal";
    case FS_PATH_LOG_CHOSEN: return "log-chosen";
    case FS_PATH_LOG_NOT_BETTER: return "log-not-better";
    case FS_PATH_LOG_IMPOSSIBLE: return "log-impossible";
    }
    return "unknown";
}

void fs_band_explain(const fs_band_t *b, const fs_band_options_t *opt, char *buf, size_t size)
{
    double alpha = opt ? opt->alpha : 0.05;
    int passes = opt && opt->log_rule == FS_LOG_RULE_PASSES;
    switch (b->path) {
    case FS_PATH_RAW_NORMAL:
        snprintf(buf, size,
                 "The values look normal (Shapiro-Wilk W = %.4f, p = %.3g >= %g), so the band "
                 "is the mean plus or minus one standard deviation of the values.",
                 b->shapiro_raw.w, b->shapiro_raw.p, alpha);
        break;
    case FS_PATH_LOG_CHOSEN:
        snprintf(buf, size,
                 "The values do not look normal (Shapiro-Wilk p = %.3g < %g) but their logs %s "
                 "(p = %.3g), so the band is drawn on the log scale: the geometric mean times "
                 "or divided by exp(SD of the logs).",
                 b->shapiro_raw.p, alpha, passes ? "pass the test" : "look more normal",
                 b->shapiro_log.p);
        break;
    case FS_PATH_LOG_NOT_BETTER:
        snprintf(buf, size,
                 "The values do not look normal (Shapiro-Wilk p = %.3g < %g) and their logs %s "
                 "(p = %.3g), so the band stays on the raw scale.",
                 b->shapiro_raw.p, alpha, passes ? "do not pass the test either" : "are no more normal",
                 b->has_shapiro_log ? b->shapiro_log.p : NAN);
        break;
    case FS_PATH_LOG_IMPOSSIBLE:
        snprintf(buf, size,
                 "The values do not look normal (Shapiro-Wilk p = %.3g < %g), but %zu of them "
                 "%s zero or negative, so logs cannot be taken and the band stays on the raw "
                 "scale.",
                 b->shapiro_raw.p, alpha, b->n_nonpositive, b->n_nonpositive == 1 ? "is" : "are");
        break;
    }
}

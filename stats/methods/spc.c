/* SPDX-License-Identifier: GPL-3.0-or-later */
/* spc.c: the XmR chart of Making Data Count (spc.h states the rules). */
#include "forcestat/spc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compensated.h"

/* Values are summed and subtracted, and limits are 2.66 mR-bar away from
 * the centre: beyond this a limit could overflow. */
#define SPC_MAX_MAGNITUDE 1e150

void fs_spc_options_init(fs_spc_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->baseline = 0;
    o->screen = 1;
    o->improvement = FS_SPC_NEUTRAL;
    o->min_points = FS_SPC_MIN_POINTS;
}

void fs_spc_free(fs_spc_t *s)
{
    if (s == NULL)
        return;
    free(s->points);
    free(s->segments);
    s->points = NULL;
    s->segments = NULL;
    s->n = s->nsegments = 0;
}

const char *fs_spc_variation_name(fs_spc_variation_t v)
{
    switch (v) {
    case FS_SPC_IMPROVEMENT: return "improvement";
    case FS_SPC_CONCERN: return "concern";
    case FS_SPC_NEUTRAL_HIGH: return "neutral high";
    case FS_SPC_NEUTRAL_LOW: return "neutral low";
    case FS_SPC_COMMON:
    default: return "common cause";
    }
}

const char *fs_spc_assurance_name(fs_spc_assurance_t a)
{
    switch (a) {
    case FS_SPC_PASS: return "pass";
    case FS_SPC_FAIL: return "fail";
    case FS_SPC_HIT_OR_MISS: return "hit or miss";
    case FS_SPC_NO_TARGET:
    default: return "";
    }
}

void fs_spc_rule_names(unsigned rules, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{FS_SPC_RULE_OUTSIDE, "outside"},
                 {FS_SPC_RULE_SHIFT, "shift"},
                 {FS_SPC_RULE_TREND, "trend"},
                 {FS_SPC_RULE_TWO_IN_THREE, "two-in-three"}};
    if (size == 0)
        return;
    buf[0] = '\0';
    size_t len = 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (!(rules & names[k].bit))
            continue;
        size_t need = strlen(names[k].name) + (len ? 1 : 0);
        if (len + need >= size)
            break;
        if (len)
            buf[len++] = '+';
        memcpy(buf + len, names[k].name, strlen(names[k].name) + 1);
        len += strlen(names[k].name);
    }
}

/* The centre, mR-bar and limits of one segment, from its baseline. */
static void segment_limits(const double *x, fs_spc_segment_t *g, int screen)
{
    csum_t sum = {0, 0};
    for (size_t i = 0; i < g->baseline; i++)
        csum_add(&sum, x[g->start + i]);
    g->mean = csum_value(&sum) / (double)g->baseline;
    g->ranges = g->baseline - 1;
    csum_t mr = {0, 0};
    for (size_t i = 1; i < g->baseline; i++)
        csum_add(&mr, fabs(x[g->start + i] - x[g->start + i - 1]));
    g->mr_bar_unscreened = csum_value(&mr) / (double)g->ranges;
    g->mr_bar = g->mr_bar_unscreened;
    g->screened = 0;
    if (screen && g->mr_bar > 0) {
        double cut = FS_SPC_SCREEN_FACTOR * g->mr_bar_unscreened;
        csum_t kept = {0, 0};
        size_t nkept = 0;
        for (size_t i = 1; i < g->baseline; i++) {
            double r = fabs(x[g->start + i] - x[g->start + i - 1]);
            if (r >= cut) {
                g->screened++;
            } else {
                csum_add(&kept, r);
                nkept++;
            }
        }
        /* At least one range is below 3.267 times their mean. */
        g->mr_bar = csum_value(&kept) / (double)nkept;
    }
    double w = FS_SPC_LIMIT_FACTOR * g->mr_bar;
    g->lower = g->mean - w;
    g->upper = g->mean + w;
    g->near_lower = g->mean - 2.0 * w / 3.0;
    g->near_upper = g->mean + 2.0 * w / 3.0;
}

static int side_of(double x, double centre)
{
    return (x > centre) - (x < centre);
}

/* The four rules over the points of one segment. */
static void segment_rules(fs_spc_point_t *p, const fs_spc_segment_t *g)
{
    size_t a = g->start, b = g->start + g->n; /* [a, b) */
    for (size_t i = a; i < b; i++) {
        if (p[i].value > g->upper || p[i].value < g->lower)
            p[i].rules |= FS_SPC_RULE_OUTSIDE;
    }
    /* shift: runs of one nonzero side */
    for (size_t i = a; i < b;) {
        int s = side_of(p[i].value, g->mean);
        size_t j = i + 1;
        while (j < b && s != 0 && side_of(p[j].value, g->mean) == s)
            j++;
        if (s != 0 && j - i >= FS_SPC_RUN) {
            for (size_t k = i; k < j; k++)
                p[k].rules |= FS_SPC_RULE_SHIFT;
        }
        i = j;
    }
    /* trend: runs of strictly rising, or strictly falling, steps.  Each
     * point of one keeps the trend's way in its variation for now (high
     * rising, low falling; the colouring below reads it).  A point that
     * ends a falling run and starts a rising one (a trough) keeps the way
     * of the run it ends; so does a peak, the rising runs coming second. */
    for (int dir = -1; dir <= 1; dir += 2) {
        for (size_t i = a; i < b;) {
            size_t j = i + 1;
            while (j < b && side_of(p[j].value, p[j - 1].value) == dir)
                j++;
            if (j - i >= FS_SPC_RUN) {
                for (size_t k = i; k < j; k++) {
                    if (k > i || !(p[k].rules & FS_SPC_RULE_TREND))
                        p[k].variation = dir > 0 ? FS_SPC_NEUTRAL_HIGH : FS_SPC_NEUTRAL_LOW;
                    p[k].rules |= FS_SPC_RULE_TREND;
                }
            }
            /* A run in the same direction cannot start at j - 1: the
             * step from it to j is not one. */
            i = j;
        }
    }
    /* two-in-three: between a near line and its limit */
    for (size_t i = a; i + 2 < b; i++) {
        for (int s = -1; s <= 1; s += 2) {
            int all_side = 1, close = 0;
            for (size_t k = i; k < i + 3; k++) {
                double v = p[k].value;
                all_side &= side_of(v, g->mean) == s;
                close += s > 0 ? (v > g->near_upper && v <= g->upper)
                               : (v < g->near_lower && v >= g->lower);
            }
            if (!all_side || close < 2)
                continue;
            for (size_t k = i; k < i + 3; k++) {
                double v = p[k].value;
                if (s > 0 ? (v > g->near_upper && v <= g->upper)
                          : (v < g->near_lower && v >= g->lower))
                    p[k].rules |= FS_SPC_RULE_TWO_IN_THREE;
            }
        }
    }
}

/* The side a special-cause point counts for (NHSRplotthedots 0.2, its
 * issue 171): a point that only a trend flags counts for the trend's way,
 * high when it rises and low when it falls, on whichever side of the
 * centre it lies (segment_rules left the way in its variation); a point
 * that any other rule flags (outside, shift, two-in-three, with a trend
 * or not) counts for its side of the centre, as those rules are about
 * that side, and is never on the centre. */
static int signal_side(const fs_spc_point_t *p, const fs_spc_segment_t *g)
{
    if (p->rules == FS_SPC_RULE_TREND)
        return p->variation == FS_SPC_NEUTRAL_HIGH ? 1 : -1;
    return side_of(p->value, g->mean);
}

fs_status_t fs_spc_compute(const double *x, size_t n, const size_t *rebase, size_t nrebase,
                           const fs_spc_options_t *opt, fs_spc_t *out, fs_error_t *err)
{
    fs_spc_options_t defaults;
    if (opt == NULL) {
        fs_spc_options_init(&defaults);
        opt = &defaults;
    }
    memset(out, 0, sizeof *out);
    out->opt = *opt;
    if (opt->has_target && opt->improvement == FS_SPC_NEUTRAL)
        return fs_error_set(err, FS_EINVAL, "a target needs an improvement direction (up or down)");
    if (opt->has_target && !isfinite(opt->target))
        return fs_error_set(err, FS_EINVAL, "the target must be a finite number");
    size_t min_points = opt->min_points < 2 ? 2 : opt->min_points;
    if (n < min_points)
        return fs_error_raise(err, FS_EDOM, FS_REASON_TOO_FEW, FS_ERROR_NO_INDEX,
                            "an SPC chart needs at least %zu points, got %zu (NHS guidance: "
                            "fewer than 12 do not give reliable limits)",
                            min_points, n);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]))
            return fs_error_raise(err, FS_EDOM, FS_REASON_MISSING_VALUE, i,
                                  "point %zu has no value: an XmR chart needs every period", i + 1);
        if (fabs(x[i]) > SPC_MAX_MAGNITUDE)
            return fs_error_raise(err, FS_EDOM, FS_REASON_BEYOND_LIMIT, i,
                                  "point %zu (%g) is beyond 1e150", i + 1, x[i]);
    }
    for (size_t k = 0; k < nrebase; k++) {
        if (rebase[k] == 0 || rebase[k] >= n || (k > 0 && rebase[k] <= rebase[k - 1]))
            return fs_error_set(err, FS_EINVAL,
                                "rebase points must be increasing, after the first point and "
                                "before the end");
    }
    out->points = calloc(n, sizeof *out->points);
    out->segments = calloc(nrebase + 1, sizeof *out->segments);
    if (out->points == NULL || out->segments == NULL) {
        fs_spc_free(out);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    out->n = n;
    out->nsegments = nrebase + 1;
    for (size_t s = 0; s < out->nsegments; s++) {
        fs_spc_segment_t *g = &out->segments[s];
        g->start = s == 0 ? 0 : rebase[s - 1];
        g->n = (s < nrebase ? rebase[s] : n) - g->start;
        g->baseline = opt->baseline == 0 || opt->baseline > g->n ? g->n : opt->baseline;
        if (g->baseline < 2) {
            size_t have = g->baseline, first = g->start + 1;
            fs_spc_free(out);
            return fs_error_set(err, FS_EDOM,
                                "segment %zu (from point %zu) has %zu point to set its limits: a "
                                "moving range needs 2",
                                s + 1, first, have);
        }
        segment_limits(x, g, opt->screen);
        for (size_t i = g->start; i < g->start + g->n; i++) {
            fs_spc_point_t *p = &out->points[i];
            p->value = x[i];
            p->segment = s;
            p->mean = g->mean;
            p->lower = g->lower;
            p->upper = g->upper;
            p->near_lower = g->near_lower;
            p->near_upper = g->near_upper;
        }
        segment_rules(out->points, g);
        for (size_t i = g->start; i < g->start + g->n; i++) {
            fs_spc_point_t *p = &out->points[i];
            if (p->rules == 0)
                continue;
            int up = signal_side(p, g) > 0;
            if (opt->improvement == FS_SPC_NEUTRAL)
                p->variation = up ? FS_SPC_NEUTRAL_HIGH : FS_SPC_NEUTRAL_LOW;
            else
                p->variation = up == (opt->improvement == FS_SPC_UP) ? FS_SPC_IMPROVEMENT
                                                                     : FS_SPC_CONCERN;
        }
        if (opt->has_target) {
            int higher_better = opt->improvement == FS_SPC_UP;
            if (g->lower > opt->target)
                g->assurance = higher_better ? FS_SPC_PASS : FS_SPC_FAIL;
            else if (g->upper < opt->target)
                g->assurance = higher_better ? FS_SPC_FAIL : FS_SPC_PASS;
            else
                g->assurance = FS_SPC_HIT_OR_MISS;
        }
    }
    return FS_OK;
}

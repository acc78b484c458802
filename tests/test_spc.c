/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_spc.c: the XmR chart against an independent implementation of the
 * Making Data Count rules (tests/reference/spc_reference.py: 44 series,
 * limits to 1e-12 relative, flags exactly), and hand-made series at each
 * rule's boundary. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/dataset.h"
#include "forcestat/measure.h"
#include "forcestat/registry.h"
#include "forcestat/spc.h"
#include "testutil.h"

/* Twelve baseline points alternating 11 and 9, ending on 9: centre 10 and
 * mR-bar 2 exactly, so limits 10 +/- 5.32 and near lines 10 +/- 3.5467;
 * no run of theirs reaches 7.  Tests append their points after them. */
#define BASE 12
static size_t with_base(double *x, const double *tail, size_t n)
{
    for (size_t i = 0; i < BASE; i++)
        x[i] = i % 2 == 0 ? 11.0 : 9.0;
    memcpy(x + BASE, tail, n * sizeof *x);
    return BASE + n;
}

static fs_spc_t chart_of(const double *tail, size_t ntail, fs_spc_options_t *o)
{
    double x[64];
    size_t n = with_base(x, tail, ntail);
    fs_spc_options_t opt;
    if (o == NULL) {
        fs_spc_options_init(&opt);
        o = &opt;
    }
    o->baseline = BASE;
    fs_spc_t s;
    fs_error_t e;
    fs_status_t st = fs_spc_compute(x, n, NULL, 0, o, &s, &e);
    CU_ASSERT_EQUAL(st, FS_OK);
    if (st != FS_OK)
        fprintf(stderr, "spc: %s\n", e.message);
    return s;
}

/* The rules of points BASE.., as a string of letters: o outside, s shift,
 * t trend, 2 two-in-three, '.' none, one character per point (the first
 * rule that holds). */
static void rules_of(const fs_spc_t *s, char *buf)
{
    size_t k = 0;
    for (size_t i = BASE; i < s->n; i++) {
        unsigned r = s->points[i].rules;
        buf[k++] = r & FS_SPC_RULE_OUTSIDE ? 'o' : r & FS_SPC_RULE_SHIFT ? 's'
                                               : r & FS_SPC_RULE_TREND   ? 't'
                                               : r & FS_SPC_RULE_TWO_IN_THREE ? '2' : '.';
    }
    buf[k] = '\0';
}

static void baseline_is_as_built(void)
{
    const double tail[] = {10.5};
    fs_spc_t s = chart_of(tail, 1, NULL);
    CU_ASSERT_EQUAL(s.nsegments, 1);
    CU_ASSERT_EQUAL(s.segments[0].baseline, BASE);
    CU_ASSERT_EQUAL(s.segments[0].mean, 10.0);
    CU_ASSERT_EQUAL(s.segments[0].mr_bar, 2.0);
    CU_ASSERT_EQUAL(s.segments[0].upper, 10.0 + 2.66 * 2.0);
    TU_ASSERT_CLOSE(s.segments[0].near_upper, 10.0 + 2.0 * 5.32 / 3.0, 1e-15);
    for (size_t i = 0; i < s.n; i++)
        CU_ASSERT_EQUAL(s.points[i].rules, 0);
    fs_spc_free(&s);
}

static void shift_needs_seven(void)
{
    char got[64];
    const double six[] = {11, 11, 11, 11, 11, 11, 9};
    fs_spc_t s = chart_of(six, 7, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, ".......");
    fs_spc_free(&s);
    const double seven[] = {11, 11, 11, 11, 11, 11, 11, 9};
    s = chart_of(seven, 8, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, "sssssss.");
    CU_ASSERT_EQUAL(s.points[BASE].variation, FS_SPC_NEUTRAL_HIGH);
    fs_spc_free(&s);
    /* A point on the centre breaks the run: 3, centre, 4. */
    const double broken[] = {11, 11, 11, 10, 11, 11, 11, 11, 9};
    s = chart_of(broken, 9, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, ".........");
    fs_spc_free(&s);
    /* Below the centre, lower is better: improvement. */
    const double low[] = {9, 9, 9, 9, 9, 9, 9};
    fs_spc_options_t o;
    fs_spc_options_init(&o);
    o.improvement = FS_SPC_DOWN;
    s = chart_of(low, 7, &o);
    rules_of(&s, got);
    /* the baseline's last 9 joins the run: 8 points, 7 of them here */
    CU_ASSERT_STRING_EQUAL(got, "sssssss");
    CU_ASSERT_EQUAL(s.points[BASE - 1].rules, FS_SPC_RULE_SHIFT);
    CU_ASSERT_EQUAL(s.points[BASE + 3].variation, FS_SPC_IMPROVEMENT);
    fs_spc_free(&s);
}

static void trend_needs_seven_points(void)
{
    char got[64];
    /* From the baseline's last 9: 9, 9.5, ..., 11.5 is 6 rising points. */
    const double six[] = {9.5, 10, 10.5, 11, 11.5, 9};
    fs_spc_t s = chart_of(six, 6, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, "......");
    fs_spc_free(&s);
    const double seven[] = {9.5, 10, 10.5, 11, 11.5, 12, 9};
    s = chart_of(seven, 7, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, "tttttt.");
    CU_ASSERT_EQUAL(s.points[BASE - 1].rules, FS_SPC_RULE_TREND);
    /* 10 is on the centre: a rising trend makes it high. */
    CU_ASSERT_EQUAL(s.points[BASE + 1].value, 10.0);
    CU_ASSERT_EQUAL(s.points[BASE + 1].variation, FS_SPC_NEUTRAL_HIGH);
    fs_spc_free(&s);
    /* An equal step breaks a trend. */
    const double flat[] = {9.5, 10, 10, 10.5, 11, 11.5, 12, 9};
    s = chart_of(flat, 8, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, "........");
    fs_spc_free(&s);
}

/* Issue 25: a point that only a trend flags is coloured by the trend's
 * way, whichever side of the centre it is on (NHSRplotthedots 0.2.0 and
 * later, its issue 171 "trends crossing the mean coloured incorrectly";
 * Making Data Count likewise): rising is high, falling is low, and with
 * higher better high is improvement, low concern.  The series, after the
 * baseline (centre 10, limits 10 +/- 5.32, near lines 10 +/- 3.55, so
 * only trends flag anything here), by hand:
 *
 *   point    value  side   in which trend         colour (higher better)
 *   BASE-1   9      below  rising (its 1st)       improvement
 *   +0..+2   9.2-9.6 below rising                 improvement
 *   +3, +4   10.4, 10.6 above rising              improvement
 *   +5       10.8   above  peak: ends the rising, starts the falling:
 *                          the trend it ends      improvement
 *   +6..+8   10.6-10.2 above falling              concern
 *   +9, +10  9.8, 9.6 below falling               concern
 *   +11      9.4    below  trough: ends the falling, starts the rising:
 *                          the trend it ends      concern
 *   +12, +13 9.6, 9.8 below rising                improvement
 *   +14..+17 10.2-10.8 above rising               improvement
 *   +18      9      below  none                   common cause
 *
 * Each trend is 7 points (9 to 10.8, 10.8 to 9.4, 9.4 to 10.8).  No run
 * on one side reaches 7 (4, 6, 5, 4 points), so no shift.  Before the
 * change the nine points below the centre in a rising trend (or above it
 * in a falling one) took their side: +0..+2, +6..+8, +12, +13 and BASE-1
 * had the other colour. */
static void trend_colour_is_its_way(void)
{
    const double tail[] = {9.2,  9.4,  9.6,  10.4, 10.6, 10.8, 10.6, 10.4, 10.2, 9.8,
                           9.6,  9.4,  9.6,  9.8,  10.2, 10.4, 10.6, 10.8, 9};
    /* I improvement, C concern, . common cause; the first is BASE-1 */
    const char *want_up = "IIIIIIICCCCCCIIIIII.";
    fs_spc_options_t o;
    fs_spc_options_init(&o);
    o.improvement = FS_SPC_UP;
    fs_spc_t s = chart_of(tail, 19, &o);
    char got[64], rules[64];
    rules_of(&s, rules);
    CU_ASSERT_STRING_EQUAL(rules, "tttttttttttttttttt.");
    size_t k = 0;
    for (size_t i = BASE - 1; i < s.n; i++) {
        fs_spc_variation_t v = s.points[i].variation;
        got[k++] = v == FS_SPC_IMPROVEMENT ? 'I' : v == FS_SPC_CONCERN ? 'C'
                   : v == FS_SPC_COMMON    ? '.' : '?';
    }
    got[k] = '\0';
    CU_ASSERT_STRING_EQUAL(got, want_up);
    fs_spc_free(&s);
    /* Lower is better: the same ways, the other colours. */
    o.improvement = FS_SPC_DOWN;
    s = chart_of(tail, 19, &o);
    CU_ASSERT_EQUAL(s.points[BASE].variation, FS_SPC_CONCERN);      /* 9.2, rising */
    CU_ASSERT_EQUAL(s.points[BASE + 6].variation, FS_SPC_IMPROVEMENT); /* 10.6, falling */
    CU_ASSERT_EQUAL(s.points[BASE + 11].variation, FS_SPC_IMPROVEMENT); /* the trough */
    fs_spc_free(&s);
    /* No direction: high and low. */
    o.improvement = FS_SPC_NEUTRAL;
    s = chart_of(tail, 19, &o);
    CU_ASSERT_EQUAL(s.points[BASE - 1].variation, FS_SPC_NEUTRAL_HIGH); /* 9, rising */
    CU_ASSERT_EQUAL(s.points[BASE + 5].variation, FS_SPC_NEUTRAL_HIGH); /* the peak */
    CU_ASSERT_EQUAL(s.points[BASE + 7].variation, FS_SPC_NEUTRAL_LOW);  /* 10.4, falling */
    fs_spc_free(&s);
    /* A point a shift (or any rule but a trend) flags keeps its side, in
     * a trend or not: 13 down to 11.8 is 7 falling points all above the
     * centre, shift and trend, so high (improvement), not the trend's
     * low; the 9 after them continues the fall, a trend point alone (low:
     * concern). */
    const double both[] = {13, 12.8, 12.6, 12.4, 12.2, 12, 11.8, 9};
    o.improvement = FS_SPC_UP;
    s = chart_of(both, 8, &o);
    for (size_t i = BASE; i < BASE + 7; i++) {
        CU_ASSERT_EQUAL(s.points[i].rules, FS_SPC_RULE_SHIFT | FS_SPC_RULE_TREND);
        CU_ASSERT_EQUAL(s.points[i].variation, FS_SPC_IMPROVEMENT);
    }
    CU_ASSERT_EQUAL(s.points[BASE + 7].rules, FS_SPC_RULE_TREND);
    CU_ASSERT_EQUAL(s.points[BASE + 7].variation, FS_SPC_CONCERN);
    fs_spc_free(&s);
}

static void two_in_three_boundaries(void)
{
    char got[64];
    /* 11, 14, 14 all above, two between the near line and the limit. */
    const double yes[] = {11, 14, 14, 9};
    fs_spc_t s = chart_of(yes, 4, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, ".22.");
    fs_spc_free(&s);
    /* The third point on the far side of the centre: no signal. */
    const double far[] = {14, 14, 9, 11};
    s = chart_of(far, 4, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, "....");
    fs_spc_free(&s);
    /* A point beyond the limit is outside, and not one of the two. */
    const double beyond[] = {16, 14, 11, 9};
    s = chart_of(beyond, 4, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, "o...");
    fs_spc_free(&s);
    /* Exactly on the near line is not beyond it. */
    double on_near = 10.0 + 2.0 * (2.66 * 2.0) / 3.0;
    const double near[] = {11, on_near, 14, 9};
    s = chart_of(near, 4, NULL);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, "....");
    fs_spc_free(&s);
}

static void outside_is_strict(void)
{
    char got[64];
    double upper = 10.0 + 2.66 * 2.0, lower = 10.0 - 2.66 * 2.0;
    const double at[] = {upper, 9, lower, 11, nextafter(upper, 100), 9};
    fs_spc_options_t o;
    fs_spc_options_init(&o);
    o.improvement = FS_SPC_UP;
    fs_spc_t s = chart_of(at, 6, &o);
    rules_of(&s, got);
    CU_ASSERT_STRING_EQUAL(got, "....o.");
    CU_ASSERT_EQUAL(s.points[BASE + 4].variation, FS_SPC_IMPROVEMENT);
    fs_spc_free(&s);
}

static void screening_drops_large_ranges(void)
{
    double x[24];
    for (size_t i = 0; i < 24; i++)
        x[i] = i % 2 ? 9.0 : 11.0;
    x[10] = 40.0; /* ranges of 31 either side of it */
    fs_spc_t on, off;
    fs_spc_options_t o;
    fs_spc_options_init(&o);
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 24, NULL, 0, &o, &on, NULL), FS_OK);
    o.screen = 0;
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 24, NULL, 0, &o, &off, NULL), FS_OK);
    /* 23 ranges: 21 of 2 and two of 31; mean 104/23 = 4.52; 3.267 times
     * that is 14.8, so the two go and mR-bar is 2. */
    TU_ASSERT_CLOSE(off.segments[0].mr_bar, 104.0 / 23.0, 1e-15);
    CU_ASSERT_EQUAL(off.segments[0].screened, 0);
    CU_ASSERT_EQUAL(on.segments[0].screened, 2);
    CU_ASSERT_EQUAL(on.segments[0].mr_bar, 2.0);
    CU_ASSERT_EQUAL(on.segments[0].mr_bar_unscreened, off.segments[0].mr_bar);
    CU_ASSERT(on.points[10].rules & FS_SPC_RULE_OUTSIDE);
    fs_spc_free(&on);
    fs_spc_free(&off);
    /* All equal: mR-bar 0, nothing to screen, every point on the centre. */
    for (size_t i = 0; i < 24; i++)
        x[i] = 5.0;
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 24, NULL, 0, NULL, &on, NULL), FS_OK);
    CU_ASSERT_EQUAL(on.segments[0].mr_bar, 0.0);
    CU_ASSERT_EQUAL(on.points[3].rules, 0);
    fs_spc_free(&on);
}

static void rebases_and_assurance(void)
{
    double x[30];
    for (size_t i = 0; i < 30; i++)
        x[i] = (i % 2 ? 9.0 : 11.0) + (i >= 15 ? 20.0 : 0.0);
    const size_t rebase[] = {15};
    fs_spc_options_t o;
    fs_spc_options_init(&o);
    o.improvement = FS_SPC_UP;
    o.has_target = 1;
    o.target = 10.0 - 2.66 * 2.0; /* on the first segment's lower limit */
    fs_spc_t s;
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 30, rebase, 1, &o, &s, NULL), FS_OK);
    CU_ASSERT_EQUAL(s.nsegments, 2);
    CU_ASSERT_EQUAL(s.segments[1].start, 15);
    CU_ASSERT_EQUAL(s.segments[1].n, 15);
    /* 11, 9, ..., 11 (8 of 11, 7 of 9): mean 151/15; then 29, 31, ..., 29
     * (8 of 29, 7 of 31): 449/15 */
    TU_ASSERT_CLOSE(s.segments[0].mean, 151.0 / 15.0, 1e-15);
    TU_ASSERT_CLOSE(s.segments[1].mean, 449.0 / 15.0, 1e-15);
    CU_ASSERT_EQUAL(s.points[20].segment, 1);
    CU_ASSERT_EQUAL(s.points[20].mean, s.segments[1].mean);
    /* The first segment's lower limit is 10.067 - 5.32, above the target. */
    CU_ASSERT_EQUAL(s.segments[0].assurance, FS_SPC_PASS);
    CU_ASSERT_EQUAL(s.segments[1].assurance, FS_SPC_PASS);
    o.target = 20.0; /* above the first's upper limit, below the second's lower */
    fs_spc_free(&s);
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 30, rebase, 1, &o, &s, NULL), FS_OK);
    CU_ASSERT_EQUAL(s.segments[0].assurance, FS_SPC_FAIL);
    CU_ASSERT_EQUAL(s.segments[1].assurance, FS_SPC_PASS);
    o.target = s.segments[1].lower; /* on the limit: hit or miss */
    fs_spc_free(&s);
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 30, rebase, 1, &o, &s, NULL), FS_OK);
    CU_ASSERT_EQUAL(s.segments[1].assurance, FS_SPC_HIT_OR_MISS);
    CU_ASSERT_STRING_EQUAL(fs_spc_assurance_name(s.segments[1].assurance), "hit or miss");
    fs_spc_free(&s);
    /* Without the rebase the jump is a shift in one long segment. */
    o.has_target = 0;
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 30, NULL, 0, &o, &s, NULL), FS_OK);
    CU_ASSERT(s.points[29].rules & FS_SPC_RULE_SHIFT);
    CU_ASSERT_EQUAL(s.points[29].variation, FS_SPC_IMPROVEMENT);
    CU_ASSERT_EQUAL(s.points[0].variation, FS_SPC_CONCERN);
    fs_spc_free(&s);
}

/* Screening drops a moving range of exactly 3.267 mR-bar (NHSRplotthedots
 * keeps only the ranges below the screening limit, spc.h "3.267 mR-bar or
 * more").  Built so the limit is exact in doubles: 12 ranges of 9,733 and
 * one of 39,204 average 156,000 / 13 = 12,000, and 3.267 x 12,000 =
 * 39,204 (the product rounds to it exactly: its error, under
 * 12,000 x 2^-52, is below half an ulp of 39,204, 2^-38).  Dropped, the
 * mean of the rest is 9,733. */
static void screening_drops_a_range_on_the_limit(void)
{
    double x[14];
    for (size_t i = 0; i < 13; i++)
        x[i] = i % 2 ? 9733.0 : 0.0;
    x[13] = 39204.0;
    CU_ASSERT_EQUAL_FATAL(3.267 * 12000.0, 39204.0);
    fs_spc_t s;
    CU_ASSERT_EQUAL_FATAL(fs_spc_compute(x, 14, NULL, 0, NULL, &s, NULL), FS_OK);
    CU_ASSERT_EQUAL(s.segments[0].mr_bar_unscreened, 12000.0);
    CU_ASSERT_EQUAL(s.segments[0].screened, 1);
    CU_ASSERT_EQUAL(s.segments[0].mr_bar, 9733.0);
    fs_spc_free(&s);
}

/* Assurance with the target exactly on the upper limit: the target is on
 * the limits, so hit or miss, for either direction (spc.h: "fails" only
 * when the range is wholly on the bad side).  The baseline's limits are
 * 10 +/- 5.32. */
static void assurance_with_the_target_on_the_upper_limit(void)
{
    const double tail[] = {10.5};
    for (int dir = FS_SPC_UP; dir <= FS_SPC_DOWN; dir++) {
        fs_spc_options_t o;
        fs_spc_options_init(&o);
        o.improvement = (fs_spc_direction_t)dir;
        o.has_target = 1;
        o.target = 10.0 + 2.66 * 2.0;
        fs_spc_t s = chart_of(tail, 1, &o);
        CU_ASSERT_EQUAL(s.segments[0].upper, o.target);
        CU_ASSERT_EQUAL(s.segments[0].assurance, FS_SPC_HIT_OR_MISS);
        fs_spc_free(&s);
        /* Just above it: wholly below the target. */
        o.target = nextafter(10.0 + 2.66 * 2.0, 100.0);
        s = chart_of(tail, 1, &o);
        CU_ASSERT_EQUAL(s.segments[0].assurance, dir == FS_SPC_UP ? FS_SPC_FAIL : FS_SPC_PASS);
        fs_spc_free(&s);
    }
}

/* A period given twice in the rebases is refused by name, as one given
 * out of order is ("each once"), before the chart is computed. */
static void a_rebase_given_twice_is_refused(void)
{
    char csv[2048];
    size_t len = (size_t)snprintf(csv, sizeof csv, "year,force,v\n");
    for (int y = 2001; y <= 2014; y++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, "%d,Essex,%d\n%d,England and Wales,5\n",
                                y, y % 3, y);
    fs_table_t *t = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, csv, len, "m.csv", NULL, &e), FS_OK);
    fs_measure_spec_t spec;
    fs_measure_spec_init(&spec);
    spec.want = FS_WANT_SPC;
    spec.value = "v";
    spec.period = "year";
    spec.trend_force = fs_registry_match("Essex", 5).force;
    const char *once[] = {"2007"};
    spec.spc_rebase = once;
    spec.spc_nrebase = 1;
    fs_measure_t m;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &spec, &m, &e), FS_OK);
    CU_ASSERT_EQUAL(m.spc.nsegments, 2);
    CU_ASSERT_EQUAL(m.spc.segments[1].start, 6);
    fs_measure_free(&m);
    const char *twice[] = {"2007", "2007"};
    spec.spc_rebase = twice;
    spec.spc_nrebase = 2;
    CU_ASSERT_EQUAL(fs_measure_compute(t, 1, NULL, &spec, &m, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "rebase periods must be given in period order, each once");
    CU_ASSERT_STRING_EQUAL(e.text, "2007");
    fs_measure_free(&m);
    fs_table_free(t);
}

/* What fs_spc_compute documents it refuses: a rebase must be in 1..n-1
 * (a rebase at n would start an empty segment), and a target must be a
 * finite number (a NaN would make every segment "hit or miss"). */
static void rebase_at_the_end_and_target_not_a_number(void)
{
    double x[20];
    for (size_t i = 0; i < 20; i++)
        x[i] = (double)(i % 3);
    fs_spc_t s;
    fs_error_t e;
    const size_t at_n[] = {20};
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, at_n, 1, NULL, &s, &e), FS_EINVAL);
    CU_ASSERT_PTR_NULL(s.points);
    fs_spc_options_t o;
    fs_spc_options_init(&o);
    o.improvement = FS_SPC_UP;
    o.has_target = 1;
    o.target = NAN;
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, NULL, 0, &o, &s, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "the target must be a finite number");
    o.target = INFINITY;
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, NULL, 0, &o, &s, &e), FS_EINVAL);
}

/* The rule names fit the buffer with their NUL or stop before the name
 * that would not: "outside+shift" is 13 characters, so 14 bytes hold it
 * and 13 give "outside", writing nothing past the 13th byte. */
static void rule_names_fit_the_buffer_exactly(void)
{
    char buf[20];
    memset(buf, 'X', sizeof buf);
    fs_spc_rule_names(FS_SPC_RULE_OUTSIDE | FS_SPC_RULE_SHIFT, buf, 14);
    CU_ASSERT_STRING_EQUAL(buf, "outside+shift");
    memset(buf, 'X', sizeof buf);
    fs_spc_rule_names(FS_SPC_RULE_OUTSIDE | FS_SPC_RULE_SHIFT, buf, 13);
    CU_ASSERT_STRING_EQUAL(buf, "outside");
    CU_ASSERT_EQUAL(buf[12], 'X');
    CU_ASSERT_EQUAL(buf[13], 'X');
}

static void errors_name_the_problem(void)
{
    double x[20];
    for (size_t i = 0; i < 20; i++)
        x[i] = (double)(i % 3);
    fs_spc_t s;
    fs_error_t e;
    memset(&s, 0xA5, sizeof s);
    CU_ASSERT_EQUAL(fs_spc_compute(x, 11, NULL, 0, NULL, &s, &e), FS_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "at least 12 points, got 11"));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "NHS guidance"));
    CU_ASSERT_PTR_NULL(s.points);
    fs_spc_free(&s);
    fs_spc_options_t o;
    fs_spc_options_init(&o);
    o.min_points = 5;
    CU_ASSERT_EQUAL(fs_spc_compute(x, 11, NULL, 0, &o, &s, &e), FS_OK);
    fs_spc_free(&s);
    x[4] = NAN;
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, NULL, 0, NULL, &s, &e), FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "point 5 has no value: an XmR chart needs every period");
    x[4] = 1e200;
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, NULL, 0, NULL, &s, &e), FS_EDOM);
    x[4] = 1;
    const size_t bad[] = {10, 10};
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, bad, 2, NULL, &s, &e), FS_EINVAL);
    const size_t zero[] = {0};
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, zero, 1, NULL, &s, &e), FS_EINVAL);
    const size_t last[] = {19};
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, last, 1, NULL, &s, &e), FS_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "segment 2 (from point 20) has 1 point"));
    CU_ASSERT_PTR_NULL(s.points);
    o.min_points = 12;
    o.has_target = 1;
    o.target = 3;
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, NULL, 0, &o, &s, &e), FS_EINVAL);
    fs_spc_free(NULL);
    char names[64];
    fs_spc_rule_names(FS_SPC_RULE_OUTSIDE | FS_SPC_RULE_TREND, names, sizeof names);
    CU_ASSERT_STRING_EQUAL(names, "outside+trend");
    fs_spc_rule_names(0, names, sizeof names);
    CU_ASSERT_STRING_EQUAL(names, "");
    fs_spc_rule_names(FS_SPC_RULE_OUTSIDE | FS_SPC_RULE_SHIFT, names, 10);
    CU_ASSERT_STRING_EQUAL(names, "outside");
}

/* The errors a program branches on carry their reason and the 0-based
 * index of the point (written by hand: x[4] is the fifth point). */
static void errors_carry_reason_and_index(void)
{
    double x[20];
    for (size_t i = 0; i < 20; i++)
        x[i] = (double)(i % 3);
    fs_spc_t s;
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL(fs_spc_compute(x, 11, NULL, 0, NULL, &s, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_TOO_FEW);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    x[4] = NAN;
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, NULL, 0, NULL, &s, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_MISSING_VALUE);
    CU_ASSERT_EQUAL(e.index, 4);
    x[4] = 2;
    x[17] = -1e151;
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, NULL, 0, NULL, &s, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_BEYOND_LIMIT);
    CU_ASSERT_EQUAL(e.index, 17);
    CU_ASSERT_STRING_EQUAL(e.message, "point 18 (-1e+151) is beyond 1e150");
    /* A segment too short names no single point. */
    x[17] = 1;
    const size_t last[] = {19};
    CU_ASSERT_EQUAL(fs_spc_compute(x, 20, last, 1, NULL, &s, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_NONE);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
}

/* The reference: every series of spc_reference.csv. */
static void agrees_with_the_reference(void)
{
    fs_table_t *t = tu_load("spc_reference.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    enum { SERIES, SCREEN, BASELINE, REBASE, IMPROVEMENT, TARGET, I, VALUE, MEAN, LOWER, UPPER,
           NEAR_LOWER, NEAR_UPPER, RULE, VARIATION, ASSURANCE, NCOLS };
    CU_ASSERT_EQUAL_FATAL(t->ncols, NCOLS);
    size_t nseries = 0, npoints = 0, flagged = 0, mismatches = 0;
    double worst = 0;
    double *x = malloc(t->nrows * sizeof *x);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    for (size_t a = 0; a < t->nrows;) {
        size_t b = a;
        while (b < t->nrows &&
               strcmp(fs_table_cell(t, b, SERIES), fs_table_cell(t, a, SERIES)) == 0)
            b++;
        size_t n = b - a;
        for (size_t k = 0; k < n; k++)
            x[k] = strtod(fs_table_cell(t, a + k, VALUE), NULL);
        fs_spc_options_t o;
        fs_spc_options_init(&o);
        o.screen = atoi(fs_table_cell(t, a, SCREEN));
        o.baseline = (size_t)atoi(fs_table_cell(t, a, BASELINE));
        const char *imp = fs_table_cell(t, a, IMPROVEMENT);
        o.improvement = strcmp(imp, "up") == 0     ? FS_SPC_UP
                        : strcmp(imp, "down") == 0 ? FS_SPC_DOWN
                                                   : FS_SPC_NEUTRAL;
        if (fs_table_cell(t, a, TARGET)[0]) {
            o.has_target = 1;
            o.target = strtod(fs_table_cell(t, a, TARGET), NULL);
        }
        size_t rebase[8], nrebase = 0;
        for (const char *r = fs_table_cell(t, a, REBASE); *r && nrebase < 8;) {
            char *end;
            rebase[nrebase++] = (size_t)strtoul(r, &end, 10);
            r = *end == ';' ? end + 1 : end;
        }
        fs_spc_t s;
        fs_error_t e;
        if (fs_spc_compute(x, n, rebase, nrebase, &o, &s, &e) != FS_OK) {
            fprintf(stderr, "series %s: %s\n", fs_table_cell(t, a, SERIES), e.message);
            CU_FAIL("the reference series is refused");
            a = b;
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            const fs_spc_point_t *p = &s.points[k];
            const fs_spc_segment_t *g = &s.segments[p->segment];
            const double want[] = {strtod(fs_table_cell(t, a + k, MEAN), NULL),
                                   strtod(fs_table_cell(t, a + k, LOWER), NULL),
                                   strtod(fs_table_cell(t, a + k, UPPER), NULL),
                                   strtod(fs_table_cell(t, a + k, NEAR_LOWER), NULL),
                                   strtod(fs_table_cell(t, a + k, NEAR_UPPER), NULL)};
            const double got[] = {p->mean, p->lower, p->upper, p->near_lower, p->near_upper};
            for (size_t j = 0; j < 5; j++) {
                double rel = fabs(got[j] - want[j]) / fmax(fabs(want[j]), 1e-300);
                if (rel > worst)
                    worst = rel;
            }
            char rules[64];
            fs_spc_rule_names(p->rules, rules, sizeof rules);
            int same = strcmp(rules, fs_table_cell(t, a + k, RULE)) == 0 &&
                       strcmp(fs_spc_variation_name(p->variation),
                              fs_table_cell(t, a + k, VARIATION)) == 0 &&
                       strcmp(fs_spc_assurance_name(g->assurance),
                              fs_table_cell(t, a + k, ASSURANCE)) == 0;
            if (!same) {
                fprintf(stderr, "series %s point %zu: got %s/%s/%s, want %s/%s/%s\n",
                        fs_table_cell(t, a, SERIES), k, rules, fs_spc_variation_name(p->variation),
                        fs_spc_assurance_name(g->assurance), fs_table_cell(t, a + k, RULE),
                        fs_table_cell(t, a + k, VARIATION), fs_table_cell(t, a + k, ASSURANCE));
                mismatches++;
            }
            flagged += p->rules != 0;
        }
        npoints += n;
        nseries++;
        fs_spc_free(&s);
        a = b;
    }
    CU_ASSERT(nseries >= 30);
    CU_ASSERT(flagged > 100); /* the reference is not all common cause */
    CU_ASSERT_EQUAL(mismatches, 0);
    CU_ASSERT(worst <= 1e-12);
    if (worst > 1e-12)
        fprintf(stderr, "worst relative difference in the limits: %g\n", worst);
    free(x);
    fs_table_free(t);
    (void)npoints;
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"the baseline is as built", baseline_is_as_built},
        {"a shift needs 7 points, a point on the centre breaks it", shift_needs_seven},
        {"a trend needs 7 points, an equal step breaks it", trend_needs_seven_points},
        {"a trend's points are coloured by its way, not their side", trend_colour_is_its_way},
        {"two-in-three at its boundaries", two_in_three_boundaries},
        {"outside is strictly beyond a limit", outside_is_strict},
        {"screening drops large moving ranges once", screening_drops_large_ranges},
        {"rebases start segments; assurance against a target", rebases_and_assurance},
        {"screening drops a moving range exactly on its limit",
         screening_drops_a_range_on_the_limit},
        {"assurance with the target on the upper limit is hit or miss",
         assurance_with_the_target_on_the_upper_limit},
        {"a rebase period given twice is refused", a_rebase_given_twice_is_refused},
        {"a rebase at the end and a target not a number are refused",
         rebase_at_the_end_and_target_not_a_number},
        {"rule names fit the buffer exactly", rule_names_fit_the_buffer_exactly},
        {"errors name the problem", errors_name_the_problem},
        {"errors carry their reason and index", errors_carry_reason_and_index},
        {"agrees with the independent reference on 44 series", agrees_with_the_reference},
        {NULL, NULL}};
    return tu_add_suite("spc", tests);
}

const test_suite_t suite_spc = {"spc", add};

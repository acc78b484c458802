/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kinds.c: the tables of kinds (kinds.h), and the look-ups over them. */
#include "render/kinds.h"

#include <string.h>

#include "forcestat/funnel.h"
#include "forcestat/intervals.h"
#include "forcestat/spc.h"
#include "io/distance.h"

#define ROWS(a) (a), sizeof(a) / sizeof((a)[0])

static const fs_kind_t chart_rows[] = {
    {"bar", FS_CHART_BAR, "one bar per force with the outlier band", "bar.gp"},
    {"trend", FS_CHART_TREND, "a force against England and Wales over time", "trend.gp"},
    {"intervals", FS_CHART_INTERVALS, "each force's interval against England and Wales",
     "intervals.gp"},
    {"funnel", FS_CHART_FUNNEL, "each force against its size, with control limits", "funnel.gp"},
    {"spc", FS_CHART_SPC, "the XmR chart of one series (statistical process control)", "spc.gp"},
    {"spine", FS_CHART_SPINE, "a force on every measure of a manifest at a glance", "spine.gp"},
    {"change", FS_CHART_CHANGE, "each force's change between two periods, sorted", "change.gp"},
    {"ratio", FS_CHART_RATIO, "each force's rate ratio of a group to a reference group",
     "ratio.gp"},
    {"change-funnel", FS_CHART_CHANGE_FUNNEL,
     "each force's change against its size, with funnel limits",
     "change-funnel.gp"},
};
/* Each kind's options beyond those every chart takes (--output,
 * --highlight, --title, --ylabel, --source, --width, --height,
 * --keep-script, --period, --force, --filter, --encoding): what `chart
 * KIND` refuses otherwise, and what its help lists.  Row by row. */
static const char *const chart_takes[] = {
    "value numerator denominator count population per sort groups alpha log-rule",
    "value numerator denominator count population per compare year-ending method level",
    "numerator denominator count population per sort method level",
    "numerator denominator count population per xlabel type limits overdispersion target",
    "value numerator denominator count population per year-ending target rebase baseline "
    "no-screen improvement min-points",
    NULL, /* chart spine parses its own options (cmd_spine.c) */
    "numerator denominator count population per sort level from to year-ending",
    NULL, /* chart ratio takes ratio's (cmd_ratio.c) */
    "numerator denominator count population per from to year-ending overdispersion",
};
/* A row of options for each kind: the build fails otherwise. */
typedef char chart_takes_one_a_row
    [sizeof chart_takes / sizeof *chart_takes == sizeof chart_rows / sizeof *chart_rows ? 1 : -1];
const fs_kind_table_t fs_kinds_chart = {"chart", "chart", ROWS(chart_rows), -1, chart_takes};

/* How each kind is drawn (kinds.h); spine has no row. */
static const fs_chart_draw_t chart_draws[] = {
    {FS_CHART_BAR, 0, FS_WANT_BAND, fs_chart_bar_of, FS_CHART_NARROW_ROWS},
    {FS_CHART_TREND, 0, FS_WANT_TREND, fs_chart_trend_of, FS_CHART_NARROW_TREND},
    {FS_CHART_INTERVALS, 1, FS_WANT_COMPARISON, fs_chart_intervals_of, FS_CHART_NARROW_ROWS},
    {FS_CHART_FUNNEL, 1, FS_WANT_FUNNEL, fs_chart_funnel_of, FS_CHART_NARROW_TALL},
    {FS_CHART_SPC, 0, FS_WANT_SPC, fs_chart_spc_of, FS_CHART_NARROW_TALL},
    {FS_CHART_CHANGE, 1, FS_WANT_PERIODS, fs_chart_change_of, FS_CHART_NARROW_ROWS},
    {FS_CHART_CHANGE_FUNNEL, 1, FS_WANT_PERIODS, fs_chart_change_funnel_of, FS_CHART_NARROW_TALL},
};

const fs_chart_draw_t *fs_chart_draw_of(int kind)
{
    for (size_t i = 0; i < sizeof chart_draws / sizeof chart_draws[0]; i++)
        if (chart_draws[i].kind == kind)
            return &chart_draws[i];
    return NULL;
}

static const fs_kind_t od_rows[] = {
    {"none", FS_OVERDISPERSION_NONE, "limits from the binomial or Poisson alone (default)", NULL},
    {"multiplicative", FS_OVERDISPERSION_MULTIPLICATIVE, "limits widened by sqrt(phi)", NULL},
    {"additive", FS_OVERDISPERSION_ADDITIVE, "random-effects limits (tau^2)", NULL},
};
const fs_kind_table_t fs_kinds_overdispersion = {"--overdispersion", "--overdispersion",
                                                 ROWS(od_rows), FS_OVERDISPERSION_NONE, NULL};

static const fs_kind_t spc_rows[] = {
    {"outside", FS_SPC_RULE_OUTSIDE, "a point beyond a process limit", NULL},
    {"shift", FS_SPC_RULE_SHIFT, "7 or more points in a row on one side of the mean", NULL},
    {"trend", FS_SPC_RULE_TREND, "7 or more points in a row each higher, or each lower", NULL},
    {"two-in-three", FS_SPC_RULE_TWO_IN_THREE,
     "2 of 3 points in a row between a near line and its limit", NULL},
};
const fs_kind_table_t fs_kinds_spc_rule = {"spc-rules", "SPC rule", ROWS(spc_rows), -1, NULL};

static const fs_kind_t format_rows[] = {
    {"text", FS_FORMAT_TEXT, "for people: rounded, aligned", NULL},
    {"csv", FS_FORMAT_CSV, "comma-separated values, numbers in full precision", NULL},
    {"json", FS_FORMAT_JSON, "JSON, numbers in full precision", NULL},
};
const fs_kind_table_t fs_kinds_format = {"--format", "format", ROWS(format_rows), -1, NULL};

const fs_kind_table_t *const fs_kind_tables[] = {&fs_kinds_chart, &fs_kinds_ci_method,
                                                 &fs_kinds_overdispersion, &fs_kinds_spc_rule,
                                                 &fs_kinds_format, NULL};

static int allowed(unsigned mask, size_t i)
{
    return i >= 32 || ((mask >> i) & 1u);
}

const fs_kind_t *fs_kind_find(const fs_kind_table_t *t, const char *name, unsigned mask)
{
    for (size_t i = 0; i < t->n; i++)
        if (allowed(mask, i) && strcmp(t->rows[i].name, name) == 0)
            return &t->rows[i];
    return NULL;
}

const fs_kind_t *fs_kind_of(const fs_kind_table_t *t, int value)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].value == value)
            return &t->rows[i];
    return NULL;
}

/* Whether b is a with two neighbouring bytes swapped ("jsno", "json"):
 * one slip, though two edits to Levenshtein. */
static int swapped(const char *a, size_t na, const char *b)
{
    if (strlen(b) != na)
        return 0;
    size_t i = 0;
    while (i < na && a[i] == b[i])
        i++;
    return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           strcmp(a + i + 2, b + i + 2) == 0;
}

const fs_kind_t *fs_kind_suggest(const fs_kind_table_t *t, const char *name, unsigned mask)
{
    size_t len = strlen(name);
    size_t limit = fs_near_miss_limit(len), best_d = limit + 1;
    const fs_kind_t *best = NULL;
    for (size_t i = 0; i < t->n; i++) {
        if (!allowed(mask, i))
            continue;
        const char *cand = t->rows[i].name;
        size_t d = swapped(name, len, cand) ? 1 : fs_edit_distance(name, len, cand, strlen(cand), limit);
        if (d < best_d) {
            best_d = d;
            best = &t->rows[i];
        }
    }
    return best;
}

/* Whether the list takes ("a b c") has the word opt. */
static int lists(const char *takes, const char *opt)
{
    size_t n = strlen(opt);
    for (const char *p = takes; p != NULL && *p != '\0';) {
        size_t len = strcspn(p, " ");
        if (len == n && memcmp(p, opt, n) == 0)
            return 1;
        p += len + (p[len] == ' ');
    }
    return 0;
}

unsigned fs_kind_takers(const fs_kind_table_t *t, const char *opt)
{
    unsigned mask = 0;
    for (size_t i = 0; i < t->n && i < 32; i++)
        if (t->takes != NULL && lists(t->takes[i], opt))
            mask |= 1u << i;
    return mask != 0 ? mask : FS_KIND_ALL;
}

size_t fs_kind_join(const fs_kind_table_t *t, unsigned mask, const char *sep, const char *last,
                    char *buf, size_t size)
{
    size_t count = 0, total = 0, len = 0;
    for (size_t i = 0; i < t->n; i++)
        count += allowed(mask, i);
    if (size > 0)
        buf[0] = '\0';
    for (size_t i = 0, k = 0; i < t->n; i++) {
        if (!allowed(mask, i))
            continue;
        const char *parts[2] = {k == 0 ? "" : k + 1 == count ? last : sep, t->rows[i].name};
        k++;
        for (size_t p = 0; p < 2; p++) {
            size_t n = strlen(parts[p]);
            total += n;
            if (size > 0 && len < size - 1) {
                size_t room = size - 1 - len, take = n < room ? n : room;
                memcpy(buf + len, parts[p], take);
                len += take;
                buf[len] = '\0';
            }
        }
    }
    return total;
}

unsigned fs_kind_mask_of_bits(const fs_kind_table_t *t, unsigned bits)
{
    unsigned mask = 0;
    for (size_t i = 0; i < t->n && i < 32; i++)
        if ((unsigned)t->rows[i].value & bits)
            mask |= 1u << i;
    return mask;
}

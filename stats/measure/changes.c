/* SPDX-License-Identifier: GPL-3.0-or-later */
/* changes.c: every force's change between two periods of a measure, and
 * England and Wales's (changes.h). */
#include "forcestat/changes.h"

#include <stdlib.h>
#include <string.h>

#include "forcestat/registry.h"

/* The index of the period labelled label, or m->nperiods when there is
 * none; then err says so and lists the periods there are. */
static size_t find_period(const fs_measure_t *m, const char *label, fs_error_t *err)
{
    for (size_t k = 0; k < m->nperiods; k++) {
        if (strcmp(m->periods[k].label, label) == 0)
            return k;
    }
    /* As many periods as fit in the message beside the label asked for. */
    char list[FS_ERROR_MESSAGE_MAX];
    size_t used = 0, room = strlen(label) + 40;
    room = room < sizeof list ? sizeof list - room : 0;
    list[0] = '\0';
    for (size_t k = 0; k < m->nperiods; k++) {
        size_t len = strlen(m->periods[k].label);
        if (used + len + 8 >= room) {
            memcpy(list + used, ", ...", 6);
            break;
        }
        if (k > 0) {
            memcpy(list + used, ", ", 3);
            used += 2;
        }
        memcpy(list + used, m->periods[k].label, len + 1);
        used += len;
    }
    fs_error_raise(err, FS_ENOTFOUND, FS_REASON_NONE, FS_ERROR_NO_INDEX,
                   "no period '%s'; the periods are %s", label, list);
    return m->nperiods;
}

/* Each force's comparison row in period p (index into its rows), or -1
 * when the force has no figure there. */
static void rows_by_force(const fs_measure_period_t *p, long *by_force)
{
    for (size_t f = 0; f < FS_FORCE_COUNT; f++)
        by_force[f] = -1;
    for (size_t k = 0; k < p->comparison.nrows; k++) {
        const fs_compare_row_t *r = &p->comparison.rows[k];
        int f = p->desc->units[r->row].force;
        if (f >= 0 && f < FS_FORCE_COUNT && r->mark != FS_MARK_MISSING)
            by_force[f] = (long)k;
    }
}

/* The figures of force f in both periods into row, and the totals. */
static void pair(const fs_measure_t *m, const fs_changes_t *c, int f, long k1, long k2,
                 fs_change_row_t *row)
{
    const fs_compare_row_t *a = &m->periods[c->period1].comparison.rows[k1];
    const fs_compare_row_t *b = &m->periods[c->period2].comparison.rows[k2];
    memset(row, 0, sizeof *row);
    row->force = f;
    row->row1 = a->row;
    row->row2 = b->row;
    row->x = (fs_two_periods_t){a->numerator, a->denominator, b->numerator, b->denominator};
    row->value1 = a->ci.estimate;
    row->value2 = b->ci.estimate;
}

/* The forces with figures in both periods into c->rows (the second
 * period's order), and England and Wales pooled over them into c->total.
 * A force with figures in one period only is an error. */
static fs_status_t pair_forces(const fs_measure_t *m, fs_changes_t *c, fs_error_t *err)
{
    long k1[FS_FORCE_COUNT], k2[FS_FORCE_COUNT];
    rows_by_force(&m->periods[c->period1], k1);
    rows_by_force(&m->periods[c->period2], k2);
    for (int f = 0; f < FS_FORCE_COUNT; f++) {
        if ((k1[f] < 0) != (k2[f] < 0))
            return fs_error_raise(
                err, FS_EDOM, FS_REASON_MISSING_VALUE, (size_t)f,
                "%s has figures in %s but none in %s", fs_registry_force((size_t)f)->name,
                k1[f] < 0 ? c->label2 : c->label1, k1[f] < 0 ? c->label1 : c->label2);
    }
    const fs_comparison_t *second = &m->periods[c->period2].comparison;
    c->rows = malloc((second->nrows ? second->nrows : 1) * sizeof *c->rows);
    if (c->rows == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_two_periods_t sum = {0, 0, 0, 0};
    for (size_t k = 0; k < second->nrows; k++) {
        int f = m->periods[c->period2].desc->units[second->rows[k].row].force;
        if (f < 0 || f >= FS_FORCE_COUNT || k2[f] != (long)k)
            continue;
        fs_change_row_t *row = &c->rows[c->n++];
        pair(m, c, f, k1[f], k2[f], row);
        sum.count1 += row->x.count1;
        sum.base1 += row->x.base1;
        sum.count2 += row->x.count2;
        sum.base2 += row->x.base2;
    }
    if (c->n == 0)
        return fs_error_raise(err, FS_EDOM, FS_REASON_TOO_FEW, FS_ERROR_NO_INDEX,
                              "no force has figures in both %s and %s", c->label1, c->label2);
    memset(&c->total, 0, sizeof c->total);
    c->total.force = -1;
    c->total.x = sum;
    c->total.value1 = m->periods[c->period1].comparison.pooled.estimate;
    c->total.value2 = m->periods[c->period2].comparison.pooled.estimate;
    return FS_OK;
}

/* One row's contrasts: the change (and a rate's difference), and with
 * against the change against the rest of England and Wales. */
static fs_status_t contrasts(const fs_changes_t *c, fs_change_row_t *row, int against,
                             fs_error_t *err)
{
    fs_status_t st;
    if (!c->is_rate) {
        st = fs_change_proportion(&row->x, c->level, &row->change, err);
        if (st == FS_OK && against)
            st = fs_change_proportion_against_rest(&row->x, &c->total.x, c->level, &row->against,
                                                   err);
        return st;
    }
    st = fs_change_rate_ratio(&row->x, FS_RATE_RATIO_EXACT, c->level, &row->change, err);
    if (st == FS_OK)
        st = fs_change_rate_difference(&row->x, c->per, c->level, &row->difference, err);
    if (st == FS_OK && against)
        st = fs_change_rate_against_rest(&row->x, &c->total.x, c->level, &row->against, err);
    return st;
}

/* Adjusts one family's p-values (the change's, or against the rest's):
 * the defined contrasts among the forces, then each force's verdict. */
static fs_status_t adjust_family(fs_changes_t *c, int against, double *p, size_t *which,
                                 fs_error_t *err)
{
    double null_value = c->is_rate ? 1.0 : 0.0;
    size_t n = 0;
    for (size_t k = 0; k < c->n; k++) {
        const fs_contrast_t *x = against ? &c->rows[k].against : &c->rows[k].change;
        if (x->defined != FS_NOT_DEFINED) {
            p[n] = x->p_value;
            which[n++] = k;
        }
    }
    fs_status_t st = fs_p_adjust(p, n, c->adjust, p, err);
    if (st != FS_OK)
        return st;
    for (size_t k = 0; k < c->n; k++) {
        fs_change_row_t *row = &c->rows[k];
        *(against ? &row->against_p_adjusted : &row->p_adjusted) = 1.0;
    }
    for (size_t j = 0; j < n; j++) {
        fs_change_row_t *row = &c->rows[which[j]];
        *(against ? &row->against_p_adjusted : &row->p_adjusted) = p[j];
    }
    for (size_t k = 0; k < c->n; k++) {
        fs_change_row_t *row = &c->rows[k];
        const fs_contrast_t *x = against ? &row->against : &row->change;
        double padj = against ? row->against_p_adjusted : row->p_adjusted;
        fs_verdict_t v = c->adjust == FS_ADJUST_NONE
                             ? fs_contrast_verdict(x, null_value)
                             : fs_contrast_verdict_adjusted(x, null_value, padj, c->level);
        *(against ? &row->against_verdict : &row->verdict) = v;
    }
    return FS_OK;
}

/* The checks on what fs_changes_compute is given, and the two periods. */
static fs_status_t choose_periods(const fs_measure_t *m, const char *from, const char *to,
                                  double level, fs_changes_t *out, fs_error_t *err)
{
    if (m->kind == FS_MEASURE_VALUE || !(m->have & FS_WANT_PERIODS))
        return fs_error_set(err, FS_EINVAL,
                            "a change needs a proportion or a rate computed over its periods");
    if (!(level > 0.0 && level < 1.0))
        return fs_error_set(err, FS_EINVAL, "the level must be strictly between 0 and 1");
    if (strcmp(from, to) == 0)
        return fs_error_set(err, FS_EINVAL, "the two periods are the same ('%s')", from);
    if ((out->period1 = find_period(m, from, err)) == m->nperiods ||
        (out->period2 = find_period(m, to, err)) == m->nperiods)
        return FS_ENOTFOUND;
    out->label1 = m->periods[out->period1].label;
    out->label2 = m->periods[out->period2].label;
    const fs_comparison_t *c2 = &m->periods[out->period2].comparison;
    if (c2->other_units || m->periods[out->period1].comparison.other_units)
        return fs_error_set(err, FS_EINVAL, "a change is over police forces, and %s names none",
                            out->label2);
    out->is_rate = c2->is_rate;
    out->per = c2->per;
    return FS_OK;
}

fs_status_t fs_changes_compute(const fs_measure_t *m, const char *from, const char *to,
                               double level, fs_adjust_t adjust, fs_changes_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->level = level;
    out->adjust = adjust;
    fs_status_t st = choose_periods(m, from, to, level, out, err);
    if (st == FS_OK)
        st = pair_forces(m, out, err);
    if (st == FS_OK)
        st = contrasts(out, &out->total, 0, err);
    for (size_t k = 0; st == FS_OK && k < out->n; k++)
        st = contrasts(out, &out->rows[k], 1, err);
    if (st != FS_OK)
        return st;
    double *p = malloc((out->n ? out->n : 1) * sizeof *p);
    size_t *which = malloc((out->n ? out->n : 1) * sizeof *which);
    if (p == NULL || which == NULL)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st == FS_OK)
        st = adjust_family(out, 0, p, which, err);
    if (st == FS_OK)
        st = adjust_family(out, 1, p, which, err);
    free(p);
    free(which);
    if (st != FS_OK)
        return st;
    out->total.p_adjusted = out->total.change.p_value;
    out->total.verdict = fs_contrast_verdict(&out->total.change, out->is_rate ? 1.0 : 0.0);
    out->total.against_verdict = FS_VERDICT_NOT_DEFINED;
    return FS_OK;
}

void fs_changes_free(fs_changes_t *c)
{
    if (c == NULL)
        return;
    free(c->rows);
    c->rows = NULL;
    c->n = 0;
}

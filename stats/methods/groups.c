/* SPDX-License-Identifier: GPL-3.0-or-later */
/* groups.c: most similar groups, read from a user's file. */
#include "forcestat/groups.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/registry.h"

void fs_groups_free(fs_groups_t *g)
{
    if (g == NULL)
        return;
    for (size_t i = 0; i < g->ngroups; i++)
        free(g->names[i]);
    free(g->names);
    free(g);
}

fs_status_t fs_groups_from_table(const fs_table_t *t, fs_groups_t **out, fs_error_t *err)
{
    *out = NULL;
    if (t->ncols < 2) {
        fs_error_at(err, t->name, 1, 0, NULL, 0);
        return fs_error_set(err, FS_EPARSE, "a groups file needs a force column and a group column");
    }
    size_t fcol = 0, gcol = 1;
    if (fs_table_find_column(t, "force", &fcol, NULL) != FS_OK)
        fcol = 0;
    if (fs_table_find_column(t, "group", &gcol, NULL) != FS_OK)
        gcol = fcol == 1 ? 0 : 1;
    fs_groups_t *g = calloc(1, sizeof *g);
    if (g == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t f = 0; f < FS_FORCE_COUNT; f++)
        g->group_of[f] = -1;
    g->names = calloc(t->nrows ? t->nrows : 1, sizeof *g->names);
    if (g->names == NULL) {
        fs_groups_free(g);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    long line_of[FS_FORCE_COUNT] = {0};
    for (size_t i = 0; i < t->nrows; i++) {
        const char *name = fs_table_cell(t, i, fcol);
        const char *group = fs_table_cell(t, i, gcol);
        fs_unit_t u = fs_registry_match(name, strlen(name));
        fs_status_t st = FS_OK;
        if (u.kind != FS_UNIT_FORCE) {
            fs_error_at(err, t->name, t->lines[i], (long)fcol + 1, name, strlen(name));
            st = fs_error_set(err, FS_EPARSE, "not a territorial force");
        } else if (line_of[u.force] != 0) {
            fs_error_at(err, t->name, t->lines[i], (long)fcol + 1, name, strlen(name));
            st = fs_error_set(err, FS_EPARSE, "%s is listed twice (also on line %ld)", u.name,
                              line_of[u.force]);
        } else if (group[0] == '\0') {
            fs_error_at(err, t->name, t->lines[i], (long)gcol + 1, NULL, 0);
            st = fs_error_set(err, FS_EPARSE, "empty group name");
        }
        if (st != FS_OK) {
            fs_groups_free(g);
            return st;
        }
        line_of[u.force] = t->lines[i];
        size_t k = 0;
        while (k < g->ngroups && strcmp(g->names[k], group) != 0)
            k++;
        if (k == g->ngroups) {
            g->names[k] = strdup(group);
            if (g->names[k] == NULL) {
                fs_groups_free(g);
                return fs_error_set(err, FS_ENOMEM, "out of memory");
            }
            g->ngroups++;
        }
        g->group_of[u.force] = (int)k;
    }
    *out = g;
    return FS_OK;
}

int fs_groups_of_row(const fs_groups_t *g, const fs_description_t *d, size_t row)
{
    if (g == NULL || d->units[row].kind != FS_UNIT_FORCE)
        return -1;
    return g->group_of[d->units[row].force];
}

void fs_groups_band_means(const fs_groups_t *g, const fs_description_t *d,
                          const fs_outliers_t *o, double *group_mean)
{
    for (size_t k = 0; k < o->nrows; k++) {
        int grp = fs_groups_of_row(g, d, o->rows[k].row);
        double sum = 0;
        size_t n = 0;
        for (size_t j = 0; grp >= 0 && j < o->nrows; j++) {
            if (fs_groups_of_row(g, d, o->rows[j].row) == grp && !isnan(o->rows[j].value)) {
                sum += o->rows[j].value;
                n++;
            }
        }
        group_mean[k] = n > 0 ? sum / (double)n : NAN;
    }
}

fs_status_t fs_groups_compare(const fs_groups_t *g, const fs_description_t *d,
                              const fs_comparison_t *c, fs_group_comparison_t *out,
                              fs_error_t *err)
{
    for (size_t k = 0; k < c->nrows; k++) {
        const fs_compare_row_t *r = &c->rows[k];
        fs_group_comparison_t *o = &out[k];
        o->group = fs_groups_of_row(g, d, r->row);
        o->mark = FS_MARK_MISSING;
        o->pooled.estimate = o->pooled.lower = o->pooled.upper = o->pooled.margin = NAN;
        if (o->group < 0)
            continue;
        double num = 0, den = 0;
        for (size_t j = 0; j < c->nrows; j++) {
            const fs_compare_row_t *q = &c->rows[j];
            if (q->mark == FS_MARK_MISSING || fs_groups_of_row(g, d, q->row) != o->group)
                continue;
            num += q->numerator;
            den += q->denominator;
        }
        if (!(den > 0))
            continue;
        fs_status_t st = c->is_rate ? fs_rate_ci(num, den, c->per, c->level, &o->pooled, err)
                                    : fs_proportion_ci(num, den, c->method, c->level, 0,
                                                       &o->pooled, err);
        if (st != FS_OK)
            return st;
        if (r->mark == FS_MARK_MISSING)
            continue;
        double e = o->pooled.estimate;
        o->mark = r->ci.lower > e ? FS_MARK_HIGHER : (r->ci.upper < e ? FS_MARK_LOWER : FS_MARK_SIMILAR);
    }
    return FS_OK;
}

fs_status_t fs_groups_pooled_targets(const fs_groups_t *g, const fs_description_t *d,
                                     const size_t *rows, const double *num, const double *den,
                                     size_t n, double scale, double *target, fs_error_t *err)
{
    size_t ng = g->ngroups ? g->ngroups : 1;
    double *sum_num = calloc(ng, sizeof *sum_num), *sum_den = calloc(ng, sizeof *sum_den);
    if (sum_num == NULL || sum_den == NULL) {
        free(sum_num);
        free(sum_den);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < n; k++) {
        int grp = fs_groups_of_row(g, d, rows[k]);
        if (grp < 0 || isnan(num[k]) || isnan(den[k]))
            continue;
        sum_num[grp] += num[k];
        sum_den[grp] += den[k];
    }
    for (size_t k = 0; k < n; k++) {
        int grp = fs_groups_of_row(g, d, rows[k]);
        target[k] = grp >= 0 && sum_den[grp] > 0 ? sum_num[grp] / sum_den[grp] * scale : NAN;
    }
    free(sum_num);
    free(sum_den);
    return FS_OK;
}

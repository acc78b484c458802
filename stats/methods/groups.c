/* SPDX-License-Identifier: GPL-3.0-or-later */
/* groups.c: most similar groups, read from a user's file. */
#include "forcestat/groups.h"

#include <math.h>
#include <stdio.h>
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
    free(g->members);
    free(g);
}

/* The index of the group named name, added when new; -1 out of memory. */
static int group_named(fs_groups_t *g, const char *name)
{
    size_t k = 0;
    while (k < g->ngroups && strcmp(g->names[k], name) != 0)
        k++;
    if (k == g->ngroups) {
        g->names[k] = strdup(name);
        if (g->names[k] == NULL)
            return -1;
        g->ngroups++;
    }
    return (int)k;
}

/* Row i's cell in column col as a territorial force, or FS_EPARSE naming
 * the cell. */
static fs_status_t force_cell(const fs_table_t *t, size_t i, size_t col, fs_unit_t *u,
                              fs_error_t *err)
{
    const char *name = fs_table_cell(t, i, col);
    *u = fs_registry_match(name, strlen(name));
    if (u->kind == FS_UNIT_FORCE)
        return FS_OK;
    fs_error_at(err, t->name, t->lines[i], (long)col + 1, name, strlen(name));
    return fs_error_set(err, FS_EPARSE, "not a territorial force");
}

/* One group per row's group name; each force once. */
static fs_status_t read_groups(const fs_table_t *t, size_t fcol, size_t gcol, fs_groups_t *g,
                               fs_error_t *err)
{
    long line_of[FS_FORCE_COUNT] = {0};
    for (size_t i = 0; i < t->nrows; i++) {
        const char *name = fs_table_cell(t, i, fcol);
        const char *group = fs_table_cell(t, i, gcol);
        fs_unit_t u;
        fs_status_t st = force_cell(t, i, fcol, &u, err);
        if (st != FS_OK)
            return st;
        if (line_of[u.force] != 0) {
            fs_error_at(err, t->name, t->lines[i], (long)fcol + 1, name, strlen(name));
            return fs_error_set(err, FS_EPARSE, "%s is listed twice (also on line %ld)", u.name,
                                line_of[u.force]);
        }
        if (group[0] == '\0') {
            fs_error_at(err, t->name, t->lines[i], (long)gcol + 1, NULL, 0);
            return fs_error_set(err, FS_EPARSE, "empty group name");
        }
        line_of[u.force] = t->lines[i];
        int k = group_named(g, group);
        if (k < 0)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        g->group_of[u.force] = k;
        g->members[k][u.force] = 1;
    }
    return FS_OK;
}

/* One group per force with a list, "peers of FORCE": the force and its
 * peers; each pair once, no force its own peer. */
static fs_status_t read_peers(const fs_table_t *t, size_t fcol, size_t pcol, fs_groups_t *g,
                              fs_error_t *err)
{
    g->peer_lists = 1;
    for (size_t i = 0; i < t->nrows; i++) {
        fs_unit_t u, p;
        fs_status_t st = force_cell(t, i, fcol, &u, err);
        if (st == FS_OK)
            st = force_cell(t, i, pcol, &p, err);
        if (st != FS_OK)
            return st;
        const char *cell = fs_table_cell(t, i, pcol);
        if (p.force == u.force) {
            fs_error_at(err, t->name, t->lines[i], (long)pcol + 1, cell, strlen(cell));
            return fs_error_set(err, FS_EPARSE, "%s is listed as its own peer", u.name);
        }
        int k = g->group_of[u.force];
        if (k < 0) {
            char name[160];
            snprintf(name, sizeof name, "peers of %s", u.name);
            if ((k = group_named(g, name)) < 0)
                return fs_error_set(err, FS_ENOMEM, "out of memory");
            g->group_of[u.force] = k;
            g->members[k][u.force] = 1;
        } else if (g->members[k][p.force]) {
            fs_error_at(err, t->name, t->lines[i], (long)pcol + 1, cell, strlen(cell));
            return fs_error_set(err, FS_EPARSE, "%s is listed twice as a peer of %s", p.name,
                                u.name);
        }
        g->members[k][p.force] = 1;
    }
    return FS_OK;
}

/* Whether every cell of column col names a territorial force. */
static int all_forces(const fs_table_t *t, size_t col)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const char *name = fs_table_cell(t, i, col);
        if (fs_registry_match(name, strlen(name)).kind != FS_UNIT_FORCE)
            return 0;
    }
    return t->nrows > 0;
}

/* The layout (groups.h): its force column, its group or peer column, and
 * whether it is a peer list. */
static int peer_layout(const fs_table_t *t, size_t *fcol, size_t *ocol)
{
    int named_force = fs_table_find_column(t, "force", fcol, NULL) == FS_OK;
    if (!named_force)
        *fcol = 0;
    int peers = fs_table_find_column(t, "peer", ocol, NULL) == FS_OK;
    if (!peers && fs_table_find_column(t, "group", ocol, NULL) == FS_OK)
        return 0;
    if (!peers) {
        *ocol = *fcol == 1 ? 0 : 1;
        peers = all_forces(t, *ocol);
    }
    if (!named_force && *ocol == *fcol)
        *fcol = *ocol == 0 ? 1 : 0;
    return peers;
}

fs_status_t fs_groups_from_table(const fs_table_t *t, fs_groups_t **out, fs_error_t *err)
{
    *out = NULL;
    if (t->ncols < 2) {
        fs_error_at(err, t->name, 1, 0, NULL, 0);
        return fs_error_set(err, FS_EPARSE, "a groups file needs a force column and a group column");
    }
    size_t fcol, ocol;
    int peers = peer_layout(t, &fcol, &ocol);
    fs_groups_t *g = calloc(1, sizeof *g);
    if (g == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t f = 0; f < FS_FORCE_COUNT; f++)
        g->group_of[f] = -1;
    g->names = calloc(t->nrows ? t->nrows : 1, sizeof *g->names);
    g->members = calloc(t->nrows ? t->nrows : 1, sizeof *g->members);
    fs_status_t st = g->names == NULL || g->members == NULL
                         ? fs_error_set(err, FS_ENOMEM, "out of memory")
                         : (peers ? read_peers : read_groups)(t, fcol, ocol, g, err);
    if (st != FS_OK) {
        fs_groups_free(g);
        return st;
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

int fs_groups_has_row(const fs_groups_t *g, int group, const fs_description_t *d, size_t row)
{
    if (g == NULL || group < 0 || d->units[row].kind != FS_UNIT_FORCE)
        return 0;
    return g->members[group][d->units[row].force];
}

void fs_groups_band_means(const fs_groups_t *g, const fs_description_t *d,
                          const fs_outliers_t *o, double *group_mean)
{
    for (size_t k = 0; k < o->nrows; k++) {
        int grp = fs_groups_of_row(g, d, o->rows[k].row);
        double sum = 0;
        size_t n = 0;
        for (size_t j = 0; grp >= 0 && j < o->nrows; j++) {
            if (fs_groups_has_row(g, grp, d, o->rows[j].row) && !isnan(o->rows[j].value)) {
                sum += o->rows[j].value;
                n++;
            }
        }
        group_mean[k] = n > 0 ? sum / (double)n : NAN;
    }
}

void fs_groups_rank(const fs_groups_t *g, const fs_description_t *d, const fs_outliers_t *o,
                    size_t k, size_t *rank, size_t *n)
{
    *rank = *n = 0;
    int grp = fs_groups_of_row(g, d, o->rows[k].row);
    double v = o->rows[k].value;
    if (grp < 0 || isnan(v))
        return;
    size_t above = 0;
    for (size_t j = 0; j < o->nrows; j++) {
        if (!fs_groups_has_row(g, grp, d, o->rows[j].row) || isnan(o->rows[j].value))
            continue;
        above += o->rows[j].value > v;
        (*n)++;
    }
    *rank = above + 1;
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
            if (q->mark == FS_MARK_MISSING || !fs_groups_has_row(g, o->group, d, q->row))
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
    /* By membership, not by each unit's own group: with peer lists a
     * force is in the groups of every force that lists it. */
    for (size_t grp = 0; grp < g->ngroups; grp++) {
        for (size_t k = 0; k < n; k++) {
            if (!fs_groups_has_row(g, (int)grp, d, rows[k]) || isnan(num[k]) || isnan(den[k]))
                continue;
            sum_num[grp] += num[k];
            sum_den[grp] += den[k];
        }
    }
    for (size_t k = 0; k < n; k++) {
        int grp = fs_groups_of_row(g, d, rows[k]);
        target[k] = grp >= 0 && sum_den[grp] > 0 ? sum_num[grp] / sum_den[grp] * scale : NAN;
    }
    free(sum_num);
    free(sum_den);
    return FS_OK;
}

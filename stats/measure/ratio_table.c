/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ratio_table.c: disproportionality by force (ratio_table.h): the counts
 * and the people of each force and group, gathered from their tables,
 * handed to fs_group_ratio and fs_group_ratio_not_stated. */
#include "forcestat/ratio_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../io/status_internal.h"
#include "columns.h"

/* Slots of the sums: the 43 forces, British Transport Police, and
 * England and Wales (the forces compared and BTP). */
#define SLOT_BTP FS_FORCE_COUNT
#define SLOT_EW (FS_FORCE_COUNT + 1)
#define SLOTS (FS_FORCE_COUNT + 2)

struct ratio_work {
    size_t ngroups, ref;
    const char **groups;
    double *count;   /* SLOTS x ngroups */
    size_t *row_of;  /* the row that gave each count (SIZE_MAX: none) */
    double *people;  /* FS_FORCE_COUNT x ngroups, NaN when absent */
    size_t *pop_row; /* the population row of each (SIZE_MAX: none) */
    unsigned char has_pop[FS_FORCE_COUNT];
    double not_stated[SLOTS], stated[SLOTS];
    int order[FS_FORCE_COUNT];
    size_t first_row[FS_FORCE_COUNT];
    size_t nforces;
};

static void work_free(struct ratio_work *w)
{
    free(w->count);
    free(w->row_of);
    free(w->people);
    free(w->pop_row);
}

void fs_ratio_table_free(fs_ratio_table_t *r)
{
    if (r == NULL)
        return;
    free(r->groups);
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* The slot of row i of t: its force's, BTP's, or -1 (left out). */
static int slot_of(const fs_description_t *d, size_t i)
{
    if (fs_description_selects(d, i) && d->units[i].kind == FS_UNIT_FORCE)
        return d->units[i].force;
    if (d->units[i].kind == FS_UNIT_OTHER_FORCE && d->units[i].name != NULL &&
        strcmp(d->units[i].name, "British Transport Police") == 0)
        return SLOT_BTP;
    return -1;
}

static int is_not_stated(const fs_ratio_spec_t *s, const char *label)
{
    return s->not_stated != NULL && strcmp(label, s->not_stated) == 0;
}

static size_t group_index(const struct ratio_work *w, const char *label)
{
    for (size_t g = 0; g < w->ngroups; g++) {
        if (strcmp(w->groups[g], label) == 0)
            return g;
    }
    return SIZE_MAX;
}

/* The groups the table names, in order, and the forces; the reference
 * must be one of them, beside another. */
static fs_status_t collect_groups(const fs_table_t *t, const fs_description_t *d,
                                  const fs_ratio_spec_t *s, struct ratio_work *w, fs_error_t *err)
{
    if ((w->groups = malloc((t->nrows ? t->nrows : 1) * sizeof *w->groups)) == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    unsigned char seen[FS_FORCE_COUNT] = {0};
    for (size_t i = 0; i < t->nrows; i++) {
        int slot = slot_of(d, i);
        const char *label = fs_table_cell(t, i, s->group_col);
        if (slot < 0 || is_not_stated(s, label))
            continue;
        if (group_index(w, label) == SIZE_MAX)
            w->groups[w->ngroups++] = label;
        if (slot < FS_FORCE_COUNT && !seen[slot]) {
            seen[slot] = 1;
            w->first_row[slot] = i;
            w->order[w->nforces++] = slot;
        }
    }
    w->ref = group_index(w, s->reference);
    fs_error_at(err, t->name, 0, 0, NULL, 0);
    if (w->ref == SIZE_MAX)
        return fs_error_raise(err, FS_ENOTFOUND, FS_REASON_MISSING_VALUE, FS_ERROR_NO_INDEX,
                              "no force's row in column '%s' is of the reference group '%s'",
                              t->columns[s->group_col], s->reference);
    if (w->ngroups < 2)
        return fs_error_raise(err, FS_ENOTFOUND, FS_REASON_MISSING_VALUE, FS_ERROR_NO_INDEX,
                              "column '%s' names no group but the reference '%s' to compare",
                              t->columns[s->group_col], s->reference);
    return FS_OK;
}

/* A count or population cell that is missing or below 0. */
static fs_status_t bad_cell(const fs_table_t *t, size_t i, size_t col, double v, fs_error_t *err)
{
    const char *text = fs_table_cell(t, i, col);
    fs_error_at(err, t->name, t->lines[i], (long)col + 1, text, strlen(text));
    return fs_error_raise(err, FS_EPARSE, isnan(v) ? FS_REASON_MISSING_VALUE : FS_REASON_BAD_COUNT,
                          i, "column '%s': %s", t->columns[col],
                          isnan(v) ? "a count is missing" : "a count must be >= 0");
}

/* A force and group on a second row. */
static fs_status_t twice(const fs_table_t *t, size_t i, size_t first, size_t col, fs_error_t *err)
{
    const char *text = fs_table_cell(t, i, col);
    fs_error_at(err, t->name, t->lines[i], (long)col + 1, text, strlen(text));
    return fs_error_raise(err, FS_EPARSE, FS_REASON_DUPLICATE_FORCE, i,
                          "a second row of this force and group (also on line %ld)",
                          t->lines[first]);
}

/* Each force's (and BTP's) count of each group, not stated and stated. */
static fs_status_t collect_counts(const fs_table_t *t, const fs_description_t *d,
                                  const fs_ratio_spec_t *s, const double *v, struct ratio_work *w,
                                  fs_error_t *err)
{
    for (size_t i = 0; i < t->nrows; i++) {
        int slot = slot_of(d, i);
        if (slot < 0)
            continue;
        if (isnan(v[i]) || v[i] < 0)
            return bad_cell(t, i, s->count_col, v[i], err);
        const char *label = fs_table_cell(t, i, s->group_col);
        if (is_not_stated(s, label)) {
            w->not_stated[slot] += v[i];
            continue;
        }
        size_t k = (size_t)slot * w->ngroups + group_index(w, label);
        if (w->row_of[k] != SIZE_MAX)
            return twice(t, i, w->row_of[k], s->group_col, err);
        w->row_of[k] = i;
        w->count[k] = v[i];
        w->stated[slot] += v[i];
    }
    return FS_OK;
}

/* Each force's people of each group compared, from the population table. */
static fs_status_t collect_people(const fs_table_t *pop, const fs_ratio_spec_t *s,
                                  struct ratio_work *w, fs_error_t *err)
{
    for (size_t i = 0; i < pop->nrows; i++) {
        const char *label = fs_table_cell(pop, i, s->pop_force_col);
        fs_unit_t u = fs_registry_match(label, strlen(label));
        size_t g = group_index(w, fs_table_cell(pop, i, s->pop_group_col));
        if (u.kind != FS_UNIT_FORCE)
            continue;
        w->has_pop[u.force] = 1;
        if (g == SIZE_MAX)
            continue;
        const char *cell = fs_table_cell(pop, i, s->pop_value_col), *why = NULL;
        double v = NAN;
        if (fs_parse_number(cell, strlen(cell), &v, &why) == FS_FIELD_INVALID) {
            fs_error_at(err, pop->name, pop->lines[i], (long)s->pop_value_col + 1, cell,
                        strlen(cell));
            return fs_error_raise(err, FS_EPARSE, FS_REASON_NOT_A_NUMBER, i, "column '%s': %s",
                                  pop->columns[s->pop_value_col], why);
        }
        if (isnan(v) || v < 0)
            return bad_cell(pop, i, s->pop_value_col, v, err);
        size_t k = (size_t)u.force * w->ngroups + g;
        if (w->pop_row[k] != SIZE_MAX)
            return twice(pop, i, w->pop_row[k], s->pop_group_col, err);
        w->pop_row[k] = i;
        w->people[k] = v;
    }
    return FS_OK;
}

/* Every force compared has people of every group. */
static fs_status_t check_people(const fs_table_t *t, const fs_table_t *pop,
                                const struct ratio_work *w, fs_error_t *err)
{
    for (size_t k = 0; k < w->nforces; k++) {
        int f = w->order[k];
        for (size_t g = 0; g < w->ngroups; g++) {
            if (!isnan(w->people[(size_t)f * w->ngroups + g]))
                continue;
            size_t i = w->first_row[f];
            fs_error_at(err, t->name, t->lines[i], 0, NULL, 0);
            if (!w->has_pop[f])
                return fs_error_raise(err, FS_ENOTFOUND, FS_REASON_MISSING_VALUE, i,
                                      "%s has no row in the population table %s",
                                      fs_registry_force((size_t)f)->name, pop->name);
            return fs_error_raise(err, FS_ENOTFOUND, FS_REASON_MISSING_VALUE, i,
                                  "the population table %s has no people of group '%s' for %s",
                                  pop->name, w->groups[g], fs_registry_force((size_t)f)->name);
        }
    }
    return FS_OK;
}

/* One row of the result: slot's group g against the reference. */
static fs_status_t ratio_row(const struct ratio_work *w, int slot, const double *people, size_t g,
                             const fs_ratio_spec_t *s, fs_ratio_row_t *r, fs_error_t *err)
{
    const double *count = w->count + (size_t)slot * w->ngroups;
    r->group = g;
    r->counts = (fs_group_counts_t){count[g], people[g], count[w->ref], people[w->ref]};
    r->not_stated = w->not_stated[slot];
    r->stated_total = w->stated[slot];
    fs_status_t st = fs_group_ratio(&r->counts, s->method, s->level, &r->ratio, err);
    if (st == FS_OK)
        st = fs_group_ratio_not_stated(&r->counts, r->not_stated, r->stated_total, &r->sensitivity,
                                       err);
    if (st != FS_OK)
        fs_error_reword(err, st, 0, "%s, group '%s': ",
                        slot < FS_FORCE_COUNT ? fs_registry_force((size_t)slot)->name
                                              : "England and Wales",
                        w->groups[g]);
    return st;
}

/* The rows: each force's groups, then England and Wales's (the forces
 * and BTP summed into its slot, their people pooled). */
static fs_status_t ratio_rows(const fs_table_t *t, struct ratio_work *w, const fs_ratio_spec_t *s,
                              fs_ratio_table_t *out, fs_error_t *err)
{
    size_t ng = w->ngroups;
    double *ew_people = calloc(ng, sizeof *ew_people);
    out->rows = calloc((w->nforces + 1) * (ng - 1), sizeof *out->rows);
    if (ew_people == NULL || out->rows == NULL) {
        free(ew_people);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    /* British Transport Police's searches count in England and Wales's. */
    memcpy(w->count + SLOT_EW * ng, w->count + SLOT_BTP * ng, ng * sizeof *w->count);
    w->not_stated[SLOT_EW] = w->not_stated[SLOT_BTP];
    w->stated[SLOT_EW] = w->stated[SLOT_BTP];
    fs_status_t st = FS_OK;
    for (size_t k = 0; k <= w->nforces && st == FS_OK; k++) {
        int slot = k < w->nforces ? w->order[k] : SLOT_EW;
        const double *people = k < w->nforces ? w->people + (size_t)slot * ng : ew_people;
        for (size_t g = 0; g < ng && st == FS_OK; g++) {
            if (k < w->nforces) {
                ew_people[g] += people[g];
                w->count[SLOT_EW * ng + g] += w->count[(size_t)slot * ng + g];
            }
            if (g == w->ref)
                continue;
            fs_ratio_row_t *r = &out->rows[out->nrows++];
            r->force = k < w->nforces ? slot : -1;
            r->row = k < w->nforces ? w->first_row[slot] : 0;
            if ((st = ratio_row(w, slot, people, g, s, r, err)) != FS_OK)
                fs_error_at(err, t->name, r->force >= 0 ? t->lines[r->row] : 0, 0, NULL, 0);
        }
        if (k < w->nforces) {
            w->not_stated[SLOT_EW] += w->not_stated[slot];
            w->stated[SLOT_EW] += w->stated[slot];
        }
    }
    free(ew_people);
    return st;
}

/* The work's arrays: counts zero, people absent. */
static fs_status_t work_init(struct ratio_work *w, fs_error_t *err)
{
    size_t n = SLOTS * w->ngroups, np = FS_FORCE_COUNT * w->ngroups;
    w->count = calloc(n, sizeof *w->count);
    w->row_of = malloc(n * sizeof *w->row_of);
    w->people = malloc(np * sizeof *w->people);
    w->pop_row = malloc(np * sizeof *w->pop_row);
    if (w->count == NULL || w->row_of == NULL || w->people == NULL || w->pop_row == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++)
        w->row_of[k] = SIZE_MAX;
    for (size_t k = 0; k < np; k++) {
        w->people[k] = NAN;
        w->pop_row[k] = SIZE_MAX;
    }
    return FS_OK;
}

fs_status_t fs_ratio_compute(const fs_table_t *t, const fs_description_t *d, const fs_table_t *pop,
                             const fs_ratio_spec_t *spec, fs_ratio_table_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    out->method = spec->method;
    out->level = spec->level;
    struct ratio_work w;
    memset(&w, 0, sizeof w);
    double *v = malloc((t->nrows ? t->nrows : 1) * sizeof *v);
    fs_status_t st = v == NULL ? fs_error_set(err, FS_ENOMEM, "out of memory")
                               : fs_measure_column(t, d, spec->count_col, v, err);
    if (st == FS_OK)
        st = collect_groups(t, d, spec, &w, err);
    if (st == FS_OK)
        st = work_init(&w, err);
    if (st == FS_OK)
        st = collect_counts(t, d, spec, v, &w, err);
    if (st == FS_OK)
        st = collect_people(pop, spec, &w, err);
    if (st == FS_OK)
        st = check_people(t, pop, &w, err);
    if (st == FS_OK)
        st = ratio_rows(t, &w, spec, out, err);
    free(v);
    if (st == FS_OK) {
        /* The groups compared: the table's less the reference. */
        for (size_t g = w.ref; g + 1 < w.ngroups; g++)
            w.groups[g] = w.groups[g + 1];
        for (size_t k = 0; k < out->nrows; k++)
            out->rows[k].group -= out->rows[k].group > w.ref;
        out->groups = w.groups;
        out->ngroups = w.ngroups - 1;
        out->nforces = w.nforces;
        w.groups = NULL;
    }
    free(w.groups);
    work_free(&w);
    if (st != FS_OK)
        fs_ratio_table_free(out);
    return st;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* groups_compare.c: each force against its most similar group, computed
 * with the measure (groups_compare.h). */
#include "groups_compare.h"

#include <stdlib.h>

/* Each row of c against its group, into a new array *out. */
static fs_status_t compare(const fs_groups_t *g, const fs_description_t *d,
                           const fs_comparison_t *c, fs_group_comparison_t **out, fs_error_t *err)
{
    *out = calloc(c->nrows ? c->nrows : 1, sizeof **out);
    if (*out == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    return fs_groups_compare(g, d, c, *out, err);
}

fs_status_t fs_measure_groups(fs_measure_t *m, const fs_groups_t *g, fs_error_t *err)
{
    if (m->have & FS_WANT_BAND) {
        const fs_outliers_t *o = &m->band;
        m->group_mean = malloc((o->nrows ? o->nrows : 1) * sizeof *m->group_mean);
        if (m->group_mean == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        fs_groups_band_means(g, m->desc, o, m->group_mean);
    }
    fs_status_t st;
    if ((m->have & FS_WANT_COMPARISON) &&
        (st = compare(g, m->desc, &m->comparison, &m->group_comparison, err)) != FS_OK)
        return st;
    for (size_t k = 0; (m->have & FS_WANT_PERIODS) && k < m->nperiods; k++) {
        fs_measure_period_t *p = &m->periods[k];
        if ((st = compare(g, p->desc, &p->comparison, &p->group_comparison, err)) != FS_OK)
            return st;
    }
    return FS_OK;
}

void fs_measure_groups_free(fs_measure_t *m)
{
    free(m->group_mean);
    m->group_mean = NULL;
    free(m->group_comparison);
    m->group_comparison = NULL;
    for (size_t k = 0; m->periods != NULL && k < m->nperiods; k++) {
        free(m->periods[k].group_comparison);
        m->periods[k].group_comparison = NULL;
    }
}

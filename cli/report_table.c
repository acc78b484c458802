/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_table.c: the band's table as the report's pages show it, from
 * the band's result table described once (outliers_output.c), and the
 * words of a flag: what the program tells the site (report_hooks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

higher_is_t report_higher(fs_report_higher_t higher)
{
    return higher == FS_REPORT_HIGHER_BETTER  ? HIGHER_BETTER
           : higher == FS_REPORT_HIGHER_WORSE ? HIGHER_WORSE
                                              : HIGHER_NONE;
}

static const char *flag_label(fs_flag_t flag, fs_report_higher_t higher)
{
    return label_for(flag, report_higher(higher));
}

/* The section's table: the band's result table, with the highlighted
 * force and the forces outside the band, highest first. */
static fs_status_t section(const fs_measure_t *m, int highlight_force, fs_rstyle_t style,
                           char **html, fs_error_t *err)
{
    const fs_outliers_t *o = &m->band;
    const fs_description_t *d = m->desc;
    fs_outlier_row_t *sorted = malloc((o->nrows ? o->nrows : 1) * sizeof *sorted);
    size_t *order = malloc((o->nrows ? o->nrows : 1) * sizeof *order);
    const char **classes = calloc(o->nrows ? o->nrows : 1, sizeof *classes);
    fs_rcol_t cols[OUTLIERS_MAX_COLUMNS];
    fs_rtable_t rt;
    if (sorted == NULL || order == NULL || classes == NULL ||
        outliers_table(&rt, cols, m->table, d, o, HIGHER_NONE, NULL, NULL, err) != FS_OK) {
        free(sorted);
        free(order);
        free(classes);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    memcpy(sorted, o->rows, o->nrows * sizeof *sorted);
    qsort(sorted, o->nrows, sizeof *sorted, outlier_rows_by_value_desc);
    size_t shown = 0;
    for (size_t k = 0; k < o->nrows; k++) {
        const fs_outlier_row_t *row = &sorted[k];
        int is_hl = highlight_force >= 0 && d->units[row->row].kind == FS_UNIT_FORCE &&
                    d->units[row->row].force == highlight_force;
        if (!is_hl && row->flag != FS_FLAG_ABOVE && row->flag != FS_FLAG_BELOW)
            continue;
        size_t j = 0;
        while (o->rows[j].row != row->row)
            j++;
        classes[shown] = is_hl ? "hl" : NULL;
        order[shown++] = j;
    }
    cols[OUTLIERS_VALUE_COLUMN].style = style;
    /* The measure's decimals, as the summary and the charts print its
     * figures (4.61, not 4.6, beside City of London's 174.94). */
    cols[OUTLIERS_VALUE_COLUMN].fixed_decimals = fs_chart_measure_decimals(m) + 1;
    /* The page names forces as HMICFRS does, whatever the file's spelling. */
    for (size_t k = 0; k < o->nrows; k++) {
        const fs_unit_t *u = &d->units[o->rows[k].row];
        if (u->kind == FS_UNIT_FORCE)
            fs_rtable_text(&rt, k, OUTLIERS_FORCE_COLUMN, fs_registry_display((size_t)u->force));
    }
    fs_buf_t sec;
    fs_buf_init(&sec);
    char caption[200];
    if (highlight_force >= 0)
        snprintf(caption, sizeof caption, "%s and the forces outside the band, highest first",
                 fs_registry_display((size_t)highlight_force));
    else
        snprintf(caption, sizeof caption, "The forces outside the band, highest first");
    if (shown > 0)
        fs_render_html(&sec, &rt, order, shown, classes, caption);
    fs_rtable_free(&rt);
    free(sorted);
    free(order);
    free(classes);
    if (fs_buf_status(&sec) != FS_OK) {
        fs_buf_free(&sec);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    *html = sec.data ? sec.data : strdup("");
    return *html != NULL ? FS_OK : fs_error_set(err, FS_ENOMEM, "out of memory");
}

const fs_site_hooks_t report_hooks = {section, flag_label};

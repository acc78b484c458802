/* SPDX-License-Identifier: GPL-3.0-or-later */
/* selection.c: describing a table's rows once for every command, and
 * saying which rows were left out: names that are no territorial force
 * (with "did you mean" for a near miss), forces with no row, an England
 * and Wales row that is the forces' total; and which measure columns are
 * left out because constant. */
#include <string.h>

#include "common.h"

/* A label for a message: control characters shown as \xNN. */
static void put_label(fs_buf_t *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            fs_buf_printf(b, "\\x%02x", *p);
        else
            fs_buf_putc(b, (char)*p);
    }
}

/* Whether the table names any force: a table of other units (local
 * authorities, hospitals) has nothing to leave out. */
static int names_forces(const fs_description_t *d)
{
    return d->forces_present > 0;
}

static void note_left_out(const fs_table_t *t, const fs_description_t *d)
{
    if (cli_quiet || !names_forces(d))
        return;
    fs_buf_t b;
    fs_buf_init(&b);
    if (d->nunknown > 0) {
        int one = d->nunknown == 1 && !d->unknown_more;
        fs_buf_printf(&b, "forcestat: %s: %s%zu name%s match%s no territorial force and %s left out: ",
                      t->name, d->unknown_more ? "over " : "", d->nunknown, one ? "" : "s",
                      one ? "es" : "", one ? "is" : "are");
        for (size_t k = 0; k < d->nunknown; k++) {
            size_t row = d->unknown_rows[k];
            const char *label = fs_table_cell(t, row, d->force_column);
            fs_buf_puts(&b, k ? ", '" : "'");
            put_label(&b, label);
            fs_buf_printf(&b, "' (line %ld", t->lines[row]);
            int near = fs_registry_suggest(label, strlen(label));
            if (near >= 0)
                fs_buf_printf(&b, "; did you mean %s?", fs_registry_force((size_t)near)->name);
            fs_buf_putc(&b, ')');
        }
        fs_buf_putc(&b, '\n');
    }
    size_t absent = FS_FORCE_COUNT - d->forces_present;
    if (absent > 0) {
        fs_buf_printf(&b, "forcestat: %s: %zu of the %d territorial forces %s no row: ", t->name,
                      absent, FS_FORCE_COUNT, absent == 1 ? "has" : "have");
        size_t k = 0;
        for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
            if (!d->present[f])
                fs_buf_printf(&b, "%s%s", k++ ? ", " : "", fs_registry_force(f)->name);
        }
        fs_buf_putc(&b, '\n');
    }
    if (fs_buf_status(&b) == FS_OK && b.len > 0)
        cli_eprint(b.data, b.len, 1);
    fs_buf_free(&b);
}

int cli_describe(const fs_table_t *t, size_t force_col, fs_description_t **d)
{
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_describe(t, force_col, d, &err) != FS_OK)
        return cli_report(&err);
    note_left_out(t, *d);
    return EXIT_OK;
}

int cli_report_rows(const fs_error_t *err, const fs_table_t *t, const fs_description_t *d)
{
    int code = cli_report(err);
    if (d == NULL || d->nduplicates == 0 || err->status != FS_EPARSE)
        return code;
    size_t row = d->duplicate_rows[0];
    if (err->line != t->lines[row])
        return code;
    /* A force twice in a long table: a column that tells its rows apart
     * (a year, a quarter, a type) is what --filter keeps one value of. */
    size_t first = 0;
    while (first < row && !(d->units[first].kind == FS_UNIT_FORCE &&
                            d->units[first].force == d->units[row].force))
        first++;
    for (size_t c = 0; c < t->ncols; c++) {
        if (c == d->force_column || d->columns[c].is_measure)
            continue;
        const char *a = fs_table_cell(t, first, c), *b = fs_table_cell(t, row, c);
        if (strcmp(a, b) == 0)
            continue;
        fs_buf_t msg;
        fs_buf_init(&msg);
        fs_buf_puts(&msg, "forcestat: the rows differ in '");
        put_label(&msg, t->columns[c]);
        fs_buf_puts(&msg, "': keep one with --filter ");
        put_label(&msg, t->columns[c]);
        fs_buf_putc(&msg, '=');
        put_label(&msg, b);
        fs_buf_putc(&msg, '\n');
        if (fs_buf_status(&msg) == FS_OK)
            cli_eprint(msg.data, msg.len, 1);
        fs_buf_free(&msg);
        break;
    }
    return code;
}

void cli_note_constant(const fs_table_t *t, const fs_description_t *d, size_t c)
{
    size_t n = 0;
    double value = 0;
    if (!fs_column_constant(t, d, c, &n, &value))
        return;
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_printf(&b, "forcestat: %s: measure '", t->name);
    put_label(&b, t->columns[c]);
    fs_buf_printf(&b, "' left out: all %zu values are equal (", n);
    fs_render_number(&b, value, FS_RS_DIGITS, 6); /* as the band's own error, %g */
    fs_buf_puts(&b, "), so there is no band\n");
    if (fs_buf_status(&b) == FS_OK)
        cli_eprint(b.data, b.len, 1);
    fs_buf_free(&b);
}

void cli_note_total(const fs_table_t *t, const fs_description_t *d, size_t c)
{
    fs_national_total_t total;
    if (!fs_description_national_total(t, d, c, &total))
        return;
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_printf(&b, "forcestat: %s: '", t->name);
    put_label(&b, fs_table_cell(t, total.row, d->force_column));
    fs_buf_printf(&b, "' (line %ld) holds the forces' total of '", t->lines[total.row]);
    put_label(&b, t->columns[c]);
    fs_buf_puts(&b, "' (");
    fs_render_number(&b, total.value, FS_RS_HUMAN, 0);
    fs_buf_printf(&b, ", within 1%% of the sum of the %zu forces, ", total.forces);
    fs_render_number(&b, total.forces_sum, FS_RS_HUMAN, 0);
    fs_buf_puts(&b, "): not used as England and Wales\n");
    if (fs_buf_status(&b) == FS_OK)
        cli_eprint(b.data, b.len, 1);
    fs_buf_free(&b);
}

/* comparison_output.c: shared output of `proportions` and `rates`. */
#include "comparison_output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The value column's name: "proportion", or "rate_per_1000" and the like. */
static void value_name(char *buf, size_t size, const fs_comparison_t *c)
{
    if (c->is_rate)
        snprintf(buf, size, "rate_per_%g", c->per);
    else
        snprintf(buf, size, "proportion");
}

/* For people: proportions as percentages, rates with 2 decimals. */
static void human(fs_buf_t *out, const fs_comparison_t *c, double x)
{
    if (isnan(x))
        fs_buf_puts(out, "-");
    else if (c->is_rate)
        fs_buf_printf(out, "%.2f", x);
    else if (100.0 * x < 1.0)
        fs_buf_printf(out, "%.3f%%", 100.0 * x);
    else
        fs_buf_printf(out, "%.1f%%", 100.0 * x);
}

static int by_value_desc(const void *pa, const void *pb)
{
    const fs_compare_row_t *a = pa, *b = pb;
    int ma = a->mark == FS_MARK_MISSING, mb = b->mark == FS_MARK_MISSING;
    if (ma != mb)
        return ma - mb;
    if (!ma && a->ci.estimate != b->ci.estimate)
        return a->ci.estimate < b->ci.estimate ? 1 : -1;
    return (a->row > b->row) - (a->row < b->row);
}

static void format_text(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                        const fs_comparison_t *c, const char *measure, const fs_groups_t *groups,
                        const fs_group_comparison_t *gc)
{
    const char *unit = c->other_units ? "units" : "forces";
    if (c->is_rate)
        fs_buf_printf(out, "%s: rate per %g people by force (%g%% intervals: Byar's method, exact "
                           "Poisson limits for counts under 10)\n",
                      measure, c->per, 100 * c->level);
    else
        fs_buf_printf(out, "%s: proportion by force (%g%% %s intervals)\n", measure,
                      100 * c->level, fs_ci_method_name(c->method));
    fs_buf_printf(out, "England and Wales, pooled over %zu %s (%.17g / %.17g): ", c->n_with_value,
                  unit, c->pooled_numerator, c->pooled_denominator);
    human(out, c, c->pooled.estimate);
    fs_buf_puts(out, " [");
    human(out, c, c->pooled.lower);
    fs_buf_puts(out, ", ");
    human(out, c, c->pooled.upper);
    fs_buf_printf(out, "]\nUnweighted mean of the %zu %s' figures (not the same thing): ",
                  c->n_with_value, unit);
    human(out, c, c->mean_of_forces);
    fs_buf_putc(out, '\n');
    fs_compare_row_t *sorted = malloc((c->nrows ? c->nrows : 1) * sizeof *sorted);
    if (sorted == NULL) {
        out->failed = 1;
        return;
    }
    memcpy(sorted, c->rows, c->nrows * sizeof *sorted);
    qsort(sorted, c->nrows, sizeof *sorted, by_value_desc);
    fs_buf_printf(out, "  %-30s %-10s %12s %12s %9s %9s %9s  %s\n", c->other_units ? "Unit" : "Force",
                  "Code", c->is_rate ? "Count" : "Numerator",
                  c->is_rate ? "Population" : "Denominator", c->is_rate ? "Rate" : "Value", "Lower",
                  "Upper", "vs England and Wales");
    size_t counts[4] = {0};
    for (size_t k = 0; k < c->nrows; k++) {
        const fs_compare_row_t *r = &sorted[k];
        const char *code = d->units[r->row].code;
        fs_buf_printf(out, "  %-30.30s %-10s ", fs_table_cell(t, r->row, d->force_column),
                      code ? code : "");
        if (isnan(r->numerator))
            fs_buf_printf(out, "%12s ", "-");
        else
            fs_buf_printf(out, "%12.10g ", r->numerator);
        if (isnan(r->denominator))
            fs_buf_printf(out, "%12s ", "-");
        else
            fs_buf_printf(out, "%12.10g ", r->denominator);
        double cells[3] = {NAN, NAN, NAN};
        if (r->mark != FS_MARK_MISSING) {
            cells[0] = r->ci.estimate;
            cells[1] = r->ci.lower;
            cells[2] = r->ci.upper;
        }
        for (int j = 0; j < 3; j++) {
            fs_buf_t v;
            fs_buf_init(&v);
            human(&v, c, cells[j]);
            fs_buf_printf(out, "%9s ", v.data ? v.data : "");
            fs_buf_free(&v);
        }
        fs_buf_printf(out, " %s", fs_mark_name(r->mark));
        if (groups != NULL) {
            size_t idx = (size_t)-1;
            for (size_t j = 0; j < c->nrows; j++) {
                if (c->rows[j].row == r->row)
                    idx = j;
            }
            if (idx != (size_t)-1 && gc[idx].group >= 0) {
                fs_buf_printf(out, "; group %s ", groups->names[gc[idx].group]);
                human(out, c, gc[idx].pooled.estimate);
                fs_buf_printf(out, ": %s", fs_mark_name(gc[idx].mark));
            }
        }
        fs_buf_putc(out, '\n');
        counts[r->mark]++;
    }
    fs_buf_printf(out, "%zu higher, %zu similar, %zu lower than England and Wales; %zu missing\n",
                  counts[FS_MARK_HIGHER], counts[FS_MARK_SIMILAR], counts[FS_MARK_LOWER],
                  counts[FS_MARK_MISSING]);
    free(sorted);
}

static void format_csv(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                       const fs_comparison_t *c, const fs_groups_t *groups,
                       const fs_group_comparison_t *gc)
{
    char vname[64];
    value_name(vname, sizeof vname, c);
    fs_buf_printf(out, "force,code,%s,%s,%s,lower,upper,comparison%s\n",
                  c->is_rate ? "count" : "numerator", c->is_rate ? "population" : "denominator",
                  vname, groups ? ",group,group_value,group_comparison" : "");
    for (size_t k = 0; k < c->nrows; k++) {
        const fs_compare_row_t *r = &c->rows[k];
        const char *code = d->units[r->row].code;
        int have = r->mark != FS_MARK_MISSING;
        fs_csv_field(out, fs_table_cell(t, r->row, d->force_column));
        fs_buf_putc(out, ',');
        fs_csv_field(out, code ? code : "");
        fs_buf_putc(out, ',');
        fs_csv_number(out, r->numerator);
        fs_buf_putc(out, ',');
        fs_csv_number(out, r->denominator);
        fs_buf_putc(out, ',');
        fs_csv_number(out, have ? r->ci.estimate : NAN);
        fs_buf_putc(out, ',');
        fs_csv_number(out, have ? r->ci.lower : NAN);
        fs_buf_putc(out, ',');
        fs_csv_number(out, have ? r->ci.upper : NAN);
        fs_buf_printf(out, ",%s", fs_mark_name(r->mark));
        if (groups != NULL) {
            fs_buf_putc(out, ',');
            fs_csv_field(out, gc[k].group >= 0 ? groups->names[gc[k].group] : "");
            fs_buf_putc(out, ',');
            fs_csv_number(out, gc[k].pooled.estimate);
            fs_buf_printf(out, ",%s", gc[k].group >= 0 ? fs_mark_name(gc[k].mark) : "");
        }
        fs_buf_putc(out, '\n');
    }
    /* The pooled figure as an England and Wales row: `forcestat outliers`
     * reading this file takes it as the comparator. */
    fs_buf_puts(out, "England and Wales,K04000001,");
    fs_csv_number(out, c->pooled_numerator);
    fs_buf_putc(out, ',');
    fs_csv_number(out, c->pooled_denominator);
    fs_buf_putc(out, ',');
    fs_csv_number(out, c->pooled.estimate);
    fs_buf_putc(out, ',');
    fs_csv_number(out, c->pooled.lower);
    fs_buf_putc(out, ',');
    fs_csv_number(out, c->pooled.upper);
    fs_buf_puts(out, groups ? ",,,,\n" : ",\n");
}

static void format_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                        const fs_comparison_t *c, const char *measure, const fs_groups_t *groups,
                        const fs_group_comparison_t *gc)
{
    const char *nk = c->is_rate ? "count" : "numerator";
    const char *dk = c->is_rate ? "population" : "denominator";
    fs_buf_puts(out, "{\n  \"measure\": ");
    fs_json_string(out, measure);
    if (c->is_rate) {
        fs_buf_puts(out, ",\n  \"method\": \"byar\", \"per\": ");
        fs_json_number(out, c->per);
    } else {
        fs_buf_printf(out, ",\n  \"method\": \"%s\"", fs_ci_method_name(c->method));
    }
    fs_buf_puts(out, ", \"level\": ");
    fs_json_number(out, c->level);
    fs_buf_puts(out, ",\n");
    cli_json_left_out(out, t, d, "  ");
    fs_buf_printf(out, ",\n  \"n\": %zu,\n  \"mean_of_forces\": ", c->n_with_value);
    fs_json_number(out, c->mean_of_forces);
    fs_buf_printf(out, ",\n  \"england_and_wales\": {\"%s\": ", nk);
    fs_json_number(out, c->pooled_numerator);
    fs_buf_printf(out, ", \"%s\": ", dk);
    fs_json_number(out, c->pooled_denominator);
    fs_buf_puts(out, ", \"value\": ");
    fs_json_number(out, c->pooled.estimate);
    fs_buf_puts(out, ", \"lower\": ");
    fs_json_number(out, c->pooled.lower);
    fs_buf_puts(out, ", \"upper\": ");
    fs_json_number(out, c->pooled.upper);
    fs_buf_puts(out, "},\n  \"forces\": [");
    for (size_t k = 0; k < c->nrows; k++) {
        const fs_compare_row_t *r = &c->rows[k];
        const char *code = d->units[r->row].code;
        int have = r->mark != FS_MARK_MISSING;
        fs_buf_puts(out, k ? ",\n    {\"force\": " : "\n    {\"force\": ");
        fs_json_string(out, fs_table_cell(t, r->row, d->force_column));
        fs_buf_puts(out, ", \"code\": ");
        if (code)
            fs_json_string(out, code);
        else
            fs_buf_puts(out, "null");
        fs_buf_printf(out, ", \"%s\": ", nk);
        fs_json_number(out, r->numerator);
        fs_buf_printf(out, ", \"%s\": ", dk);
        fs_json_number(out, r->denominator);
        fs_buf_puts(out, ", \"value\": ");
        fs_json_number(out, have ? r->ci.estimate : NAN);
        fs_buf_puts(out, ", \"lower\": ");
        fs_json_number(out, have ? r->ci.lower : NAN);
        fs_buf_puts(out, ", \"upper\": ");
        fs_json_number(out, have ? r->ci.upper : NAN);
        fs_buf_printf(out, ", \"comparison\": \"%s\"", fs_mark_name(r->mark));
        if (groups != NULL) {
            fs_buf_puts(out, ", \"group\": ");
            if (gc[k].group >= 0)
                fs_json_string(out, groups->names[gc[k].group]);
            else
                fs_buf_puts(out, "null");
            fs_buf_puts(out, ", \"group_value\": ");
            fs_json_number(out, gc[k].pooled.estimate);
            fs_buf_puts(out, ", \"group_lower\": ");
            fs_json_number(out, gc[k].pooled.lower);
            fs_buf_puts(out, ", \"group_upper\": ");
            fs_json_number(out, gc[k].pooled.upper);
            fs_buf_puts(out, ", \"group_comparison\": ");
            if (gc[k].group >= 0)
                fs_buf_printf(out, "\"%s\"", fs_mark_name(gc[k].mark));
            else
                fs_buf_puts(out, "null");
        }
        fs_buf_putc(out, '}');
    }
    fs_buf_puts(out, "\n  ]\n}\n");
}

void comparison_format(fs_buf_t *out, cli_format_t format, const fs_table_t *t,
                       const fs_description_t *d, const fs_comparison_t *c, const char *measure,
                       const fs_groups_t *groups, const fs_group_comparison_t *gc)
{
    if (format == FORMAT_JSON)
        format_json(out, t, d, c, measure, groups, gc);
    else if (format == FORMAT_CSV)
        format_csv(out, t, d, c, groups, gc);
    else
        format_text(out, t, d, c, measure, groups, gc);
}

int comparison_output(cli_format_t format, const fs_table_t *t, const fs_description_t *d,
                      const fs_comparison_t *c, const char *measure, const char *groups_path)
{
    fs_groups_t *groups;
    int code = cli_load_groups(groups_path, &groups);
    if (code != EXIT_OK)
        return code;
    fs_group_comparison_t *gc = NULL;
    if (groups != NULL) {
        fs_error_t err;
        fs_error_clear(&err);
        gc = calloc(c->nrows ? c->nrows : 1, sizeof *gc);
        if (gc == NULL) {
            fs_groups_free(groups);
            return EXIT_DATA;
        }
        if (fs_groups_compare(groups, d, c, gc, &err) != FS_OK) {
            free(gc);
            fs_groups_free(groups);
            return cli_report(&err);
        }
    }
    fs_buf_t out;
    fs_buf_init(&out);
    comparison_format(&out, format, t, d, c, measure, groups, gc);
    code = cli_write_output(&out, format);
    fs_buf_free(&out);
    free(gc);
    fs_groups_free(groups);
    return code;
}

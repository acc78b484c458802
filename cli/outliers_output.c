/* outliers_output.c: the outlier band table in JSON and CSV. */
#include "outliers_output.h"

#include <math.h>
#include <string.h>

const char *label_for(fs_flag_t flag, higher_is_t higher)
{
    switch (flag) {
    case FS_FLAG_ABOVE: return higher == HIGHER_BETTER ? "better than most forces" : "worse than most forces";
    case FS_FLAG_BELOW: return higher == HIGHER_BETTER ? "worse than most forces" : "better than most forces";
    case FS_FLAG_WITHIN: return "similar to most forces";
    case FS_FLAG_MISSING: break;
    }
    return "no data";
}

/* Rounds for people: enough digits to tell forces apart, no more. */
void human(fs_buf_t *out, double x)
{
    if (isnan(x))
        fs_buf_puts(out, "-");
    else if (fabs(x) >= 1000)
        fs_buf_printf(out, "%.0f", x);
    else if (fabs(x) >= 10)
        fs_buf_printf(out, "%.2f", x);
    else
        fs_buf_printf(out, "%.4g", x);
}

int outlier_rows_by_value_desc(const void *pa, const void *pb)
{
    const fs_outlier_row_t *a = pa, *b = pb;
    if (isnan(a->value) != isnan(b->value))
        return isnan(a->value) ? 1 : -1;
    if (a->value != b->value)
        return a->value < b->value ? 1 : -1;
    return (a->row > b->row) - (a->row < b->row);
}

const char *code_of(const fs_description_t *d, size_t row)
{
    return d->units[row].code;
}

static void json_swilk(fs_buf_t *out, const fs_swilk_t *s)
{
    fs_buf_puts(out, "{\"w\": ");
    fs_json_number(out, s->w);
    fs_buf_puts(out, ", \"p\": ");
    fs_json_number(out, s->p);
    fs_buf_putc(out, '}');
}

void format_json(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                 const fs_outliers_t *o, const fs_band_options_t *opt, higher_is_t higher,
                 const fs_groups_t *groups, const double *group_mean, const char *indent)
{
    const fs_band_t *b = &o->band;
    char expl[600];
    fs_band_explain(b, opt, expl, sizeof expl);
    fs_buf_printf(out, "%s{\n%s  \"measure\": ", indent, indent);
    fs_json_string(out, t->columns[o->column]);
    fs_buf_printf(out, ",\n%s  \"n\": %zu,\n%s  \"scale\": \"%s\",\n%s  \"centre\": ", indent, b->n,
                  indent, fs_scale_name(b->scale), indent);
    fs_json_number(out, b->centre);
    fs_buf_puts(out, ", \"lower\": ");
    fs_json_number(out, b->lower);
    fs_buf_puts(out, ", \"upper\": ");
    fs_json_number(out, b->upper);
    fs_buf_puts(out, ", \"sd\": ");
    fs_json_number(out, b->sd);
    fs_buf_puts(out, ", \"mean\": ");
    fs_json_number(out, b->mean);
    fs_buf_printf(out, ",\n%s  \"shapiro_raw\": ", indent);
    json_swilk(out, &b->shapiro_raw);
    fs_buf_puts(out, ", \"shapiro_log\": ");
    if (b->has_shapiro_log)
        json_swilk(out, &b->shapiro_log);
    else
        fs_buf_puts(out, "null");
    fs_buf_printf(out, ",\n%s  \"path\": \"%s\", \"alpha\": ", indent, fs_band_path_name(b->path));
    fs_json_number(out, opt->alpha);
    fs_buf_printf(out, ", \"log_rule\": \"%s\",\n%s  \"explanation\": ",
                  fs_log_rule_name(opt->log_rule), indent);
    fs_json_string(out, expl);
    fs_buf_printf(out, ",\n%s  \"comparator\": ", indent);
    if (o->has_comparator)
        fs_json_number(out, o->comparator);
    else
        fs_buf_puts(out, "null");
    fs_buf_printf(out, ",\n%s  \"missing\": [", indent);
    int first = 1;
    for (size_t k = 0; k < o->nrows; k++) {
        if (o->rows[k].flag != FS_FLAG_MISSING)
            continue;
        fs_buf_puts(out, first ? "" : ", ");
        fs_json_string(out, fs_table_cell(t, o->rows[k].row, d->force_column));
        first = 0;
    }
    fs_buf_puts(out, "],\n");
    char inner[64];
    snprintf(inner, sizeof inner, "%s  ", indent);
    cli_json_left_out(out, t, d, inner);
    fs_buf_printf(out, ",\n%s  \"forces\": [", indent);
    for (size_t k = 0; k < o->nrows; k++) {
        const fs_outlier_row_t *r = &o->rows[k];
        fs_buf_printf(out, "%s\n%s    {\"force\": ", k ? "," : "", indent);
        fs_json_string(out, fs_table_cell(t, r->row, d->force_column));
        fs_buf_puts(out, ", \"code\": ");
        if (code_of(d, r->row))
            fs_json_string(out, code_of(d, r->row));
        else
            fs_buf_puts(out, "null");
        fs_buf_puts(out, ", \"value\": ");
        fs_json_number(out, r->value);
        fs_buf_puts(out, ", \"z\": ");
        fs_json_number(out, r->z);
        fs_buf_printf(out, ", \"flag\": \"%s\"", fs_flag_name(r->flag));
        if (higher != HIGHER_NONE)
            fs_buf_printf(out, ", \"label\": \"%s\"", label_for(r->flag, higher));
        if (groups != NULL) {
            int grp = fs_groups_of_row(groups, d, r->row);
            fs_buf_puts(out, ", \"group\": ");
            if (grp >= 0)
                fs_json_string(out, groups->names[grp]);
            else
                fs_buf_puts(out, "null");
            fs_buf_puts(out, ", \"group_mean\": ");
            fs_json_number(out, group_mean[k]);
        }
        fs_buf_putc(out, '}');
    }
    fs_buf_printf(out, "\n%s  ]\n%s}", indent, indent);
}

/* A value as the file wrote it when that text is already a plain decimal
 * (it parsed to exactly this double, so it reads back exactly), else in
 * its shortest form: saves a conversion per cell of large tables. */
static void put_value(fs_buf_t *out, const char *cell, double value)
{
    if (isnan(value))
        return;
    size_t n = strlen(cell);
    int plain = n > 0 && n < 40;
    for (size_t i = 0; plain && i < n; i++) {
        char c = cell[i];
        plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }
    if (plain)
        fs_buf_append(out, cell, n);
    else
        fs_csv_number(out, value);
}

void format_csv_rows(fs_buf_t *out, const fs_table_t *t, const fs_description_t *d,
                     const fs_outliers_t *o, higher_is_t higher, const fs_groups_t *groups,
                     const double *group_mean)
{
    const fs_band_t *b = &o->band;
    fs_buf_t band;
    fs_buf_init(&band);
    fs_buf_printf(&band, "%s,", fs_scale_name(b->scale));
    fs_csv_number(&band, b->centre);
    fs_buf_putc(&band, ',');
    fs_csv_number(&band, b->lower);
    fs_buf_putc(&band, ',');
    fs_csv_number(&band, b->upper);
    if (fs_buf_status(&band) != FS_OK)
        out->failed = 1;
    for (size_t k = 0; k < o->nrows; k++) {
        const fs_outlier_row_t *r = &o->rows[k];
        fs_csv_field(out, t->columns[o->column]);
        fs_buf_putc(out, ',');
        fs_csv_field(out, fs_table_cell(t, r->row, d->force_column));
        fs_buf_putc(out, ',');
        fs_csv_field(out, code_of(d, r->row) ? code_of(d, r->row) : "");
        fs_buf_putc(out, ',');
        put_value(out, fs_table_cell(t, r->row, o->column), r->value);
        fs_buf_putc(out, ',');
        fs_csv_number(out, r->z);
        fs_buf_printf(out, ",%s,", fs_flag_name(r->flag));
        /* The band's columns are the same on every row: formatted once. */
        fs_buf_append(out, band.data ? band.data : "", band.len);
        if (higher != HIGHER_NONE) {
            fs_buf_putc(out, ',');
            fs_csv_field(out, label_for(r->flag, higher));
        }
        if (groups != NULL) {
            int grp = fs_groups_of_row(groups, d, r->row);
            fs_buf_putc(out, ',');
            fs_csv_field(out, grp >= 0 ? groups->names[grp] : "");
            fs_buf_putc(out, ',');
            fs_csv_number(out, group_mean[k]);
        }
        fs_buf_putc(out, '\n');
    }
    fs_buf_free(&band);
}

void format_csv_header(fs_buf_t *out, higher_is_t higher, int with_groups)
{
    fs_buf_puts(out, "measure,force,code,value,z,flag,scale,centre,lower,upper");
    if (higher != HIGHER_NONE)
        fs_buf_puts(out, ",label");
    fs_buf_puts(out, with_groups ? ",group,group_mean\n" : "\n");
}

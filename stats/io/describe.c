/* SPDX-License-Identifier: GPL-3.0-or-later */
/* describe.c: the summary behind `forcestat check`. */
#include "forcestat/describe.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forcestat/number.h"

/* The kind an area-type cell names ("region", "Country", "force"), or
 * FS_UNIT_UNKNOWN when it names none. */
static fs_unit_kind_t type_word(const char *cell)
{
    static const struct {
        const char *word;
        fs_unit_kind_t kind;
    } words[] = {{"force", FS_UNIT_FORCE},       {"pfa", FS_UNIT_FORCE},
                 {"police force area", FS_UNIT_FORCE}, {"police force", FS_UNIT_FORCE},
                 {"region", FS_UNIT_REGION},     {"country", FS_UNIT_COUNTRY},
                 {"nation", FS_UNIT_COUNTRY},    {"national", FS_UNIT_NATIONAL},
                 {"england and wales", FS_UNIT_NATIONAL}, {"total", FS_UNIT_NATIONAL}};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (strcasecmp(cell, words[k].word) == 0)
            return words[k].kind;
    }
    return FS_UNIT_UNKNOWN;
}

/* The column that says what kind of area each row is (a header holding
 * "type" or "level", with "force" or "pfa" among its values), or
 * SIZE_MAX when there is none. */
static size_t area_type_column(const fs_table_t *t, size_t force_column)
{
    for (size_t c = 0; c < t->ncols; c++) {
        if (c == force_column)
            continue;
        char low[128];
        size_t k = 0;
        for (const char *h = t->columns[c]; *h && k + 1 < sizeof low; h++)
            low[k++] = (char)(*h >= 'A' && *h <= 'Z' ? *h - 'A' + 'a' : *h);
        low[k] = '\0';
        if (strstr(low, "type") == NULL && strstr(low, "level") == NULL)
            continue;
        size_t rows = t->nrows < FS_FORCE_SCAN_ROWS ? t->nrows : FS_FORCE_SCAN_ROWS;
        size_t forces = 0, others = 0, unknown = 0;
        for (size_t r = 0; r < rows; r++) {
            fs_unit_kind_t kind = type_word(fs_table_cell(t, r, c));
            forces += kind == FS_UNIT_FORCE;
            others += kind != FS_UNIT_FORCE && kind != FS_UNIT_UNKNOWN;
            unknown += kind == FS_UNIT_UNKNOWN;
        }
        if (forces > 0 && others > 0 && unknown * 10 < rows)
            return c;
    }
    return SIZE_MAX;
}

void fs_description_free(fs_description_t *d)
{
    if (d == NULL)
        return;
    free(d->units);
    free(d->columns);
    free(d->duplicate_rows);
    free(d->unknown_rows);
    free(d->values);
    free(d);
}

/* A description of t's nrows and ncols, every count zero, or NULL when
 * memory runs out. */
static fs_description_t *description_new(const fs_table_t *t, size_t force_column)
{
    fs_description_t *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    d->force_column = force_column;
    d->nrows = t->nrows;
    d->units = calloc(t->nrows ? t->nrows : 1, sizeof *d->units);
    d->columns = calloc(t->ncols, sizeof *d->columns);
    d->duplicate_rows = calloc(t->nrows ? t->nrows : 1, sizeof *d->duplicate_rows);
    d->unknown_rows = calloc(FS_UNKNOWN_MAX, sizeof *d->unknown_rows);
    size_t ncells = t->nrows * t->ncols;
    d->values = malloc((ncells > 0 ? ncells : 1) * sizeof *d->values);
    if (d->units == NULL || d->columns == NULL || d->duplicate_rows == NULL || d->values == NULL ||
        d->unknown_rows == NULL) {
        fs_description_free(d);
        return NULL;
    }
    return d;
}

/* Row i's unit: what its label names (the previous row's match when
 * *prev_label is the same label), settled by an ONS code elsewhere in
 * the row and by the area-type column type_col (SIZE_MAX: none).
 * *prev_label is left NULL when the row's unit is not its label's. */
static fs_unit_t classify_row(const fs_table_t *t, const fs_description_t *d, size_t i,
                              size_t type_col, const char **prev_label)
{
    const char *label = fs_table_cell(t, i, d->force_column);
    fs_unit_t unit = *prev_label != NULL && strcmp(*prev_label, label) == 0
                         ? d->units[i - 1]
                         : fs_registry_match(label, strlen(label));
    *prev_label = label;
    /* A name can be ambiguous ("West Midlands" is a force and a region);
     * an ONS code elsewhere in the row settles it. */
    for (size_t c = 0; c < t->ncols; c++) {
        const char *cell = fs_table_cell(t, i, c);
        if (c == d->force_column || strlen(cell) != 9 || cell[0] < 'A' || cell[0] > 'Z')
            continue;
        fs_unit_t by_code = fs_registry_match(cell, 9);
        if (by_code.kind != FS_UNIT_UNKNOWN && by_code.code != NULL &&
            unit.kind != FS_UNIT_UNKNOWN) {
            unit = by_code;
            *prev_label = NULL;
            break;
        }
    }
    /* An area-type column sets apart a region or country that shares a
     * force's name ("West Midlands", region). */
    if (type_col != SIZE_MAX && unit.kind == FS_UNIT_FORCE) {
        fs_unit_kind_t kind = type_word(fs_table_cell(t, i, type_col));
        if (kind != FS_UNIT_FORCE && kind != FS_UNIT_UNKNOWN) {
            char region[300];
            snprintf(region, sizeof region, "%s region", label);
            fs_unit_t as_region = fs_registry_match(region, strlen(region));
            fs_unit_t set_apart = {kind, -1, NULL, NULL};
            unit = as_region.kind == kind ? as_region : set_apart;
            *prev_label = NULL;
        }
    }
    return unit;
}

/* Counts row i, classified: an unrecognised label among the unknown (each
 * distinct one once, at its first row), a force present or twice (seen
 * counts each force's rows). */
static void count_row(const fs_table_t *t, fs_description_t *d, size_t i, int *seen)
{
    const char *label = fs_table_cell(t, i, d->force_column);
    if (d->units[i].kind == FS_UNIT_UNKNOWN && label[0] != '\0' &&
        (i == 0 || strcmp(fs_table_cell(t, i - 1, d->force_column), label) != 0)) {
        /* A long table repeats its labels in runs: checked once a run. */
        size_t k = 0;
        while (k < d->nunknown &&
               strcmp(fs_table_cell(t, d->unknown_rows[k], d->force_column), label) != 0)
            k++;
        if (k == d->nunknown) {
            if (d->nunknown < FS_UNKNOWN_MAX)
                d->unknown_rows[d->nunknown++] = i;
            else
                d->unknown_more = 1;
        }
    }
    if (d->units[i].kind == FS_UNIT_FORCE) {
        if (seen[d->units[i].force]++)
            d->duplicate_rows[d->nduplicates++] = i;
        else
            d->forces_present++;
    }
}

static int is_alnum(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* The kinds of header that name a period or an identifier. */
enum header_kind {
    HEADER_OTHER,
    HEADER_YEAR,
    HEADER_QUARTER,
    HEADER_MONTH,
    HEADER_WEEK,
    HEADER_IDENTIFIER,
    HEADER_MEASURE
};

/* The kind of header h names by one of its words (split at anything but
 * a letter or digit, and where a capital follows a small letter:
 * "financial_year", "Year ending", "FinancialYear"): the first word of a
 * period or an identifier decides, unless a word names a measure ("Crimes
 * per year", "reference_count").  Words, not substrings: "Yearly crimes"
 * and "Codeine seizures" name neither. */
static enum header_kind header_names(const char *h)
{
    static const struct {
        const char *word;
        enum header_kind kind;
    } words[] = {{"year", HEADER_YEAR},
                 {"years", HEADER_YEAR},
                 {"yr", HEADER_YEAR},
                 {"fy", HEADER_YEAR},
                 {"period", HEADER_YEAR},
                 {"date", HEADER_YEAR},
                 {"quarter", HEADER_QUARTER},
                 {"qtr", HEADER_QUARTER},
                 {"month", HEADER_MONTH},
                 {"week", HEADER_WEEK},
                 {"id", HEADER_IDENTIFIER},
                 {"code", HEADER_IDENTIFIER},
                 {"identifier", HEADER_IDENTIFIER},
                 {"count", HEADER_MEASURE},
                 {"total", HEADER_MEASURE},
                 {"sum", HEADER_MEASURE},
                 {"per", HEADER_MEASURE},
                 {"rate", HEADER_MEASURE},
                 {"population", HEADER_MEASURE}};
    enum header_kind found = HEADER_OTHER;
    const char *p = h;
    while (*p != '\0') {
        if (!is_alnum(*p)) {
            p++;
            continue;
        }
        char word[16];
        size_t k = 0, len = 0;
        do {
            if (k + 1 < sizeof word)
                word[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
            len++;
            p++;
        } while (is_alnum(*p) && !(*p >= 'A' && *p <= 'Z' && p[-1] >= 'a' && p[-1] <= 'z'));
        word[k] = '\0';
        for (size_t w = 0; len == k && w < sizeof words / sizeof words[0]; w++) {
            if (strcmp(word, words[w].word) != 0)
                continue;
            if (words[w].kind == HEADER_MEASURE)
                return HEADER_OTHER;
            found = found == HEADER_OTHER ? words[w].kind : found;
        }
    }
    return found;
}

/* Whether whole number v reads as a period: a year 1900..2100, a month
 * as yyyymm, a day as yyyymmdd; or, under a header of quarters, months or
 * weeks, the number of one (1..4, 1..12, 1..53). */
static int period_number(double v, enum header_kind kind)
{
    if (v >= 1900 && v <= 2100)
        return 1;
    if (v >= 190001 && v <= 210012)
        return fmod(v, 100) >= 1 && fmod(v, 100) <= 12;
    if (v >= 19000101 && v <= 21001231) {
        double month = fmod(floor(v / 100), 100), day = fmod(v, 100);
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
    double top = kind == HEADER_QUARTER ? 4
                 : kind == HEADER_MONTH ? 12
                 : kind == HEADER_WEEK  ? 53
                                        : 0;
    return v >= 1 && v <= top;
}

/* Whether numeric column c (parsed into d->values) is a column of
 * periods or identifiers rather than a measure: its header names one
 * (header_names) AND every number in it is one (whole numbers that
 * period_number accepts; whole numbers >= 0 for identifiers).  Either
 * alone is not enough: "2019" heads many a measure, and a count can be
 * 2019. */
static fs_column_role_t numeric_role(const fs_table_t *t, const fs_description_t *d, size_t c)
{
    enum header_kind kind = header_names(t->columns[c]);
    if (kind == HEADER_OTHER)
        return FS_COLUMN_MEASURE;
    const double *v = d->values + c * t->nrows;
    for (size_t i = 0; i < t->nrows; i++) {
        if (isnan(v[i]))
            continue;
        if (v[i] != floor(v[i]) || v[i] < 0)
            return FS_COLUMN_MEASURE;
        if (kind != HEADER_IDENTIFIER && !period_number(v[i], kind))
            return FS_COLUMN_MEASURE;
    }
    return kind == HEADER_IDENTIFIER ? FS_COLUMN_IDENTIFIER : FS_COLUMN_PERIOD;
}

/* Each column's cells parsed once into d->values (NaN when missing or
 * not a number), counted, and the column called a measure when all its
 * cells are numbers or missing, at least one a number, and it is not a
 * column of periods or identifiers (numeric_role). */
static void summarise_columns(const fs_table_t *t, fs_description_t *d)
{
    for (size_t c = 0; c < t->ncols; c++) {
        fs_column_summary_t *cs = &d->columns[c];
        for (size_t i = 0; i < t->nrows; i++) {
            const char *cell = fs_table_cell(t, i, c);
            double v = NAN;
            switch (fs_parse_number(cell, strlen(cell), &v, NULL)) {
            case FS_FIELD_NUMBER: cs->numbers++; break;
            case FS_FIELD_MISSING:
                v = NAN;
                cs->missing++;
                break;
            case FS_FIELD_INVALID:
                v = NAN;
                if (cs->invalid++ == 0)
                    cs->first_invalid_row = i;
                break;
            }
            d->values[c * t->nrows + i] = v;
        }
        cs->is_measure = c != d->force_column && cs->numbers > 0 && cs->invalid == 0 &&
                         numeric_role(t, d, c) == FS_COLUMN_MEASURE;
    }
}

int fs_column_constant(const fs_table_t *t, const fs_description_t *d, size_t c, size_t *n,
                       double *value)
{
    size_t count = 0;
    double first = NAN;
    int equal = 1;
    if (c >= t->ncols || d->nrows != t->nrows)
        return 0;
    for (size_t i = 0; i < t->nrows; i++) {
        double v = d->values[c * t->nrows + i];
        if (!fs_description_selects(d, i) || isnan(v))
            continue;
        if (count++ == 0)
            first = v;
        equal = equal && v == first;
    }
    if (n != NULL)
        *n = count;
    if (value != NULL)
        *value = first;
    /* Fewer than 3 values is too few for a band, not a constant. */
    return count >= 3 && equal;
}

fs_column_role_t fs_column_role(const fs_table_t *t, const fs_description_t *d, size_t c)
{
    if (c >= t->ncols || d->nrows != t->nrows)
        return FS_COLUMN_TEXT;
    const fs_column_summary_t *cs = &d->columns[c];
    if (c == d->force_column || cs->numbers == 0 || cs->invalid > 0)
        return FS_COLUMN_TEXT;
    fs_column_role_t role = numeric_role(t, d, c);
    if (role != FS_COLUMN_MEASURE)
        return role;
    return fs_column_constant(t, d, c, NULL, NULL) ? FS_COLUMN_CONSTANT : FS_COLUMN_MEASURE;
}

int fs_description_national_total_values(const fs_description_t *d, const double *v,
                                         fs_national_total_t *total)
{
    if (d->forces_present == 0)
        return 0;
    size_t national = SIZE_MAX, forces = 0;
    double sum = 0;
    for (size_t i = 0; i < d->nrows; i++) {
        if (isnan(v[i]))
            continue;
        /* The sum is over the territorial forces alone: BTP, regions and
         * other rows are not in it. */
        if (d->units[i].kind == FS_UNIT_NATIONAL) {
            national = national == SIZE_MAX ? i : national;
        } else if (d->units[i].kind == FS_UNIT_FORCE) {
            sum += v[i];
            forces++;
        }
    }
    /* A mean of two or more forces is never within 1% of their sum
     * unless the sum is 0; a figure for one force is both. */
    if (national == SIZE_MAX || forces < 2 || sum == 0 ||
        !(fabs(v[national] - sum) <= 0.01 * fabs(sum)))
        return 0;
    if (total != NULL) {
        total->row = national;
        total->value = v[national];
        total->forces_sum = sum;
        total->forces = forces;
    }
    return 1;
}

int fs_description_national_total(const fs_table_t *t, const fs_description_t *d, size_t c,
                                  fs_national_total_t *total)
{
    if (c >= t->ncols || d->nrows != t->nrows)
        return 0;
    return fs_description_national_total_values(d, d->values + c * t->nrows, total);
}

fs_status_t fs_describe(const fs_table_t *t, size_t force_column, fs_description_t **out,
                        fs_error_t *err)
{
    *out = NULL;
    if (force_column >= t->ncols)
        return fs_error_set(err, FS_EINVAL, "force column %zu out of range", force_column + 1);
    fs_description_t *d = description_new(t, force_column);
    if (d == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    int seen[FS_FORCE_COUNT] = {0};
    size_t type_col = area_type_column(t, force_column);
    d->area_type_column = type_col;
    /* Long tables repeat each label many times, usually in runs: a row
     * takes the previous row's match when the label is the same. */
    const char *prev_label = NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        d->units[i] = classify_row(t, d, i, type_col, &prev_label);
        count_row(t, d, i, seen);
    }
    for (int f = 0; f < FS_FORCE_COUNT; f++)
        d->present[f] = seen[f] > 0;
    summarise_columns(t, d);
    *out = d;
    return FS_OK;
}

int fs_description_selects(const fs_description_t *d, size_t i)
{
    fs_unit_kind_t member = d->forces_present == 0 ? FS_UNIT_UNKNOWN : FS_UNIT_FORCE;
    return i < d->nrows && d->units[i].kind == member;
}

fs_status_t fs_description_check_unique(const fs_table_t *t, const fs_description_t *d,
                                        fs_error_t *err)
{
    if (d->nduplicates == 0)
        return FS_OK;
    size_t row = d->duplicate_rows[0];
    const char *name = fs_table_cell(t, row, d->force_column);
    long first_line = 0;
    for (size_t i = 0; i < row; i++) {
        if (d->units[i].kind == FS_UNIT_FORCE && d->units[i].force == d->units[row].force) {
            first_line = t->lines[i];
            break;
        }
    }
    fs_error_at(err, t->name, t->lines[row], (long)d->force_column + 1, name, strlen(name));
    return fs_error_raise(err, FS_EPARSE, FS_REASON_DUPLICATE_FORCE, row,
                          "%s appears twice (also on line %ld): a comparison needs one row per "
                        "force",
                        d->units[row].name, first_line);
}

/* How strongly a header names the force column (higher wins a tie). */
static int header_rank(const char *name)
{
    char low[128];
    size_t k = 0;
    for (; name[k] && k + 1 < sizeof low; k++)
        low[k] = (char)(name[k] >= 'A' && name[k] <= 'Z' ? name[k] - 'A' + 'a' : name[k]);
    low[k] = '\0';
    if (strstr(low, "force") != NULL)
        return 4;
    if (strstr(low, "pfa") != NULL)
        return 3;
    if (strstr(low, "area") != NULL)
        return 2;
    if (strstr(low, "falls within") != NULL)
        return 1;
    return 0;
}

size_t fs_find_force_column(const fs_table_t *t, int *found)
{
    size_t best = 0, best_count = 0;
    int best_rank = -1, best_names = 0;
    size_t rows = t->nrows < FS_FORCE_SCAN_ROWS ? t->nrows : FS_FORCE_SCAN_ROWS;
    for (size_t c = 0; c < t->ncols; c++) {
        unsigned char seen[FS_FORCE_COUNT] = {0};
        size_t distinct = 0, by_code = 0;
        const char *prev = NULL;
        for (size_t r = 0; r < rows; r++) {
            const char *cell = fs_table_cell(t, r, c);
            /* Long tables repeat a label row after row: match it once. */
            if (prev != NULL && strcmp(prev, cell) == 0)
                continue;
            prev = cell;
            /* No force's name or code starts like a number: skip the
             * matching for the cells of measure columns. */
            if ((cell[0] >= '0' && cell[0] <= '9') || cell[0] == '-' || cell[0] == '+' ||
                cell[0] == '.' || cell[0] == '\0')
                continue;
            fs_unit_t u = fs_registry_match(cell, strlen(cell));
            if (u.kind == FS_UNIT_FORCE && !seen[u.force]) {
                seen[u.force] = 1;
                distinct++;
                by_code += u.code != NULL && strcasecmp(cell, u.code) == 0;
            }
        }
        /* Names read better than codes, which describe() uses anyway. */
        int names = distinct > 0 && by_code * 2 < distinct;
        int rank = header_rank(t->columns[c]);
        if (distinct > best_count ||
            (distinct == best_count && distinct > 0 &&
             (names > best_names || (names == best_names && rank > best_rank)))) {
            best = c;
            best_count = distinct;
            best_rank = rank;
            best_names = names;
        }
    }
    if (found != NULL)
        *found = best_count > 0;
    return best_count > 0 ? best : 0;
}

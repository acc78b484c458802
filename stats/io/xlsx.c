/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx.c: Office Open XML workbooks (.xlsx, .xlsm).  The sheets come from
 * xl/workbook.xml and its relationships; a cell's value is its <v> as
 * stored (the full precision, not the displayed rounding), a shared
 * string looked up, an inline string read, a boolean TRUE or FALSE, and a
 * number whose style is a date format turned into an ISO date.  Elements
 * are matched by their local names, so transitional and strict files
 * read alike. */
#include "workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forcestat/number.h"

typedef struct strings {
    char **v;
    size_t n, cap;
} strings_t;

typedef struct xlsx {
    strings_t names, paths; /* the sheets; a chart sheet's path is "" */
    strings_t rel_ids, rel_targets;
    strings_t sst; /* shared strings */
    char sst_path[256], styles_path[256];
    unsigned char *xf_date; /* per cell format: 1 when it shows a date */
    size_t nxf, xf_cap;
    long custom_ids[256]; /* custom number formats that show dates */
    size_t ncustom;
    int in_cell_xfs, loaded, date1904, failed;
    /* the part being read whole */
    int collecting, in_phonetic;
    char *text;
    size_t len, text_cap;
    /* the sheet being streamed */
    fs_sheet_parse_t *p;
    char type[16];
    long style;
    int in_value, in_inline;
} xlsx_t;


static int push(strings_t *s, const char *t, size_t n, int *failed)
{
    if (s->n == s->cap) {
        size_t c = s->cap ? s->cap * 2 : 16;
        char **v = realloc(s->v, c * sizeof *v);
        if (v == NULL) {
            *failed = 1;
            return 0;
        }
        s->v = v;
        s->cap = c;
    }
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        *failed = 1;
        return 0;
    }
    memcpy(copy, t, n);
    copy[n] = '\0';
    s->v[s->n++] = copy;
    return 1;
}

static void strings_free(strings_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static void collect(void *ud, const char *s, int n)
{
    xlsx_t *x = ud;
    if (!x->collecting || x->in_phonetic || x->failed)
        return;
    if (x->len + (size_t)n + 1 > x->text_cap) {
        size_t c = x->text_cap ? x->text_cap : 64;
        while (c < x->len + (size_t)n + 1)
            c *= 2;
        char *t = realloc(x->text, c);
        if (t == NULL) {
            x->failed = 1;
            return;
        }
        x->text = t;
        x->text_cap = c;
    }
    memcpy(x->text + x->len, s, (size_t)n);
    x->len += (size_t)n;
}

/* ---- the list of sheets: xl/workbook.xml and its relationships ---- */

static void book_start(void *ud, const char *name, const char **atts)
{
    xlsx_t *x = ud;
    const char *l = fs_xml_local(name);
    if (strcmp(l, "sheet") == 0) {
        const char *nm = fs_xml_local_attr(atts, "name"), *id = fs_xml_local_attr(atts, "id");
        push(&x->names, nm ? nm : "", nm ? strlen(nm) : 0, &x->failed);
        push(&x->paths, id ? id : "", id ? strlen(id) : 0, &x->failed);
    } else if (strcmp(l, "workbookPr") == 0) {
        const char *d = fs_xml_local_attr(atts, "date1904");
        x->date1904 = d != NULL && (strcmp(d, "1") == 0 || strcasecmp(d, "true") == 0);
    }
}

static void set_part(char *dst, size_t size, const char *target)
{
    if (target[0] == '/')
        snprintf(dst, size, "%s", target + 1);
    else
        snprintf(dst, size, "xl/%s", target);
}

static int type_is(const char *type, const char *what)
{
    size_t a = strlen(type), b = strlen(what);
    return a >= b && strcmp(type + a - b, what) == 0;
}

static void rels_start(void *ud, const char *name, const char **atts)
{
    xlsx_t *x = ud;
    if (strcmp(fs_xml_local(name), "Relationship") != 0)
        return;
    const char *id = fs_xml_local_attr(atts, "Id"), *type = fs_xml_local_attr(atts, "Type"), *target = fs_xml_local_attr(atts, "Target");
    if (id == NULL || type == NULL || target == NULL)
        return;
    if (type_is(type, "/sharedStrings"))
        set_part(x->sst_path, sizeof x->sst_path, target);
    else if (type_is(type, "/styles"))
        set_part(x->styles_path, sizeof x->styles_path, target);
    else if (type_is(type, "/worksheet")) {
        char part[512];
        set_part(part, sizeof part, target);
        push(&x->rel_ids, id, strlen(id), &x->failed);
        push(&x->rel_targets, part, strlen(part), &x->failed);
    }
}

static fs_status_t xlsx_list(void *impl, fs_zip_t *z, char ***names, size_t *n, fs_error_t *err)
{
    xlsx_t *x = impl;
    fs_status_t st =
        fs_xml_read_member(z, "xl/workbook.xml", x, book_start, NULL, NULL, &x->failed, err);
    if (st == FS_OK && fs_zip_has(z, "xl/_rels/workbook.xml.rels"))
        st = fs_xml_read_member(z, "xl/_rels/workbook.xml.rels", x, rels_start, NULL, NULL,
                                &x->failed, err);
    if (st != FS_OK)
        return st;
    /* Each sheet's relationship id becomes its part; a chart or macro
     * sheet has none and holds no table (""). */
    size_t worksheets = 0;
    for (size_t i = 0; i < x->paths.n; i++) {
        const char *part = "";
        for (size_t k = 0; k < x->rel_ids.n; k++) {
            if (strcmp(x->rel_ids.v[k], x->paths.v[i]) == 0)
                part = x->rel_targets.v[k];
        }
        char *copy = strdup(part);
        if (copy == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        free(x->paths.v[i]);
        x->paths.v[i] = copy;
        worksheets += part[0] != '\0';
    }
    if (x->paths.n > 0 && worksheets == 0) {
        fs_error_at(err, fs_zip_name(z), 0, 0, NULL, 0);
        return fs_error_set(err, FS_EPARSE,
                            "the workbook holds no worksheet, only chart or macro sheets");
    }
    *names = x->names.v;
    *n = x->names.n;
    return FS_OK;
}

/* ---- shared strings and styles, read once before the first sheet ---- */

static void sst_start(void *ud, const char *name, const char **atts)
{
    xlsx_t *x = ud;
    const char *l = fs_xml_local(name);
    (void)atts;
    if (strcmp(l, "si") == 0) {
        x->len = 0;
        x->collecting = 0;
    } else if (strcmp(l, "t") == 0) {
        x->collecting = 1;
    } else if (strcmp(l, "rPh") == 0) {
        x->in_phonetic = 1;
    }
}

static void sst_end(void *ud, const char *name)
{
    xlsx_t *x = ud;
    const char *l = fs_xml_local(name);
    if (strcmp(l, "t") == 0)
        x->collecting = 0;
    else if (strcmp(l, "rPh") == 0)
        x->in_phonetic = 0;
    else if (strcmp(l, "si") == 0)
        push(&x->sst, x->text ? x->text : "", x->len, &x->failed);
}

/* Whether a number format code shows a date or a time: a d, m, y, h or s
 * outside quoted text, escapes and [brackets] ("yyyy-mm-dd;@"). */
static int code_is_date(const char *code)
{
    int quoted = 0, bracket = 0;
    for (const char *c = code; *c; c++) {
        if (*c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*c == '\\' && c[1] != '\0')
            c++;
        else if (*c == '[')
            bracket = 1;
        else if (*c == ']')
            bracket = 0;
        else if (!bracket && strchr("dmyhsDMYHS", *c) != NULL)
            return 1;
    }
    return 0;
}

/* The built-in formats that show dates and times (ECMA-376 18.8.30). */
static int builtin_is_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

static void styles_start(void *ud, const char *name, const char **atts)
{
    xlsx_t *x = ud;
    const char *l = fs_xml_local(name), *id = fs_xml_local_attr(atts, "numFmtId");
    long fmt = id != NULL ? strtol(id, NULL, 10) : 0;
    if (strcmp(l, "numFmt") == 0) {
        const char *code = fs_xml_local_attr(atts, "formatCode");
        if (code != NULL && code_is_date(code) && x->ncustom < 256)
            x->custom_ids[x->ncustom++] = fmt;
    } else if (strcmp(l, "cellXfs") == 0) {
        x->in_cell_xfs = 1;
    } else if (strcmp(l, "xf") == 0 && x->in_cell_xfs) {
        int date = builtin_is_date(fmt);
        for (size_t i = 0; i < x->ncustom; i++)
            date |= x->custom_ids[i] == fmt;
        if (x->nxf == x->xf_cap) {
            size_t c = x->xf_cap ? x->xf_cap * 2 : 64;
            unsigned char *v = realloc(x->xf_date, c);
            if (v == NULL) {
                x->failed = 1;
                return;
            }
            x->xf_date = v;
            x->xf_cap = c;
        }
        x->xf_date[x->nxf++] = (unsigned char)date;
    }
}

static void styles_end(void *ud, const char *name)
{
    xlsx_t *x = ud;
    if (strcmp(fs_xml_local(name), "cellXfs") == 0)
        x->in_cell_xfs = 0;
}

static fs_status_t load_parts(xlsx_t *x, fs_zip_t *z, fs_error_t *err)
{
    x->loaded = 1;
    if (x->sst_path[0] == '\0')
        snprintf(x->sst_path, sizeof x->sst_path, "xl/sharedStrings.xml");
    if (x->styles_path[0] == '\0')
        snprintf(x->styles_path, sizeof x->styles_path, "xl/styles.xml");
    fs_status_t st = FS_OK;
    if (fs_zip_has(z, x->sst_path))
        st = fs_xml_read_member(z, x->sst_path, x, sst_start, sst_end, collect, &x->failed, err);
    x->collecting = 0;
    if (st == FS_OK && fs_zip_has(z, x->styles_path))
        st = fs_xml_read_member(z, x->styles_path, x, styles_start, styles_end, NULL, &x->failed,
                                err);
    return st;
}

/* ---- dates ---- */

/* The civil date of a count of days since 1970-01-01 (the proleptic
 * Gregorian calendar, by eras of 400 years). */
static void civil(long long days, long long *y, int *m, int *d)
{
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* A date serial as ISO text: "2019-03-31", with "T12:30:00" when it has a
 * time of day.  Excel's 1900 system counts a 29 February 1900 that never
 * was (serial 60), so serials from 61 count from 1899-12-30 and earlier
 * ones from 1899-12-31; the 1904 system counts from 1904-01-01. */
static int serial_to_iso(double serial, int date1904, char *buf, size_t size)
{
    if (!(serial >= 0 && serial < 2958466)) /* up to 9999-12-31 */
        return 0;
    double whole = floor(serial);
    long long secs = llround((serial - whole) * 86400.0);
    long long days = (long long)whole;
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    long long from1970;
    if (date1904)
        from1970 = days - 24107;
    else if (days >= 61)
        from1970 = days - 25569;
    else
        from1970 = days - 25568;
    long long y;
    int m, d;
    civil(from1970, &y, &m, &d);
    int n = secs == 0 ? snprintf(buf, size, "%04lld-%02d-%02d", y, m, d)
                      : snprintf(buf, size, "%04lld-%02d-%02dT%02lld:%02lld:%02lld", y, m, d,
                                 secs / 3600, secs / 60 % 60, secs % 60);
    return n > 0 && (size_t)n < size;
}

/* ---- a sheet, streamed ---- */

static void fail_status(fs_sheet_parse_t *p, fs_status_t st, const char *where)
{
    if (st == FS_ELIMIT)
        fs_parse_fail(p, st, "a cell of more than %zu bytes at %s", p->row.max_cell_bytes, where);
    else
        fs_parse_fail(p, FS_ENOMEM, "out of memory");
}

/* The cell's value as the table reads it. */
static fs_status_t cell_value(xlsx_t *x, fs_sheet_row_t *r)
{
    const char *t = x->type;
    if (r->len == 0)
        return FS_OK;
    if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long k = strtoul(r->text, &end, 10);
        const char *s = *end == '\0' && k < x->sst.n ? x->sst.v[k] : "";
        r->len = 0;
        return fs_row_cell_text(r, s, strlen(s));
    }
    if (strcmp(t, "b") == 0) {
        const char *s = strcmp(r->text, "1") == 0 ? "TRUE" : "FALSE";
        r->len = 0;
        return fs_row_cell_text(r, s, strlen(s));
    }
    if ((t[0] == '\0' || strcmp(t, "n") == 0) && x->style >= 0 && (size_t)x->style < x->nxf &&
        x->xf_date[x->style]) {
        double v;
        char iso[32];
        if (fs_parse_number(r->text, r->len, &v, NULL) == FS_FIELD_NUMBER &&
            serial_to_iso(v, x->date1904, iso, sizeof iso)) {
            r->len = 0;
            return fs_row_cell_text(r, iso, strlen(iso));
        }
    }
    return FS_OK;
}

static void sheet_start(void *ud, const char *name, const char **atts)
{
    xlsx_t *x = ud;
    fs_sheet_row_t *r = fs_parse_row(x->p);
    const char *l = fs_xml_local(name);
    if (strcmp(l, "row") == 0) {
        const char *rn = fs_xml_local_attr(atts, "r");
        long row = rn != NULL ? strtol(rn, NULL, 10) : 0;
        if (row >= r->row)
            r->row = row;
        r->col = 0;
    } else if (strcmp(l, "c") == 0) {
        const char *ref = fs_xml_local_attr(atts, "r"), *t = fs_xml_local_attr(atts, "t"), *s = fs_xml_local_attr(atts, "s");
        long col, row;
        if (ref != NULL && fs_cell_ref_parse(ref, strlen(ref), &col, &row) && col >= r->col)
            r->col = col;
        snprintf(x->type, sizeof x->type, "%s", t ? t : "");
        x->style = s != NULL ? strtol(s, NULL, 10) : 0;
        r->len = 0;
    } else if (strcmp(l, "v") == 0) {
        x->in_value = 1;
    } else if (strcmp(l, "is") == 0) {
        x->in_inline = 1;
    } else if (strcmp(l, "t") == 0 && x->in_inline) {
        x->in_value = 1;
    } else if (strcmp(l, "rPh") == 0) {
        x->in_phonetic = 1;
    }
}

static void sheet_end(void *ud, const char *name)
{
    xlsx_t *x = ud;
    fs_sheet_row_t *r = fs_parse_row(x->p);
    const char *l = fs_xml_local(name);
    fs_status_t st = FS_OK;
    if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
        x->in_value = 0;
    } else if (strcmp(l, "is") == 0) {
        x->in_inline = 0;
    } else if (strcmp(l, "rPh") == 0) {
        x->in_phonetic = 0;
    } else if (strcmp(l, "c") == 0) {
        char ref[24];
        fs_column_letters(r->col, ref);
        snprintf(ref + strlen(ref), sizeof ref - strlen(ref), "%ld", r->row);
        if ((st = cell_value(x, r)) == FS_OK)
            st = fs_row_cell_end(r, 1);
        if (st != FS_OK)
            fail_status(x->p, st, ref);
    } else if (strcmp(l, "row") == 0) {
        fs_row_end(x->p, 1);
    } else if (strcmp(l, "sheetData") == 0) {
        fs_parse_sheet_done(x->p);
    }
}

static void sheet_text(void *ud, const char *s, int n)
{
    xlsx_t *x = ud;
    if (!x->in_value || x->in_phonetic)
        return;
    fs_sheet_row_t *r = fs_parse_row(x->p);
    fs_status_t st = fs_row_cell_text(r, s, (size_t)n);
    if (st != FS_OK) {
        char ref[24];
        fs_column_letters(r->col, ref);
        snprintf(ref + strlen(ref), sizeof ref - strlen(ref), "%ld", r->row);
        fail_status(x->p, st, ref);
    }
}

static fs_status_t xlsx_begin(void *impl, fs_zip_t *z, size_t index, fs_sheet_parse_t *p,
                              fs_error_t *err)
{
    xlsx_t *x = impl;
    fs_status_t st = FS_OK;
    if (!x->loaded && (st = load_parts(x, z, err)) != FS_OK)
        return st;
    if (x->failed)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    x->p = p;
    x->in_value = x->in_inline = x->in_phonetic = 0;
    if (x->paths.v[index][0] == '\0') {
        fs_parse_sheet_done(p); /* a chart sheet: no cells */
        return FS_OK;
    }
    return fs_parse_setup(p, x->paths.v[index], x, sheet_start, sheet_end, sheet_text, err);
}

void *fs_xlsx_new(void)
{
    return calloc(1, sizeof(xlsx_t));
}

static void xlsx_free(void *impl)
{
    xlsx_t *x = impl;
    if (x == NULL)
        return;
    strings_free(&x->names);
    strings_free(&x->paths);
    strings_free(&x->rel_ids);
    strings_free(&x->rel_targets);
    strings_free(&x->sst);
    free(x->xf_date);
    free(x->text);
    free(x);
}

const fs_book_format_t fs_xlsx_format = {"xlsx", xlsx_list, xlsx_begin, xlsx_free};

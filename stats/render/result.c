/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result.c: result documents and their JSON writer (result.h). */
#include "render/result.h"

#include <string.h>

#define MAX_INDENT 60

void fs_doc_init(fs_doc_t *d, const fs_dfield_t *fields, size_t n)
{
    memset(d, 0, sizeof *d);
    d->fields = fields;
    d->nfields = n < FS_DOC_MAX_FIELDS ? n : FS_DOC_MAX_FIELDS;
}

/* The value of a field, marked set; NULL for an index out of range. */
static fs_dvalue_t *slot(fs_doc_t *d, size_t field)
{
    if (field >= d->nfields)
        return NULL;
    d->values[field].set = 1;
    return &d->values[field];
}

void fs_doc_integer(fs_doc_t *d, size_t field, long long x)
{
    fs_dvalue_t *v = slot(d, field);
    if (v != NULL)
        v->integer = x;
}

void fs_doc_number(fs_doc_t *d, size_t field, double x)
{
    fs_dvalue_t *v = slot(d, field);
    if (v != NULL)
        v->number = x;
}

void fs_doc_text(fs_doc_t *d, size_t field, const char *s)
{
    fs_dvalue_t *v = slot(d, field);
    if (v != NULL)
        v->text = s;
}

void fs_doc_bool(fs_doc_t *d, size_t field, int b)
{
    fs_doc_integer(d, field, b != 0);
}

/* A reference and a length: the nested documents, tables and arrays. */
static void set_ref(fs_doc_t *d, size_t field, const void *p, size_t n)
{
    fs_dvalue_t *v = slot(d, field);
    if (v != NULL) {
        v->ref = p;
        v->n = n;
    }
}

void fs_doc_object(fs_doc_t *d, size_t field, const fs_doc_t *o)
{
    set_ref(d, field, o, 1);
}

void fs_doc_numbers(fs_doc_t *d, size_t field, const double *x, size_t n)
{
    set_ref(d, field, x, n);
}

void fs_doc_texts(fs_doc_t *d, size_t field, const char *const *s, size_t n)
{
    set_ref(d, field, s, n);
}

void fs_doc_rows(fs_doc_t *d, size_t field, const fs_rtable_t *t)
{
    set_ref(d, field, t, t ? t->nrows : 0);
}

void fs_doc_objects(fs_doc_t *d, size_t field, const fs_doc_t *docs, size_t n)
{
    set_ref(d, field, docs, n);
}

void fs_doc_members(fs_doc_t *d, size_t field, const fs_doc_t *o)
{
    set_ref(d, field, o, 1);
}

/* n spaces as a string, into buf (MAX_INDENT + 1 bytes). */
static const char *spaces(char *buf, int n)
{
    if (n < 0)
        n = 0;
    if (n > MAX_INDENT)
        n = MAX_INDENT;
    memset(buf, ' ', (size_t)n);
    buf[n] = '\0';
    return buf;
}

static void json_doc(fs_buf_t *out, const fs_doc_t *d, int indent);

/* One value after its key; ind is the indent of its object's fields. */
static void json_value(fs_buf_t *out, const fs_dfield_t *f, const fs_dvalue_t *v, int ind)
{
    char a[MAX_INDENT + 1], b[MAX_INDENT + 1];
    switch (f->type) {
    case FS_DT_INTEGER: fs_buf_printf(out, "%lld", v->integer); break;
    case FS_DT_NUMBER: fs_json_number(out, v->number); break;
    case FS_DT_BOOL: fs_buf_puts(out, v->integer ? "true" : "false"); break;
    case FS_DT_TEXT:
        if (v->text != NULL)
            fs_json_string(out, v->text);
        else
            fs_buf_puts(out, "null");
        break;
    case FS_DT_OBJECT:
        if (v->ref != NULL)
            json_doc(out, v->ref, ind);
        else
            fs_buf_puts(out, "null");
        break;
    case FS_DT_NUMBERS:
    case FS_DT_TEXTS:
        fs_buf_putc(out, '[');
        for (size_t k = 0; k < v->n; k++) {
            fs_buf_puts(out, k ? ", " : "");
            if (f->type == FS_DT_NUMBERS)
                fs_json_number(out, ((const double *)v->ref)[k]);
            else if (((const char *const *)v->ref)[k] != NULL)
                fs_json_string(out, ((const char *const *)v->ref)[k]);
            else
                fs_buf_puts(out, "null");
        }
        fs_buf_putc(out, ']');
        break;
    case FS_DT_ROWS:
        if (v->ref == NULL || (v->n == 0 && f->empty_short))
            fs_buf_puts(out, "[]");
        else
            fs_render_json_rows(out, v->ref, spaces(a, ind + 2), spaces(b, ind));
        break;
    case FS_DT_ROWS_INLINE:
        fs_buf_putc(out, '[');
        for (size_t k = 0; v->ref != NULL && k < v->n; k++) {
            fs_buf_puts(out, k ? ", " : "");
            fs_render_json_row(out, v->ref, k);
        }
        fs_buf_putc(out, ']');
        break;
    case FS_DT_OBJECTS:
        fs_buf_putc(out, '[');
        for (size_t k = 0; k < v->n; k++) {
            fs_buf_printf(out, "%s\n%s", k ? "," : "", spaces(a, ind + 2));
            json_doc(out, (const fs_doc_t *)v->ref + k, ind + 2);
        }
        fs_buf_printf(out, "\n%s]", spaces(a, ind));
        break;
    case FS_DT_MEMBERS: break; /* written by json_fields */
    }
}

/* The set fields of d at indent ind; layout -1 lays each out as its
 * description says, 0 or 1 all of them inline or on new lines (the
 * members of another document).  *first: no field written yet; *opened:
 * the object's first field went on a new line. */
static void json_fields(fs_buf_t *out, const fs_doc_t *d, int ind, int layout, int *first,
                        int *opened)
{
    char pad[MAX_INDENT + 1];
    for (size_t k = 0; k < d->nfields; k++) {
        const fs_dfield_t *f = &d->fields[k];
        const fs_dvalue_t *v = &d->values[k];
        if (!v->set)
            continue;
        int newline = layout < 0 ? f->newline : layout;
        if (f->type == FS_DT_MEMBERS) {
            if (v->ref != NULL)
                json_fields(out, v->ref, ind, newline, first, opened);
            continue;
        }
        if (*first) {
            *opened = newline;
            if (newline)
                fs_buf_printf(out, "\n%s", spaces(pad, ind));
        } else if (newline) {
            fs_buf_printf(out, ",\n%s", spaces(pad, ind));
        } else {
            fs_buf_puts(out, ", ");
        }
        *first = 0;
        fs_json_string(out, f->key);
        fs_buf_puts(out, ": ");
        json_value(out, f, v, ind);
    }
}

static void json_doc(fs_buf_t *out, const fs_doc_t *d, int indent)
{
    char pad[MAX_INDENT + 1];
    int first = 1, opened = 0;
    fs_buf_putc(out, '{');
    json_fields(out, d, indent + 2, -1, &first, &opened);
    if (opened)
        fs_buf_printf(out, "\n%s", spaces(pad, indent));
    fs_buf_putc(out, '}');
}

void fs_render_json_doc(fs_buf_t *out, const fs_doc_t *d, int indent)
{
    json_doc(out, d, indent);
}

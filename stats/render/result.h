/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result.h: result documents, the objects around and beside result tables
 * (a band's figures, an interval, a check's report), described once and
 * written by one JSON writer.
 *
 * A document kind is a const table of fields, each a key, a type and its
 * layout (on the key's line after ", ", or on a new line at the object's
 * indent).  A command's result fills a document of that kind, field by
 * field (by index: the kind's enum); a field never filled is left out,
 * and a missing value (a NaN number, a NULL text or object) is null.  The
 * writer gives the JSON the commands have always written, byte for byte:
 * fields at the object's indent plus two spaces, an object opened on a
 * new line closed on one, rows of a result table one a line. */
#ifndef FORCESTAT_RESULT_H
#define FORCESTAT_RESULT_H

#include <stddef.h>

#include "render/emit.h"
#include "render/render.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_dtype {
    FS_DT_INTEGER = 0, /* a whole number (a count) */
    FS_DT_NUMBER,      /* a double: null when not finite */
    FS_DT_TEXT,        /* a string: null when NULL */
    FS_DT_BOOL,        /* true or false */
    FS_DT_OBJECT,      /* a nested document: null when NULL */
    FS_DT_NUMBERS,     /* an array of doubles, on the key's line */
    FS_DT_TEXTS,       /* an array of strings, on the key's line */
    FS_DT_ROWS,        /* a result table's JSON rows, one a line */
    FS_DT_ROWS_INLINE, /* a result table's JSON rows, on the key's line */
    FS_DT_OBJECTS,     /* an array of documents, one a line */
    FS_DT_MEMBERS      /* a document whose fields are written as this one's,
                          each laid out as this field is */
} fs_dtype_t;

typedef struct fs_dfield {
    const char *key; /* the JSON key (unused for FS_DT_MEMBERS) */
    fs_dtype_t type;
    int newline;     /* 1: on a new line at the object's indent; 0: after ", " */
    int empty_short; /* FS_DT_ROWS: "[]" when there is no row (else "[", a new
                        line and "]") */
} fs_dfield_t;

/* A field's value; filled through the fs_doc_* setters. */
typedef struct fs_dvalue {
    int set;
    long long integer; /* FS_DT_INTEGER, FS_DT_BOOL */
    double number;
    const char *text;
    const void *ref; /* the document(s), the table, the array */
    size_t n;        /* the array's length */
} fs_dvalue_t;

#define FS_DOC_MAX_FIELDS 24

typedef struct fs_doc {
    const struct fs_dfield *fields;
    size_t nfields;
    fs_dvalue_t values[FS_DOC_MAX_FIELDS];
} fs_doc_t;

/* At file scope after a kind's enum: fails to compile when the kind has
 * more fields than a document holds. */
#define FS_DOC_FITS(kind, n) typedef char kind##_fits_a_document[(n) <= FS_DOC_MAX_FIELDS ? 1 : -1]

/* An empty document of the kind whose fields are fields[0..n-1] (at most
 * FS_DOC_MAX_FIELDS; the rest are ignored).  Nothing is copied: the
 * fields, texts, arrays, tables and documents given to it must outlive
 * it.  It owns no memory. */
void fs_doc_init(fs_doc_t *d, const fs_dfield_t *fields, size_t n);

/* Setters: field is the index of the field in its kind's table; an index
 * out of range is ignored. */
void fs_doc_integer(fs_doc_t *d, size_t field, long long x);
void fs_doc_number(fs_doc_t *d, size_t field, double x);
void fs_doc_text(fs_doc_t *d, size_t field, const char *s);
void fs_doc_bool(fs_doc_t *d, size_t field, int b);
void fs_doc_object(fs_doc_t *d, size_t field, const fs_doc_t *o);
void fs_doc_numbers(fs_doc_t *d, size_t field, const double *x, size_t n);
void fs_doc_texts(fs_doc_t *d, size_t field, const char *const *s, size_t n);
void fs_doc_rows(fs_doc_t *d, size_t field, const fs_rtable_t *t);
void fs_doc_objects(fs_doc_t *d, size_t field, const fs_doc_t *docs, size_t n);
void fs_doc_members(fs_doc_t *d, size_t field, const fs_doc_t *o);

/* Writes the document as a JSON object, "{" to "}" (no newline after),
 * its fields at indent + 2 spaces (indent at most 60). */
void fs_render_json_doc(fs_buf_t *out, const fs_doc_t *d, int indent);

#ifdef __cplusplus
}
#endif

#endif

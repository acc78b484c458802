/* SPDX-License-Identifier: GPL-3.0-or-later */
/* workbook.h (internal): reading .xlsx and .ods workbooks, streamed.
 *
 *   zip.c       the container (libarchive): one member at a time, inflated
 *               in chunks, within the size and ratio limits below; a
 *               member's name is only ever compared, never used as a path
 *   xlsx.c      Office Open XML: sheets, shared strings, date styles
 *   ods.c       OpenDocument: the tables of content.xml
 *   workbook.c  what both share: the rows of a sheet (expat, fed chunk by
 *               chunk), the table found in a sheet (the government's
 *               accessible-spreadsheet layout, or --range), and the
 *               records it yields to the table builder.
 *
 * A sheet row arrives as its non-empty cells (column, text) in column
 * order; a cell's text is its stored value at full precision (never the
 * displayed rounding), a date as an ISO date.  Not part of the API. */
#ifndef FORCESTAT_WORKBOOK_H
#define FORCESTAT_WORKBOOK_H

#include <stddef.h>

#include "distance.h" /* FS_HIDDEN */
#include "forcestat/dataset.h"
#include "forcestat/status.h"
#include "source.h"

/* ---- limits (README, "Limits") ---- */

/* A member inflates to at most this many bytes. */
#define FS_ZIP_MAX_MEMBER_BYTES (256LL << 20)
/* All the members read for one workbook, together (a sheet read twice,
 * to find its table and then to read it, counts twice). */
#define FS_ZIP_MAX_TOTAL_BYTES (1LL << 30)
/* Past its first FS_ZIP_RATIO_FREE_BYTES, a member inflates to at most
 * this many times the size of the whole archive (so to at least as many
 * times its own compressed size): a zip bomb stops within a few MB. */
#define FS_ZIP_MAX_RATIO 100
#define FS_ZIP_RATIO_FREE_BYTES (1LL << 20)
/* Members in one archive, and a compressed workbook read from standard
 * input (kept in memory, as the container is read more than once). */
#define FS_ZIP_MAX_MEMBERS 10000
/* An archive of tables (aggregate, check) is streamed member by member,
 * never kept: its members together inflate to at most this. */
#define FS_ARCHIVE_MAX_TOTAL_BYTES (16LL << 30)
#define FS_ZIP_MAX_MEMORY_ARCHIVE (256LL << 20)
/* A sheet's size: Excel's and LibreOffice's own limits. */
#define FS_SHEET_MAX_ROWS 1048576L
#define FS_SHEET_MAX_COLUMNS 16384L

/* ---- zip.c ---- */

typedef struct fs_zip fs_zip_t;

/* Opens the archive at path (or, when path is NULL, the len bytes at
 * data, which must outlive it); name is for messages.  Lists the members
 * once.  FS_EPARSE (not a zip, truncated, corrupt), FS_ELIMIT, FS_ENOMEM. */
FS_HIDDEN fs_status_t fs_zip_open(fs_zip_t **out, const char *path, const void *data, size_t len,
                                  const char *name, fs_error_t *err);

/* Opens the zip archive of tables at path (a police.uk download: CSV
 * members streamed one after another); as fs_zip_open, with its messages
 * naming an archive and its member, and FS_ARCHIVE_MAX_TOTAL_BYTES for
 * the total. */
FS_HIDDEN fs_status_t fs_zip_open_archive(fs_zip_t **out, const char *path, const char *name,
                                          fs_error_t *err);

/* The members, in the archive's order: how many, and the name of the
 * i-th (NULL past the end).  A name is text to compare, never a path. */
FS_HIDDEN size_t fs_zip_count(const fs_zip_t *z);
FS_HIDDEN const char *fs_zip_member_name(const fs_zip_t *z, size_t i);

/* A source over one member of z (source_zip.c), named "ARCHIVE:MEMBER",
 * inflated as it is read, gzip decoded and other compressed kinds (a zip
 * in the zip) refused as for a file.  z must outlive the source and
 * reads no other member meanwhile.  The errors of fs_zip_member_open. */
FS_HIDDEN fs_status_t fs_source_open_zip_member(fs_source_t **out, fs_zip_t *z, const char *member,
                                                fs_error_t *err);

/* A CSV reader over src, which it owns from here on (freed on failure):
 * a zip in src is refused, not read as a workbook (csv.c). */
FS_HIDDEN fs_status_t fs_reader_open_source(fs_reader_t **out, fs_source_t *src,
                                            const fs_read_options_t *opt, fs_error_t *err);

/* Whether path names a zip archive of tables (not a workbook, not
 * standard input), for fs_inputs_open to read member by member
 * (inputs.c). */
FS_HIDDEN int fs_input_is_archive(const char *path);

/* Whether a member's name would leave the folder it was extracted to
 * (absolute, a backslash, a ".." part): such an archive is refused as
 * hostile, though forcestat extracts nothing. */
FS_HIDDEN int fs_zip_member_unsafe(const char *name);

/* Whether the archive holds a member of this name (ASCII case ignored, as
 * the Open Packaging Conventions say; a leading '/' ignored). */
FS_HIDDEN int fs_zip_has(const fs_zip_t *z, const char *member);

/* Starts reading member (closing the one before).  FS_ENOTFOUND, FS_EPARSE
 * (an encrypted member, a broken archive). */
FS_HIDDEN fs_status_t fs_zip_member_open(fs_zip_t *z, const char *member, fs_error_t *err);

/* At most size inflated bytes of the open member; *got 0 at its end.
 * FS_ELIMIT past a limit above, FS_EPARSE when the data are broken. */
FS_HIDDEN fs_status_t fs_zip_member_read(fs_zip_t *z, unsigned char *buf, size_t size, size_t *got,
                                         fs_error_t *err);

FS_HIDDEN const char *fs_zip_name(const fs_zip_t *z);
FS_HIDDEN void fs_zip_free(fs_zip_t *z);

/* ---- rows (workbook.c) ---- */

typedef struct fs_cell {
    long col; /* 0-based: A is 0 */
    size_t len;
    char *text;
} fs_cell_t;

/* A row being built, and handed to the sink when it ends. */
typedef struct fs_sheet_row {
    long row;    /* 1-based */
    long repeat; /* the row stands this many times (an .ods repeat) */
    fs_cell_t *cells;
    size_t ncells, cap;
    /* the cell being built */
    long col;
    char *text;
    size_t len, text_cap;
    size_t max_cell_bytes;
} fs_sheet_row_t;

typedef fs_status_t (*fs_row_sink_t)(void *ctx, const fs_sheet_row_t *row, fs_error_t *err);

/* The streaming parse of one sheet, shared by the formats: expat fed one
 * chunk of the member at a time, rows to the sink as they end. */
typedef struct fs_sheet_parse {
    struct XML_ParserStruct *xp;
    fs_zip_t *zip;
    const char *book_name; /* for messages */
    char member[256];
    fs_sheet_row_t row;
    fs_row_sink_t sink;
    void *sink_ctx;
    int sheet_done;
    fs_status_t st; /* an error from inside a handler, in err */
    fs_error_t err;
    unsigned char buf[16 * 1024];
} fs_sheet_parse_t;

/* Feeds the next chunk of the member to expat: FS_OK, FS_EOF when the
 * sheet has ended, or an error. */
FS_HIDDEN fs_status_t fs_parse_step(fs_sheet_parse_t *p, fs_error_t *err);
/* Frees the parser and the row: p may be set up again. */
FS_HIDDEN void fs_parse_clear(fs_sheet_parse_t *p);

/* What a format gives workbook.c. */
typedef struct fs_book_format {
    const char *name; /* "xlsx", "ods" */
    /* The names of the sheets, in order, into names (malloc'd strings). */
    fs_status_t (*list)(void *impl, fs_zip_t *z, char ***names, size_t *n, fs_error_t *err);
    /* Starts the sheet at index: the parse's expat handlers and member. */
    fs_status_t (*begin)(void *impl, fs_zip_t *z, size_t index, fs_sheet_parse_t *p,
                         fs_error_t *err);
    void (*free)(void *impl);
} fs_book_format_t;

FS_HIDDEN extern const fs_book_format_t fs_xlsx_format;
FS_HIDDEN extern const fs_book_format_t fs_ods_format;
/* A format's state, made when the container says which it is. */
FS_HIDDEN void *fs_xlsx_new(void);
FS_HIDDEN void *fs_ods_new(void);

/* For the formats: the row being built. */
FS_HIDDEN fs_status_t fs_row_cell_text(fs_sheet_row_t *r, const char *s, size_t n);
FS_HIDDEN fs_status_t fs_row_cell_end(fs_sheet_row_t *r, long repeat);
FS_HIDDEN fs_status_t fs_row_end(fs_sheet_parse_t *p, long repeat);
FS_HIDDEN fs_sheet_row_t *fs_parse_row(fs_sheet_parse_t *p);
/* Stops the parse with an error (from inside an expat handler). */
FS_HIDDEN void fs_parse_fail(fs_sheet_parse_t *p, fs_status_t st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The sheet ended (ods: its table closed): no more rows. */
FS_HIDDEN void fs_parse_sheet_done(fs_sheet_parse_t *p);
/* Sets the expat handlers and user data, and the member to read. */
FS_HIDDEN fs_status_t fs_parse_setup(fs_sheet_parse_t *p, const char *member, void *ud,
                                     void (*start)(void *, const char *, const char **),
                                     void (*end)(void *, const char *),
                                     void (*text)(void *, const char *, int), fs_error_t *err);

/* Reads a whole member through expat (a part the sheets need: the list of
 * sheets, the shared strings, the styles). */
FS_HIDDEN fs_status_t fs_xml_read_member(fs_zip_t *z, const char *member, void *ud,
                                         void (*start)(void *, const char *, const char **),
                                         void (*end)(void *, const char *),
                                         void (*text)(void *, const char *, int), int *failed,
                                         fs_error_t *err);

/* An attribute's value (name: "URI local" as expat's namespace parser
 * gives it), or NULL. */
FS_HIDDEN const char *fs_xml_attr(const char **atts, const char *name);

/* expat names (the parser is made with a namespace separator ' '): a
 * name without its namespace, and an attribute by that local name
 * whatever its namespace (NULL when absent). */
FS_HIDDEN const char *fs_xml_local(const char *name);
FS_HIDDEN const char *fs_xml_local_attr(const char **atts, const char *name);

/* "C17" (or "C", a whole column: *row 0) into a 0-based column and a
 * 1-based row; returns 0 when the n bytes at s are not a reference. */
FS_HIDDEN int fs_cell_ref_parse(const char *s, size_t n, long *col, long *row);
/* A 0-based column as letters ("A", "AB") into buf (at least 8 bytes). */
FS_HIDDEN void fs_column_letters(long col, char *buf);

/* ---- the workbook as records (workbook.c) ---- */

typedef struct fs_book fs_book_t;

/* Opens the workbook in src's first bytes as a reader of records: path
 * (NULL for standard input or memory: then src is read into memory),
 * the sheet and range chosen (NULL: found).  The records are the table's
 * header (flattened) and its rows, each of the table's width, with the
 * sheet row as the line.  *name receives the name messages carry:
 * "FILE: SHEET!A:H". */
FS_HIDDEN fs_status_t fs_book_reader_open(fs_book_t **out, struct fs_source *src, const char *path,
                                          const fs_sheet_choice_t *which,
                                          const fs_read_options_t *opt, char *name,
                                          size_t name_size, fs_error_t *err);
FS_HIDDEN fs_status_t fs_book_next(fs_book_t *b, fs_record_t *rec, fs_error_t *err);
FS_HIDDEN void fs_book_free(fs_book_t *b);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dataset.h: reading CSV force datasets through libcsv.
 *
 * Two layers: a streaming record reader (constant memory, for row-level
 * open data of any length) and an in-memory table built on it (for
 * force-level datasets: one row per force, or a long table of a few
 * thousand rows).  Both read plain and gzip-compressed files alike.
 *
 * Contract (status.h): opt may be NULL everywhere (fs_read_options_init's
 * defaults).  After a failure of an open or read, *out is NULL;
 * fs_reader_free and fs_table_free accept NULL.  A record from
 * fs_reader_next lives until the next call on its reader. */
#ifndef FORCESTAT_DATASET_H
#define FORCESTAT_DATASET_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_encoding {
    FS_ENCODING_UTF8 = 0,     /* invalid UTF-8 is an error naming the line */
    FS_ENCODING_WINDOWS_1252  /* bytes are transcoded to UTF-8 */
} fs_encoding_t;

typedef struct fs_read_options {
    fs_encoding_t encoding;
    size_t max_field_bytes;  /* a longer field is FS_ELIMIT; default 1 MiB */
    size_t max_fields;       /* more fields in one record is FS_ELIMIT; default 100,000 */
    size_t max_record_bytes; /* a longer record is FS_ELIMIT; default 16 MiB */
} fs_read_options_t;

/* Fills *o with the defaults above. */
void fs_read_options_init(fs_read_options_t *o);

/* One record, valid until the next call on its reader.  Fields are
 * NUL-terminated UTF-8 (a field never contains a NUL byte: that is an
 * error) and are also given with their lengths. */
typedef struct fs_record {
    size_t nfields;
    char *const *fields;
    const size_t *lens;
    long line; /* physical line (1-based) where the record starts */
} fs_record_t;

typedef struct fs_reader fs_reader_t;

/* Opens path for reading; "-" means standard input.  Gzip-compressed input
 * is recognised by its content and decompressed on the fly.  A leading
 * UTF-8 byte order mark is skipped; LF, CRLF and CR line endings are all
 * accepted; blank lines are skipped.  Quotes follow RFC 4180 strictly.
 * On success *out owns the file; free it with fs_reader_free().  Errors:
 * FS_EIO (cannot open, is a directory), FS_ENOMEM, FS_EINVAL. */
fs_status_t fs_reader_open(fs_reader_t **out, const char *path, const fs_read_options_t *opt,
                           fs_error_t *err);

/* The same over a memory buffer, which must outlive the reader.  name is
 * used in error messages. */
fs_status_t fs_reader_open_memory(fs_reader_t **out, const void *data, size_t len,
                                  const char *name, const fs_read_options_t *opt,
                                  fs_error_t *err);

/* Reads bytes [start, end) of the regular file at path, as if they were
 * the whole input, numbering lines from first_line (the physical line on
 * which byte `start` lies) and naming the file path in messages.  A
 * parallel reader splits a large file at record boundaries and gives each
 * part to one of these.  No byte order mark is looked for unless start is
 * 0.  Errors as fs_reader_open, and FS_EINVAL (nothing opened) unless 0 <=
 * start <= end <= the file's size and first_line >= 1. */
fs_status_t fs_reader_open_range(fs_reader_t **out, const char *path, long long start,
                                 long long end, long first_line, const fs_read_options_t *opt,
                                 fs_error_t *err);

/* A consumer of records for fs_reader_for_each: FS_OK to go on, anything
 * else to stop (the status is then returned). */
typedef fs_status_t (*fs_record_sink_t)(const fs_record_t *rec, void *ctx);

/* Reads every remaining record and passes each to sink, feeding libcsv
 * whole buffers: the fast path for bulk reading.  Records carry line 0
 * (lines are not tracked), and a failure is reported without a place:
 * read the input again with fs_reader_next for the exact message. */
fs_status_t fs_reader_for_each(fs_reader_t *r, fs_record_sink_t sink, void *ctx,
                               fs_error_t *err);

/* Reads the next record into *rec.  Returns FS_OK, FS_EOF at the end, or
 * an error (FS_EPARSE for CSV syntax and encoding, FS_ELIMIT, FS_EIO,
 * FS_ENOMEM) with the line and field where it happened.  After an error
 * the reader stays failed. */
fs_status_t fs_reader_next(fs_reader_t *r, fs_record_t *rec, fs_error_t *err);

/* Column projection for the records still to come: only fields i < n
 * with keep[i] set are checked and copied; the others arrive as empty
 * strings.  A streaming command that reads 4 of 13 columns skips most of
 * the work.  keep is copied; NULL turns projection off.  FS_ENOMEM. */
fs_status_t fs_reader_project(fs_reader_t *r, const unsigned char *keep, size_t n);

/* Workbooks.  fs_reader_open and fs_table_read read an .xlsx or .ods
 * workbook (told by its content, not its name) as the first table found
 * in it: cover, contents and notes sheets are passed over, and the title
 * and note rows above a table's header (the layout of the government's
 * accessible-spreadsheet guidance); a header over two rows, as merged
 * cells make, is flattened ("2019 Q1"); the table ends at its first blank
 * row.  Cells give their stored value at full precision, dates as ISO
 * dates.  The reader's name (in messages) is "FILE: SHEET!A:H", and a
 * record's line is its row in the sheet.  An .xls, an encrypted or a
 * broken workbook is FS_EPARSE; one that inflates beyond the limits of
 * the README is FS_ELIMIT.  A choice names the sheet (its name, or its
 * number from 1) and the range ("A5:H50": the header is its first row);
 * either may be NULL (found as above). */
typedef struct fs_sheet_choice {
    const char *sheet;
    const char *range;
} fs_sheet_choice_t;

/* fs_reader_open with a choice of sheet and range (which may be NULL:
 * the first table found; its strings are copied).  Errors as
 * fs_reader_open: the input and the choice are looked at by the first
 * fs_reader_next, whose errors then say what is wrong (a choice for a file
 * that is not a workbook, or a bad range: invalid; a sheet that is not
 * there, or one that holds no table: not found). */
fs_status_t fs_reader_open_sheet(fs_reader_t **out, const char *path,
                                 const fs_sheet_choice_t *which, const fs_read_options_t *opt,
                                 fs_error_t *err);

/* The sheets of the workbook at path and the table found in each, for a
 * listing (forcestat sheets). */
typedef struct fs_sheet_info {
    char *name;
    int passed_over;   /* a cover, contents or notes sheet (by its name) */
    int has_table;     /* a table was found: the fields below are set */
    long first_row, last_row; /* the table's rows, its header included */
    long first_col, last_col; /* 0-based columns */
    long header_rows;  /* rows the header spans (1 or 2) */
    size_t ncols;
    char **header;     /* the flattened column names */
    size_t nrows;      /* data rows */
} fs_sheet_info_t;

typedef struct fs_sheet_list {
    size_t n;
    fs_sheet_info_t *sheets;
} fs_sheet_list_t;

/* Fills *out (emptied on failure).  FS_EPARSE when path is no workbook,
 * and the errors of fs_reader_open. */
fs_status_t fs_workbook_sheets(fs_sheet_list_t *out, const char *path,
                               const fs_read_options_t *opt, fs_error_t *err);
void fs_sheet_list_free(fs_sheet_list_t *l);

/* Several inputs read one after another, as one long table would be:
 * files (CSV, .csv.gz, a workbook) and zip archives of tables, whose
 * members (those whose name matches member_glob, shell style, ASCII case
 * ignored, '*' matching '/' too; NULL: "*.csv") are streamed in the
 * archive's order, inflated as they are read and never extracted.  A zip
 * that holds a workbook's parts is a workbook.  An archive's member is
 * named "ARCHIVE:MEMBER" in messages.  which may be NULL; its strings and
 * the paths must outlive the inputs.  Opening reads nothing yet, and
 * fails only when out of memory. */
typedef struct fs_inputs fs_inputs_t;

fs_status_t fs_inputs_open(fs_inputs_t **out, const char *const *paths, size_t npaths,
                           const char *member_glob, const fs_sheet_choice_t *which,
                           const fs_read_options_t *opt, fs_error_t *err);

/* The next input's reader, positioned before its header: *r is the
 * inputs' own, valid until the next call.  FS_EOF after the last.  Errors,
 * besides those of fs_reader_open: FS_ENOTFOUND (no member of an archive
 * matches, or it has none), FS_EPARSE (a member with an unsafe name,
 * absolute or with '..': the archive is refused; a truncated or corrupt
 * archive), FS_EINVAL (a sheet chosen for an archive).  A member that
 * inflates beyond 256 MiB, or to over 100 times the archive's size, or an
 * archive beyond 16 GiB, is a limit error of the member's reader
 * (fs_reader_next), which stops there: memory stays bounded. */
fs_status_t fs_inputs_next(fs_inputs_t *in, fs_reader_t **r, fs_error_t *err);

void fs_inputs_free(fs_inputs_t *in);

/* The name used in messages: the path, or "<stdin>". */
const char *fs_reader_name(const fs_reader_t *r);

/* The raw bytes read so far (of a .gz file, the compressed bytes): with
 * the file's size, how far a long read has come. */
long long fs_reader_bytes_read(const fs_reader_t *r);

void fs_reader_free(fs_reader_t *r);

/* A whole table in memory: a header row and data rows of equal width. */
typedef struct fs_table {
    char *name;      /* file name for messages */
    size_t ncols;
    char **columns;  /* header names */
    size_t nrows;
    char **cells;    /* nrows * ncols, row-major; never NULL entries */
    long *lines;     /* physical line of each data row */
    void *storage_;  /* private */
} fs_table_t;

/* A condition "column equals one of these values" (exact text after
 * removing surrounding blanks). */
typedef struct fs_match {
    const char *column;
    const char *const *values;
    size_t nvalues;
} fs_match_t;

/* Reads a table: the first record is the header, every later record must
 * have as many fields (a ragged row is FS_EPARSE naming its line).  Rows
 * whose fields are all blank (as spreadsheets export below a table) are
 * skipped.  Duplicate column names are FS_EPARSE.  A file with no header
 * is FS_EPARSE ("empty file").  *out is freed with fs_table_free(). */
fs_status_t fs_table_read(fs_table_t **out, const char *path, const fs_read_options_t *opt,
                          fs_error_t *err);
fs_status_t fs_table_read_memory(fs_table_t **out, const void *data, size_t len,
                                 const char *name, const fs_read_options_t *opt,
                                 fs_error_t *err);

/* fs_table_read with a choice of sheet and range in a workbook (above):
 * FS_EINVAL for a choice given for a file that is not a workbook, or a
 * bad range; FS_ENOTFOUND for a sheet that is not there, or one that
 * holds no table; and the errors of fs_table_read. */
fs_status_t fs_table_read_sheet(fs_table_t **out, const char *path,
                                const fs_sheet_choice_t *which, const fs_read_options_t *opt,
                                fs_error_t *err);

/* fs_table_read over the records still to come of r (one input of
 * fs_inputs_next, say), whose next record is the header; r stays the
 * caller's.  Errors as fs_table_read's, after the open. */
fs_status_t fs_table_read_reader(fs_table_t **out, fs_reader_t *r, fs_error_t *err);

void fs_table_free(fs_table_t *t);

/* The cell at (row, col). */
static inline const char *fs_table_cell(const fs_table_t *t, size_t row, size_t col)
{
    return t->cells[row * t->ncols + col];
}

/* The index of the column called name: an exact match first, then one
 * that differs only in case and surrounding blanks.  FS_ENOTFOUND (with a
 * message listing the columns) when there is none. */
fs_status_t fs_table_find_column(const fs_table_t *t, const char *name, size_t *col,
                                 fs_error_t *err);

/* Parses column col of every row into values[0..nrows-1] strictly (see
 * fs_parse_number): missing tokens become NaN (a NaN in the input itself
 * is rejected, so NaN always means missing), anything else that is not a
 * number is FS_EPARSE naming the file, line, column and text. */
fs_status_t fs_table_numeric_column(const fs_table_t *t, size_t col, double *values,
                                    fs_error_t *err);

/* Keeps only the rows whose column m->column equals one of m->values
 * (exact text after trimming blanks): how a long table (several years or
 * measures per force) is narrowed to one comparison.  FS_ENOTFOUND when the
 * column does not exist. */
fs_status_t fs_table_filter(fs_table_t *t, const fs_match_t *m, fs_error_t *err);

/* A new table of rows[0..n) of t, in that order (a row may repeat), with
 * t's header, name and line numbers; t is unchanged.  *out is freed with
 * fs_table_free.  Errors: FS_EINVAL (a row out of range), FS_ENOMEM. */
fs_status_t fs_table_subset(const fs_table_t *t, const size_t *rows, size_t n, fs_table_t **out,
                            fs_error_t *err);

/* Whether the n bytes of field match one of m's values (trimmed). */
int fs_match_field(const fs_match_t *m, const char *field, size_t n);

#ifdef __cplusplus
}
#endif

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv.c: the CSV format: bytes from a source (source.h) into records,
 * through libcsv, or in bulk split here where a line has no quote or only
 * plain quoted fields.
 *
 * Line numbers.  libcsv reports fields and records, not positions, so we
 * feed it one physical line at a time (a line ends at LF, CRLF or a lone
 * CR) and count lines ourselves.  A record or field then starts on the
 * line that was being fed when its predecessor ended, which is what error
 * messages need ("the line where the broken field starts"), including for
 * quoted fields that span lines.  A line holds at most one record end, so
 * each csv_parse() call completes at most one record.
 *
 * Strictness.  CSV_STRICT makes a quote inside an unquoted field, or text
 * after a closing quote, a parse error; CSV_STRICT_FINI makes an unclosed
 * quote at the end of input one.  libcsv's default of collapsing runs of
 * line terminators is what skips blank lines and joins CR LF. */
#include "forcestat/dataset.h"

#include "distance.h"
#include "reader_internal.h"
#include "source.h"
#include "workbook.h"

#include <csv.h>
#include <errno.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_BYTES (256u * 1024u)

struct fs_reader {
    char name[FS_SOURCE_NAME_MAX];
    fs_read_options_t opt;
    fs_source_t *src; /* where the bytes come from */
    struct csv_parser parser;
    int parser_ready;
    unsigned char *chunk;
    size_t chunk_len, chunk_pos;
    size_t chunk_size;   /* bytes a refill asks for: CHUNK_BYTES, less in tests */
    size_t record_bytes; /* bytes of the record under construction */
    int at_start;   /* nothing read yet: look for a byte order mark */
    int eof;        /* the source is exhausted */
    int finished;   /* csv_fini was called */
    int failed;     /* an error was returned; the reader stays failed */
    int prev_cr;    /* the last byte fed was CR, so a leading LF completes CRLF */
    long line;      /* the physical line being fed, 1-based */
    long field_line;    /* where the field under construction started */
    int field_line_pending; /* the next field starts on the next line fed */
    /* The record under construction: fields packed into one arena. */
    char *arena;
    size_t arena_len, arena_cap;
    size_t *offsets;
    size_t *lens;
    char **ptrs;
    size_t nfields, fields_cap;
    long record_line;
    int record_ready;
    fs_record_sink_t sink;  /* for_each: records go here as libcsv ends them */
    void *sink_ctx;
    unsigned char *keep;    /* column projection, or NULL */
    size_t nkeep;
    fs_status_t cb_status;  /* an error found inside a libcsv callback */
    fs_error_t cb_error;
    uint32_t *marks; /* bulk: a line's commas and quotes, then its fields */
    uint32_t *spans; /* (start, length) pairs */
    size_t marks_cap;
    fs_book_t *book;        /* a workbook's table: records come from book.c */
    int book_pending;       /* the first read looks for a workbook */
    char *book_path, *book_sheet, *book_range;
};

void fs_read_options_init(fs_read_options_t *o)
{
    o->encoding = FS_ENCODING_UTF8;
    o->max_field_bytes = 1u << 20;
    o->max_fields = 100000;
    o->max_record_bytes = 16u << 20;
}

long long fs_reader_bytes_read(const fs_reader_t *r)
{
    return r->src != NULL ? r->src->bytes_in : 0;
}

const char *fs_reader_name(const fs_reader_t *r)
{
    return r->name;
}

/* Windows-1252 bytes 0x80..0x9F as Unicode code points; 0 marks the five
 * bytes the code page leaves undefined.  0xA0..0xFF equal U+00A0..U+00FF. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when
 * it is not valid: overlong forms, surrogates and code points above
 * U+10FFFF are rejected, as RFC 3629 requires. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static int arena_reserve(fs_reader_t *r, size_t n)
{
    if (r->arena_len + n <= r->arena_cap)
        return 1;
    size_t cap = r->arena_cap ? r->arena_cap : 4096;
    while (cap < r->arena_len + n) {
        if (cap > SIZE_MAX / 2)
            return 0;
        cap *= 2;
    }
    char *p = realloc(r->arena, cap);
    if (p == NULL)
        return 0;
    r->arena = p;
    r->arena_cap = cap;
    return 1;
}

static void callback_error(fs_reader_t *r, fs_status_t status, long column, const char *text,
                           size_t text_len, const char *message)
{
    r->cb_status = status;
    fs_error_set(&r->cb_error, status, "%s", message);
    fs_error_at(&r->cb_error, r->name, r->field_line, column, text, text_len);
}

/* Room for `want` fields in the record being built (doubling); 0 when
 * out of memory. */
static int reserve_fields(fs_reader_t *r, size_t want)
{
    while (r->fields_cap < want) {
        size_t cap = r->fields_cap ? r->fields_cap * 2 : 32;
        size_t *o = realloc(r->offsets, cap * sizeof *o);
        if (o != NULL)
            r->offsets = o;
        size_t *l = realloc(r->lens, cap * sizeof *l);
        if (l != NULL)
            r->lens = l;
        char **p = realloc(r->ptrs, cap * sizeof *p);
        if (p != NULL)
            r->ptrs = p;
        if (o == NULL || l == NULL || p == NULL)
            return 0;
        r->fields_cap = cap;
    }
    return 1;
}

/* The length of the run of ASCII bytes that starts s[0..n), in steps of
 * 8 (the rest is checked byte by byte): most cells are ASCII. */
static size_t ascii_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        if ((w & 0x8080808080808080ull) != 0)
            break;
    }
    return i;
}

/* Copies (and checks or transcodes) one field into the record being
 * built.  may_hold_nul: the bytes were not checked for NUL before (the
 * bulk path checks whole buffers). */
static void add_field(fs_reader_t *r, const unsigned char *s, size_t len, int may_hold_nul)
{
    if (r->cb_status != FS_OK)
        return;
    if (r->nfields == 0)
        r->record_line = r->field_line;
    long column = (long)r->nfields + 1;
    if (r->nfields >= r->opt.max_fields) {
        callback_error(r, FS_ELIMIT, column, NULL, 0, "too many fields in one record");
        return;
    }
    int skip = r->keep != NULL && (r->nfields >= r->nkeep || !r->keep[r->nfields]);
    if (skip)
        len = 0; /* projected out: kept as an empty field, never examined */
    if (len > r->opt.max_field_bytes) {
        callback_error(r, FS_ELIMIT, column, (const char *)s, len, "field too long");
        return;
    }
    if (r->arena_len + len > r->opt.max_record_bytes) {
        callback_error(r, FS_ELIMIT, column, NULL, 0, "record too long");
        return;
    }
    if (may_hold_nul && memchr(s, '\0', len) != NULL) {
        callback_error(r, FS_EPARSE, column, (const char *)s, len, "NUL byte in field");
        return;
    }
    if (r->nfields == r->fields_cap && !reserve_fields(r, r->nfields + 1)) {
        callback_error(r, FS_ENOMEM, column, NULL, 0, "out of memory");
        return;
    }
    /* Windows-1252 expands to at most 3 bytes per input byte. */
    size_t need = (r->opt.encoding == FS_ENCODING_WINDOWS_1252 ? 3 * len : len) + 1;
    if (!arena_reserve(r, need)) {
        callback_error(r, FS_ENOMEM, column, NULL, 0, "out of memory");
        return;
    }
    char *out = r->arena + r->arena_len;
    size_t k = 0;
    if (r->opt.encoding == FS_ENCODING_WINDOWS_1252) {
        for (size_t i = 0; i < len; i++) {
            unsigned c = s[i];
            if (c < 0x80) {
                out[k++] = (char)c;
                continue;
            }
            unsigned cp = c < 0xA0 ? cp1252_high[c - 0x80] : c;
            if (cp == 0) {
                callback_error(r, FS_EPARSE, column, (const char *)s, len,
                               "byte not defined in Windows-1252");
                return;
            }
            if (cp < 0x800) {
                out[k++] = (char)(0xC0 | (cp >> 6));
            } else {
                out[k++] = (char)(0xE0 | (cp >> 12));
                out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            }
            out[k++] = (char)(0x80 | (cp & 0x3F));
        }
    } else {
        for (size_t i = ascii_prefix(s, len); i < len;) {
            size_t step = utf8_sequence(s + i, len - i);
            if (step == 0) {
                callback_error(r, FS_EPARSE, column, NULL, 0,
                               "invalid UTF-8 (use --encoding windows-1252 for files saved by "
                               "older spreadsheets)");
                return;
            }
            i += step;
        }
        memcpy(out, s, len);
        k = len;
    }
    out[k] = '\0';
    r->offsets[r->nfields] = r->arena_len;
    r->lens[r->nfields] = k;
    r->arena_len += k + 1;
    r->nfields++;
    r->field_line = r->line;
}

/* libcsv field callback: copy the field now, because libcsv reuses its
 * buffer for the next field. */
static void on_field(void *data, size_t len, void *ctx)
{
    add_field(ctx, data ? data : (const unsigned char *)"", len, 1);
}

static void take_record(fs_reader_t *r, fs_record_t *rec);
static fs_status_t check_growth(fs_reader_t *r, fs_error_t *err);

static void on_record(int terminator, void *ctx)
{
    fs_reader_t *r = ctx;
    (void)terminator;
    if (r->cb_status != FS_OK)
        return;
    r->record_ready = 1;
    r->field_line_pending = 1;
    if (r->sink != NULL) {
        fs_record_t rec;
        take_record(r, &rec);
        fs_status_t st = r->sink(&rec, r->sink_ctx);
        if (st != FS_OK)
            r->cb_status = st;
    }
}

/* A reader over src, which it owns from here on (freed on failure). */
static fs_status_t reader_init(fs_reader_t **out, fs_source_t *src, const fs_read_options_t *opt,
                               fs_error_t *err)
{
    *out = NULL;
    fs_reader_t *r = calloc(1, sizeof *r);
    if (r == NULL) {
        fs_source_free(src);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    r->src = src;
    snprintf(r->name, sizeof r->name, "%s", src->name);
    if (opt != NULL)
        r->opt = *opt;
    else
        fs_read_options_init(&r->opt);
    if (r->opt.max_fields == 0 || r->opt.max_field_bytes == 0 || r->opt.max_record_bytes == 0) {
        fs_reader_free(r);
        return fs_error_set(err, FS_EINVAL, "read limits must be positive");
    }
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fs_reader_free(r);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    r->parser_ready = 1;
    r->chunk = malloc(CHUNK_BYTES);
    r->chunk_size = CHUNK_BYTES;
    if (r->chunk == NULL) {
        fs_reader_free(r);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    r->at_start = 1;
    r->line = 1;
    r->field_line = 1;
    *out = r;
    return FS_OK;
}

/* The seam for workbooks: the reader keeps the path and the choice of
 * sheet, and its first read looks at the input's kind (so that a read
 * error is placed as before). */
static fs_status_t open_book(fs_reader_t **out, const char *path, const fs_sheet_choice_t *which,
                             fs_error_t *err)
{
    fs_reader_t *r = *out;
    r->book_pending = 1;
    if (path != NULL)
        r->book_path = strdup(path);
    if (which != NULL && which->sheet != NULL)
        r->book_sheet = strdup(which->sheet);
    if (which != NULL && which->range != NULL)
        r->book_range = strdup(which->range);
    if ((path != NULL && r->book_path == NULL) ||
        (which != NULL && which->sheet != NULL && r->book_sheet == NULL) ||
        (which != NULL && which->range != NULL && r->book_range == NULL)) {
        fs_reader_free(r);
        *out = NULL;
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    return FS_OK;
}

/* At the first read: a zip is read as a workbook's table (book.c), a
 * choice of sheet for anything else refused. */
static fs_status_t look_for_book(fs_reader_t *r, fs_error_t *err)
{
    r->book_pending = 0;
    fs_input_kind_t kind;
    fs_status_t st = fs_source_kind(r->src, &kind, err);
    if (st == FS_EIO)
        fs_error_at(err, r->name, r->line, 0, NULL, 0);
    if (st == FS_OK && kind == FS_INPUT_ZIP) {
        fs_sheet_choice_t which = {r->book_sheet, r->book_range};
        st = fs_book_reader_open(&r->book, r->src, r->book_path, &which, &r->opt, r->name,
                                 sizeof r->name, err);
    } else if (st == FS_OK && (r->book_sheet != NULL || r->book_range != NULL)) {
        fs_error_at(err, r->name, 0, 0, NULL, 0);
        st = fs_error_set(err, FS_EINVAL, "not a workbook: a sheet or range is for .xlsx and "
                                          ".ods files");
    }
    r->failed = st != FS_OK;
    return st;
}

fs_status_t fs_reader_open_source(fs_reader_t **out, fs_source_t *src, const fs_read_options_t *opt,
                                  fs_error_t *err)
{
    return reader_init(out, src, opt, err);
}

fs_status_t fs_reader_open_sheet(fs_reader_t **out, const char *path,
                                 const fs_sheet_choice_t *which, const fs_read_options_t *opt,
                                 fs_error_t *err)
{
    *out = NULL;
    fs_source_t *src;
    fs_status_t st = fs_source_open_path(&src, path, err);
    if (st == FS_OK)
        st = reader_init(out, src, opt, err);
    return st == FS_OK ? open_book(out, path, which, err) : st;
}

fs_status_t fs_reader_open(fs_reader_t **out, const char *path, const fs_read_options_t *opt,
                           fs_error_t *err)
{
    return fs_reader_open_sheet(out, path, NULL, opt, err);
}

fs_status_t fs_reader_open_memory(fs_reader_t **out, const void *data, size_t len,
                                  const char *name, const fs_read_options_t *opt,
                                  fs_error_t *err)
{
    *out = NULL;
    fs_source_t *src;
    fs_status_t st = fs_source_open_memory(&src, data, len, name, err);
    if (st == FS_OK)
        st = reader_init(out, src, opt, err);
    return st == FS_OK ? open_book(out, NULL, NULL, err) : st;
}

fs_status_t fs_reader_open_range(fs_reader_t **out, const char *path, long long start,
                                 long long end, long first_line, const fs_read_options_t *opt,
                                 fs_error_t *err)
{
    *out = NULL;
    if (start < 0 || end < start || first_line < 1) {
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL,
                            "a range needs 0 <= start <= end and a first line >= 1 (got bytes "
                            "%lld to %lld from line %ld)",
                            start, end, first_line);
    }
    fs_source_t *src;
    fs_status_t st = fs_source_open_range(&src, path, start, end, err);
    if (st != FS_OK)
        return st;
    fs_reader_t *r = NULL;
    if ((st = reader_init(&r, src, opt, err)) != FS_OK)
        return st;
    r->line = first_line;
    r->field_line = first_line;
    r->at_start = start == 0;
    *out = r;
    return FS_OK;
}

void fs_reader_free(fs_reader_t *r)
{
    if (r == NULL)
        return;
    fs_book_free(r->book);
    free(r->book_path);
    free(r->book_sheet);
    free(r->book_range);
    fs_source_free(r->src);
    if (r->parser_ready)
        csv_free(&r->parser);
    free(r->chunk);
    free(r->arena);
    free(r->offsets);
    free(r->lens);
    free(r->ptrs);
    free(r->keep);
    free(r->marks);
    free(r->spans);
    free(r);
}

fs_status_t fs_reader_project(fs_reader_t *r, const unsigned char *keep, size_t n)
{
    free(r->keep);
    r->keep = NULL;
    r->nkeep = 0;
    if (keep == NULL)
        return FS_OK;
    r->keep = malloc(n ? n : 1);
    if (r->keep == NULL)
        return FS_ENOMEM;
    memcpy(r->keep, keep, n);
    r->nkeep = n;
    return FS_OK;
}

static fs_status_t fail(fs_reader_t *r, fs_error_t *err, fs_status_t status)
{
    r->failed = 1;
    if (err != NULL && err != &r->cb_error && status == r->cb_status)
        *err = r->cb_error;
    return status;
}

/* Refills the chunk from the source; sets eof at the end of input.  A
 * read error is placed on the line being read. */
static fs_status_t refill(fs_reader_t *r, fs_error_t *err)
{
    r->chunk_pos = 0;
    r->chunk_len = 0;
    fs_status_t st = fs_source_read(r->src, r->chunk, r->chunk_size, &r->chunk_len, err);
    if (st != FS_OK) {
        r->failed = 1;
        if (st == FS_EIO)
            fs_error_at(err, r->name, r->line, 0, NULL, 0);
        return st;
    }
    if (r->chunk_len == 0)
        r->eof = 1;
    if (r->at_start && r->chunk_len > 0) {
        r->at_start = 0;
        if (r->chunk_len >= 3 && memcmp(r->chunk, "\xEF\xBB\xBF", 3) == 0)
            r->chunk_pos = 3;
    }
    return FS_OK;
}

/* Presents the finished record and resets the builder for the next one. */
static void take_record(fs_reader_t *r, fs_record_t *rec)
{
    for (size_t i = 0; i < r->nfields; i++)
        r->ptrs[i] = r->arena + r->offsets[i];
    rec->nfields = r->nfields;
    rec->fields = r->ptrs;
    rec->lens = r->lens;
    rec->line = r->record_line;
    r->record_ready = 0;
    r->nfields = 0;
    r->arena_len = 0;
}

/* ---- the bulk path: lines without quotes split without libcsv ---- */

void fs_reader_set_chunk_size(fs_reader_t *r, size_t bytes)
{
    r->chunk_size = bytes == 0 ? 1 : (bytes > CHUNK_BYTES ? CHUNK_BYTES : bytes);
}

/* libcsv's space characters (its default is_space): trimmed around an
 * unquoted field, and a line of only these is skipped like a blank one. */
static int csv_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* libcsv holds no part of a record: the next byte starts a new one. */
static int at_record_start(const fs_reader_t *r)
{
    return r->parser.pstate == 0 && r->parser.entry_pos == 0 && r->nfields == 0;
}

/* Feeds n bytes to libcsv; 0 when it or a callback failed. */
static int feed_libcsv(fs_reader_t *r, const unsigned char *p, size_t n)
{
    size_t used = csv_parse(&r->parser, p, n, on_field, on_record, r);
    return used == n && r->cb_status == FS_OK;
}

/* The positions of the commas and quotes of s[0..n), in order, into
 * marks; their number.  16 bytes at a time where SSE2 is there (every
 * x86-64), never reading past s + n. */
static size_t find_marks(const unsigned char *s, size_t n, uint32_t *marks)
{
    size_t m = 0, i = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned bits = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)));
        for (; bits != 0; bits &= bits - 1)
            marks[m++] = (uint32_t)(i + (unsigned)__builtin_ctz(bits));
    }
#endif
    for (; i < n; i++) {
        if (s[i] == ',' || s[i] == '"')
            marks[m++] = (uint32_t)i;
    }
    return m;
}

/* Where the quoted field opening at s[i] ends, given marks[*m], the first
 * mark after the quote: its closing quote must be the next quote, with a
 * comma or the line's end right after it, and no blank at either end of
 * what it holds (libcsv keeps those; left to it).  The closing quote's
 * place, *m past it; 0 when libcsv must read the line. */
static size_t closing_quote(const unsigned char *s, size_t n, size_t i, const uint32_t *marks,
                            size_t nm, size_t *m)
{
    while (*m < nm && s[marks[*m]] == ',')
        (*m)++; /* commas inside the quotes */
    if (*m == nm)
        return 0; /* not closed on this line */
    size_t q = marks[(*m)++];
    if (q + 1 < n && s[q + 1] != ',')
        return 0; /* an escaped quote, or text after the closing one */
    if (q > i + 1 && (csv_blank(s[i + 1]) || csv_blank(s[q - 1])))
        return 0;
    return q;
}

/* The fields of s[0..n), a line with no line end read at the start of a
 * record, as libcsv splits them: (start, length) pairs into spans (room
 * for one more than the marks).  Fields are trimmed of blanks outside
 * quotes; a quoted field is taken when it is plain (closing_quote).  The
 * number of fields, 0 for a line of blanks, or SIZE_MAX when libcsv must
 * read the line (a quote not settled here: libcsv is the parser of
 * record for those and for every error). */
static size_t line_fields(const unsigned char *s, size_t n, const uint32_t *marks, size_t nm,
                          uint32_t *spans)
{
    size_t i = 0, m = 0, k = 0, begin = 0;
    while (i < n && csv_blank(s[i]))
        i++;
    if (i == n)
        return 0;
    for (;;) {
        size_t from = i, to, next;
        while (m < nm && marks[m] < i)
            m++;
        if (i < n && s[i] == '"') {
            m++; /* the opening quote */
            size_t q = i == begin ? closing_quote(s, n, i, marks, nm, &m) : 0;
            if (q == 0)
                return SIZE_MAX;
            from = i + 1;
            to = q;
            next = q + 1;
        } else {
            if (m < nm && s[marks[m]] == '"')
                return SIZE_MAX; /* a quote inside an unquoted field */
            next = to = m < nm ? marks[m] : n;
            while (to > from && csv_blank(s[to - 1]))
                to--;
        }
        spans[2 * k] = (uint32_t)from;
        spans[2 * k + 1] = (uint32_t)(to - from);
        k++;
        if (next >= n)
            return k;
        begin = i = next + 1;
        while (i < n && csv_blank(s[i]))
            i++;
    }
}

/* Room for the marks and fields of a line of n bytes; 0 when out of
 * memory. */
static int reserve_marks(fs_reader_t *r, size_t n)
{
    if (n + 1 <= r->marks_cap)
        return 1;
    size_t cap = r->marks_cap ? r->marks_cap : 256;
    while (cap < n + 1)
        cap *= 2;
    uint32_t *marks = malloc(cap * sizeof *marks), *spans = malloc(2 * cap * sizeof *spans);
    if (marks == NULL || spans == NULL) {
        free(marks);
        free(spans);
        return 0;
    }
    free(r->marks);
    free(r->spans);
    r->marks = marks;
    r->spans = spans;
    r->marks_cap = cap;
    return 1;
}

/* Adds the k fields of a split line s[0..n) (r->spans) to the record,
 * which is empty.  A projected-out field is added here, as add_field
 * would add it (an empty field), when no limit can be reached: the line
 * has no more fields than the limit and its bytes with a NUL each fit a
 * record; the room for all of them is then made at once. */
static void hand_on(fs_reader_t *r, const unsigned char *s, size_t n, size_t k)
{
    const uint32_t *sp = r->spans;
    int quick = r->keep != NULL && r->opt.encoding != FS_ENCODING_WINDOWS_1252 &&
                k <= r->opt.max_fields && n + k <= r->opt.max_record_bytes;
    if (quick && (!reserve_fields(r, k) || !arena_reserve(r, n + k))) {
        callback_error(r, FS_ENOMEM, 1, NULL, 0, "out of memory");
        return;
    }
    for (size_t j = 0; j < k && r->cb_status == FS_OK; j++) {
        if (!quick || (j < r->nkeep && r->keep[j])) {
            add_field(r, s + sp[2 * j], sp[2 * j + 1], 0);
            continue;
        }
        if (j == 0)
            r->record_line = r->field_line;
        r->arena[r->arena_len] = '\0';
        r->offsets[j] = r->arena_len++;
        r->lens[j] = 0;
        r->nfields++;
        r->field_line = r->line;
    }
}

/* One line with no line end in it, at the start of a record, split here
 * and handed on as libcsv would: nothing when it is only blanks, else its
 * fields, then the record's end.  0 when nothing was handed on and
 * libcsv must read the line; 1 with r->cb_status set on an error. */
static int split_line(fs_reader_t *r, const unsigned char *s, size_t n, unsigned char end)
{
    if (n > UINT32_MAX)
        return 0;
    if (!reserve_marks(r, n)) {
        callback_error(r, FS_ENOMEM, 1, NULL, 0, "out of memory");
        return 1;
    }
    size_t nm = find_marks(s, n, r->marks);
    size_t k = line_fields(s, n, r->marks, nm, r->spans);
    if (k == SIZE_MAX)
        return 0;
    hand_on(r, s, n, k);
    if (k > 0 && r->cb_status == FS_OK)
        on_record(end, r);
    return 1;
}

/* The first line end (LF or CR) in p[from..n), or n; nl and cr cache the
 * next of each (n when there is none), found again only once passed. */
static size_t next_line_end(const unsigned char *p, size_t from, size_t n, size_t *nl, size_t *cr)
{
    if (*nl < from) {
        const unsigned char *q = memchr(p + from, '\n', n - from);
        *nl = q != NULL ? (size_t)(q - p) : n;
    }
    if (*cr < from) {
        const unsigned char *q = memchr(p + from, '\r', n - from);
        *cr = q != NULL ? (size_t)(q - p) : n;
    }
    return *nl < *cr ? *nl : *cr;
}

/* Parses p[0..n) as libcsv would, calling the same callbacks: a line at
 * the start of a record with no quote in it, or only plain quoted fields,
 * is split here (split_line); any other line with a quote, the rest of a
 * record libcsv has begun, and a last line without its end go to libcsv,
 * which stays the parser of record for quoting and every error.  0 when
 * parsing failed. */
static int parse_bulk(fs_reader_t *r, const unsigned char *p, size_t n)
{
    const unsigned char *q = memchr(p, '\n', n);
    size_t nl = q != NULL ? (size_t)(q - p) : n;
    q = memchr(p, '\r', n);
    size_t cr = q != NULL ? (size_t)(q - p) : n;
    for (size_t pos = 0; pos < n;) {
        size_t end = next_line_end(p, pos, n, &nl, &cr);
        if (end == n)
            return feed_libcsv(r, p + pos, n - pos); /* a line not ended yet */
        if (!at_record_start(r) || !split_line(r, p + pos, end - pos, p[end])) {
            /* libcsv finishes the record it has begun, or reads the quotes. */
            if (!feed_libcsv(r, p + pos, end + 1 - pos))
                return 0;
        } else if (r->cb_status != FS_OK) {
            return 0;
        }
        pos = end + 1;
    }
    return 1;
}

/* A workbook's records, one by one (they come with their places). */
static fs_status_t book_for_each(fs_reader_t *r, fs_record_sink_t sink, void *ctx,
                                 fs_error_t *err)
{
    fs_record_t rec;
    fs_status_t st;
    while ((st = fs_book_next(r->book, &rec, err)) == FS_OK) {
        if ((st = sink(&rec, ctx)) != FS_OK)
            break;
    }
    if (st == FS_EOF)
        return FS_OK;
    r->failed = 1;
    return st;
}

fs_status_t fs_reader_for_each(fs_reader_t *r, fs_record_sink_t sink, void *ctx,
                               fs_error_t *err)
{
    if (r->failed) {
        fs_error_at(err, r->name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL, "reader already failed");
    }
    /* Whole chunks go to libcsv: no line tracking, so records carry line
     * 0.  On any failure the reader reports a generic error; a caller who
     * wants the exact place reads the input again with fs_reader_next.
     * err starts clear, so that the end can tell an error set on the way
     * (by a refill or the sink) from none: the caller's may hold anything. */
    fs_error_clear(err);
    fs_status_t looked = r->book_pending ? look_for_book(r, err) : FS_OK;
    if (looked != FS_OK)
        return looked;
    if (r->book != NULL)
        return book_for_each(r, sink, ctx, err);
    r->sink = sink;
    r->sink_ctx = ctx;
    fs_status_t st = FS_OK;
    for (;;) {
        /* Bytes left in the buffer by fs_reader_next go first. */
        size_t n = r->chunk_len - r->chunk_pos;
        if (n > 0) {
            int has_nul = memchr(r->chunk + r->chunk_pos, '\0', n) != NULL;
            int ok = !has_nul && parse_bulk(r, r->chunk + r->chunk_pos, n);
            r->chunk_pos = r->chunk_len;
            if (!ok) {
                st = r->cb_status != FS_OK ? r->cb_status : FS_EPARSE;
                break;
            }
            if ((st = check_growth(r, NULL)) != FS_OK)
                break;
        }
        if (r->eof || r->finished)
            break;
        if ((st = refill(r, err)) != FS_OK)
            break;
    }
    if (st == FS_OK && !r->finished) {
        r->finished = 1;
        if (csv_fini(&r->parser, on_field, on_record, r) != 0)
            st = FS_EPARSE;
        else if (r->cb_status != FS_OK)
            st = r->cb_status;
    }
    r->sink = NULL;
    if (st != FS_OK) {
        r->failed = 1;
        if (err != NULL && err->status == FS_OK) {
            fs_error_at(err, r->name, 0, 0, NULL, 0);
            fs_error_set(err, st, "malformed input");
        }
    }
    return st;
}

/* The limits on the field and the record libcsv is still building,
 * checked after every piece fed to it (at most one chunk), so memory
 * stays within the limit plus a chunk whatever the input. */
static fs_status_t check_growth(fs_reader_t *r, fs_error_t *err)
{
    size_t field = r->parser.entry_pos;
    const char *what = NULL;
    if (field > r->opt.max_field_bytes)
        what = "field too long";
    else if (r->arena_len + field > r->opt.max_record_bytes)
        what = "record too long";
    if (what == NULL)
        return FS_OK;
    r->failed = 1;
    fs_error_at(err, r->name, r->field_line, (long)r->nfields + 1,
                (const char *)r->parser.entry_buf, field);
    return fs_error_set(err, FS_ELIMIT, "%s", what);
}

/* The next piece of the chunk to feed libcsv, p[0..avail): up to and
 * with the first line end (CRLF as one), or all of it when it has none
 * (*ends_line 0). */
static size_t next_segment(fs_reader_t *r, const unsigned char *p, size_t avail, int *ends_line)
{
    *ends_line = 0;
    if (r->prev_cr && p[0] == '\n') {
        /* The LF of a CRLF split across chunks: same line end. */
        r->prev_cr = 0;
        return 1;
    }
    size_t i = 0;
    while (i < avail && p[i] != '\n' && p[i] != '\r')
        i++;
    if (i == avail) {
        r->prev_cr = 0;
        return avail;
    }
    *ends_line = 1;
    if (p[i] == '\r' && i + 1 < avail && p[i + 1] == '\n')
        i++;
    r->prev_cr = p[i] == '\r';
    return i + 1;
}

/* A NUL byte at nul (before end): the message shows the field, what
 * libcsv holds of it, then the NUL and what follows up to the next comma. */
static fs_status_t nul_error(fs_reader_t *r, const unsigned char *nul, const unsigned char *end,
                             fs_error_t *err)
{
    char shown[FS_ERROR_TEXT_MAX];
    size_t k = r->parser.entry_pos < 48 ? r->parser.entry_pos : 48;
    if (k > 0)
        memcpy(shown, r->parser.entry_buf, k);
    for (const unsigned char *q = nul;
         q < end && *q != ',' && *q != '\n' && *q != '\r' && k < sizeof shown - 1; q++)
        shown[k++] = (char)*q;
    r->failed = 1;
    fs_error_at(err, r->name, r->field_line, (long)r->nfields + 1, shown, k);
    return fs_error_set(err, FS_EPARSE, "NUL byte in field");
}

fs_status_t fs_reader_next(fs_reader_t *r, fs_record_t *rec, fs_error_t *err)
{
    fs_status_t st_limit;
    if (r->failed) {
        fs_error_at(err, r->name, r->line, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL, "reader already failed");
    }
    if (r->book_pending) {
        fs_status_t st = look_for_book(r, err);
        if (st != FS_OK)
            return st;
    }
    if (r->book != NULL) {
        fs_status_t st = fs_book_next(r->book, rec, err);
        r->failed = st != FS_OK && st != FS_EOF;
        return st;
    }
    while (!r->record_ready) {
        if (r->finished)
            return FS_EOF;
        if (r->chunk_pos == r->chunk_len) {
            if (!r->eof) {
                fs_status_t st = refill(r, err);
                if (st != FS_OK)
                    return st;
            }
            if (r->eof) {
                r->finished = 1;
                if (r->field_line_pending) {
                    r->field_line = r->line;
                    r->field_line_pending = 0;
                }
                if (csv_fini(&r->parser, on_field, on_record, r) != 0) {
                    r->failed = 1;
                    fs_error_at(err, r->name, r->field_line, (long)r->nfields + 1, NULL, 0);
                    return fs_error_set(err, FS_EPARSE,
                                        "unclosed quoted field: the file ends inside quotes");
                }
                if (r->cb_status != FS_OK)
                    return fail(r, err, r->cb_status);
                continue;
            }
            continue;
        }
        const unsigned char *p = r->chunk + r->chunk_pos;
        int ends_line = 0;
        size_t seg = next_segment(r, p, r->chunk_len - r->chunk_pos, &ends_line);
        if (r->field_line_pending) {
            /* The next record starts on the first line with content: a
             * blank line (only a terminator) leaves it pending. */
            r->field_line = r->line;
            if (p[0] != '\n' && p[0] != '\r')
                r->field_line_pending = 0;
        }
        /* A NUL byte is an error where it arrives: libcsv would keep
         * buffering a field of them (/dev/zero) without end.  The bytes
         * before it go first, so the column is the NUL's own. */
        const unsigned char *nul = memchr(p, '\0', seg);
        size_t feed = nul != NULL ? (size_t)(nul - p) : seg;
        size_t used = csv_parse(&r->parser, p, feed, on_field, on_record, r);
        if (r->cb_status != FS_OK)
            return fail(r, err, r->cb_status);
        if (used == feed && nul != NULL)
            return nul_error(r, nul, p + seg, err);
        if ((st_limit = check_growth(r, err)) != FS_OK)
            return st_limit;
        if (used != seg) {
            r->failed = 1;
            int code = csv_error(&r->parser);
            fs_error_at(err, r->name, r->field_line, (long)r->nfields + 1, NULL, 0);
            if (code == CSV_ENOMEM || code == CSV_ETOOBIG)
                return fs_error_set(err, FS_ENOMEM, "out of memory");
            return fs_error_set(err, FS_EPARSE,
                                "malformed quoted field: a quote inside an unquoted field, or "
                                "text after a closing quote");
        }
        r->chunk_pos += seg;
        if (ends_line)
            r->line++;
    }
    take_record(r, rec);
    return FS_OK;
}


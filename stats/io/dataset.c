/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dataset.c: the libcsv adapter (streaming records) and in-memory tables.
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

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "forcestat/number.h"

#define CHUNK_BYTES (256u * 1024u)
#define RAW_BYTES (64u * 1024u)
#define NAME_MAX_BYTES 512

struct fs_reader {
    char name[NAME_MAX_BYTES];
    fs_read_options_t opt;
    int in_fd;                 /* file or standard input (read), or -1 */
    int fd;                    /* range input (pread), or -1 */
    /* Raw bytes before decompression, and the gzip decoder.  gzip is
     * recognised by its magic bytes; a stream that ends inside a member is
     * "truncated gzip data" and bytes after the last member that do not
     * start another are "trailing garbage", both errors: zlib's gzread
     * would return the shorter data without a word. */
    unsigned char *raw;
    size_t raw_len, raw_pos;
    int raw_eof;
    int mode;                  /* 0 not known yet, 1 plain, 2 gzip */
    int in_member;             /* gzip: inside a member */
    int z_ready;
    z_stream zs;
    long long range_pos, range_end;
    long long bytes_in; /* raw bytes read so far (before decompression) */
    const unsigned char *mem;  /* memory input, or NULL */
    size_t mem_len, mem_pos;
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
    return r->bytes_in;
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

/* libcsv field callback: copy (and check or transcode) the field now,
 * because libcsv reuses its buffer for the next field. */
static void on_field(void *data, size_t len, void *ctx)
{
    fs_reader_t *r = ctx;
    const unsigned char *s = data ? data : (const unsigned char *)"";
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
    if (memchr(s, '\0', len) != NULL) {
        callback_error(r, FS_EPARSE, column, (const char *)s, len, "NUL byte in field");
        return;
    }
    if (r->nfields == r->fields_cap) {
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
        if (o == NULL || l == NULL || p == NULL) {
            callback_error(r, FS_ENOMEM, column, NULL, 0, "out of memory");
            return;
        }
        r->fields_cap = cap;
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
        for (size_t i = 0; i < len;) {
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

static fs_status_t reader_init(fs_reader_t **out, const char *name,
                               const fs_read_options_t *opt, fs_error_t *err)
{
    *out = NULL;
    fs_reader_t *r = calloc(1, sizeof *r);
    if (r == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    snprintf(r->name, sizeof r->name, "%s", name);
    if (opt != NULL)
        r->opt = *opt;
    else
        fs_read_options_init(&r->opt);
    if (r->opt.max_fields == 0 || r->opt.max_field_bytes == 0 || r->opt.max_record_bytes == 0) {
        free(r);
        return fs_error_set(err, FS_EINVAL, "read limits must be positive");
    }
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(r);
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
    r->fd = -1;
    r->in_fd = -1;
    r->field_line = 1;
    *out = r;
    return FS_OK;
}

fs_status_t fs_reader_open(fs_reader_t **out, const char *path, const fs_read_options_t *opt,
                           fs_error_t *err)
{
    *out = NULL;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd;
    if (is_stdin) {
        fd = dup(STDIN_FILENO);
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) {
        int e = errno;
        fs_error_at(err, name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "cannot open: %s", strerror(e));
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fs_error_at(err, name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "is a directory, not a file");
    }
    fs_reader_t *r = NULL;
    fs_status_t st_init = reader_init(&r, name, opt, err);
    if (st_init != FS_OK) {
        close(fd);
        return st_init;
    }
    r->in_fd = fd;
    r->raw = malloc(RAW_BYTES);
    if (r->raw == NULL) {
        fs_reader_free(r);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    *out = r;
    return FS_OK;
}

fs_status_t fs_reader_open_memory(fs_reader_t **out, const void *data, size_t len,
                                  const char *name, const fs_read_options_t *opt,
                                  fs_error_t *err)
{
    *out = NULL;
    fs_reader_t *r = NULL;
    fs_status_t st = reader_init(&r, name, opt, err);
    if (st != FS_OK)
        return st;
    r->mem = data;
    r->mem_len = len;
    /* gzip in memory (standard input read whole) is decompressed too. */
    if (len >= 2 && ((const unsigned char *)data)[0] == 0x1f &&
        ((const unsigned char *)data)[1] == 0x8b && (r->raw = malloc(RAW_BYTES)) == NULL) {
        fs_reader_free(r);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    *out = r;
    return FS_OK;
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
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "cannot open: %s", strerror(e));
    }
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && end > (long long)sb.st_size) {
        close(fd);
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL, "the range ends at byte %lld, past the file's %lld",
                            end, (long long)sb.st_size);
    }
    fs_reader_t *r = NULL;
    fs_status_t st = reader_init(&r, path, opt, err);
    if (st != FS_OK) {
        close(fd);
        return st;
    }
    r->fd = fd;
    r->range_pos = start;
    r->range_end = end;
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
    if (r->fd >= 0)
        close(r->fd);
    if (r->in_fd >= 0)
        close(r->in_fd);
    if (r->z_ready)
        inflateEnd(&r->zs);
    free(r->raw);
    if (r->parser_ready)
        csv_free(&r->parser);
    free(r->chunk);
    free(r->arena);
    free(r->offsets);
    free(r->lens);
    free(r->ptrs);
    free(r->keep);
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

/* One read(2) of the file or standard input into buf, retried when a
 * signal interrupts it; sets raw_eof at the end.  A failure fails the
 * reader with the system's reason. */
static fs_status_t read_input(fs_reader_t *r, unsigned char *buf, size_t size, size_t *got,
                              fs_error_t *err)
{
    ssize_t n;
    do
        n = read(r->in_fd, buf, size);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        r->failed = 1;
        fs_error_at(err, r->name, r->line, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "read error: %s", strerror(errno));
    }
    *got = (size_t)n;
    r->bytes_in += n;
    if (n == 0)
        r->raw_eof = 1;
    return FS_OK;
}

/* Reads more raw bytes (file, standard input or memory) after those not
 * yet used; sets raw_eof at the end. */
static fs_status_t raw_fill(fs_reader_t *r, fs_error_t *err)
{
    if (r->raw_pos > 0) {
        memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
        r->raw_len -= r->raw_pos;
        r->raw_pos = 0;
    }
    size_t room = RAW_BYTES - r->raw_len;
    if (room == 0 || r->raw_eof)
        return FS_OK;
    if (r->in_fd >= 0) {
        size_t n;
        fs_status_t st = read_input(r, r->raw + r->raw_len, room, &n, err);
        if (st != FS_OK)
            return st;
        r->raw_len += n;
    } else {
        size_t n = r->mem_len - r->mem_pos;
        if (n > room)
            n = room;
        if (n > 0) /* an empty buffer may be NULL */
            memcpy(r->raw + r->raw_len, r->mem + r->mem_pos, n);
        r->mem_pos += n;
        r->raw_len += n;
        r->bytes_in += (long long)n;
        if (n == 0)
            r->raw_eof = 1;
    }
    return FS_OK;
}

static fs_status_t gzip_error(fs_reader_t *r, fs_error_t *err, const char *message)
{
    r->failed = 1;
    fs_error_at(err, r->name, 0, 0, NULL, 0);
    return fs_error_set(err, FS_EPARSE, "%s", message);
}

/* Decompresses into the chunk until it holds something or the input
 * ends.  Concatenated members are one stream (as gzip -d reads them). */
static fs_status_t gzip_refill(fs_reader_t *r, fs_error_t *err)
{
    fs_status_t st;
    while (r->chunk_len == 0) {
        if (!r->in_member) {
            /* Between members: the end, another member, or garbage. */
            while (r->raw_len - r->raw_pos < 2 && !r->raw_eof)
                if ((st = raw_fill(r, err)) != FS_OK)
                    return st;
            size_t have = r->raw_len - r->raw_pos;
            if (have == 0)
                return FS_OK; /* the end */
            if (have < 2 || r->raw[r->raw_pos] != 0x1f || r->raw[r->raw_pos + 1] != 0x8b)
                return gzip_error(r, err, "trailing garbage after gzip data");
            if (inflateReset(&r->zs) != Z_OK)
                return gzip_error(r, err, "corrupt gzip data");
            r->in_member = 1;
        }
        if (r->raw_pos == r->raw_len) {
            if ((st = raw_fill(r, err)) != FS_OK)
                return st;
            if (r->raw_len == 0 && r->raw_eof)
                return gzip_error(r, err, "truncated gzip data: the file ends inside a gzip member");
        }
        r->zs.next_in = r->raw + r->raw_pos;
        r->zs.avail_in = (uInt)(r->raw_len - r->raw_pos);
        r->zs.next_out = r->chunk;
        r->zs.avail_out = (uInt)r->chunk_size;
        int z = inflate(&r->zs, Z_NO_FLUSH);
        r->raw_pos = r->raw_len - r->zs.avail_in;
        r->chunk_len = r->chunk_size - r->zs.avail_out;
        if (z == Z_STREAM_END) {
            r->in_member = 0;
        } else if (z == Z_BUF_ERROR || (z == Z_OK && r->zs.avail_in == 0)) {
            if (r->raw_eof && r->raw_pos == r->raw_len)
                return gzip_error(r, err, "truncated gzip data: the file ends inside a gzip member");
        } else if (z != Z_OK) {
            return gzip_error(r, err, z == Z_MEM_ERROR ? "out of memory" : "corrupt gzip data");
        }
    }
    return FS_OK;
}

/* The compressed format the first bytes of the input are, by its magic
 * number, or NULL.  (gzip is read; these are not.) */
static const char *compressed_kind(const unsigned char *p, size_t n)
{
    static const unsigned char xz[6] = {0xFD, '7', 'z', 'X', 'Z', 0x00};
    static const unsigned char zstd[4] = {0x28, 0xB5, 0x2F, 0xFD};
    if (n >= 10 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h' && p[3] >= '1' && p[3] <= '9' &&
        (memcmp(p + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||   /* a block */
         memcmp(p + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0))    /* the end: empty */
        return "bzip2";
    if (n >= sizeof xz && memcmp(p, xz, sizeof xz) == 0)
        return "xz";
    if (n >= 4 && p[0] == 'P' && p[1] == 'K' &&
        ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6) || (p[2] == 7 && p[3] == 8)))
        return "zip";
    if (n >= sizeof zstd && memcmp(p, zstd, sizeof zstd) == 0)
        return "zstd";
    return NULL;
}

/* Compressed data that is not gzip is named for what it is, not read as
 * CSV (to fail later on a NUL byte, showing binary). */
static fs_status_t check_not_compressed(fs_reader_t *r, const unsigned char *p, size_t n,
                                        fs_error_t *err)
{
    const char *kind = compressed_kind(p, n);
    if (kind == NULL)
        return FS_OK;
    r->failed = 1;
    fs_error_at(err, r->name, 0, 0, NULL, 0);
    size_t len = strlen(r->name);
    if (len >= 3 && strcasecmp(r->name + len - 3, ".gz") == 0)
        return fs_error_set(err, FS_EPARSE, "not gzip data (it looks like %s data)", kind);
    return fs_error_set(err, FS_EPARSE,
                        "not CSV text: it looks like %s data (decompress it first; "
                        "forcestat reads plain CSV and gzip)",
                        kind);
}

/* Refills the chunk; sets eof at the end of input. */
static fs_status_t refill(fs_reader_t *r, fs_error_t *err)
{
    r->chunk_pos = 0;
    r->chunk_len = 0;
    fs_status_t st;
    if (r->fd >= 0) {
        long long left = r->range_end - r->range_pos, from = r->range_pos;
        size_t want = left < (long long)r->chunk_size ? (size_t)left : r->chunk_size;
        ssize_t n = want > 0 ? pread(r->fd, r->chunk, want, (off_t)r->range_pos) : 0;
        if (n < 0) {
            r->failed = 1;
            fs_error_at(err, r->name, r->line, 0, NULL, 0);
            return fs_error_set(err, FS_EIO, "read error: %s", strerror(errno));
        }
        r->range_pos += n;
        r->bytes_in += n;
        r->chunk_len = (size_t)n;
        if (from == 0 && (st = check_not_compressed(r, r->chunk, r->chunk_len, err)) != FS_OK)
            return st;
    } else if (r->raw == NULL) {
        /* Memory read as it is (no copy through raw). */
        size_t n = r->mem_len - r->mem_pos, from = r->mem_pos;
        if (n > r->chunk_size)
            n = r->chunk_size;
        if (n > 0) /* an empty buffer may be NULL */
            memcpy(r->chunk, r->mem + r->mem_pos, n);
        r->mem_pos += n;
        r->chunk_len = n;
        if (from == 0 && (st = check_not_compressed(r, r->chunk, n, err)) != FS_OK)
            return st;
    } else {
        if (r->mode == 0) {
            /* Enough for any magic number compressed_kind knows. */
            while (r->raw_len < 10 && !r->raw_eof)
                if ((st = raw_fill(r, err)) != FS_OK)
                    return st;
            r->mode = r->raw_len >= 2 && r->raw[0] == 0x1f && r->raw[1] == 0x8b ? 2 : 1;
            if (r->mode == 1 && (st = check_not_compressed(r, r->raw, r->raw_len, err)) != FS_OK)
                return st;
            if (r->mode == 2) {
                memset(&r->zs, 0, sizeof r->zs);
                if (inflateInit2(&r->zs, 15 + 16) != Z_OK)
                    return gzip_error(r, err, "out of memory");
                r->z_ready = 1;
                r->in_member = 1;
            }
        }
        if (r->mode == 2) {
            if ((st = gzip_refill(r, err)) != FS_OK)
                return st;
        } else if (r->raw_pos < r->raw_len) {
            /* What was read to look for the magic bytes goes first. */
            size_t n = r->raw_len - r->raw_pos;
            memcpy(r->chunk, r->raw + r->raw_pos, n);
            r->raw_pos = r->raw_len = 0;
            r->chunk_len = n;
        } else if (r->in_fd >= 0 && !r->raw_eof) {
            /* Plain files are read straight into the chunk. */
            if ((st = read_input(r, r->chunk, r->chunk_size, &r->chunk_len, err)) != FS_OK)
                return st;
        }
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

/* One line with no quote and no line end in it, as libcsv reads one at
 * the start of a record: nothing when it is only blanks, else each field
 * between commas trimmed of blanks, then the record's end. */
static void plain_line(fs_reader_t *r, const unsigned char *s, size_t n, unsigned char end)
{
    size_t i = 0;
    while (i < n && csv_blank(s[i]))
        i++;
    if (i == n)
        return;
    for (;;) {
        const unsigned char *comma = memchr(s + i, ',', n - i);
        size_t stop = comma != NULL ? (size_t)(comma - s) : n, b = stop;
        while (i < b && csv_blank(s[i]))
            i++;
        while (b > i && csv_blank(s[b - 1]))
            b--;
        on_field((void *)(s + i), b - i, r);
        if (r->cb_status != FS_OK || comma == NULL)
            break;
        i = stop + 1;
    }
    if (r->cb_status == FS_OK)
        on_record(end, r);
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
 * the start of a record with no quote in it is split here (memchr); a
 * line with a quote, the rest of a record libcsv has begun, and a last
 * line without its end go to libcsv, which stays the parser of record
 * for quoting and every error.  0 when parsing failed. */
static int parse_bulk(fs_reader_t *r, const unsigned char *p, size_t n)
{
    const unsigned char *q = memchr(p, '\n', n);
    size_t nl = q != NULL ? (size_t)(q - p) : n;
    q = memchr(p, '\r', n);
    size_t cr = q != NULL ? (size_t)(q - p) : n;
    q = memchr(p, '"', n);
    size_t quote = q != NULL ? (size_t)(q - p) : n;
    for (size_t pos = 0; pos < n;) {
        size_t end = next_line_end(p, pos, n, &nl, &cr);
        if (end == n)
            return feed_libcsv(r, p + pos, n - pos); /* a line not ended yet */
        if (quote < pos) {
            q = memchr(p + pos, '"', n - pos);
            quote = q != NULL ? (size_t)(q - p) : n;
        }
        if (!at_record_start(r) || quote < end) {
            /* libcsv finishes the record it has begun, or reads the quotes. */
            if (!feed_libcsv(r, p + pos, end + 1 - pos))
                return 0;
        } else {
            plain_line(r, p + pos, end - pos, p[end]);
            if (r->cb_status != FS_OK)
                return 0;
        }
        pos = end + 1;
    }
    return 1;
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
     * wants the exact place reads the input again with fs_reader_next. */
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

fs_status_t fs_reader_next(fs_reader_t *r, fs_record_t *rec, fs_error_t *err)
{
    fs_status_t st_limit;
    if (r->failed) {
        fs_error_at(err, r->name, r->line, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL, "reader already failed");
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
        size_t avail = r->chunk_len - r->chunk_pos;
        size_t seg;
        int ends_line = 0;
        if (r->prev_cr && p[0] == '\n') {
            /* The LF of a CRLF split across chunks: same line end. */
            seg = 1;
            r->prev_cr = 0;
        } else {
            size_t i = 0;
            while (i < avail && p[i] != '\n' && p[i] != '\r')
                i++;
            if (i < avail) {
                ends_line = 1;
                if (p[i] == '\r' && i + 1 < avail && p[i + 1] == '\n')
                    i++;
                r->prev_cr = p[i] == '\r';
                seg = i + 1;
            } else {
                seg = avail;
                r->prev_cr = 0;
            }
        }
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
        if (used == feed && nul != NULL) {
            /* The message shows the field: what libcsv holds of it, then
             * the NUL and what follows up to the next comma. */
            char shown[FS_ERROR_TEXT_MAX];
            size_t k = r->parser.entry_pos < 48 ? r->parser.entry_pos : 48;
            if (k > 0)
                memcpy(shown, r->parser.entry_buf, k);
            for (const unsigned char *q = nul; q < p + seg && *q != ',' && *q != '\n' &&
                                               *q != '\r' && k < sizeof shown - 1;
                 q++)
                shown[k++] = (char)*q;
            r->failed = 1;
            fs_error_at(err, r->name, r->field_line, (long)r->nfields + 1, shown, k);
            return fs_error_set(err, FS_EPARSE, "NUL byte in field");
        }
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

/* ---- tables ---- */

typedef struct table_storage {
    char *text;
    size_t text_len, text_cap;
    size_t *cell_offsets;
    size_t cells_len, cells_cap;
    long *lines;
    size_t rows_cap;
} table_storage_t;

void fs_table_free(fs_table_t *t)
{
    if (t == NULL)
        return;
    table_storage_t *s = t->storage_;
    if (s != NULL) {
        free(s->text);
        free(s->cell_offsets);
        free(s);
    }
    free(t->name);
    free(t->columns);
    free(t->cells);
    free(t->lines);
    free(t);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (q == NULL)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

static int all_blank(const fs_record_t *rec)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        for (const char *c = rec->fields[i]; *c; c++) {
            if (*c != ' ' && *c != '\t')
                return 0;
        }
    }
    return 1;
}

static fs_status_t store_record(fs_table_t *t, table_storage_t *s, const fs_record_t *rec)
{
    if (!grow((void **)&s->cell_offsets, &s->cells_cap, s->cells_len + rec->nfields,
              sizeof *s->cell_offsets))
        return FS_ENOMEM;
    for (size_t i = 0; i < rec->nfields; i++) {
        size_t len = rec->lens[i] + 1;
        if (!grow((void **)&s->text, &s->text_cap, s->text_len + len, 1))
            return FS_ENOMEM;
        memcpy(s->text + s->text_len, rec->fields[i], len);
        s->cell_offsets[s->cells_len++] = s->text_len;
        s->text_len += len;
    }
    (void)t;
    return FS_OK;
}

typedef struct named {
    const char *name;
    size_t index;
} named_t;

static int by_name_then_index(const void *pa, const void *pb)
{
    const named_t *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    return c != 0 ? c : (a->index > b->index) - (a->index < b->index);
}

/* Duplicate column names are an error naming the later one.  Sorting
 * keeps this O(n log n) for tables of 10,000 measures. */
static fs_status_t check_header(const fs_record_t *rec, const char *file, fs_error_t *err)
{
    named_t *v = malloc((rec->nfields ? rec->nfields : 1) * sizeof *v);
    if (v == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < rec->nfields; i++) {
        v[i].name = rec->fields[i];
        v[i].index = i;
    }
    qsort(v, rec->nfields, sizeof *v, by_name_then_index);
    /* Each run of one name, sorted by position: its second element is that
     * name's first repeat.  Report the earliest repeat of any name. */
    size_t worst = (size_t)-1, first = 0;
    for (size_t i = 1; i < rec->nfields; i++) {
        int repeat = strcmp(v[i].name, v[i - 1].name) == 0;
        int second = repeat && (i < 2 || strcmp(v[i - 2].name, v[i].name) != 0);
        if (second && v[i].index < worst) {
            worst = v[i].index;
            first = v[i - 1].index;
        }
    }
    free(v);
    if (worst == (size_t)-1)
        return FS_OK;
    fs_error_at(err, file, rec->line, (long)worst + 1, rec->fields[worst], rec->lens[worst]);
    return fs_error_set(err, FS_EPARSE, "duplicate column name (also column %zu)", first + 1);
}

static fs_status_t read_table(fs_table_t **out, fs_reader_t *r, fs_error_t *err)
{
    fs_status_t st = FS_OK;
    table_storage_t *s = calloc(1, sizeof *s);
    fs_table_t *t = calloc(1, sizeof *t);
    if (s == NULL || t == NULL) {
        free(s);
        free(t);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    t->storage_ = s;
    t->name = strdup(fs_reader_name(r));
    if (t->name == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto cleanup;
    }
    fs_record_t rec;
    st = fs_reader_next(r, &rec, err);
    if (st == FS_EOF) {
        fs_error_at(err, t->name, 0, 0, NULL, 0);
        st = fs_error_set(err, FS_EPARSE, "empty file: a header row is required");
        goto cleanup;
    }
    if (st != FS_OK)
        goto cleanup;
    t->ncols = rec.nfields;
    if ((st = check_header(&rec, t->name, err)) != FS_OK)
        goto cleanup;
    if ((st = store_record(t, s, &rec)) != FS_OK)
        goto nomem;
    size_t rows_cap = 0;
    while ((st = fs_reader_next(r, &rec, err)) == FS_OK) {
        if (all_blank(&rec))
            continue;
        if (rec.nfields != t->ncols) {
            /* Point at the first missing field, or the first extra one. */
            long col = (long)(rec.nfields < t->ncols ? rec.nfields : t->ncols) + 1;
            fs_error_at(err, t->name, rec.line, col, NULL, 0);
            st = fs_error_set(err, FS_EPARSE,
                              "ragged row: %zu field%s where the header has %zu", rec.nfields,
                              rec.nfields == 1 ? "" : "s", t->ncols);
            goto cleanup;
        }
        if (!grow((void **)&t->lines, &rows_cap, t->nrows + 1, sizeof *t->lines))
            goto nomem;
        t->lines[t->nrows++] = rec.line;
        if ((st = store_record(t, s, &rec)) != FS_OK)
            goto nomem;
    }
    if (st != FS_EOF)
        goto cleanup;
    st = FS_OK;
    /* Now that the text no longer moves, turn offsets into pointers. */
    t->columns = malloc((t->ncols ? t->ncols : 1) * sizeof *t->columns);
    size_t ncells = t->nrows * t->ncols;
    t->cells = malloc((ncells > 0 ? ncells : 1) * sizeof *t->cells);
    if (t->columns == NULL || t->cells == NULL)
        goto nomem;
    for (size_t i = 0; i < t->ncols; i++)
        t->columns[i] = s->text + s->cell_offsets[i];
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        t->cells[i] = s->text + s->cell_offsets[t->ncols + i];
    *out = t;
    return FS_OK;
nomem:
    st = fs_error_set(err, FS_ENOMEM, "out of memory");
cleanup:
    fs_table_free(t);
    return st;
}

fs_status_t fs_table_read(fs_table_t **out, const char *path, const fs_read_options_t *opt,
                          fs_error_t *err)
{
    *out = NULL;
    fs_reader_t *r = NULL;
    fs_status_t st = fs_reader_open(&r, path, opt, err);
    if (st != FS_OK)
        return st;
    st = read_table(out, r, err);
    fs_reader_free(r);
    return st;
}

fs_status_t fs_table_read_memory(fs_table_t **out, const void *data, size_t len,
                                 const char *name, const fs_read_options_t *opt,
                                 fs_error_t *err)
{
    *out = NULL;
    fs_reader_t *r = NULL;
    fs_status_t st = fs_reader_open_memory(&r, data, len, name, opt, err);
    if (st != FS_OK)
        return st;
    st = read_table(out, r, err);
    fs_reader_free(r);
    return st;
}

/* Compares ignoring ASCII case and surrounding blanks. */
static int loose_equal(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t')
        a++;
    while (*b == ' ' || *b == '\t')
        b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la > 0 && (a[la - 1] == ' ' || a[la - 1] == '\t'))
        la--;
    while (lb > 0 && (b[lb - 1] == ' ' || b[lb - 1] == '\t'))
        lb--;
    return la == lb && strncasecmp(a, b, la) == 0;
}

fs_status_t fs_table_find_column(const fs_table_t *t, const char *name, size_t *col,
                                 fs_error_t *err)
{
    for (size_t i = 0; i < t->ncols; i++) {
        if (strcmp(t->columns[i], name) == 0) {
            *col = i;
            return FS_OK;
        }
    }
    for (size_t i = 0; i < t->ncols; i++) {
        if (loose_equal(t->columns[i], name)) {
            *col = i;
            return FS_OK;
        }
    }
    /* List what there is, so the user can correct the name. */
    char list[200];
    size_t k = 0;
    list[0] = '\0';
    for (size_t i = 0; i < t->ncols && k + 8 < sizeof list; i++) {
        int n = snprintf(list + k, sizeof list - k, "%s'%s'", i ? ", " : "", t->columns[i]);
        if (n < 0 || (size_t)n >= sizeof list - k) {
            /* Cut at the last complete name. */
            size_t at = k < sizeof list - 6 ? k : sizeof list - 6;
            memcpy(list + at, ", ...", 6);
            break;
        }
        k += (size_t)n;
    }
    /* A near miss ("rate_per_100" for "rate_per_1000") is named. */
    size_t len = strlen(name), best = fs_near_miss_limit(len) + 1, near = t->ncols;
    for (size_t i = 0; i < t->ncols; i++) {
        size_t d = fs_edit_distance(name, len, t->columns[i], strlen(t->columns[i]), best - 1);
        if (d < best) {
            best = d;
            near = i;
        }
    }
    char hint[160] = "";
    if (near < t->ncols)
        snprintf(hint, sizeof hint, " (did you mean '%.100s'?)", t->columns[near]);
    fs_error_at(err, t->name, 0, 0, name, len);
    return fs_error_raise(err, FS_ENOTFOUND, FS_REASON_COLUMN_NOT_FOUND, FS_ERROR_NO_INDEX,
                          "no such column%s; the columns are %s", hint, list);
}

fs_status_t fs_table_numeric_column(const fs_table_t *t, size_t col, double *values,
                                    fs_error_t *err)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const char *cell = fs_table_cell(t, i, col);
        size_t len = strlen(cell);
        const char *why;
        switch (fs_parse_number(cell, len, &values[i], &why)) {
        case FS_FIELD_NUMBER: break;
        case FS_FIELD_MISSING: values[i] = NAN; break;
        case FS_FIELD_INVALID:
            fs_error_at(err, t->name, t->lines[i], (long)col + 1, cell, len);
            return fs_error_raise(err, FS_EPARSE, FS_REASON_NOT_A_NUMBER, i, "column '%s': %s",
                                  t->columns[col], why);
        }
    }
    return FS_OK;
}

int fs_match_field(const fs_match_t *m, const char *field, size_t len)
{
    while (len > 0 && (*field == ' ' || *field == '\t'))
        field++, len--;
    while (len > 0 && (field[len - 1] == ' ' || field[len - 1] == '\t'))
        len--;
    for (size_t i = 0; i < m->nvalues; i++) {
        if (strlen(m->values[i]) == len && memcmp(m->values[i], field, len) == 0)
            return 1;
    }
    return 0;
}

fs_status_t fs_table_filter(fs_table_t *t, const fs_match_t *m, fs_error_t *err)
{
    size_t col;
    fs_status_t st = fs_table_find_column(t, m->column, &col, err);
    if (st != FS_OK)
        return st;
    size_t kept = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const char *cell = fs_table_cell(t, i, col);
        if (!fs_match_field(m, cell, strlen(cell)))
            continue;
        if (kept != i) {
            memmove(&t->cells[kept * t->ncols], &t->cells[i * t->ncols],
                    t->ncols * sizeof *t->cells);
            t->lines[kept] = t->lines[i];
        }
        kept++;
    }
    t->nrows = kept;
    return FS_OK;
}

fs_status_t fs_table_subset(const fs_table_t *t, const size_t *rows, size_t n, fs_table_t **out,
                            fs_error_t *err)
{
    *out = NULL;
    size_t bytes = 0;
    for (size_t j = 0; j < t->ncols; j++)
        bytes += strlen(t->columns[j]) + 1;
    for (size_t k = 0; k < n; k++) {
        if (rows[k] >= t->nrows)
            return fs_error_set(err, FS_EINVAL, "row %zu out of range", rows[k] + 1);
        for (size_t j = 0; j < t->ncols; j++)
            bytes += strlen(fs_table_cell(t, rows[k], j)) + 1;
    }
    fs_table_t *u = calloc(1, sizeof *u);
    table_storage_t *s = calloc(1, sizeof *s);
    if (u == NULL || s == NULL) {
        free(u);
        free(s);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    u->storage_ = s;
    u->ncols = t->ncols;
    u->nrows = n;
    u->name = strdup(t->name);
    s->text = malloc(bytes ? bytes : 1);
    u->columns = malloc((t->ncols ? t->ncols : 1) * sizeof *u->columns);
    size_t ncells = n * t->ncols;
    u->cells = malloc((ncells ? ncells : 1) * sizeof *u->cells);
    u->lines = malloc((n ? n : 1) * sizeof *u->lines);
    if (u->name == NULL || s->text == NULL || u->columns == NULL || u->cells == NULL ||
        u->lines == NULL) {
        fs_table_free(u);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    char *p = s->text;
    for (size_t j = 0; j < t->ncols; j++) {
        size_t len = strlen(t->columns[j]) + 1;
        memcpy(p, t->columns[j], len);
        u->columns[j] = p;
        p += len;
    }
    for (size_t k = 0; k < n; k++) {
        u->lines[k] = t->lines[rows[k]];
        for (size_t j = 0; j < t->ncols; j++) {
            const char *cell = fs_table_cell(t, rows[k], j);
            size_t len = strlen(cell) + 1;
            memcpy(p, cell, len);
            u->cells[k * t->ncols + j] = p;
            p += len;
        }
    }
    s->text_len = s->text_cap = bytes;
    *out = u;
    return FS_OK;
}

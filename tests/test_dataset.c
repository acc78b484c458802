/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_dataset.c: the libcsv adapter and in-memory tables. */
#include <isa-l/igzip_lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "forcestat/dataset.h"
#include "io/source.h"
#include "io/workbook.h"
#include "testutil.h"

static fs_status_t read_mem(const char *text, size_t len, fs_table_t **t, fs_error_t *e)
{
    fs_error_clear(e);
    return fs_table_read_memory(t, text, len, "mem.csv", NULL, e);
}

#define READ(text, t, e) read_mem((text), sizeof(text) - 1, (t), (e))

static void reads_a_plain_table(void)
{
    fs_table_t *t;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(READ("force,value\nEssex,1.5\nKent,NA\n", &t, &e), FS_OK);
    CU_ASSERT_EQUAL(t->ncols, 2);
    CU_ASSERT_EQUAL(t->nrows, 2);
    CU_ASSERT_STRING_EQUAL(t->columns[1], "value");
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 1, 0), "Kent");
    CU_ASSERT_EQUAL(t->lines[0], 2);
    CU_ASSERT_EQUAL(t->lines[1], 3);
    double v[2];
    CU_ASSERT_EQUAL(fs_table_numeric_column(t, 1, v, &e), FS_OK);
    CU_ASSERT_EQUAL(v[0], 1.5);
    CU_ASSERT(isnan(v[1]));
    size_t col = 99;
    CU_ASSERT_EQUAL(fs_table_find_column(t, " VALUE ", &col, &e), FS_OK);
    CU_ASSERT_EQUAL(col, 1);
    CU_ASSERT_EQUAL(fs_table_find_column(t, "rate", &col, &e), FS_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "'force', 'value'"));
    fs_table_free(t);
    fs_table_free(NULL);
}

static void handles_bom_and_line_endings(void)
{
    static const char *const inputs[] = {
        "\xEF\xBB\xBF" "a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r", "a,b\n1,2\n3,4",
        "a,b\n\n1,2\n\n\n3,4\n\n"};
    static const long second_line[] = {3, 3, 3, 6};
    for (size_t i = 0; i < 4; i++) {
        fs_table_t *t;
        fs_error_t e;
        fs_error_clear(&e);
        CU_ASSERT_EQUAL_FATAL(
            fs_table_read_memory(&t, inputs[i], strlen(inputs[i]), "m", NULL, &e), FS_OK);
        CU_ASSERT_STRING_EQUAL(t->columns[0], "a");
        CU_ASSERT_EQUAL(t->nrows, 2);
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 1, 1), "4");
        CU_ASSERT_EQUAL(t->lines[1], second_line[i]);
        fs_table_free(t);
    }
}

static void quoted_fields_and_their_lines(void)
{
    fs_table_t *t;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(
        READ("name,note\n\"London, City of\",\"two\nlines\"\n\"say \"\"hi\"\"\",x\nKent,y\n", &t,
             &e),
        FS_OK);
    CU_ASSERT_EQUAL(t->nrows, 3);
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 0), "London, City of");
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 1), "two\nlines");
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 1, 0), "say \"hi\"");
    CU_ASSERT_EQUAL(t->lines[0], 2);
    CU_ASSERT_EQUAL(t->lines[1], 4);
    CU_ASSERT_EQUAL(t->lines[2], 5);
    fs_table_free(t);
}

static void syntax_errors_name_the_line_where_the_field_starts(void)
{
    fs_table_t *t;
    fs_error_t e;
    /* Unclosed quote: the field starts on line 3, the file ends later. */
    CU_ASSERT_EQUAL(READ("a,b\n1,2\n3,\"open\n4,5\n6,7\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    CU_ASSERT_EQUAL(e.column, 2);
    CU_ASSERT_STRING_EQUAL(e.file, "mem.csv");
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "unclosed quoted field"));
    /* A quote inside an unquoted field. */
    CU_ASSERT_EQUAL(READ("a,b\n1,2\n3,ab\"c\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    CU_ASSERT_EQUAL(e.column, 2);
    /* Text after a closing quote, in a field that began two lines up. */
    CU_ASSERT_EQUAL(READ("a,b\n\"x\ny\nz\"q,1\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_EQUAL(e.column, 1);
}

static void structural_errors(void)
{
    fs_table_t *t;
    fs_error_t e;
    CU_ASSERT_EQUAL(READ("a,b\n1,2\n3\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "ragged row: 1 field where the header has 2"));
    CU_ASSERT_EQUAL(READ("a,b\n1,2,3\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.column, 3);
    CU_ASSERT_EQUAL(READ("", &t, &e), FS_EPARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "empty file"));
    CU_ASSERT_EQUAL(READ("\xEF\xBB\xBF", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(READ("a,b,a\n1,2,3\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.column, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "duplicate column name"));
    /* Header only: a table with no rows, which is not an error here. */
    CU_ASSERT_EQUAL_FATAL(READ("a,b\n", &t, &e), FS_OK);
    CU_ASSERT_EQUAL(t->nrows, 0);
    fs_table_free(t);
    /* Rows of empty cells below a table are skipped. */
    CU_ASSERT_EQUAL_FATAL(READ("a,b\n1,2\n,\n , \n", &t, &e), FS_OK);
    CU_ASSERT_EQUAL(t->nrows, 1);
    fs_table_free(t);
}

static void encodings(void)
{
    fs_table_t *t;
    fs_error_t e;
    CU_ASSERT_EQUAL(READ("a,b\nok,1\nbad\xE9,2\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    CU_ASSERT_EQUAL(e.column, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "invalid UTF-8"));
    /* Overlong encodings and surrogates are not UTF-8 either. */
    CU_ASSERT_EQUAL(READ("a\n\xC0\xAF\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(READ("a\n\xED\xA0\x80\n", &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL_FATAL(READ("a\nYnys M\xC3\xB4n\n", &t, &e), FS_OK);
    fs_table_free(t);

    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.encoding = FS_ENCODING_WINDOWS_1252;
    static const char cp[] = "name,cost\nCaf\xE9,\x80" "5\n";
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, cp, sizeof cp - 1, "m", &opt, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 0), "Caf\xC3\xA9");
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 1), "\xE2\x82\xAC" "5");
    fs_table_free(t);
    static const char undefined[] = "a\n\x81\n";
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, undefined, 4, "m", &opt, &e), FS_EPARSE);
}

static void nul_bytes_and_limits(void)
{
    fs_table_t *t;
    fs_error_t e;
    static const char nul[] = "a,b\n1,2\x00" "3\n";
    CU_ASSERT_EQUAL(read_mem(nul, sizeof nul - 1, &t, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_EQUAL(e.column, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "NUL byte"));

    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.max_field_bytes = 8;
    opt.max_fields = 3;
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, "a\n123456789\n", 12, "m", &opt, &e), FS_ELIMIT);
    CU_ASSERT_EQUAL(e.line, 2);
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, "a,b,c,d\n", 8, "m", &opt, &e), FS_ELIMIT);
    CU_ASSERT_EQUAL(e.column, 4);
    opt.max_fields = 0;
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, "a\n", 2, "m", &opt, &e), FS_EINVAL);
}

static void crlf_split_across_reads_is_one_line_end(void)
{
    /* Place the CR of a CRLF as the last byte of the first 256 KiB read. */
    size_t chunk = 256u * 1024u;
    size_t total = chunk + 64;
    char *buf = malloc(total);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    memcpy(buf, "a,b\r\n", 5);
    size_t pos = 5;
    long lines = 1;
    while (pos + 8 < chunk - 1) {
        memcpy(buf + pos, "1,2\r\n", 5);
        pos += 5;
        lines++;
    }
    while (pos < chunk - 1)
        buf[pos++] = '9';
    buf[pos++] = '\r'; /* chunk - 1 */
    buf[pos++] = '\n'; /* first byte of the next read */
    lines++;
    memcpy(buf + pos, "7,8\r\n", 5);
    pos += 5;
    fs_table_t *t;
    fs_error_t e;
    CU_ASSERT_EQUAL(read_mem(buf, pos, &t, &e), FS_EPARSE); /* the 99.. row is ragged */
    CU_ASSERT_EQUAL(e.line, lines);
    free(buf);
}

static void reads_gzip_and_reports_missing_files(void)
{
    char path[] = "/tmp/forcestat-test-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    gzFile gz = gzopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(gz);
    gzputs(gz, "force,n\nEssex,3\nKent,4\n");
    gzclose(gz);
    fs_table_t *t;
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL_FATAL(fs_table_read(&t, path, NULL, &e), FS_OK);
    CU_ASSERT_EQUAL(t->nrows, 2);
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 1, 1), "4");
    CU_ASSERT_STRING_EQUAL(t->name, path);
    fs_table_free(t);
    unlink(path);
    CU_ASSERT_EQUAL(fs_table_read(&t, "/nonexistent/x.csv", NULL, &e), FS_EIO);
    CU_ASSERT_STRING_EQUAL(e.file, "/nonexistent/x.csv");
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "No such file"));
    CU_ASSERT_EQUAL(fs_table_read(&t, "/tmp", NULL, &e), FS_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "directory"));
}

/* The reader seam (source.h): the input's kind from its magic number,
 * as the formats' specifications give them (RFC 1952 gzip 1f 8b; bzip2
 * "BZh" level, then the block magic of pi's digits 314159265359 or the
 * end-of-stream magic of sqrt(pi)'s 177245385090; xz FD "7zXZ" 00; zip
 * local header "PK\3\4", end of an empty archive "PK\5\6", spanning
 * marker "PK\7\x08"; zstd frame 28 B5 2F FD, little-endian 0xFD2FB528). */
static void input_kinds_from_magic_numbers(void)
{
    static const struct {
        const char *bytes;
        size_t len;
        fs_input_kind_t kind;
    } cases[] = {
        {"\x1f\x8b\x08\x00", 4, FS_INPUT_GZIP},
        {"BZh91AY&SY", 10, FS_INPUT_BZIP2},
        {"BZh1\x17\x72\x45\x38\x50\x90", 10, FS_INPUT_BZIP2},
        {"BZh0" "1AY&SY", 10, FS_INPUT_TEXT}, /* no level 0 */
        {"BZh9 is text", 12, FS_INPUT_TEXT},
        {"\xFD" "7zXZ\x00\x00\x04", 8, FS_INPUT_XZ},
        {"PK\x03\x04\x14\x00", 6, FS_INPUT_ZIP},
        {"PK\x05\x06\x00\x00", 6, FS_INPUT_ZIP},
        {"PK\x07\x08", 4, FS_INPUT_ZIP},
        {"PK\x03", 3, FS_INPUT_TEXT}, /* shorter than the magic */
        {"\x28\xB5\x2F\xFD\x04", 5, FS_INPUT_ZSTD},
        {"\x1f", 1, FS_INPUT_TEXT},
        {"force,value\n", 12, FS_INPUT_TEXT},
        {"", 0, FS_INPUT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CU_ASSERT_EQUAL(fs_input_kind((const unsigned char *)cases[i].bytes, cases[i].len),
                        cases[i].kind);
    /* Through the reader, from memory: named for what it is, at line 0. */
    static const char empty_zip[22] = "PK\x05\x06";
    fs_table_t *t = NULL;
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, empty_zip, sizeof empty_zip, "a.csv", NULL, &e),
                    FS_EPARSE);
    CU_ASSERT_STRING_EQUAL(e.message, "not CSV text: it looks like zip data (decompress it first; "
                                      "forcestat reads plain CSV and gzip)");
    CU_ASSERT_EQUAL(e.line, 0);
    fs_error_clear(&e);
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, "\x28\xB5\x2F\xFD\x04", 5, "a.csv.GZ", NULL, &e),
                    FS_EPARSE);
    CU_ASSERT_STRING_EQUAL(e.message, "not gzip data (it looks like zstd data)");
    CU_ASSERT_PTR_NULL(t);
}

/* One gzip member of text into out (RFC 1952, by zlib's deflate). */
static size_t gzip_member(const char *text, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)strlen(text);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? n : 0;
}

/* ---- the gzip decoder, with ISA-L and with its zlib fallback ---- */

/* A source that hands out its bytes step at a time. */
#include "pieces.h"

/* Decodes data (raw reads of raw_step bytes, decoded reads of step) into
 * out, with zlib when zlib is set; the message, or "" at the end. */
static const char *gunzip(const unsigned char *data, size_t len, size_t raw_step, size_t step,
                          int zlib, char *out, size_t cap, size_t *outlen)
{
    static char message[FS_ERROR_MESSAGE_MAX];
    pieces_t p = {data, len, 0, raw_step};
    fs_source_t *s;
    fs_error_t e;
    fs_error_clear(&e);
    fs_gzip_force_zlib(zlib);
    message[0] = '\0';
    *outlen = 0;
    if (fs_source_new(&s, &pieces_ops, &p, "t.gz", FS_CHECK_DECODE, &e) != FS_OK)
        return "source";
    for (;;) {
        size_t got, want = cap - *outlen < step ? cap - *outlen : step;
        if (fs_source_read(s, (unsigned char *)out + *outlen, want, &got, &e) != FS_OK) {
            snprintf(message, sizeof message, "%s", e.message);
            break;
        }
        if (got == 0)
            break;
        *outlen += got;
    }
    fs_source_free(s);
    fs_gzip_force_zlib(0);
    return message;
}

/* A member of text with the header fields flags asks for (RFC 1952:
 * 2 a header CRC, 4 an extra field, 8 a name, 16 a comment). */
static size_t gzip_member_with(const char *text, unsigned flags, unsigned char *out)
{
    unsigned char body[512];
    size_t n = gzip_member(text, body, sizeof body); /* header of 10 bytes */
    size_t h = 0;
    memcpy(out, body, 10);
    out[3] = (unsigned char)flags;
    h = 10;
    if (flags & 4) {
        memcpy(out + h,
               "\x06\x00"
               "ab\x02\x00hi",
               8);
        h += 8;
    }
    if (flags & 8) {
        memcpy(out + h, "name.csv", 9);
        h += 9;
    }
    if (flags & 16) {
        memcpy(out + h, "a comment", 10);
        h += 10;
    }
    if (flags & 2) {
        uLong crc = crc32(0L, out, (uInt)h);
        out[h++] = (unsigned char)(crc & 0xff);
        out[h++] = (unsigned char)(crc >> 8 & 0xff);
    }
    memcpy(out + h, body + 10, n - 10);
    return h + n - 10;
}

/* Every case under ISA-L and zlib, raw reads of 1, 3, 7 bytes and all at
 * once, decoded reads of 1 byte and many: the same bytes or the same
 * message.  The members have all header fields, so that the header is
 * split between raw reads. */
static void gzip_decoders_agree(void)
{
    /* A strong reference to ISA-L that no optimiser drops (a const one
     * folds away at -O2, and the linker then drops libisal as unneeded,
     * leaving the library's weak references null): the tests run ISA-L. */
    static void (*volatile isal_link)(struct inflate_state *) = isal_inflate_init;
    CU_ASSERT(isal_link != NULL && fs_gzip_isal());
    static const char a[] = "force,n\nEssex,3\n", b[] = "Kent,4\nSurrey,5\n";
    static const char corrupt[] = "corrupt gzip data",
                      garbage[] = "trailing garbage after gzip data",
                      cut[] = "truncated gzip data: the file ends inside a gzip member";
    unsigned char m1[600], m2[600], in[1400];
    size_t n1 = gzip_member_with(a, 2 | 4 | 8 | 16, m1), n2 = gzip_member_with(b, 8, m2);
    struct {
        const char *what, *message, *text;
        size_t cut;        /* bytes cut off the end */
        const char *tail;  /* bytes added at the end */
        int flip;          /* the byte flipped, from the end of member 1 (0: none) */
        int second, head3; /* member 2 follows; member 1's flag byte */
    } cases[] = {
        {"two members", "", "force,n\nEssex,3\nKent,4\nSurrey,5\n", 0, "", 0, 1, 0x1e},
        {"one member", "", a, 0, "", 0, 0, 0x1e},
        {"a wrong CRC-32", corrupt, NULL, 0, "", 8, 0, 0x1e},
        {"a wrong length", corrupt, NULL, 0, "", 2, 0, 0x1e},
        {"cut in the length, CRC wrong", corrupt, NULL, 2, "", 7, 0, 0x1e},
        {"cut in the length, CRC right", cut, NULL, 2, "", 0, 0, 0x1e},
        {"cut in the header", cut, NULL, 0, "", 0, 0, 0x1e},
        {"a reserved flag", corrupt, NULL, 0, "", 0, 0, 0x3e},
        {"a wrong header CRC", corrupt, NULL, 0, "", -1, 0, 0x1e},
        {"garbage after", garbage, NULL, 0, "x", 0, 1, 0x1e},
        {"one byte after", garbage, NULL, 0, "\x1f", 0, 1, 0x1e},
        {"a magic number after", cut, NULL, 0, "\x1f\x8b", 0, 1, 0x1e},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = n1;
        memcpy(in, m1, n1);
        if (cases[i].head3 != 0x1e) { /* another flag byte, under a right header CRC */
            in[3] = (unsigned char)cases[i].head3;
            uLong crc = crc32(0L, in, 10 + 8 + 9 + 10);
            in[10 + 8 + 9 + 10] = (unsigned char)(crc & 0xff);
            in[10 + 8 + 9 + 10 + 1] = (unsigned char)(crc >> 8 & 0xff);
        }
        if (cases[i].flip > 0)
            in[n1 - (size_t)cases[i].flip] ^= 1;
        if (cases[i].flip < 0)
            in[10 + 8 + 9 + 10] ^= 1; /* the header CRC's first byte */
        if (strcmp(cases[i].what, "cut in the header") == 0)
            len = 20;
        if (cases[i].second) {
            memcpy(in + len, m2, n2);
            len += n2;
        }
        memcpy(in + len, cases[i].tail, strlen(cases[i].tail));
        len += strlen(cases[i].tail) - cases[i].cut;
        static const size_t raw_steps[] = {1, 3, 7, 4096}, steps[] = {1, 4096};
        for (int zlib = 0; zlib < 2; zlib++)
            for (size_t r = 0; r < 4; r++)
                for (size_t k = 0; k < 2; k++) {
                    char out[256];
                    size_t outlen;
                    const char *msg =
                        gunzip(in, len, raw_steps[r], steps[k], zlib, out, sizeof out, &outlen);
                    if (strcmp(msg, cases[i].message) != 0)
                        printf("\n%s (zlib %d, raw %zu, step %zu): '%s'\n", cases[i].what, zlib,
                               raw_steps[r], steps[k], msg);
                    CU_ASSERT_STRING_EQUAL(msg, cases[i].message);
                    if (cases[i].text != NULL)
                        CU_ASSERT(outlen == strlen(cases[i].text) &&
                                  memcmp(out, cases[i].text, outlen) == 0);
                }
    }
}

/* A source hands out the same bytes whatever size its reads ask for:
 * those read to tell its kind first, then the rest; two gzip members are
 * one stream; the raw bytes counted are the compressed ones. */
static void sources_read_in_any_size(void)
{
    static const char a[] = "force,n\nEssex,3\n", b[] = "Kent,4\nSurrey,5\n";
    unsigned char gz[512];
    size_t n1 = gzip_member(a, gz, sizeof gz);
    size_t n2 = gzip_member(b, gz + n1, sizeof gz - n1);
    CU_ASSERT_FATAL(n1 > 0 && n2 > 0);
    for (int kind = 0; kind < 2; kind++) {
        const void *data = kind ? (const void *)gz : (const void *)a;
        size_t len = kind ? n1 + n2 : strlen(a);
        const char *want = kind ? "force,n\nEssex,3\nKent,4\nSurrey,5\n" : a;
        for (size_t step = 1; step <= 17; step++) {
            fs_source_t *s;
            fs_error_t e;
            fs_error_clear(&e);
            CU_ASSERT_EQUAL_FATAL(fs_source_open_memory(&s, data, len, "m", &e), FS_OK);
            char got[128];
            size_t total = 0, n;
            while (fs_source_read(s, (unsigned char *)got + total, step, &n, &e) == FS_OK &&
                   n > 0 && total + n + step < sizeof got) {
                CU_ASSERT(n <= step);
                total += n;
            }
            CU_ASSERT_EQUAL(n, 0); /* the end, not an error or a full buffer */
            CU_ASSERT_EQUAL(total, strlen(want));
            CU_ASSERT_EQUAL(memcmp(got, want, total), 0);
            CU_ASSERT_EQUAL(s->bytes_in, (long long)len);
            fs_source_free(s);
        }
    }
}

/* A read error comes from the source without a line; the CSV reader
 * places it on the line it was reading.  Reading /proc/self/mem at
 * offset 0 fails with EIO on Linux. */
static void read_errors_are_placed_on_the_line(void)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    fs_error_clear(&e);
    fs_status_t st = fs_table_read(&t, "/proc/self/mem", NULL, &e);
    if (st == FS_EIO && strstr(e.message, "cannot open") != NULL)
        return; /* no /proc here */
    CU_ASSERT_EQUAL(st, FS_EIO);
    CU_ASSERT_STRING_EQUAL(e.message, "read error: Input/output error");
    CU_ASSERT_STRING_EQUAL(e.file, "/proc/self/mem");
    CU_ASSERT_EQUAL(e.line, 1);
    CU_ASSERT_EQUAL(e.column, 0);
}

/* A source whose first read gives three lines and whose second fails, as
 * a disk can after the start of a file. */
static fs_status_t fails_second_read(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                                     fs_error_t *err)
{
    int *reads = s->impl;
    static const char text[] = "force,v\nEssex,1\nKent,2\n";
    if ((*reads)++ > 0)
        return fs_error_set(err, FS_EIO, "read error: Input/output error");
    *got = sizeof text - 1 < size ? sizeof text - 1 : size;
    memcpy(buf, text, *got);
    return FS_OK;
}

/* A read error after the first read is placed on the line being read
 * (refill), not at line 0. */
static void later_read_errors_are_placed_on_the_line(void)
{
    static const fs_source_ops_t ops = {fails_second_read, pieces_close};
    int reads = 0;
    fs_source_t *src;
    fs_reader_t *r;
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL_FATAL(fs_source_new(&src, &ops, &reads, "disk.csv", FS_CHECK_NONE, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_source(&r, src, NULL, &e), FS_OK);
    fs_record_t rec;
    fs_status_t st;
    size_t records = 0;
    while ((st = fs_reader_next(r, &rec, &e)) == FS_OK && rec.nfields > 0)
        records++;
    CU_ASSERT_EQUAL(st, FS_EIO);
    CU_ASSERT_EQUAL(records, 3);
    CU_ASSERT_STRING_EQUAL(e.file, "disk.csv");
    CU_ASSERT_EQUAL(e.line, 4);
    fs_reader_free(r);
}

static void numeric_column_errors_point_at_the_cell(void)
{
    fs_table_t *t;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(READ("force,v\nEssex,1\nKent,\"2,500\"\nSurrey,0x10\n", &t, &e),
                          FS_OK);
    double v[3];
    CU_ASSERT_EQUAL(fs_table_numeric_column(t, 1, v, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 4);
    CU_ASSERT_EQUAL(e.column, 2);
    CU_ASSERT_STRING_EQUAL(e.text, "0x10");
    CU_ASSERT_EQUAL(e.reason, FS_REASON_NOT_A_NUMBER);
    CU_ASSERT_EQUAL(e.index, 2); /* Surrey's row */
    CU_ASSERT_EQUAL(v[1], 2500);
    fs_table_free(t);
}

static void streaming_reader_gives_records(void)
{
    fs_reader_t *r;
    fs_error_t e;
    fs_error_clear(&e);
    static const char text[] = "x,y\n1,2\n\"3\n4\",5";
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&r, text, sizeof text - 1, "m", NULL, &e),
                          FS_OK);
    fs_record_t rec;
    long lines[3];
    size_t n = 0;
    fs_status_t st;
    while ((st = fs_reader_next(r, &rec, &e)) == FS_OK && n < 3)
        lines[n++] = rec.line;
    CU_ASSERT_EQUAL(st, FS_EOF);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(lines[2], 3);
    CU_ASSERT_STRING_EQUAL(rec.fields[0], "3\n4");
    CU_ASSERT_EQUAL(rec.lens[0], 3);
    CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_EOF);
    fs_reader_free(r);
}

/* A reader that failed says so on every later call; corrupt gzip is an
 * error; a column list in a message is cut with "..."; column names match
 * whatever the surrounding blanks. */
static void failed_readers_stay_failed(void)
{
    static const char bad[] = "a,b\n1,\"x\"y\n";
    fs_reader_t *r;
    fs_record_t rec;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&r, bad, strlen(bad), "bad.csv", NULL, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.message, "reader already failed");
    fs_reader_free(r);
    /* gzip whose deflate data are damaged: corrupt, never a shorter table. */
    unsigned char gz[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    fs_table_t *t = NULL;
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, gz, sizeof gz, "z.csv.gz", NULL, &e), FS_EPARSE);
    CU_ASSERT_STRING_EQUAL(e.message, "corrupt gzip data");
    CU_ASSERT_PTR_NULL(t);
    /* Many columns: the message lists the first and says there are more. */
    char wide[4096] = "";
    for (int i = 0; i < 200; i++)
        snprintf(wide + strlen(wide), sizeof wide - strlen(wide), "%scolumn_number_%d", i ? "," : "", i);
    strcat(wide, "\n");
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, wide, strlen(wide), "w.csv", NULL, &e), FS_OK);
    size_t col;
    CU_ASSERT_EQUAL(fs_table_find_column(t, "nope", &col, &e), FS_ENOTFOUND);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_COLUMN_NOT_FOUND);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, ", ..."));
    CU_ASSERT_EQUAL(fs_table_find_column(t, "  Column_Number_7 ", &col, &e), FS_OK);
    CU_ASSERT_EQUAL(col, 7);
    fs_table_free(t);
}

/* Each status the reader and the table document, called directly. */
static void every_reader_status(void)
{
    fs_reader_t *r;
    fs_record_t rec;
    fs_error_t e;
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.max_fields = 0;
    CU_ASSERT_EQUAL(fs_reader_open(&r, FORCESTAT_TEST_DATA "/forces43.csv", &opt, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_reader_open(&r, "/nonexistent/forcestat.csv", NULL, &e), FS_EIO);
    CU_ASSERT_EQUAL(fs_reader_open(&r, FORCESTAT_TEST_DATA, NULL, &e), FS_EIO); /* a folder */
    /* A read that fails: the kernel answers EIO for the first page of a
     * process's own memory. */
    if (access("/proc/self/mem", R_OK) == 0) {
        CU_ASSERT_EQUAL_FATAL(fs_reader_open(&r, "/proc/self/mem", NULL, &e), FS_OK);
        CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_EIO);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "read error"));
        fs_reader_free(r);
    }
    opt.max_fields = 100000;
    opt.max_field_bytes = 8;
    static const char long_field[] = "a,b\n123456789,1\n";
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&r, long_field, strlen(long_field), "l.csv", &opt, &e),
                          FS_OK);
    CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_ELIMIT);
    CU_ASSERT_EQUAL(e.line, 2);
    fs_reader_free(r);
    unsigned char keep[] = {1, 0};
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&r, long_field, strlen(long_field), "l.csv", NULL, &e),
                          FS_OK);
    CU_ASSERT_EQUAL(fs_reader_project(r, keep, 2), FS_OK);
    CU_ASSERT_EQUAL(fs_reader_project(r, NULL, 0), FS_OK);
    fs_reader_free(r);
    fs_table_t *t;
    CU_ASSERT_EQUAL(fs_table_read(&t, FORCESTAT_TEST_DATA "/broken_quote.csv", NULL, &e), FS_EPARSE);
    CU_ASSERT_EQUAL_FATAL(fs_table_read(&t, FORCESTAT_TEST_DATA "/forces43.csv", NULL, &e), FS_OK);
    const char *vals[] = {"Kent"};
    fs_match_t m = {"no_such_column", vals, 1};
    CU_ASSERT_EQUAL(fs_table_filter(t, &m, &e), FS_ENOTFOUND);
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"reads a plain table", reads_a_plain_table},
        {"BOM and line endings", handles_bom_and_line_endings},
        {"quoted fields and their lines", quoted_fields_and_their_lines},
        {"syntax errors name the field's first line", syntax_errors_name_the_line_where_the_field_starts},
        {"structural errors", structural_errors},
        {"encodings", encodings},
        {"NUL bytes and limits", nul_bytes_and_limits},
        {"CRLF split across reads", crlf_split_across_reads_is_one_line_end},
        {"gzip input and missing files", reads_gzip_and_reports_missing_files},
        {"numeric column errors point at the cell", numeric_column_errors_point_at_the_cell},
        {"streaming reader gives records", streaming_reader_gives_records},
        {"failed readers stay failed", failed_readers_stay_failed},
        {"every reader status", every_reader_status},
        {"input kinds from magic numbers", input_kinds_from_magic_numbers},
        {"sources read in any size", sources_read_in_any_size},
        {"gzip decoders agree", gzip_decoders_agree},
        {"read errors are placed on the line", read_errors_are_placed_on_the_line},
        {"later read errors are placed on the line", later_read_errors_are_placed_on_the_line},
        {NULL, NULL}};
    return tu_add_suite("dataset", tests);
}

const test_suite_t suite_dataset = {"dataset", add};

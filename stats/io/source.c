/* SPDX-License-Identifier: GPL-3.0-or-later */
/* source.c: what every source shares: the one look at an input's first
 * bytes (fs_input_kind), the bytes read for it handed out first, gzip
 * decoded on the way, other compressed kinds named and refused. */
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A compressed kind told by its magic number: the bytes at the start,
 * and for bzip2 the block or end marker after the level digit. */
typedef struct magic {
    fs_input_kind_t kind;
    const char *name;
    size_t len;
    const char *bytes;
} magic_t;

static const magic_t magics[] = {
    {FS_INPUT_GZIP, "gzip", 2, "\x1f\x8b"},
    {FS_INPUT_XZ, "xz", 6, "\xFD" "7zXZ\x00"},
    {FS_INPUT_ZIP, "zip", 4, "PK\x03\x04"},
    {FS_INPUT_ZIP, "zip", 4, "PK\x05\x06"}, /* an empty archive */
    {FS_INPUT_ZIP, "zip", 4, "PK\x07\x08"}, /* a spanned archive */
    {FS_INPUT_ZSTD, "zstd", 4, "\x28\xB5\x2F\xFD"},
    {FS_INPUT_OLE, "OLE2", 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"},
};

/* bzip2: "BZh", a level 1-9, then a block or the end of an empty stream. */
static int is_bzip2(const unsigned char *p, size_t n)
{
    return n >= 10 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h' && p[3] >= '1' && p[3] <= '9' &&
           (memcmp(p + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 || /* a block */
            memcmp(p + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0);  /* the end: empty */
}

fs_input_kind_t fs_input_kind(const unsigned char *p, size_t n)
{
    if (is_bzip2(p, n))
        return FS_INPUT_BZIP2;
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
        if (n >= magics[i].len && memcmp(p, magics[i].bytes, magics[i].len) == 0)
            return magics[i].kind;
    }
    return FS_INPUT_TEXT;
}

static const char *kind_name(fs_input_kind_t kind)
{
    if (kind == FS_INPUT_BZIP2)
        return "bzip2";
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
        if (magics[i].kind == kind)
            return magics[i].name;
    }
    return "text";
}

fs_status_t fs_source_new(fs_source_t **out, const fs_source_ops_t *ops, void *impl,
                          const char *name, fs_source_check_t check, fs_error_t *err)
{
    *out = NULL;
    fs_source_t *s = calloc(1, sizeof *s);
    if (s == NULL) {
        ops->close(impl);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    s->ops = ops;
    s->impl = impl;
    snprintf(s->name, sizeof s->name, "%s", name);
    s->check = check;
    s->checked = check == FS_CHECK_NONE;
    if (!s->checked && (s->head = malloc(FS_SOURCE_HEAD_BYTES)) == NULL) {
        fs_source_free(s);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    *out = s;
    return FS_OK;
}

void fs_source_free(fs_source_t *s)
{
    if (s == NULL)
        return;
    fs_gzip_free(s->gz);
    s->ops->close(s->impl);
    free(s->head);
    free(s);
}

fs_status_t fs_source_read_raw(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                               fs_error_t *err)
{
    *got = 0;
    if (s->head_pos < s->head_len) {
        size_t n = s->head_len - s->head_pos;
        if (n > size)
            n = size;
        memcpy(buf, s->head + s->head_pos, n);
        s->head_pos += n;
        *got = n;
        return FS_OK;
    }
    fs_status_t st = s->ops->read(s, buf, size, got, err);
    if (st == FS_OK)
        s->bytes_in += (long long)*got;
    return st;
}

/* An OLE2 container holding an EncryptedPackage stream is a workbook
 * saved with a password; any other is an .xls (or another old Office
 * file).  The stream's name, in UTF-16, is in the directory, which a
 * small file has within the first bytes read. */
static fs_status_t refuse_ole(const fs_source_t *s, fs_error_t *err)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    for (size_t i = 0; i + sizeof name - 1 <= s->head_len; i++) {
        if (memcmp(s->head + i, name, sizeof name - 1) == 0)
            return fs_error_set(err, FS_EPARSE,
                                "an encrypted workbook: save it again without a password");
    }
    return fs_error_set(err, FS_EPARSE,
                        "an .xls workbook (the old binary format): save it as .xlsx or .ods");
}

/* Compressed data that is not gzip is named for what it is, not read as
 * CSV (to fail later on a NUL byte, showing binary). */
static fs_status_t refuse(const fs_source_t *s, fs_input_kind_t kind, fs_error_t *err)
{
    fs_error_at(err, s->name, 0, 0, NULL, 0);
    if (kind == FS_INPUT_OLE)
        return refuse_ole(s, err);
    size_t len = strlen(s->name);
    if (len >= 3 && strcasecmp(s->name + len - 3, ".gz") == 0)
        return fs_error_set(err, FS_EPARSE, "not gzip data (it looks like %s data)",
                            kind_name(kind));
    return fs_error_set(err, FS_EPARSE,
                        "not CSV text: it looks like %s data (decompress it first; "
                        "forcestat reads plain CSV and gzip)",
                        kind_name(kind));
}

/* A .gz name says its user expects gzip: a zip is not read as a
 * workbook but refused as not gzip. */
static int named_gz(const fs_source_t *s)
{
    size_t len = strlen(s->name);
    return len >= 3 && strcasecmp(s->name + len - 3, ".gz") == 0;
}

fs_status_t fs_source_refuse(const fs_source_t *s, fs_error_t *err)
{
    return refuse(s, s->kind, err);
}

/* Reads the first bytes into head, tells the kind, and refuses it or
 * sets up its decoder. */
static fs_status_t look(fs_source_t *s, fs_error_t *err)
{
    s->checked = 1;
    while (s->head_len < FS_INPUT_MAGIC_BYTES) {
        size_t n;
        fs_status_t st =
            s->ops->read(s, s->head + s->head_len, FS_SOURCE_HEAD_BYTES - s->head_len, &n, err);
        if (st != FS_OK)
            return st;
        if (n == 0)
            break;
        s->head_len += n;
        s->bytes_in += (long long)n;
    }
    fs_input_kind_t kind = fs_input_kind(s->head, s->head_len);
    s->kind = kind;
    if (kind == FS_INPUT_TEXT || (kind == FS_INPUT_ZIP && s->check == FS_CHECK_DECODE &&
                                  !named_gz(s)))
        return FS_OK;
    if (kind == FS_INPUT_GZIP)
        return s->check == FS_CHECK_DECODE ? fs_gzip_new(&s->gz, s, err) : FS_OK;
    return refuse(s, kind, err);
}

fs_status_t fs_source_kind(fs_source_t *s, fs_input_kind_t *kind, fs_error_t *err)
{
    fs_status_t st = s->checked ? FS_OK : look(s, err);
    *kind = s->kind;
    return st;
}

fs_status_t fs_source_read(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                           fs_error_t *err)
{
    *got = 0;
    if (!s->checked) {
        fs_status_t st = look(s, err);
        if (st != FS_OK)
            return st;
    }
    if (s->kind == FS_INPUT_ZIP && s->check == FS_CHECK_DECODE)
        return refuse(s, s->kind, err); /* a workbook is read by book.c */
    if (s->gz != NULL)
        return fs_gzip_read(s->gz, s, buf, size, got, err);
    return fs_source_read_raw(s, buf, size, got, err);
}

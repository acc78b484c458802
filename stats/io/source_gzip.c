/* SPDX-License-Identifier: GPL-3.0-or-later */
/* source_gzip.c: gzip decoded as it is read.  A stream that ends inside
 * a member is "truncated gzip data" and bytes after the last member that
 * do not start another are "trailing garbage", both errors: zlib's
 * gzread would return the shorter data without a word.  Concatenated
 * members are one stream (as gzip -d reads them). */
#include "source.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define RAW_BYTES (64u * 1024u)

struct fs_gzip {
    unsigned char raw[RAW_BYTES]; /* compressed bytes not yet inflated */
    size_t raw_len, raw_pos;
    int raw_eof;
    int in_member;
    z_stream zs;
};

static fs_status_t gzip_error(const fs_source_t *s, fs_error_t *err, const char *message)
{
    fs_error_at(err, s->name, 0, 0, NULL, 0);
    return fs_error_set(err, FS_EPARSE, "%s", message);
}

fs_status_t fs_gzip_new(fs_gzip_t **out, const fs_source_t *s, fs_error_t *err)
{
    *out = NULL;
    fs_gzip_t *z = calloc(1, sizeof *z);
    if (z == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    if (inflateInit2(&z->zs, 15 + 16) != Z_OK) {
        free(z);
        return gzip_error(s, err, "out of memory");
    }
    z->in_member = 1;
    *out = z;
    return FS_OK;
}

void fs_gzip_free(fs_gzip_t *z)
{
    if (z == NULL)
        return;
    inflateEnd(&z->zs);
    free(z);
}

/* Reads more compressed bytes after those not yet used; sets raw_eof at
 * the end. */
static fs_status_t raw_fill(fs_gzip_t *z, fs_source_t *s, fs_error_t *err)
{
    if (z->raw_pos > 0) {
        memmove(z->raw, z->raw + z->raw_pos, z->raw_len - z->raw_pos);
        z->raw_len -= z->raw_pos;
        z->raw_pos = 0;
    }
    size_t room = RAW_BYTES - z->raw_len;
    if (room == 0 || z->raw_eof)
        return FS_OK;
    size_t n;
    fs_status_t st = fs_source_read_raw(s, z->raw + z->raw_len, room, &n, err);
    if (st != FS_OK)
        return st;
    z->raw_len += n;
    if (n == 0)
        z->raw_eof = 1;
    return FS_OK;
}

/* Between members: the end (*done), another member, or garbage. */
static fs_status_t next_member(fs_gzip_t *z, fs_source_t *s, int *done, fs_error_t *err)
{
    fs_status_t st;
    *done = 0;
    while (z->raw_len - z->raw_pos < 2 && !z->raw_eof)
        if ((st = raw_fill(z, s, err)) != FS_OK)
            return st;
    size_t have = z->raw_len - z->raw_pos;
    if (have == 0) {
        *done = 1;
        return FS_OK;
    }
    if (fs_input_kind(z->raw + z->raw_pos, have) != FS_INPUT_GZIP)
        return gzip_error(s, err, "trailing garbage after gzip data");
    if (inflateReset(&z->zs) != Z_OK)
        return gzip_error(s, err, "corrupt gzip data");
    z->in_member = 1;
    return FS_OK;
}

fs_status_t fs_gzip_read(fs_gzip_t *z, fs_source_t *s, unsigned char *buf, size_t size,
                         size_t *got, fs_error_t *err)
{
    static const char truncated[] = "truncated gzip data: the file ends inside a gzip member";
    fs_status_t st;
    *got = 0;
    while (*got == 0) {
        if (!z->in_member) {
            int done;
            if ((st = next_member(z, s, &done, err)) != FS_OK || done)
                return st;
        }
        if (z->raw_pos == z->raw_len) {
            if ((st = raw_fill(z, s, err)) != FS_OK)
                return st;
            if (z->raw_len == 0 && z->raw_eof)
                return gzip_error(s, err, truncated);
        }
        z->zs.next_in = z->raw + z->raw_pos;
        z->zs.avail_in = (uInt)(z->raw_len - z->raw_pos);
        z->zs.next_out = buf;
        z->zs.avail_out = (uInt)size;
        int rc = inflate(&z->zs, Z_NO_FLUSH);
        z->raw_pos = z->raw_len - z->zs.avail_in;
        *got = size - z->zs.avail_out;
        if (rc == Z_STREAM_END) {
            z->in_member = 0;
        } else if (rc == Z_BUF_ERROR || (rc == Z_OK && z->zs.avail_in == 0)) {
            if (z->raw_eof && z->raw_pos == z->raw_len)
                return gzip_error(s, err, truncated);
        } else if (rc != Z_OK) {
            return gzip_error(s, err, rc == Z_MEM_ERROR ? "out of memory" : "corrupt gzip data");
        }
    }
    return FS_OK;
}

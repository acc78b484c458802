/* SPDX-License-Identifier: GPL-3.0-or-later */
/* source_gzip.c: gzip decoded as it is read.  A stream that ends inside
 * a member is "truncated gzip data" and bytes after the last member that
 * do not start another are "trailing garbage", both errors: zlib's
 * gzread would return the shorter data without a word.  Concatenated
 * members are one stream (as gzip -d reads them).
 *
 * ISA-L's igzip inflates (faster than zlib) each
 * member's deflate data and checks its CRC-32 and length; the member's
 * header is read here, byte by byte as it comes (igzip's own reader loses
 * its place in a header split between two reads), with zlib's checks:
 * the method must be deflate, no reserved flag set, the header's CRC
 * right when it has one.  ISA-L's functions are weak references: a
 * program linked fully static, without ISA-L (Debian has no static
 * libisal), gets zlib's inflate for the whole member instead.  Either
 * way the bytes and verdicts are zlib's (tests/fuzz/fuzz_gzip.c), but
 * for one: igzip checks a dynamic block's code lengths once it has them
 * all, zlib one by one, so a bad block cut short may be "corrupt" to one
 * and "truncated" to the other. */
#include "source.h"

#include <isa-l/igzip_lib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#pragma weak isal_inflate_init
#pragma weak isal_inflate_reset
#pragma weak isal_inflate

#define RAW_BYTES (64u * 1024u)

/* Where the header reader is: the fields of RFC 1952 in their order. */
enum { H_FIXED, H_XLEN, H_EXTRA, H_NAME, H_COMMENT, H_HCRC, H_DONE };

typedef struct gz_header {
    int state;
    unsigned method, flags;
    unsigned long count; /* bytes read of the field */
    unsigned long value; /* XLEN, or the stored header CRC */
    uLong crc;           /* of the header's bytes so far */
} gz_header_t;

struct fs_gzip {
    unsigned char raw[RAW_BYTES]; /* compressed bytes not yet inflated */
    size_t raw_len, raw_pos;
    int raw_eof;
    int in_member;
    z_stream zs;
};

/* ISA-L's part of a decoder.  It lives after struct fs_gzip in one
 * allocation, not inside it: abidw describes struct fs_gzip through the
 * public (opaque) fs_reader_t, and its layout stays the ABI baseline's. */
typedef struct isal_part {
    int isal; /* ISA-L inflates; else zlib */
    gz_header_t head;
    struct inflate_state is;
} isal_part_t;

typedef struct gzip_box {
    struct fs_gzip z; /* first: a pointer to it points to the box */
    isal_part_t x;
} gzip_box_t;

static isal_part_t *isal_of(fs_gzip_t *z)
{
    return &((gzip_box_t *)(void *)z)->x;
}

static int zlib_forced; /* set by the tests alone, before they read */

void fs_gzip_force_zlib(int on)
{
    zlib_forced = on;
}

int fs_gzip_isal(void)
{
    return !zlib_forced && isal_inflate_init != NULL && isal_inflate_reset != NULL &&
           isal_inflate != NULL;
}

static const char truncated[] = "truncated gzip data: the file ends inside a gzip member";

static fs_status_t gzip_error(const fs_source_t *s, fs_error_t *err, const char *message)
{
    fs_error_at(err, s->name, 0, 0, NULL, 0);
    return fs_error_set(err, FS_EPARSE, "%s", message);
}

fs_status_t fs_gzip_new(fs_gzip_t **out, const fs_source_t *s, fs_error_t *err)
{
    *out = NULL;
    gzip_box_t *box = calloc(1, sizeof *box);
    if (box == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_gzip_t *z = &box->z;
    isal_part_t *x = &box->x;
    x->isal = fs_gzip_isal();
    if (x->isal) {
        isal_inflate_init(&x->is);
        x->is.crc_flag = ISAL_GZIP_NO_HDR_VER; /* deflate, then the CRC and length */
    } else if (inflateInit2(&z->zs, 15 + 16) != Z_OK) {
        free(box);
        return gzip_error(s, err, "out of memory");
    }
    *out = z;
    return FS_OK;
}

void fs_gzip_free(fs_gzip_t *z)
{
    if (z == NULL)
        return;
    if (!isal_of(z)->isal)
        inflateEnd(&z->zs);
    free((gzip_box_t *)(void *)z);
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

/* Before a member (the first too): the end (*done), another member, or
 * garbage. */
static fs_status_t next_member(fs_gzip_t *z, fs_source_t *s, int *done, fs_error_t *err)
{
    fs_status_t st;
    *done = 0;
    while (z->raw_len - z->raw_pos < 2 && !z->raw_eof)
        if ((st = raw_fill(z, s, err)) != FS_OK)
            return st;
    size_t have = z->raw_len - z->raw_pos;
    const unsigned char *p = z->raw + z->raw_pos;
    if (have == 0) {
        *done = 1;
        return FS_OK;
    }
    if (fs_input_kind(p, have) != FS_INPUT_GZIP)
        return gzip_error(s, err, "trailing garbage after gzip data");
    isal_part_t *x = isal_of(z);
    if (x->isal) {
        isal_inflate_reset(&x->is);
        memset(&x->head, 0, sizeof x->head);
        x->head.crc = crc32(0L, Z_NULL, 0);
    } else if (inflateReset(&z->zs) != Z_OK)
        return gzip_error(s, err, "corrupt gzip data");
    z->in_member = 1;
    return FS_OK;
}

/* The field after `after` that the header's flags say is there. */
static int next_field(const gz_header_t *h, int after)
{
    static const struct {
        int state;
        unsigned flag;
    } order[] = {{H_XLEN, 0x04}, {H_NAME, 0x08}, {H_COMMENT, 0x10}, {H_HCRC, 0x02}};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (order[i].state > after && (h->flags & order[i].flag))
            return order[i].state;
    return H_DONE;
}

/* Reads the member's header from raw as far as it is there (the first
 * two bytes, 1f 8b, were looked at before).  As zlib: a method other
 * than deflate or a reserved flag is corrupt once both bytes are in, and
 * so is a header CRC that is wrong. */
static fs_status_t header_read(fs_gzip_t *z, const fs_source_t *s, fs_error_t *err)
{
    gz_header_t *h = &isal_of(z)->head;
    while (h->state != H_DONE && z->raw_pos < z->raw_len) {
        unsigned c = z->raw[z->raw_pos++];
        int at = h->state;
        if (at != H_HCRC) {
            unsigned char byte = (unsigned char)c;
            h->crc = crc32(h->crc, &byte, 1);
        }
        unsigned long n = ++h->count;
        if (at == H_FIXED) {
            if (n == 3)
                h->method = c;
            if (n == 4 && (h->method != 8 || (c & 0xe0) != 0))
                return gzip_error(s, err, "corrupt gzip data");
            h->flags = n == 4 ? c : h->flags;
            if (n < 10)
                continue;
        } else if (at == H_XLEN || at == H_HCRC) {
            h->value |= (unsigned long)c << (8 * (n - 1));
            if (n < 2)
                continue;
            if (at == H_HCRC && h->value != (h->crc & 0xffff))
                return gzip_error(s, err, "corrupt gzip data");
            if (at == H_XLEN && h->value > 0) {
                h->state = H_EXTRA;
                h->count = 0;
                continue;
            }
        } else if (at == H_EXTRA ? n < h->value : c != 0) {
            continue; /* the extra field's bytes, a name's or a comment's */
        }
        h->state = next_field(h, at == H_EXTRA ? H_XLEN : at);
        h->count = 0;
        h->value = 0;
    }
    return FS_OK;
}

/* Whether a member that ends inside its trailer has a wrong CRC-32 there
 * already: zlib checks it once its four bytes are in, before the length.
 * igzip holds the trailer's bytes so far in tmp_in_buffer. */
static int trailer_cut_wrong(const struct inflate_state *is)
{
    if (is->block_state != ISAL_CHECKSUM_CHECK || is->tmp_in_size < 4)
        return 0;
    const uint8_t *t = is->tmp_in_buffer;
    uint32_t stored =
        (uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16 | (uint32_t)t[3] << 24;
    return stored != is->crc;
}

/* One call of ISA-L's inflate over the bytes in raw.  It stops when the
 * output is full, the input is used up (it keeps what it has read of an
 * unfinished symbol or header), the member ends, or the data are
 * corrupt: stopping with room left and no input to come is truncation. */
static fs_status_t isal_step(fs_gzip_t *z, const fs_source_t *s, unsigned char *buf, size_t size,
                             size_t *got, fs_error_t *err)
{
    isal_part_t *x = isal_of(z);
    struct inflate_state *is = &x->is;
    if (x->head.state != H_DONE) {
        fs_status_t st = header_read(z, s, err);
        if (st != FS_OK)
            return st;
        if (x->head.state != H_DONE) /* the header goes on, or the input ends */
            return z->raw_eof && z->raw_pos == z->raw_len ? gzip_error(s, err, truncated) : FS_OK;
    }
    size_t in = z->raw_len - z->raw_pos;
    is->next_in = z->raw + z->raw_pos;
    is->avail_in = (uint32_t)in;
    is->next_out = buf;
    is->avail_out = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
    int rc = isal_inflate(is);
    z->raw_pos = z->raw_len - is->avail_in;
    *got = (size_t)(is->next_out - buf);
    if (rc != ISAL_DECOMP_OK)
        return gzip_error(s, err, "corrupt gzip data");
    if (is->block_state == ISAL_BLOCK_FINISH) {
        z->in_member = 0;
        return FS_OK;
    }
    if (is->avail_out > 0 && z->raw_pos == z->raw_len && z->raw_eof)
        return gzip_error(s, err, trailer_cut_wrong(is) ? "corrupt gzip data" : truncated);
    if (*got == 0 && is->avail_in == in && in > 0) /* no progress: never seen */
        return gzip_error(s, err, "corrupt gzip data");
    return FS_OK;
}

/* The same with zlib's inflate, which reads no byte it does not need:
 * with every byte used and none to come, the member is cut short. */
static fs_status_t zlib_step(fs_gzip_t *z, const fs_source_t *s, unsigned char *buf, size_t size,
                             size_t *got, fs_error_t *err)
{
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
    return FS_OK;
}

fs_status_t fs_gzip_read(fs_gzip_t *z, fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                         fs_error_t *err)
{
    fs_status_t st;
    *got = 0;
    while (*got == 0) {
        if (!z->in_member) {
            int done;
            if ((st = next_member(z, s, &done, err)) != FS_OK || done)
                return st;
        }
        if (z->raw_pos == z->raw_len && (st = raw_fill(z, s, err)) != FS_OK)
            return st;
        st = isal_of(z)->isal ? isal_step(z, s, buf, size, got, err)
                              : zlib_step(z, s, buf, size, got, err);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

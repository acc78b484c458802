/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_gzip.c: the gzip source (source_gzip.c, ISA-L's inflate, and its
 * zlib fallback) against a reference written here over zlib alone: the
 * same bytes must give the same decoded bytes and the same verdict: read
 * to the end, or refused as trailing garbage, truncated or corrupt (the
 * last two may trade places under ISA-L, below; never under zlib).  The reference reads
 * members one after another as gzip -d does: after a member's end, no
 * byte is the end, bytes starting 1f 8b are another member, any other
 * byte is garbage.  The input's last two bytes choose the size of the
 * source's raw reads and of the decoded reads asked for, so that members
 * and symbols straddle both buffers' ends. */
#include <isa-l/igzip_lib.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "io/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define OUT_CAP (8u << 20) /* decoded bytes compared at most */

typedef enum verdict { V_OK, V_TRUNCATED, V_GARBAGE, V_CORRUPT, V_TOO_BIG } verdict_t;

typedef struct out {
    unsigned char *p;
    size_t len;
} out_t;

/* The reference: the whole input at once, zlib's inflate member by
 * member. */
static verdict_t reference(const uint8_t *in, size_t n, out_t *o)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        abort();
    zs.next_in = (unsigned char *)in;
    zs.avail_in = (uInt)n;
    verdict_t v = V_OK;
    for (;;) {
        zs.next_out = o->p + o->len;
        zs.avail_out = (uInt)(OUT_CAP - o->len);
        int rc = inflate(&zs, Z_NO_FLUSH);
        o->len = OUT_CAP - zs.avail_out;
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0)
                break;
            if (zs.avail_in < 2 || zs.next_in[0] != 0x1f || zs.next_in[1] != 0x8b) {
                v = V_GARBAGE;
                break;
            }
            inflateReset(&zs);
        } else if (rc == Z_OK || rc == Z_BUF_ERROR) {
            v = zs.avail_out == 0 ? V_TOO_BIG : V_TRUNCATED;
            break;
        } else {
            v = V_CORRUPT;
            break;
        }
    }
    inflateEnd(&zs);
    return v;
}

/* The input handed to the source step bytes at a time. */
#include "../pieces.h"

static verdict_t verdict_of(const char *message)
{
    if (strcmp(message, "truncated gzip data: the file ends inside a gzip member") == 0)
        return V_TRUNCATED;
    if (strcmp(message, "trailing garbage after gzip data") == 0)
        return V_GARBAGE;
    if (strcmp(message, "corrupt gzip data") == 0)
        return V_CORRUPT;
    abort(); /* no other message is expected */
}

/* The source, reading raw pieces of raw_step bytes and decoded reads of
 * step bytes. */
static verdict_t source(const uint8_t *in, size_t n, size_t raw_step, size_t step, out_t *o)
{
    pieces_t p = {in, n, 0, raw_step};
    fs_source_t *s;
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_source_new(&s, &pieces_ops, &p, "fuzz.csv.gz", FS_CHECK_DECODE, &err) != FS_OK)
        abort();
    verdict_t v = V_OK;
    for (;;) {
        size_t want = OUT_CAP - o->len < step ? OUT_CAP - o->len : step, got;
        if (want == 0) {
            v = V_TOO_BIG;
            break;
        }
        if (fs_source_read(s, o->p + o->len, want, &got, &err) != FS_OK) {
            v = verdict_of(err.message);
            break;
        }
        if (got == 0)
            break;
        o->len += got;
    }
    fs_source_free(s);
    return v;
}

static void compare(const uint8_t *in, size_t n, size_t raw_step, size_t step, int zlib,
                    verdict_t want, const out_t *ref, out_t *o)
{
    fs_gzip_force_zlib(zlib);
    o->len = 0;
    verdict_t v = source(in, n, raw_step, step, o);
    fs_gzip_force_zlib(0);
    if (v == V_TOO_BIG || want == V_TOO_BIG)
        return;
    /* ISA-L checks a dynamic block's code lengths when it has them all,
     * zlib one by one: a block both refuse may be corrupt to one and cut
     * short to the other when the input ends inside it. */
    int cut_or_corrupt =
        (v == V_TRUNCATED || v == V_CORRUPT) && (want == V_TRUNCATED || want == V_CORRUPT);
    if (v != want && (zlib || !cut_or_corrupt))
        abort();
    if (v == V_OK && (o->len != ref->len || memcmp(o->p, ref->p, o->len) != 0))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static out_t ref, got;
    /* A strong reference keeps libisal linked whatever the linker drops. */
    static void (*const isal_link)(struct inflate_state *) = isal_inflate_init;
    if (ref.p == NULL && isal_link != NULL) {
        ref.p = malloc(OUT_CAP);
        got.p = malloc(OUT_CAP);
        if (ref.p == NULL || got.p == NULL || !fs_gzip_isal())
            abort(); /* the harness must test ISA-L */
    }
    if (size < 4)
        return 0;
    size_t raw_step = (size_t)data[size - 2] + 1, b = data[size - 1];
    size_t step = b < 32 ? b + 1 : b * 257;
    size -= 2;
    /* Every input starts as gzip, or the source reads it as text. */
    uint8_t *in = malloc(size + 2);
    if (in == NULL)
        return 0;
    size_t n = 0;
    if (data[0] != 0x1f || data[1] != 0x8b) {
        in[n++] = 0x1f;
        in[n++] = 0x8b;
    }
    memcpy(in + n, data, size);
    n += size;
    ref.len = 0;
    verdict_t want = reference(in, n, &ref);
    compare(in, n, raw_step, step, 0, want, &ref, &got);
    compare(in, n, raw_step, step, 1, want, &ref, &got);
    free(in);
    return 0;
}

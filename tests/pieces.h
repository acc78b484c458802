/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pieces.h: a record source over bytes in memory that hands them out
 * step bytes at a time, for the gzip decoder's tests and its fuzz target
 * (a header split between reads, a trailer cut anywhere).  Include it
 * after stats/io/source.h. */
#ifndef FORCESTAT_TESTS_PIECES_H
#define FORCESTAT_TESTS_PIECES_H

#include <string.h>

typedef struct pieces {
    const unsigned char *data;
    size_t len, pos, step;
} pieces_t;

static fs_status_t pieces_read(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                               fs_error_t *err)
{
    (void)err;
    pieces_t *p = s->impl;
    size_t n = p->len - p->pos;
    n = n < p->step ? n : p->step;
    n = n < size ? n : size;
    memcpy(buf, p->data + p->pos, n);
    p->pos += n;
    *got = n;
    return FS_OK;
}

static void pieces_close(void *impl)
{
    (void)impl;
}

static const fs_source_ops_t pieces_ops = {pieces_read, pieces_close};

#endif

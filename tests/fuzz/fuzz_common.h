/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_common.h: shared by the libFuzzer harnesses.  Each harness feeds
 * the bytes through one of the paths a command takes from its input to
 * its result; the sanitizers report any memory or undefined-behaviour
 * error, and libFuzzer any crash or hang. */
#ifndef FORCESTAT_FUZZ_COMMON_H
#define FORCESTAT_FUZZ_COMMON_H

#include <gsl/gsl_errno.h>
#include <stddef.h>
#include <stdint.h>

#include "forcestat/forcestat.h"
#include "render/emit.h"

/* Reads the bytes as a table (UTF-8, or Windows-1252 when the first byte
 * is odd), with small limits so that huge-field paths are reached. */
static inline fs_table_t *fuzz_table(const uint8_t *data, size_t size)
{
    static int init;
    if (!init) {
        gsl_set_error_handler_off();
        init = 1;
    }
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.max_field_bytes = 4096;
    opt.max_fields = 256;
    if (size > 0 && (data[0] & 1))
        opt.encoding = FS_ENCODING_WINDOWS_1252;
    fs_table_t *t = NULL;
    fs_error_t err;
    if (fs_table_read_memory(&t, data, size, "fuzz", &opt, &err) != FS_OK)
        return NULL;
    return t;
}

#endif

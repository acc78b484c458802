/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reader_internal.h (internal): what the tests need of the reader and
 * its users must not: not part of the API, so not exported from
 * libforcestat.so (tests/meta/symbols.sh). */
#ifndef FORCESTAT_READER_INTERNAL_H
#define FORCESTAT_READER_INTERNAL_H

#include <stddef.h>

#include "forcestat/dataset.h"
#include "distance.h" /* FS_HIDDEN */

/* Makes every later refill of r ask for at most `bytes` bytes (1 to the
 * reader's buffer), so a test can put a buffer boundary at every offset
 * of an input. */
FS_HIDDEN void fs_reader_set_chunk_size(fs_reader_t *r, size_t bytes);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lookup.h (internal): a code lookup table (an ONS LSOA, local authority
 * or community safety partnership to police force area lookup), read once
 * into memory and asked for each row's code.  Not part of the API. */
#ifndef FORCESTAT_LOOKUP_H
#define FORCESTAT_LOOKUP_H

#include <stddef.h>

#include "distance.h" /* FS_HIDDEN */
#include "forcestat/dataset.h"
#include "forcestat/status.h"

typedef struct fs_lookup fs_lookup_t;

/* Reads the table at path (CSV, .csv.gz or a workbook) and maps each
 * row's column `key` to its column `to`, both trimmed of blanks and
 * no-break spaces.  Rows with an empty code are passed over; a code given
 * twice with the same value is one, with two values FS_EPARSE naming the
 * second's line.  FS_ENOTFOUND (a column is not there), the errors of
 * fs_table_read, FS_ENOMEM. */
FS_HIDDEN fs_status_t fs_lookup_read(fs_lookup_t **out, const char *path, const char *key,
                                     const char *to, const fs_read_options_t *opt, fs_error_t *err);

/* What the n bytes of code map to (trimmed as above), with its length;
 * NULL when the lookup has no such code. */
FS_HIDDEN const char *fs_lookup_find(const fs_lookup_t *l, const char *code, size_t n, size_t *len);

FS_HIDDEN void fs_lookup_free(fs_lookup_t *l);

#endif

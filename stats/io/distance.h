/* SPDX-License-Identifier: GPL-3.0-or-later */
/* distance.h (internal): Levenshtein distance, for "did you mean". */
#ifndef FORCESTAT_DISTANCE_H
#define FORCESTAT_DISTANCE_H

#include <stddef.h>

/* The edit distance between a and b (at most FS_DISTANCE_MAX bytes each),
 * or limit + 1 once it is sure to exceed limit (or a string is longer). */
#define FS_DISTANCE_MAX 256
/* Shared between the library's files, hidden from its users: not part of
 * the API, so not exported from libforcestat.so (tests/meta/symbols.sh). */
#if defined(__GNUC__)
#define FS_HIDDEN __attribute__((visibility("hidden")))
#else
#define FS_HIDDEN
#endif
FS_HIDDEN size_t fs_edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t limit);

/* The limit that makes a near miss of a name of n bytes: a slip of a
 * letter in a short name, up to one in five of a longer one. */
FS_HIDDEN size_t fs_near_miss_limit(size_t n);

#endif

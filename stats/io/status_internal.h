/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status_internal.h: the library's own helper for errors that a layer
 * above passes on with the place named (not part of the API).  It keeps
 * the reason and index, so the layers above read those and never the
 * message (tests/meta/messages.sh). */
#ifndef FORCESTAT_STATUS_INTERNAL_H
#define FORCESTAT_STATUS_INTERNAL_H

#include "forcestat/status.h"
#include "distance.h" /* FS_HIDDEN */

/* Rewrites err's message as the formatted head followed by the old
 * message less its first `drop` bytes (a locator such as "unit 3: " that
 * the head replaces; 0 keeps it whole), sets the status and keeps the
 * reason, index and location.  Returns status; err may be NULL. */
FS_HIDDEN fs_status_t fs_error_reword(fs_error_t *err, fs_status_t status, size_t drop,
                                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif

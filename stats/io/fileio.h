/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fileio.h: reading small files whole, and writing one file atomically
 * (through the one staging path, stage.h). */
#ifndef FORCESTAT_FILEIO_H
#define FORCESTAT_FILEIO_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes len bytes to path atomically, through a stage on its folder
 * (stage.h): staged privately, synced, renamed into place.  Errors: those
 * of fs_stage_open, fs_stage_write and fs_stage_commit. */
fs_status_t fs_write_atomic(const char *path, const void *data, size_t len, fs_error_t *err);

/* Reads a whole (small) file into a new buffer ("-": standard input);
 * *data is freed by the caller.  FS_EIO when it cannot be read. */
fs_status_t fs_read_file(const char *path, char **data, size_t *len, fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif

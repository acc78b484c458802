/* fileio.h: writing output files safely.
 *
 * Every output is written to a temporary file in the destination's own
 * folder and renamed over the destination only when complete: a reader
 * never sees half a file, and a failure leaves the old file as it was. */
#ifndef FORCESTAT_FILEIO_H
#define FORCESTAT_FILEIO_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes len bytes to path atomically (temporary file, fsync-free rename).
 * Errors: FS_EIO with the path and the system's reason. */
fs_status_t fs_write_atomic(const char *path, const void *data, size_t len, fs_error_t *err);

/* Fills buf with a temporary path beside `path` (same folder, hidden,
 * unique to this process and `serial`).  FS_ELIMIT when it does not fit. */
fs_status_t fs_temp_path_beside(const char *path, unsigned serial, char *buf, size_t size,
                                fs_error_t *err);

/* Whether two paths name the same existing file (same device and inode):
 * an output must never overwrite one of the inputs. */
int fs_same_file(const char *a, const char *b);

/* Reads a whole (small) file into a new buffer; *data is freed by the
 * caller.  FS_EIO when it cannot be read. */
fs_status_t fs_read_file(const char *path, char **data, size_t *len, fs_error_t *err);

#ifdef __cplusplus
}
#endif

#endif

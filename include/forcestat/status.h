/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status.h: status codes and the caller-owned error record.
 *
 * Every library function returns an fs_status_t and, on failure, fills an
 * fs_error_t that the caller owns (no allocation, no global state).  The
 * library never prints: the program's main layer turns the record into a
 * "prog: file:line:column: message ('text')" line.
 *
 * The contract every public function keeps, unless its header says
 * otherwise (each header's opening comment says how its functions keep it):
 *
 *   err       may be NULL: the status is still returned, nothing is filled.
 *   options   a `const fs_*_options_t *` may be NULL, meaning the defaults
 *             its fs_*_options_init() sets.  A spec (what to compute) may
 *             not be NULL.
 *   pointers  every other pointer argument must be valid (not NULL); the
 *             library does not check them, as the C library does not.
 *   outputs   on failure an output that has a free function is left safe
 *             to pass to it, whatever it held before: a pointer output is
 *             set to NULL, a struct output is emptied (zeroed, with what it
 *             had allocated during the call freed or still owned by it).
 *             Value outputs (an fs_band_t, an fs_interval_t, an fs_swilk_t)
 *             are unspecified after a failure and need no freeing.
 *   free      every fs_*_free() accepts NULL and an emptied struct.
 *   threads   functions keep no global state but one atomic count
 *             (fs_measure_computations); distinct objects may be used from
 *             distinct threads at once, one object not.
 *   aborts    no function aborts, exits, prints, or changes GSL's error
 *             handler (tests/noabort).
 *
 * tests/test_contract.c holds every function with an options pointer or a
 * freeable output to this. */
#ifndef FORCESTAT_STATUS_H
#define FORCESTAT_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fs_status {
    FS_OK = 0,
    FS_EINVAL,  /* a caller passed an invalid argument (usage error) */
    FS_EDOM,    /* the data lie outside what the method is defined for */
    FS_ENOMEM,  /* out of memory */
    FS_EPARSE,  /* the input is malformed (CSV syntax, bad number, encoding) */
    FS_EIO,     /* reading or writing failed */
    FS_ENOTFOUND, /* a named column, force or file does not exist */
    FS_ELIMIT,  /* an input exceeds a documented size limit */
    FS_EOF,     /* no more records: not an error, the end of a stream */
    FS_EBUSY,   /* another run holds the output folder */
    FS_ECONFLICT /* an output would replace one of the run's inputs */
} fs_status_t;

/* Sizes of the fixed buffers in fs_error_t.  Longer texts are cut with
 * "..." so that an error about a 10 MB field stays one readable line.
 * fs_error_t is caller-owned (on the stack, no allocation), so its layout
 * and these sizes are part of the ABI: changing them bumps the SONAME. */
#define FS_ERROR_FILE_MAX 512
#define FS_ERROR_TEXT_MAX 96
#define FS_ERROR_MESSAGE_MAX 320

typedef struct fs_error {
    fs_status_t status;
    char file[FS_ERROR_FILE_MAX];       /* "" when no file is involved */
    long line;                          /* 1-based physical line, 0 if none */
    long column;                        /* 1-based field number, 0 if none */
    int has_text;                       /* whether text holds the offending input */
    char text[FS_ERROR_TEXT_MAX];       /* the offending text, cut if long */
    char message[FS_ERROR_MESSAGE_MAX]; /* what is wrong, without location */
} fs_error_t;

/* Returns a static, human-readable name for a status code.  Never NULL. */
const char *fs_strerror(fs_status_t status);

/* Resets *err to "no error".  err may be NULL (then nothing happens). */
void fs_error_clear(fs_error_t *err);

/* Fills *err (if err is not NULL) and returns status, so that callers can
 * write `return fs_error_set(err, FS_EINVAL, "...")`.  The location fields
 * are left as they were; set them with fs_error_at(). */
fs_status_t fs_error_set(fs_error_t *err, fs_status_t status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Records where the error happened.  file may be NULL (kept as it was);
 * text may be NULL (no offending text); text_len bytes of text are copied,
 * with bytes that are not printable ASCII or UTF-8 shown as '?' and the
 * copy cut with "..." when it is longer than the buffer. */
void fs_error_at(fs_error_t *err, const char *file, long line, long column, const char *text,
                 size_t text_len);

/* The error as the program prints it, into buf (always terminated):
 * "FILE:LINE:COLUMN: message ('text')", the parts that are not known left
 * out.  Returns the length it needed, like snprintf. */
size_t fs_error_format(const fs_error_t *err, char *buf, size_t size);

/* The library's version at run time ("0.2.0"), which may differ from the
 * FS_VERSION a program was compiled against. */
const char *fs_version(void);

#ifdef __cplusplus
}
#endif

#endif

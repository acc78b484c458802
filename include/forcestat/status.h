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

/* Why an error happened, for a program to branch on (the message is for
 * people and may change wording at any release).  FS_REASON_NONE (0) is
 * every error the library does not classify; a reason is added, never
 * renumbered.  Each names its cause whatever the status: the status says
 * which kind of failure (FS_EDOM, FS_EPARSE, ...), the reason what about
 * the data caused it, and fs_error_t.index which item. */
typedef enum fs_reason {
    FS_REASON_NONE = 0,
    FS_REASON_TOO_FEW,           /* too few values, units or points for the method */
    FS_REASON_ALL_EQUAL,         /* every value is the same: no spread */
    FS_REASON_NOT_A_NUMBER,      /* a cell that should be a number is not one */
    FS_REASON_MISSING_VALUE,     /* a value the method needs is missing */
    FS_REASON_NOT_FINITE,        /* a value is infinite */
    FS_REASON_BAD_DENOMINATOR,   /* a denominator (population, trials) is not > 0 (or,
                                  * for a proportion, not whole) */
    FS_REASON_BAD_COUNT,         /* a count is negative, not whole, or above its denominator */
    FS_REASON_BEYOND_LIMIT,      /* a magnitude is beyond a limit (double precision, 1e150) */
    FS_REASON_UNKNOWN_FORCE,     /* a name that is no force */
    FS_REASON_DUPLICATE_FORCE,   /* a force on two rows of one table */
    FS_REASON_DUPLICATE_PERIOD,  /* a period twice in one series */
    FS_REASON_COLUMN_NOT_FOUND   /* a named column is not in the table */
} fs_reason_t;

/* fs_error_t.index when the error names no single item. */
#define FS_ERROR_NO_INDEX ((size_t)-1)

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
    fs_reason_t reason;                 /* why, for programs; FS_REASON_NONE if unclassified */
    size_t index;                       /* the offending item, 0-based, or FS_ERROR_NO_INDEX */
} fs_error_t;

/* Returns a static, human-readable name for a status code.  Never NULL. */
const char *fs_strerror(fs_status_t status);

/* Returns a static name for a reason ("too few values"), "none" for
 * FS_REASON_NONE, "unknown reason" for a value out of range.  Never NULL. */
const char *fs_reason_name(fs_reason_t reason);

/* Resets *err to "no error": FS_OK, FS_REASON_NONE, FS_ERROR_NO_INDEX.
 * err may be NULL (then nothing happens). */
void fs_error_clear(fs_error_t *err);

/* Fills *err (if err is not NULL) and returns status, so that callers can
 * write `return fs_error_set(err, FS_EINVAL, "...")`.  The reason becomes
 * FS_REASON_NONE and the index FS_ERROR_NO_INDEX; the location fields are
 * left as they were; set them with fs_error_at(). */
fs_status_t fs_error_set(fs_error_t *err, fs_status_t status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* fs_error_set with a reason and the 0-based index of the offending item:
 * for a function given a table, the row of the table at fault (of the
 * population table, for a join); for one given arrays, the position of the
 * value, unit or point in them; FS_ERROR_NO_INDEX when there is none. */
fs_status_t fs_error_raise(fs_error_t *err, fs_status_t status, fs_reason_t reason, size_t index,
                           const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The message without location, or the status's name when there is none:
 * for printing only (branch on status, reason and index).  Never NULL. */
const char *fs_error_message(const fs_error_t *err);

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

/* The library's version at run time ("0.8.0"), which may differ from the
 * FS_VERSION a program was compiled against. */
const char *fs_version(void);

#ifdef __cplusplus
}
#endif

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* source.h (internal): the reader seam's bottom layer.  A source delivers
 * the bytes of one input, with the name its messages carry:
 *
 *   source (file, stdin, byte range, memory; gzip decoded on the way)
 *     -> format (csv.c: bytes into records, with line and field)
 *       -> builder (dataset.c: records into an fs_table; aggregate.c:
 *          records into sums)
 *
 * What kind an input is (plain text, gzip, or a compressed kind that is
 * named and refused) is decided in one place, fs_input_kind, from its
 * first bytes; fs_source_read looks at them before the first byte goes
 * out.  A new input format is one source or format file and a row in
 * fs_input_kind's table.  Not part of the API (hidden in the library). */
#ifndef FORCESTAT_SOURCE_H
#define FORCESTAT_SOURCE_H

#include <stddef.h>

#include "distance.h" /* FS_HIDDEN */
#include "forcestat/status.h"

/* What the first bytes of an input say it is. */
typedef enum fs_input_kind {
    FS_INPUT_TEXT, /* none of the magic numbers below: read as text */
    FS_INPUT_GZIP,
    FS_INPUT_BZIP2,
    FS_INPUT_XZ,
    FS_INPUT_ZIP, /* a workbook (.xlsx, .ods: book.c), or another archive */
    FS_INPUT_ZSTD,
    FS_INPUT_OLE  /* an OLE2 container: an .xls, or an encrypted workbook */
} fs_input_kind_t;

/* The bytes fs_input_kind needs to tell every kind apart. */
#define FS_INPUT_MAGIC_BYTES 10

/* The kind of the input whose first n bytes are p (fewer than
 * FS_INPUT_MAGIC_BYTES only when the input is that short). */
FS_HIDDEN fs_input_kind_t fs_input_kind(const unsigned char *p, size_t n);

/* How a source treats what fs_input_kind finds at its start. */
typedef enum fs_source_check {
    FS_CHECK_NONE,   /* bytes as they are (a range that starts mid-file) */
    FS_CHECK_REFUSE, /* compressed kinds refused, gzip too read as bytes */
    FS_CHECK_DECODE  /* gzip decoded, the other compressed kinds refused */
} fs_source_check_t;

typedef struct fs_source fs_source_t;

/* One kind of source: read at most size bytes into buf (0 at the end);
 * errors carry the source's name and line 0.  close frees impl. */
typedef struct fs_source_ops {
    fs_status_t (*read)(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                        fs_error_t *err);
    void (*close)(void *impl);
} fs_source_ops_t;

typedef struct fs_gzip fs_gzip_t;

#define FS_SOURCE_NAME_MAX 512

/* What the first read asks for: the first bytes handed out are as many
 * as one read gives (at least FS_INPUT_MAGIC_BYTES, unless the input is
 * shorter), not only those looked at. */
#define FS_SOURCE_HEAD_BYTES (64u * 1024u)

struct fs_source {
    const fs_source_ops_t *ops;
    void *impl;
    char name[FS_SOURCE_NAME_MAX];
    long long bytes_in; /* raw bytes read so far (before decompression) */
    fs_source_check_t check;
    int checked; /* the first bytes were looked at */
    unsigned char *head; /* the first read (FS_SOURCE_HEAD_BYTES), looked at */
    size_t head_len, head_pos; /* and handed out first */
    fs_gzip_t *gz;             /* the decoder, when the input is gzip */
    fs_input_kind_t kind;      /* what the first bytes said, once checked */
};

/* Opens path ("-": standard input, named "<stdin>") with check
 * FS_CHECK_DECODE.  FS_EIO (cannot open, a directory), FS_ENOMEM. */
FS_HIDDEN fs_status_t fs_source_open_path(fs_source_t **out, const char *path, fs_error_t *err);

/* Bytes [start, end) of the regular file at path, refused when
 * compressed if start is 0.  FS_EIO, FS_EINVAL (a range past the end),
 * FS_ENOMEM. */
FS_HIDDEN fs_status_t fs_source_open_range(fs_source_t **out, const char *path, long long start,
                                           long long end, fs_error_t *err);

/* A buffer that outlives the source, with check FS_CHECK_DECODE. */
FS_HIDDEN fs_status_t fs_source_open_memory(fs_source_t **out, const void *data, size_t len,
                                            const char *name, fs_error_t *err);

/* A new source of the given kind; ops->close(impl) is called on failure. */
FS_HIDDEN fs_status_t fs_source_new(fs_source_t **out, const fs_source_ops_t *ops, void *impl,
                                    const char *name, fs_source_check_t check, fs_error_t *err);

/* Reads at most size bytes of the input (decoded) into buf; *got is 0 at
 * the end.  The first call looks at the input's kind.  Errors carry the
 * name and line 0 (the format fills in its line for FS_EIO). */
FS_HIDDEN fs_status_t fs_source_read(fs_source_t *s, unsigned char *buf, size_t size,
                                     size_t *got, fs_error_t *err);

/* Looks at the input's first bytes (once) and says what kind it is: a
 * zip (with check FS_CHECK_DECODE) is left for the workbook reader, which
 * reads its bytes with fs_source_read_raw; fs_source_read refuses it.
 * The errors of fs_source_read. */
FS_HIDDEN fs_status_t fs_source_kind(fs_source_t *s, fs_input_kind_t *kind, fs_error_t *err);

/* The error for an input of its kind that is not read ("not CSV text: it
 * looks like zip data"): for a zip that is no readable archive. */
FS_HIDDEN fs_status_t fs_source_refuse(const fs_source_t *s, fs_error_t *err);

/* The bytes as they are stored (no decoding): for the gzip decoder. */
FS_HIDDEN fs_status_t fs_source_read_raw(fs_source_t *s, unsigned char *buf, size_t size,
                                         size_t *got, fs_error_t *err);

FS_HIDDEN void fs_source_free(fs_source_t *s);

/* gzip (source_gzip.c): a decoder over s's raw bytes, concatenated
 * members read as one stream; a stream that ends inside a member, or
 * bytes after the last member that do not start another, are errors. */
FS_HIDDEN fs_status_t fs_gzip_new(fs_gzip_t **out, const fs_source_t *s, fs_error_t *err);
FS_HIDDEN fs_status_t fs_gzip_read(fs_gzip_t *z, fs_source_t *s, unsigned char *buf,
                                   size_t size, size_t *got, fs_error_t *err);
FS_HIDDEN void fs_gzip_free(fs_gzip_t *z);
/* Whether new decoders inflate with ISA-L: 1 when the program is linked
 * with it (a fully static one is not) and fs_gzip_force_zlib(1) has not
 * turned it off; else zlib inflates.  The switch is for the tests. */
FS_HIDDEN int fs_gzip_isal(void);
FS_HIDDEN void fs_gzip_force_zlib(int on);

/* Large plain files read in parts (source_file.c).  The size of the
 * regular file at path, or 0 (standard input, not a regular file, cannot
 * be read). */
FS_HIDDEN long long fs_source_file_size(const char *path);

/* Splits the regular, uncompressed file at path, of at least min_bytes,
 * into nparts byte ranges just after a line end near each 1/nparts of it:
 * part k is [bounds[k], bounds[k + 1]).  Returns 0 when the file cannot
 * be split that way (then bounds is untouched), else 1 with *size. */
FS_HIDDEN int fs_source_split(const char *path, unsigned nparts, long long min_bytes,
                              long long *bounds, long long *size);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* source_file.c: the sources that read the system's files: a file or
 * standard input (read(2), straight into the caller's buffer), a byte
 * range of a regular file (pread(2), for parts read in parallel), a
 * buffer in memory; and where a large file may be split into parts. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct fd_input {
    int fd;
    long long pos, end; /* a range: the next byte and the end; else end < 0 */
} fd_input_t;

static void fd_close(void *impl)
{
    fd_input_t *f = impl;
    if (f == NULL)
        return;
    if (f->fd >= 0)
        close(f->fd);
    free(f);
}

static fs_status_t read_error(const fs_source_t *s, int e, fs_error_t *err)
{
    fs_error_at(err, s->name, 0, 0, NULL, 0);
    return fs_error_set(err, FS_EIO, "read error: %s", strerror(e));
}

/* One read(2), retried when a signal interrupts it. */
static fs_status_t fd_read(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                           fs_error_t *err)
{
    fd_input_t *f = s->impl;
    ssize_t n;
    do
        n = read(f->fd, buf, size);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return read_error(s, errno, err);
    *got = (size_t)n;
    return FS_OK;
}

static fs_status_t range_read(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                              fs_error_t *err)
{
    fd_input_t *f = s->impl;
    long long left = f->end - f->pos;
    size_t want = left < (long long)size ? (size_t)left : size;
    ssize_t n = want > 0 ? pread(f->fd, buf, want, (off_t)f->pos) : 0;
    if (n < 0)
        return read_error(s, errno, err);
    f->pos += n;
    *got = (size_t)n;
    return FS_OK;
}

static const fs_source_ops_t fd_ops = {fd_read, fd_close};
static const fs_source_ops_t range_ops = {range_read, fd_close};

static fs_status_t open_error(const char *name, int e, fs_error_t *err)
{
    fs_error_at(err, name, 0, 0, NULL, 0);
    return fs_error_set(err, FS_EIO, "cannot open: %s", strerror(e));
}

static fs_status_t wrap_fd(fs_source_t **out, int fd, const fs_source_ops_t *ops, long long pos,
                           long long end, const char *name, fs_source_check_t check,
                           fs_error_t *err)
{
    fd_input_t *f = malloc(sizeof *f);
    if (f == NULL) {
        close(fd);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    f->fd = fd;
    f->pos = pos;
    f->end = end;
    return fs_source_new(out, ops, f, name, check, err);
}

fs_status_t fs_source_open_path(fs_source_t **out, const char *path, fs_error_t *err)
{
    *out = NULL;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return open_error(name, errno, err);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fs_error_at(err, name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "is a directory, not a file");
    }
    return wrap_fd(out, fd, &fd_ops, 0, -1, name, FS_CHECK_DECODE, err);
}

fs_status_t fs_source_open_range(fs_source_t **out, const char *path, long long start,
                                 long long end, fs_error_t *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return open_error(path, errno, err);
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && end > (long long)sb.st_size) {
        close(fd);
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL, "the range ends at byte %lld, past the file's %lld",
                            end, (long long)sb.st_size);
    }
    fs_source_check_t check = start == 0 ? FS_CHECK_REFUSE : FS_CHECK_NONE;
    return wrap_fd(out, fd, &range_ops, start, end, path, check, err);
}

typedef struct mem_input {
    const unsigned char *data;
    size_t len, pos;
} mem_input_t;

static fs_status_t mem_read(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                            fs_error_t *err)
{
    mem_input_t *m = s->impl;
    (void)err;
    size_t n = m->len - m->pos;
    if (n > size)
        n = size;
    if (n > 0) /* an empty buffer may be NULL */
        memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    *got = n;
    return FS_OK;
}

static const fs_source_ops_t mem_ops = {mem_read, free};

fs_status_t fs_source_open_memory(fs_source_t **out, const void *data, size_t len,
                                  const char *name, fs_error_t *err)
{
    *out = NULL;
    mem_input_t *m = malloc(sizeof *m);
    if (m == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    m->data = data;
    m->len = len;
    m->pos = 0;
    return fs_source_new(out, &mem_ops, m, name, FS_CHECK_DECODE, err);
}

long long fs_source_file_size(const char *path)
{
    struct stat sb;
    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return 0;
    return (long long)sb.st_size;
}

/* The offset just after the first line end at or after `target`: where
 * a part may start if `target` lies outside quotes.  Whether it does is
 * not known here (that needs the quote state from the start of the file);
 * it is checked afterwards: the part before must then end at a record
 * boundary, and its parser reports an unclosed quote otherwise. */
static long long line_end_after(int fd, long long target, long long size)
{
    unsigned char buf[4096];
    for (long long pos = target; pos < size;) {
        ssize_t n = pread(fd, buf, sizeof buf, (off_t)pos);
        if (n <= 0)
            return size;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\n' && buf[i] != '\r')
                continue;
            long long end = pos + i + 1;
            unsigned char next;
            if (buf[i] == '\r' && pread(fd, &next, 1, (off_t)end) == 1 && next == '\n')
                end++;
            return end;
        }
        pos += n;
    }
    return size;
}

int fs_source_split(const char *path, unsigned nparts, long long min_bytes, long long *bounds,
                    long long *size)
{
    struct stat sb;
    int fd = strcmp(path, "-") == 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC);
    unsigned char magic[FS_INPUT_MAGIC_BYTES];
    int ok = fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size >= min_bytes &&
             sb.st_size > 0;
    if (ok) {
        ssize_t n = pread(fd, magic, sizeof magic, 0);
        ok = n >= 2 && fs_input_kind(magic, (size_t)n) == FS_INPUT_TEXT; /* a workbook is read whole */
    }
    if (!ok) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    long long prev = 0;
    bounds[0] = 0;
    for (unsigned k = 0; k < nparts; k++) {
        if (k + 1 < nparts) {
            long long target = sb.st_size * (long long)(k + 1) / nparts;
            prev = line_end_after(fd, target > prev ? target : prev, sb.st_size);
        } else {
            prev = sb.st_size;
        }
        bounds[k + 1] = prev;
    }
    close(fd);
    *size = sb.st_size;
    return 1;
}

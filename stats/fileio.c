/* fileio.c: atomic output files. */
#include "forcestat/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

fs_status_t fs_temp_path_beside(const char *path, unsigned serial, char *buf, size_t size,
                                fs_error_t *err)
{
    const char *slash = strrchr(path, '/');
    int dir_len = slash ? (int)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    int n = snprintf(buf, size, "%.*s.%s.%ld.%u.tmp", dir_len, path, base, (long)getpid(), serial);
    if (n < 0 || (size_t)n >= size) {
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_ELIMIT, "output path too long");
    }
    return FS_OK;
}

fs_status_t fs_write_atomic(const char *path, const void *data, size_t len, fs_error_t *err)
{
    char tmp[4096];
    fs_status_t st = fs_temp_path_beside(path, 0, tmp, sizeof tmp, err);
    if (st != FS_OK)
        return st;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        int e = errno;
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "cannot write: %s", strerror(e));
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            unlink(tmp);
            fs_error_at(err, path, 0, 0, NULL, 0);
            return fs_error_set(err, FS_EIO, "cannot write: %s", strerror(e));
        }
        p += w;
        left -= (size_t)w;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "cannot write: %s", strerror(e));
    }
    return FS_OK;
}

int fs_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

fs_status_t fs_read_file(const char *path, char **data, size_t *len, fs_error_t *err)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        int e = errno;
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "cannot open: %s", strerror(e));
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int failed = buf == NULL || ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "cannot read");
    }
    *data = buf;
    *len = n;
    return FS_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fileio.c: atomic output files. */
#include "io/fileio.h"

#include "io/stage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

fs_status_t fs_write_atomic(const char *path, const void *data, size_t len, fs_error_t *err)
{
    /* One path for every output: stage in the destination's folder, then
     * commit (see stage.h). */
    char folder[4096];
    const char *name;
    fs_status_t st = fs_path_folder(path, folder, sizeof folder, &name, err);
    if (st != FS_OK)
        return st;
    fs_stage_t *stage;
    if ((st = fs_stage_open(&stage, folder, err)) != FS_OK)
        return st;
    st = fs_stage_write(stage, name, data, len, err);
    if (st == FS_OK)
        st = fs_stage_commit(stage, err);
    fs_stage_free(stage);
    return st;
}

fs_status_t fs_read_file(const char *path, char **data, size_t *len, fs_error_t *err)
{
    *data = NULL;
    *len = 0;
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = NULL;
    if (is_stdin) {
        int fd = dup(STDIN_FILENO);
        f = fd >= 0 ? fdopen(fd, "rb") : NULL;
        if (f == NULL && fd >= 0)
            close(fd);
        path = "<stdin>";
    } else {
        f = fopen(path, "rb");
    }
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
    int nomem = buf == NULL, failed = nomem || ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        fs_error_at(err, path, 0, 0, NULL, 0);
        return nomem ? fs_error_set(err, FS_ENOMEM, "out of memory")
                     : fs_error_set(err, FS_EIO, "cannot read");
    }
    *data = buf;
    *len = n;
    return FS_OK;
}

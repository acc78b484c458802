/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stage.c: staged outputs committed by rename.  See stage.h.
 *
 * Layout of a stage in folder DIR:
 *   DIR/.forcestat-stage-XXXXXX/     private (mkdtemp, 0700)
 *       out/NAME                     what is committed to DIR/NAME
 *       work/NAME                    scratch: chart data, scripts
 *   DIR/.forcestat-journal           while a commit is under way
 * The private folder lies in DIR itself, so each commit is a rename on
 * one filesystem: a reader of DIR sees the old file or the new one, never
 * half of one.
 *
 * The commit as a whole is made all-or-nothing by a journal, rolled
 * forward only.  Every destination is checked first (not a folder, not
 * another user's file in a sticky folder, the folder writable); then the
 * journal, naming the stage folder, every file to move and every file to
 * remove, is written in the stage, synced, renamed to DIR/.forcestat-journal
 * and DIR synced; then the files move; then the journal is removed.  A
 * run killed (or a machine stopped) between the journal's rename and its
 * removal leaves the journal and the staged files, complete and synced
 * before the journal existed, and the next stage opened on DIR (or
 * fs_stage_recover) finishes the moves.  Journal format: NUL-terminated
 * strings: JOURNAL_MAGIC, the stage folder's name, then pairs "m" NAME
 * (move) or "r" NAME (remove), then "end". */
#define _GNU_SOURCE /* realpath, flock, AT_EACCESS */
#include "io/stage.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define STAGE_PREFIX ".forcestat-stage-"
#define JOURNAL ".forcestat-journal"
#define JOURNAL_MAGIC "forcestat journal 1"
#define JOURNAL_MAX (64u << 20)

typedef struct input_id {
    dev_t dev;
    ino_t ino;
    char *path;
} input_id_t;

struct fs_stage {
    char *dir;          /* as the caller named it, for messages */
    char *private_dir;  /* absolute: DIR/.forcestat-stage-XXXXXX */
    int dir_fd, out_fd, work_fd; /* dir_fd holds the folder's flock */
    char **names;       /* staged outputs, in order */
    size_t n, cap;
    input_id_t *inputs;
    size_t ninputs, inputs_cap;
    char *subs[FS_STAGE_MAX_SUBFOLDERS]; /* subfolders outputs may go into */
    size_t nsubs;
    char **retired;     /* files of DIR the commit removes (fs_stage_retire) */
    size_t nretired, retired_cap;
    int journal_live;   /* a commit's journal is in DIR: keep the stage */
    char display[PATH_MAX + 256];
};

static fs_status_t io_error(fs_error_t *err, const char *file, const char *what, int e)
{
    fs_error_at(err, file, 0, 0, NULL, 0);
    return fs_error_set(err, FS_EIO, "%s: %s", what, strerror(e));
}

const char *fs_stage_display(fs_stage_t *s, const char *name)
{
    int saved = errno; /* called in the arguments of an error beside errno */
    size_t dl = strlen(s->dir);
    int slash = dl > 0 && s->dir[dl - 1] == '/';
    snprintf(s->display, sizeof s->display, "%s%s%s", s->dir, slash ? "" : "/", name);
    errno = saved;
    return s->display;
}

/* A listing of the folder at fd that leaves fd itself open; NULL when it
 * cannot be read (then there is nothing to clean). */
static DIR *listing(int fd)
{
    int dup_fd = dup(fd);
    if (dup_fd < 0)
        return NULL;
    DIR *d = fdopendir(dup_fd);
    if (d == NULL)
        close(dup_fd);
    return d;
}

/* Removes every entry of the folder at fd (files, and folders one level
 * down), leaving the folder itself. */
static void empty_folder(int fd, int depth)
{
    DIR *d = listing(fd);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        struct stat sb;
        if (fstatat(fd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(sb.st_mode)) {
            if (depth > 0) {
                int sub = openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub >= 0) {
                    empty_folder(sub, depth - 1);
                    close(sub);
                }
            }
            unlinkat(fd, e->d_name, AT_REMOVEDIR);
        } else {
            unlinkat(fd, e->d_name, 0);
        }
    }
    closedir(d);
}

/* What killed runs left in DIR: their stage folders, called with the
 * lock held (so no live run of ours is using them) and after any journal
 * was rolled forward.  Nothing else is removed.  Returns how many. */
static size_t remove_stale(int dir_fd)
{
    size_t removed = 0;
    DIR *d = listing(dir_fd);
    if (d == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat sb;
        if (fstatat(dir_fd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(sb.st_mode) && strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)) == 0 &&
            sb.st_uid == geteuid()) {
            int sub = openat(dir_fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) {
                empty_folder(sub, 2); /* out/, work/, and out/SUB/ */
                close(sub);
            }
            removed += unlinkat(dir_fd, e->d_name, AT_REMOVEDIR) == 0;
        }
    }
    closedir(d);
    return removed;
}

fs_status_t fs_path_folder(const char *path, char *folder, size_t size, const char **name,
                           fs_error_t *err)
{
    const char *slash = strrchr(path, '/');
    *name = slash ? slash + 1 : path;
    int n = slash == NULL    ? snprintf(folder, size, ".")
            : slash == path ? snprintf(folder, size, "/")
                            : snprintf(folder, size, "%.*s", (int)(slash - path), path);
    if (n < 0 || (size_t)n >= size) {
        fs_error_at(err, path, 0, 0, NULL, 0);
        return fs_error_set(err, FS_ELIMIT, "output path too long");
    }
    return FS_OK;
}

static int plain_name(const char *name, size_t len);

/* A name a journal may hold: NAME or SUB/NAME, each part one plain file
 * name, none of our own. */
static int journal_name_ok(const char *name)
{
    size_t len = strlen(name);
    const char *slash = strchr(name, '/');
    if (slash == NULL)
        return plain_name(name, len);
    size_t sl = (size_t)(slash - name);
    return plain_name(name, sl) && plain_name(slash + 1, len - sl - 1);
}

/* The folder a journal's name goes into: DIR (dir_fd) or its subfolder,
 * created when `create` and missing, opened (*own: close it after).
 * Returns -1 with errno on failure; *base is the file's name in it. */
static int name_dest(int dir_fd, const char *name, int create, const char **base, int *own)
{
    const char *slash = strchr(name, '/');
    *own = 0;
    *base = name;
    if (slash == NULL)
        return dir_fd;
    *base = slash + 1;
    char sub[256];
    size_t sl = (size_t)(slash - name);
    memcpy(sub, name, sl);
    sub[sl] = '\0';
    if (create && mkdirat(dir_fd, sub, 0777) != 0 && errno != EEXIST)
        return -1;
    int fd = openat(dir_fd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    *own = fd >= 0;
    return fd;
}

/* The next NUL-terminated string of a journal at *p (before end), or
 * NULL when none is complete. */
static const char *journal_next(const char **p, const char *end)
{
    const char *at = *p;
    const char *nul = at < end ? memchr(at, '\0', (size_t)(end - at)) : NULL;
    if (nul == NULL)
        return NULL;
    *p = nul + 1;
    return at;
}

static fs_status_t journal_invalid(fs_error_t *err, const char *dir)
{
    fs_error_at(err, dir, 0, 0, NULL, 0);
    return fs_error_set(err, FS_EIO,
                        "the journal of an unfinished commit (" JOURNAL ") is not one forcestat "
                        "wrote; nothing was changed: look at it, then remove it");
}

/* One pass over a journal's entries: checks them all (apply 0) or
 * carries them out (apply 1): each staged file still in the stage moves
 * into place (one no longer there has moved), each file to remove goes
 * when it is a plain file. */
static fs_status_t journal_pass(int dir_fd, const char *dir, const char *p, const char *end,
                                int out_fd, int apply, fs_error_t *err)
{
    for (;;) {
        const char *tag = journal_next(&p, end);
        if (tag == NULL)
            return journal_invalid(err, dir);
        if (strcmp(tag, "end") == 0)
            return p == end ? FS_OK : journal_invalid(err, dir);
        const char *name = journal_next(&p, end);
        int move = strcmp(tag, "m") == 0;
        if (name == NULL || (!move && strcmp(tag, "r") != 0) || !journal_name_ok(name))
            return journal_invalid(err, dir);
        if (!apply)
            continue;
        struct stat sb;
        if (move && (out_fd < 0 || fstatat(out_fd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0))
            continue; /* moved before the run stopped */
        const char *base;
        int own, e = 0;
        int to = name_dest(dir_fd, name, move, &base, &own);
        if (to < 0) {
            if (!move && errno == ENOENT)
                continue; /* no subfolder, nothing to remove */
            e = errno;
        } else if (move) {
            if (renameat(out_fd, name, to, base) != 0)
                e = errno;
        } else if (fstatat(to, base, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode) &&
                   unlinkat(to, base, 0) != 0 && errno != ENOENT) {
            e = errno;
        }
        if (e == 0 && own && fsync(to) != 0 && errno != EINVAL)
            e = errno;
        if (own)
            close(to);
        if (e != 0) {
            fs_error_at(err, dir, 0, 0, NULL, 0);
            return fs_error_set(err, FS_EIO,
                                "cannot finish the unfinished commit of its journal (" JOURNAL
                                "): '%.200s': %s",
                                name, strerror(e));
        }
    }
}

/* Finishes the commit a journal in DIR (dir_fd, locked) describes, if
 * there is one: *finished is 1 when there was.  The journal is removed
 * only when every entry is done. */
static fs_status_t roll_forward(int dir_fd, const char *dir, int *finished, fs_error_t *err)
{
    *finished = 0;
    int fd = openat(dir_fd, JOURNAL, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return FS_OK;
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return io_error(err, dir, "cannot read the journal of an unfinished commit", e);
    }
    if (!S_ISREG(sb.st_mode) || sb.st_size <= 0 || (unsigned long long)sb.st_size > JOURNAL_MAX) {
        close(fd);
        return journal_invalid(err, dir);
    }
    size_t len = (size_t)sb.st_size, got = 0;
    char *data = malloc(len);
    if (data == NULL) {
        close(fd);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    while (got < len) {
        ssize_t r = pread(fd, data + got, len - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    const char *p = data, *end = data + got;
    const char *magic = journal_next(&p, end);
    const char *stage = journal_next(&p, end);
    fs_status_t st = FS_OK;
    if (got != len || magic == NULL || strcmp(magic, JOURNAL_MAGIC) != 0 || stage == NULL ||
        strncmp(stage, STAGE_PREFIX, strlen(STAGE_PREFIX)) != 0 || strchr(stage, '/') != NULL ||
        strlen(stage) > 255)
        st = journal_invalid(err, dir);
    if (st == FS_OK)
        st = journal_pass(dir_fd, dir, p, end, -1, 0, err);
    if (st == FS_OK) {
        int sfd = openat(dir_fd, stage, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int out = sfd >= 0 ? openat(sfd, "out", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                           : -1;
        st = journal_pass(dir_fd, dir, p, end, out, 1, err);
        if (out >= 0)
            close(out);
        if (sfd >= 0)
            close(sfd);
    }
    free(data);
    if (st != FS_OK)
        return st;
    if ((fsync(dir_fd) != 0 && errno != EINVAL) || unlinkat(dir_fd, JOURNAL, 0) != 0 ||
        (fsync(dir_fd) != 0 && errno != EINVAL))
        return io_error(err, dir, "cannot remove the journal of a finished commit", errno);
    *finished = 1;
    return FS_OK;
}

fs_status_t fs_stage_recover(const char *dir, int *finished, size_t *removed, fs_error_t *err)
{
    *finished = 0;
    *removed = 0;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, dir, "cannot open the folder", errno);
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        close(fd);
        fs_error_at(err, dir, 0, 0, NULL, 0);
        if (e == EWOULDBLOCK)
            return fs_error_set(err, FS_EBUSY,
                                "the output folder is busy: another forcestat run is writing to "
                                "it; try again when it has finished");
        return fs_error_set(err, FS_EIO, "cannot lock the folder: %s", strerror(e));
    }
    fs_status_t st = roll_forward(fd, dir, finished, err);
    if (st == FS_OK)
        *removed = remove_stale(fd);
    close(fd); /* releases the lock */
    return st;
}

fs_status_t fs_stage_open(fs_stage_t **out, const char *dir, fs_error_t *err)
{
    *out = NULL;
    fs_stage_t *s = calloc(1, sizeof *s);
    if (s == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    s->dir_fd = s->out_fd = s->work_fd = -1;
    s->dir = strdup(dir[0] ? dir : ".");
    fs_status_t st = FS_OK;
    if (s->dir == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto fail;
    }
    if (mkdir(s->dir, 0777) != 0 && errno != EEXIST) {
        st = io_error(err, s->dir, "cannot create the folder", errno);
        goto fail;
    }
    s->dir_fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (s->dir_fd < 0) {
        st = io_error(err, s->dir, "cannot open the folder", errno);
        goto fail;
    }
    /* The lock is on the folder itself: no lock file to plant or leave. */
    if (flock(s->dir_fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        fs_error_at(err, s->dir, 0, 0, NULL, 0);
        if (e == EWOULDBLOCK)
            st = fs_error_set(err, FS_EBUSY,
                              "the output folder is busy: another forcestat run is writing to "
                              "it; try again when it has finished");
        else
            st = fs_error_set(err, FS_EIO, "cannot lock the folder: %s", strerror(e));
        goto fail;
    }
    /* A commit a killed run left half done is finished first. */
    int finished;
    if ((st = roll_forward(s->dir_fd, s->dir, &finished, err)) != FS_OK)
        goto fail;
    remove_stale(s->dir_fd);
    char real[PATH_MAX];
    if (realpath(s->dir, real) == NULL) {
        st = io_error(err, s->dir, "cannot resolve the folder", errno);
        goto fail;
    }
    size_t rl = strlen(real);
    s->private_dir = malloc(rl + sizeof "/" STAGE_PREFIX "XXXXXX");
    if (s->private_dir == NULL) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
        goto fail;
    }
    sprintf(s->private_dir, "%s%s" STAGE_PREFIX "XXXXXX", real,
            rl > 0 && real[rl - 1] == '/' ? "" : "/");
    if (mkdtemp(s->private_dir) == NULL) {
        int e = errno;
        free(s->private_dir);
        s->private_dir = NULL;
        st = io_error(err, s->dir, "cannot create a staging folder", e);
        goto fail;
    }
    int priv = open(s->private_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (priv < 0 || mkdirat(priv, "out", 0700) != 0 || mkdirat(priv, "work", 0700) != 0 ||
        (s->out_fd = openat(priv, "out", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0 ||
        (s->work_fd = openat(priv, "work", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
        int e = errno;
        if (priv >= 0)
            close(priv);
        st = io_error(err, s->dir, "cannot create a staging folder", e);
        goto fail;
    }
    close(priv);
    *out = s;
    return FS_OK;
fail:
    fs_stage_free(s);
    return st;
}

/* A plain file name: one path component, none of our own. */
static int plain_name(const char *name, size_t len)
{
    return len > 0 && len <= 255 && !(len == 1 && name[0] == '.') &&
           !(len == 2 && name[0] == '.' && name[1] == '.') &&
           (len < 10 || strncmp(name, ".forcestat", 10) != 0) && memchr(name, '/', len) == NULL;
}

/* The index of the subfolder of "SUB/NAME", or -1 for a plain name;
 * -2 when the name is neither a plain name nor one in a subfolder of the
 * stage. */
static int name_folder(const fs_stage_t *s, const char *name)
{
    size_t len = strlen(name);
    const char *slash = strchr(name, '/');
    if (slash == NULL)
        return plain_name(name, len) ? -1 : -2;
    size_t sl = (size_t)(slash - name);
    if (!plain_name(slash + 1, len - sl - 1))
        return -2;
    for (size_t i = 0; i < s->nsubs; i++) {
        if (strlen(s->subs[i]) == sl && strncmp(s->subs[i], name, sl) == 0)
            return (int)i;
    }
    return -2;
}

/* A name a stage accepts: a plain file name, or one inside a subfolder
 * the stage was given. */
static int valid_name(const fs_stage_t *s, const char *name)
{
    return name_folder(s, name) >= -1;
}

/* FS_ECONFLICT when DIR/name is (or is a link to) one of the inputs. */
static fs_status_t check_not_input(fs_stage_t *s, const char *name, fs_error_t *err)
{
    struct stat follow, own;
    int have_follow = fstatat(s->dir_fd, name, &follow, 0) == 0;
    int have_own = fstatat(s->dir_fd, name, &own, AT_SYMLINK_NOFOLLOW) == 0;
    for (size_t i = 0; i < s->ninputs; i++) {
        const input_id_t *in = &s->inputs[i];
        if ((have_follow && follow.st_dev == in->dev && follow.st_ino == in->ino) ||
            (have_own && own.st_dev == in->dev && own.st_ino == in->ino)) {
            fs_error_at(err, fs_stage_display(s, name), 0, 0, NULL, 0);
            return fs_error_set(err, FS_ECONFLICT,
                                "this output would replace the input '%.200s'; choose another "
                                "output folder or name",
                                in->path);
        }
    }
    return FS_OK;
}

fs_status_t fs_stage_check(fs_stage_t *s, const char *name, fs_error_t *err)
{
    return check_not_input(s, name, err);
}

fs_status_t fs_stage_add_input(fs_stage_t *s, const char *path, fs_error_t *err)
{
    struct stat sb;
    int ok = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &sb) == 0 : stat(path, &sb) == 0;
    if (!ok || !S_ISREG(sb.st_mode))
        return FS_OK; /* a terminal or pipe cannot be overwritten */
    if (s->ninputs == s->inputs_cap) {
        size_t cap = s->inputs_cap ? 2 * s->inputs_cap : 8;
        input_id_t *p = realloc(s->inputs, cap * sizeof *p);
        if (p == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        s->inputs = p;
        s->inputs_cap = cap;
    }
    input_id_t *in = &s->inputs[s->ninputs];
    in->path = strdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
    if (in->path == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    in->dev = sb.st_dev;
    in->ino = sb.st_ino;
    s->ninputs++;
    for (size_t i = 0; i < s->n; i++) {
        fs_status_t st = check_not_input(s, s->names[i], err);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

static fs_status_t join(const char *dir, const char *sub, const char *name, char *buf,
                        size_t size, fs_error_t *err)
{
    int n = snprintf(buf, size, "%s/%s/%s", dir, sub, name);
    if (n < 0 || (size_t)n >= size)
        return fs_error_set(err, FS_ELIMIT, "output path too long");
    return FS_OK;
}

static fs_status_t reserve(fs_stage_t *s, const char *name, fs_error_t *err)
{
    if (!valid_name(s, name)) {
        fs_error_at(err, name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL,
                            "an output name must be one file name of at most 255 bytes, not "
                            ".forcestat*, optionally in a subfolder the run declared");
    }
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->names[i], name) == 0) {
            fs_error_at(err, fs_stage_display(s, name), 0, 0, NULL, 0);
            return fs_error_set(err, FS_EINVAL, "this output is written twice by one run");
        }
    }
    fs_status_t st = check_not_input(s, name, err);
    if (st != FS_OK)
        return st;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        char **p = realloc(s->names, cap * sizeof *p);
        if (p == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        s->names = p;
        s->cap = cap;
    }
    if ((s->names[s->n] = strdup(name)) == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    s->n++;
    return FS_OK;
}

fs_status_t fs_stage_path(fs_stage_t *s, const char *name, char *buf, size_t size,
                          fs_error_t *err)
{
    fs_status_t st = join(s->private_dir, "out", name, buf, size, err);
    if (st == FS_OK)
        st = reserve(s, name, err);
    return st;
}

fs_status_t fs_stage_scratch(const fs_stage_t *s, const char *name, char *buf, size_t size,
                             fs_error_t *err)
{
    if (name_folder(s, name) != -1)
        return fs_error_set(err, FS_EINVAL, "bad scratch file name");
    return join(s->private_dir, "work", name, buf, size, err);
}

/* Creates `name` in the folder at dirfd (never an existing file or a
 * link) and writes len bytes to it, checking every write and the close,
 * and with `sync` the fsync too (some filesystems report a full disk only
 * when the data reach it).  Returns 0, or the errno of the failure. */
static int write_new(int dirfd, const char *name, const void *data, size_t len, int sync)
{
    /* 0666 less the umask, as gnuplot's charts and every program's files. */
    int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        return errno;
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = w < 0 ? errno : EIO;
            close(fd);
            return e;
        }
        p += w;
        left -= (size_t)w;
    }
    if (sync && fsync(fd) != 0) {
        int e = errno;
        close(fd);
        return e;
    }
    return close(fd) != 0 ? errno : 0;
}

fs_status_t fs_stage_write(fs_stage_t *s, const char *name, const void *data, size_t len,
                           fs_error_t *err)
{
    fs_status_t st = reserve(s, name, err);
    if (st != FS_OK)
        return st;
    return fs_stage_fill(s, name, data, len, err);
}

fs_status_t fs_stage_fill(fs_stage_t *s, const char *name, const void *data, size_t len,
                          fs_error_t *err)
{
    size_t i = 0;
    while (i < s->n && strcmp(s->names[i], name) != 0)
        i++;
    if (i == s->n)
        return fs_error_set(err, FS_EINVAL, "'%.200s' was not staged", name);
    int e = write_new(s->out_fd, name, data, len, 1);
    return e ? io_error(err, fs_stage_display(s, name), "cannot write", e) : FS_OK;
}

fs_status_t fs_stage_write_scratch(const fs_stage_t *s, const char *name, const char *what,
                                   const void *data, size_t len, fs_error_t *err)
{
    if (name_folder(s, name) != -1)
        return fs_error_set(err, FS_EINVAL, "bad scratch file name");
    int e = write_new(s->work_fd, name, data, len, 0);
    return e ? fs_error_set(err, FS_EIO, "cannot write %s: %s", what, strerror(e)) : FS_OK;
}

fs_status_t fs_stage_subfolder(fs_stage_t *s, const char *sub, fs_error_t *err)
{
    if (!plain_name(sub, strlen(sub)) || strcmp(sub, "out") == 0 || strcmp(sub, "work") == 0) {
        fs_error_at(err, sub, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL, "a subfolder must be one plain folder name");
    }
    for (size_t i = 0; i < s->nsubs; i++) {
        if (strcmp(s->subs[i], sub) == 0)
            return FS_OK;
    }
    if (s->nsubs == FS_STAGE_MAX_SUBFOLDERS)
        return fs_error_set(err, FS_ELIMIT, "at most %d subfolders", FS_STAGE_MAX_SUBFOLDERS);
    if (mkdirat(s->out_fd, sub, 0700) != 0)
        return io_error(err, fs_stage_display(s, sub), "cannot create a staging folder", errno);
    if ((s->subs[s->nsubs] = strdup(sub)) == NULL) {
        unlinkat(s->out_fd, sub, AT_REMOVEDIR);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    s->nsubs++;
    return FS_OK;
}

/* Opens each subfolder of DIR that an output goes into (fds[i], or -1
 * when none does), creating it when missing (created[i]) if `create`
 * (otherwise a missing one stays -1: it is made at the commit); a
 * subfolder that is a file or a link is refused, so nothing is moved
 * through it. */
static fs_status_t open_subfolders(fs_stage_t *s, int *fds, int *created, int create,
                                   fs_error_t *err)
{
    for (size_t k = 0; k < s->nsubs; k++) {
        int used = 0;
        for (size_t i = 0; i < s->n && !used; i++)
            used = name_folder(s, s->names[i]) == (int)k;
        if (!used)
            continue;
        struct stat sb;
        if (fstatat(s->dir_fd, s->subs[k], &sb, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT || (create && mkdirat(s->dir_fd, s->subs[k], 0777) != 0))
                return io_error(err, fs_stage_display(s, s->subs[k]), "cannot create the folder",
                                errno);
            if (!create)
                continue;
            created[k] = 1;
        } else if (!S_ISDIR(sb.st_mode)) {
            fs_error_at(err, fs_stage_display(s, s->subs[k]), 0, 0, NULL, 0);
            return fs_error_set(err, FS_EIO, "is not a folder (a file or a link stands there); "
                                             "move it away or choose another output folder");
        }
        fds[k] = openat(s->dir_fd, s->subs[k], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fds[k] < 0)
            return io_error(err, fs_stage_display(s, s->subs[k]), "cannot open the folder",
                            errno);
    }
    return FS_OK;
}

/* Closes the subfolders, removing those created for a commit that failed
 * (they are empty: nothing was moved). */
static void close_subfolders(fs_stage_t *s, int *fds, const int *created, int failed)
{
    for (size_t k = 0; k < s->nsubs; k++) {
        if (fds[k] >= 0)
            close(fds[k]);
        if (failed && created[k])
            unlinkat(s->dir_fd, s->subs[k], AT_REMOVEDIR);
    }
}

/* Whether `name` is staged. */
static int is_staged(const fs_stage_t *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->names[i], name) == 0)
            return 1;
    }
    return 0;
}

/* Checks that the file `name` of the folder at fd can be replaced (or
 * removed): not a folder, not another user's file in a sticky folder,
 * and the folder writable. */
static fs_status_t check_destination(fs_stage_t *s, int fd, const char *base, const char *name,
                                     fs_error_t *err)
{
    struct stat folder, sb;
    if (fstat(fd, &folder) != 0)
        return io_error(err, fs_stage_display(s, name), "cannot check the folder", errno);
    if (faccessat(fd, ".", W_OK | X_OK, AT_EACCESS) != 0) {
        int e = errno;
        fs_error_at(err, fs_stage_display(s, name), 0, 0, NULL, 0);
        return fs_error_set(err, FS_EIO, "cannot write into its folder: %s; nothing was replaced",
                            strerror(e));
    }
    if (fstatat(fd, base, &sb, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? FS_OK
                               : io_error(err, fs_stage_display(s, name), "cannot check", errno);
    fs_error_at(err, fs_stage_display(s, name), 0, 0, NULL, 0);
    if (S_ISDIR(sb.st_mode))
        return fs_error_set(err, FS_EIO, "a folder stands where this output goes; nothing was "
                                         "replaced: move it away or choose another output folder");
    uid_t me = geteuid();
    if ((folder.st_mode & S_ISVTX) && me != 0 && sb.st_uid != me && folder.st_uid != me)
        return fs_error_set(err, FS_EIO,
                            "belongs to another user in a shared folder (sticky bit), so it "
                            "cannot be replaced; nothing was replaced: choose another output "
                            "folder");
    return FS_OK;
}

/* Every destination of the commit, checked before anything moves: the
 * subfolders (fds, opened when they exist), then each file to move in
 * and each file to remove. */
static fs_status_t check_destinations(fs_stage_t *s, const int *fds, fs_error_t *err)
{
    for (size_t pass = 0; pass < 2; pass++) {
        size_t count = pass == 0 ? s->n : s->nretired;
        for (size_t i = 0; i < count; i++) {
            const char *name = pass == 0 ? s->names[i] : s->retired[i];
            if (pass == 1 && is_staged(s, name))
                continue;
            int k = name_folder(s, name);
            const char *base = k >= 0 ? strchr(name, '/') + 1 : name;
            int fd = k >= 0 ? fds[k] : s->dir_fd, own = 0;
            if (k >= 0 && fd < 0 && pass == 1) {
                /* A subfolder no output goes into: open it to look. */
                fd = openat(s->dir_fd, s->subs[k], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                own = fd >= 0;
            }
            if (fd < 0)
                continue; /* its subfolder is made at the commit: nothing there yet */
            fs_status_t st = check_destination(s, fd, base, name, err);
            if (own)
                close(fd);
            if (st != FS_OK)
                return st;
        }
    }
    return FS_OK;
}

/* Writes the journal (see the top of this file) in the stage, syncs it,
 * renames it into DIR and syncs DIR. */
static fs_status_t write_journal(fs_stage_t *s, fs_error_t *err)
{
    const char *stage = strrchr(s->private_dir, '/') + 1;
    size_t len = sizeof JOURNAL_MAGIC + strlen(stage) + 1 + sizeof "end";
    for (size_t i = 0; i < s->n; i++)
        len += 2 + strlen(s->names[i]) + 1;
    for (size_t i = 0; i < s->nretired; i++)
        len += 2 + strlen(s->retired[i]) + 1;
    char *buf = malloc(len), *p = buf;
    if (buf == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    p = stpcpy(p, JOURNAL_MAGIC) + 1;
    p = stpcpy(p, stage) + 1;
    for (size_t i = 0; i < s->n; i++)
        p = stpcpy(stpcpy(p, "m") + 1, s->names[i]) + 1;
    for (size_t i = 0; i < s->nretired; i++) {
        if (!is_staged(s, s->retired[i]))
            p = stpcpy(stpcpy(p, "r") + 1, s->retired[i]) + 1;
    }
    p = stpcpy(p, "end") + 1;
    int priv = open(s->private_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int e = priv < 0 ? errno : write_new(priv, "journal", buf, (size_t)(p - buf), 1);
    if (e == 0 && renameat(priv, "journal", s->dir_fd, JOURNAL) != 0)
        e = errno;
    else if (e == 0 && fsync(s->dir_fd) != 0 && errno != EINVAL) {
        e = errno;
        unlinkat(s->dir_fd, JOURNAL, 0);
    }
    if (priv >= 0)
        close(priv);
    free(buf);
    if (e != 0)
        return io_error(err, fs_stage_display(s, JOURNAL), "cannot write the commit's journal", e);
    s->journal_live = 1;
    return FS_OK;
}

/* Removes the journal of a commit that finished (or never moved a file). */
static fs_status_t drop_journal(fs_stage_t *s, fs_error_t *err)
{
    if (unlinkat(s->dir_fd, JOURNAL, 0) != 0 || (fsync(s->dir_fd) != 0 && errno != EINVAL))
        return io_error(err, fs_stage_display(s, JOURNAL), "cannot remove the commit's journal",
                        errno);
    s->journal_live = 0;
    return FS_OK;
}

fs_status_t fs_stage_retire(fs_stage_t *s, const char *name, fs_error_t *err)
{
    if (!valid_name(s, name)) {
        fs_error_at(err, name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EINVAL, "not a name of this stage's outputs");
    }
    if (s->nretired == s->retired_cap) {
        size_t cap = s->retired_cap ? 2 * s->retired_cap : 16;
        char **p = realloc(s->retired, cap * sizeof *p);
        if (p == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        s->retired = p;
        s->retired_cap = cap;
    }
    if ((s->retired[s->nretired] = strdup(name)) == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    s->nretired++;
    return FS_OK;
}

const char *fs_stage_name(const fs_stage_t *s, size_t i)
{
    return i < s->n ? s->names[i] : NULL;
}

/* The staged outputs 0 to n - 1 synced by a pool of threads: the lowest
 * that failed (n when none did) and its errno. */
typedef struct sync_pool {
    int out_fd;
    char **names;
    size_t n, next, failed;
    int err;
    pthread_mutex_t lock;
} sync_pool_t;

static void *sync_worker(void *arg)
{
    sync_pool_t *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->n)
            return NULL;
        int fd = openat(p->out_fd, p->names[i], O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        int e = fd < 0 || fsync(fd) != 0 ? errno : 0;
        if (fd >= 0)
            close(fd);
        pthread_mutex_lock(&p->lock);
        if (e != 0 && i < p->failed) {
            p->failed = i;
            p->err = e;
        }
        pthread_mutex_unlock(&p->lock);
    }
}

/* Files another program wrote (gnuplot's charts) reach the disk before
 * they replace anything: the first n outputs are synced, several at once,
 * so that the filesystem's journal commits them together (one after
 * another each waits for a commit of its own: 1,900 fresh charts took
 * 5.7 s that way here, 0.3 s sixteen at once).  The threads take no
 * signal.  *failed is the first output that failed, n when none did. */
static void sync_outputs(fs_stage_t *s, size_t n, size_t *failed, int *e)
{
    enum { SYNC_THREADS = 16 };
    sync_pool_t p = {s->out_fd, s->names, n, 0, n, 0, PTHREAD_MUTEX_INITIALIZER};
    pthread_t t[SYNC_THREADS];
    size_t started = 0;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    while (started < SYNC_THREADS && started < n &&
           pthread_create(&t[started], NULL, sync_worker, &p) == 0)
        started++;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    sync_worker(&p); /* this thread too, and alone if none started */
    for (size_t k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    pthread_mutex_destroy(&p.lock);
    *failed = p.failed;
    *e = p.err;
}

/* The commit's first check: every staged output was written (a regular
 * file in the private folder) and reaches the disk before it replaces
 * anything, and neither it nor a file retired is an input.  The first
 * output to fail a check or its sync, in order, is the one reported. */
static fs_status_t check_outputs(fs_stage_t *s, fs_error_t *err)
{
    fs_error_t bad;
    fs_error_clear(&bad);
    fs_status_t st = FS_OK;
    size_t i = 0;
    for (; i < s->n && st == FS_OK; i++) {
        const char *name = s->names[i];
        struct stat sb;
        if (fstatat(s->out_fd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode)) {
            fs_error_at(&bad, fs_stage_display(s, name), 0, 0, NULL, 0);
            st = fs_error_set(&bad, FS_EIO, "the output was not written");
        } else {
            st = check_not_input(s, name, &bad);
        }
    }
    /* The outputs before one that failed a check are synced first. */
    size_t synced = st == FS_OK ? s->n : i - 1, failed;
    int e;
    sync_outputs(s, synced, &failed, &e);
    if (failed < synced)
        return io_error(err, fs_stage_display(s, s->names[failed]), "cannot write", e);
    if (st != FS_OK) {
        *err = bad;
        return st;
    }
    for (size_t r = 0; r < s->nretired; r++) {
        if ((st = check_not_input(s, s->retired[r], err)) != FS_OK)
            return st;
    }
    return FS_OK;
}

/* The commit's removals: each retired file no output replaces, when it
 * is still a regular file, counted in *moved; the error's errno in *e.
 * A subfolder no output went into (fds[k] < 0) is opened here, and
 * synced after its removal. */
static fs_status_t remove_retired(fs_stage_t *s, const int *fds, size_t *moved, int *e,
                                  fs_error_t *err)
{
    fs_status_t st = FS_OK;
    for (size_t i = 0; i < s->nretired && st == FS_OK; i++) {
        const char *name = s->retired[i];
        if (is_staged(s, name))
            continue;
        int k = name_folder(s, name), own = 0;
        int from = k >= 0 ? fds[k] : s->dir_fd;
        if (from < 0) {
            from = openat(s->dir_fd, s->subs[k], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            own = from >= 0;
        }
        const char *base = k >= 0 ? strchr(name, '/') + 1 : name;
        struct stat sb;
        if (from >= 0 && fstatat(from, base, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(sb.st_mode) && unlinkat(from, base, 0) != 0 && errno != ENOENT)
            st = io_error(err, fs_stage_display(s, name), "cannot remove", *e = errno);
        else
            (*moved)++;
        if (own && st == FS_OK && fsync(from) != 0 && errno != EINVAL)
            st = io_error(err, fs_stage_display(s, s->subs[k]), "cannot sync the folder",
                          *e = errno);
        if (own)
            close(from);
    }
    return st;
}

fs_status_t fs_stage_commit(fs_stage_t *s, fs_error_t *err)
{
    /* Every check first, so that nothing moves unless everything can. */
    fs_status_t st = check_outputs(s, err);
    if (st != FS_OK)
        return st;
    int fds[FS_STAGE_MAX_SUBFOLDERS], created[FS_STAGE_MAX_SUBFOLDERS];
    for (size_t k = 0; k < FS_STAGE_MAX_SUBFOLDERS; k++) {
        fds[k] = -1;
        created[k] = 0;
    }
    /* Every destination, before anything moves. */
    st = open_subfolders(s, fds, created, 0, err);
    if (st == FS_OK)
        st = check_destinations(s, fds, err);
    close_subfolders(s, fds, created, 0);
    if (st != FS_OK || (s->n == 0 && s->nretired == 0))
        return st;
    /* From here the commit is finished even if the run stops. */
    if ((st = write_journal(s, err)) != FS_OK)
        return st;
    for (size_t k = 0; k < FS_STAGE_MAX_SUBFOLDERS; k++)
        fds[k] = -1;
    st = open_subfolders(s, fds, created, 1, err);
    size_t moved = 0;
    int e = 0;
    for (size_t i = 0; i < s->n && st == FS_OK; i++) {
        const char *name = s->names[i];
        int k = name_folder(s, name);
        int to = k >= 0 ? fds[k] : s->dir_fd;
        const char *base = k >= 0 ? strchr(name, '/') + 1 : name;
        if (renameat(s->out_fd, name, to, base) != 0)
            st = io_error(err, fs_stage_display(s, name), "cannot write", e = errno);
        else
            moved++;
    }
    if (st == FS_OK)
        st = remove_retired(s, fds, &moved, &e, err);
    for (size_t k = 0; st == FS_OK && k < s->nsubs; k++) {
        if (fds[k] >= 0 && fsync(fds[k]) != 0 && errno != EINVAL)
            st = io_error(err, fs_stage_display(s, s->subs[k]), "cannot sync the folder", e = errno);
    }
    close_subfolders(s, fds, created, moved == 0 && st != FS_OK);
    if (st != FS_OK && moved == 0) {
        fs_error_t ignored;
        drop_journal(s, &ignored); /* nothing moved: the folder is as it was */
        return st;
    }
    if (st != FS_OK) {
        /* Half done: the journal and the stage stay, for the next run. */
        return fs_error_set(err, FS_EIO,
                            "cannot write: %s; the commit stopped half done and is finished by "
                            "'forcestat recover %.200s' or the next run into the folder",
                            strerror(e), s->dir);
    }
    if (fsync(s->dir_fd) != 0 && errno != EINVAL)
        return io_error(err, s->dir, "cannot sync the folder", errno);
    return drop_journal(s, err);
}

size_t fs_stage_count(const fs_stage_t *s)
{
    return s->n;
}

void fs_stage_free(fs_stage_t *s)
{
    if (s == NULL)
        return;
    /* A commit stopped half done keeps its stage: the journal names its
     * files, and the next run moves them into place. */
    int keep = s->journal_live;
    if (s->out_fd >= 0) {
        if (!keep)
            empty_folder(s->out_fd, 1);
        close(s->out_fd);
    }
    if (s->work_fd >= 0) {
        empty_folder(s->work_fd, 0);
        close(s->work_fd);
    }
    if (s->private_dir != NULL && !keep) {
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/out", s->private_dir);
        rmdir(path);
        snprintf(path, sizeof path, "%s/work", s->private_dir);
        rmdir(path);
        rmdir(s->private_dir);
    }
    free(s->private_dir);
    if (s->dir_fd >= 0)
        close(s->dir_fd); /* releases the flock */
    for (size_t i = 0; i < s->n; i++)
        free(s->names[i]);
    free(s->names);
    for (size_t i = 0; i < s->nsubs; i++)
        free(s->subs[i]);
    for (size_t i = 0; i < s->nretired; i++)
        free(s->retired[i]);
    free(s->retired);
    for (size_t i = 0; i < s->ninputs; i++)
        free(s->inputs[i].path);
    free(s->inputs);
    free(s->dir);
    free(s);
}

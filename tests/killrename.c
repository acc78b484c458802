/* SPDX-License-Identifier: GPL-3.0-or-later */
/* killrename.c: an LD_PRELOAD shim for the commit tests (cli/commit.cases).
 * It counts the calls to rename, renameat and renameat2 of the process it
 * is loaded into and, at the Nth:
 *   FORCESTAT_KILL_AT_RENAME=N   raises SIGKILL before the rename is made
 *                                (a run killed there, or a power cut);
 *   FORCESTAT_FAIL_AT_RENAME=N   fails it with EIO instead.
 * FORCESTAT_RENAME_LOG=FILE appends "N FROM -> TO" for every call, so a
 * test can count a run's renames.  The shim removes LD_PRELOAD from the
 * environment at load, so programs the process runs (gnuplot) are not
 * counted. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long calls;

__attribute__((constructor)) static void shim_init(void)
{
    unsetenv("LD_PRELOAD");
}

static long env_number(const char *name)
{
    const char *v = getenv(name);
    return v != NULL && *v ? strtol(v, NULL, 10) : 0;
}

/* Counts one call; returns -1 (errno EIO) when this call is to fail. */
static int count(const char *from, const char *to)
{
    calls++;
    const char *log = getenv("FORCESTAT_RENAME_LOG");
    if (log != NULL && *log) {
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd >= 0) {
            char line[8192];
            int n = snprintf(line, sizeof line, "%ld %s -> %s\n", calls, from, to);
            if (n > 0)
                (void)!write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
            close(fd);
        }
    }
    if (calls == env_number("FORCESTAT_KILL_AT_RENAME"))
        raise(SIGKILL);
    if (calls == env_number("FORCESTAT_FAIL_AT_RENAME")) {
        errno = EIO;
        return -1;
    }
    return 0;
}

int rename(const char *from, const char *to)
{
    if (count(from, to) != 0)
        return -1;
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
    if (count(from, to) != 0)
        return -1;
    int (*real)(int, const char *, int, const char *) =
        (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    return real(fromfd, from, tofd, to);
}

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned flags)
{
    if (count(from, to) != 0)
        return -1;
    int (*real)(int, const char *, int, const char *, unsigned) =
        (int (*)(int, const char *, int, const char *, unsigned))dlsym(RTLD_NEXT, "renameat2");
    return real(fromfd, from, tofd, to, flags);
}

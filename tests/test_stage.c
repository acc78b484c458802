/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_stage.c: the one staging-and-commit path (stage.h) and the small
 * file helpers (fileio.h): every error status, the lock, the inputs, the
 * commit, and what a killed run leaves. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/fileio.h"
#include "io/stage.h"
#include "testutil.h"

static char dir[64];

static const char *in_dir(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

static int exists(const char *name)
{
    struct stat sb;
    return lstat(in_dir(name), &sb) == 0;
}

static void new_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/forcestat-stage-test-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static void writes_nothing_until_commit(void)
{
    new_dir();
    fs_stage_t *s;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "a.csv", "1\n", 2, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "index.html", "<p>", 3, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_count(s), 2);
    CU_ASSERT_FALSE(exists("a.csv"));
    CU_ASSERT_FALSE(exists("index.html"));
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_OK);
    CU_ASSERT_TRUE(exists("a.csv"));
    CU_ASSERT_TRUE(exists("index.html"));
    fs_stage_free(s);
    /* The private folder is gone; only the outputs are left. */
    char cmd[160];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s' | wc -l)\" = 2", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
    /* A stage freed without commit leaves the folder as it was. */
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "a.csv", "2\n", 2, &e), FS_OK);
    fs_stage_free(s);
    char *text;
    size_t len;
    CU_ASSERT_EQUAL_FATAL(fs_read_file(in_dir("a.csv"), &text, &len, &e), FS_OK);
    CU_ASSERT(len == 2 && memcmp(text, "1\n", 2) == 0);
    free(text);
    remove_dir();
}

static void refuses_bad_names_and_inputs(void)
{
    new_dir();
    fs_stage_t *s;
    fs_error_t e;
    char buf[512];
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    static const char *const bad[] = {"", ".", "..", "a/b", ".forcestat-x", ".forcestat.lock"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_EQUAL(fs_stage_path(s, bad[i], buf, sizeof buf, &e), FS_EINVAL);
    char longname[300];
    memset(longname, 'x', 299);
    longname[299] = '\0';
    CU_ASSERT_EQUAL(fs_stage_path(s, longname, buf, sizeof buf, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_stage_path(s, "ok.png", buf, 8, &e), FS_ELIMIT);
    CU_ASSERT_EQUAL(fs_stage_path(s, "ok.png", buf, sizeof buf, &e), FS_OK);
    CU_ASSERT_EQUAL(buf[0], '/');
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "/.forcestat-stage-"));
    CU_ASSERT_EQUAL(fs_stage_path(s, "ok.png", buf, sizeof buf, &e), FS_EINVAL); /* twice */
    CU_ASSERT_EQUAL(fs_stage_fill(s, "never.csv", "x", 1, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_stage_scratch(s, "a/b", buf, sizeof buf, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_stage_scratch(s, "data", buf, 8, &e), FS_ELIMIT);
    CU_ASSERT_EQUAL(fs_stage_write_scratch(s, "a/b", "it", "x", 1, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_stage_write_scratch(s, "w.gp", "the script", "x", 1, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write_scratch(s, "w.gp", "the script", "x", 1, &e), FS_EIO);
    CU_ASSERT_STRING_EQUAL(e.message, "cannot write the script: File exists");
    /* ok.png was reserved but never written: the commit refuses. */
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_EIO);
    CU_ASSERT_STRING_EQUAL(e.message, "the output was not written");
    fs_stage_free(s);
    /* An input: refused when staged after it, and when it comes after. */
    FILE *f = fopen(in_dir("in.csv"), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("force,v\n", f);
    fclose(f);
    char in_path[256];
    snprintf(in_path, sizeof in_path, "%s", in_dir("in.csv"));
    CU_ASSERT_EQUAL(link(in_path, in_dir("hard.csv")), 0);
    CU_ASSERT_EQUAL(symlink(in_path, in_dir("soft.csv")), 0);
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_add_input(s, in_dir("in.csv"), &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_add_input(s, in_dir("no-such-file"), &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_check(s, "in.csv", &e), FS_ECONFLICT);
    CU_ASSERT_EQUAL(fs_stage_write(s, "hard.csv", "x", 1, &e), FS_ECONFLICT);
    CU_ASSERT_EQUAL(fs_stage_write(s, "soft.csv", "x", 1, &e), FS_ECONFLICT);
    CU_ASSERT_EQUAL(fs_stage_write(s, "other.csv", "x", 1, &e), FS_OK);
    fs_stage_free(s);
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "in.csv", "x", 1, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_add_input(s, in_dir("in.csv"), &e), FS_ECONFLICT);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "would replace the input"));
    fs_stage_free(s);
    remove_dir();
}

static void one_run_at_a_time(void)
{
    new_dir();
    fs_stage_t *a, *b;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&a, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_open(&b, dir, &e), FS_EBUSY);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "busy"));
    fs_stage_free(a);
    CU_ASSERT_EQUAL(fs_stage_open(&b, dir, &e), FS_OK);
    fs_stage_free(b);
    fs_stage_free(NULL);
    remove_dir();
}

static void removes_what_killed_runs_left(void)
{
    new_dir();
    char path[256];
    snprintf(path, sizeof path, "%s/.forcestat-stage-Dead01", dir);
    CU_ASSERT_EQUAL(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/.forcestat-stage-Dead01/out", dir);
    CU_ASSERT_EQUAL(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/.forcestat-stage-Dead01/out/half.png", dir);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    /* A subfolder's outputs too (a site's forces/). */
    snprintf(path, sizeof path, "%s/.forcestat-stage-Dead01/out/forces", dir);
    CU_ASSERT_EQUAL(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/.forcestat-stage-Dead01/out/forces/half.html", dir);
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    /* Files named like the temporary files of old versions may be the
     * user's (issue 25): only what a journal names is ever removed. */
    static const char *const kept[] = {".c.png.tmp",         ".c.png.12a.1.tmp",
                                       "notes.txt",          ".1.2.tmp",
                                       ".notes.2024.1.tmp",  ".thesis draft.12.3.tmp",
                                       ".c.png.123.1.tmp",   ".m01-a.csv.99999.0.tmp"};
    for (size_t i = 0; i < 8; i++) {
        f = fopen(in_dir(kept[i]), "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        fclose(f);
    }
    fs_stage_t *s;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_FALSE(exists(".forcestat-stage-Dead01"));
    for (size_t i = 0; i < 8; i++)
        CU_ASSERT_TRUE(exists(kept[i]));
    CU_ASSERT_EQUAL(fs_stage_write(s, "c.png", "png", 3, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_OK);
    fs_stage_free(s);
    for (size_t i = 0; i < 8; i++)
        CU_ASSERT_TRUE(exists(kept[i]));
    remove_dir();
}

static void file_helpers_report_failures(void)
{
    fs_error_t e;
    char *text = (char *)"untouched";
    size_t len = 99;
    CU_ASSERT_EQUAL(fs_read_file("/nonexistent/forcestat/x.csv", &text, &len, &e), FS_EIO);
    CU_ASSERT_PTR_NULL(text);
    CU_ASSERT_EQUAL(len, 0);
    CU_ASSERT_STRING_EQUAL(e.file, "/nonexistent/forcestat/x.csv");
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "No such file"));
    CU_ASSERT_EQUAL(fs_read_file("/", &text, &len, &e), FS_EIO); /* a folder */
    CU_ASSERT_STRING_EQUAL(e.message, "cannot read");
    /* A file larger than the first buffer grows it. */
    new_dir();
    char *big = malloc(100000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    for (size_t i = 0; i < 100000; i++)
        big[i] = (char)('a' + i % 26);
    CU_ASSERT_EQUAL(fs_write_atomic(in_dir("big.txt"), big, 100000, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_read_file(in_dir("big.txt"), &text, &len, &e), FS_OK);
    CU_ASSERT(len == 100000 && memcmp(text, big, len) == 0);
    free(text);
    free(big);
    CU_ASSERT_EQUAL(fs_write_atomic(in_dir("missing/deeper/x.csv"), "x", 1, &e), FS_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "cannot create the folder"));
    char huge[5000];
    memset(huge, 'd', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    huge[0] = '/';
    huge[4500] = '/';
    CU_ASSERT_EQUAL(fs_write_atomic(huge, "x", 1, &e), FS_ELIMIT);
    char folder[16];
    const char *name;
    CU_ASSERT_EQUAL(fs_path_folder(huge, folder, sizeof folder, &name, &e), FS_ELIMIT);
    CU_ASSERT_EQUAL(fs_path_folder("chart.png", folder, sizeof folder, &name, &e), FS_OK);
    CU_ASSERT(strcmp(folder, ".") == 0 && strcmp(name, "chart.png") == 0);
    CU_ASSERT_EQUAL(fs_path_folder("/c.png", folder, sizeof folder, &name, &e), FS_OK);
    CU_ASSERT(strcmp(folder, "/") == 0 && strcmp(name, "c.png") == 0);
    CU_ASSERT_EQUAL(fs_path_folder("a/b/c.png", folder, sizeof folder, &name, &e), FS_OK);
    CU_ASSERT(strcmp(folder, "a/b") == 0 && strcmp(name, "c.png") == 0);
    CU_ASSERT_EQUAL(fs_write_atomic(in_dir("big.txt/x"), "x", 1, &e), FS_EIO); /* not a folder */
    remove_dir();
}

/* The stage's I/O failures: a folder that is a file, a private folder
 * removed under a run, and an input that appears at a destination between
 * staging and commit. */
static void stage_io_failures(void)
{
    new_dir();
    fs_stage_t *s;
    fs_error_t e;
    char buf[512];
    FILE *f = fopen(in_dir("file"), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    CU_ASSERT_EQUAL(fs_stage_open(&s, in_dir("file"), &e), FS_EIO);
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_stage_path(s, "x.csv", buf, sizeof buf, &e), FS_OK);
    char *slash = strrchr(buf, '/');
    *slash = '\0';
    CU_ASSERT_EQUAL_FATAL(rmdir(buf), 0); /* the private out/ folder */
    CU_ASSERT_EQUAL(fs_stage_write(s, "y.csv", "y", 1, &e), FS_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "cannot write"));
    fs_stage_free(s);
    /* An input that appears at the destination after staging. */
    f = fopen(in_dir("in.csv"), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    char in_path[256];
    snprintf(in_path, sizeof in_path, "%s", in_dir("in.csv"));
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_add_input(s, in_path, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "out.csv", "o", 1, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_path(s, "in.csv", buf, sizeof buf, &e), FS_ECONFLICT);
    CU_ASSERT_EQUAL_FATAL(link(in_path, in_dir("out.csv")), 0);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_ECONFLICT);
    fs_stage_free(s);
    remove_dir();
}

/* Outputs in a declared subfolder: staged with the rest, the subfolder
 * made at the commit (and only then), an existing one reused, and a file
 * or a link standing in its place refused before anything moves. */
static void subfolders(void)
{
    new_dir();
    fs_stage_t *s;
    fs_error_t e;
    char buf[512];
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    /* Undeclared, nested, or ours: refused. */
    CU_ASSERT_EQUAL(fs_stage_path(s, "forces/a.html", buf, sizeof buf, &e), FS_EINVAL);
    static const char *const bad_sub[] = {"", ".", "..", "a/b", ".forcestat-x", "out", "work"};
    for (size_t i = 0; i < sizeof bad_sub / sizeof bad_sub[0]; i++)
        CU_ASSERT_EQUAL(fs_stage_subfolder(s, bad_sub[i], &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_stage_subfolder(s, "forces", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_subfolder(s, "forces", &e), FS_OK); /* again: the same */
    static const char *const bad[] = {"forces/", "forces/a/b", "forces/..", "forces/.forcestat-x",
                                      "other/a.html", "/forces/a.html"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_EQUAL(fs_stage_path(s, bad[i], buf, sizeof buf, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_stage_scratch(s, "forces/x.dat", buf, sizeof buf, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_stage_write(s, "forces/a.html", "A", 1, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "forces/a.html", "A", 1, &e), FS_EINVAL); /* twice */
    CU_ASSERT_EQUAL(fs_stage_path(s, "forces/b.png", buf, sizeof buf, &e), FS_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "/out/forces/b.png"));
    FILE *f = fopen(buf, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("png", f);
    fclose(f);
    CU_ASSERT_EQUAL(fs_stage_write(s, "index.html", "I", 1, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(fs_stage_display(s, "forces/a.html") + strlen(dir), "/forces/a.html");
    CU_ASSERT_FALSE(exists("forces"));
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_OK);
    CU_ASSERT_TRUE(exists("forces/a.html"));
    CU_ASSERT_TRUE(exists("forces/b.png"));
    CU_ASSERT_TRUE(exists("index.html"));
    fs_stage_free(s);
    /* A second run reuses the folder and replaces its files. */
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_subfolder(s, "forces", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "forces/a.html", "B", 1, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_OK);
    fs_stage_free(s);
    char *text;
    size_t len;
    CU_ASSERT_EQUAL_FATAL(fs_read_file(in_dir("forces/a.html"), &text, &len, &e), FS_OK);
    CU_ASSERT(len == 1 && text[0] == 'B');
    free(text);
    /* A subfolder declared but unused is never made. */
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_subfolder(s, "unused", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "index.html", "J", 1, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_OK);
    fs_stage_free(s);
    CU_ASSERT_FALSE(exists("unused"));
    /* A link where the subfolder goes: refused, and nothing moves. */
    char target[256];
    snprintf(target, sizeof target, "%s/elsewhere", dir);
    CU_ASSERT_EQUAL_FATAL(mkdir(target, 0700), 0);
    CU_ASSERT_EQUAL_FATAL(symlink(target, in_dir("linked")), 0);
    f = fopen(in_dir("plain"), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    static const char *const blocked[] = {"linked", "plain"};
    for (size_t i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
        CU_ASSERT_EQUAL(fs_stage_subfolder(s, blocked[i], &e), FS_OK);
        char name[64];
        snprintf(name, sizeof name, "%s/x.html", blocked[i]);
        CU_ASSERT_EQUAL(fs_stage_write(s, "first.html", "1", 1, &e), FS_OK);
        CU_ASSERT_EQUAL(fs_stage_write(s, name, "x", 1, &e), FS_OK);
        CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_EIO);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "is not a folder"));
        fs_stage_free(s);
        CU_ASSERT_FALSE(exists("first.html"));
        CU_ASSERT_FALSE(exists("elsewhere/x.html"));
    }
    remove_dir();
}

/* Writes `text` to DIR/name (a test's old output). */
static void put(const char *name, const char *text)
{
    FILE *f = fopen(in_dir(name), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

/* Whether DIR/name holds exactly `text`. */
static int holds(const char *name, const char *text)
{
    char *data;
    size_t len;
    fs_error_t e;
    if (fs_read_file(in_dir(name), &data, &len, &e) != FS_OK)
        return 0;
    int same = len == strlen(text) && memcmp(data, text, len) == 0;
    free(data);
    return same;
}

/* Every destination is checked before the first rename (issue 25): a
 * folder where an output goes, in DIR or in a subfolder, fails the commit
 * with nothing replaced, no subfolder made and no journal left. */
static void checks_destinations_first(void)
{
    new_dir();
    put("a.csv", "old");
    put("b.csv", "old");
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir("index.html"), 0700), 0);
    fs_stage_t *s;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "a.csv", "new", 3, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "b.csv", "new", 3, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "index.html", "new", 3, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "a folder stands where this output goes"));
    CU_ASSERT_STRING_EQUAL(e.file, in_dir("index.html"));
    fs_stage_free(s);
    CU_ASSERT_TRUE(holds("a.csv", "old"));
    CU_ASSERT_TRUE(holds("b.csv", "old"));
    CU_ASSERT_FALSE(exists(".forcestat-journal"));
    CU_ASSERT_EQUAL(rmdir(in_dir("index.html")), 0);
    /* In a subfolder: the subfolder exists, a folder at one page. */
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir("forces"), 0777), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir("forces/kent.html"), 0777), 0);
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_subfolder(s, "forces", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "a.csv", "new", 3, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "forces/kent.html", "new", 3, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_EIO);
    CU_ASSERT_STRING_EQUAL(e.file, in_dir("forces/kent.html"));
    fs_stage_free(s);
    CU_ASSERT_TRUE(holds("a.csv", "old"));
    remove_dir();
}

/* As nobody, in a child: stages a.csv and SECOND (in SUBFOLDER, when not
 * NULL) in dir and commits; the child's exit status is 0 when the commit
 * fails with FS_EIO and a message holding WANT, else the step that went
 * otherwise (10 the change of user, 11 the stage, 12 a write, 13 the
 * commit).  Returns that status, or -1 when the child did not exit. */
static int as_nobody(const char *subfolder, const char *second, const char *want)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(10);
        fs_stage_t *s;
        fs_error_t e;
        if (fs_stage_open(&s, dir, &e) != FS_OK ||
            (subfolder != NULL && fs_stage_subfolder(s, subfolder, &e) != FS_OK))
            _exit(11);
        if (fs_stage_write(s, "a.csv", "new", 3, &e) != FS_OK ||
            fs_stage_write(s, second, "new", 3, &e) != FS_OK)
            _exit(12);
        fs_status_t st = fs_stage_commit(s, &e);
        fs_stage_free(s);
        _exit(st == FS_EIO && strstr(e.message, want) != NULL ? 0 : 13);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* Another user's file in a sticky folder (a shared /tmp-like folder)
 * cannot be replaced: checked before anything moves.  Run as nobody in a
 * child, against a file of root's; skipped when not root. */
static void refuses_another_users_file_in_a_sticky_folder(void)
{
    if (geteuid() != 0) {
        fprintf(stderr, "(skipped: needs root to act as another user) ");
        return;
    }
    new_dir();
    CU_ASSERT_EQUAL_FATAL(chmod(dir, 01777), 0);
    put("index.html", "root's");
    CU_ASSERT_EQUAL(as_nobody(NULL, "index.html", "belongs to another user"), 0);
    CU_ASSERT_FALSE(exists("a.csv")); /* nothing moved before the refusal */
    CU_ASSERT_TRUE(holds("index.html", "root's"));
    remove_dir();
}

/* A subfolder the run cannot write into (root's, 0755, in a folder
 * nobody may write): refused before anything moves, not after the files
 * of the folder itself had moved.  Run as nobody; skipped when not root. */
static void refuses_an_unwritable_subfolder(void)
{
    if (geteuid() != 0) {
        fprintf(stderr, "(skipped: needs root to act as another user) ");
        return;
    }
    new_dir();
    CU_ASSERT_EQUAL_FATAL(chmod(dir, 0777), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir("forces"), 0755), 0);
    CU_ASSERT_EQUAL(as_nobody("forces", "forces/x.html",
                              "cannot write into its folder: Permission denied"),
                    0);
    CU_ASSERT_FALSE(exists("a.csv"));
    CU_ASSERT_FALSE(exists(".forcestat-journal"));
    remove_dir();
}

/* Writes a journal by hand: the format of stage.c's header. */
static void put_journal(const char *const *parts, size_t n)
{
    FILE *f = fopen(in_dir(".forcestat-journal"), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (size_t i = 0; i < n; i++)
        fwrite(parts[i], 1, strlen(parts[i]) + 1, f);
    fclose(f);
}

/* A commit killed half done, as the journal and the stage leave it: the
 * next stage opened on the folder, or fs_stage_recover, moves the files
 * still staged, removes the files to remove, and removes the journal and
 * the stage; a journal forcestat did not write changes nothing. */
static void rolls_a_half_done_commit_forward(void)
{
    new_dir();
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir(".forcestat-stage-Half01"), 0700), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir(".forcestat-stage-Half01/out"), 0700), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir(".forcestat-stage-Half01/out/forces"), 0700), 0);
    put("a.csv", "new");                           /* moved before the kill */
    put(".forcestat-stage-Half01/out/b.csv", "new"); /* not yet */
    put(".forcestat-stage-Half01/out/forces/essex.html", "new");
    put(".forcestat-stage-Half01/out/index.html", "new");
    put("b.csv", "old");
    put("index.html", "old");
    put("gone.html", "old");
    put(".notes.2024.1.tmp", "mine");
    static const char *const journal[] = {
        "forcestat journal 1", ".forcestat-stage-Half01", "m", "a.csv", "m", "b.csv",
        "m", "forces/essex.html", "m", "index.html", "r", "gone.html", "r", "forces/kent.html",
        "end"};
    put_journal(journal, sizeof journal / sizeof journal[0]);
    int finished = -1;
    size_t removed = 99;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_stage_recover(dir, &finished, &removed, &e), FS_OK);
    CU_ASSERT_EQUAL(finished, 1);
    CU_ASSERT_EQUAL(removed, 1);
    CU_ASSERT_TRUE(holds("a.csv", "new"));
    CU_ASSERT_TRUE(holds("b.csv", "new"));
    CU_ASSERT_TRUE(holds("forces/essex.html", "new"));
    CU_ASSERT_TRUE(holds("index.html", "new"));
    CU_ASSERT_FALSE(exists("gone.html"));
    CU_ASSERT_TRUE(holds(".notes.2024.1.tmp", "mine"));
    CU_ASSERT_FALSE(exists(".forcestat-journal"));
    CU_ASSERT_FALSE(exists(".forcestat-stage-Half01"));
    /* Nothing left to do: a second recovery finds nothing. */
    CU_ASSERT_EQUAL(fs_stage_recover(dir, &finished, &removed, &e), FS_OK);
    CU_ASSERT_EQUAL(finished, 0);
    CU_ASSERT_EQUAL(removed, 0);
    /* Journals forcestat did not write: refused, nothing touched. */
    static const char *const bad1[] = {"forcestat journal 2", ".forcestat-stage-X", "end"};
    static const char *const bad2[] = {"forcestat journal 1", ".forcestat-stage-X", "r",
                                       "../a.csv", "end"};
    static const char *const bad3[] = {"forcestat journal 1", ".forcestat-stage-X", "r", "a.csv"};
    static const char *const bad4[] = {"forcestat journal 1", "elsewhere", "r", "a.csv", "end"};
    static const char *const bad5[] = {"forcestat journal 1", ".forcestat-stage-X", "x", "a.csv",
                                       "end"};
    const char *const *bad[] = {bad1, bad2, bad3, bad4, bad5};
    size_t nbad[] = {3, 5, 4, 5, 5};
    for (size_t i = 0; i < 5; i++) {
        put_journal(bad[i], nbad[i]);
        CU_ASSERT_EQUAL(fs_stage_recover(dir, &finished, &removed, &e), FS_EIO);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "is not one forcestat wrote"));
        fs_stage_t *s = NULL;
        CU_ASSERT_EQUAL(fs_stage_open(&s, dir, &e), FS_EIO); /* a run refuses too */
        fs_stage_free(s);
        CU_ASSERT_TRUE(holds("a.csv", "new"));
        CU_ASSERT_TRUE(exists(".forcestat-journal"));
    }
    CU_ASSERT_EQUAL(unlink(in_dir(".forcestat-journal")), 0);
    /* The next run finishes a half-done commit before its own. */
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir(".forcestat-stage-Half02"), 0700), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir(".forcestat-stage-Half02/out"), 0700), 0);
    put(".forcestat-stage-Half02/out/c.csv", "third");
    static const char *const j2[] = {"forcestat journal 1", ".forcestat-stage-Half02", "m",
                                     "c.csv", "end"};
    put_journal(j2, 5);
    fs_stage_t *s;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_TRUE(holds("c.csv", "third"));
    CU_ASSERT_FALSE(exists(".forcestat-journal"));
    CU_ASSERT_FALSE(exists(".forcestat-stage-Half02"));
    fs_stage_free(s);
    remove_dir();
}

/* Files an earlier run wrote and this one does not are removed with the
 * commit when retired; one written again is replaced; nothing else goes. */
static void retires_files_with_the_commit(void)
{
    new_dir();
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir("forces"), 0777), 0);
    put("forces/kent.html", "old");
    put("forces/essex.html", "old");
    put("forces/mine.html", "mine");
    CU_ASSERT_EQUAL_FATAL(mkdir(in_dir("forces/dir.html"), 0777), 0);
    fs_stage_t *s;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_retire(s, "forces/kent.html", &e), FS_EINVAL); /* undeclared */
    CU_ASSERT_EQUAL(fs_stage_subfolder(s, "forces", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_retire(s, "forces/../x", &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_stage_retire(s, "forces/kent.html", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_retire(s, "forces/essex.html", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_retire(s, "forces/absent.html", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "forces/essex.html", "new", 3, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_write(s, "index.html", "new", 3, &e), FS_OK);
    CU_ASSERT_STRING_EQUAL(fs_stage_name(s, 0), "forces/essex.html");
    CU_ASSERT_STRING_EQUAL(fs_stage_name(s, 1), "index.html");
    CU_ASSERT_PTR_NULL(fs_stage_name(s, 2));
    CU_ASSERT_FALSE(exists("index.html"));
    CU_ASSERT_TRUE(exists("forces/kent.html")); /* nothing before the commit */
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_OK);
    fs_stage_free(s);
    CU_ASSERT_FALSE(exists("forces/kent.html"));
    CU_ASSERT_TRUE(holds("forces/essex.html", "new"));
    CU_ASSERT_TRUE(holds("forces/mine.html", "mine"));
    CU_ASSERT_TRUE(holds("index.html", "new"));
    /* Only plain files are removed. */
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_subfolder(s, "forces", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_retire(s, "forces/dir.html", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_EIO); /* a folder where a file goes */
    fs_stage_free(s);
    CU_ASSERT_TRUE(exists("forces/dir.html"));
    remove_dir();
}

/* The commit's first check: an output that is no regular file (a folder
 * where the chart should be) was not written, and a file retired that
 * is an input is never removed. */
static void commit_checks_outputs_and_retired_files(void)
{
    new_dir();
    fs_stage_t *s;
    fs_error_t e;
    char buf[512];
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_stage_path(s, "d.png", buf, sizeof buf, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(mkdir(buf, 0777), 0);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_EIO);
    CU_ASSERT_STRING_EQUAL(e.message, "the output was not written");
    rmdir(buf);
    fs_stage_free(s);
    CU_ASSERT_FALSE(exists("d.png"));
    put("in.csv", "input");
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_add_input(s, in_dir("in.csv"), &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_retire(s, "in.csv", &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_ECONFLICT);
    fs_stage_free(s);
    CU_ASSERT_TRUE(holds("in.csv", "input"));
    remove_dir();
}

/* Many outputs another program wrote (gnuplot's charts) are synced
 * together before anything moves; the first output in order that was not
 * written is the one named, and nothing moves. */
static void many_outputs_synced_first_missing_named(void)
{
    fs_stage_t *s;
    fs_error_t e;
    char buf[512], name[32];
    for (int missing = 1; missing >= 0; missing--) {
        new_dir();
        CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
        for (int i = 0; i < 100; i++) {
            snprintf(name, sizeof name, "c%03d.png", i);
            CU_ASSERT_EQUAL_FATAL(fs_stage_path(s, name, buf, sizeof buf, &e), FS_OK);
            if (missing && (i == 57 || i == 80))
                continue;
            FILE *f = fopen(buf, "w");
            CU_ASSERT_PTR_NOT_NULL_FATAL(f);
            fputs(name, f);
            fclose(f);
        }
        fs_status_t st = fs_stage_commit(s, &e);
        fs_stage_free(s);
        if (missing) {
            CU_ASSERT_EQUAL(st, FS_EIO);
            CU_ASSERT_STRING_EQUAL(e.message, "the output was not written");
            CU_ASSERT_PTR_NOT_NULL(strstr(e.file, "/c057.png"));
            CU_ASSERT_FALSE(exists("c000.png"));
        } else {
            CU_ASSERT_EQUAL(st, FS_OK);
            CU_ASSERT_TRUE(holds("c000.png", "c000.png") && holds("c057.png", "c057.png") &&
                           holds("c099.png", "c099.png"));
        }
        remove_dir();
    }
}

/* Every output gets 0666 less the umask, as the files gnuplot writes. */
static void outputs_get_the_umask(void)
{
    static const mode_t masks[] = {022, 002, 077};
    for (size_t i = 0; i < 3; i++) {
        new_dir();
        mode_t old = umask(masks[i]);
        fs_stage_t *s;
        fs_error_t e;
        CU_ASSERT_EQUAL_FATAL(fs_stage_open(&s, dir, &e), FS_OK);
        CU_ASSERT_EQUAL(fs_stage_write(s, "a.csv", "1", 1, &e), FS_OK);
        CU_ASSERT_EQUAL(fs_stage_commit(s, &e), FS_OK);
        fs_stage_free(s);
        umask(old);
        struct stat sb;
        CU_ASSERT_EQUAL_FATAL(stat(in_dir("a.csv"), &sb), 0);
        CU_ASSERT_EQUAL(sb.st_mode & 07777, 0666 & ~masks[i]);
        remove_dir();
    }
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"writes nothing until the commit", writes_nothing_until_commit},
        {"refuses bad names and inputs", refuses_bad_names_and_inputs},
        {"one run at a time", one_run_at_a_time},
        {"removes what killed runs left", removes_what_killed_runs_left},
        {"file helpers report failures", file_helpers_report_failures},
        {"stage I/O failures", stage_io_failures},
        {"subfolders", subfolders},
        {"checks destinations first", checks_destinations_first},
        {"refuses another user's file in a sticky folder",
         refuses_another_users_file_in_a_sticky_folder},
        {"refuses an unwritable subfolder", refuses_an_unwritable_subfolder},
        {"rolls a half-done commit forward", rolls_a_half_done_commit_forward},
        {"retires files with the commit", retires_files_with_the_commit},
        {"the commit checks outputs and retired files", commit_checks_outputs_and_retired_files},
        {"outputs get the umask", outputs_get_the_umask},
        {"many outputs synced, the first missing named", many_outputs_synced_first_missing_named},
        {NULL, NULL}};
    return tu_add_suite("stage", tests);
}

const test_suite_t suite_stage = {"stage", add};

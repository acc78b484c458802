/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chart.c: the chart module: escaping, formats, one gnuplot process
 * per batch, atomic outputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <math.h>

#include "render/chart.h"
#include "render/chart_labels.h"
#include "render/chart_svg.h"
#include "forcestat/funnel.h"
#include "io/fileio.h"
#include "io/stage.h"
#include "testutil.h"

static void quoting_leaves_nothing_for_gnuplot_to_interpret(void)
{
    char buf[512];
    fs_chart_quote("Essex", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "\"Essex\"");
    fs_chart_quote("a\"b`c@d|e\n$f'g\\h", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "\"a\\042b\\140c\\100d\\174e\\012\\044f\\047g\\134h\"");
    /* A digit after an escape is escaped too: gnuplot reads "\0562" as one
     * character. */
    fs_chart_quote(".2x3", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "\"\\056\\062x3\"");
    /* Nothing but letters, digits, spaces, backslashes and the quotes. */
    char all[256];
    for (int i = 1; i < 256; i++)
        all[i - 1] = (char)i;
    all[255] = '\0';
    size_t need = fs_chart_quote(all, NULL, 0);
    char *big = malloc(need + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    CU_ASSERT_EQUAL(fs_chart_quote(all, big, need + 1), need);
    CU_ASSERT_EQUAL(strlen(big), need);
    for (size_t i = 1; i + 1 < need; i++) {
        char c = big[i];
        CU_ASSERT(c == '\\' || c == ' ' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                  (c >= 'A' && c <= 'Z'));
    }
    free(big);
    /* A short buffer is cut but terminated. */
    CU_ASSERT_EQUAL(fs_chart_quote("abcdef", buf, 4), 8);
    CU_ASSERT_STRING_EQUAL(buf, "\"ab");
}

static void formats_come_from_the_extension(void)
{
    fs_chart_format_t f;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_chart_format_from_path("a/b.png", &f, &e), FS_OK);
    CU_ASSERT_EQUAL(f, FS_CHART_PNG);
    CU_ASSERT_EQUAL(fs_chart_format_from_path("B.SVG", &f, &e), FS_OK);
    CU_ASSERT_EQUAL(f, FS_CHART_SVG);
    CU_ASSERT_EQUAL(fs_chart_format_from_path("c.pdf", &f, &e), FS_OK);
    CU_ASSERT_EQUAL(f, FS_CHART_PDF);
    CU_ASSERT_EQUAL(fs_chart_format_from_path("c.gif", &f, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_chart_format_from_path("dir.png/c", &f, &e), FS_EINVAL);
    /* Such names are files like any other: the paths gnuplot is given
     * are absolute (see safety.cases). */
    CU_ASSERT_EQUAL(fs_chart_format_from_path("|lpr.png", &f, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_chart_format_from_path("<x.png", &f, &e), FS_OK);
}

static const char *gnuplot_path(void)
{
    static const char *const places[] = {"/usr/bin/gnuplot", "/usr/local/bin/gnuplot"};
    for (size_t i = 0; i < 2; i++) {
        if (access(places[i], X_OK) == 0)
            return places[i];
    }
    return NULL;
}

static void add_three(fs_chart_batch_t *b)
{
    static fs_bar_item_t items[] = {{"A", 1, 0, 0, 0, 0}, {"B", 2, 1, 0, 0, 0}, {"C", 3, 0, 1, 0, 0}};
    char paths[3][512];
    for (int i = 0; i < 3; i++) {
        snprintf(paths[i], sizeof paths[i], "c%d.%s", i, i == 1 ? "svg" : "png");
        fs_bar_chart_t chart = {{paths[i], "t", "y", "s", 0, 0, 0, 0, 0, 0, 0}, items, 3, 2, 1, 3, 0, 1, 2.5, NULL, NULL, 0, 0, 0, 0, 0};
        fs_error_t e;
        CU_ASSERT_EQUAL(fs_chart_add_bar(b, &chart, &e), FS_OK);
    }
}

/* Three charts, one gnuplot process: a wrapper counts its invocations. */
static void one_gnuplot_process_per_batch(void)
{
    const char *gp = gnuplot_path();
    if (gp == NULL) {
        CU_FAIL("gnuplot is not installed (scripts/setup.sh installs it)");
        return;
    }
    char dir[] = "/tmp/forcestat-chart-test-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char wrapper[600], counter[600], script[1400];
    snprintf(wrapper, sizeof wrapper, "%s/gnuplot-wrapper", dir);
    snprintf(counter, sizeof counter, "%s/count", dir);
    snprintf(script, sizeof script, "#!/bin/sh\necho run >> '%s'\nexec '%s' \"$@\"\n", counter, gp);
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_write_atomic(wrapper, script, strlen(script), &e), FS_OK);
    chmod(wrapper, 0755);
    fs_stage_t *stage;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&stage, dir, &e), FS_OK);
    fs_chart_batch_t *b;
    CU_ASSERT_EQUAL_FATAL(fs_chart_batch_new(&b, stage, &e), FS_OK);
    add_three(b);
    CU_ASSERT_EQUAL(fs_chart_batch_count(b), 3);
    CU_ASSERT_EQUAL(fs_chart_batch_run(b, wrapper, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_stage_commit(stage, &e), FS_OK);
    fs_chart_batch_free(b);
    fs_stage_free(stage);
    char *runs;
    size_t len;
    CU_ASSERT_EQUAL_FATAL(fs_read_file(counter, &runs, &len, &e), FS_OK);
    CU_ASSERT_EQUAL(len, 4); /* "run\n" once */
    free(runs);
    for (int i = 0; i < 3; i++) {
        char path[600];
        struct stat st;
        snprintf(path, sizeof path, "%s/c%d.%s", dir, i, i == 1 ? "svg" : "png");
        CU_ASSERT(stat(path, &st) == 0 && st.st_size > 0);
        unlink(path);
    }
    unlink(wrapper);
    unlink(counter);
    rmdir(dir);
}

/* The pool's runs: consecutive charts, their costs as even as can be,
 * every run a chart at least. */
static void runs_cut_where_costs_divide(void)
{
    size_t cut[FS_CHART_MAX_JOBS + 1];
    const size_t four_and_one[] = {1, 1, 1, 1, 4};
    fs_chart_cut_runs(four_and_one, 5, 2, cut);
    CU_ASSERT_EQUAL(cut[0], 0);
    CU_ASSERT_EQUAL(cut[1], 4); /* 4 against 4, not 3 against 5 */
    CU_ASSERT_EQUAL(cut[2], 5);
    const size_t one_and_four[] = {4, 1, 1, 1, 1};
    fs_chart_cut_runs(one_and_four, 5, 2, cut);
    CU_ASSERT_EQUAL(cut[1], 1);
    /* Ten equal charts among three: 3, 4 and 3 (each chart to the run its
     * middle falls in). */
    const size_t ten[] = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
    fs_chart_cut_runs(ten, 10, 3, cut);
    CU_ASSERT(cut[0] == 0 && cut[1] == 3 && cut[2] == 7 && cut[3] == 10);
    /* One chart a process, whatever the costs. */
    const size_t steep[] = {1000, 1, 1};
    fs_chart_cut_runs(steep, 3, 3, cut);
    CU_ASSERT(cut[0] == 0 && cut[1] == 1 && cut[2] == 2 && cut[3] == 3);
    fs_chart_cut_runs(steep, 3, 1, cut);
    CU_ASSERT(cut[0] == 0 && cut[1] == 3);
    /* Wide charts (810,000 pixels) and narrow ones (840,000), in turn:
     * the halves differ by one chart at most. */
    size_t mixed[100];
    for (size_t i = 0; i < 100; i++)
        mixed[i] = i % 2 ? 840000 : 810000;
    fs_chart_cut_runs(mixed, 100, 2, cut);
    double first = 0.0, second = 0.0;
    for (size_t i = 0; i < 100; i++)
        *(i < cut[1] ? &first : &second) += (double)mixed[i];
    CU_ASSERT(fabs(first - second) <= 840000.0);
}

/* A failing gnuplot leaves the old files as they were, and no temporary
 * file behind. */
static void failed_run_keeps_old_files(void)
{
    char dir[] = "/tmp/forcestat-chart-test-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char old[600];
    snprintf(old, sizeof old, "%s/c0.png", dir);
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_write_atomic(old, "OLD", 3, &e), FS_OK);
    fs_stage_t *stage;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&stage, dir, &e), FS_OK);
    fs_chart_batch_t *b;
    CU_ASSERT_EQUAL_FATAL(fs_chart_batch_new(&b, stage, &e), FS_OK);
    add_three(b);
    CU_ASSERT_EQUAL(fs_chart_batch_run(b, "/bin/false", &e), FS_EIO);
    CU_ASSERT_STRING_EQUAL(e.message, "gnuplot failed");
    fs_chart_batch_free(b);
    fs_stage_free(stage);
    /* A gnuplot that exits 0 but leaves truncated charts (a full disk) is
     * caught before anything is committed. */
    char fake[600], body[1600];
    snprintf(fake, sizeof fake, "%s/fake-gnuplot", dir);
    snprintf(body, sizeof body,
             "#!/bin/sh\nfor f in $(sed -n 's/^set output \"\\(.*\\)\"$/\\1/p' \"$2\"); do "
             "printf '\\211PNG' > \"$(printf '%%b' \"$f\")\"; done\nexit 0\n");
    CU_ASSERT_EQUAL_FATAL(fs_write_atomic(fake, body, strlen(body), &e), FS_OK);
    chmod(fake, 0755);
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&stage, dir, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_chart_batch_new(&b, stage, &e), FS_OK);
    add_three(b);
    CU_ASSERT_EQUAL(fs_chart_batch_run(b, fake, &e), FS_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "no complete chart"));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.file, "c0.png"));
    CU_ASSERT_EQUAL(fs_chart_batch_run(b, "/nonexistent/gnuplot", &e), FS_EIO);
    fs_chart_batch_free(b);
    fs_stage_free(stage);
    unlink(fake);
    char *text;
    size_t len;
    CU_ASSERT_EQUAL_FATAL(fs_read_file(old, &text, &len, &e), FS_OK);
    CU_ASSERT(len == 3 && memcmp(text, "OLD", 3) == 0);
    free(text);
    unlink(old);
    CU_ASSERT_EQUAL(rmdir(dir), 0); /* empty: no temporary file left */
}

/* A chart with nothing to draw is refused before anything is written. */
static void empty_charts_are_refused(void)
{
    char dir[] = "/tmp/forcestat-chart-test-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    fs_stage_t *stage;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&stage, dir, &e), FS_OK);
    fs_chart_batch_t *b;
    CU_ASSERT_EQUAL_FATAL(fs_chart_batch_new(&b, stage, &e), FS_OK);
    fs_bar_chart_t bar = {{"b.png", NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0}, NULL, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, 0, 0, 0, 0, 0};
    CU_ASSERT_EQUAL(fs_chart_add_bar(b, &bar, &e), FS_EINVAL);
    fs_interval_chart_t ic = {{"i.png", NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0}, NULL, 0, 0, 0, NULL, NULL, NULL};
    CU_ASSERT_EQUAL(fs_chart_add_intervals(b, &ic, &e), FS_EINVAL);
    fs_trend_chart_t tc = {
        {"t.png", NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0}, NULL, 0, NULL, 0, NULL, NULL, NULL};
    CU_ASSERT_EQUAL(fs_chart_add_trend(b, &tc, &e), FS_EINVAL);
    fs_funnel_chart_t fc = {{"f.png", NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0}, NULL, 0, NULL, NULL};
    CU_ASSERT_EQUAL(fs_chart_add_funnel(b, &fc, &e), FS_EINVAL);
    fs_funnel_options_t o;
    fs_funnel_options_init(&o);
    double num[] = {1, 2}, den[] = {10, 10};
    fs_funnel_t f;
    CU_ASSERT_EQUAL_FATAL(fs_funnel_fit(num, den, 2, &o, &f, &e), FS_OK);
    fs_funnel_point_t pts[] = {{"A", 0, NAN, 0, 0, NAN}};
    fs_funnel_chart_t fc2 = {{"f.png", NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0}, pts, 1, &f, NULL};
    CU_ASSERT_EQUAL(fs_chart_add_funnel(b, &fc2, &e), FS_EINVAL);
    fs_bar_item_t items[] = {{"A", 1, 0, 0, 0, 0}};
    fs_bar_chart_t bad_name = {{"b.gif", NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0}, items, 1, 1, 0, 2, 0, 0, 0, NULL, NULL, 0, 0, 0, 0, 0};
    CU_ASSERT_EQUAL(fs_chart_add_bar(b, &bad_name, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_chart_batch_count(b), 0);
    CU_ASSERT_EQUAL(fs_chart_batch_run(b, "/nonexistent/gnuplot", &e), FS_OK); /* nothing to do */
    fs_chart_batch_free(b);
    fs_stage_free(stage);
    CU_ASSERT_EQUAL(rmdir(dir), 0);
}

/* Sets or (value NULL) unsets an environment variable for one look-up. */
static void set_env(const char *name, const char *value)
{
    if (value != NULL)
        setenv(name, value, 1);
    else
        unsetenv(name);
}

static void gnuplot_is_found_or_the_cause_named(void)
{
    char *old_gp = getenv("GNUPLOT") ? strdup(getenv("GNUPLOT")) : NULL;
    char *old_path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    char buf[4096];
    const char *why = "unset";
    set_env("PATH", "/usr/bin:/bin");
    set_env("GNUPLOT", "/bin/sh"); /* a path: taken as it is */
    CU_ASSERT_EQUAL(fs_chart_find_gnuplot(buf, sizeof buf, &why), 1);
    CU_ASSERT_STRING_EQUAL(buf, "/bin/sh");
    CU_ASSERT_PTR_NULL(why);
    set_env("GNUPLOT", "sh"); /* a name: looked up on PATH */
    CU_ASSERT_EQUAL(fs_chart_find_gnuplot(buf, sizeof buf, &why), 1);
    CU_ASSERT_STRING_EQUAL(buf, "/usr/bin/sh");
    set_env("GNUPLOT", "/nonexistent/gnuplot");
    CU_ASSERT_EQUAL(fs_chart_find_gnuplot(buf, sizeof buf, &why), 0);
    CU_ASSERT_STRING_EQUAL(why != NULL ? why : "(null)", "no such file");
    set_env("GNUPLOT", "/tmp");
    CU_ASSERT_EQUAL(fs_chart_find_gnuplot(buf, sizeof buf, &why), 0);
    CU_ASSERT_STRING_EQUAL(why != NULL ? why : "(null)", "a directory, not an executable file");
    char plain[] = "/tmp/fs_gnuplot_XXXXXX"; /* a file without the execute bits */
    int fd = mkstemp(plain);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    set_env("GNUPLOT", plain);
    CU_ASSERT_EQUAL(fs_chart_find_gnuplot(buf, sizeof buf, &why), 0);
    CU_ASSERT_STRING_EQUAL(why != NULL ? why : "(null)", "not an executable file");
    CU_ASSERT_EQUAL(unlink(plain), 0);
    set_env("GNUPLOT", "no-such-gnuplot-anywhere");
    CU_ASSERT_EQUAL(fs_chart_find_gnuplot(buf, sizeof buf, &why), 0);
    CU_ASSERT_STRING_EQUAL(why != NULL ? why : "(null)", "not found on PATH");
    /* Unset (or empty): "gnuplot" on PATH, and no cause when missing. */
    set_env("GNUPLOT", "");
    set_env("PATH", "/nonexistent");
    CU_ASSERT_EQUAL(fs_chart_find_gnuplot(buf, sizeof buf, &why), 0);
    CU_ASSERT_PTR_NULL(why);
    set_env("GNUPLOT", old_gp);
    set_env("PATH", old_path);
    free(old_gp);
    free(old_path);
    int jobs = fs_chart_default_jobs();
    CU_ASSERT(jobs >= 1 && jobs <= FS_CHART_MAX_JOBS);
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    CU_ASSERT_EQUAL(jobs, online < 1 ? 1 : online > FS_CHART_MAX_JOBS ? FS_CHART_MAX_JOBS : online);
}

/* A bar chart drawn by another template (a chart kind of its own over a
 * band): the template given is filled with the bar chart's marks, and
 * its messages name it. */
static void bars_drawn_by_another_template(void)
{
    char dir[] = "/tmp/forcestat-chart-test-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    fs_error_t e;
    fs_stage_t *stage;
    CU_ASSERT_EQUAL_FATAL(fs_stage_open(&stage, dir, &e), FS_OK);
    fs_chart_batch_t *b;
    CU_ASSERT_EQUAL_FATAL(fs_chart_batch_new(&b, stage, &e), FS_OK);
    static fs_bar_item_t items[] = {{"A", 1, 0, 0, 0, 0}, {"B", 2, 1, 0, 0, 0}};
    fs_bar_chart_t chart = {
        {"d.png", "t", "y", "s", 0, 0, 0, 0, 0, 0, 0}, items, 2, 2, 1, 3, 0, 1, 2.5, NULL, NULL, 0, 0, 0, 0, 0};
    static const char dots[] =
        "plot @DATA@ using 1:2 with points title @HIGHLIGHT_TITLE@, @CENTRE@\n";
    CU_ASSERT_EQUAL(fs_chart_add_bar_as(b, &chart, dots, "dots", &e), FS_OK);
    /* A mark the bar chart does not set is an error naming the template. */
    static const char bad[] = "plot @DATA@ using 1:@NO_SUCH_MARK@\n";
    chart.text.output = "e.png";
    CU_ASSERT_EQUAL(fs_chart_add_bar_as(b, &chart, bad, "nodots", &e), FS_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "plots/nodots.gp:1: no value 'NO_SUCH_MARK'"));
    fs_chart_batch_free(b);
    fs_stage_free(stage);
    rmdir(dir);
}

/* fs_chart_subtitle of finding at width: its lines and its text. */
static int subtitle_of(const char *finding, int width, char *text, size_t size)
{
    fs_buf_t b;
    fs_buf_init(&b);
    int lines = fs_chart_subtitle(&b, finding, width);
    snprintf(text, size, "%s", b.data ? b.data : "");
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    fs_buf_free(&b);
    return lines;
}

static void subtitles_fit_the_width(void)
{
    char t[512];
    CU_ASSERT_EQUAL(subtitle_of(NULL, 1200, t, sizeof t), 0);
    CU_ASSERT_STRING_EQUAL(t, "");
    CU_ASSERT_EQUAL(subtitle_of("", 1200, t, sizeof t), 0);
    /* Short: one line, as it is (0: the default width). */
    CU_ASSERT_EQUAL(subtitle_of("Essex: 15.34, within the band.", 0, t, sizeof t), 1);
    CU_ASSERT_STRING_EQUAL(t, "Essex: 15.34, within the band.");
    /* 126 characters a line at 1200 pixels: the spine's finding breaks
     * after its colon, the list on the second line. */
    const char *spine = "Essex Police on 7 measures against England and Wales: worse than "
                        "England and Wales on 2; not compared on 3; lower than England and "
                        "Wales on 2.";
    CU_ASSERT_EQUAL(subtitle_of(spine, 1200, t, sizeof t), 2);
    CU_ASSERT_STRING_EQUAL(t, "Essex Police on 7 measures against England and Wales:\nworse than "
                              "England and Wales on 2; not compared on 3; lower than England "
                              "and Wales on 2.");
    char exact[127];
    memset(exact, 'x', 126);
    exact[126] = '\0';
    CU_ASSERT_EQUAL(subtitle_of(exact, 1200, t, sizeof t), 1);
    /* 42 at 400: a colon whose rest would not fit gives way to the last
     * semicolon; with neither, a comma. */
    CU_ASSERT_EQUAL(
        subtitle_of("Kent: one two three four five six seven; eight nine ten.", 400, t, sizeof t),
        2);
    CU_ASSERT_STRING_EQUAL(t, "Kent: one two three four five six seven;\neight nine ten.");
    /* A mark that would leave a first line under a third of the room
     * ("Essex:" alone) gives way to a later one. */
    CU_ASSERT_EQUAL(subtitle_of("Essex: 0.3772% (0.3454% to 0.4118%), higher.", 400, t, sizeof t),
                    2);
    CU_ASSERT_STRING_EQUAL(t, "Essex: 0.3772% (0.3454% to 0.4118%),\nhigher.");
    CU_ASSERT_EQUAL(subtitle_of("aaaa bbbb cccc dddd eeee ffff gggg, hhhh iiii jjjj kkkk llll", 400,
                                t, sizeof t),
                    2);
    CU_ASSERT_STRING_EQUAL(t, "aaaa bbbb cccc dddd eeee ffff gggg,\nhhhh iiii jjjj kkkk llll");
    /* 21 at 200: no clause, so at spaces, and what two lines cannot hold
     * is cut at a space with "...". */
    CU_ASSERT_EQUAL(subtitle_of("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda",
                                200, t, sizeof t),
                    2);
    CU_ASSERT_STRING_EQUAL(t, "alpha beta gamma\ndelta epsilon zeta...");
    /* Never fewer than 20 a line, and one long word is cut between
     * characters, never inside one. */
    char word[64] = "";
    for (int i = 0; i < 30; i++)
        strcat(word, "\xc3\xa9");
    CU_ASSERT_EQUAL(subtitle_of(word, 50, t, sizeof t), 2);
    CU_ASSERT_EQUAL(strcspn(t, "\n"), 16);
    CU_ASSERT_STRING_EQUAL(t + 17,
                           "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...");
}

/* ---- names placed clear of curves and markers (chart_labels.h) ---- */

/* Whether a placed label is clear of every curve and marker of the
 * scene and inside it, checked with the module's own box tests. */
static int label_clear(const fs_label_scene_t *sc, const fs_label_place_t *p)
{
    const fs_label_box_t *b = &p->box;
    if (b->x0 < 0 || b->y0 < 0 || b->x1 > sc->width || b->y1 > sc->height)
        return 0;
    for (size_t i = 0; i < sc->ncurves; i++)
        if (fs_label_box_crosses_curve(b, &sc->curves[i]))
            return 0;
    for (size_t i = 0; i < sc->nmarkers; i++)
        if (fs_label_box_hits_marker(b, &sc->markers[i]))
            return 0;
    return 1;
}

static int boxes_overlap(const fs_label_box_t *a, const fs_label_box_t *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static void label_box_tests(void)
{
    double x[] = {0, 100, 200}, y[] = {0, 100, 0};
    fs_label_curve_t peak = {x, y, 3};
    fs_label_box_t on = {40, 40, 60, 45}, above = {40, 70, 60, 75}, beside = {150, 40, 170, 60};
    fs_label_box_t around = {-10, -10, 210, 110}, right = {250, 0, 300, 10};
    CU_ASSERT_TRUE(fs_label_box_crosses_curve(&on, &peak));
    CU_ASSERT_FALSE(fs_label_box_crosses_curve(&above, &peak));
    CU_ASSERT_TRUE(fs_label_box_crosses_curve(&beside, &peak)); /* the falling side */
    CU_ASSERT_TRUE(fs_label_box_crosses_curve(&around, &peak)); /* inside the box */
    CU_ASSERT_FALSE(fs_label_box_crosses_curve(&right, &peak));
    /* A break (NaN) in the curve is no segment. */
    double yb[] = {0, NAN, 0};
    fs_label_curve_t broken = {x, yb, 3};
    CU_ASSERT_FALSE(fs_label_box_crosses_curve(&on, &broken));
    fs_label_marker_t m = {62, 72, 5};
    CU_ASSERT_TRUE(fs_label_box_hits_marker(&above, &m));
    fs_label_marker_t far = {70, 90, 5};
    CU_ASSERT_FALSE(fs_label_box_hits_marker(&above, &far));
    fs_label_marker_t corner = {64, 79, 5}; /* its square reaches (59, 74) */
    CU_ASSERT_TRUE(fs_label_box_hits_marker(&above, &corner));
    CU_ASSERT_EQUAL(fs_label_segment_crossings(0, 50, 200, 50, &peak), 2);
    CU_ASSERT_EQUAL(fs_label_segment_crossings(0, 150, 200, 150, &peak), 0);
    CU_ASSERT_EQUAL(fs_label_segment_crossings(100, 20, 100, 60, &peak), 0);
    double w, h;
    fs_label_text_size(10, 9, &w, &h);
    TU_ASSERT_CLOSE(w, 0.62 * 12 * 10 + 4, 1e-12);
    TU_ASSERT_CLOSE(h, 1.2 * 12 + 4, 1e-12);
}

/* A flat outer limit through the top of a point's marker: the spot right
 * of the point would cross it, so the name moves (above it, the next spot
 * tried after the left, which crosses too) and stays clear. */
static void a_label_on_the_outer_curve_moves(void)
{
    double x[] = {0, 400}, y[] = {104, 104};
    fs_label_curve_t outer = {x, y, 2};
    fs_label_marker_t m = {200, 100, 5};
    fs_label_scene_t sc = {400, 200, &outer, 1, &m, 1, 0};
    fs_label_request_t r = {0, 60, 16};
    fs_label_place_t p;
    fs_error_t err = {0};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, &r, 1, &p, &err), FS_OK);
    fs_label_box_t natural = {206, 92, 266, 108};
    CU_ASSERT_TRUE(fs_label_box_crosses_curve(&natural, &outer));
    CU_ASSERT_TRUE(p.clear);
    CU_ASSERT_TRUE(label_clear(&sc, &p));
    TU_ASSERT_CLOSE(p.box.y0, 106, 1e-12); /* above the marker and the line */
    TU_ASSERT_CLOSE(p.box.x0, 170, 1e-12);
    CU_ASSERT_FALSE(p.leader);
    /* Without the curve the name takes its natural spot, right of it. */
    sc.ncurves = 0;
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, &r, 1, &p, &err), FS_OK);
    TU_ASSERT_CLOSE(p.box.x0, 206, 1e-12);
    TU_ASSERT_CLOSE(p.box.y0, 92, 1e-12);
}

/* Whether two places are the same, field by field (NaN equal to NaN):
 * a place's bytes are not compared, its padding being unspecified. */
static int same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static int same_place(const fs_label_place_t *a, const fs_label_place_t *b)
{
    return same_double(a->box.x0, b->box.x0) && same_double(a->box.y0, b->box.y0) &&
           same_double(a->box.x1, b->box.x1) && same_double(a->box.y1, b->box.y1) &&
           a->leader == b->leader && a->clear == b->clear && same_double(a->lx0, b->lx0) &&
           same_double(a->ly0, b->ly0) && same_double(a->lx1, b->lx1) &&
           same_double(a->ly1, b->ly1) && a->curve_crossings == b->curve_crossings &&
           a->crossings == b->crossings && a->marker_crossings == b->marker_crossings &&
           a->bent == b->bent && same_double(a->bx, b->bx) && same_double(a->by, b->by);
}

/* Six forces a few pixels apart between two curves: every name clear of
 * the curves, the markers and each other, those pushed out joined by a
 * leader that crosses no curve, and the same places every time. */
static void crowded_forces_move_along(void)
{
    double x[] = {0, 600}, lo[] = {60, 60}, hi[] = {140, 140};
    fs_label_curve_t curves[] = {{x, lo, 2}, {x, hi, 2}};
    fs_label_marker_t m[6];
    fs_label_request_t r[6];
    for (size_t i = 0; i < 6; i++) {
        m[i] = (fs_label_marker_t){300 + 6.0 * (double)i, 100 + 4.0 * (double)(i % 2), 5};
        r[i] = (fs_label_request_t){i, 90, 16};
    }
    fs_label_scene_t sc = {600, 200, curves, 2, m, 6, 0};
    fs_label_place_t p[6], again[6];
    fs_error_t err = {0};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, r, 6, p, &err), FS_OK);
    size_t leaders = 0;
    for (size_t i = 0; i < 6; i++) {
        CU_ASSERT_TRUE(p[i].clear);
        CU_ASSERT_TRUE(label_clear(&sc, &p[i]));
        for (size_t j = 0; j < i; j++)
            CU_ASSERT_FALSE(boxes_overlap(&p[i].box, &p[j].box));
        leaders += (size_t)p[i].leader;
        CU_ASSERT_EQUAL(p[i].curve_crossings, 0);
        if (p[i].leader)
            for (size_t c = 0; c < 2; c++)
                CU_ASSERT_EQUAL(
                    fs_label_segment_crossings(p[i].lx0, p[i].ly0, p[i].lx1, p[i].ly1, &curves[c]),
                    0);
    }
    CU_ASSERT_TRUE(leaders > 0);
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, r, 6, again, &err), FS_OK);
    for (size_t i = 0; i < 6; i++)
        CU_ASSERT_TRUE(same_place(&p[i], &again[i]));
}

/* A force at the plot's right edge and one in its top corner: their
 * names stay inside the plot (left of and below them). */
static void a_force_at_the_edge(void)
{
    fs_label_marker_t m[] = {{400, 100, 5}, {398, 198, 7.5}};
    fs_label_scene_t sc = {400, 200, NULL, 0, m, 2, 0};
    fs_label_request_t r[] = {{0, 80, 16}, {1, 120, 16}};
    fs_label_place_t p[2];
    fs_error_t err = {0};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, r, 2, p, &err), FS_OK);
    for (size_t i = 0; i < 2; i++) {
        CU_ASSERT_TRUE(p[i].clear);
        CU_ASSERT_TRUE(label_clear(&sc, &p[i]));
        CU_ASSERT_TRUE(p[i].box.x1 <= 400.0);
    }
    CU_ASSERT_TRUE(p[0].box.x1 <= 395.0); /* left of its marker */
    CU_ASSERT_TRUE(p[1].box.y1 <= 198.0);
    /* Nowhere free (a plot smaller than the name): marked as not clear. */
    fs_label_scene_t tiny = {50, 20, NULL, 0, m, 1, 0};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&tiny, r, 1, p, &err), FS_OK);
    CU_ASSERT_FALSE(p[0].clear);
    /* A request for a marker the scene has not is refused. */
    fs_label_request_t bad = {2, 80, 16};
    CU_ASSERT_EQUAL(fs_labels_place(&sc, &bad, 1, p, &err), FS_EINVAL);
}

/* A name keeps its room (the scene's gap) from a line: with a flat line
 * 4 pixels over its marker's top the natural spot above would sit on it,
 * so the name goes below; from other markers a quarter of that; from the
 * axes (the plot's left and bottom edges) all of it. */
static void a_name_keeps_its_room(void)
{
    double x[] = {0, 400}, y[] = {109, 109};
    fs_label_curve_t line = {x, y, 2};
    fs_label_marker_t m[] = {{200, 100, 5}, {300, 100, 5}};
    fs_label_scene_t sc = {400, 200, &line, 1, m, 2, 8};
    fs_label_request_t r = {0, 60, 16};
    fs_label_place_t p;
    fs_error_t err = {0};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, &r, 1, &p, &err), FS_OK);
    CU_ASSERT_TRUE(p.clear);
    CU_ASSERT_TRUE(label_clear(&sc, &p));
    fs_label_box_t room = {p.box.x0 - 8, p.box.y0 - 8, p.box.x1 + 8, p.box.y1 + 8};
    CU_ASSERT_FALSE(fs_label_box_crosses_curve(&room, &line));
    CU_ASSERT_TRUE(p.box.y1 <= 101.0); /* below the line, by its room */
    /* Without the room the name stands right of its marker (its top 1
     * pixel under the line is clear of it), as before. */
    sc.gap = 0;
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, &r, 1, &p, &err), FS_OK);
    TU_ASSERT_CLOSE(p.box.x0, 206, 1e-12);
    /* The other marker 1 pixel right of the natural spot's end: a
     * quarter of the room keeps the name off it. */
    fs_label_marker_t two[] = {{200, 100, 5}, {272, 100, 5}};
    fs_label_scene_t open = {400, 200, NULL, 0, two, 2, 8};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&open, &r, 1, &p, &err), FS_OK);
    fs_label_box_t near = {p.box.x0 - 2, p.box.y0 - 2, p.box.x1 + 2, p.box.y1 + 2};
    CU_ASSERT_FALSE(fs_label_box_hits_marker(&near, &two[1]));
    CU_ASSERT_FALSE(p.box.x0 == 206 && p.box.y0 == 92);
    open.gap = 0; /* without the room: the natural spot, 1 pixel off it */
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&open, &r, 1, &p, &err), FS_OK);
    TU_ASSERT_CLOSE(p.box.x0, 206, 1e-12);
    /* A marker by the left axis: its name keeps the room from the axis. */
    fs_label_marker_t edge = {6, 100, 5};
    fs_label_scene_t axis = {400, 200, NULL, 0, &edge, 1, 8};
    fs_label_request_t wide = {0, 300, 16};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&axis, &wide, 1, &p, &err), FS_OK);
    CU_ASSERT_TRUE(p.box.x0 >= 8.0 && p.box.y0 >= 8.0);
}

/* A marker on a flat line whose natural spots are taken: its leader
 * leaves the line steeply, never running along it within the room (it
 * would read as sitting on it), and crosses no curve. */
static void a_leader_leaves_its_line(void)
{
    double x[] = {0, 600}, y[] = {100, 100};
    fs_label_curve_t line = {x, y, 2};
    /* Neighbours all round the marker at (300, 99) take its near spots. */
    fs_label_marker_t m[] = {{300, 99, 5},  {300, 125, 5}, {300, 73, 5}, {370, 99, 5}, {230, 99, 5},
                             {345, 125, 5}, {255, 125, 5}, {345, 73, 5}, {255, 73, 5}};
    fs_label_scene_t sc = {600, 200, &line, 1, m, 9, 6};
    fs_label_request_t r = {0, 60, 16};
    fs_label_place_t p;
    fs_error_t err = {0};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, &r, 1, &p, &err), FS_OK);
    CU_ASSERT_TRUE(p.clear);
    CU_ASSERT_TRUE(p.leader);
    CU_ASSERT_EQUAL(p.curve_crossings, 0);
    /* Past 6 pixels from the marker's edge the leader is 6 pixels or
     * more off the line everywhere: its far end is. */
    CU_ASSERT_TRUE(fabs(p.ly1 - 100.0) > 6.0);
    double len = hypot(p.lx1 - p.lx0, p.ly1 - p.ly0);
    CU_ASSERT_TRUE(len > 6.0);
    double sy = p.ly0 + (p.ly1 - p.ly0) * 6.0 / len;
    CU_ASSERT_TRUE((sy - 100.0) * (p.ly1 - 100.0) > 0 && fabs(sy - 100.0) > 6.0);
}

/* A marker drawn over a line (its centre 3 pixels above it), its spots
 * beside it taken by neighbours, a row of markers above it: its leader
 * never leaves it across the line below, the crossing hidden under the
 * marker, which would put its name on the line's other side from its
 * point (issue 29: City of London on the rate's funnel of changes); it
 * crosses a marker of the row instead, and the name stands above. */
static void a_name_stays_on_its_side(void)
{
    double x[] = {0, 600}, y[] = {100, 100};
    fs_label_curve_t line = {x, y, 2};
    fs_label_marker_t m[32] = {{300, 103, 8.5}, {300, 80, 5}, {330, 80, 5}, {270, 80, 5}};
    size_t n = 4;
    for (double mx = 150; mx <= 450; mx += 12)
        m[n++] = (fs_label_marker_t){mx, 126, 5};
    fs_label_scene_t sc = {600, 200, &line, 1, m, n, 6};
    fs_label_request_t r = {0, 60, 16};
    fs_label_place_t p;
    fs_error_t err = {0};
    CU_ASSERT_EQUAL_FATAL(fs_labels_place(&sc, &r, 1, &p, &err), FS_OK);
    CU_ASSERT_TRUE(p.clear);
    CU_ASSERT_EQUAL(p.curve_crossings, 0);
    CU_ASSERT_TRUE(p.box.y0 > 100.0);
}

/* A name's width as DejaVu Sans draws it: its characters' advance
 * widths ("Essex": E 1294, s 1067 twice, e 1260, x 1212, in 2048ths of
 * an em of 13.33 pixels at 10 points); a character outside ASCII counts
 * 0.62 em, once however many bytes it takes. */
static void name_widths_as_drawn(void)
{
    TU_ASSERT_CLOSE(fs_label_text_width("Essex", 10), 5900.0 / 2048.0 * 40.0 / 3.0, 1e-12);
    TU_ASSERT_CLOSE(fs_label_text_width("", 10), 0, 1e-12);
    TU_ASSERT_CLOSE(fs_label_text_width("\xc3\xa9", 16), 0.62 * 16 * 4.0 / 3.0, 1e-12);
    TU_ASSERT_CLOSE(fs_label_text_width("~ ", 10), (1716.0 + 651.0) / 2048.0 * 40.0 / 3.0, 1e-12);
    TU_ASSERT_CLOSE(fs_label_gap(10), 0.4 * 40.0 / 3.0, 1e-12);
    /* Narrower than the placing boxes' estimate, which stays an upper one. */
    double w, h;
    fs_label_text_size(19, 10, &w, &h);
    CU_ASSERT_TRUE(fs_label_text_width("Metropolitan Police", 10) < w - 4.0);
}

/* A narrow chart's value axis: the least round step giving at most
 * `parts` steps over the span widened to whole steps (issue 29). */
static void tick_steps_are_round_and_few(void)
{
    /* Outcome 17 in percent, 0 to 0.66: 0.1 and 0.2 give 7 and 4 steps. */
    CU_ASSERT_DOUBLE_EQUAL(fs_chart_tick_step(0, 0.66, 3), 0.25, 1e-12);
    /* Stop and search's axis cut at 25: 0, 10, 20. */
    CU_ASSERT_DOUBLE_EQUAL(fs_chart_tick_step(0, 25, 3), 10, 1e-12);
    /* Widened at both ends: 3.2 to 6.1 is 3 to 7 in steps of 1 (4 steps),
     * 2 to 8 in steps of 2 (3). */
    CU_ASSERT_DOUBLE_EQUAL(fs_chart_tick_step(3.2, 6.1, 3), 2, 1e-12);
    /* A span that ends on a step is not widened: 0 to 0.6 in 0.2s. */
    CU_ASSERT_DOUBLE_EQUAL(fs_chart_tick_step(0, 0.6, 3), 0.2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(fs_chart_tick_step(0, 300, 3), 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(fs_chart_tick_step(-12, 9, 3), 10, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(fs_chart_tick_step(0, 30000, 4), 10000, 1e-6);
    /* Nothing to split: gnuplot chooses. */
    CU_ASSERT_EQUAL(fs_chart_tick_step(1, 1, 3), 0);
    CU_ASSERT_EQUAL(fs_chart_tick_step(2, 1, 3), 0);
    CU_ASSERT_EQUAL(fs_chart_tick_step(0, INFINITY, 3), 0);
    CU_ASSERT_EQUAL(fs_chart_tick_step(NAN, 1, 3), 0);
    CU_ASSERT_EQUAL(fs_chart_tick_step(0, 1, 0), 0);
}

static char *gnuplot_tidy(const char *svg)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_svg_gnuplot_tidy(&b, svg, strlen(svg));
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    return b.data ? b.data : strdup("");
}

/* An SVG as the PNG draws it (issue 29): gnuplot's generic plot titles
 * out, forcestat's own titles kept, and the point symbols it defines
 * scaled to the PNG's size (a <use> of one is scaled with it). */
static void svg_without_gnuplot_titles(void)
{
    char *s = gnuplot_tidy("<g id=\"gnuplot_plot_1\" ><title>gnuplot_plot_1</title>\n"
                           "<g id=\"gnuplot_plot_12b\"><title>gnuplot_plot_12b</title></g>"
                           "<title>Kent: 3.1</title><title>gnuplot_plot_</title>"
                           "<title>gnuplot_plot_2x1</title><title>gnuplot_plot_3");
    CU_ASSERT_STRING_EQUAL(s, "<g id=\"gnuplot_plot_1\" >\n<g id=\"gnuplot_plot_12b\"></g>"
                              "<title>Kent: 3.1</title><title>gnuplot_plot_</title>"
                              "<title>gnuplot_plot_2x1</title><title>gnuplot_plot_3");
    free(s);
    s = gnuplot_tidy("<defs>\n<circle id='gpDot' r='0.5'/>\n<path id='gpPt0' d='M-1,0 h2'/>\n"
                     "<rect id='gpPt3' x='-1'/>\n<circle id='gpPt5' r='1'/>\n"
                     "<use xlink:href='#gpPt5' id='gpPt6'/>\n</defs>\n"
                     "<path id='gpPt9' d=''/><use xlink:href='#gpPt6' transform='scale(4.5)'/>");
    CU_ASSERT_STRING_EQUAL(
        s, "<defs>\n<circle id='gpDot' r='0.5'/>\n"
           "<path transform='scale(" FS_SVG_POINT_SCALE ")' id='gpPt0' d='M-1,0 h2'/>\n"
           "<rect transform='scale(" FS_SVG_POINT_SCALE ")' id='gpPt3' x='-1'/>\n"
           "<circle transform='scale(" FS_SVG_POINT_SCALE ")' id='gpPt5' r='1'/>\n"
           "<use xlink:href='#gpPt5' id='gpPt6'/>\n</defs>\n"
           "<path id='gpPt9' d=''/><use xlink:href='#gpPt6' transform='scale(4.5)'/>");
    free(s);
    /* No <defs>: nothing scaled. */
    s = gnuplot_tidy("<path id='gpPt0' d=''/>");
    CU_ASSERT_STRING_EQUAL(s, "<path id='gpPt0' d=''/>");
    free(s);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"quoting leaves nothing to interpret", quoting_leaves_nothing_for_gnuplot_to_interpret},
        {"formats come from the extension", formats_come_from_the_extension},
        {"one gnuplot process per batch", one_gnuplot_process_per_batch},
        {"a failed run keeps old files", failed_run_keeps_old_files},
        {"runs cut where costs divide", runs_cut_where_costs_divide},
        {"empty charts are refused", empty_charts_are_refused},
        {"gnuplot is found, or the cause named", gnuplot_is_found_or_the_cause_named},
        {"bars drawn by another template", bars_drawn_by_another_template},
        {"subtitles fit the width", subtitles_fit_the_width},
        {"label boxes against curves and markers", label_box_tests},
        {"a label on the outer curve moves", a_label_on_the_outer_curve_moves},
        {"crowded forces move along", crowded_forces_move_along},
        {"a force at the chart's edge", a_force_at_the_edge},
        {"a name keeps its room from lines", a_name_keeps_its_room},
        {"a leader leaves its line", a_leader_leaves_its_line},
        {"a name stays on its point's side of a line", a_name_stays_on_its_side},
        {"name widths as drawn", name_widths_as_drawn},
        {"tick steps are round and few", tick_steps_are_round_and_few},
        {"an SVG without gnuplot's titles", svg_without_gnuplot_titles},
        {NULL, NULL}};
    return tu_add_suite("chart", tests);
}

const test_suite_t suite_chart = {"chart", add};

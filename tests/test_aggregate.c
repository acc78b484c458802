/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_aggregate.c: streaming group-and-sum. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forcestat/aggregate.h"
#include "testutil.h"

static fs_status_t run(const char *text, const fs_aggregate_spec_t *spec,
                       fs_aggregate_result_t **res, fs_error_t *e)
{
    fs_reader_t *r;
    fs_error_clear(e);
    fs_status_t st = fs_reader_open_memory(&r, text, strlen(text), "mem.csv", NULL, e);
    if (st != FS_OK)
        return st;
    st = fs_aggregate(r, spec, res, e);
    fs_reader_free(r);
    return st;
}

static const char table[] = "force,year,type,n\n"
                            "Kent,2017,17,3\n"
                            "Kent,2017,1,7\n"
                            "Essex,2017,17,NA\n"
                            "Essex,2017,2,5\n"
                            "Kent,2018,17,1\n"
                            "NA,2017,17,4\n"
                            "Kent,2017,\" 17 \",2\n";

static void sums_by_group_in_first_appearance_order(void)
{
    const char *by[] = {"force", "year"};
    fs_aggregate_spec_t spec = {by, 2, "n", NULL, 0, NULL, NULL, NULL};
    fs_aggregate_result_t *res;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(run(table, &spec, &res, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(res->ngroups, 3);
    CU_ASSERT_STRING_EQUAL(res->groups[0].keys[0], "Kent");
    CU_ASSERT_STRING_EQUAL(res->groups[0].keys[1], "2017");
    CU_ASSERT_EQUAL(res->groups[0].numerator, 12);
    CU_ASSERT_EQUAL(res->groups[0].rows, 3);
    CU_ASSERT_STRING_EQUAL(res->groups[1].keys[0], "Essex");
    CU_ASSERT_EQUAL(res->groups[1].numerator, 5);
    CU_ASSERT_EQUAL(res->groups[2].numerator, 1);
    CU_ASSERT_EQUAL(res->rows_read, 7);
    CU_ASSERT_EQUAL(res->missing_values, 1);
    CU_ASSERT_EQUAL(res->missing_keys, 1);
    fs_aggregate_result_free(res);
}

static void where_gives_numerator_and_denominator(void)
{
    const char *by[] = {"force"};
    const char *v17[] = {"17"};
    fs_match_t where = {"type", v17, 1};
    fs_aggregate_spec_t spec = {by, 1, "n", NULL, 0, &where, NULL, NULL};
    fs_aggregate_result_t *res;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(run(table, &spec, &res, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(res->ngroups, 2);
    CU_ASSERT_EQUAL(res->groups[0].numerator, 6); /* 3 + 1 + 2 (trimmed " 17 ") */
    CU_ASSERT_EQUAL(res->groups[0].denominator, 13);
    CU_ASSERT_EQUAL(res->groups[1].numerator, 0);
    CU_ASSERT_EQUAL(res->groups[1].denominator, 5);
    fs_aggregate_result_free(res);

    const char *y2017[] = {"2017"};
    fs_match_t filter = {"year", y2017, 1};
    fs_aggregate_spec_t spec2 = {by, 1, "n", &filter, 1, &where, NULL, NULL};
    CU_ASSERT_EQUAL_FATAL(run(table, &spec2, &res, &e), FS_OK);
    CU_ASSERT_EQUAL(res->groups[0].numerator, 5);
    CU_ASSERT_EQUAL(res->groups[0].denominator, 12);
    CU_ASSERT_EQUAL(res->rows_filtered, 1);
    fs_aggregate_result_free(res);
}

static void keys_with_commas_do_not_collide(void)
{
    const char *by[] = {"a", "b"};
    fs_aggregate_spec_t spec = {by, 2, "n", NULL, 0, NULL, NULL, NULL};
    fs_aggregate_result_t *res;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(run("a,b,n\n\"x,y\",z,1\nx,\"y,z\",2\n", &spec, &res, &e), FS_OK);
    CU_ASSERT_EQUAL(res->ngroups, 2);
    fs_aggregate_result_free(res);
}

static void many_groups_and_compensated_sums(void)
{
    /* 5,000 groups force the hash table to grow several times; 0.1 added
     * ten times per group must come out as the double nearest 1.0. */
    static char text[1 << 20];
    size_t k = (size_t)snprintf(text, sizeof text, "g,n\n");
    for (int rep = 0; rep < 10; rep++)
        for (int g = 0; g < 5000; g++)
            if (k < sizeof text - 32)
                k += (size_t)snprintf(text + k, sizeof text - k, "g%d,0.1\n", g);
    CU_ASSERT_FATAL(k < sizeof text - 32);
    const char *by[] = {"g"};
    fs_aggregate_spec_t spec = {by, 1, "n", NULL, 0, NULL, NULL, NULL};
    fs_aggregate_result_t *res;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(run(text, &spec, &res, &e), FS_OK);
    CU_ASSERT_EQUAL(res->ngroups, 5000);
    CU_ASSERT_STRING_EQUAL(res->groups[4999].keys[0], "g4999");
    CU_ASSERT_EQUAL(res->groups[123].numerator, 1.0);
    fs_aggregate_result_free(res);
}

static void errors_name_the_line(void)
{
    const char *by[] = {"force"};
    fs_aggregate_spec_t spec = {by, 1, "n", NULL, 0, NULL, NULL, NULL};
    fs_aggregate_result_t *res;
    fs_error_t e;
    CU_ASSERT_EQUAL(run("force,n\nKent,1\nKent,lots\n", &spec, &res, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    CU_ASSERT_EQUAL(e.column, 2);
    CU_ASSERT_STRING_EQUAL(e.text, "lots");
    CU_ASSERT_EQUAL(run("force,n\nKent,1,2\n", &spec, &res, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 2);
    const char *bad[] = {"nope"};
    fs_aggregate_spec_t spec2 = {bad, 1, "n", NULL, 0, NULL, NULL, NULL};
    CU_ASSERT_EQUAL(run("force,n\nKent,1\n", &spec2, &res, &e), FS_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(e.text, "nope");
    CU_ASSERT_EQUAL(run("", &spec, &res, &e), FS_EPARSE);
    fs_aggregate_spec_t none = {by, 0, "n", NULL, 0, NULL, NULL, NULL};
    CU_ASSERT_EQUAL(run("force,n\n", &none, &res, &e), FS_EINVAL);
}

/* Year-ending sums from quarters; a group missing a quarter has no
 * window that would need it. */
static void rolling_windows(void)
{
    static const char text[] = "force,year,q,n\n"
                               "Kent,1,1,1\nKent,1,2,2\nKent,1,3,3\nKent,1,4,4\nKent,2,1,5\n"
                               "Essex,1,1,10\nEssex,1,2,20\nEssex,1,4,40\nEssex,2,1,50\n";
    const char *by[] = {"force", "year", "q"};
    fs_aggregate_spec_t spec = {by, 3, "n", NULL, 0, NULL, NULL, NULL};
    fs_aggregate_result_t *res, *rolled;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(run(text, &spec, &res, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_aggregate_rolling(res, 1, 4, &rolled, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(rolled->ngroups, 2);
    CU_ASSERT_STRING_EQUAL(rolled->groups[0].keys[0], "Kent");
    CU_ASSERT_STRING_EQUAL(rolled->groups[0].keys[1], "1");
    CU_ASSERT_STRING_EQUAL(rolled->groups[0].keys[2], "4");
    CU_ASSERT_EQUAL(rolled->groups[0].numerator, 10);
    CU_ASSERT_STRING_EQUAL(rolled->groups[1].keys[1], "2");
    CU_ASSERT_EQUAL(rolled->groups[1].numerator, 14);
    fs_aggregate_result_free(rolled);
    CU_ASSERT_EQUAL_FATAL(fs_aggregate_rolling(res, 1, 2, &rolled, &e), FS_OK);
    /* Kent: 4 windows; Essex: (1,1)+(1,2) and (1,4)+(2,1) only. */
    CU_ASSERT_EQUAL(rolled->ngroups, 6);
    CU_ASSERT_EQUAL(rolled->groups[4].numerator, 30);
    CU_ASSERT_EQUAL(rolled->groups[5].numerator, 90);
    fs_aggregate_result_free(rolled);
    CU_ASSERT_EQUAL(fs_aggregate_rolling(res, 1, 0, &rolled, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_aggregate_rolling(res, 3, 1, &rolled, &e), FS_EINVAL);
    fs_aggregate_result_free(res);
}

/* A 2 MB file (split from 64 KB up) with quoted newlines and CRLF line ends: the parallel path
 * gives exactly the sequential result, and an error near the end is
 * reported on its true line. */
static void parallel_equals_sequential(void)
{
    char path[] = "/tmp/forcestat-agg-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("g,note,n\r\n", f);
    long line = 1, rows = 0;
    int big_written = 0;
    while (ftell(f) < 2L * 1024 * 1024 + 160L * 1024) {
        rows++;
        if (!big_written && ftell(f) > 1000L * 1024) {
            /* A quoted field of 60,000 lines around the middle: a split
             * guessed inside it must be detected and the result still
             * exact. */
            fputs("g5,\"", f);
            for (int k = 0; k < 60000; k++)
                fputs("x,y\r\n", f);
            fprintf(f, "\",%ld\r\n", rows % 13);
            line += 60001;
            big_written = 1;
        } else if (rows % 1000 == 0) {
            fprintf(f, "g%ld,\"two\r\nlines, \"\"quoted\"\"\",%ld\r\n", rows % 97, rows % 13);
            line += 2;
        } else {
            fprintf(f, "g%ld,plain,%ld\r\n", rows % 97, rows % 13);
            line += 1;
        }
    }
    long bad_line = line + 1;
    fputs("g1,plain,oops\r\n", f);
    fclose(f);
    const char *by[] = {"g"};
    fs_aggregate_spec_t spec = {by, 1, "n", NULL, 0, NULL, NULL, NULL};
    fs_error_t e1, e2;
    fs_aggregate_result_t *seq, *par;
    fs_error_clear(&e1);
    fs_error_clear(&e2);
    CU_ASSERT_EQUAL(fs_aggregate_file_split(path, &spec, NULL, 1, 65536, &seq, &e1), FS_EPARSE);
    CU_ASSERT_EQUAL(fs_aggregate_file_split(path, &spec, NULL, 4, 65536, &par, &e2), FS_EPARSE);
    CU_ASSERT_EQUAL(e1.line, bad_line);
    CU_ASSERT_EQUAL(e2.line, bad_line);
    CU_ASSERT_STRING_EQUAL(e1.message, e2.message);
    CU_ASSERT_STRING_EQUAL(e2.file, path);
    /* Remove the bad line: both succeed, identically. */
    FILE *t = fopen(path, "r+");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fseek(t, 0, SEEK_END);
    long size = ftell(t);
    fclose(t);
    CU_ASSERT_EQUAL_FATAL(truncate(path, size - (long)strlen("g1,plain,oops\r\n")), 0);
    CU_ASSERT_EQUAL_FATAL(fs_aggregate_file_split(path, &spec, NULL, 1, 65536, &seq, &e1), FS_OK);
    for (unsigned threads = 2; threads <= 5; threads += 3) {
        CU_ASSERT_EQUAL_FATAL(fs_aggregate_file_split(path, &spec, NULL, threads, 65536, &par, &e2), FS_OK);
        CU_ASSERT_EQUAL(par->rows_read, (size_t)rows);
        CU_ASSERT_EQUAL(par->rows_read, seq->rows_read);
        CU_ASSERT_EQUAL_FATAL(par->ngroups, seq->ngroups);
        for (size_t g = 0; g < seq->ngroups; g++) {
            CU_ASSERT_STRING_EQUAL(par->groups[g].keys[0], seq->groups[g].keys[0]);
            CU_ASSERT_EQUAL(par->groups[g].numerator, seq->groups[g].numerator);
            CU_ASSERT_EQUAL(par->groups[g].rows, seq->groups[g].rows);
        }
        fs_aggregate_result_free(par);
    }
    fs_aggregate_result_free(seq);
    unlink(path);
}

/* Mixed magnitudes across the parts of a parallel run: rows cycle
 * 1e16, 1, -1e16, 1 (each cycle sums to exactly 2, while plain double
 * addition keeps 1 of it), so a merge that dropped a part's compensation
 * term would lose about half the total.  Every split gives the exact sum. */
static void parallel_keeps_the_compensation(void)
{
    char path[] = "/tmp/forcestat-agg-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("g,v\n", f);
    static const char *const cycle[] = {"1e16", "1", "-1e16", "1"};
    long cycles = 0;
    while (ftell(f) < 1536L * 1024) {
        for (int k = 0; k < 4; k++)
            fprintf(f, "a,%s\n", cycle[k]);
        cycles++;
    }
    fclose(f);
    const char *by[] = {"g"};
    fs_aggregate_spec_t spec = {by, 1, "v", NULL, 0, NULL, NULL, NULL};
    fs_error_t e;
    for (unsigned threads = 1; threads <= 4; threads++) {
        fs_aggregate_result_t *res;
        CU_ASSERT_EQUAL_FATAL(fs_aggregate_file_split(path, &spec, NULL, threads, 65536, &res, &e),
                              FS_OK);
        CU_ASSERT_EQUAL_FATAL(res->ngroups, 1);
        CU_ASSERT_EQUAL(res->groups[0].numerator, 2.0 * (double)cycles);
        CU_ASSERT_EQUAL(res->groups[0].rows, (size_t)(4 * cycles));
        fs_aggregate_result_free(res);
    }
    /* With --where the denominator holds every row: compensated too. */
    const char *none[] = {"b"};
    fs_match_t where = {"g", none, 1};
    fs_aggregate_spec_t ratio = {by, 1, "v", NULL, 0, &where, NULL, NULL};
    for (unsigned threads = 1; threads <= 2; threads++) {
        fs_aggregate_result_t *res;
        CU_ASSERT_EQUAL_FATAL(fs_aggregate_file_split(path, &ratio, NULL, threads, 65536, &res, &e),
                              FS_OK);
        CU_ASSERT_EQUAL_FATAL(res->ngroups, 1);
        CU_ASSERT_EQUAL(res->groups[0].numerator, 0.0);
        CU_ASSERT_EQUAL(res->groups[0].denominator, 2.0 * (double)cycles);
        fs_aggregate_result_free(res);
    }
    unlink(path);
}

/* fs_aggregate over a reader, directly: a missing column, a bad number. */
static void the_streaming_call_reports_its_statuses(void)
{
    const char *by[] = {"force"};
    fs_aggregate_spec_t spec = {by, 1, "n", NULL, 0, NULL, NULL, NULL};
    static const char missing[] = "force,m\nKent,1\n", bad[] = "force,n\nKent,1\nKent,x\n";
    fs_reader_t *r;
    fs_aggregate_result_t *res;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&r, missing, strlen(missing), "m.csv", NULL, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_aggregate(r, &spec, &res, &e), FS_ENOTFOUND);
    fs_reader_free(r);
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&r, bad, strlen(bad), "b.csv", NULL, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_aggregate(r, &spec, &res, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    fs_reader_free(r);
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&r, bad, 15, "g.csv", NULL, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_aggregate(r, &spec, &res, &e), FS_OK);
    CU_ASSERT_EQUAL(res->groups[0].numerator, 1.0);
    fs_aggregate_result_free(res);
    fs_reader_free(r);
}

/* ---- several inputs (fs_aggregate_inputs, fs_inputs_*) ---- */

static const char *archive(const char *file)
{
    static char buf[4][4096];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/archives/%s", FORCESTAT_TEST_DATA, file);
    return buf[k];
}

/* Two files, their archive, and the files again give the same groups as
 * their concatenation would: Kent 1 + 5, Essex 2, Surrey 2. */
static void inputs_read_as_their_concatenation(void)
{
    const char *by[] = {"force"};
    fs_aggregate_spec_t spec = {by, 1, "v", NULL, 0, NULL, NULL, NULL};
    const char *files[] = {archive("a.csv"), archive("b.csv")};
    const char *zip[] = {archive("ab.zip")};
    fs_aggregate_notes_t notes;
    fs_aggregate_result_t *res;
    fs_error_t e;
    for (int pass = 0; pass < 2; pass++) {
        CU_ASSERT_EQUAL_FATAL(fs_aggregate_inputs(pass ? zip : files, pass ? 1 : 2, &spec, NULL,
                                                  NULL, 2, &res, &notes, &e),
                              FS_OK);
        CU_ASSERT_EQUAL(notes.inputs, 2);
        CU_ASSERT_EQUAL_FATAL(res->ngroups, 3);
        CU_ASSERT_STRING_EQUAL(res->groups[0].keys[0], "Kent");
        CU_ASSERT_EQUAL(res->groups[0].numerator, 6.0);
        CU_ASSERT_EQUAL(res->groups[0].rows, 2);
        CU_ASSERT_STRING_EQUAL(res->groups[2].keys[0], "Surrey");
        CU_ASSERT_EQUAL(res->rows_read, 4);
        fs_aggregate_result_free(res);
    }
    /* Counting: no sum column; the rows are the counts. */
    fs_aggregate_more_t more = {0};
    more.count = 1;
    spec.sum = NULL;
    CU_ASSERT_EQUAL_FATAL(fs_aggregate_inputs(zip, 1, &spec, &more, NULL, 1, &res, NULL, &e),
                          FS_OK);
    CU_ASSERT_EQUAL(res->groups[0].rows, 2);
    CU_ASSERT_EQUAL(res->groups[1].numerator, 1.0);
    fs_aggregate_result_free(res);
    CU_ASSERT_EQUAL_FATAL(fs_aggregate_inputs(files, 1, &spec, &more, NULL, 1, &res, NULL, &e),
                          FS_OK);
    CU_ASSERT_EQUAL(res->groups[0].rows, 1);
    fs_aggregate_result_free(res);
}

static const char *temp_file(const char *name, const char *text)
{
    static char path[4][64];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "/tmp/fs_agg_%ld_%s", (long)getpid(), name);
    FILE *f = fopen(path[k], "w");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
    return path[k];
}

/* Codes through a lookup; a code it lacks counted; a Crime ID once. */
static void lookup_and_distinct(void)
{
    const char *data = temp_file("data.csv", "id,code,n\n"
                                             "c1,L1\xc2\xa0,1\nc2,L2,2\nc1,L1,4\n,L2,8\n,L2,16\n"
                                             "c3,L9,32\nc4,,64\nc3,L1,128\n");
    /* Codes trimmed of blanks (inside quotes too) and no-break spaces. */
    const char *lookup = temp_file("lookup.csv", "LSOA,PFA\nL1,Kent\n\" L2 \",Essex\n");
    const char *by[] = {"PFA"};
    fs_aggregate_spec_t spec = {by, 1, "n", NULL, 0, NULL, NULL, NULL};
    fs_aggregate_more_t more = {0};
    more.lookup_path = lookup;
    more.lookup_key = "code";
    more.lookup_file_key = "LSOA";
    more.lookup_to = "PFA";
    more.distinct = "id";
    fs_aggregate_notes_t notes;
    fs_aggregate_result_t *res;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_aggregate_inputs(&data, 1, &spec, &more, NULL, 1, &res, &notes, &e),
                          FS_OK);
    CU_ASSERT_EQUAL_FATAL(res->ngroups, 2);
    CU_ASSERT_STRING_EQUAL(res->groups[0].keys[0], "Kent");
    CU_ASSERT_EQUAL(res->groups[0].numerator, 1.0 + 128.0); /* c1 once; c3 first unmatched */
    CU_ASSERT_EQUAL(res->groups[1].numerator, 2.0 + 8.0 + 16.0);
    CU_ASSERT_EQUAL(notes.unmatched, 1);
    CU_ASSERT_STRING_EQUAL(notes.unmatched_code, "L9");
    CU_ASSERT_STRING_EQUAL(notes.unmatched_file, data);
    CU_ASSERT_EQUAL(notes.duplicates, 1);
    CU_ASSERT_EQUAL(res->missing_keys, 1);
    fs_aggregate_result_free(res);
    unlink(data);
    unlink(lookup);
}

static void inputs_report_their_statuses(void)
{
    const char *by[] = {"force"};
    fs_aggregate_spec_t spec = {by, 1, NULL, NULL, 0, NULL, NULL, NULL};
    fs_aggregate_more_t more = {0};
    fs_aggregate_result_t *res;
    fs_error_t e;
    const char *a[] = {archive("a.csv"), archive("png.zip")};
    CU_ASSERT_EQUAL(fs_aggregate_inputs(a, 1, &spec, &more, NULL, 1, &res, NULL, &e), FS_EINVAL);
    more.count = 1;
    CU_ASSERT_EQUAL(fs_aggregate_inputs(a, 2, &spec, &more, NULL, 1, &res, NULL, &e), FS_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(e.file, archive("png.zip"));
    const char *wide = temp_file("wide.csv", "force,v,w\nKent,1,2\n");
    const char *ab[] = {archive("a.csv"), wide};
    CU_ASSERT_EQUAL(fs_aggregate_inputs(ab, 2, &spec, &more, NULL, 1, &res, NULL, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 1);
    CU_ASSERT_EQUAL(e.column, 3);
    more.lookup_path = temp_file("twice.csv", "code,PFA\nKent,A\nKent,B\n");
    more.lookup_key = "force";
    more.lookup_file_key = "code";
    more.lookup_to = "PFA";
    CU_ASSERT_EQUAL(fs_aggregate_inputs(a, 1, &spec, &more, NULL, 1, &res, NULL, &e), FS_EINVAL);
    by[0] = "PFA";
    CU_ASSERT_EQUAL(fs_aggregate_inputs(a, 1, &spec, &more, NULL, 1, &res, NULL, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 3);
    unlink(wide);
    unlink(more.lookup_path);
}

/* The inputs of one file of tests/data/archives. */
static fs_inputs_t *inputs_of(const char *file, const char *glob, const fs_sheet_choice_t *which)
{
    static const char *path[1];
    path[0] = archive(file);
    fs_inputs_t *in = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_inputs_open(&in, path, 1, glob, which, NULL, &e), FS_OK);
    return in;
}

/* Reads the records of r to its end: FS_EOF, or the error. */
static fs_status_t drain(fs_reader_t *r, fs_error_t *e)
{
    fs_record_t rec;
    fs_status_t st;
    while ((st = fs_reader_next(r, &rec, e)) == FS_OK)
        ;
    return st;
}

/* The hostile archives of tests/archives/make_archives.c (regenerated and
 * compared by tests/cli/archives.cases). */
static void hostile_archives_are_refused(void)
{
    fs_error_t e;
    fs_reader_t *r;
    fs_sheet_choice_t sheet = {"1", NULL};
    fs_inputs_t *in = inputs_of("evil.zip", NULL, NULL);
    CU_ASSERT_EQUAL(fs_inputs_next(in, &r, &e), FS_EPARSE);
    CU_ASSERT_STRING_EQUAL(e.text, "../../x.csv");
    fs_inputs_free(in);
    in = inputs_of("up.zip", NULL, NULL);
    CU_ASSERT_EQUAL(fs_inputs_next(in, &r, &e), FS_EPARSE);
    fs_inputs_free(in);
    in = inputs_of("truncated.zip", NULL, NULL);
    CU_ASSERT_EQUAL(fs_inputs_next(in, &r, &e), FS_EPARSE);
    fs_inputs_free(in);
    in = inputs_of("png.zip", NULL, NULL);
    CU_ASSERT_EQUAL(fs_inputs_next(in, &r, &e), FS_ENOTFOUND);
    fs_inputs_free(in);
    in = inputs_of("empty.zip", NULL, NULL);
    CU_ASSERT_EQUAL(fs_inputs_next(in, &r, &e), FS_ENOTFOUND);
    fs_inputs_free(in);
    in = inputs_of("ab.zip", NULL, &sheet);
    CU_ASSERT_EQUAL(fs_inputs_next(in, &r, &e), FS_EINVAL);
    fs_inputs_free(in);
    /* The limits stop the member's reader, in bounded memory. */
    in = inputs_of("bomb.zip", NULL, NULL);
    CU_ASSERT_EQUAL_FATAL(fs_inputs_next(in, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(drain(r, &e), FS_ELIMIT);
    fs_inputs_free(in);
    in = inputs_of("nested.zip", NULL, NULL);
    CU_ASSERT_EQUAL_FATAL(fs_inputs_next(in, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(drain(r, &e), FS_EPARSE);
    fs_inputs_free(in);
    /* Every member with "*", in the archive's order, the folder's too. */
    in = inputs_of("ab.zip", "*", NULL);
    const char *names[] = {":a.csv", ":notes/readme.txt", ":b.csv"};
    for (int k = 0; k < 3; k++) {
        CU_ASSERT_EQUAL_FATAL(fs_inputs_next(in, &r, &e), FS_OK);
        const char *name = fs_reader_name(r);
        CU_ASSERT(strlen(name) > strlen(names[k]) &&
                  strcmp(name + strlen(name) - strlen(names[k]), names[k]) == 0);
        CU_ASSERT_EQUAL(drain(r, &e), FS_EOF);
    }
    CU_ASSERT_EQUAL(fs_inputs_next(in, &r, &e), FS_EOF);
    fs_inputs_free(in);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"sums by group in first-appearance order", sums_by_group_in_first_appearance_order},
        {"where gives numerator and denominator", where_gives_numerator_and_denominator},
        {"keys with commas do not collide", keys_with_commas_do_not_collide},
        {"many groups; compensated sums", many_groups_and_compensated_sums},
        {"errors name the line", errors_name_the_line},
        {"rolling windows", rolling_windows},
        {"parallel equals sequential", parallel_equals_sequential},
        {"parallel keeps the compensation", parallel_keeps_the_compensation},
        {"the streaming call reports its statuses", the_streaming_call_reports_its_statuses},
        {"inputs read as their concatenation", inputs_read_as_their_concatenation},
        {"lookup and distinct", lookup_and_distinct},
        {"inputs report their statuses", inputs_report_their_statuses},
        {"hostile archives are refused", hostile_archives_are_refused},
        {NULL, NULL}};
    return tu_add_suite("aggregate", tests);
}

const test_suite_t suite_aggregate = {"aggregate", add};

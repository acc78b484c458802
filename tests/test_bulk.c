/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_bulk.c: the bulk reader's fast path (lines without quotes split
 * with memchr, not libcsv) proven equal to libcsv.  Each input is read
 * twice: by fs_reader_next, which feeds libcsv line by line and never
 * takes the fast path, and by fs_reader_for_each, which takes it; the
 * records (every field's bytes) and the outcome must be the same.  The
 * inputs: hand-made edge cases and random strings over the bytes that
 * matter, each with a buffer boundary at every offset; the fuzz corpus;
 * and the public data files, when the folder is there. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader_internal.h"
#include "testutil.h"

/* What a reader gave: a digest of every record, their number, and
 * whether the input was read to its end without error. */
typedef struct outcome {
    uint64_t digest;
    size_t records;
    int ok;
    size_t limit; /* stop after this many records (0: none) */
} outcome_t;

static void digest_bytes(uint64_t *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        *h ^= s[i];
        *h *= 1099511628211ull; /* FNV-1a */
    }
}

static void digest_record(outcome_t *o, const fs_record_t *rec)
{
    digest_bytes(&o->digest, &rec->nfields, sizeof rec->nfields);
    for (size_t i = 0; i < rec->nfields; i++) {
        digest_bytes(&o->digest, &rec->lens[i], sizeof rec->lens[i]);
        digest_bytes(&o->digest, rec->fields[i], rec->lens[i]);
    }
    o->records++;
}

static fs_status_t sink(const fs_record_t *rec, void *ctx)
{
    outcome_t *o = ctx;
    digest_record(o, rec);
    return o->limit > 0 && o->records == o->limit ? FS_EOF : FS_OK;
}

/* The columns both readers keep (fs_reader_project), or NULL for all:
 * the bulk path adds the others its own quick way. */
static const unsigned char *projection;
static size_t nprojection;

static fs_reader_t *open_input(const char *path, const void *data, size_t len, size_t chunk)
{
    fs_reader_t *r = NULL;
    fs_error_t e;
    fs_status_t st = path != NULL ? fs_reader_open(&r, path, NULL, &e)
                                  : fs_reader_open_memory(&r, data, len, "mem", NULL, &e);
    CU_ASSERT_EQUAL_FATAL(st, FS_OK);
    if (projection != NULL)
        CU_ASSERT_EQUAL_FATAL(fs_reader_project(r, projection, nprojection), FS_OK);
    if (chunk > 0)
        fs_reader_set_chunk_size(r, chunk);
    return r;
}

/* libcsv, line by line. */
static outcome_t by_libcsv(const char *path, const void *data, size_t len, size_t chunk,
                           size_t limit)
{
    outcome_t o = {14695981039346656037ull, 0, 0, limit};
    fs_reader_t *r = open_input(path, data, len, chunk);
    fs_record_t rec;
    fs_error_t e;
    fs_status_t st;
    while ((st = fs_reader_next(r, &rec, &e)) == FS_OK) {
        digest_record(&o, &rec);
        if (limit > 0 && o.records == limit) {
            st = FS_EOF;
            break;
        }
    }
    o.ok = st == FS_EOF;
    fs_reader_free(r);
    return o;
}

/* The bulk path. */
static outcome_t by_bulk(const char *path, const void *data, size_t len, size_t chunk,
                         size_t limit)
{
    outcome_t o = {14695981039346656037ull, 0, 0, limit};
    fs_reader_t *r = open_input(path, data, len, chunk);
    fs_error_t e;
    fs_error_clear(&e);
    fs_status_t st = fs_reader_for_each(r, sink, &o, &e);
    o.ok = st == FS_OK || (limit > 0 && st == FS_EOF);
    fs_reader_free(r);
    return o;
}

static size_t compared, differing;

/* Both ways over one input with a buffer of `chunk` bytes: the same
 * outcome, and on success the same records. */
static int same(const char *path, const void *data, size_t len, size_t chunk, size_t limit)
{
    outcome_t a = by_libcsv(path, data, len, chunk, limit);
    outcome_t b = by_bulk(path, data, len, chunk, limit);
    int equal = a.ok == b.ok && (!a.ok || (a.records == b.records && a.digest == b.digest));
    compared++;
    if (!equal) {
        differing++;
        if (differing <= 5)
            fprintf(stderr, "\n  differ (chunk %zu): libcsv %s %zu records, bulk %s %zu: %s%.*s\n",
                    chunk, a.ok ? "ok" : "failed", a.records, b.ok ? "ok" : "failed", b.records,
                    path ? path : "", path ? 0 : (int)(len < 60 ? len : 60),
                    data ? (const char *)data : "");
    }
    return equal;
}

/* One input with a buffer boundary at every offset. */
static int same_every_split(const char *s, size_t len)
{
    int ok = 1;
    for (size_t chunk = 1; chunk <= len + 1; chunk++)
        ok &= same(NULL, s, len, chunk, 0);
    return ok;
}

static void edge_cases(void)
{
    static const char *const cases[] = {
        "a,b\n1,2\n",
        "a,b\r\n1,2\r\n",
        "a,b\r1,2\r",
        "a,b\n1,2",                       /* no final line end */
        "a,b\r\n1,2\n3,4\r5,6",           /* mixed line ends */
        "a,b\n\n\n1,2\n\r\n\r\n",         /* blank lines */
        "a,b\n   \n\t\n 1 , 2 \n",        /* lines of blanks; blanks around fields */
        "a,b\n\t1\t,\t2\t\n",
        ",,\n,\n,a,\n",                   /* empty fields */
        "a,b,\n1,2,\n",                   /* a trailing comma */
        "a\n\"q\",2\n",                   /* a quote at a record's start */
        "a,b\n1,\"x,y\"\n2,3\n",          /* a comma inside quotes */
        "a,b\n1,\"x\ny\"\n2,3\n",         /* a line end inside quotes */
        "a,b\n1,\"x\r\ny\",z\n2,3\n",
        "a,b\n1,\"say \"\"hi\"\"\"\n",    /* escaped quotes */
        "a,b\n1,x\"y\n",                  /* a quote inside an unquoted field: an error */
        "a,b\n1,\"x\"y\n",                /* text after a closing quote: an error */
        "a,b\n1,\"unclosed\n2,3\n",       /* an unclosed quote at the end: an error */
        "\xEF\xBB\xBF" "a,b\n1,2\n",      /* a byte order mark */
        "name\nB\xC3\xA9ziers\n",         /* UTF-8 */
        "name\nB\xE9ziers\n",             /* not UTF-8: an error */
        "a,b\n1,2\n\"\"\n",               /* an empty quoted field */
        "a,\"\"\n\"\",b\n",
        " \"a\" ,b\n",                    /* blanks around a quoted field */
        "a\r\n\"b\r\nc\"\r\n",
        "\n\n",
        "",
        ",",
        "\"",
        "a,b\n1,2\n3",
    };
    int ok = 1;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ok &= same_every_split(cases[i], strlen(cases[i]));
    CU_ASSERT_TRUE(ok);
    /* A long line of many fields, split everywhere. */
    char wide[2100];
    size_t k = 0;
    for (int i = 0; i < 400 && k + 6 < sizeof wide; i++)
        k += (size_t)snprintf(wide + k, sizeof wide - k, "%s%d", i ? "," : "", i);
    wide[k++] = '\n';
    CU_ASSERT_TRUE(same_every_split(wide, k));
}

/* Random strings over the bytes that steer a CSV parser. */
static void random_strings_n(int count)
{
    static const char alphabet[] = {'a', 'b', '1', ',', ',', '"', '\n', '\r', ' ', '\t'};
    uint64_t x = 0x9E3779B97F4A7C15ull;
    int ok = 1;
    for (int n = 0; n < count; n++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t len = (size_t)(x % 40);
        char s[48];
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s[i] = alphabet[x % sizeof alphabet];
        }
        ok &= same_every_split(s, len);
    }
    CU_ASSERT_TRUE(ok);
}

static void random_strings(void)
{
    random_strings_n(3000);
}

/* The same with columns 1 and 3 projected out (an aggregate reads only
 * the columns it names): the bulk path adds those fields without
 * add_field, and must give what libcsv's path gives, an empty field. */
static void projected(void)
{
    static const unsigned char keep[] = {1, 0, 1, 0};
    projection = keep;
    nprojection = sizeof keep;
    edge_cases();
    random_strings_n(1000);
    projection = NULL;
    nprojection = 0;
}

/* Every file of a folder, with buffers of a few sizes: with a limit, its
 * first `limit` records with the reader's own buffer and its first
 * limit / 10 with the small ones (a buffer boundary falls at every offset
 * within them; the edge cases and random strings split at every byte). */
static int same_folder(const char *dir, size_t limit)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int ok = 1, files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        const char *path = tu_path(dir, e->d_name);
        char copy[1024];
        snprintf(copy, sizeof copy, "%s", path);
        static const size_t chunks[] = {1, 2, 3, 7, 64, 4093, 0};
        for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            /* Byte by byte only for small files: the rest is slow. */
            if (chunks[c] > 0 && chunks[c] < 64 && limit > 0)
                continue;
            ok &= same(copy, NULL, 0, chunks[c], chunks[c] > 0 ? limit / 10 : limit);
        }
        files++;
    }
    closedir(d);
    return files > 0 ? ok : -1;
}

static void fuzz_corpus(void)
{
    static const char *const harnesses[] = {"reader", "aggregate", "outliers", "compare"};
    for (size_t h = 0; h < sizeof harnesses / sizeof harnesses[0]; h++) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", FORCESTAT_SOURCE_DIR, harnesses[h]);
        int ok = same_folder(dir, 0);
        CU_ASSERT_EQUAL(ok, 1);
    }
}

/* The public files, plain and gzip: their first 200,000 records (the
 * whole of most), and their first 20,000 with buffers of 64 and 4093
 * bytes. */
static void public_files(void)
{
    const char *dir = getenv("FORCESTAT_SHARED_DATA");
    if (dir == NULL || dir[0] == '\0') {
        fprintf(stderr, "(no FORCESTAT_SHARED_DATA: public files not compared) ");
        CU_PASS("skipped");
        return;
    }
    CU_ASSERT_EQUAL(same_folder(dir, 200000), 1);
}

/* The read limits hold on the bulk path as on the line reader: a field
 * longer than max_field_bytes, a record longer than max_record_bytes, or
 * more than max_fields fields is FS_ELIMIT, whether its line is split here
 * or goes to libcsv.  A field or record still being built (a line without
 * its end yet, or a quoted field) is checked as the bytes arrive, after
 * each chunk, so memory stays within the limit plus a chunk: below, the
 * growing field reaches the limit chunks before the NUL byte that would
 * otherwise end the read as malformed (FS_EPARSE). */
static fs_status_t status_of(const char *data, size_t len, size_t chunk, int bulk,
                             const fs_read_options_t *opt)
{
    fs_reader_t *r = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_reader_open_memory(&r, data, len, "mem", opt, &e), FS_OK);
    fs_reader_set_chunk_size(r, chunk);
    fs_status_t st;
    if (bulk) {
        outcome_t o = {14695981039346656037ull, 0, 0, 0};
        st = fs_reader_for_each(r, sink, &o, &e);
    } else {
        fs_record_t rec;
        while ((st = fs_reader_next(r, &rec, &e)) == FS_OK)
            ;
    }
    fs_reader_free(r);
    return st;
}

static void limits_hold_on_the_bulk_path(void)
{
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.max_field_bytes = 16;
    opt.max_record_bytes = 40;
    opt.max_fields = 3;
    char growing[200], quoted[200], record[200];
    /* An unquoted field of 60 bytes in a line not ended until after a NUL. */
    int n1 = snprintf(growing, sizeof growing, "a,b\n%060d", 0);
    growing[n1] = '\0';
    size_t len1 = (size_t)n1 + 1; /* the NUL is part of the input */
    /* A quoted field of 60 bytes, then a NUL. */
    int n2 = snprintf(quoted, sizeof quoted, "a,b\n1,\"%060d", 0);
    size_t len2 = (size_t)n2 + 1;
    /* Fields of 15 bytes (16 with their ends): two make 32, and the
     * third, 12 bytes, passes 40 before it passes 16 bytes itself. */
    int n3 = snprintf(record, sizeof record, "a,b\n%015d,%015d,%012d%040d", 1, 2, 3, 0);
    size_t len3 = (size_t)n3 + 1;
    static const char *const ended[] = {"a,b\n12345678901234567,1\n", "a,b\n1,2,3,4\n",
                                        "a,b\n123456789012345,123456789012345,123456789012345\n"};
    static const size_t chunks[] = {4, 8, 13};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        for (int bulk = 0; bulk <= 1; bulk++) {
            CU_ASSERT_EQUAL(status_of(growing, len1, chunks[c], bulk, &opt), FS_ELIMIT);
            CU_ASSERT_EQUAL(status_of(quoted, len2, chunks[c], bulk, &opt), FS_ELIMIT);
            CU_ASSERT_EQUAL(status_of(record, len3, chunks[c], bulk, &opt), FS_ELIMIT);
            for (size_t k = 0; k < sizeof ended / sizeof ended[0]; k++)
                CU_ASSERT_EQUAL(status_of(ended[k], strlen(ended[k]), chunks[c], bulk, &opt),
                                FS_ELIMIT);
        }
    }
    /* Within the limits: read whole. */
    static const char fits[] = "a,b\n123456789012345,1\n";
    CU_ASSERT_EQUAL(status_of(fits, strlen(fits), 8, 1, &opt), FS_OK);
    CU_ASSERT_EQUAL(status_of(fits, strlen(fits), 8, 0, &opt), FS_EOF);
}

static void nothing_differed(void)
{
    /* Every comparison above was made and none differed. */
    CU_ASSERT(compared > 60000);
    CU_ASSERT_EQUAL(differing, 0);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"edge cases, every split", edge_cases},
        {"random strings, every split", random_strings},
        {"projected columns", projected},
        {"the fuzz corpus", fuzz_corpus},
        {"the public files", public_files},
        {"the read limits hold on the bulk path", limits_hold_on_the_bulk_path},
        {"nothing differed", nothing_differed},
        {NULL, NULL}};
    return tu_add_suite("bulk", tests);
}

const test_suite_t suite_bulk = {"bulk", add};

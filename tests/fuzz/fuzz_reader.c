/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_reader.c: the dataset reader, `check`'s description and the
 * numeric columns behind every command; and the bulk reader's fast path
 * against libcsv: the same bytes read record by record (libcsv, line by
 * line) and in bulk (lines without quotes split without libcsv), with a
 * buffer size the input chooses, must give the same records and the same
 * outcome. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "io/reader_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct digest {
    uint64_t h;
    size_t records;
} digest_t;

static void mix(digest_t *d, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        d->h ^= s[i];
        d->h *= 1099511628211ull;
    }
}

static void add(digest_t *d, const fs_record_t *rec)
{
    mix(d, &rec->nfields, sizeof rec->nfields);
    for (size_t i = 0; i < rec->nfields; i++) {
        mix(d, &rec->lens[i], sizeof rec->lens[i]);
        mix(d, rec->fields[i], rec->lens[i]);
    }
    d->records++;
}

static fs_status_t sink(const fs_record_t *rec, void *ctx)
{
    add(ctx, rec);
    return FS_OK;
}

/* Both ways; aborts when they differ. */
static void bulk_equals_libcsv(const uint8_t *data, size_t size, size_t chunk)
{
    fs_reader_t *a, *b;
    fs_error_t err;
    if (fs_reader_open_memory(&a, data, size, "fuzz", NULL, &err) != FS_OK)
        return;
    if (fs_reader_open_memory(&b, data, size, "fuzz", NULL, &err) != FS_OK) {
        fs_reader_free(a);
        return;
    }
    fs_reader_set_chunk_size(a, chunk);
    fs_reader_set_chunk_size(b, chunk);
    digest_t da = {14695981039346656037ull, 0}, db = da;
    fs_record_t rec;
    fs_status_t st;
    while ((st = fs_reader_next(a, &rec, &err)) == FS_OK)
        add(&da, &rec);
    int ok_a = st == FS_EOF;
    fs_error_clear(&err);
    int ok_b = fs_reader_for_each(b, sink, &db, &err) == FS_OK;
    fs_reader_free(a);
    fs_reader_free(b);
    if (ok_a != ok_b || (ok_a && (da.h != db.h || da.records != db.records)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bulk_equals_libcsv(data, size, size > 0 ? (size_t)(data[size - 1] % 64) + 1 : 1);
    fs_table_t *t = fuzz_table(data, size);
    if (t == NULL)
        return 0;
    fs_description_t *d;
    fs_error_t err;
    if (t->ncols > 0 && fs_describe(t, 0, &d, &err) == FS_OK)
        fs_description_free(d);
    double *v = malloc((t->nrows ? t->nrows : 1) * sizeof *v);
    for (size_t c = 0; v != NULL && c < t->ncols; c++)
        (void)fs_table_numeric_column(t, c, v, &err);
    free(v);
    fs_table_free(t);
    return 0;
}

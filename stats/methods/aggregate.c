/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aggregate.c: streaming group-and-sum with an open-addressing hash table.
 *
 * Keys are the grouping fields packed as (length, bytes) pairs, so that
 * ("a,b", "c") and ("a", "b,c") never collide; the packed keys live in
 * one arena.  Sums are Neumaier-compensated: Home Office counts are
 * integers (exact in a double up to 2^53 anyway), but FTE columns are
 * decimals, and a plain running sum over 25,000 rows drifts in the last
 * digits that published totals are checked against. */
#include "forcestat/aggregate.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../io/lookup.h"
#include "../io/source.h"
#include "../io/workbook.h"
#include "compensated.h"
#include "forcestat/number.h"

/* A group: 56 bytes.  Its key's hash is not kept (it is computed again
 * when the slots grow): with a million groups that is 8 MB less. */
typedef struct group {
    size_t key_off;
    uint32_t key_len; /* a key is at most a record: max_record_bytes */
    int32_t decimals; /* the most decimals among its values; -1: a value had an exponent */
    csum_t num, den;
    size_t rows;
} group_t;

/* The decimals a value was written with ("2803.29" 2, "1,250" 0), or -1
 * when it has an exponent (its decimals are not its precision). */
static int decimals_of(const char *s, size_t n)
{
    int dec = -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == 'e' || c == 'E')
            return -1;
        if (c == '.')
            dec = 0;
        else if (dec >= 0 && c >= '0' && c <= '9')
            dec++;
    }
    return dec < 0 ? 0 : dec;
}

/* A sum of values written with at most `decimals` decimals, rounded to
 * them: the decimal sum itself, which the compensated sum is far closer
 * to than half a unit of the last decimal (2803.29, not 2803.289999999999). */
static double at_decimals(double x, int decimals)
{
    if (decimals < 0 || decimals > 15 || !isfinite(x) || fabs(x) >= 1e15)
        return x;
    if (x == trunc(x))
        return x; /* a whole number (counts): printed and read back, it is itself */
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return strtod(buf, NULL);
}

typedef struct storage {
    char *keys;
    size_t keys_len, keys_cap;
    group_t *groups;
    size_t ngroups, groups_cap;
    uint32_t *slots; /* group index + 1; 0 is empty */
    size_t nslots;
    char *key_text; /* the unpacked keys handed out in the result */
    char **key_ptrs;
} storage_t;

static void storage_free(storage_t *s);

/* FNV-1a, 64 bit: the hash --distinct remembers a value by. */
static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* The hash of a group's packed key: 8 bytes a step (a multiply and a
 * rotation each, then a final mix of the bits, so that the low bits the
 * slots use depend on every byte).  Only where a key sits in the table
 * depends on it, never the output: the groups keep their order of first
 * appearance. */
static uint64_t hash_key(const char *p, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = (uint64_t)n * k;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, sizeof w);
        h = (h ^ w) * k;
        h = (h << 31) | (h >> 33);
    }
    if (i < n) {
        uint64_t w = 0;
        memcpy(&w, p + i, n - i);
        h = (h ^ w) * k;
    }
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

static int grow_slots(storage_t *s)
{
    size_t n = s->nslots ? s->nslots * 2 : 1024;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return 0;
    for (size_t g = 0; g < s->ngroups; g++) {
        const group_t *grp = &s->groups[g];
        size_t i = (size_t)(hash_key(s->keys + grp->key_off, grp->key_len) & (n - 1));
        while (slots[i] != 0)
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)(g + 1);
    }
    free(s->slots);
    s->slots = slots;
    s->nslots = n;
    return 1;
}

/* Finds or creates the group of a packed key; returns NULL when out of
 * memory (or, the same in practice, past 2^32 - 2 groups). */
static group_t *lookup(storage_t *s, const char *key, size_t len)
{
    if (s->ngroups >= UINT32_MAX - 1 || len > UINT32_MAX)
        return NULL;
    if (2 * (s->ngroups + 1) > s->nslots && !grow_slots(s))
        return NULL;
    size_t i = (size_t)(hash_key(key, len) & (s->nslots - 1));
    while (s->slots[i] != 0) {
        group_t *g = &s->groups[s->slots[i] - 1];
        if (g->key_len == len && memcmp(s->keys + g->key_off, key, len) == 0)
            return g;
        i = (i + 1) & (s->nslots - 1);
    }
    if (s->ngroups == s->groups_cap) {
        size_t cap = s->groups_cap ? s->groups_cap * 2 : 64;
        group_t *g = realloc(s->groups, cap * sizeof *g);
        if (g == NULL)
            return NULL;
        s->groups = g;
        s->groups_cap = cap;
    }
    if (s->keys_len + len > s->keys_cap) {
        size_t cap = s->keys_cap ? s->keys_cap : 4096;
        while (cap < s->keys_len + len)
            cap *= 2;
        char *k = realloc(s->keys, cap);
        if (k == NULL)
            return NULL;
        s->keys = k;
        s->keys_cap = cap;
    }
    memcpy(s->keys + s->keys_len, key, len);
    group_t *g = &s->groups[s->ngroups];
    memset(g, 0, sizeof *g);
    g->key_off = s->keys_len;
    g->key_len = (uint32_t)len;
    s->keys_len += len;
    s->slots[i] = (uint32_t)++s->ngroups;
    return g;
}

void fs_aggregate_result_free(fs_aggregate_result_t *res)
{
    if (res == NULL)
        return;
    storage_free(res->storage_);
    free(res->groups);
    free(res);
}

static fs_status_t find(const fs_record_t *header, const char *name, const char *file,
                        size_t *col, fs_error_t *err)
{
    for (size_t i = 0; i < header->nfields; i++) {
        if (strcmp(header->fields[i], name) == 0) {
            *col = i;
            return FS_OK;
        }
    }
    fs_error_at(err, file, header->line, 0, name, strlen(name));
    return fs_error_set(err, FS_ENOTFOUND, "no such column in the header");
}

/* The result's groups are written over the storage's, which are at
 * least as large (in place: see finish). */
_Static_assert(sizeof(fs_aggregate_group_t) <= sizeof(group_t),
               "a result group fits where a group was");

/* Unpacks the packed keys into NUL-terminated strings, in place: each
 * field's 4-byte length gives way to its text and a NUL, so the text is
 * never ahead of what is still to be read (the keys lie in the arena in
 * the order of their groups, each group's after the one before). */
static void unpack_keys(storage_t *s, size_t nby)
{
    size_t out = 0;
    for (size_t g = 0; g < s->ngroups; g++) {
        const char *p = s->keys + s->groups[g].key_off;
        for (size_t k = 0; k < nby; k++) {
            uint32_t len;
            memcpy(&len, p, sizeof len);
            s->key_ptrs[g * nby + k] = s->keys + out;
            memmove(s->keys + out, p + sizeof len, len);
            out += len;
            s->keys[out++] = '\0';
            p += sizeof len + len;
        }
    }
}

/* Turns the storage into the result, in place to keep the peak of
 * memory down (a million groups): the slots go first, the keys are
 * unpacked where they are, and each result group is written over the
 * storage's groups, read before it is overwritten (result group g ends
 * before group g + 1 starts), then the array is shrunk. */
static fs_status_t finish(fs_aggregate_result_t *res, storage_t *s, size_t nby)
{
    free(s->slots);
    s->slots = NULL;
    s->nslots = 0;
    size_t nkeys = s->ngroups * nby;
    s->key_ptrs = malloc((nkeys > 0 ? nkeys : 1) * sizeof *s->key_ptrs);
    if (s->key_ptrs == NULL)
        return FS_ENOMEM;
    unpack_keys(s, nby);
    s->key_text = s->keys;
    s->keys = NULL;
    for (size_t g = 0; g < s->ngroups; g++) {
        group_t grp;
        memcpy(&grp, &s->groups[g], sizeof grp);
        fs_aggregate_group_t out = {
            &s->key_ptrs[g * nby], at_decimals(csum_value(&grp.num), grp.decimals),
            at_decimals(csum_value(&grp.den), grp.decimals), grp.rows, grp.decimals};
        memcpy((char *)s->groups + g * sizeof out, &out, sizeof out);
    }
    void *groups = s->groups;
    s->groups = NULL;
    s->groups_cap = 0;
    if (groups == NULL && (groups = calloc(1, sizeof *res->groups)) == NULL)
        return FS_ENOMEM;
    void *shrunk = s->ngroups > 0 ? realloc(groups, s->ngroups * sizeof *res->groups) : groups;
    res->groups = shrunk != NULL ? shrunk : groups;
    res->ngroups = s->ngroups;
    return shrunk != NULL ? FS_OK : FS_ENOMEM; /* a shrink that failed: as any allocation */
}

/* A sum beyond double precision is an error naming its group, never an
 * empty or infinite cell. */
static fs_status_t check_finite(const fs_aggregate_result_t *res, const char *file,
                                fs_error_t *err)
{
    for (size_t g = 0; g < res->ngroups; g++) {
        const fs_aggregate_group_t *grp = &res->groups[g];
        if (!isfinite(grp->numerator) || !isfinite(grp->denominator)) {
            fs_error_at(err, file, 0, 0, grp->keys[0], strlen(grp->keys[0]));
            return fs_error_set(err, FS_EDOM,
                                "a sum is beyond double precision (over %g) in the group", DBL_MAX);
        }
    }
    return FS_OK;
}

/* The repeated values of a distinct column, remembered by a 64-bit hash
 * (0 marks an empty slot, so a hash of 0 is taken as 1), at most
 * MAX_DISTINCT of them at half load: memory grows with the distinct
 * values (16 bytes each), not with the rows. */
#define MAX_DISTINCT (1ull << 26)
typedef struct seen {
    uint64_t *slots;
    size_t nslots, n;
} seen_t;

/* What fs_aggregate_inputs adds (fs_aggregate_more_t), as the rows need it. */
typedef struct extra {
    int count;
    const fs_lookup_t *lookup;
    size_t to_by; /* the grouping column the lookup fills, or NO_COL */
    const char *lookup_key;
    const char *distinct;
    seen_t *seen;
} extra_t;

/* A column that is not in the header: the sum when counting, a grouping
 * column that a lookup fills. */
#define NO_COL SIZE_MAX

/* Where the named columns are, from the header. */
typedef struct layout {
    size_t ncols, sum_col, where_col;
    size_t *by_cols;
    size_t *filter_cols;
    const extra_t *x; /* NULL: plain sums */
    size_t key_col, distinct_col;
} layout_t;

typedef struct counters {
    size_t rows_read, rows_filtered, missing_values, missing_keys;
    size_t unmatched, duplicates;
    char unmatched_code[64], unmatched_file[512];
} counters_t;

/* Reads the header record of r into *rec. */
static fs_status_t next_header(fs_reader_t *r, fs_record_t *rec, fs_error_t *err)
{
    fs_status_t st = fs_reader_next(r, rec, err);
    if (st == FS_EOF) {
        fs_error_at(err, fs_reader_name(r), 0, 0, NULL, 0);
        return fs_error_set(err, FS_EPARSE, "empty file: a header row is required");
    }
    return st;
}

/* Finds the columns of the lookup's code and the distinct values. */
static fs_status_t locate_extra(const fs_record_t *rec, const char *file, layout_t *lay,
                                fs_error_t *err)
{
    const extra_t *x = lay->x;
    fs_status_t st = FS_OK;
    if (x != NULL && x->lookup != NULL)
        st = find(rec, x->lookup_key, file, &lay->key_col, err);
    if (st == FS_OK && x != NULL && x->distinct != NULL)
        st = find(rec, x->distinct, file, &lay->distinct_col, err);
    return st;
}

/* Finds the named columns in the header record. */
static fs_status_t locate(const fs_record_t *hdr, const fs_aggregate_spec_t *spec, layout_t *lay,
                          const char *file, fs_error_t *err)
{
    const fs_record_t rec = *hdr;
    fs_status_t st;
    lay->ncols = rec.nfields;
    lay->where_col = 0;
    for (size_t k = 0; k < spec->nby; k++) {
        if (lay->x != NULL && k == lay->x->to_by)
            lay->by_cols[k] = NO_COL; /* filled by the lookup */
        else if ((st = find(&rec, spec->by[k], file, &lay->by_cols[k], err)) != FS_OK)
            return st;
    }
    lay->sum_col = NO_COL;
    if (spec->sum != NULL && (st = find(&rec, spec->sum, file, &lay->sum_col, err)) != FS_OK)
        return st;
    if ((st = locate_extra(&rec, file, lay, err)) != FS_OK)
        return st;
    for (size_t k = 0; k < spec->nfilters; k++) {
        if ((st = find(&rec, spec->filters[k].column, file, &lay->filter_cols[k], err)) != FS_OK)
            return st;
    }
    if (spec->where != NULL &&
        (st = find(&rec, spec->where->column, file, &lay->where_col, err)) != FS_OK)
        return st;
    return FS_OK;
}

/* Reads the header record and finds the columns. */
static fs_status_t read_header(fs_reader_t *r, const fs_aggregate_spec_t *spec, layout_t *lay,
                               fs_error_t *err)
{
    fs_record_t rec;
    fs_status_t st = next_header(r, &rec, err);
    return st == FS_OK ? locate(&rec, spec, lay, fs_reader_name(r), err) : st;
}

/* Only the named columns are examined after the header. */
static fs_status_t project(fs_reader_t *r, const fs_aggregate_spec_t *spec, const layout_t *lay)
{
    unsigned char *keep = calloc(lay->ncols ? lay->ncols : 1, 1);
    if (keep == NULL)
        return FS_ENOMEM;
    for (size_t k = 0; k < spec->nby; k++) {
        if (lay->by_cols[k] != NO_COL)
            keep[lay->by_cols[k]] = 1;
    }
    for (size_t k = 0; k < spec->nfilters; k++)
        keep[lay->filter_cols[k]] = 1;
    if (lay->sum_col != NO_COL)
        keep[lay->sum_col] = 1;
    if (lay->x != NULL && lay->x->lookup != NULL)
        keep[lay->key_col] = 1;
    if (lay->x != NULL && lay->x->distinct != NULL)
        keep[lay->distinct_col] = 1;
    if (spec->where != NULL)
        keep[lay->where_col] = 1;
    fs_status_t st = fs_reader_project(r, keep, lay->ncols);
    free(keep);
    return st;
}

/* What one record does to the groups: the shared step of the sequential
 * (fs_reader_next) and bulk (fs_reader_for_each) paths. */
#define MAX_PARTS 16

/* Progress shared by the parts reading one input. */
typedef struct progress {
    const fs_aggregate_spec_t *spec;
    long long total;
    atomic_llong bytes[MAX_PARTS];
    atomic_ullong rows[MAX_PARTS];
    atomic_flag busy;
} progress_t;

static void progress_init(progress_t *p, const fs_aggregate_spec_t *spec, long long total)
{
    p->spec = spec;
    p->total = total;
    for (size_t k = 0; k < MAX_PARTS; k++) {
        atomic_init(&p->bytes[k], 0);
        atomic_init(&p->rows[k], 0);
    }
    atomic_flag_clear(&p->busy);
}

/* Records a part's progress and, unless another thread is doing so,
 * tells the caller the totals. */
static void progress_tell(progress_t *p, unsigned part, long long bytes, unsigned long long rows)
{
    if (p == NULL || p->spec->progress == NULL)
        return;
    atomic_store(&p->bytes[part], bytes);
    atomic_store(&p->rows[part], rows);
    if (atomic_flag_test_and_set(&p->busy))
        return;
    long long b = 0;
    unsigned long long n = 0;
    for (size_t k = 0; k < MAX_PARTS; k++) {
        b += atomic_load(&p->bytes[k]);
        n += atomic_load(&p->rows[k]);
    }
    p->spec->progress(p->spec->progress_arg, b, p->total, n);
    atomic_flag_clear(&p->busy);
}

typedef struct row_ctx {
    const char *file;
    const fs_aggregate_spec_t *spec;
    const layout_t *lay;
    storage_t *s;
    counters_t *cnt;
    char *key;
    size_t key_cap;
    char *prev; /* the last row's key and its group: sorted files repeat keys */
    size_t prev_cap, prev_len, prev_group;
    fs_error_t *err;
    fs_reader_t *reader;
    progress_t *prog;
    unsigned part;
    unsigned long long seen;
} row_ctx_t;

static fs_status_t add_row(const fs_record_t *rec, row_ctx_t *c);

static fs_status_t add_record(const fs_record_t *rec, void *ctx)
{
    row_ctx_t *c = ctx;
    if ((++c->seen & 0xFFFF) == 0)
        progress_tell(c->prog, c->part, fs_reader_bytes_read(c->reader), c->seen);
    return add_row(rec, c);
}

/* A row whose code the lookup lacks: counted, and the first one kept
 * for the message. */
static void note_unmatched(row_ctx_t *c, const char *code, size_t n)
{
    if (c->cnt->unmatched++ > 0)
        return;
    size_t cut = n < sizeof c->cnt->unmatched_code - 1 ? n : sizeof c->cnt->unmatched_code - 1;
    while (cut > 0 && cut < n && ((unsigned char)code[cut] & 0xC0) == 0x80)
        cut--; /* not inside a character */
    memcpy(c->cnt->unmatched_code, code, cut);
    c->cnt->unmatched_code[cut] = '\0';
    snprintf(c->cnt->unmatched_file, sizeof c->cnt->unmatched_file, "%s", c->file);
}

/* Grouping value k of rec: its field, or through the lookup its code's
 * value.  0 when the row is left out (and counted): a missing value, or a
 * code the lookup lacks. */
static int key_field(const fs_record_t *rec, row_ctx_t *c, size_t k, const char **f, size_t *n)
{
    size_t col = c->lay->by_cols[k];
    size_t from = col == NO_COL ? c->lay->key_col : col;
    *f = rec->fields[from];
    *n = rec->lens[from];
    if (fs_is_missing(*f, *n)) {
        c->cnt->missing_keys++;
        return 0;
    }
    if (col != NO_COL)
        return 1;
    size_t len;
    const char *v = fs_lookup_find(c->lay->x->lookup, *f, *n, &len);
    if (v == NULL) {
        note_unmatched(c, *f, *n);
        return 0;
    }
    *f = v;
    *n = len;
    return 1;
}

/* Packs rec's grouping values into c->key: FS_OK with *len, or with
 * *skip when the row is left out; FS_ELIMIT, FS_ENOMEM. */
static fs_status_t build_key(const fs_record_t *rec, row_ctx_t *c, size_t *len, int *skip)
{
    size_t key_len = 0;
    *skip = 0;
    for (size_t k = 0; k < c->spec->nby; k++) {
        const char *f;
        size_t n;
        if (!key_field(rec, c, k, &f, &n)) {
            *skip = 1;
            return FS_OK;
        }
        if (n > UINT32_MAX) {
            fs_error_at(c->err, c->file, rec->line, (long)c->lay->by_cols[k] + 1, NULL, 0);
            return fs_error_set(c->err, FS_ELIMIT, "grouping value too long");
        }
        if (key_len + sizeof(uint32_t) + n > c->key_cap) {
            size_t cap = c->key_cap ? c->key_cap : 256;
            while (cap < key_len + sizeof(uint32_t) + n)
                cap *= 2;
            char *p = realloc(c->key, cap);
            if (p == NULL)
                return fs_error_set(c->err, FS_ENOMEM, "out of memory");
            c->key = p;
            c->key_cap = cap;
        }
        uint32_t len32 = (uint32_t)n;
        memcpy(c->key + key_len, &len32, sizeof len32);
        memcpy(c->key + key_len + sizeof len32, f, n);
        key_len += sizeof len32 + n;
    }
    *len = key_len;
    return FS_OK;
}

/* Whether the n bytes of f were seen before (*dup), remembering them if
 * not.  FS_ELIMIT past MAX_DISTINCT values, FS_ENOMEM. */
static fs_status_t seen_check(seen_t *s, const char *f, size_t n, int *dup, fs_error_t *err)
{
    uint64_t h = hash_bytes(f, n);
    h = h ? h : 1;
    if (2 * (s->n + 1) > s->nslots) {
        if (s->n >= MAX_DISTINCT)
            return fs_error_set(err, FS_ELIMIT, "more than %llu distinct values to remember",
                                (unsigned long long)MAX_DISTINCT);
        size_t m = s->nslots ? s->nslots * 2 : 1024;
        uint64_t *slots = calloc(m, sizeof *slots);
        if (slots == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        for (size_t i = 0; i < s->nslots; i++) {
            size_t j = (size_t)(s->slots[i] & (m - 1));
            while (s->slots[i] != 0 && slots[j] != 0)
                j = (j + 1) & (m - 1);
            if (s->slots[i] != 0)
                slots[j] = s->slots[i];
        }
        free(s->slots);
        s->slots = slots;
        s->nslots = m;
    }
    size_t i = (size_t)(h & (s->nslots - 1));
    while (s->slots[i] != 0 && s->slots[i] != h)
        i = (i + 1) & (s->nslots - 1);
    *dup = s->slots[i] == h;
    if (!*dup) {
        s->slots[i] = h;
        s->n++;
    }
    return FS_OK;
}

/* The row's value: 1 when counting, else its summed field parsed.  *skip
 * when it is a missing value (counted). */
static fs_status_t row_value(const fs_record_t *rec, row_ctx_t *c, double *v, int *dec, int *skip)
{
    size_t sc = c->lay->sum_col;
    const char *why;
    *skip = 0;
    *v = 1;
    *dec = 0;
    if (sc == NO_COL)
        return FS_OK;
    switch (fs_parse_number(rec->fields[sc], rec->lens[sc], v, &why)) {
    case FS_FIELD_MISSING:
        c->cnt->missing_values++;
        *skip = 1;
        return FS_OK;
    case FS_FIELD_INVALID:
        fs_error_at(c->err, c->file, rec->line, (long)sc + 1, rec->fields[sc], rec->lens[sc]);
        return fs_error_set(c->err, FS_EPARSE, "column '%s': %s", c->spec->sum, why);
    case FS_FIELD_NUMBER: break;
    }
    *dec = decimals_of(rec->fields[sc], rec->lens[sc]);
    return FS_OK;
}

/* The group of the key just built in c->key: the last row's when the
 * key is the same (no hashing), else found or made by lookup.  The two
 * key buffers then swap, so c->prev holds this row's key.  NULL when out
 * of memory. */
static group_t *group_of(row_ctx_t *c, size_t key_len)
{
    if (c->prev != NULL && c->prev_len == key_len && memcmp(c->prev, c->key, key_len) == 0)
        return &c->s->groups[c->prev_group];
    group_t *g = lookup(c->s, c->key, key_len);
    if (g == NULL)
        return NULL;
    char *buf = c->prev;
    size_t cap = c->prev_cap;
    c->prev = c->key;
    c->prev_cap = c->key_cap;
    c->prev_len = key_len;
    c->prev_group = (size_t)(g - c->s->groups);
    c->key = buf;
    c->key_cap = cap;
    return g;
}

static fs_status_t add_row(const fs_record_t *rec, row_ctx_t *c)
{
    const layout_t *lay = c->lay;
    const fs_aggregate_spec_t *spec = c->spec;
    c->cnt->rows_read++;
    if (rec->nfields != lay->ncols) {
        long col = (long)(rec->nfields < lay->ncols ? rec->nfields : lay->ncols) + 1;
        fs_error_at(c->err, c->file, rec->line, col, NULL, 0);
        return fs_error_set(c->err, FS_EPARSE, "ragged row: %zu field%s where the header has %zu",
                            rec->nfields, rec->nfields == 1 ? "" : "s", lay->ncols);
    }
    for (size_t k = 0; k < spec->nfilters; k++) {
        if (!fs_match_field(&spec->filters[k], rec->fields[lay->filter_cols[k]],
                            rec->lens[lay->filter_cols[k]])) {
            c->cnt->rows_filtered++;
            return FS_OK;
        }
    }
    size_t key_len = 0;
    int skip = 0, dec = 0;
    double v = 0;
    fs_status_t st = build_key(rec, c, &key_len, &skip);
    if (st == FS_OK && !skip)
        st = row_value(rec, c, &v, &dec, &skip);
    if (st != FS_OK || skip)
        return st;
    if (lay->x != NULL && lay->x->seen != NULL) {
        size_t dc = lay->distinct_col;
        int dup = 0;
        if (!fs_is_missing(rec->fields[dc], rec->lens[dc]) &&
            (st = seen_check(lay->x->seen, rec->fields[dc], rec->lens[dc], &dup, c->err)) != FS_OK)
            return st;
        if (dup) {
            c->cnt->duplicates++;
            return FS_OK;
        }
    }
    group_t *g = group_of(c, key_len);
    if (g == NULL)
        return fs_error_set(c->err, FS_ENOMEM, "out of memory");
    g->rows++;
    if (g->decimals >= 0)
        g->decimals = dec < 0 ? -1 : (dec > g->decimals ? dec : g->decimals);
    csum_add(&g->den, v);
    if (spec->where == NULL ||
        fs_match_field(spec->where, rec->fields[lay->where_col], rec->lens[lay->where_col]))
        csum_add(&g->num, v);
    return FS_OK;
}

/* Groups and sums every remaining record of r into s: one record at a
 * time with exact line numbers, or (bulk) whole buffers at once. */
static fs_status_t read_rows(fs_reader_t *r, const fs_aggregate_spec_t *spec,
                             const layout_t *lay, storage_t *s, counters_t *cnt, int bulk,
                             progress_t *prog, unsigned part, fs_error_t *err)
{
    row_ctx_t c = {
        fs_reader_name(r), spec, lay, s, cnt, NULL, 0, NULL, 0, 0, 0, err, r, prog, part, 0};
    fs_status_t st;
    if (bulk) {
        st = fs_reader_for_each(r, add_record, &c, err);
    } else {
        fs_record_t rec;
        while ((st = fs_reader_next(r, &rec, err)) == FS_OK) {
            if ((st = add_record(&rec, &c)) != FS_OK)
                break;
        }
        if (st == FS_EOF)
            st = FS_OK;
    }
    free(c.key);
    free(c.prev);
    return st;
}

/* Adds the groups of `from` into `into`, in from's order: new groups go
 * after into's, so first appearance in the file is kept when the parts
 * are merged in file order. */
static fs_status_t merge(storage_t *into, const storage_t *from)
{
    for (size_t i = 0; i < from->ngroups; i++) {
        const group_t *src = &from->groups[i];
        group_t *g = lookup(into, from->keys + src->key_off, src->key_len);
        if (g == NULL)
            return FS_ENOMEM;
        g->rows += src->rows;
        g->decimals = g->decimals < 0 || src->decimals < 0
                          ? -1
                          : (src->decimals > g->decimals ? src->decimals : g->decimals);
        csum_add(&g->num, src->num.s);
        csum_add(&g->num, src->num.c);
        csum_add(&g->den, src->den.s);
        csum_add(&g->den, src->den.c);
    }
    return FS_OK;
}

static void storage_free(storage_t *s)
{
    if (s == NULL)
        return;
    free(s->keys);
    free(s->groups);
    free(s->slots);
    free(s->key_text);
    free(s->key_ptrs);
    free(s);
}

static fs_status_t new_result(const fs_aggregate_spec_t *spec, fs_aggregate_result_t **res,
                              layout_t *lay, fs_error_t *err)
{
    *res = calloc(1, sizeof **res);
    storage_t *s = calloc(1, sizeof *s);
    lay->by_cols = calloc(spec->nby, sizeof *lay->by_cols);
    lay->filter_cols = calloc(spec->nfilters ? spec->nfilters : 1, sizeof *lay->filter_cols);
    if (*res == NULL || s == NULL || lay->by_cols == NULL || lay->filter_cols == NULL) {
        free(*res);
        free(s);
        *res = NULL;
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    (*res)->storage_ = s;
    (*res)->nby = spec->nby;
    return FS_OK;
}

static fs_status_t aggregate_reader(fs_reader_t *r, const fs_aggregate_spec_t *spec,
                                    const extra_t *x, long long total, int bulk,
                                    fs_aggregate_result_t **out, fs_error_t *err);

fs_status_t fs_aggregate(fs_reader_t *r, const fs_aggregate_spec_t *spec,
                         fs_aggregate_result_t **out, fs_error_t *err)
{
    return aggregate_reader(r, spec, NULL, 0, 0, out, err);
}

/* Whether spec and x ask for something to group: grouping columns, and
 * a sum or (with x) a count, not both. */
static int well_asked(const fs_aggregate_spec_t *spec, const extra_t *x)
{
    int count = x != NULL && x->count;
    return spec->nby > 0 && (spec->sum != NULL) != count;
}

/* Copies the counters into the result. */
static void set_counters(fs_aggregate_result_t *res, const counters_t *cnt)
{
    res->rows_read = cnt->rows_read;
    res->rows_filtered = cnt->rows_filtered;
    res->missing_values = cnt->missing_values;
    res->missing_keys = cnt->missing_keys;
}

/* bulk: whole buffers at once (fs_reader_for_each), whose errors carry
 * no line; else record by record with exact places. */
static fs_status_t aggregate_reader(fs_reader_t *r, const fs_aggregate_spec_t *spec,
                                    const extra_t *x, long long total, int bulk,
                                    fs_aggregate_result_t **out, fs_error_t *err)
{
    *out = NULL;
    if (!well_asked(spec, x))
        return fs_error_set(err, FS_EINVAL, "aggregation needs grouping columns and a sum");
    fs_aggregate_result_t *res;
    layout_t lay = {0};
    lay.x = x;
    fs_status_t st = new_result(spec, &res, &lay, err);
    counters_t cnt = {0};
    if (st == FS_OK)
        st = read_header(r, spec, &lay, err);
    if (st == FS_OK && (st = project(r, spec, &lay)) == FS_ENOMEM)
        fs_error_set(err, FS_ENOMEM, "out of memory");
    progress_t prog;
    progress_init(&prog, spec, total);
    if (st == FS_OK)
        st = read_rows(r, spec, &lay, res->storage_, &cnt, bulk, &prog, 0, err);
    if (st == FS_OK && (st = finish(res, res->storage_, spec->nby)) == FS_ENOMEM)
        fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st == FS_OK)
        st = check_finite(res, fs_reader_name(r), err);
    free(lay.by_cols);
    free(lay.filter_cols);
    if (st != FS_OK) {
        fs_aggregate_result_free(res);
        return st;
    }
    set_counters(res, &cnt);
    *out = res;
    return FS_OK;
}

/* ---- the parallel path for large plain files ---- */

#define PARALLEL_MIN_BYTES (32ll << 20)

typedef struct part {
    long long start, end;
    const char *path;
    const fs_aggregate_spec_t *spec;
    const layout_t *lay;
    const fs_read_options_t *opt;
    fs_reader_t *reader; /* part 0 brings its own, positioned after the header */
    storage_t *storage;
    counters_t cnt;
    fs_status_t st;
    fs_error_t err;
    pthread_t thread;
    int started;
    progress_t *prog;
    unsigned index;
} part_t;

static void *run_part(void *arg)
{
    part_t *p = arg;
    fs_error_clear(&p->err);
    fs_reader_t *r = p->reader;
    if (r == NULL) {
        p->st = fs_reader_open_range(&r, p->path, p->start, p->end, 1, p->opt, &p->err);
        if (p->st != FS_OK)
            return NULL;
        if (project(r, p->spec, p->lay) != FS_OK) {
            p->st = FS_ENOMEM;
            fs_reader_free(r);
            return NULL;
        }
    }
    p->st = read_rows(r, p->spec, p->lay, p->storage, &p->cnt, 1, p->prog, p->index, &p->err);
    if (p->reader == NULL)
        fs_reader_free(r);
    return NULL;
}

fs_status_t fs_aggregate_file(const char *path, const fs_aggregate_spec_t *spec,
                              const fs_read_options_t *opt, unsigned nthreads,
                              fs_aggregate_result_t **out, fs_error_t *err)
{
    return fs_aggregate_file_split(path, spec, opt, nthreads, PARALLEL_MIN_BYTES, out, err);
}

static fs_status_t aggregate_split(const char *path, const fs_aggregate_spec_t *spec,
                                   const extra_t *x, const fs_read_options_t *opt,
                                   unsigned nthreads, long long min_split_bytes,
                                   fs_aggregate_result_t **out, fs_error_t *err);

fs_status_t fs_aggregate_file_split(const char *path, const fs_aggregate_spec_t *spec,
                                    const fs_read_options_t *opt, unsigned nthreads,
                                    long long min_split_bytes, fs_aggregate_result_t **out,
                                    fs_error_t *err)
{
    return aggregate_split(path, spec, NULL, opt, nthreads, min_split_bytes, out, err);
}

/* The sequential pass (compressed files, standard input, small files,
 * and whatever the parallel path could not settle).  A file is read in
 * bulk first; only if that fails is it read again record by record, for
 * the exact place of the error.  Standard input can be read only once:
 * record by record from the start. */
static fs_status_t aggregate_sequential(const char *path, const fs_aggregate_spec_t *spec,
                                        const extra_t *x, const fs_read_options_t *opt,
                                        fs_aggregate_result_t **out, fs_error_t *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    long long total = fs_source_file_size(path);
    for (int bulk = !is_stdin;; bulk = 0) {
        fs_reader_t *r;
        fs_status_t st = fs_reader_open(&r, path, opt, err);
        if (st != FS_OK)
            return st;
        st = aggregate_reader(r, spec, x, total, bulk, out, err);
        fs_reader_free(r);
        if (st == FS_OK || !bulk || st == FS_ENOMEM)
            return st;
        fs_error_clear(err);
    }
}

/* Sets up the parts of [bounds[k], bounds[k + 1]), part 0 summing into
 * res's storage, the others each into their own. */
static fs_status_t plan_parts(part_t *parts, unsigned nparts, const long long *bounds,
                              const char *path, const fs_aggregate_spec_t *spec,
                              const layout_t *lay, const fs_read_options_t *opt,
                              fs_aggregate_result_t *res, progress_t *prog, fs_error_t *err)
{
    for (unsigned k = 0; k < nparts; k++) {
        parts[k].start = bounds[k];
        parts[k].end = bounds[k + 1];
        parts[k].prog = prog;
        parts[k].index = k;
        parts[k].path = path;
        parts[k].spec = spec;
        parts[k].lay = lay;
        parts[k].opt = opt;
        parts[k].storage = k == 0 ? res->storage_ : calloc(1, sizeof *parts[k].storage);
        if (parts[k].storage == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    return FS_OK;
}

/* Runs part 0 here and the others on threads (here too when a thread
 * cannot start); 1 when any part failed. */
static int run_parts(part_t *parts, unsigned nparts)
{
    for (unsigned k = 1; k < nparts; k++) {
        if (parts[k].start < parts[k].end &&
            pthread_create(&parts[k].thread, NULL, run_part, &parts[k]) == 0)
            parts[k].started = 1;
        else if (parts[k].start < parts[k].end)
            run_part(&parts[k]);
    }
    run_part(&parts[0]);
    for (unsigned k = 1; k < nparts; k++) {
        if (parts[k].started)
            pthread_join(parts[k].thread, NULL);
    }
    int failed = 0;
    for (unsigned k = 0; k < nparts; k++)
        failed |= parts[k].st != FS_OK;
    return failed;
}

/* Merges the parts' groups into part 0's, in file order, and their
 * counters into res. */
static fs_status_t merge_parts(fs_aggregate_result_t *res, part_t *parts, unsigned nparts,
                               fs_error_t *err)
{
    counters_t cnt = parts[0].cnt;
    for (unsigned k = 1; k < nparts; k++) {
        if (merge(res->storage_, parts[k].storage) != FS_OK)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        cnt.rows_read += parts[k].cnt.rows_read;
        cnt.rows_filtered += parts[k].cnt.rows_filtered;
        cnt.missing_values += parts[k].cnt.missing_values;
        cnt.missing_keys += parts[k].cnt.missing_keys;
    }
    set_counters(res, &cnt);
    return FS_OK;
}

/* The header comes first, read exactly, by part 0's reader; *fallback
 * when the sequential pass should give the message. */
static fs_status_t open_first_part(part_t *first, const char *path, const fs_aggregate_spec_t *spec,
                                   layout_t *lay, const fs_read_options_t *opt, int *fallback,
                                   fs_error_t *err)
{
    fs_status_t st = fs_reader_open_range(&first->reader, path, 0, first->end, 1, opt, err);
    if (st != FS_OK)
        return st;
    if ((st = read_header(first->reader, spec, lay, err)) != FS_OK) {
        *fallback = 1; /* an empty file or missing column: the exact message */
        return st;
    }
    if (project(first->reader, spec, lay) != FS_OK)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    return FS_OK;
}

static fs_status_t aggregate_split(const char *path, const fs_aggregate_spec_t *spec,
                                   const extra_t *x, const fs_read_options_t *opt,
                                   unsigned nthreads, long long min_split_bytes,
                                   fs_aggregate_result_t **out, fs_error_t *err)
{
    *out = NULL;
    if (!well_asked(spec, x))
        return fs_error_set(err, FS_EINVAL, "aggregation needs grouping columns and a sum");
    /* The parallel path needs a large, seekable, uncompressed file. */
    unsigned nparts = nthreads > MAX_PARTS ? MAX_PARTS : nthreads;
    long long bounds[MAX_PARTS + 1], size = 0;
    if (nthreads <= 1 || !fs_source_split(path, nparts, min_split_bytes, bounds, &size))
        return aggregate_sequential(path, spec, x, opt, out, err);
    fs_aggregate_result_t *res = NULL;
    layout_t lay = {0};
    lay.x = x;
    part_t parts[MAX_PARTS];
    memset(parts, 0, sizeof parts);
    progress_t prog;
    progress_init(&prog, spec, size);
    int fallback = 0;
    fs_status_t st = new_result(spec, &res, &lay, err);
    if (st == FS_OK)
        st = plan_parts(parts, nparts, bounds, path, spec, &lay, opt, res, &prog, err);
    if (st == FS_OK)
        st = open_first_part(&parts[0], path, spec, &lay, opt, &fallback, err);
    /* Any failure -- bad data, or a split that fell inside quotes -- is
     * settled by the sequential pass, which reports exactly where. */
    if (st == FS_OK)
        fallback = run_parts(parts, nparts);
    if (st == FS_OK && !fallback)
        st = merge_parts(res, parts, nparts, err);
    if (st == FS_OK && !fallback && finish(res, res->storage_, spec->nby) != FS_OK)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st == FS_OK && !fallback)
        st = check_finite(res, path, err);
    for (unsigned k = 1; k < MAX_PARTS; k++)
        storage_free(parts[k].storage);
    fs_reader_free(parts[0].reader);
    free(lay.by_cols);
    free(lay.filter_cols);
    if (fallback || st != FS_OK)
        fs_aggregate_result_free(res);
    if (fallback) {
        fs_error_clear(err);
        return aggregate_sequential(path, spec, x, opt, out, err);
    }
    if (st != FS_OK)
        return st;
    *out = res;
    return FS_OK;
}

/* ---- several inputs (fs_aggregate_inputs) ---- */

/* The first input's header, which every later one must repeat. */
typedef struct header {
    char **names;
    size_t n;
    char file[512];
} header_t;

static void header_free(header_t *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->names[i]);
    free(h->names);
    h->names = NULL;
    h->n = 0;
}

/* Reads the first input's header, keeps it, and finds the columns. */
static fs_status_t first_header(fs_reader_t *r, const fs_aggregate_spec_t *spec, layout_t *lay,
                                header_t *h, fs_error_t *err)
{
    fs_record_t rec;
    fs_status_t st = next_header(r, &rec, err);
    if (st != FS_OK)
        return st;
    snprintf(h->file, sizeof h->file, "%s", fs_reader_name(r));
    if ((h->names = calloc(rec.nfields ? rec.nfields : 1, sizeof *h->names)) == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (; h->n < rec.nfields; h->n++) {
        if ((h->names[h->n] = strdup(rec.fields[h->n])) == NULL)
            return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    return locate(&rec, spec, lay, fs_reader_name(r), err);
}

/* Reads a later input's header: it must be the first's, column by column. */
static fs_status_t same_header(fs_reader_t *r, const header_t *h, fs_error_t *err)
{
    fs_record_t rec;
    fs_status_t st = next_header(r, &rec, err);
    if (st != FS_OK)
        return st;
    for (size_t i = 0; i < rec.nfields || i < h->n; i++) {
        if (i < rec.nfields && i < h->n && strcmp(rec.fields[i], h->names[i]) == 0)
            continue;
        const char *here = i < rec.nfields ? rec.fields[i] : "";
        fs_error_at(err, fs_reader_name(r), rec.line, (long)i + 1, here, strlen(here));
        if (i >= h->n || i >= rec.nfields)
            return fs_error_set(err, FS_EPARSE,
                                "the header has %zu columns where that of %s has %zu (inputs "
                                "read as one table need one header)",
                                rec.nfields, h->file, h->n);
        return fs_error_set(err, FS_EPARSE,
                            "the header differs from that of %s, whose column %zu is '%s' "
                            "(inputs read as one table need one header)",
                            h->file, i + 1, h->names[i]);
    }
    return FS_OK;
}

/* Reads every input into res: the header of each, then its rows. */
static fs_status_t read_inputs(fs_inputs_t *in, const fs_aggregate_spec_t *spec, layout_t *lay,
                               storage_t *s, counters_t *cnt, int bulk, size_t *ninputs,
                               fs_error_t *err)
{
    header_t h = {0};
    progress_t prog;
    progress_init(&prog, spec, 0);
    fs_reader_t *r;
    fs_status_t st;
    while ((st = fs_inputs_next(in, &r, err)) == FS_OK) {
        st = *ninputs == 0 ? first_header(r, spec, lay, &h, err) : same_header(r, &h, err);
        if (st == FS_OK && project(r, spec, lay) != FS_OK)
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
        if (st == FS_OK)
            st = read_rows(r, spec, lay, s, cnt, bulk, &prog, 0, err);
        if (st != FS_OK)
            break;
        (*ninputs)++;
    }
    header_free(&h);
    return st == FS_EOF ? FS_OK : st;
}

/* One pass over all the inputs (bulk: fs_reader_for_each). */
static fs_status_t aggregate_many(const char *const *paths, size_t npaths,
                                  const fs_aggregate_spec_t *spec, const fs_aggregate_more_t *more,
                                  const extra_t *x, const fs_read_options_t *opt, int bulk,
                                  fs_aggregate_result_t **out, fs_aggregate_notes_t *notes,
                                  fs_error_t *err)
{
    fs_aggregate_result_t *res;
    layout_t lay = {0};
    lay.x = x;
    counters_t cnt = {0};
    fs_inputs_t *in = NULL;
    fs_status_t st = new_result(spec, &res, &lay, err);
    if (st == FS_OK)
        st = fs_inputs_open(&in, paths, npaths, more->member_glob, more->sheet, opt, err);
    if (st == FS_OK)
        st = read_inputs(in, spec, &lay, res->storage_, &cnt, bulk, &notes->inputs, err);
    if (st == FS_OK && finish(res, res->storage_, spec->nby) != FS_OK)
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st == FS_OK)
        st = check_finite(res, paths[0], err);
    fs_inputs_free(in);
    free(lay.by_cols);
    free(lay.filter_cols);
    if (st != FS_OK) {
        fs_aggregate_result_free(res);
        return st;
    }
    set_counters(res, &cnt);
    notes->unmatched = cnt.unmatched;
    notes->duplicates = cnt.duplicates;
    memcpy(notes->unmatched_code, cnt.unmatched_code, sizeof notes->unmatched_code);
    memcpy(notes->unmatched_file, cnt.unmatched_file, sizeof notes->unmatched_file);
    *out = res;
    return FS_OK;
}

/* Reads the lookup of more into *lookup and finds the grouping column it
 * fills. */
static fs_status_t open_lookup(const fs_aggregate_spec_t *spec, const fs_aggregate_more_t *more,
                               const fs_read_options_t *opt, extra_t *x, fs_lookup_t **lookup,
                               fs_error_t *err)
{
    *lookup = NULL;
    if (more->lookup_path == NULL)
        return FS_OK;
    if (more->lookup_key == NULL || more->lookup_to == NULL)
        return fs_error_set(err, FS_EINVAL, "a lookup needs a key column and a column to map to");
    for (size_t k = 0; k < spec->nby && x->to_by == NO_COL; k++) {
        if (strcmp(spec->by[k], more->lookup_to) == 0)
            x->to_by = k;
    }
    if (x->to_by == NO_COL) {
        fs_error_at(err, more->lookup_path, 0, 0, more->lookup_to, strlen(more->lookup_to));
        return fs_error_set(err, FS_EINVAL, "the lookup's column is none of the grouping columns");
    }
    const char *key = more->lookup_file_key ? more->lookup_file_key : more->lookup_key;
    fs_status_t st = fs_lookup_read(lookup, more->lookup_path, key, more->lookup_to, opt, err);
    x->lookup = *lookup;
    return st;
}

/* Whether a single input can go the way of fs_aggregate_file. */
static int single_file(const char *const *paths, size_t npaths, const fs_aggregate_more_t *more)
{
    int sheet = more->sheet != NULL && (more->sheet->sheet != NULL || more->sheet->range != NULL);
    return npaths == 1 && more->distinct == NULL && more->lookup_path == NULL && !sheet &&
           !fs_input_is_archive(paths[0]);
}

fs_status_t fs_aggregate_inputs(const char *const *paths, size_t npaths,
                                const fs_aggregate_spec_t *spec, const fs_aggregate_more_t *more,
                                const fs_read_options_t *opt, unsigned nthreads,
                                fs_aggregate_result_t **out, fs_aggregate_notes_t *notes,
                                fs_error_t *err)
{
    static const fs_aggregate_more_t none = {0};
    fs_aggregate_notes_t scratch;
    *out = NULL;
    more = more != NULL ? more : &none;
    notes = notes != NULL ? notes : &scratch;
    memset(notes, 0, sizeof *notes);
    extra_t x = {more->count, NULL, NO_COL, more->lookup_key, more->distinct, NULL};
    if (!well_asked(spec, &x) || npaths == 0)
        return fs_error_set(err, FS_EINVAL,
                            "aggregation needs inputs, grouping columns and a sum or a count");
    if (single_file(paths, npaths, more)) {
        notes->inputs = 1;
        return aggregate_split(paths[0], spec, &x, opt, nthreads, PARALLEL_MIN_BYTES, out, err);
    }
    fs_lookup_t *lookup;
    fs_status_t st = open_lookup(spec, more, opt, &x, &lookup, err);
    int bulk = 1;
    for (size_t i = 0; i < npaths; i++)
        bulk &= strcmp(paths[i], "-") != 0; /* standard input is read once */
    /* In bulk first; if that fails, again record by record for the place. */
    for (; st == FS_OK; bulk = 0) {
        seen_t seen = {NULL, 0, 0};
        x.seen = more->distinct != NULL ? &seen : NULL;
        memset(notes, 0, sizeof *notes);
        st = aggregate_many(paths, npaths, spec, more, &x, opt, bulk, out, notes, err);
        free(seen.slots);
        if (st == FS_OK || st == FS_ENOMEM || !bulk)
            break;
        fs_error_clear(err);
        st = FS_OK;
    }
    fs_lookup_free(lookup);
    return st;
}

/* Whether groups a and b agree on keys [from, to). */
static int same_keys(const fs_aggregate_group_t *a, const fs_aggregate_group_t *b, size_t from,
                     size_t to)
{
    for (size_t k = from; k < to; k++) {
        if (strcmp(a->keys[k], b->keys[k]) != 0)
            return 0;
    }
    return 1;
}

fs_status_t fs_aggregate_rolling(const fs_aggregate_result_t *in, size_t ngroup_keys, size_t k,
                                 fs_aggregate_result_t **out, fs_error_t *err)
{
    *out = NULL;
    if (k == 0)
        return fs_error_set(err, FS_EINVAL, "the rolling window must be at least 1 period");
    if (ngroup_keys >= in->nby)
        return fs_error_set(err, FS_EINVAL, "rolling sums need period columns");
    size_t n = in->ngroups;
    size_t *group_of = malloc((n ? n : 1) * sizeof *group_of);
    size_t *period_of = malloc((n ? n : 1) * sizeof *period_of);
    size_t *group_first = malloc((n ? n : 1) * sizeof *group_first);
    size_t *period_first = malloc((n ? n : 1) * sizeof *period_first);
    size_t ngroups = 0, nperiods = 0;
    long *cell = NULL;
    fs_aggregate_result_t *res = calloc(1, sizeof *res);
    fs_status_t st = FS_OK;
    if (group_of == NULL || period_of == NULL || group_first == NULL || period_first == NULL ||
        res == NULL)
        goto nomem;
    /* Number the distinct groups and periods in order of first appearance. */
    for (size_t i = 0; i < n; i++) {
        const fs_aggregate_group_t *g = &in->groups[i];
        size_t j = 0;
        while (j < ngroups && !same_keys(&in->groups[group_first[j]], g, 0, ngroup_keys))
            j++;
        if (j == ngroups)
            group_first[ngroups++] = i;
        group_of[i] = j;
        j = 0;
        while (j < nperiods && !same_keys(&in->groups[period_first[j]], g, ngroup_keys, in->nby))
            j++;
        if (j == nperiods)
            period_first[nperiods++] = i;
        period_of[i] = j;
    }
    size_t ncells = ngroups * nperiods;
    cell = malloc((ncells > 0 ? ncells : 1) * sizeof *cell);
    res->groups = calloc(n ? n : 1, sizeof *res->groups);
    if (cell == NULL || res->groups == NULL)
        goto nomem;
    for (size_t c = 0; c < ncells; c++)
        cell[c] = -1;
    for (size_t i = 0; i < n; i++)
        cell[group_of[i] * nperiods + period_of[i]] = (long)i;
    res->nby = in->nby;
    res->rows_read = in->rows_read;
    res->rows_filtered = in->rows_filtered;
    res->missing_values = in->missing_values;
    res->missing_keys = in->missing_keys;
    for (size_t g = 0; g < ngroups; g++) {
        for (size_t p = k - 1; p < nperiods; p++) {
            csum_t num = {0, 0}, den = {0, 0};
            size_t rows = 0;
            int complete = 1, decimals = 0;
            for (size_t q = p + 1 - k; q <= p && complete; q++) {
                long idx = cell[g * nperiods + q];
                if (idx < 0) {
                    complete = 0;
                    break;
                }
                csum_add(&num, in->groups[idx].numerator);
                csum_add(&den, in->groups[idx].denominator);
                rows += in->groups[idx].rows;
                int d = in->groups[idx].decimals;
                decimals = decimals < 0 || d < 0 ? -1 : (d > decimals ? d : decimals);
            }
            if (!complete)
                continue;
            fs_aggregate_group_t *o = &res->groups[res->ngroups++];
            o->keys = in->groups[cell[g * nperiods + p]].keys;
            o->numerator = at_decimals(csum_value(&num), decimals);
            o->denominator = at_decimals(csum_value(&den), decimals);
            o->rows = rows;
            o->decimals = decimals;
        }
    }
    goto cleanup;
nomem:
    st = fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_aggregate_result_free(res);
    res = NULL;
cleanup:
    free(group_of);
    free(period_of);
    free(group_first);
    free(period_first);
    free(cell);
    *out = res;
    return st;
}

double fs_aggregate_proportion(const fs_aggregate_group_t *g)
{
    return g->denominator != 0 ? g->numerator / g->denominator : NAN;
}

/* aggregate.c: streaming group-and-sum with an open-addressing hash table.
 *
 * Keys are the grouping fields packed as (length, bytes) pairs, so that
 * ("a,b", "c") and ("a", "b,c") never collide; the packed keys live in
 * one arena.  Sums are Neumaier-compensated: Home Office counts are
 * integers (exact in a double up to 2^53 anyway), but FTE columns are
 * decimals, and a plain running sum over 25,000 rows drifts in the last
 * digits that published totals are checked against. */
#include "forcestat/aggregate.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/number.h"

typedef struct sum {
    double s, c;
} sum_t;

/* Neumaier's improvement of Kahan summation (Neumaier 1974). */
static void sum_add(sum_t *a, double x)
{
    double t = a->s + x;
    if (fabs(a->s) >= fabs(x))
        a->c += (a->s - t) + x;
    else
        a->c += (x - t) + a->s;
    a->s = t;
}

typedef struct group {
    size_t key_off, key_len;
    uint64_t hash;
    sum_t num, den;
    size_t rows;
} group_t;

typedef struct storage {
    char *keys;
    size_t keys_len, keys_cap;
    group_t *groups;
    size_t ngroups, groups_cap;
    size_t *slots; /* group index + 1; 0 is empty */
    size_t nslots;
    char *key_text; /* the unpacked keys handed out in the result */
    char **key_ptrs;
} storage_t;

/* FNV-1a, 64 bit: simple and good enough for a few thousand keys. */
static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int grow_slots(storage_t *s)
{
    size_t n = s->nslots ? s->nslots * 2 : 1024;
    size_t *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return 0;
    for (size_t g = 0; g < s->ngroups; g++) {
        size_t i = (size_t)(s->groups[g].hash & (n - 1));
        while (slots[i] != 0)
            i = (i + 1) & (n - 1);
        slots[i] = g + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->nslots = n;
    return 1;
}

/* Finds or creates the group of a packed key; returns NULL when out of
 * memory. */
static group_t *lookup(storage_t *s, const char *key, size_t len)
{
    if (2 * (s->ngroups + 1) > s->nslots && !grow_slots(s))
        return NULL;
    uint64_t h = hash_bytes(key, len);
    size_t i = (size_t)(h & (s->nslots - 1));
    while (s->slots[i] != 0) {
        group_t *g = &s->groups[s->slots[i] - 1];
        if (g->hash == h && g->key_len == len && memcmp(s->keys + g->key_off, key, len) == 0)
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
    g->key_len = len;
    g->hash = h;
    s->keys_len += len;
    s->slots[i] = ++s->ngroups;
    return g;
}

void fs_aggregate_result_free(fs_aggregate_result_t *res)
{
    if (res == NULL)
        return;
    storage_t *s = res->storage_;
    if (s != NULL) {
        free(s->keys);
        free(s->groups);
        free(s->slots);
        free(s->key_text);
        free(s->key_ptrs);
        free(s);
    }
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

/* Unpacks the packed keys into NUL-terminated strings for the result. */
static fs_status_t finish(fs_aggregate_result_t *res, storage_t *s, size_t nby)
{
    res->ngroups = s->ngroups;
    res->groups = calloc(s->ngroups ? s->ngroups : 1, sizeof *res->groups);
    /* Each packed field has a 4-byte length where the text gets 1 NUL. */
    s->key_text = malloc(s->keys_len ? s->keys_len : 1);
    size_t nkeys = s->ngroups * nby;
    s->key_ptrs = malloc((nkeys > 0 ? nkeys : 1) * sizeof *s->key_ptrs);
    if (res->groups == NULL || s->key_text == NULL || s->key_ptrs == NULL)
        return FS_ENOMEM;
    size_t out = 0;
    for (size_t g = 0; g < s->ngroups; g++) {
        const group_t *grp = &s->groups[g];
        const char *p = s->keys + grp->key_off;
        for (size_t k = 0; k < nby; k++) {
            uint32_t len;
            memcpy(&len, p, sizeof len);
            p += sizeof len;
            s->key_ptrs[g * nby + k] = s->key_text + out;
            memcpy(s->key_text + out, p, len);
            out += len;
            s->key_text[out++] = '\0';
            p += len;
        }
        res->groups[g].keys = &s->key_ptrs[g * nby];
        res->groups[g].numerator = grp->num.s + grp->num.c;
        res->groups[g].denominator = grp->den.s + grp->den.c;
        res->groups[g].rows = grp->rows;
    }
    return FS_OK;
}

fs_status_t fs_aggregate(fs_reader_t *r, const fs_aggregate_spec_t *spec,
                         fs_aggregate_result_t **out, fs_error_t *err)
{
    *out = NULL;
    const char *file = fs_reader_name(r);
    if (spec->nby == 0 || spec->sum == NULL)
        return fs_error_set(err, FS_EINVAL, "aggregation needs grouping columns and a sum");
    fs_aggregate_result_t *res = calloc(1, sizeof *res);
    storage_t *s = calloc(1, sizeof *s);
    size_t *by_cols = calloc(spec->nby, sizeof *by_cols);
    size_t *filter_cols = calloc(spec->nfilters ? spec->nfilters : 1, sizeof *filter_cols);
    char *key = NULL;
    size_t key_cap = 0;
    fs_status_t st = FS_OK;
    if (res == NULL || s == NULL || by_cols == NULL || filter_cols == NULL) {
        free(s);
        st = FS_ENOMEM;
        goto cleanup;
    }
    res->storage_ = s;
    res->nby = spec->nby;

    fs_record_t rec;
    st = fs_reader_next(r, &rec, err);
    if (st == FS_EOF) {
        fs_error_at(err, file, 0, 0, NULL, 0);
        st = fs_error_set(err, FS_EPARSE, "empty file: a header row is required");
        goto cleanup;
    }
    if (st != FS_OK)
        goto cleanup;
    size_t ncols = rec.nfields, sum_col, where_col = 0;
    for (size_t k = 0; k < spec->nby; k++) {
        if ((st = find(&rec, spec->by[k], file, &by_cols[k], err)) != FS_OK)
            goto cleanup;
    }
    if ((st = find(&rec, spec->sum, file, &sum_col, err)) != FS_OK)
        goto cleanup;
    for (size_t k = 0; k < spec->nfilters; k++) {
        if ((st = find(&rec, spec->filters[k].column, file, &filter_cols[k], err)) != FS_OK)
            goto cleanup;
    }
    if (spec->where != NULL && (st = find(&rec, spec->where->column, file, &where_col, err)) != FS_OK)
        goto cleanup;
    /* Only the named columns are examined from here on. */
    {
        unsigned char *keep = calloc(ncols ? ncols : 1, 1);
        if (keep == NULL) {
            st = FS_ENOMEM;
            goto cleanup;
        }
        for (size_t k = 0; k < spec->nby; k++)
            keep[by_cols[k]] = 1;
        for (size_t k = 0; k < spec->nfilters; k++)
            keep[filter_cols[k]] = 1;
        keep[sum_col] = 1;
        if (spec->where != NULL)
            keep[where_col] = 1;
        st = fs_reader_project(r, keep, ncols);
        free(keep);
        if (st != FS_OK)
            goto cleanup;
    }

    while ((st = fs_reader_next(r, &rec, err)) == FS_OK) {
        res->rows_read++;
        if (rec.nfields != ncols) {
            long col = (long)(rec.nfields < ncols ? rec.nfields : ncols) + 1;
            fs_error_at(err, file, rec.line, col, NULL, 0);
            st = fs_error_set(err, FS_EPARSE, "ragged row: %zu field%s where the header has %zu",
                              rec.nfields, rec.nfields == 1 ? "" : "s", ncols);
            goto cleanup;
        }
        int keep = 1;
        for (size_t k = 0; k < spec->nfilters && keep; k++)
            keep = fs_match_field(&spec->filters[k], rec.fields[filter_cols[k]], rec.lens[filter_cols[k]]);
        if (!keep) {
            res->rows_filtered++;
            continue;
        }
        int key_missing = 0;
        size_t key_len = 0;
        for (size_t k = 0; k < spec->nby; k++) {
            const char *f = rec.fields[by_cols[k]];
            size_t n = rec.lens[by_cols[k]];
            if (fs_is_missing(f, n)) {
                key_missing = 1;
                break;
            }
            if (n > UINT32_MAX) {
                fs_error_at(err, file, rec.line, (long)by_cols[k] + 1, NULL, 0);
                st = fs_error_set(err, FS_ELIMIT, "grouping value too long");
                goto cleanup;
            }
            if (key_len + sizeof(uint32_t) + n > key_cap) {
                size_t cap = key_cap ? key_cap : 256;
                while (cap < key_len + sizeof(uint32_t) + n)
                    cap *= 2;
                char *p = realloc(key, cap);
                if (p == NULL) {
                    st = FS_ENOMEM;
                    goto cleanup;
                }
                key = p;
                key_cap = cap;
            }
            uint32_t len32 = (uint32_t)n;
            memcpy(key + key_len, &len32, sizeof len32);
            memcpy(key + key_len + sizeof len32, f, n);
            key_len += sizeof len32 + n;
        }
        if (key_missing) {
            res->missing_keys++;
            continue;
        }
        double v;
        const char *why;
        switch (fs_parse_number(rec.fields[sum_col], rec.lens[sum_col], &v, &why)) {
        case FS_FIELD_MISSING: res->missing_values++; continue;
        case FS_FIELD_INVALID:
            fs_error_at(err, file, rec.line, (long)sum_col + 1, rec.fields[sum_col],
                        rec.lens[sum_col]);
            st = fs_error_set(err, FS_EPARSE, "column '%s': %s", spec->sum, why);
            goto cleanup;
        case FS_FIELD_NUMBER: break;
        }
        group_t *g = lookup(s, key, key_len);
        if (g == NULL) {
            st = FS_ENOMEM;
            goto cleanup;
        }
        g->rows++;
        sum_add(&g->den, v);
        if (spec->where == NULL || fs_match_field(spec->where, rec.fields[where_col], rec.lens[where_col]))
            sum_add(&g->num, v);
    }
    if (st != FS_EOF)
        goto cleanup;
    st = finish(res, s, spec->nby);
cleanup:
    free(key);
    free(by_cols);
    free(filter_cols);
    if (st == FS_ENOMEM)
        fs_error_set(err, FS_ENOMEM, "out of memory");
    if (st != FS_OK) {
        fs_aggregate_result_free(res);
        return st;
    }
    *out = res;
    return FS_OK;
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
            double num = 0, den = 0;
            size_t rows = 0;
            int complete = 1;
            for (size_t q = p + 1 - k; q <= p && complete; q++) {
                long idx = cell[g * nperiods + q];
                if (idx < 0) {
                    complete = 0;
                    break;
                }
                num += in->groups[idx].numerator;
                den += in->groups[idx].denominator;
                rows += in->groups[idx].rows;
            }
            if (!complete)
                continue;
            fs_aggregate_group_t *o = &res->groups[res->ngroups++];
            o->keys = in->groups[cell[g * nperiods + p]].keys;
            o->numerator = num;
            o->denominator = den;
            o->rows = rows;
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

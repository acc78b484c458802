/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lookup.c: a code lookup table as an open-addressing hash over the rows
 * of the table read, keyed by the trimmed code. */
#include "lookup.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct fs_lookup {
    fs_table_t *t;
    size_t key, to;
    size_t *slots; /* row + 1; 0 is empty */
    size_t nslots;
};

/* The code without the blanks and no-break spaces (UTF-8 C2 A0) around it,
 * as publishers' files carry them ("E06000061\u00a0"). */
static const char *trim(const char *s, size_t *n)
{
    for (;;) {
        if (*n > 0 && (s[0] == ' ' || s[0] == '\t')) {
            s++;
            (*n)--;
        } else if (*n > 1 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
            s += 2;
            *n -= 2;
        } else if (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t')) {
            (*n)--;
        } else if (*n > 1 && (unsigned char)s[*n - 2] == 0xC2 && (unsigned char)s[*n - 1] == 0xA0) {
            *n -= 2;
        } else {
            return s;
        }
    }
}

/* FNV-1a, 64 bit. */
static uint64_t hash(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* The slot of the trimmed code s[0..n): the row's that holds it, or the
 * empty one where it goes. */
static size_t slot_of(const fs_lookup_t *l, const char *s, size_t n)
{
    size_t i = (size_t)(hash(s, n) & (l->nslots - 1));
    while (l->slots[i] != 0) {
        const char *c = fs_table_cell(l->t, l->slots[i] - 1, l->key);
        size_t cn = strlen(c);
        c = trim(c, &cn);
        if (cn == n && memcmp(c, s, n) == 0)
            return i;
        i = (i + 1) & (l->nslots - 1);
    }
    return i;
}

/* Puts every row's code in the hash; two values for one code is an error. */
static fs_status_t fill(fs_lookup_t *l, fs_error_t *err)
{
    for (size_t r = 0; r < l->t->nrows; r++) {
        const char *c = fs_table_cell(l->t, r, l->key);
        size_t n = strlen(c);
        c = trim(c, &n);
        if (n == 0)
            continue;
        size_t i = slot_of(l, c, n);
        if (l->slots[i] == 0) {
            l->slots[i] = r + 1;
            continue;
        }
        size_t vn, wn;
        const char *v = fs_lookup_find(l, c, n, &vn);
        const char *w = fs_table_cell(l->t, r, l->to);
        wn = strlen(w);
        w = trim(w, &wn);
        if (vn != wn || memcmp(v, w, vn) != 0) {
            fs_error_at(err, l->t->name, l->t->lines[r], (long)l->key + 1, c, n);
            return fs_error_set(err, FS_EPARSE, "the code maps to two values, on line %ld and here",
                                l->t->lines[l->slots[i] - 1]);
        }
    }
    return FS_OK;
}

fs_status_t fs_lookup_read(fs_lookup_t **out, const char *path, const char *key, const char *to,
                           const fs_read_options_t *opt, fs_error_t *err)
{
    *out = NULL;
    fs_lookup_t *l = calloc(1, sizeof *l);
    if (l == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    fs_status_t st = fs_table_read(&l->t, path, opt, err);
    if (st == FS_OK)
        st = fs_table_find_column(l->t, key, &l->key, err);
    if (st == FS_OK)
        st = fs_table_find_column(l->t, to, &l->to, err);
    if (st == FS_OK) {
        l->nslots = 16;
        while (l->nslots < 2 * l->t->nrows + 2)
            l->nslots *= 2;
        if ((l->slots = calloc(l->nslots, sizeof *l->slots)) == NULL)
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    if (st == FS_OK)
        st = fill(l, err);
    if (st != FS_OK) {
        fs_lookup_free(l);
        return st;
    }
    *out = l;
    return FS_OK;
}

const char *fs_lookup_find(const fs_lookup_t *l, const char *code, size_t n, size_t *len)
{
    code = trim(code, &n);
    size_t i = slot_of(l, code, n);
    if (l->slots[i] == 0)
        return NULL;
    const char *v = fs_table_cell(l->t, l->slots[i] - 1, l->to);
    *len = strlen(v);
    return trim(v, len);
}

void fs_lookup_free(fs_lookup_t *l)
{
    if (l == NULL)
        return;
    fs_table_free(l->t);
    free(l->slots);
    free(l);
}

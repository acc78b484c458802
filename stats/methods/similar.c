/* SPDX-License-Identifier: GPL-3.0-or-later */
/* similar.c: each force's nearest peers on standardised features, and how
 * much each peer set rests on one feature (similar.h). */
#include "forcestat/similar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A candidate peer: its squared distance and its index.  Ordered by the
 * squared distance (sqrt keeps the order, and ties of the squares are the
 * ties that matter), then by index. */
typedef struct candidate {
    double d2;
    size_t index;
} candidate_t;

static int nearer(const candidate_t *a, const candidate_t *b)
{
    return a->d2 < b->d2 || (a->d2 == b->d2 && a->index < b->index);
}

static fs_status_t check_spec(const fs_similar_spec_t *s, fs_error_t *err)
{
    if (s->nforces > FS_SIMILAR_MAX_UNITS || s->nfeatures > FS_SIMILAR_MAX_FEATURES)
        return fs_error_raise(err, FS_ELIMIT, FS_REASON_BEYOND_LIMIT, FS_ERROR_NO_INDEX,
                              "similar forces are found among up to %d forces on up to %d "
                              "features (got %zu on %zu)",
                              FS_SIMILAR_MAX_UNITS, FS_SIMILAR_MAX_FEATURES, s->nforces,
                              s->nfeatures);
    if (s->nforces < 2 || s->nfeatures < 1)
        return fs_error_raise(err, FS_EINVAL, FS_REASON_TOO_FEW, FS_ERROR_NO_INDEX,
                              "similar forces need at least 2 forces and 1 feature");
    if (s->k < 1 || s->k >= s->nforces)
        return fs_error_set(err, FS_EINVAL, "k must be from 1 to %zu (the other forces)",
                            s->nforces - 1);
    if (s->weights != NULL) {
        double sum = 0.0;
        for (size_t f = 0; f < s->nfeatures; f++) {
            if (!(isfinite(s->weights[f]) && s->weights[f] >= 0.0))
                return fs_error_set(err, FS_EINVAL, "weight %zu must be a number >= 0", f + 1);
            sum += s->weights[f];
        }
        if (!(sum > 0.0))
            return fs_error_set(err, FS_EINVAL, "at least one weight must be above 0");
    }
    for (size_t i = 0; i < s->nforces * s->nfeatures; i++) {
        double v = s->features[i];
        if (!isfinite(v))
            return fs_error_raise(
                err, FS_EDOM, isnan(v) ? FS_REASON_MISSING_VALUE : FS_REASON_NOT_FINITE,
                i / s->nfeatures, "force %zu's feature %zu is %s", i / s->nfeatures + 1,
                i % s->nfeatures + 1, isnan(v) ? "missing" : "infinite");
    }
    return FS_OK;
}

/* z-scores of every feature into z (same layout); the sample SD, from the
 * deviations about the mean (two passes).  FS_EDOM for a constant feature,
 * told by its values, not by an SD that rounding may leave above 0. */
static fs_status_t standardise(const fs_similar_spec_t *s, double *z, fs_error_t *err)
{
    size_t n = s->nforces, m = s->nfeatures;
    for (size_t f = 0; f < m; f++) {
        int constant = 1;
        double sum = 0.0;
        for (size_t i = 0; i < n; i++) {
            sum += s->features[i * m + f];
            constant = constant && s->features[i * m + f] == s->features[f];
        }
        if (constant)
            return fs_error_raise(err, FS_EDOM, FS_REASON_ALL_EQUAL, f,
                                  "feature %zu has the same value for every force", f + 1);
        double mean = sum / (double)n, ss = 0.0;
        for (size_t i = 0; i < n; i++) {
            double dev = s->features[i * m + f] - mean;
            ss += dev * dev;
        }
        double sd = sqrt(ss / (double)(n - 1));
        for (size_t i = 0; i < n; i++)
            z[i * m + f] = (s->features[i * m + f] - mean) / sd;
    }
    return FS_OK;
}

/* Force i's k nearest into peers (and, when d is not NULL, their
 * distances), leaving out feature `skip` (m for none).  cand holds n
 * candidates of scratch.  A partial insertion sort: only the k best are
 * kept in order. */
static void nearest(const fs_similar_spec_t *s, const double *z, size_t i, size_t skip,
                    candidate_t *cand, size_t *peers, double *d)
{
    size_t n = s->nforces, m = s->nfeatures, kept = 0;
    for (size_t j = 0; j < n; j++) {
        if (j == i)
            continue;
        candidate_t c = {0.0, j};
        for (size_t f = 0; f < m; f++) {
            if (f == skip)
                continue;
            double diff = z[i * m + f] - z[j * m + f];
            c.d2 += (s->weights != NULL ? s->weights[f] : 1.0) * diff * diff;
        }
        if (kept == s->k && !nearer(&c, &cand[kept - 1]))
            continue;
        size_t at = kept < s->k ? kept++ : kept - 1;
        while (at > 0 && nearer(&c, &cand[at - 1])) {
            cand[at] = cand[at - 1];
            at--;
        }
        cand[at] = c;
    }
    for (size_t r = 0; r < s->k; r++) {
        peers[r] = cand[r].index;
        if (d != NULL)
            d[r] = sqrt(cand[r].d2);
    }
}

/* |a and b| / |a or b| for two sets of k distinct indices. */
static double jaccard(const size_t *a, const size_t *b, size_t k)
{
    size_t both = 0;
    for (size_t x = 0; x < k; x++) {
        for (size_t y = 0; y < k; y++)
            both += a[x] == b[y];
    }
    return (double)both / (double)(2 * k - both);
}

static void stability(const fs_similar_spec_t *s, const double *z, candidate_t *cand,
                      size_t *without, fs_similar_result_t *out)
{
    size_t n = s->nforces, m = s->nfeatures, k = s->k;
    for (size_t i = 0; i < n; i++) {
        double least = 1.0;
        for (size_t f = 0; m > 1 && f < m; f++) {
            nearest(s, z, i, f, cand, without, NULL);
            double j = jaccard(out->peers + i * k, without, k);
            out->jaccard[i * m + f] = j;
            least = fmin(least, j);
        }
        out->stability[i] = least;
    }
}

fs_status_t fs_similar(const fs_similar_spec_t *spec, fs_similar_result_t *out, fs_error_t *err)
{
    memset(out, 0, sizeof *out);
    fs_status_t st = check_spec(spec, err);
    if (st != FS_OK)
        return st;
    size_t n = spec->nforces, m = spec->nfeatures, k = spec->k;
    double *z = malloc(n * m * sizeof *z);
    candidate_t *cand = malloc(n * sizeof *cand);
    size_t *without = malloc(k * sizeof *without);
    out->peers = malloc(n * k * sizeof *out->peers);
    out->distances = malloc(n * k * sizeof *out->distances);
    out->stability = malloc(n * sizeof *out->stability);
    out->jaccard = m > 1 ? malloc(n * m * sizeof *out->jaccard) : NULL;
    if (z == NULL || cand == NULL || without == NULL || out->peers == NULL ||
        out->distances == NULL || out->stability == NULL || (m > 1 && out->jaccard == NULL)) {
        st = fs_error_set(err, FS_ENOMEM, "out of memory finding similar forces");
        goto cleanup;
    }
    st = standardise(spec, z, err);
    if (st != FS_OK)
        goto cleanup;
    out->nforces = n;
    out->nfeatures = m;
    out->k = k;
    for (size_t i = 0; i < n; i++)
        nearest(spec, z, i, m, cand, out->peers + i * k, out->distances + i * k);
    stability(spec, z, cand, without, out);
cleanup:
    free(z);
    free(cand);
    free(without);
    if (st != FS_OK)
        fs_similar_result_free(out);
    return st;
}

void fs_similar_result_free(fs_similar_result_t *r)
{
    if (r == NULL)
        return;
    free(r->peers);
    free(r->distances);
    free(r->jaccard);
    free(r->stability);
    memset(r, 0, sizeof *r);
}

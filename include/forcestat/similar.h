/* SPDX-License-Identifier: GPL-3.0-or-later */
/* similar.h: forcestat's similar forces, each force's nearest peers on a
 * table of features (population density, deprivation, crime mix...).
 *
 * These are forcestat's own similar forces, computed from the features a
 * user gives; they are not the Home Office's most similar groups, whose
 * method and data differ.
 *
 * The method:
 *   1. each feature is standardised, z = (x - mean) / s with s the sample
 *      standard deviation (n - 1); a constant feature (every value equal)
 *      is refused (FS_EDOM, FS_REASON_ALL_EQUAL, its index), not skipped:
 *      it says nothing about which forces are alike, and a feature that
 *      silently vanished would leave the caller's weights meaning other
 *      than they were meant;
 *   2. the distance between forces i and j is the weighted Euclidean
 *      distance sqrt(sum over f of w_f (z_if - z_jf)^2), weights 1 unless
 *      given;
 *   3. each force's k nearest other forces, nearest first, ties (equal
 *      distances, to the last bit) broken by the lower force index, so the
 *      output is the same on every run and machine;
 *   4. the stability check: for each feature f in turn, the peers again
 *      without f (the other features' z-scores and weights as they were),
 *      and the Jaccard overlap |A and B| / |A or B| of each force's peer
 *      set with and without f.  1 means f changes nothing for the force;
 *      a low value means its peers rest on that one feature.
 *
 * Contract (status.h): a spec, no options.  After a failure the result
 * is emptied (zeroed, nothing owned); fs_similar_result_free accepts it
 * and NULL. */
#ifndef FORCESTAT_SIMILAR_H
#define FORCESTAT_SIMILAR_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FS_SIMILAR_DEFAULT_K 7
/* The most forces (rows) fs_similar takes: its time grows as the square. */
#define FS_SIMILAR_MAX_UNITS 10000
/* The most features (columns). */
#define FS_SIMILAR_MAX_FEATURES 1000

typedef struct fs_similar_spec {
    const double *features; /* nforces x nfeatures, row-major: force i's feature f
                             * at features[i * nfeatures + f] */
    size_t nforces, nfeatures;
    const double *weights; /* nfeatures weights >= 0, not all 0; NULL: 1 each */
    size_t k;              /* peers per force, 1 .. nforces - 1 */
} fs_similar_spec_t;

typedef struct fs_similar_result {
    size_t nforces, nfeatures, k;
    size_t *peers;     /* nforces x k: row i is force i's peers, nearest first */
    double *distances; /* nforces x k: their distances from force i */
    /* nforces x nfeatures: the Jaccard overlap of force i's peers with its
     * peers without feature f; NULL when there is one feature only. */
    double *jaccard;
    /* nforces: the smallest overlap of row i of jaccard (1 with one
     * feature, where nothing can be left out). */
    double *stability;
} fs_similar_result_t;

/* Each force's k nearest peers, their distances and the stability check
 * (above) into *out, which the caller frees with fs_similar_result_free.
 * Errors (FS_EINVAL): fewer than 2 forces, no feature, k outside 1 ..
 * nforces - 1, a weight negative or not finite, every weight 0; FS_EDOM:
 * a feature value missing (NaN: reason FS_REASON_MISSING_VALUE) or
 * infinite (FS_REASON_NOT_FINITE), its row in err.index; a constant
 * feature (FS_REASON_ALL_EQUAL), its column in err.index; FS_ELIMIT: more
 * than FS_SIMILAR_MAX_UNITS forces or FS_SIMILAR_MAX_FEATURES features;
 * FS_ENOMEM. */
fs_status_t fs_similar(const fs_similar_spec_t *spec, fs_similar_result_t *out, fs_error_t *err);

/* Frees what *r owns and empties it; NULL and an emptied result are
 * accepted. */
void fs_similar_result_free(fs_similar_result_t *r);

#ifdef __cplusplus
}
#endif

#endif

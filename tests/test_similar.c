/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_similar.c: similar forces on made-up feature tables whose nearest
 * neighbours are known, ties broken by index on every run, the stability
 * check, and the refusals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"
#include "forcestat/similar.h"
#include "testutil.h"

/* Three clusters of three forces, far apart on two features, each force
 * a little off its cluster's centre. */
static const double clusters[9 * 2] = {0.0,  0.0,  0.1,  0.0,  0.0,  0.2,   /* A */
                                       10.0, 0.0,  10.3, 0.1,  10.1, 0.4,   /* B */
                                       0.0,  10.0, 0.2,  10.2, 0.5,  10.1}; /* C */

static void finds_the_known_neighbours(void)
{
    fs_similar_spec_t spec = {clusters, 9, 2, NULL, 2};
    fs_similar_result_t r;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_similar(&spec, &r, &e), FS_OK);
    CU_ASSERT_EQUAL(r.nforces, 9);
    CU_ASSERT_EQUAL(r.k, 2);
    for (size_t i = 0; i < 9; i++) {
        size_t first = i / 3 * 3;
        for (size_t j = 0; j < 2; j++) {
            size_t p = r.peers[i * 2 + j];
            CU_ASSERT(p != i && p / 3 == i / 3 && p >= first);
        }
        CU_ASSERT(r.distances[i * 2] <= r.distances[i * 2 + 1]);
        CU_ASSERT(r.distances[i * 2] > 0.0);
    }
    /* Force 0's nearest is force 1 (0.1 away in raw units, force 2 0.2). */
    CU_ASSERT_EQUAL(r.peers[0], 1);
    CU_ASSERT_EQUAL(r.peers[1], 2);
    /* Distances on z-scores: force 0 to force 1 differ by 0.1 on feature
     * 1 only, over its sample SD. */
    double mean = 0.0, ss = 0.0;
    for (size_t i = 0; i < 9; i++)
        mean += clusters[i * 2] / 9.0;
    for (size_t i = 0; i < 9; i++)
        ss += (clusters[i * 2] - mean) * (clusters[i * 2] - mean);
    TU_ASSERT_CLOSE(r.distances[0], 0.1 / sqrt(ss / 8.0), 1e-12);
    fs_similar_result_free(&r);
}

/* Leaving out either feature merges two clusters (A and B agree on
 * feature 2, A and C on feature 1), so some peer sets change; a duplicated
 * feature changes nothing when one copy is left out. */
static void stability_check(void)
{
    fs_similar_spec_t spec = {clusters, 9, 2, NULL, 2};
    fs_similar_result_t r;
    CU_ASSERT_EQUAL_FATAL(fs_similar(&spec, &r, NULL), FS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.jaccard);
    double least = 1.0;
    for (size_t i = 0; i < 9; i++) {
        double row = fmin(r.jaccard[i * 2], r.jaccard[i * 2 + 1]);
        CU_ASSERT_EQUAL(r.stability[i], row);
        for (size_t f = 0; f < 2; f++)
            CU_ASSERT(r.jaccard[i * 2 + f] >= 0.0 && r.jaccard[i * 2 + f] <= 1.0);
        least = fmin(least, row);
    }
    CU_ASSERT(least < 1.0);
    /* Force 0 without feature 1: on feature 2 alone forces 1 and 3 are
     * nearest (both at 0, as force 0), so {1, 2} becomes {1, 3}: one
     * shared of three, 1/3. */
    CU_ASSERT_EQUAL(r.jaccard[0], 1.0 / 3.0);
    CU_ASSERT_EQUAL(r.stability[0], 1.0 / 3.0);
    fs_similar_result_free(&r);
    double triple[9 * 3];
    for (size_t i = 0; i < 9; i++) {
        triple[i * 3] = clusters[i * 2];
        triple[i * 3 + 1] = clusters[i * 2];
        triple[i * 3 + 2] = clusters[i * 2 + 1];
    }
    /* Feature 3 weighted so that it alone keeps the clusters apart when
     * either copy of feature 1 is left out. */
    double w[3] = {1.0, 1.0, 3.0};
    fs_similar_spec_t dup = {triple, 9, 3, w, 2};
    CU_ASSERT_EQUAL_FATAL(fs_similar(&dup, &r, NULL), FS_OK);
    for (size_t i = 0; i < 9; i++) {
        CU_ASSERT_EQUAL(r.jaccard[i * 3], 1.0);
        CU_ASSERT_EQUAL(r.jaccard[i * 3 + 1], 1.0);
    }
    fs_similar_result_free(&r);
    /* One feature: nothing to leave out. */
    fs_similar_spec_t one = {clusters, 9, 1, NULL, 2};
    CU_ASSERT_EQUAL_FATAL(fs_similar(&one, &r, NULL), FS_OK);
    CU_ASSERT_PTR_NULL(r.jaccard);
    CU_ASSERT_EQUAL(r.stability[0], 1.0);
    fs_similar_result_free(&r);
}

/* The corners of a square: each corner's two neighbours are equally near,
 * to the last bit; the lower index comes first, on every run. */
static void ties_go_to_the_lower_index(void)
{
    static const double square[4 * 2] = {0, 0, 1, 0, 0, 1, 1, 1};
    fs_similar_spec_t spec = {square, 4, 2, NULL, 1};
    fs_similar_result_t a, b;
    CU_ASSERT_EQUAL_FATAL(fs_similar(&spec, &a, NULL), FS_OK);
    CU_ASSERT_EQUAL(a.peers[0], 1);
    CU_ASSERT_EQUAL(a.peers[1], 0);
    CU_ASSERT_EQUAL(a.peers[2], 0);
    CU_ASSERT_EQUAL(a.peers[3], 1);
    spec.k = 3;
    for (int run = 0; run < 3; run++) {
        CU_ASSERT_EQUAL_FATAL(fs_similar(&spec, &b, NULL), FS_OK);
        static const size_t want[12] = {1, 2, 3, 0, 3, 2, 0, 3, 1, 1, 2, 0};
        CU_ASSERT_EQUAL(memcmp(b.peers, want, sizeof want), 0);
        fs_similar_result_free(&b);
    }
    fs_similar_result_free(&a);
}

/* A weight of 0 leaves its feature out: on feature 2 alone, A and B are
 * one cluster. */
static void weights_count(void)
{
    double w[2] = {0.0, 1.0};
    fs_similar_spec_t spec = {clusters, 9, 2, w, 2};
    fs_similar_result_t r;
    CU_ASSERT_EQUAL_FATAL(fs_similar(&spec, &r, NULL), FS_OK);
    /* Force 0 (feature 2 = 0): its nearest on feature 2 are forces 1 and 3
     * (0.0 and 0.0; ties by index). */
    CU_ASSERT_EQUAL(r.peers[0], 1);
    CU_ASSERT_EQUAL(r.peers[1], 3);
    fs_similar_result_free(&r);
}

static void refuses_bad_input(void)
{
    fs_similar_result_t r;
    fs_error_t e;
    double flat[4 * 2] = {1, 5, 2, 5, 3, 5, 4, 5};
    fs_similar_spec_t s = {flat, 4, 2, NULL, 2};
    /* The result starts as garbage: a failure empties it (status.h). */
    memset(&r, 0xA5, sizeof r);
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_ALL_EQUAL);
    CU_ASSERT_EQUAL(e.index, 1);
    CU_ASSERT_PTR_NULL(r.peers);
    fs_similar_result_free(&r);
    double holes[4 * 2] = {1, 5, 2, NAN, 3, 6, 4, 7};
    s.features = holes;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_MISSING_VALUE);
    CU_ASSERT_EQUAL(e.index, 1);
    holes[3] = INFINITY;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_NOT_FINITE);
    holes[3] = 8;
    s.k = 4;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_EINVAL);
    s.k = 0;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_EINVAL);
    s.k = 1;
    s.nforces = 1;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_EINVAL);
    s.nforces = 4;
    double neg[2] = {1, -1}, zero[2] = {0, 0};
    s.weights = neg;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_EINVAL);
    s.weights = zero;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_EINVAL);
    s.weights = NULL;
    s.nforces = FS_SIMILAR_MAX_UNITS + 1;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_ELIMIT);
    s.nforces = 4;
    CU_ASSERT_EQUAL(fs_similar(&s, &r, &e), FS_OK);
    fs_similar_result_free(&r);
    fs_similar_result_free(NULL);
}

/* Each allocation failing in turn: FS_ENOMEM, and the result emptied. */
static void out_of_memory(void)
{
    fs_similar_spec_t spec = {clusters, 9, 2, NULL, 2};
    fs_similar_result_t r;
    fs_error_t e;
    fa_arm(1);
    CU_ASSERT_EQUAL(fs_similar(&spec, &r, &e), FS_ENOMEM);
    fa_disarm();
    for (long n = 1; n < 100; n++) {
        fa_arm(n);
        fs_status_t st = fs_similar(&spec, &r, &e);
        long seen = fa_disarm();
        if (seen < n) {
            CU_ASSERT_EQUAL(st, FS_OK);
            fs_similar_result_free(&r);
            return;
        }
        CU_ASSERT_EQUAL(st, FS_ENOMEM);
        CU_ASSERT_PTR_NULL(r.peers);
        CU_ASSERT_PTR_NULL(r.stability);
    }
    CU_FAIL("fs_similar never completed");
}

static int add(void)
{
    static const tu_test_t tests[] = {{"finds the known neighbours", finds_the_known_neighbours},
                                      {"stability check", stability_check},
                                      {"ties go to the lower index", ties_go_to_the_lower_index},
                                      {"weights count", weights_count},
                                      {"refuses bad input", refuses_bad_input},
                                      {"out of memory", out_of_memory},
                                      {NULL, NULL}};
    return tu_add_suite("similar", tests);
}

const test_suite_t suite_similar = {"similar", add};

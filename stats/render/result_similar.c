/* SPDX-License-Identifier: GPL-3.0-or-later */
/* result_similar.c: forcestat's similar forces, each force's nearest
 * peers with their distances and the stability check (similar), as text,
 * CSV (a peer list `--groups` reads) and JSON (results.h). */
#include "render/results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What every output says first: whose groups these are. */
static const char label[] = "forcestat's similar forces (nearest on the features given; "
                            "not the Home Office's most similar groups)";

/* The peers' table, a row per force and peer: force, peer, rank, distance,
 * and the force's stability.  Its CSV is a peer list (groups.h). */
#define PEER_COLUMNS 5
static fs_status_t peers_table(fs_rtable_t *rt, fs_rcol_t *cols, const fs_similar_output_t *o,
                               fs_error_t *err)
{
    const fs_rcol_t c[PEER_COLUMNS] = {{.key = "force"},
                                       {.key = "peer"},
                                       {.key = "rank", .type = FS_RT_NUMBER},
                                       {.key = "distance", .type = FS_RT_NUMBER},
                                       {.key = "stability", .type = FS_RT_NUMBER}};
    memcpy(cols, c, sizeof c);
    const fs_similar_result_t *r = o->result;
    fs_status_t st = fs_rtable_init(rt, cols, PEER_COLUMNS, r->nforces * r->k, err);
    if (st != FS_OK)
        return st;
    rt->csv_raw = o->csv_raw;
    for (size_t i = 0; i < r->nforces; i++) {
        for (size_t j = 0; j < r->k; j++) {
            size_t row = i * r->k + j;
            fs_rtable_text(rt, row, 0, o->names[i]);
            fs_rtable_text(rt, row, 1, o->names[r->peers[row]]);
            fs_rtable_number(rt, row, 2, (double)(j + 1));
            fs_rtable_number(rt, row, 3, r->distances[row]);
            fs_rtable_number(rt, row, 4, r->stability[i]);
        }
    }
    return FS_OK;
}

/* The feature whose leaving out changes force i's peers most (the first
 * of equals), or NULL when none changes them. */
static const char *least_stable(const fs_similar_output_t *o, size_t i)
{
    const fs_similar_result_t *r = o->result;
    for (size_t f = 0; r->jaccard != NULL && f < r->nfeatures; f++) {
        if (r->jaccard[i * r->nfeatures + f] == r->stability[i] && r->stability[i] < 1.0)
            return o->features[f];
    }
    return NULL;
}

enum { F_FORCE, F_PEERS, F_DISTANCES, F_JACCARD, F_STABILITY, F_LEAST, F_FIELDS };
FS_DOC_FITS(force_fields, F_FIELDS);
static const fs_dfield_t force_fields[F_FIELDS] = {
    [F_FORCE] = {"force", FS_DT_TEXT, 0, 0},
    [F_PEERS] = {"peers", FS_DT_TEXTS, 0, 0},
    [F_DISTANCES] = {"distances", FS_DT_NUMBERS, 0, 0},
    [F_JACCARD] = {"jaccard_without", FS_DT_NUMBERS, 0, 0},
    [F_STABILITY] = {"stability", FS_DT_NUMBER, 0, 0},
    [F_LEAST] = {"least_stable_without", FS_DT_TEXT, 0, 0}};

enum { S_SCHEMA, S_LABEL, S_K, S_FEATURES, S_WEIGHTS, S_FORCES, S_FIELDS };
FS_DOC_FITS(similar_fields, S_FIELDS);
static const fs_dfield_t similar_fields[S_FIELDS] = {
    [S_SCHEMA] = {"schema_version", FS_DT_INTEGER, 1, 0},
    [S_LABEL] = {"label", FS_DT_TEXT, 1, 0},
    [S_K] = {"k", FS_DT_INTEGER, 1, 0},
    [S_FEATURES] = {"features", FS_DT_TEXTS, 1, 0},
    [S_WEIGHTS] = {"weights", FS_DT_NUMBERS, 1, 0},
    [S_FORCES] = {"forces", FS_DT_OBJECTS, 1, 0}};

static void format_json(fs_buf_t *out, const fs_similar_output_t *o)
{
    const fs_similar_result_t *r = o->result;
    size_t n = r->nforces, k = r->k, m = r->nfeatures;
    fs_doc_t *forces = calloc(n ? n : 1, sizeof *forces);
    const char **peers = calloc(n > 0 && k > 0 ? n * k : 1, sizeof *peers);
    double *weights = malloc(m * sizeof *weights);
    if (forces == NULL || peers == NULL || weights == NULL) {
        out->failed = 1;
        goto cleanup;
    }
    for (size_t f = 0; f < m; f++)
        weights[f] = o->weights != NULL ? o->weights[f] : 1.0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < k; j++)
            peers[i * k + j] = o->names[r->peers[i * k + j]];
        fs_doc_init(&forces[i], force_fields, F_FIELDS);
        fs_doc_text(&forces[i], F_FORCE, o->names[i]);
        fs_doc_texts(&forces[i], F_PEERS, peers + i * k, k);
        fs_doc_numbers(&forces[i], F_DISTANCES, r->distances + i * k, k);
        fs_doc_numbers(&forces[i], F_JACCARD, r->jaccard != NULL ? r->jaccard + i * m : NULL,
                       r->jaccard != NULL ? m : 0);
        fs_doc_number(&forces[i], F_STABILITY, r->stability[i]);
        fs_doc_text(&forces[i], F_LEAST, least_stable(o, i));
    }
    fs_doc_t doc;
    fs_doc_init(&doc, similar_fields, S_FIELDS);
    fs_doc_integer(&doc, S_SCHEMA, FS_JSON_SCHEMA_VERSION);
    fs_doc_text(&doc, S_LABEL, label);
    fs_doc_integer(&doc, S_K, (long long)k);
    fs_doc_texts(&doc, S_FEATURES, o->features, m);
    fs_doc_numbers(&doc, S_WEIGHTS, weights, m);
    fs_doc_objects(&doc, S_FORCES, forces, n);
    fs_render_json_doc(out, &doc, 0);
    fs_buf_putc(out, '\n');
cleanup:
    free(forces);
    free(peers);
    free(weights);
}

static void format_text(fs_buf_t *out, const fs_similar_output_t *o)
{
    const fs_similar_result_t *r = o->result;
    fs_buf_printf(out, "%s\n", label);
    fs_buf_printf(out, "Each force's %zu nearest of %zu, by weighted Euclidean distance on %zu "
                       "standardised feature%s (z-scores, sample SD):",
                  r->k, r->nforces, r->nfeatures, r->nfeatures == 1 ? "" : "s");
    for (size_t f = 0; f < r->nfeatures; f++) {
        fs_buf_printf(out, "%s %s (weight ", f ? "," : "", o->features[f]);
        fs_render_number(out, o->weights != NULL ? o->weights[f] : 1.0, FS_RS_DIGITS, 6);
        fs_buf_putc(out, ')');
    }
    fs_buf_puts(out, ".\nStability: the least Jaccard overlap of each force's peers with its "
                     "peers when one feature is left out (1: no feature alone changes them).\n");
    for (size_t i = 0; i < r->nforces; i++) {
        fs_buf_printf(out, "\n%s: stability ", o->names[i]);
        fs_render_number(out, r->stability[i], FS_RS_DIGITS, 3);
        const char *least = least_stable(o, i);
        if (least != NULL)
            fs_buf_printf(out, " (least without %s)", least);
        fs_buf_putc(out, '\n');
        for (size_t j = 0; j < r->k; j++) {
            fs_buf_printf(out, "  %3zu. %-36s ", j + 1, o->names[r->peers[i * r->k + j]]);
            fs_render_number(out, r->distances[i * r->k + j], FS_RS_DIGITS, 4);
            fs_buf_putc(out, '\n');
        }
    }
}

void fs_similar_write(fs_buf_t *out, fs_output_format_t format, const fs_similar_output_t *o)
{
    if (format == FS_FORMAT_JSON) {
        format_json(out, o);
        return;
    }
    if (format != FS_FORMAT_CSV) {
        format_text(out, o);
        return;
    }
    fs_rcol_t cols[PEER_COLUMNS];
    fs_rtable_t rt;
    fs_error_t err;
    if (peers_table(&rt, cols, o, &err) != FS_OK) {
        out->failed = 1;
        return;
    }
    fs_render_csv_header(out, &rt);
    fs_render_csv_rows(out, &rt);
    fs_rtable_free(&rt);
}

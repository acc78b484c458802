/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aggregate.h: streaming group-and-sum over a long table of any length.
 *
 * One pass over the records, memory proportional to the number of groups
 * (not rows): the way to turn row-level open data (one row per force,
 * quarter, offence and outcome) into force-level measures.
 *
 * Contract (status.h): opt may be NULL (fs_read_options_init's defaults),
 * spec may not, and spec->progress may be NULL.  After a failure *out is
 * NULL; fs_aggregate_result_free accepts NULL. */
#ifndef FORCESTAT_AGGREGATE_H
#define FORCESTAT_AGGREGATE_H

#include <stddef.h>

#include "forcestat/dataset.h"
#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fs_aggregate_spec {
    const char *const *by; /* the grouping columns, in output order */
    size_t nby;
    const char *sum;       /* the column summed */
    const fs_match_t *filters; /* rows failing any filter are ignored */
    size_t nfilters;
    const fs_match_t *where;   /* NULL: plain sums; else numerator/denominator */
    /* Called now and then while reading (every 65,536 rows or so, from
     * whichever thread is reading, never two at once) with the raw bytes
     * read so far, the input's size (0 when unknown, as for standard
     * input) and the rows read; NULL for none.  It must not call back
     * into the aggregation. */
    void (*progress)(void *arg, long long bytes, long long total, unsigned long long rows);
    void *progress_arg;
} fs_aggregate_spec_t;

typedef struct fs_aggregate_group {
    char **keys;        /* nby key values as written */
    double numerator;   /* with where: sum over matching rows; else the sum */
    double denominator; /* with where: sum over all rows of the group; else = numerator */
    size_t rows;        /* rows that contributed a value */
    /* The most decimals its values were written with (-1: one had an
     * exponent).  The sums are rounded to them: a sum of values with two
     * decimals is 2803.29, the decimal sum, not 2803.289999999999. */
    int decimals;
} fs_aggregate_group_t;

typedef struct fs_aggregate_result {
    size_t nby;
    size_t ngroups;
    fs_aggregate_group_t *groups; /* in order of first appearance */
    size_t rows_read;             /* data rows read */
    size_t rows_filtered;         /* rows left out by filters */
    size_t missing_values;        /* rows skipped: the summed value was a missing token */
    size_t missing_keys;          /* rows skipped: a grouping value was a missing token */
    void *storage_;
} fs_aggregate_result_t;

/* Reads every remaining record of r (whose next record must be the header)
 * and groups and sums as spec says.  Sums use compensated (Neumaier)
 * summation, so integer counts are exact up to 2^53 and decimal sums are
 * as close as a double allows.  Errors: FS_ENOTFOUND (a named column does
 * not exist), FS_EPARSE (a summed value that is neither a number nor a
 * missing token, naming the line; or a reader error), FS_ENOMEM. */
fs_status_t fs_aggregate(fs_reader_t *r, const fs_aggregate_spec_t *spec,
                         fs_aggregate_result_t **out, fs_error_t *err);

/* The same over a file: "-" for standard input, .gz read directly.  A
 * large plain file (32 MB and more) is split at record boundaries into
 * `nthreads` parts (the split is quote-aware: it tracks quote parity from
 * the start) that are read and grouped in parallel, each part by its own
 * libcsv parser, and merged in file order, so the result, its order and
 * any error (the earliest in the file, with its true line) are those of
 * the sequential pass.  Memory stays independent of the file's size. */
fs_status_t fs_aggregate_file(const char *path, const fs_aggregate_spec_t *spec,
                              const fs_read_options_t *opt, unsigned nthreads,
                              fs_aggregate_result_t **out, fs_error_t *err);

/* As fs_aggregate_file, with the size from which a file is split given
 * (fs_aggregate_file uses 32 MB): for tests of the parallel path on small
 * files. */
fs_status_t fs_aggregate_file_split(const char *path, const fs_aggregate_spec_t *spec,
                                    const fs_read_options_t *opt, unsigned nthreads,
                                    long long min_split_bytes, fs_aggregate_result_t **out,
                                    fs_error_t *err);

/* What fs_aggregate_inputs does beyond a spec.  Zeroed, it does
 * nothing more (and a spec's sum is then required). */
typedef struct fs_aggregate_more {
    /* Count rows: each row that passes is 1, spec->sum must be NULL, and
     * a group's rows (and, with a where, numerator and denominator) are
     * counts. */
    int count;
    /* A column (e.g. "Crime ID") whose repeated value counts once: the
     * first row with it counts, later ones are left out and counted in
     * the notes.  A missing value (empty, NA, ...) never repeats.  Values
     * are remembered by a 64-bit hash (16 bytes each): memory grows with
     * the distinct values, at most 2^26 of them (1 GiB; FS_ELIMIT past
     * that); two values whose hashes collide (odds about n^2 / 2^65, one
     * in 10^7 for a million values) would count once.  NULL: none. */
    const char *distinct;
    /* A lookup table (CSV, .csv.gz or a workbook) that maps the data's
     * column lookup_key (e.g. "LSOA code") through the lookup's column of
     * the same name, or lookup_file_key when set, to its column
     * lookup_to, before grouping: the grouping column named lookup_to
     * takes the mapped value.  A row whose code is missing is left out
     * as a missing grouping value; one whose code the lookup lacks is left
     * out and counted in the notes (never silently).  NULL: none. */
    const char *lookup_path;
    const char *lookup_key;
    const char *lookup_file_key;
    const char *lookup_to;
    /* The members of a zip archive read (fs_inputs_open); NULL: "*.csv". */
    const char *member_glob;
    /* The sheet of a workbook input; NULL: the first table found. */
    const fs_sheet_choice_t *sheet;
} fs_aggregate_more_t;

/* What fs_aggregate_inputs saw besides the groups. */
typedef struct fs_aggregate_notes {
    size_t inputs;            /* files and archive members read */
    size_t unmatched;         /* rows left out: their code is not in the lookup */
    char unmatched_code[64];  /* the first such code (cut at a character) */
    char unmatched_file[512]; /* and the input it was in */
    size_t duplicates;        /* rows left out: a repeated distinct value */
} fs_aggregate_notes_t;

/* fs_aggregate_file over several inputs read as one table, in order:
 * files and zip archives of tables (fs_inputs_open; an archive's chosen
 * members in its order), with more's counting, lookup and distinct
 * values.  Their headers must agree, column by column: a header that
 * differs from the first input's is FS_EPARSE naming the input, line and
 * column.  So several inputs give the result of their concatenation.  A
 * single plain file without distinct values or a lookup is read as
 * fs_aggregate_file reads it (split over nthreads when large); anything
 * else is read in one pass.  more and notes may be NULL.  Errors: those of
 * fs_aggregate_file and fs_inputs_next; FS_EINVAL (no sum and no count, or
 * both; a lookup whose lookup_to is no grouping column); the lookup's
 * (FS_ENOTFOUND, FS_EPARSE for a code with two values). */
fs_status_t fs_aggregate_inputs(const char *const *paths, size_t npaths,
                                const fs_aggregate_spec_t *spec, const fs_aggregate_more_t *more,
                                const fs_read_options_t *opt, unsigned nthreads,
                                fs_aggregate_result_t **out, fs_aggregate_notes_t *notes,
                                fs_error_t *err);

void fs_aggregate_result_free(fs_aggregate_result_t *res);

/* Rolling sums over periods: the first `ngroup_keys` keys of each group of
 * `in` name the group (e.g. the force), the remaining keys the period (e.g.
 * financial year and quarter).  Periods are ordered by first appearance
 * in the input.  For each group and each period p, the output holds the
 * sums over the k periods ending at p, when the group has all k of them
 * (an incomplete window is left out, never padded); its keys are the
 * group's and p's.  With quarters and k = 4 this gives "year ending"
 * figures.  The output's key strings point into `in`: free the output
 * first.  Errors: FS_EINVAL when k is 0 or there is no period key,
 * FS_ENOMEM. */
fs_status_t fs_aggregate_rolling(const fs_aggregate_result_t *in, size_t ngroup_keys, size_t k,
                                 fs_aggregate_result_t **out, fs_error_t *err);

/* A group's proportion: numerator over denominator, NaN when the
 * denominator is 0. */
double fs_aggregate_proportion(const fs_aggregate_group_t *g);

#ifdef __cplusplus
}
#endif

#endif

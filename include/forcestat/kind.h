/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kind.h: a table of kinds, the named choices a user types (an interval
 * method, a chart kind, an output format): a row each, with the name as
 * typed, its enum value and a line for the help.  One table per kind of
 * thing, read by option parsing, "did you mean", the help, the manual
 * pages and the completion, so that none drifts from another.  The
 * library's own tables (fs_kinds_ci_method, intervals.h) live with the
 * code they name; the program's (chart kinds, formats) are in its
 * internal stats/render/kinds.h, with the look-ups over any table.
 *
 * Contract (status.h): constant data, nothing allocated. */
#ifndef FORCESTAT_KIND_H
#define FORCESTAT_KIND_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fs_kind {
    const char *name; /* as typed */
    int value;        /* the enum value (fs_ci_method_t, ...) */
    const char *what; /* one line, for the help */
    const char *file; /* a chart kind's template in plots/; NULL otherwise */
} fs_kind_t;

typedef struct fs_kind_table {
    const char *key;  /* what it is typed after: "chart", "--method", ... */
    const char *noun; /* for messages: "chart", "method", ... */
    const fs_kind_t *rows;
    size_t n;
    int dflt; /* the value of the default row, which the help marks; -1: none */
    /* NULL, or for each row the options (long names without "--", one
     * space between) it takes of those not every row takes: an option no
     * row lists is one they all take; a row's NULL lists none.  The
     * refusal of an option a chart ignores and the chart help's list of
     * each kind's options both read it (fs_kind_takers). */
    const char *const *takes;
} fs_kind_table_t;

#ifdef __cplusplus
}
#endif

#endif

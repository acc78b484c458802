/* SPDX-License-Identifier: GPL-3.0-or-later */
/* template.h (internal): the gnuplot templates of plots/, embedded at
 * build time, and how they are filled.
 *
 * A template is gnuplot text with three kinds of mark:
 *   @NAME@            replaced by a value: a string (always written as a
 *                     safe gnuplot string literal, fs_chart_quote), a
 *                     number (written so that it reads back exactly) or a
 *                     list of such literals joined by ", "
 *   @if NAME@ / @if !NAME@ / @else@ / @end@, each alone on a line: the
 *                     lines between are kept when the flag NAME is set
 *   #@ ...            a note for the template's reader, dropped
 * A name the template uses and the caller does not set is an error, so a
 * misspelt mark cannot go out as gnuplot code. */
#ifndef FORCESTAT_TEMPLATE_H
#define FORCESTAT_TEMPLATE_H

#include <stddef.h>

#include "render/emit.h"
#include "forcestat/status.h"

/* The embedded templates (plots/NAME.gp), NUL-terminated. */
extern const char fs_plot_common[];
extern const char fs_plot_xtics[];
extern const char fs_plot_bar[];
extern const char fs_plot_intervals[];
extern const char fs_plot_trend[];
extern const char fs_plot_funnel[];
extern const char fs_plot_spc[];
extern const char fs_plot_spine[];

#define FS_TMPL_MAX_VARS 64

typedef struct fs_tmpl_vars {
    struct {
        const char *name;
        int is_flag;
        int flag;
        char *text; /* the value as it goes into the script */
    } v[FS_TMPL_MAX_VARS];
    size_t n;
    int failed; /* out of memory or too many values */
} fs_tmpl_vars_t;

/* Writes s into buf as a gnuplot double-quoted string literal with every
 * byte outside [A-Za-z0-9 ] octal-escaped (fs_chart_quote); returns the
 * length needed, like snprintf. */
size_t fs_tmpl_quote(const char *s, char *buf, size_t size);

void fs_tmpl_init(fs_tmpl_vars_t *vars);
void fs_tmpl_free(fs_tmpl_vars_t *vars);
void fs_tmpl_string(fs_tmpl_vars_t *vars, const char *name, const char *s);
void fs_tmpl_number(fs_tmpl_vars_t *vars, const char *name, double x);
void fs_tmpl_flag(fs_tmpl_vars_t *vars, const char *name, int on);
/* A list value: items appended one by one, as strings or numbers. */
void fs_tmpl_list_string(fs_tmpl_vars_t *vars, const char *name, const char *s);
void fs_tmpl_list_number(fs_tmpl_vars_t *vars, const char *name, double x);
/* A list item "label" position, as gnuplot's explicit tics take it. */
void fs_tmpl_list_tic(fs_tmpl_vars_t *vars, const char *name, const char *label, double x);
/* An empty list (for a list that may get no items). */
void fs_tmpl_list(fs_tmpl_vars_t *vars, const char *name);

/* Appends the filled template to out.  Errors: FS_EINVAL (a mark the
 * caller did not set, an unbalanced @if@), FS_ENOMEM. */
fs_status_t fs_tmpl_fill(fs_buf_t *out, const char *tmpl, const char *tmpl_name,
                         const fs_tmpl_vars_t *vars, fs_error_t *err);

#endif

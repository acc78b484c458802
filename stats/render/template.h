/* SPDX-License-Identifier: GPL-3.0-or-later */
/* template.h (internal): the gnuplot templates of plots/, embedded at
 * build time, and how they are filled.
 *
 * A template is gnuplot text (or, for the report's pages, HTML: the
 * templates of plots/site/) with these kinds of mark:
 *   @NAME@            replaced by a value: a string (always written as a
 *                     safe gnuplot string literal, fs_chart_quote, or in
 *                     an HTML template escaped by fs_html_escape), a
 *                     number (written so that it reads back exactly) or a
 *                     list of such literals joined by ", "
 *   @if NAME@ / @if !NAME@ / @else@ / @end@, each alone on a line: the
 *                     lines between are kept when the flag NAME is set
 *   @each NAME@ / @end@, each alone on a line: the lines between once for
 *                     each item of the section NAME, in order; inside, a
 *                     mark is the item's value, else the enclosing one's
 *   @@                a literal '@' (CSS's @media)
 *   @-@               at the end of a line: the line's newline is left
 *                     out, so a conditional part can sit inside a line
 *   #@ ...            a note for the template's reader, dropped
 * A name the template uses and the caller does not set is an error, so a
 * misspelt mark cannot go out as gnuplot code or markup. */
#ifndef FORCESTAT_TEMPLATE_H
#define FORCESTAT_TEMPLATE_H

#include <stddef.h>

#include "render/emit.h"
#include "forcestat/status.h"

/* The embedded templates (plots/NAME.gp), NUL-terminated. */
extern const char fs_plot_palette[];
extern const char fs_plot_common[];
extern const char fs_plot_xtics[];
extern const char fs_plot_end[];
extern const char fs_plot_bar[];
extern const char fs_plot_intervals[];
extern const char fs_plot_trend[];
extern const char fs_plot_funnel[];
extern const char fs_plot_spc[];
extern const char fs_plot_spine[];
extern const char fs_plot_change[];
extern const char fs_plot_change_funnel[];
extern const char fs_plot_ratio[];

/* The report's page templates (plots/site/), and its style sheet,
 * which goes into the page as it is. */
extern const char fs_plot_page[];
extern const char fs_plot_overview[];
extern const char fs_plot_site[];

#define FS_TMPL_MAX_VARS 64

typedef struct fs_tmpl_vars {
    struct {
        const char *name;
        int is_flag;
        int flag;
        char *text; /* the value as it goes into the script */
        int is_section;
        struct fs_tmpl_vars **items; /* a section's items, nitems of them */
        size_t nitems, cap;
    } v[FS_TMPL_MAX_VARS];
    size_t n;
    int failed; /* out of memory or too many values */
    int html;   /* strings are escaped for HTML, not quoted for gnuplot */
} fs_tmpl_vars_t;

/* Writes s into buf as a gnuplot double-quoted string literal with every
 * byte outside [A-Za-z0-9 ] octal-escaped (fs_chart_quote); returns the
 * length needed, like snprintf. */
size_t fs_tmpl_quote(const char *s, char *buf, size_t size);

void fs_tmpl_init(fs_tmpl_vars_t *vars);
/* For an HTML template: every string value is escaped (fs_html_escape). */
void fs_tmpl_init_html(fs_tmpl_vars_t *vars);
/* Frees the values and every section's items (not vars itself). */
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
/* Markup made by this program (a filled template, a table rendered by
 * fs_render_html, the style sheet), put in as it is: never text from
 * the data or the command line, which goes in by fs_tmpl_string. */
void fs_tmpl_markup(fs_tmpl_vars_t *vars, const char *name, const char *markup);
/* A section (@each NAME@) with no items yet. */
void fs_tmpl_section(fs_tmpl_vars_t *vars, const char *name);
/* A new item at the end of section name (declared if it was not), in the
 * mode of vars; its values are set like any vars'.  vars owns it.  NULL
 * when out of memory (vars then fails to fill). */
fs_tmpl_vars_t *fs_tmpl_item(fs_tmpl_vars_t *vars, const char *name);

/* Appends the filled template to out; tmpl_name is its file under
 * plots/ ("bar" for plots/bar.gp, "site/page.html"), for messages.
 * Errors: FS_EINVAL (a mark the caller did not set, an unbalanced @if@
 * or @each@), FS_ENOMEM. */
fs_status_t fs_tmpl_fill(fs_buf_t *out, const char *tmpl, const char *tmpl_name,
                         const fs_tmpl_vars_t *vars, fs_error_t *err);

#endif

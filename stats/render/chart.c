/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart.c: gnuplot scripts and data for the comparison charts, drawn by
 * one gnuplot process per batch.  See chart.h for the safety rules. */
#include "render/chart.h"
#include "render/safetext.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render/emit.h"
#include "io/fileio.h"
#include "forcestat/funnel.h"
#include "forcestat/spc.h"
#include "forcestat/spine.h"
#include "render/render.h"
#include "io/stage.h"
#include "template.h"

extern char **environ;

#define PATH_MAX_BYTES 4096

typedef struct queued {
    char *name;         /* the output's name in the stage */
    char *out_path;     /* where gnuplot writes it (absolute, in the stage) */
    char *gp_name;      /* with keep_script: NAME.gp and NAME.dat, else NULL */
    char *dat_name;
    char *kept_script;  /* the .gp text when keep_script, else NULL */
    char *data_path;    /* the data file, scratch in the stage */
    char *title;        /* SVG: the chart's title, for its <title>; else NULL */
    fs_chart_format_t format;
    size_t script_at;   /* where its part of the batch script begins */
} queued_t;

struct fs_chart_batch {
    fs_stage_t *stage;
    fs_buf_t script;
    queued_t *charts;
    size_t n, cap;
};

size_t fs_chart_quote(const char *s, char *buf, size_t size)
{
    return fs_tmpl_quote(s, buf, size);
}

fs_status_t fs_chart_format_from_path(const char *path, fs_chart_format_t *out, fs_error_t *err)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot != NULL && (slash == NULL || dot > slash)) {
        if (strcasecmp(dot, ".png") == 0) {
            *out = FS_CHART_PNG;
            return FS_OK;
        }
        if (strcasecmp(dot, ".svg") == 0) {
            *out = FS_CHART_SVG;
            return FS_OK;
        }
        if (strcasecmp(dot, ".pdf") == 0) {
            *out = FS_CHART_PDF;
            return FS_OK;
        }
    }
    fs_error_at(err, path, 0, 0, NULL, 0);
    return fs_error_set(err, FS_EINVAL, "the output must end in .png, .svg or .pdf");
}

fs_status_t fs_chart_batch_new(fs_chart_batch_t **out, fs_stage_t *stage, fs_error_t *err)
{
    *out = NULL;
    fs_chart_batch_t *b = calloc(1, sizeof *b);
    if (b == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    b->stage = stage;
    fs_buf_init(&b->script);
    *out = b;
    return FS_OK;
}

size_t fs_chart_batch_count(const fs_chart_batch_t *b)
{
    return b->n;
}

static void queued_free(queued_t *q)
{
    if (q->data_path != NULL)
        unlink(q->data_path);
    free(q->name);
    free(q->out_path);
    free(q->gp_name);
    free(q->dat_name);
    free(q->kept_script);
    free(q->data_path);
    free(q->title);
    memset(q, 0, sizeof *q);
}

void fs_chart_batch_free(fs_chart_batch_t *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n; i++)
        queued_free(&b->charts[i]);
    fs_buf_free(&b->script);
    free(b->charts);
    free(b);
}

/* Fills plots/common.gp, then the chart's own template: every chart
 * starts with the terminal for its format, its output and its texts. */
static fs_status_t fill_chart(fs_buf_t *s, const char *tmpl, const char *tmpl_name,
                              int with_xtics, fs_tmpl_vars_t *v, const fs_chart_text_t *text,
                              fs_chart_format_t format, const char *data, const char *output,
                              fs_error_t *err)
{
    fs_tmpl_flag(v, "png", format == FS_CHART_PNG);
    fs_tmpl_flag(v, "svg", format == FS_CHART_SVG);
    fs_tmpl_flag(v, "pdf", format == FS_CHART_PDF);
    fs_tmpl_string(v, "OUTPUT", output);
    int width = text->width > 0 ? text->width : FS_CHART_WIDTH;
    int height = text->height > 0 ? text->height : FS_CHART_HEIGHT;
    fs_tmpl_number(v, "WIDTH", width);
    fs_tmpl_number(v, "HEIGHT", height);
    /* A PDF page: 1200 pixels make the 11 inches a report page is wide. */
    fs_tmpl_number(v, "PDF_WIDTH", (double)(int)(width / 1.09 + 0.5) / 100.0);
    fs_tmpl_number(v, "PDF_HEIGHT", (double)(int)(height / 1.09 + 0.5) / 100.0);
    fs_tmpl_string(v, "DATA", data);
    fs_tmpl_flag(v, "has_title", text->title != NULL);
    fs_tmpl_string(v, "TITLE", text->title);
    fs_tmpl_flag(v, "has_ylabel", text->ylabel != NULL);
    fs_tmpl_string(v, "YLABEL", text->ylabel);
    fs_tmpl_flag(v, "has_source", text->source != NULL);
    fs_tmpl_flag(v, "percent", text->percent);
    fs_tmpl_string(v, "SOURCE", text->source);
    fs_status_t st = fs_tmpl_fill(s, fs_plot_common, "common", v, err);
    if (st == FS_OK && with_xtics)
        st = fs_tmpl_fill(s, fs_plot_xtics, "xtics", v, err);
    if (st == FS_OK)
        st = fs_tmpl_fill(s, tmpl, tmpl_name, v, err);
    fs_tmpl_free(v);
    return st;
}

/* The values of plots/xtics.gp: one tic per label, rotated when asked,
 * with room below for the longest. */
static void set_xtics(fs_tmpl_vars_t *v, const char *const *labels, size_t n, int rotate,
                      int have_source)
{
    size_t longest = 0;
    fs_tmpl_list(v, "XTICS");
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(labels[i]);
        longest = len > longest ? len : longest;
        /* gnuplot formats explicit tic labels with the tic's value, so a
         * literal '%' must be doubled. */
        fs_buf_t doubled;
        fs_buf_init(&doubled);
        for (const char *p = labels[i]; *p; p++) {
            if (*p == '%')
                fs_buf_puts(&doubled, "%%");
            else
                fs_buf_putc(&doubled, *p);
        }
        if (fs_buf_status(&doubled) != FS_OK)
            v->failed = 1;
        fs_tmpl_list_tic(v, "XTICS", doubled.data ? doubled.data : "", (double)i);
        fs_buf_free(&doubled);
    }
    fs_tmpl_flag(v, "rotate", rotate);
    /* Character units: rotated labels need about 0.42 of a line per
     * character at the smaller font, plus room for the source note. */
    fs_tmpl_number(v, "BMARGIN",
                   (double)((int)(0.42 * (double)(longest > 60 ? 60 : longest)) + 2 +
                            (have_source ? 1 : 0)));
    fs_tmpl_number(v, "XMAX", (double)n - 0.2);
}

/* The largest and second largest of n values (NaN left out) found
 * stride bytes apart from *v: where one bar or point far above the rest
 * is cut off the scale.  Returns the index of the largest, n when none. */
static size_t largest_two(const double *v, size_t stride, size_t n, double *first,
                          double *second)
{
    size_t top = n;
    *first = *second = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double x = *(const double *)((const char *)v + i * stride);
        if (isnan(x))
            continue;
        if (x > *first) {
            *second = *first;
            *first = x;
            top = i;
        } else if (x > *second) {
            *second = x;
        }
    }
    return top;
}

/* Opens a new scratch data file in the stage's private folder: created
 * by us, exclusively, so nothing planted can stand in for it. */
static fs_status_t open_data(fs_chart_batch_t *b, FILE **f, char **path, fs_error_t *err)
{
    char name[64], buf[PATH_MAX_BYTES];
    snprintf(name, sizeof name, "chart%zu.dat", b->n);
    *f = NULL;
    *path = NULL;
    fs_status_t st = fs_stage_scratch(b->stage, name, buf, sizeof buf, err);
    if (st != FS_OK)
        return st;
    int fd = open(buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return fs_error_set(err, FS_EIO, "cannot write chart data: %s", strerror(errno));
    *path = strdup(buf);
    *f = *path ? fdopen(fd, "w") : NULL;
    if (*f == NULL) {
        close(fd);
        unlink(buf);
        free(*path);
        *path = NULL;
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    return FS_OK;
}

static fs_status_t close_data(FILE *f, fs_error_t *err)
{
    errno = 0;
    int bad = fflush(f) != 0 || ferror(f);
    int e = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad)
        return fs_error_set(err, FS_EIO, "cannot write chart data: %s",
                            e ? strerror(e) : "write error");
    return FS_OK;
}

static void put_datum(FILE *f, double x, char sep)
{
    if (isnan(x))
        fputs("NaN", f);
    else
        fprintf(f, "%.17g", x);
    fputc(sep, f);
}

/* A y value as drawn: a proportion as a percentage when the chart says so. */
static double ys(const fs_chart_text_t *t, double x)
{
    return t->percent ? 100.0 * x : x;
}

/* Replaces the extension of path with ext (".gp", ".dat"). */
char *fs_chart_with_extension(const char *path, const char *ext)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    size_t stem = (dot != NULL && (slash == NULL || dot > slash)) ? (size_t)(dot - path) : strlen(path);
    char *out = malloc(stem + strlen(ext) + 1);
    if (out != NULL) {
        memcpy(out, path, stem);
        strcpy(out + stem, ext);
    }
    return out;
}

/* "./NAME": how a kept script names its files, so that gnuplot never
 * reads a name beginning with '|' or '<' as a command.  NULL when out of
 * memory. */
static char *dot_slash(const char *name)
{
    size_t len = strlen(name);
    char *out = malloc(len + 3);
    if (out != NULL) {
        memcpy(out, "./", 2);
        memcpy(out + 2, name, len + 1);
    }
    return out;
}

typedef fs_status_t (*script_fn)(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                  const char *data, const char *output, fs_error_t *err);

/* Queues a chart whose data file is already written: the run script
 * (absolute paths in the stage) goes into the batch; with keep_script the
 * kept script (paths "./NAME", relative to the output's folder and never
 * read by gnuplot as a command) is held for writing on success. */
static fs_status_t queue(fs_chart_batch_t *b, const fs_chart_text_t *text, const void *chart,
                         script_fn gen, char *data_path, fs_error_t *err)
{
    fs_chart_format_t format;
    fs_status_t st = fs_chart_format_from_path(text->output, &format, err);
    if (st != FS_OK) {
        unlink(data_path);
        free(data_path);
        return st;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        queued_t *q = realloc(b->charts, cap * sizeof *q);
        if (q == NULL) {
            unlink(data_path);
            free(data_path);
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        }
        b->charts = q;
        b->cap = cap;
    }
    queued_t *q = &b->charts[b->n];
    memset(q, 0, sizeof *q);
    q->data_path = data_path;
    q->format = format;
    if (format == FS_CHART_SVG && text->title != NULL && (q->title = strdup(text->title)) == NULL)
        goto nomem;
    char out[PATH_MAX_BYTES];
    if ((st = fs_stage_path(b->stage, text->output, out, sizeof out, err)) != FS_OK)
        goto fail;
    q->name = strdup(text->output);
    q->out_path = strdup(out);
    if (q->name == NULL || q->out_path == NULL)
        goto nomem;
    if (text->keep_script) {
        q->gp_name = fs_chart_with_extension(text->output, ".gp");
        q->dat_name = fs_chart_with_extension(text->output, ".dat");
        if (q->gp_name == NULL || q->dat_name == NULL)
            goto nomem;
        if ((st = fs_stage_path(b->stage, q->gp_name, out, sizeof out, err)) != FS_OK ||
            (st = fs_stage_path(b->stage, q->dat_name, out, sizeof out, err)) != FS_OK)
            goto fail;
        char *dat = dot_slash(q->dat_name), *outp = dot_slash(text->output);
        if (dat == NULL || outp == NULL) {
            free(dat);
            free(outp);
            goto nomem;
        }
        fs_buf_t kept;
        fs_buf_init(&kept);
        st = gen(&kept, chart, format, dat, outp, err);
        free(dat);
        free(outp);
        if (st != FS_OK || fs_buf_status(&kept) != FS_OK) {
            fs_buf_free(&kept);
            if (st != FS_OK)
                goto fail;
            goto nomem;
        }
        q->kept_script = kept.data;
    }
    q->script_at = b->script.len;
    if ((st = gen(&b->script, chart, format, data_path, q->out_path, err)) != FS_OK)
        goto fail;
    if (fs_buf_status(&b->script) != FS_OK)
        goto nomem;
    b->n++;
    return FS_OK;
nomem:
    st = fs_error_set(err, FS_ENOMEM, "out of memory");
fail:
    queued_free(q);
    return st;
}

/* Closes a chart's data file and queues its script; on failure the data
 * file is removed. */
static fs_status_t close_and_queue(fs_chart_batch_t *b, FILE *f, char *path,
                                   const fs_chart_text_t *text, const void *chart, script_fn gen,
                                   fs_error_t *err)
{
    fs_status_t st = close_data(f, err);
    if (st != FS_OK) {
        fs_error_at(err, fs_stage_display(b->stage, text->output), 0, 0, NULL, 0);
        unlink(path);
        free(path);
        return st;
    }
    return queue(b, text, chart, gen, path, err);
}

/* ---- bar chart ---- */

/* The bar chart's marks, filled into tmpl (plots/NAME.gp, NAME tmpl_name):
 * bar.gp's, or another kind's drawn over the same data and marks. */
static fs_status_t bar_fill(fs_buf_t *s, const fs_bar_chart_t *c, const char *tmpl,
                            const char *tmpl_name, fs_chart_format_t format, const char *data,
                            const char *output, fs_error_t *err)
{
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    const char **labels = calloc(c->n ? c->n : 1, sizeof *labels);
    if (labels == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    const char *highlight = NULL;
    int highlight_outside = 0, any_outside = 0, any_negative = 0;
    for (size_t i = 0; i < c->n; i++) {
        labels[i] = c->items[i].label;
        if (c->items[i].highlight) {
            highlight = c->items[i].label;
            highlight_outside = c->items[i].outside;
        }
        any_outside |= c->items[i].outside && !c->items[i].highlight;
        any_negative |= c->items[i].value < 0;
    }
    set_xtics(&v, labels, c->n, 1, c->text.source != NULL);
    free(labels);
    /* One bar many times taller than the rest: the axis is cut above the
     * others (plots/bar.gp). */
    double first, second;
    size_t top = largest_two(&c->items[0].value, sizeof c->items[0], c->n, &first, &second);
    double ceiling = fmax(second, fmax(c->upper, c->has_comparator ? c->comparator : -INFINITY));
    int off_scale = !any_negative && top < c->n && second > 0 && first > 2.5 * ceiling;
    fs_tmpl_flag(&v, "off_scale", off_scale);
    fs_tmpl_number(&v, "YMAX", ys(&c->text, 1.25 * ceiling));
    fs_tmpl_number(&v, "TOP_VALUE", ys(&c->text, first));
    fs_tmpl_number(&v, "TOP_X", (double)top);
    fs_tmpl_number(&v, "TOP_Y", ys(&c->text, 1.2 * ceiling));
    fs_tmpl_flag(&v, "any_negative", any_negative);
    fs_tmpl_flag(&v, "low_on_left", c->n > 1 && c->items[0].value < c->items[c->n - 1].value);
    fs_tmpl_flag(&v, "any_outside", any_outside);
    fs_tmpl_flag(&v, "highlight", highlight != NULL);
    fs_tmpl_flag(&v, "highlight_outside", highlight_outside);
    char title[600];
    snprintf(title, sizeof title, "%s%s", highlight ? highlight : "",
             highlight_outside ? " (outside the band)" : "");
    fs_tmpl_string(&v, "HIGHLIGHT_TITLE", title);
    fs_tmpl_flag(&v, "group", c->group_label != NULL);
    fs_tmpl_string(&v, "GROUP_LABEL", c->group_label);
    fs_tmpl_flag(&v, "log_scale", c->log_scale);
    fs_tmpl_number(&v, "CENTRE", ys(&c->text, c->centre));
    fs_tmpl_number(&v, "LOWER", ys(&c->text, c->lower));
    fs_tmpl_number(&v, "UPPER", ys(&c->text, c->upper));
    fs_tmpl_flag(&v, "comparator", c->has_comparator);
    fs_tmpl_number(&v, "COMPARATOR", c->has_comparator ? ys(&c->text, c->comparator) : 0);
    fs_tmpl_string(&v, "COMPARATOR_LABEL",
                   c->comparator_label ? c->comparator_label : "England and Wales");
    return fill_chart(s, tmpl, tmpl_name, 1, &v, &c->text, format, data, output, err);
}

static fs_status_t bar_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                              const char *data, const char *output, fs_error_t *err)
{
    return bar_fill(s, chart, fs_plot_bar, "bar", format, data, output, err);
}

/* A bar chart drawn by another template. */
typedef struct bar_as {
    const fs_bar_chart_t *bar;
    const char *tmpl, *tmpl_name;
} bar_as_t;

static fs_status_t bar_as_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                 const char *data, const char *output, fs_error_t *err)
{
    const bar_as_t *a = chart;
    return bar_fill(s, a->bar, a->tmpl, a->tmpl_name, format, data, output, err);
}

/* Writes the bars' data file and queues the chart, its script made by gen
 * from chart. */
static fs_status_t add_bars(fs_chart_batch_t *b, const fs_bar_chart_t *c, script_fn gen,
                            const void *chart, fs_error_t *err)
{
    if (c->n == 0)
        return fs_error_set(err, FS_EINVAL, "a bar chart needs at least one bar");
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    for (size_t i = 0; i < c->n; i++) {
        const fs_bar_item_t *it = &c->items[i];
        int series = it->highlight ? (it->outside ? 4 : 3) : (it->outside ? 2 : 1);
        fprintf(f, "%zu\t", i);
        put_datum(f, ys(&c->text, it->value), '\t');
        fprintf(f, "%d\t%d\n", series, it->in_group ? 1 : 0);
    }
    return close_and_queue(b, f, path, &c->text, chart, gen, err);
}

fs_status_t fs_chart_add_bar(fs_chart_batch_t *b, const fs_bar_chart_t *c, fs_error_t *err)
{
    return add_bars(b, c, bar_script, c, err);
}

fs_status_t fs_chart_add_bar_as(fs_chart_batch_t *b, const fs_bar_chart_t *c, const char *tmpl,
                                const char *tmpl_name, fs_error_t *err)
{
    bar_as_t a = {c, tmpl, tmpl_name};
    return add_bars(b, c, bar_as_script, &a, err);
}

/* ---- interval chart ---- */

static fs_status_t intervals_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                    const char *data, const char *output, fs_error_t *err)
{
    const fs_interval_chart_t *c = chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    const char **labels = calloc(c->n ? c->n : 1, sizeof *labels);
    if (labels == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    const char *highlight = NULL;
    for (size_t i = 0; i < c->n; i++) {
        labels[i] = c->items[i].label;
        if (c->items[i].highlight)
            highlight = c->items[i].label;
    }
    set_xtics(&v, labels, c->n, 1, c->text.source != NULL);
    free(labels);
    /* One force far above the rest is marked off the scale, as on the
     * bar chart (plots/intervals.gp). */
    double first, second;
    size_t top = largest_two(&c->items[0].estimate, sizeof c->items[0], c->n, &first, &second);
    double ceiling = -INFINITY, floor_ = INFINITY;
    int any[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < c->n; i++) {
        if (isnan(c->items[i].estimate))
            continue;
        if (i != top)
            ceiling = fmax(ceiling, c->items[i].upper);
        floor_ = fmin(floor_, c->items[i].lower);
        if (!c->items[i].highlight && c->items[i].mark >= 0 && c->items[i].mark <= 3)
            any[c->items[i].mark] = 1;
    }
    if (c->has_reference)
        ceiling = fmax(ceiling, c->reference);
    int off_scale = top < c->n && isfinite(ceiling) && ceiling > 0 && first > 2.5 * ceiling;
    double ymin = floor_ >= 0 ? 0 : floor_ * 1.1;
    fs_tmpl_flag(&v, "off_scale", off_scale);
    fs_tmpl_number(&v, "YMIN", ys(&c->text, ymin));
    fs_tmpl_number(&v, "YMAX", ys(&c->text, 1.25 * ceiling));
    fs_tmpl_number(&v, "TOP_VALUE", ys(&c->text, off_scale ? first : 0));
    fs_tmpl_number(&v, "TOP_X", (double)top);
    fs_tmpl_number(&v, "TOP_Y", ys(&c->text, 1.2 * ceiling));
    fs_tmpl_flag(&v, "any_plain", any[0]);
    fs_tmpl_flag(&v, "any_similar", any[1]);
    fs_tmpl_flag(&v, "any_higher", any[2]);
    fs_tmpl_flag(&v, "any_lower", any[3]);
    fs_tmpl_string(&v, "METHOD", c->method ? c->method : "");
    fs_tmpl_flag(&v, "low_on_left",
                 c->n > 1 && c->items[0].estimate < c->items[c->n - 1].estimate);
    fs_tmpl_flag(&v, "highlight", highlight != NULL);
    fs_tmpl_string(&v, "HIGHLIGHT", highlight);
    fs_tmpl_flag(&v, "reference", c->has_reference);
    fs_tmpl_number(&v, "REFERENCE", c->has_reference ? ys(&c->text, c->reference) : 0);
    fs_tmpl_string(&v, "REFERENCE_LABEL",
                   c->reference_label ? c->reference_label : "England and Wales");
    return fill_chart(s, fs_plot_intervals, "intervals", 1, &v, &c->text, format, data, output, err);
}

fs_status_t fs_chart_add_intervals(fs_chart_batch_t *b, const fs_interval_chart_t *c,
                                   fs_error_t *err)
{
    if (c->n == 0)
        return fs_error_set(err, FS_EINVAL, "an interval chart needs at least one item");
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    for (size_t i = 0; i < c->n; i++) {
        const fs_interval_item_t *it = &c->items[i];
        fprintf(f, "%zu\t", i);
        put_datum(f, ys(&c->text, it->estimate), '\t');
        put_datum(f, ys(&c->text, it->lower), '\t');
        put_datum(f, ys(&c->text, it->upper), '\t');
        fprintf(f, "%d\t%d\n", it->highlight ? 1 : 0, it->mark);
    }
    return close_and_queue(b, f, path, &c->text, c, intervals_script, err);
}

/* ---- rate ratio chart ---- */

/* The log axis of a ratio chart: from below the lowest bound to above
 * the highest, 1 and the reference always inside, a margin of a fifth
 * of the span's factor each side. */
static void ratio_range(const fs_interval_chart_t *c, double *lo, double *hi)
{
    *lo = 1;
    *hi = 1;
    for (size_t i = 0; i < c->n; i++) {
        const fs_interval_item_t *it = &c->items[i];
        if (isnan(it->estimate))
            continue;
        if (it->lower > 0)
            *lo = fmin(*lo, it->lower);
        if (isfinite(it->upper))
            *hi = fmax(*hi, it->upper);
    }
    if (c->has_reference && c->reference > 0) {
        *lo = fmin(*lo, c->reference);
        *hi = fmax(*hi, c->reference);
    }
    double margin = pow(*hi / *lo, 0.08);
    *lo /= margin;
    *hi *= margin * margin;
}

static fs_status_t ratio_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                const char *data, const char *output, fs_error_t *err)
{
    const fs_interval_chart_t *c = chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    const char **labels = calloc(c->n ? c->n : 1, sizeof *labels);
    if (labels == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    const char *highlight = NULL;
    int any[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < c->n; i++) {
        labels[i] = c->items[i].label;
        if (c->items[i].highlight)
            highlight = c->items[i].label;
        else if (!isnan(c->items[i].estimate) && c->items[i].mark >= 0 && c->items[i].mark <= 3)
            any[c->items[i].mark] = 1;
    }
    set_xtics(&v, labels, c->n, 1, c->text.source != NULL);
    free(labels);
    double lo, hi;
    ratio_range(c, &lo, &hi);
    fs_tmpl_number(&v, "YMIN", lo);
    fs_tmpl_number(&v, "YMAX", hi);
    fs_tmpl_flag(&v, "any_similar", any[1]);
    fs_tmpl_flag(&v, "any_higher", any[2]);
    fs_tmpl_flag(&v, "any_lower", any[3]);
    fs_tmpl_string(&v, "METHOD", c->method ? c->method : "");
    fs_tmpl_flag(&v, "low_on_left",
                 c->n > 1 && c->items[0].estimate < c->items[c->n - 1].estimate);
    fs_tmpl_flag(&v, "highlight", highlight != NULL);
    fs_tmpl_string(&v, "HIGHLIGHT", highlight);
    fs_tmpl_flag(&v, "reference", c->has_reference);
    fs_tmpl_number(&v, "REFERENCE", c->has_reference ? c->reference : 1);
    fs_tmpl_string(&v, "REFERENCE_LABEL",
                   c->reference_label ? c->reference_label : "England and Wales");
    return fill_chart(s, fs_plot_ratio, "ratio", 1, &v, &c->text, format, data, output, err);
}

fs_status_t fs_chart_add_ratio(fs_chart_batch_t *b, const fs_interval_chart_t *c, fs_error_t *err)
{
    if (c->n == 0)
        return fs_error_set(err, FS_EINVAL, "a ratio chart needs at least one item");
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    for (size_t i = 0; i < c->n; i++) {
        const fs_interval_item_t *it = &c->items[i];
        fprintf(f, "%zu\t", i);
        put_datum(f, it->estimate, '\t');
        put_datum(f, it->lower, '\t');
        put_datum(f, it->upper, '\t');
        fprintf(f, "%d\t%d\n", it->highlight ? 1 : 0, it->mark);
    }
    return close_and_queue(b, f, path, &c->text, c, ratio_script, err);
}

/* ---- trend chart ---- */

static fs_status_t trend_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                const char *data, const char *output, fs_error_t *err)
{
    const fs_trend_chart_t *c = chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    set_xtics(&v, c->periods, c->nperiods, c->nperiods > 8, c->text.source != NULL);
    fs_tmpl_list(&v, "NAMES");
    fs_tmpl_list(&v, "HIGHLIGHTED");
    char ribbons[256] = "";
    for (size_t k = 0; k < c->nseries; k++) {
        const fs_trend_series_t *ser = &c->series[k];
        fs_tmpl_list_string(&v, "NAMES", ser->name);
        fs_tmpl_list_number(&v, "HIGHLIGHTED", ser->highlight ? 1 : 0);
        size_t used = strlen(ribbons);
        if (ser->lower != NULL && ser->upper != NULL && used + 24 < sizeof ribbons)
            snprintf(ribbons + used, sizeof ribbons - used, "%s%zu", used ? " " : "", k + 1);
    }
    fs_tmpl_string(&v, "RIBBONS", ribbons);
    fs_tmpl_flag(&v, "ribbons", ribbons[0] != '\0');
    return fill_chart(s, fs_plot_trend, "trend", 1, &v, &c->text, format, data, output, err);
}

fs_status_t fs_chart_add_trend(fs_chart_batch_t *b, const fs_trend_chart_t *c, fs_error_t *err)
{
    if (c->nperiods == 0 || c->nseries == 0)
        return fs_error_set(err, FS_EINVAL, "a trend chart needs periods and series");
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    for (size_t k = 0; k < c->nseries; k++) {
        const fs_trend_series_t *ser = &c->series[k];
        if (k)
            fputs("\n\n", f);
        for (size_t i = 0; i < c->nperiods; i++) {
            fprintf(f, "%zu\t", i);
            put_datum(f, ys(&c->text, ser->values[i]), '\t');
            put_datum(f, ser->lower ? ys(&c->text, ser->lower[i]) : NAN, '\t');
            put_datum(f, ser->upper ? ys(&c->text, ser->upper[i]) : NAN, '\n');
        }
    }
    return close_and_queue(b, f, path, &c->text, c, trend_script, err);
}

/* ---- funnel plot ---- */

static int funnel_log_x(const fs_funnel_chart_t *c, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (isnan(c->points[i].value) || !(c->points[i].denominator > 0))
            continue;
        *lo = fmin(*lo, c->points[i].denominator);
        *hi = fmax(*hi, c->points[i].denominator);
    }
    return *lo > 0 && isfinite(*lo) && *hi / *lo > 50;
}

/* The x range of a funnel plot: a little left of the smallest force to a
 * little right of the largest, so the axis follows the data. */
static void funnel_range(const fs_funnel_chart_t *c, int *log_x, double *from, double *to)
{
    double lo, hi;
    *log_x = funnel_log_x(c, &lo, &hi);
    *from = *log_x ? lo / 1.5 : 0.5 * lo;
    *to = hi * 1.2;
    if (*from < 1)
        *from = 1;
}

/* What the limits are, said in the picture: a chart pasted into a slide
 * loses the page around it. */
static void funnel_note(const fs_funnel_t *f, char *buf, size_t size)
{
    char phi[32];
    snprintf(phi, sizeof phi, f->phi >= 1000 ? "%.0f" : "%.3g", f->phi);
    switch (f->opt.overdispersion) {
    case FS_OVERDISPERSION_MULTIPLICATIVE:
        snprintf(buf, size, "Limits widened for over-dispersion by sqrt(phi), phi = %s%s", phi,
                 f->phi > 1 ? "" : " (not widened)");
        return;
    case FS_OVERDISPERSION_ADDITIVE:
        snprintf(buf, size, "Random-effects limits for over-dispersion, tau^2 = %.3g (phi = %s)",
                 f->tau2, phi);
        return;
    case FS_OVERDISPERSION_NONE: break;
    }
    snprintf(buf, size, "Limits not adjusted for over-dispersion (phi = %s)", phi);
}

static fs_status_t funnel_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                 const char *data, const char *output, fs_error_t *err)
{
    const fs_funnel_chart_t *c = chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    int log_x;
    double from, to;
    funnel_range(c, &log_x, &from, &to);
    fs_tmpl_flag(&v, "log_x", log_x);
    fs_tmpl_number(&v, "XMIN", from);
    fs_tmpl_number(&v, "XMAX", to);
    char note[200];
    funnel_note(c->funnel, note, sizeof note);
    fs_tmpl_string(&v, "NOTE", note);
    int labels = 0;
    for (size_t i = 0; i < c->n; i++)
        labels |= c->points[i].flag == 2 && !c->points[i].highlight && !isnan(c->points[i].value);
    fs_tmpl_flag(&v, "labels", labels);
    /* One point far above the rest is noted at the top (plots/funnel.gp). */
    double first, second;
    size_t top = largest_two(&c->points[0].value, sizeof c->points[0], c->n, &first, &second);
    int off_scale =
        top < c->n && second > 0 && first > 2.5 * fmax(second, 2.0 * c->funnel->target);
    double ceiling = 1.3 * fmax(second, 2.0 * c->funnel->target);
    fs_tmpl_flag(&v, "off_scale", off_scale);
    fs_tmpl_number(&v, "YMAX", ys(&c->text, ceiling));
    fs_tmpl_string(&v, "TOP_LABEL", top < c->n ? c->points[top].label : "");
    fs_tmpl_number(&v, "TOP_VALUE", off_scale ? ys(&c->text, first) : 0);
    fs_tmpl_number(&v, "TOP_X", top < c->n ? c->points[top].denominator : 0);
    fs_tmpl_number(&v, "TOP_Y", ys(&c->text, 0.97 * ceiling));
    fs_tmpl_flag(&v, "has_xlabel", c->xlabel != NULL);
    fs_tmpl_string(&v, "XLABEL", c->xlabel);
    /* The highlighted force is labelled beside its point. */
    size_t hl = c->n;
    for (size_t i = 0; i < c->n && hl == c->n; i++) {
        if (c->points[i].highlight && !isnan(c->points[i].value))
            hl = i;
    }
    fs_tmpl_flag(&v, "highlight", hl < c->n);
    fs_tmpl_string(&v, "HIGHLIGHT", hl < c->n ? c->points[hl].label : "");
    fs_tmpl_number(&v, "HIGHLIGHT_X", hl < c->n ? c->points[hl].denominator : 0);
    fs_tmpl_number(&v, "HIGHLIGHT_Y", hl < c->n ? ys(&c->text, c->points[hl].value) : 0);
    fs_tmpl_number(&v, "INNER", 100 * c->funnel->opt.levels[0]);
    fs_tmpl_number(&v, "OUTER", 100 * c->funnel->opt.levels[1]);
    fs_tmpl_number(&v, "TARGET", ys(&c->text, c->funnel->target));
    return fill_chart(s, fs_plot_funnel, "funnel", 0, &v, &c->text, format, data, output, err);
}

/* Block 2 of a funnel's data: the names of the forces beyond the outer
 * limits, beside their points, each nudged down from any label placed
 * before it that it would overlap (the names are data, never script). */
static void write_funnel_labels(FILE *f, const fs_funnel_chart_t *c, int log_x, double from,
                                double to)
{
    double ymin = INFINITY, ymax = -INFINITY;
    for (size_t i = 0; i < c->n; i++) {
        if (isnan(c->points[i].value))
            continue;
        ymin = fmin(ymin, c->points[i].value);
        ymax = fmax(ymax, c->points[i].value);
    }
    double step = (ymax > ymin ? ymax - ymin : fabs(ymax) + 1) * 0.045;
    double xspan = log_x ? log10(to / from) : to - from;
    double *placed_x = calloc(c->n ? c->n : 1, sizeof *placed_x);
    double *placed_y = calloc(c->n ? c->n : 1, sizeof *placed_y);
    size_t nplaced = 0;
    fputs("\n\n", f);
    int any = 0;
    /* The most extreme eight are named: more would bury the plot. */
    enum { NAMED = 8 };
    double cut = 0;
    size_t beyond = 0;
    for (size_t i = 0; i < c->n; i++)
        beyond += c->points[i].flag == 2 && !c->points[i].highlight && !isnan(c->points[i].value);
    if (beyond > NAMED) {
        double *az = malloc(beyond * sizeof *az);
        size_t k = 0;
        for (size_t i = 0; az && i < c->n; i++) {
            if (c->points[i].flag == 2 && !c->points[i].highlight && !isnan(c->points[i].value))
                az[k++] = fabs(c->points[i].z);
        }
        for (size_t a = 0; az && a < NAMED; a++) { /* the NAMED-th largest |z| */
            size_t best = a;
            for (size_t b = a + 1; b < k; b++)
                if (az[b] > az[best])
                    best = b;
            double tmp = az[a];
            az[a] = az[best];
            az[best] = tmp;
        }
        cut = az ? az[NAMED - 1] : INFINITY;
        free(az);
    }
    for (size_t i = 0; placed_x && placed_y && i < c->n; i++) {
        const fs_funnel_point_t *p = &c->points[i];
        if (p->flag != 2 || p->highlight || isnan(p->value) || !(fabs(p->z) >= cut) ||
            nplaced >= NAMED)
            continue;
        double x = log_x ? log10(p->denominator) : p->denominator, y = p->value;
        /* Each move takes the name below the one it met, so it only goes
         * down; rounding can stall it, so the passes are bounded too. */
        for (size_t pass = 0, moved = 1; moved && pass <= nplaced; pass++) {
            moved = 0;
            for (size_t j = 0; j < nplaced; j++) {
                if (fabs(placed_x[j] - x) < 0.18 * xspan && fabs(placed_y[j] - y) < step &&
                    placed_y[j] - step < y) {
                    y = placed_y[j] - step;
                    moved = 1;
                }
            }
        }
        /* A name that would land far from its point, or below the axis,
         * is left off: a label must sit by what it names. */
        if (y < fmin(0.0, ymin) || fabs(y - p->value) > 2.5 * step)
            continue;
        placed_x[nplaced] = x;
        placed_y[nplaced++] = y;
        put_datum(f, p->denominator, '\t');
        put_datum(f, ys(&c->text, y), '\t');
        /* Near the right edge a name goes to the left of its point. */
        double at = log_x ? (x - log10(from)) / xspan : (x - from) / xspan;
        fprintf(f, "%d\t", at > 0.75 ? 1 : 0);
        /* A name is one data field: no tab or line break inside it. */
        for (const char *q = p->label; *q; q++)
            fputc(*q == '\t' || *q == '\n' || *q == '\r' ? ' ' : *q, f);
        fputc('\n', f);
        any = 1;
    }
    if (!any)
        fputs("NaN\tNaN\t0\t-\n", f);
    free(placed_x);
    free(placed_y);
}

fs_status_t fs_chart_add_funnel(fs_chart_batch_t *b, const fs_funnel_chart_t *c, fs_error_t *err)
{
    if (c->n == 0 || c->funnel == NULL)
        return fs_error_set(err, FS_EINVAL, "a funnel plot needs points and a fitted funnel");
    double lo, hi;
    funnel_log_x(c, &lo, &hi);
    if (!(hi > 0))
        return fs_error_set(err, FS_EINVAL, "a funnel plot needs a positive denominator");
    int log_x;
    double from, to;
    funnel_range(c, &log_x, &from, &to);
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    for (size_t i = 0; i < c->n; i++) {
        const fs_funnel_point_t *p = &c->points[i];
        put_datum(f, p->denominator, '\t');
        put_datum(f, ys(&c->text, p->value), '\t');
        fprintf(f, "%d\t%d\n", p->flag, p->highlight ? 1 : 0);
    }
    fputs("\n\n", f);
    /* The limit curves over the x range. */
    enum { STEPS = 240 };
    for (int k = 0; k <= STEPS; k++) {
        double t = (double)k / STEPS;
        double x = log_x ? from * pow(to / from, t) : from + (to - from) * t;
        double l1, u1, l2, u2;
        fs_funnel_limits(c->funnel, x, c->funnel->opt.levels[0], &l1, &u1);
        fs_funnel_limits(c->funnel, x, c->funnel->opt.levels[1], &l2, &u2);
        put_datum(f, x, '\t');
        put_datum(f, ys(&c->text, l1), '\t');
        put_datum(f, ys(&c->text, u1), '\t');
        put_datum(f, ys(&c->text, l2), '\t');
        put_datum(f, ys(&c->text, u2), '\n');
    }
    write_funnel_labels(f, c, log_x, from, to);
    return close_and_queue(b, f, path, &c->text, c, funnel_script, err);
}

/* ---- running gnuplot ---- */

/* The last non-empty line of gnuplot's stderr: its error message. */
static void last_line(const char *path, char *out, size_t size)
{
    out[0] = '\0';
    char *text;
    size_t len;
    if (fs_read_file(path, &text, &len, NULL) != FS_OK)
        return;
    size_t end = len;
    while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' '))
        end--;
    size_t start = end;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    size_t n = end - start < size - 1 ? end - start : size - 1;
    memcpy(out, text + start, n);
    out[n] = '\0';
    free(text);
}

/* Whether a chart gnuplot wrote is complete: a PNG ends with its IEND
 * chunk, a PDF with %%EOF, an SVG with </svg> (trailing white space
 * allowed).  A full disk or a killed gnuplot leaves a file that is not. */
static int chart_complete(const char *path, fs_chart_format_t format)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat sb;
    unsigned char tail[64];
    ssize_t got = -1;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        off_t from = sb.st_size > (off_t)sizeof tail ? sb.st_size - (off_t)sizeof tail : 0;
        got = pread(fd, tail, (size_t)(sb.st_size - from), from);
    }
    close(fd);
    if (got <= 0)
        return 0;
    size_t n = (size_t)got;
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    if (format == FS_CHART_PNG)
        return n >= sizeof iend && memcmp(tail + n - sizeof iend, iend, sizeof iend) == 0;
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' ' ||
                     tail[n - 1] == '\t'))
        n--;
    const char *end = format == FS_CHART_SVG ? "</svg>" : "%%EOF";
    size_t el = strlen(end);
    return n >= el && memcmp(tail + n - el, end, el) == 0;
}

/* An SVG's <title> is its chart's title, not "Gnuplot": what a browser's
 * tab and a screen reader show.  And the SVG is well-formed XML whatever
 * the titles and names in it (gnuplot writes them as they are): invalid
 * UTF-8 and control characters become U+FFFD, "]]>" becomes "]]&gt;".
 * When that changes anything, the file is rewritten beside itself in the
 * private stage and renamed over. */
static fs_status_t svg_finish(const char *path, const char *title, fs_error_t *err)
{
    char *svg;
    size_t len;
    fs_status_t st = fs_read_file(path, &svg, &len, err);
    if (st != FS_OK)
        return st;
    static const char mark[] = "<title>Gnuplot</title>";
    char *at = title != NULL ? strstr(svg, mark) : NULL;
    fs_buf_t titled;
    fs_buf_init(&titled);
    if (at != NULL) {
        fs_buf_append(&titled, svg, (size_t)(at - svg));
        fs_buf_puts(&titled, "<title>");
        fs_html_escape(&titled, title);
        fs_buf_puts(&titled, "</title>");
        fs_buf_append(&titled, at + sizeof mark - 1, len - (size_t)(at - svg) - (sizeof mark - 1));
    }
    fs_buf_t out;
    fs_buf_init(&out);
    if (at != NULL)
        fs_xml_tidy(&out, titled.data ? titled.data : "", titled.len);
    else
        fs_xml_tidy(&out, svg, len);
    int same = at == NULL && out.len == len && (len == 0 || memcmp(out.data, svg, len) == 0);
    int failed = fs_buf_status(&out) != FS_OK || fs_buf_status(&titled) != FS_OK;
    fs_buf_free(&titled);
    free(svg);
    if (failed) {
        fs_buf_free(&out);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    if (same) {
        fs_buf_free(&out);
        return FS_OK;
    }
    char tmp[PATH_MAX_BYTES];
    snprintf(tmp, sizeof tmp, "%s.title", path);
    /* 0666 less the umask, as gnuplot's own PNG and PDF. */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    int ok = fd >= 0;
    for (size_t done = 0; ok && done < out.len;) {
        ssize_t n = write(fd, out.data + done, out.len - done);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        done += ok ? (size_t)n : 0;
    }
    int e = errno;
    ok = ok && fsync(fd) == 0;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    ok = ok && rename(tmp, path) == 0;
    fs_buf_free(&out);
    if (!ok) {
        e = e ? e : errno;
        unlink(tmp);
        return fs_error_set(err, FS_EIO, "cannot write the chart: %s", strerror(e));
    }
    return FS_OK;
}

static fs_status_t write_kept(fs_chart_batch_t *b, const queued_t *q, fs_error_t *err)
{
    char *data = NULL;
    size_t len = 0;
    fs_status_t st = fs_read_file(q->data_path, &data, &len, err);
    if (st == FS_OK)
        st = fs_stage_fill(b->stage, q->dat_name, data, len, err);
    if (st == FS_OK)
        st = fs_stage_fill(b->stage, q->gp_name, q->kept_script, strlen(q->kept_script), err);
    free(data);
    return st;
}

/* The gnuplot processes running now, for fs_chart_interrupt (a signal
 * handler): 0 in a free slot. */
static volatile pid_t running[FS_CHART_MAX_JOBS];
static volatile sig_atomic_t interrupted;

void fs_chart_interrupt(void)
{
    int saved = errno;
    interrupted = 1;
    for (int k = 0; k < FS_CHART_MAX_JOBS; k++) {
        pid_t pid = running[k];
        if (pid > 0)
            kill(pid, SIGKILL);
    }
    errno = saved;
}

/* Starts gnuplot on the script at `script`, its stderr into errpath (a
 * new file), with no input, and none of gnuplot's own variables.  The
 * child dies with this process (PR_SET_PDEATHSIG), and is in running[slot]
 * from the moment it exists: signals are blocked across the fork. */
static fs_status_t spawn_gnuplot(const char *gnuplot_path, const char *script,
                                 const char *errpath, int slot, pid_t *pid, fs_error_t *err)
{
    /* -d: ignore the user's initialisation files, so charts are the same
     * for everyone.  The script's path is absolute. */
    char *argv[] = {(char *)gnuplot_path, (char *)"-d", (char *)script, NULL};
    /* gnuplot's own variables (GNUTERM, GNUPLOT_LIB, GNUPLOT_DRIVER_DIR,
     * ...) could change a terminal or where files are found: they are
     * not passed on. */
    size_t nenv = 0;
    while (environ[nenv] != NULL)
        nenv++;
    char **env = calloc(nenv + 1, sizeof *env);
    if (env == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    size_t kept = 0;
    for (size_t i = 0; i < nenv; i++) {
        if (strncmp(environ[i], "GNUPLOT", 7) != 0 && strncmp(environ[i], "GNUTERM=", 8) != 0 &&
            strncmp(environ[i], "GNUHELP=", 8) != 0)
            env[kept++] = environ[i];
    }
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pid_t parent = getpid();
    pid_t child = interrupted ? -1 : fork();
    int e = child < 0 ? (interrupted ? EINTR : errno) : 0;
    if (child == 0) {
        /* In the child, only async-signal-safe calls until execve. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(127);
        int in = open("/dev/null", O_RDONLY);
        int out = open("/dev/null", O_WRONLY);
        int er = open(errpath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
        if (in < 0 || out < 0 || er < 0 || dup2(in, STDIN_FILENO) < 0 ||
            dup2(out, STDOUT_FILENO) < 0 || dup2(er, STDERR_FILENO) < 0)
            _exit(127);
        for (int sig = 1; sig < 65; sig++) {
            if (sig != SIGKILL && sig != SIGSTOP)
                signal(sig, SIG_DFL); /* fails harmlessly past the last */
        }
        sigprocmask(SIG_SETMASK, &old, NULL);
        execve(gnuplot_path, argv, env);
        _exit(127);
    }
    if (child > 0)
        running[slot] = child;
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(env);
    if (child < 0)
        return e == EINTR ? fs_error_set(err, FS_EIO, "interrupted")
                          : fs_error_set(err, FS_EIO, "cannot run gnuplot (%s): %s", gnuplot_path,
                                         strerror(e));
    *pid = child;
    return FS_OK;
}

/* Waits for gnuplot; FS_EIO with its last error line unless it exited 0. */
static fs_status_t wait_gnuplot(pid_t pid, int slot, const char *gnuplot_path, const char *errpath,
                                fs_error_t *err)
{
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            running[slot] = 0;
            return fs_error_set(err, FS_EIO, "waiting for gnuplot: %s", strerror(errno));
        }
    }
    running[slot] = 0;
    if (interrupted)
        return fs_error_set(err, FS_EIO, "interrupted");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char line[256];
        last_line(errpath, line, sizeof line);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            return fs_error_set(err, FS_EIO, "cannot run gnuplot (%s)", gnuplot_path);
        return fs_error_set(err, FS_EIO, "gnuplot failed%s%s", line[0] ? ": " : "", line);
    }
    return FS_OK;
}

fs_status_t fs_chart_batch_run(fs_chart_batch_t *b, const char *gnuplot_path, fs_error_t *err)
{
    return fs_chart_batch_run_jobs(b, gnuplot_path, 1, err);
}

fs_status_t fs_chart_batch_run_jobs(fs_chart_batch_t *b, const char *gnuplot_path, int jobs,
                                    fs_error_t *err)
{
    if (b->n == 0)
        return FS_OK;
    if (jobs < 1)
        jobs = 1;
    if (jobs > FS_CHART_MAX_JOBS)
        jobs = FS_CHART_MAX_JOBS;
    if ((size_t)jobs > b->n)
        jobs = (int)b->n;
    /* Each process draws a run of consecutive charts, the runs cut where
     * the script's bytes (a fair measure of the work) divide evenly. */
    size_t cut[FS_CHART_MAX_JOBS + 1];
    cut[0] = 0;
    for (int k = 1; k < jobs; k++) {
        size_t want = b->script.len / (size_t)jobs * (size_t)k, i = cut[k - 1] + 1;
        while (i < b->n && b->charts[i].script_at < want)
            i++;
        cut[k] = i < b->n ? i : b->n;
    }
    cut[jobs] = b->n;
    char script[FS_CHART_MAX_JOBS][PATH_MAX_BYTES], errpath[FS_CHART_MAX_JOBS][PATH_MAX_BYTES];
    pid_t pids[FS_CHART_MAX_JOBS];
    int started[FS_CHART_MAX_JOBS] = {0};
    fs_status_t st = FS_OK;
    for (int k = 0; k < jobs && st == FS_OK; k++) {
        errpath[k][0] = '\0';
        if (cut[k] == cut[k + 1])
            continue;
        char name[32], ename[32];
        if (jobs == 1) {
            snprintf(name, sizeof name, "batch.gp");
            snprintf(ename, sizeof ename, "gnuplot.err");
        } else {
            snprintf(name, sizeof name, "batch%d.gp", k);
            snprintf(ename, sizeof ename, "gnuplot%d.err", k);
        }
        size_t from = b->charts[cut[k]].script_at;
        size_t to = cut[k + 1] < b->n ? b->charts[cut[k + 1]].script_at : b->script.len;
        if ((st = fs_stage_scratch(b->stage, name, script[k], PATH_MAX_BYTES, err)) != FS_OK ||
            (st = fs_stage_scratch(b->stage, ename, errpath[k], PATH_MAX_BYTES, err)) != FS_OK ||
            (st = fs_stage_write_scratch(b->stage, name, "the gnuplot script",
                                         b->script.data + from, to - from, err)) != FS_OK ||
            (st = spawn_gnuplot(gnuplot_path, script[k], errpath[k], k, &pids[k], err)) != FS_OK)
            break;
        started[k] = 1;
    }
    /* Every process started is waited for, whatever the others did; the
     * first failure is the one reported. */
    for (int k = 0; k < jobs; k++) {
        if (!started[k])
            continue;
        fs_error_t e;
        fs_error_clear(&e);
        fs_status_t w = wait_gnuplot(pids[k], k, gnuplot_path, errpath[k], &e);
        if (w != FS_OK && st == FS_OK) {
            st = w;
            *err = e;
        }
    }
    if (st != FS_OK)
        return st;
    /* Every chart must be complete before anything is committed. */
    for (size_t i = 0, k = 0; i < b->n; i++) {
        const queued_t *q = &b->charts[i];
        while (k + 1 < (size_t)jobs && i >= cut[k + 1])
            k++; /* the process that drew chart i */
        if (!chart_complete(q->out_path, q->format)) {
            char line[256];
            last_line(errpath[k], line, sizeof line);
            fs_error_at(err, fs_stage_display(b->stage, q->name), 0, 0, NULL, 0);
            /* gnuplot does not say when a write fails: a nearly full
             * filesystem is the likely cause, and is named. */
            struct statvfs vfs;
            if (statvfs(q->out_path, &vfs) == 0 &&
                (double)vfs.f_bavail * (double)vfs.f_frsize < 1048576.0)
                return fs_error_set(err, FS_EIO,
                                    "gnuplot wrote an incomplete chart: %s (%.0f KiB free)",
                                    strerror(ENOSPC),
                                    (double)vfs.f_bavail * (double)vfs.f_frsize / 1024.0);
            return fs_error_set(err, FS_EIO, "gnuplot wrote no complete chart%s%s",
                                line[0] ? ": " : "", line);
        }
    }
    for (size_t i = 0; i < b->n; i++) {
        const queued_t *q = &b->charts[i];
        if (q->format == FS_CHART_SVG && (st = svg_finish(q->out_path, q->title, err)) != FS_OK) {
            fs_error_at(err, fs_stage_display(b->stage, q->name), 0, 0, NULL, 0);
            return st;
        }
        if (q->kept_script != NULL && (st = write_kept(b, q, err)) != FS_OK)
            return st;
    }
    return FS_OK;
}

/* ---- SPC chart ---- */

/* The variation as the template's colour code. */
static int spc_colour(fs_spc_variation_t v)
{
    switch (v) {
    case FS_SPC_IMPROVEMENT: return 1;
    case FS_SPC_CONCERN: return 2;
    case FS_SPC_NEUTRAL_HIGH:
    case FS_SPC_NEUTRAL_LOW: return 3;
    case FS_SPC_COMMON:
    default: return 0;
    }
}

static fs_status_t spc_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                              const char *data, const char *output, fs_error_t *err)
{
    const fs_spc_chart_t *c = chart;
    const fs_spc_t *spc = c->spc;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    set_xtics(&v, c->periods, spc->n, spc->n > 8, c->text.source != NULL);
    int any[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < spc->n; i++)
        any[spc_colour(spc->points[i].variation)] = 1;
    fs_tmpl_number(&v, "ANY_IMPROVEMENT", any[1]);
    fs_tmpl_number(&v, "ANY_CONCERN", any[2]);
    fs_tmpl_number(&v, "ANY_NEUTRAL", any[3]);
    fs_tmpl_flag(&v, "rebases", spc->nsegments > 1);
    fs_tmpl_list(&v, "REBASES");
    for (size_t g = 1; g < spc->nsegments; g++)
        fs_tmpl_list_number(&v, "REBASES", (double)spc->segments[g].start - 0.5);
    fs_tmpl_flag(&v, "target", spc->opt.has_target);
    fs_tmpl_number(&v, "TARGET", spc->opt.has_target ? ys(&c->text, spc->opt.target) : 0);
    return fill_chart(s, fs_plot_spc, "spc", 1, &v, &c->text, format, data, output, err);
}

fs_status_t fs_chart_add_spc(fs_chart_batch_t *b, const fs_spc_chart_t *c, fs_error_t *err)
{
    if (c->spc == NULL || c->spc->n == 0)
        return fs_error_set(err, FS_EINVAL, "an SPC chart needs a computed series");
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    const fs_spc_t *spc = c->spc;
    for (size_t i = 0; i < spc->n; i++) {
        fprintf(f, "%zu\t", i);
        put_datum(f, ys(&c->text, spc->points[i].value), '\t');
        fprintf(f, "%d\n", spc_colour(spc->points[i].variation));
    }
    fputs("\n\n", f);
    for (size_t g = 0; g < spc->nsegments; g++) {
        const fs_spc_segment_t *seg = &spc->segments[g];
        if (g)
            fputc('\n', f); /* a blank line: the lines break between segments */
        for (size_t i = seg->start; i < seg->start + seg->n; i++) {
            fprintf(f, "%zu\t", i);
            put_datum(f, ys(&c->text, seg->mean), '\t');
            put_datum(f, ys(&c->text, seg->lower), '\t');
            put_datum(f, ys(&c->text, seg->upper), '\n');
        }
    }
    return close_and_queue(b, f, path, &c->text, c, spc_script, err);
}

/* ---- spine chart ---- */

static fs_status_t spine_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                const char *data, const char *output, fs_error_t *err)
{
    const fs_spine_chart_t *c = chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    static const char *const lists[] = {"MEASURES", "VALUES", "CENTRES", "LOWEST", "HIGHEST"};
    for (size_t k = 0; k < 5; k++)
        fs_tmpl_list(&v, lists[k]);
    int mirrored = 0, any[4] = {0, 0, 0, 0}, intervals = 0, band = 0;
    /* The measure's column is a fixed share of the width: 62 characters
     * at 1200 pixels, fewer on a narrower chart. */
    int width = c->text.width > 0 ? c->text.width : 1200;
    size_t room = (size_t)(62.0 * width / 1200.0);
    if (room < 12)
        room = 12;
    for (size_t i = 0; i < c->n; i++) {
        const fs_spine_item_t *it = &c->items[i];
        int mirror = it->row->orientation == FS_SPINE_LOWER_BETTER;
        mirrored |= mirror;
        char label[160];
        size_t len = strlen(it->measure), cut = len;
        if (len > room) {
            cut = room;
            while (cut > 0 && ((unsigned char)it->measure[cut] & 0xC0) == 0x80)
                cut--; /* never inside a UTF-8 character */
        }
        snprintf(label, sizeof label, "%.*s%s%s", (int)cut, it->measure, cut < len ? "..." : "",
                 mirror ? " *" : "");
        fs_tmpl_list_string(&v, "MEASURES", label);
        fs_tmpl_list_string(&v, "VALUES", it->value);
        fs_tmpl_list_string(&v, "CENTRES", it->centre);
        fs_tmpl_list_string(&v, "LOWEST", mirror ? it->highest : it->lowest);
        fs_tmpl_list_string(&v, "HIGHEST", mirror ? it->lowest : it->highest);
        if (it->mark >= 0 && it->mark <= 3)
            any[it->mark] = 1;
        intervals |= it->intervals;
        band |= !it->intervals;
    }
    fs_tmpl_number(&v, "ROWS", (double)c->n);
    fs_tmpl_string(&v, "FORCE", c->force ? c->force : "");
    fs_tmpl_flag(&v, "mirrored", mirrored);
    fs_tmpl_number(&v, "ANY_MIDDLE", any[FS_SPINE_MARK_MIDDLE]);
    fs_tmpl_number(&v, "ANY_HIGH", any[FS_SPINE_MARK_HIGH]);
    fs_tmpl_number(&v, "ANY_LOW", any[FS_SPINE_MARK_LOW]);
    fs_tmpl_string(&v, "HIGH_WORDS", intervals && band ? "Above the band, or higher than England and Wales"
                                     : intervals       ? "Higher than England and Wales"
                                                       : "Above the band");
    fs_tmpl_string(&v, "MIDDLE_WORDS", intervals && band ? "Within the band, or similar"
                                       : intervals       ? "Similar to England and Wales"
                                                         : "Within the band");
    fs_tmpl_string(&v, "LOW_WORDS", intervals && band ? "Below the band, or lower than England and Wales"
                                    : intervals       ? "Lower than England and Wales"
                                                      : "Below the band");
    fs_chart_text_t text = c->text;
    if (text.height <= 0)
        text.height = fs_spine_chart_height(c->n);
    return fill_chart(s, fs_plot_spine, "spine", 0, &v, &text, format, data, output, err);
}

fs_status_t fs_chart_add_spine(fs_chart_batch_t *b, const fs_spine_chart_t *c, fs_error_t *err)
{
    if (c->n == 0)
        return fs_error_set(err, FS_EINVAL, "a spine chart needs at least one measure");
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    /* Row k (the first at the top): y, the bar's ends, the box's ends, the
     * marker's position and colour. */
    for (size_t k = 0; k < c->n; k++) {
        const fs_spine_row_t *r = c->items[k].row;
        fprintf(f, "%zu\t", c->n - 1 - k);
        put_datum(f, r->left, '\t');
        put_datum(f, r->right, '\t');
        put_datum(f, r->box_left, '\t');
        put_datum(f, r->box_right, '\t');
        put_datum(f, r->at_value, '\t');
        fprintf(f, "%d\n", (int)c->items[k].mark);
    }
    return close_and_queue(b, f, path, &c->text, c, spine_script, err);
}

int fs_spine_chart_height(size_t rows)
{
    size_t h = 170 + 46 * rows;
    return h > FS_CHART_MAX_SIDE ? FS_CHART_MAX_SIDE : (int)h;
}

/* Whether path is a regular file this process may run; if not, why. */
static int runnable(const char *path, const char **why)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *why = errno == ENOENT ? "no such file" : strerror(errno);
        return 0;
    }
    if (S_ISDIR(st.st_mode)) {
        *why = "a directory, not an executable file";
        return 0;
    }
    if (!S_ISREG(st.st_mode) || access(path, X_OK) != 0) {
        *why = "not an executable file";
        return 0;
    }
    return 1;
}

int fs_chart_find_gnuplot(char *buf, size_t size, const char **why)
{
    const char *env = getenv("GNUPLOT");
    const char *name = env != NULL && env[0] != '\0' ? env : "gnuplot";
    *why = NULL;
    if (strchr(name, '/') != NULL) {
        const char *cause = NULL;
        if (runnable(name, &cause)) {
            snprintf(buf, size, "%s", name);
            return 1;
        }
        if (env != NULL && env[0] != '\0')
            *why = cause;
        return 0;
    }
    const char *path = getenv("PATH");
    if (path == NULL)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t len = colon ? (size_t)(colon - path) : strlen(path);
        if (len > 0 && len + strlen(name) + 2 <= size) {
            snprintf(buf, size, "%.*s/%s", (int)len, path, name);
            struct stat st;
            if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0)
                return 1;
        }
        path += len + (colon ? 1 : 0);
    }
    if (env != NULL && env[0] != '\0')
        *why = "not found on PATH";
    return 0;
}

int fs_chart_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (n > FS_CHART_MAX_JOBS ? FS_CHART_MAX_JOBS : (int)n);
}

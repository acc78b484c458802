/* chart.c: gnuplot scripts and data for the comparison charts, drawn by
 * one gnuplot process per batch.  See chart.h for the safety rules. */
#include "forcestat/chart.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "forcestat/emit.h"
#include "forcestat/fileio.h"
#include "forcestat/funnel.h"
#include "forcestat/stage.h"

extern char **environ;

/* Colours: a muted blue for forces within the band, a dark blue for those
 * outside it, orange for the force the chart is about (distinguishable
 * under the common colour-vision deficiencies). */
#define COLOUR_WITHIN "#9dc3e6"
#define COLOUR_OUTSIDE "#1f4e79"
#define COLOUR_HIGHLIGHT "#e66100"
#define COLOUR_NATIONAL "#c00000"
#define COLOUR_LINE "#303030"

#define PATH_MAX_BYTES 4096

typedef struct queued {
    char *name;         /* the output's name in the stage */
    char *out_path;     /* where gnuplot writes it (absolute, in the stage) */
    char *gp_name;      /* with keep_script: NAME.gp and NAME.dat, else NULL */
    char *dat_name;
    char *kept_script;  /* the .gp text when keep_script, else NULL */
    char *data_path;    /* the data file, scratch in the stage */
    fs_chart_format_t format;
} queued_t;

struct fs_chart_batch {
    fs_stage_t *stage;
    fs_buf_t script;
    queued_t *charts;
    size_t n, cap;
};

size_t fs_chart_quote(const char *s, char *buf, size_t size)
{
    size_t k = 0;
#define PUT(c)                                                                                    \
    do {                                                                                          \
        if (k + 1 < size)                                                                         \
            buf[k] = (c);                                                                         \
        k++;                                                                                      \
    } while (0)
    PUT('"');
    int after_escape = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned c = *p;
        /* gnuplot reads octal escapes greedily ("\0562" is one character),
         * so a digit right after an escape is escaped too. */
        int digit = c >= '0' && c <= '9';
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (digit && !after_escape) ||
            c == ' ') {
            PUT((char)c);
            after_escape = 0;
        } else {
            after_escape = 1;
            PUT('\\');
            PUT((char)('0' + ((c >> 6) & 7)));
            PUT((char)('0' + ((c >> 3) & 7)));
            PUT((char)('0' + (c & 7)));
        }
    }
    PUT('"');
#undef PUT
    if (size > 0)
        buf[k < size ? k : size - 1] = '\0';
    return k;
}

/* Appends s as a safe gnuplot string literal. */
static void put_string(fs_buf_t *out, const char *s)
{
    size_t need = fs_chart_quote(s, NULL, 0);
    char *tmp = malloc(need + 1);
    if (tmp == NULL) {
        out->failed = 1;
        return;
    }
    fs_chart_quote(s, tmp, need + 1);
    fs_buf_append(out, tmp, need);
    free(tmp);
}

/* Appends a number gnuplot reads back exactly. */
static void put_number(fs_buf_t *out, double x)
{
    fs_buf_number(out, x);
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

/* The terminal for a format: sizes suited to a report page. */
static void put_terminal(fs_buf_t *s, fs_chart_format_t format)
{
    switch (format) {
    case FS_CHART_PNG:
        fs_buf_puts(s, "set terminal pngcairo size 1200,675 noenhanced font \"Sans,10\" "
                       "background rgb \"#ffffff\"\n");
        break;
    case FS_CHART_SVG:
        fs_buf_puts(s, "set terminal svg size 1200,675 noenhanced font \"Sans,10\" "
                       "background rgb \"#ffffff\"\n");
        break;
    case FS_CHART_PDF:
        fs_buf_puts(s, "set terminal pdfcairo size 11in,6.2in noenhanced font \"Sans,9\"\n");
        break;
    }
}

/* Title, y label, source note, data separator: shared by every chart. */
static void put_common(fs_buf_t *s, const fs_chart_text_t *text, fs_chart_format_t format,
                       const char *output)
{
    fs_buf_puts(s, "reset\n");
    put_terminal(s, format);
    fs_buf_puts(s, "set output ");
    put_string(s, output);
    fs_buf_puts(s, "\nset datafile separator \"\\t\"\nset datafile missing \"NaN\"\n");
    if (text->title != NULL) {
        fs_buf_puts(s, "set title ");
        put_string(s, text->title);
        fs_buf_puts(s, " font \",13\"\n");
    }
    if (text->ylabel != NULL) {
        fs_buf_puts(s, "set ylabel ");
        put_string(s, text->ylabel);
        fs_buf_putc(s, '\n');
    }
    if (text->source != NULL) {
        fs_buf_puts(s, "set label 99 ");
        put_string(s, text->source);
        fs_buf_puts(s, " at screen 0.01, screen 0.02 left font \",8\" textcolor rgb \"#555555\"\n");
    }
    fs_buf_puts(s, "set border 3\nset tics nomirror\nset grid ytics lc rgb \"#e0e0e0\"\n");
}

/* x tic labels from the items, rotated, with room below for the longest. */
static void put_xtics(fs_buf_t *s, const char *const *labels, size_t n, int rotate,
                      int have_source)
{
    size_t longest = 0;
    fs_buf_puts(s, "set xtics (");
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(labels[i]);
        longest = len > longest ? len : longest;
        if (i)
            fs_buf_puts(s, ", ");
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
        put_string(s, doubled.data ? doubled.data : "");
        if (fs_buf_status(&doubled) != FS_OK)
            s->failed = 1;
        fs_buf_free(&doubled);
        fs_buf_printf(s, " %zu", i);
    }
    fs_buf_puts(s, ")");
    if (rotate) {
        fs_buf_puts(s, " rotate by 90 right font \",9\"\n");
        /* Character units: rotated labels need about 0.6 of a line per
         * character at the smaller font, plus room for the source note. */
        fs_buf_printf(s, "set bmargin %d\n",
                      (int)(0.42 * (double)(longest > 60 ? 60 : longest)) + 2 + (have_source ? 1 : 0));
    } else {
        fs_buf_puts(s, "\n");
        if (have_source)
            fs_buf_puts(s, "set bmargin 5\n");
    }
    fs_buf_printf(s, "set xrange [-0.8:%g]\n", (double)n - 0.2);
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

typedef void (*script_fn)(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                          const char *data, const char *output);

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
        gen(&kept, chart, format, dat, outp);
        free(dat);
        free(outp);
        if (fs_buf_status(&kept) != FS_OK) {
            fs_buf_free(&kept);
            goto nomem;
        }
        q->kept_script = kept.data;
    }
    gen(&b->script, chart, format, data_path, q->out_path);
    fs_buf_puts(&b->script, "unset output\n");
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

static void bar_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                       const char *data, const char *output)
{
    const fs_bar_chart_t *c = chart;
    put_common(s, &c->text, format, output);
    const char **labels = calloc(c->n ? c->n : 1, sizeof *labels);
    if (labels == NULL) {
        s->failed = 1;
        return;
    }
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
    put_xtics(s, labels, c->n, 1, c->text.source != NULL);
    free(labels);
    /* One bar many times taller than the rest (City of London's rates, on
     * a resident population of 10,000) would flatten every other bar: cut
     * the axis above the others and label that bar with its value. */
    size_t top = c->n;
    double first = -INFINITY, second = -INFINITY;
    for (size_t i = 0; i < c->n; i++) {
        double v = c->items[i].value;
        if (isnan(v))
            continue;
        if (v > first) {
            second = first;
            first = v;
            top = i;
        } else if (v > second) {
            second = v;
        }
    }
    double ceiling = fmax(second, fmax(c->upper, c->has_comparator ? c->comparator : -INFINITY));
    if (!any_negative && top < c->n && second > 0 && first > 2.5 * ceiling) {
        fs_buf_puts(s, "set yrange [0:");
        put_number(s, 1.25 * ceiling);
        fs_buf_printf(s, "]\nset label 97 \"%.4g (off the scale)\" at %zu, ", first, top);
        put_number(s, 1.2 * ceiling);
        fs_buf_puts(s, " right rotate by 90 font \",9\" textcolor rgb \"#ffffff\" front\n");
    } else {
        fs_buf_puts(s, any_negative ? "set yrange [*:*]\n" : "set yrange [0:*]\n");
    }
    /* The key goes where the sorted bars are lowest. */
    int low_on_left = c->n > 1 && c->items[0].value < c->items[c->n - 1].value;
    fs_buf_printf(s, "set boxwidth 0.75\nset style fill solid 1.0 noborder\n"
                     "set key inside top %s vertical opaque box lc rgb \"#cccccc\" samplen 2.5 "
                     "spacing 1.1\n",
                  low_on_left ? "left" : "right");
    fs_buf_puts(s, "plot ");
    /* Column 3 is the series: 1 within, 2 outside, 3 highlighted, 4
     * highlighted and outside. */
    put_string(s, data);
    fs_buf_puts(s, " using 1:($3==1?$2:NaN) with boxes lc rgb \"" COLOUR_WITHIN "\" title \"Within the band\"");
    if (any_outside) {
        fs_buf_puts(s, ", '' using 1:($3==2?$2:NaN) with boxes lc rgb \"" COLOUR_OUTSIDE "\" title \"Outside the band\"");
    }
    if (highlight != NULL) {
        char title[600];
        snprintf(title, sizeof title, "%s%s", highlight, highlight_outside ? " (outside the band)" : "");
        fs_buf_puts(s, ", '' using 1:($3>=3?$2:NaN) with boxes lc rgb \"" COLOUR_HIGHLIGHT "\" title ");
        put_string(s, title);
        if (highlight_outside)
            fs_buf_puts(s, ", '' using 1:($3==4?$2:NaN) with boxes fs empty border lc rgb \"" COLOUR_OUTSIDE "\" lw 3 notitle");
    }
    if (c->group_label != NULL) {
        fs_buf_puts(s, ", '' using 1:($4==1?$2:NaN) with boxes fs empty border lc rgb \"" COLOUR_HIGHLIGHT "\" lw 2.5 title ");
        put_string(s, c->group_label);
    }
    fs_buf_puts(s, ", ");
    put_number(s, c->centre);
    fs_buf_printf(s, " with lines lc rgb \"#000000\" lw 2 title \"%s\"",
                  c->log_scale ? "Geometric mean of forces" : "Mean of forces");
    fs_buf_puts(s, ", ");
    put_number(s, c->lower);
    fs_buf_printf(s, " with lines lc rgb \"" COLOUR_LINE "\" lw 2.5 dt 3 title \"%s\"",
                  c->log_scale ? "One SD either side (log scale)" : "One SD either side");
    fs_buf_puts(s, ", ");
    put_number(s, c->upper);
    fs_buf_puts(s, " with lines lc rgb \"" COLOUR_LINE "\" lw 2.5 dt 3 notitle");
    if (c->has_comparator) {
        fs_buf_puts(s, ", ");
        put_number(s, c->comparator);
        fs_buf_puts(s, " with lines lc rgb \"" COLOUR_NATIONAL "\" lw 1.5 dt 4 title ");
        put_string(s, c->comparator_label ? c->comparator_label : "England and Wales");
    }
    fs_buf_putc(s, '\n');
}

fs_status_t fs_chart_add_bar(fs_chart_batch_t *b, const fs_bar_chart_t *c, fs_error_t *err)
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
        put_datum(f, it->value, '\t');
        fprintf(f, "%d\t%d\n", series, it->in_group ? 1 : 0);
    }
    return close_and_queue(b, f, path, &c->text, c, bar_script, err);
}

/* ---- interval chart ---- */

static void intervals_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                             const char *data, const char *output)
{
    const fs_interval_chart_t *c = chart;
    put_common(s, &c->text, format, output);
    const char **labels = calloc(c->n ? c->n : 1, sizeof *labels);
    if (labels == NULL) {
        s->failed = 1;
        return;
    }
    const char *highlight = NULL;
    for (size_t i = 0; i < c->n; i++) {
        labels[i] = c->items[i].label;
        if (c->items[i].highlight)
            highlight = c->items[i].label;
    }
    put_xtics(s, labels, c->n, 1, c->text.source != NULL);
    free(labels);
    /* When the intervals span more than a factor of 30 (City of London's
     * tiny resident population gives rates tens of times the others), a
     * log axis keeps every force readable.  Points, unlike bars, stay
     * honest on a log axis. */
    double lo = INFINITY, hi = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (isnan(c->items[i].estimate))
            continue;
        lo = fmin(lo, c->items[i].lower);
        hi = fmax(hi, c->items[i].upper);
    }
    if (lo > 0 && isfinite(lo) && hi / lo > 30)
        fs_buf_puts(s, "set logscale y\nset format y \"%g\"\n"
                       "set label 98 \"log scale\" at graph 0, graph 1.02 left font \",8\"\n");
    int low_on_left = c->n > 1 && c->items[0].estimate < c->items[c->n - 1].estimate;
    fs_buf_printf(s, "set key inside top %s vertical opaque box lc rgb \"#cccccc\" samplen 2.5\n"
                     "set bars small\n",
                  low_on_left ? "left" : "right");
    fs_buf_puts(s, "plot ");
    put_string(s, data);
    fs_buf_puts(s, " using 1:($5==0?$2:NaN):3:4 with yerrorbars lc rgb \"" COLOUR_OUTSIDE "\" pt 7 ps 0.8 lw 1.2 title \"Estimate and confidence interval\"");
    if (highlight != NULL) {
        fs_buf_puts(s, ", '' using 1:($5==1?$2:NaN):3:4 with yerrorbars lc rgb \"" COLOUR_HIGHLIGHT "\" pt 7 ps 1.2 lw 2.5 title ");
        put_string(s, highlight);
    }
    if (c->has_reference) {
        fs_buf_puts(s, ", ");
        put_number(s, c->reference);
        fs_buf_puts(s, " with lines lc rgb \"" COLOUR_NATIONAL "\" lw 1.5 dt 4 title ");
        put_string(s, c->reference_label ? c->reference_label : "England and Wales");
    }
    fs_buf_putc(s, '\n');
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
        put_datum(f, it->estimate, '\t');
        put_datum(f, it->lower, '\t');
        put_datum(f, it->upper, '\t');
        fprintf(f, "%d\n", it->highlight ? 1 : 0);
    }
    return close_and_queue(b, f, path, &c->text, c, intervals_script, err);
}

/* ---- trend chart ---- */

static void trend_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                         const char *data, const char *output)
{
    const fs_trend_chart_t *c = chart;
    put_common(s, &c->text, format, output);
    int rotate = c->nperiods > 8;
    put_xtics(s, c->periods, c->nperiods, rotate, c->text.source != NULL);
    fs_buf_puts(s, "set key inside top left vertical opaque box lc rgb \"#cccccc\" samplen 3\n"
                   "set style fill transparent solid 0.18 noborder\n");
    fs_buf_puts(s, "plot ");
    static const char *const others[] = {"#404040", "#1f4e79", "#7f7f7f", "#5e3c99",
                                         "#1b7837", "#8c510a", "#2166ac", "#762a83"};
    int first = 1;
    for (size_t k = 0; k < c->nseries; k++) {
        const fs_trend_series_t *ser = &c->series[k];
        const char *colour = ser->highlight ? COLOUR_HIGHLIGHT : others[k % 8];
        if (ser->lower != NULL && ser->upper != NULL) {
            fs_buf_puts(s, first ? "" : ", ");
            put_string(s, data);
            fs_buf_printf(s, " index %zu using 1:3:4 with filledcurves lc rgb \"%s\" notitle", k,
                          colour);
            first = 0;
        }
    }
    for (size_t k = 0; k < c->nseries; k++) {
        const fs_trend_series_t *ser = &c->series[k];
        const char *colour = ser->highlight ? COLOUR_HIGHLIGHT : others[k % 8];
        fs_buf_puts(s, first ? "" : ", ");
        put_string(s, data);
        fs_buf_printf(s, " index %zu using 1:2 with linespoints lc rgb \"%s\" lw %s pt 7 ps 0.7 title ",
                      k, colour, ser->highlight ? "3" : "2");
        put_string(s, ser->name);
        first = 0;
    }
    fs_buf_putc(s, '\n');
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
            put_datum(f, ser->values[i], '\t');
            put_datum(f, ser->lower ? ser->lower[i] : NAN, '\t');
            put_datum(f, ser->upper ? ser->upper[i] : NAN, '\n');
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

static void funnel_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                          const char *data, const char *output)
{
    const fs_funnel_chart_t *c = chart;
    put_common(s, &c->text, format, output);
    double lo, hi;
    if (funnel_log_x(c, &lo, &hi))
        fs_buf_puts(s, "set logscale x\nset format x \"%.0s%c\"\n");
    /* As on the bar chart: one point far above the rest is noted at the
     * top instead of squeezing every other force into the floor. */
    size_t top = c->n;
    double first = -INFINITY, second = -INFINITY;
    for (size_t i = 0; i < c->n; i++) {
        double v = c->points[i].value;
        if (isnan(v))
            continue;
        if (v > first) {
            second = first;
            first = v;
            top = i;
        } else if (v > second) {
            second = v;
        }
    }
    if (top < c->n && second > 0 && first > 2.5 * fmax(second, 2.0 * c->funnel->target)) {
        double ceiling = 1.3 * fmax(second, 2.0 * c->funnel->target);
        fs_buf_puts(s, "set yrange [0:");
        put_number(s, ceiling);
        fs_buf_puts(s, "]\nset label 91 ");
        char note[600];
        snprintf(note, sizeof note, "%s: %.4g (off the scale)", c->points[top].label, first);
        put_string(s, note);
        fs_buf_puts(s, " at ");
        put_number(s, c->points[top].denominator);
        fs_buf_puts(s, ", ");
        put_number(s, 0.97 * ceiling);
        fs_buf_puts(s, " center font \",9\" front\n");
    }
    if (c->xlabel != NULL) {
        fs_buf_puts(s, "set xlabel ");
        put_string(s, c->xlabel);
        fs_buf_putc(s, '\n');
    }
    if (c->text.source != NULL)
        fs_buf_puts(s, "set bmargin 6\n");
    fs_buf_puts(s, "set key inside top right vertical opaque box lc rgb \"#cccccc\" samplen 3\n");
    /* Label the highlighted force beside its point. */
    for (size_t i = 0; i < c->n; i++) {
        if (!c->points[i].highlight || isnan(c->points[i].value))
            continue;
        fs_buf_puts(s, "set label 90 ");
        put_string(s, c->points[i].label);
        fs_buf_puts(s, " at ");
        put_number(s, c->points[i].denominator);
        fs_buf_puts(s, ", ");
        put_number(s, c->points[i].value);
        fs_buf_puts(s, " offset 1,0.6 textcolor rgb \"" COLOUR_HIGHLIGHT "\" font \",10\" front\n");
    }
    double inner = 100 * c->funnel->opt.levels[0], outer = 100 * c->funnel->opt.levels[1];
    fs_buf_puts(s, "plot ");
    put_string(s, data);
    fs_buf_printf(s, " index 1 using 1:4:5 with filledcurves lc rgb \"#f2f2f2\" notitle, "
                     "'' index 1 using 1:2 with lines lc rgb \"#555555\" lw 1.5 dt 2 title \"%g%% limits\", "
                     "'' index 1 using 1:3 with lines lc rgb \"#555555\" lw 1.5 dt 2 notitle, "
                     "'' index 1 using 1:4 with lines lc rgb \"#000000\" lw 1.5 title \"%g%% limits\", "
                     "'' index 1 using 1:5 with lines lc rgb \"#000000\" lw 1.5 notitle, ",
                  inner, outer);
    put_number(s, c->funnel->target);
    fs_buf_puts(s, " with lines lc rgb \"" COLOUR_NATIONAL "\" lw 1.5 dt 4 title \"Target\", ");
    put_string(s, data);
    fs_buf_puts(s, " index 0 using 1:($3==0?$2:NaN) with points pt 7 ps 1.0 lc rgb \"" COLOUR_WITHIN "\" title \"Within the limits\", "
                   "'' index 0 using 1:($3==1?$2:NaN) with points pt 7 ps 1.1 lc rgb \"" COLOUR_OUTSIDE "\" title ");
    char title[64];
    snprintf(title, sizeof title, "Outside %g%%", inner);
    put_string(s, title);
    fs_buf_puts(s, ", '' index 0 using 1:($3==2?$2:NaN) with points pt 5 ps 1.1 lc rgb \"#000000\" title ");
    snprintf(title, sizeof title, "Outside %g%%", outer);
    put_string(s, title);
    fs_buf_puts(s, ", '' index 0 using 1:($4==1?$2:NaN) with points pt 7 ps 1.6 lc rgb \"" COLOUR_HIGHLIGHT "\" notitle\n");
}

fs_status_t fs_chart_add_funnel(fs_chart_batch_t *b, const fs_funnel_chart_t *c, fs_error_t *err)
{
    if (c->n == 0 || c->funnel == NULL)
        return fs_error_set(err, FS_EINVAL, "a funnel plot needs points and a fitted funnel");
    double lo, hi;
    int log_x = funnel_log_x(c, &lo, &hi);
    if (!(hi > 0))
        return fs_error_set(err, FS_EINVAL, "a funnel plot needs a positive denominator");
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    for (size_t i = 0; i < c->n; i++) {
        const fs_funnel_point_t *p = &c->points[i];
        put_datum(f, p->denominator, '\t');
        put_datum(f, p->value, '\t');
        fprintf(f, "%d\t%d\n", p->flag, p->highlight ? 1 : 0);
    }
    fputs("\n\n", f);
    /* The limit curves, from a little left of the smallest force to a
     * little right of the largest. */
    double from = log_x ? lo / 1.5 : 0.5 * lo, to = hi * 1.2;
    if (from < 1)
        from = 1;
    enum { STEPS = 240 };
    for (int k = 0; k <= STEPS; k++) {
        double t = (double)k / STEPS;
        double x = log_x ? from * pow(to / from, t) : from + (to - from) * t;
        double l1, u1, l2, u2;
        fs_funnel_limits(c->funnel, x, c->funnel->opt.levels[0], &l1, &u1);
        fs_funnel_limits(c->funnel, x, c->funnel->opt.levels[1], &l2, &u2);
        put_datum(f, x, '\t');
        put_datum(f, l1, '\t');
        put_datum(f, u1, '\t');
        put_datum(f, l2, '\t');
        put_datum(f, u2, '\n');
    }
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

fs_status_t fs_chart_batch_run(fs_chart_batch_t *b, const char *gnuplot_path, fs_error_t *err)
{
    if (b->n == 0)
        return FS_OK;
    char script[PATH_MAX_BYTES], errpath[PATH_MAX_BYTES];
    fs_status_t st;
    if ((st = fs_stage_scratch(b->stage, "batch.gp", script, sizeof script, err)) != FS_OK ||
        (st = fs_stage_scratch(b->stage, "gnuplot.err", errpath, sizeof errpath, err)) != FS_OK)
        return st;
    if ((st = fs_stage_write_scratch(b->stage, "batch.gp", "the gnuplot script", b->script.data,
                                     b->script.len, err)) != FS_OK)
        return st;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, errpath,
                                     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
    /* -d: ignore the user's initialisation files, so charts are the same
     * for everyone.  The script's path is absolute. */
    char *argv[] = {(char *)gnuplot_path, (char *)"-d", script, NULL};
    /* gnuplot's own variables (GNUTERM, GNUPLOT_LIB, GNUPLOT_DRIVER_DIR,
     * ...) could change a terminal or where files are found: they are
     * not passed on. */
    size_t nenv = 0;
    while (environ[nenv] != NULL)
        nenv++;
    char **env = calloc(nenv + 1, sizeof *env);
    if (env == NULL) {
        posix_spawn_file_actions_destroy(&fa);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    size_t kept = 0;
    for (size_t i = 0; i < nenv; i++) {
        if (strncmp(environ[i], "GNUPLOT", 7) != 0 && strncmp(environ[i], "GNUTERM=", 8) != 0 &&
            strncmp(environ[i], "GNUHELP=", 8) != 0)
            env[kept++] = environ[i];
    }
    pid_t pid;
    int rc = posix_spawn(&pid, gnuplot_path, &fa, NULL, argv, env);
    free(env);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return fs_error_set(err, FS_EIO, "cannot run gnuplot (%s): %s", gnuplot_path, strerror(rc));
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return fs_error_set(err, FS_EIO, "waiting for gnuplot: %s", strerror(errno));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char line[256];
        last_line(errpath, line, sizeof line);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            return fs_error_set(err, FS_EIO, "cannot run gnuplot (%s)", gnuplot_path);
        return fs_error_set(err, FS_EIO, "gnuplot failed%s%s", line[0] ? ": " : "", line);
    }
    /* Every chart must be complete before anything is committed. */
    for (size_t i = 0; i < b->n; i++) {
        const queued_t *q = &b->charts[i];
        if (!chart_complete(q->out_path, q->format)) {
            char line[256];
            last_line(errpath, line, sizeof line);
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
        if (b->charts[i].kept_script != NULL && (st = write_kept(b, &b->charts[i], err)) != FS_OK)
            return st;
    }
    return FS_OK;
}

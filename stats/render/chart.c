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
#include "render/chart_svg.h"
#include "render/chart_labels.h"
#include "forcestat/period.h"
#include "render/period_parse.h"
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
    char *marks;        /* SVG: the forces' marks (chart_svg.h), or NULL */
    char *desc;         /* SVG: the chart's finding, for its <desc>, or NULL */
    fs_chart_format_t format;
    size_t script_at;   /* where its part of the batch script begins */
    size_t cost;        /* its pixels: what drawing it costs (fs_chart_cut_runs) */
} queued_t;

struct fs_chart_batch {
    fs_stage_t *stage;
    fs_buf_t script;
    /* The next chart's marks and finding (SVG), from the chart's add
     * function to queue(), and its subtitle (every format): the finding
     * about the force the chart is about, where the chart knows it. */
    fs_buf_t marks, desc, subtitle;
    queued_t *charts;
    size_t n, cap;
    size_t narrow; /* how many of the n are narrow renderings */
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
    fs_buf_init(&b->marks);
    fs_buf_init(&b->desc);
    fs_buf_init(&b->subtitle);
    *out = b;
    return FS_OK;
}

size_t fs_chart_batch_count(const fs_chart_batch_t *b)
{
    return b->n - b->narrow;
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
    free(q->marks);
    free(q->desc);
    memset(q, 0, sizeof *q);
}

void fs_chart_batch_free(fs_chart_batch_t *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n; i++)
        queued_free(&b->charts[i]);
    fs_buf_free(&b->script);
    fs_buf_free(&b->marks);
    fs_buf_free(&b->desc);
    fs_buf_free(&b->subtitle);
    free(b->charts);
    free(b);
}

/* Where to break a finding longer than room bytes, with lines more lines
 * of room bytes after this one: after the last ": " within room that
 * leaves a rest that fits (a list follows it), else the last "; " or ". "
 * that does, else the last ", ", else at the last space within room (the
 * rest is cut); never at a mark that leaves a first line under a third of
 * room; 0 when there is no space to break at. */
static size_t subtitle_break(const char *s, size_t len, size_t room, size_t lines)
{
    static const char *const marks[] = {":", ";.", ","};
    for (int k = 0; k < 3; k++)
        for (size_t i = room; i > 1; i--)
            if (s[i - 1] == ' ' && strchr(marks[k], s[i - 2]) != NULL && len - i <= room * lines &&
                i - 1 > room / 3) /* no line of a word or two ("Essex:") */
                return i - 1;
    for (size_t i = room; i > 0; i--)
        if (s[i] == ' ')
            return i;
    return 0;
}

/* The finding in at most max lines of room bytes (never fewer than 20),
 * broken where subtitle_break says; what the lines cannot hold ends
 * "...", cut at a space.  The lines written, 0 for no finding. */
static int subtitle_fit(fs_buf_t *out, const char *finding, size_t room, int max)
{
    if (finding == NULL || *finding == '\0')
        return 0;
    room = room < 20 ? 20 : room;
    const char *rest = finding;
    for (int line = 1;; line++) {
        size_t rest_len = strlen(rest);
        if (rest_len <= room) {
            fs_buf_puts(out, rest);
            return line;
        }
        if (line >= max) {
            size_t end = room - 3;
            while (end > 0 && rest[end] != ' ')
                end--;
            if (end == 0)
                end = fs_utf8_cut(rest, rest_len, room - 3);
            fs_buf_append(out, rest, end);
            fs_buf_puts(out, "...");
            return line;
        }
        size_t cut = subtitle_break(rest, rest_len, room, (size_t)(max - line));
        if (cut == 0) /* one long word: cut between characters */
            cut = fs_utf8_cut(rest, rest_len, room - 3);
        fs_buf_append(out, rest, cut);
        fs_buf_putc(out, '\n');
        rest += cut;
        while (*rest == ' ')
            rest++;
    }
}

int fs_chart_subtitle(fs_buf_t *out, const char *finding, int width)
{
    /* About 8 pixels a character at the subtitle's size (plots/common.gp),
     * with a margin either side: 126 at 1200 pixels, in one line or two. */
    return subtitle_fit(out, finding, (size_t)(width > 0 ? width : FS_CHART_WIDTH) * 2 / 19, 2);
}

int fs_chart_narrow_at(int width)
{
    return width > 0 && width < FS_CHART_NARROW_BELOW;
}

/* A narrow chart's fontscale: FS_CHART_NARROW_FONTSCALE at
 * FS_CHART_NARROW_WIDTH pixels wide and more (the report's, 600), as
 * many times less on a narrower chart (1.07 at 400), so that its text
 * takes the share of the width it takes at 600 and the narrow layout,
 * its texts wrapped to characters a line and its key an entry a line,
 * fits any width from FS_CHART_MIN_SIDE up (issue 29: at 400 its title's
 * lines and key entries ran off the right edge). */
static double narrow_fontscale(const fs_chart_text_t *text)
{
    double width = text->width > 0 ? text->width : FS_CHART_WIDTH;
    return FS_CHART_NARROW_FONTSCALE * fmin(1.0, width / FS_CHART_NARROW_WIDTH);
}

/* The chart's finding for its subtitle: a narrow chart's fonts are
 * FS_CHART_NARROW_FONTSCALE times as large, so its lines hold as many
 * times fewer characters (39 at 600 pixels), in up to four lines (the
 * spine's tally and a trend's four figures whole). */
static int chart_subtitle(fs_buf_t *out, const char *finding, const fs_chart_text_t *text)
{
    int width = text->width > 0 ? text->width : FS_CHART_WIDTH;
    if (!text->narrow)
        return fs_chart_subtitle(out, finding, width);
    return subtitle_fit(out, finding, (size_t)(width * 2.0 / 19.0 / narrow_fontscale(text)), 4);
}

/* As chart_subtitle, for a finding that must show whole (the spine's
 * tally, the SPC's summary: issue 29): a narrow chart's takes the lines it needs, up to 12;
 * one that fits in four is broken as chart_subtitle breaks it. */
static int whole_subtitle(fs_buf_t *out, const char *finding, const fs_chart_text_t *text)
{
    int lines = chart_subtitle(out, finding, text);
    size_t room = (size_t)((text->width > 0 ? text->width : FS_CHART_WIDTH) * 2.0 / 19.0 /
                           narrow_fontscale(text));
    for (int max = 5; text->narrow && max <= 12 && fs_buf_status(out) == FS_OK && out->len > 3 &&
                      strcmp(out->data + out->len - 3, "...") == 0;
         max++) {
        fs_buf_reset(out);
        lines = subtitle_fit(out, finding, room, max);
    }
    return lines;
}

/* Whether the n bytes at s hold no letter or digit (a footnote's "*", a
 * dash): such a word never starts a line. */
static int symbol_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i]; /* ASCII, whatever the locale */
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)
            return 0;
    }
    return n > 0;
}

/* The bytes of the word at p with the symbol-only words after it on its
 * line (symbol_only), which go where it goes: a "*" after a measure's
 * name never stands alone on a line. */
static size_t word_unit(const char *p)
{
    size_t word = strcspn(p, " \n");
    for (;;) {
        size_t gap = strspn(p + word, " ");
        size_t next = strcspn(p + word + gap, " \n");
        if (gap == 0 || !symbol_only(p + word + gap, next))
            return word;
        word += gap + next;
    }
}

/* Text wrapped at spaces into lines of at most room bytes (a longer word
 * stands alone; a newline in s starts a line), into buf. */
static void wrap_words(const char *s, size_t room, char *buf, size_t size)
{
    size_t len = 0, line = 0;
    buf[0] = '\0';
    for (const char *p = s; *p && len + 2 < size;) {
        size_t word = word_unit(p);
        if (line > 0 && line + 1 + word > room) {
            buf[len++] = '\n';
            line = 0;
        } else if (line > 0) {
            buf[len++] = ' ';
            line++;
        }
        size_t take = word < size - len - 1 ? word : size - len - 1;
        memcpy(buf + len, p, take);
        len += take;
        line += take;
        p += word;
        while (*p == ' ')
            p++;
        if (*p == '\n' && len + 2 < size) {
            buf[len++] = '\n';
            line = 0;
            p++;
        }
    }
    buf[len] = '\0';
}

/* The lines of text (0 for NULL or ""). */
static size_t count_lines(const char *text)
{
    size_t lines = text != NULL && *text;
    for (const char *p = text; p != NULL && *p; p++)
        lines += *p == '\n';
    return lines;
}

/* A narrow chart's texts, wrapped to its width: the title's lines at
 * most FS_CHART_NARROW_TITLE characters, the notes' FS_CHART_NARROW_NOTE,
 * the value axis's label FS_CHART_NARROW_LABEL. */
#define FS_CHART_NARROW_TITLE 34
#define FS_CHART_NARROW_NOTE 50
#define FS_CHART_NARROW_LABEL 30

/* A note of the chart (the string name): on a narrow chart wrapped to its
 * width, with its lines as the number lines_name (a wide chart's note is
 * 1 line).  The names must outlive v. */
static void note_string(fs_tmpl_vars_t *v, const char *name, const char *lines_name,
                        const char *note, const fs_chart_text_t *text)
{
    char wrapped[800];
    if (text->narrow) {
        wrap_words(note, FS_CHART_NARROW_NOTE, wrapped, sizeof wrapped);
        note = wrapped;
    }
    fs_tmpl_number(v, lines_name, text->narrow ? (double)count_lines(note) : 1);
    fs_tmpl_string(v, name, note);
}

/* Whether a wide chart's foot cannot hold its source note (at its left)
 * and note (at its right) on one line, so the note stands a line above
 * (issue 29: the stop and search funnel's ran into each other): their
 * widths at the foot's 8 points (fs_label_text_width), spare times (the
 * funnel's 1.1: a tenth more to spare; the funnel of changes', which
 * stacked none before, 1), and 2 ems between them, against the 98% of
 * the width the two labels span.  A narrow chart stacks its notes
 * whatever their widths. */
static int foot_stacks(const fs_chart_text_t *text, const char *note, double spare)
{
    if (text->narrow || text->source == NULL || note == NULL || *note == '\0')
        return 0;
    double width = text->width > 0 ? text->width : FS_CHART_WIDTH;
    double need = spare * (fs_label_text_width(text->source, 8) + fs_label_text_width(note, 8)) +
                  2 * 8 * 4.0 / 3.0;
    return need > 0.98 * width;
}

/* The title's lines, for the room above the plot (a title may say what
 * on its first line and when on a second); an empty title has one. */
static size_t title_lines(const char *title)
{
    size_t lines = title != NULL;
    for (const char *p = title; p != NULL && *p; p++)
        lines += *p == '\n';
    return lines;
}

/* The width a narrow chart's value-axis label wraps to: a trend whose
 * title runs past three lines (the measure, then the force and what it
 * is set against, as the report's are) has its plot shortened by them
 * under its key's entries, too short beside it for a label of
 * FS_CHART_NARROW_LABEL characters, which would reach into the key. */
static int narrow_label_width(const char *tmpl_name, const char *title)
{
    return strcmp(tmpl_name, "trend") == 0 && title_lines(title) > 3 ? 20 : FS_CHART_NARROW_LABEL;
}

/* The chart's title: a narrow chart's wrapped to its width, into buf. */
static const char *chart_title(const fs_chart_text_t *text, char *buf, size_t size)
{
    if (!text->narrow || text->title == NULL)
        return text->title;
    wrap_words(text->title, FS_CHART_NARROW_TITLE, buf, size);
    return buf;
}

int fs_chart_names_year(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        int alone = (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') &&
                    (i + 4 == n || s[i + 4] < '0' || s[i + 4] > '9');
        int digits = s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9';
        if (alone && digits && (strncmp(s + i, "19", 2) == 0 || strncmp(s + i, "20", 2) == 0))
            return 1;
    }
    return 0;
}

/* A narrow trend's title wrapped past four lines (issue 29: five, and its
 * plot shrank under them), into buf: its measure's words less the period
 * they end with ("Outcome 17 share of outcomes, rolling year, years
 * ending March 2018 to March 2019: Essex against ..." less ", years
 * ending ... 2019"), which its subtitle, the finding, states first
 * ("Years ending March 2018 to March 2019: Essex ..."); wrapped again.
 * NULL when the title keeps it: four lines or fewer, no finding, or no
 * ", PERIOD" before the last ": " that names a year. */
static const char *narrow_trend_title(const char *title, const char *subtitle, char *buf,
                                      size_t size)
{
    if (title_lines(buf) <= 4 || subtitle == NULL || *subtitle == '\0')
        return NULL;
    const char *colon = NULL, *comma = NULL;
    for (const char *p = title; *p; p++)
        if (p[0] == ':' && (p[1] == ' ' || p[1] == '\n'))
            colon = p;
    for (const char *p = title; colon != NULL && p + 1 < colon; p++)
        if (p[0] == ',' && p[1] == ' ')
            comma = p;
    if (comma == NULL || !fs_chart_names_year(comma + 2, (size_t)(colon - comma - 2)))
        return NULL;
    char shorter[1200];
    if (snprintf(shorter, sizeof shorter, "%.*s%s", (int)(comma - title), title, colon) >=
        (int)sizeof shorter)
        return NULL;
    wrap_words(shorter, FS_CHART_NARROW_TITLE, buf, size);
    return buf;
}

/* Every font's size in the script s from byte from on times scale: each
 * `font "NAME,SIZE"` (a template's `font ",13"`, the terminal's "Sans,10")
 * names SIZE * scale points instead.  A narrow SVG's (plots/common.gp):
 * gnuplot's svg terminal lays text out for each font's own size, the
 * terminal's fontscale not counted (issue 29: a narrow SVG's title lines
 * and key entries, 1.6 times as large as laid out, ran into each other),
 * so its fonts are named as large as they are drawn on a narrow PNG.  No
 * string of the script holds `font "` (a quote is escaped, chart.h). */
static void scale_fonts(fs_buf_t *s, size_t from, double scale)
{
    static const char key[] = "font \"";
    fs_buf_t out;
    fs_buf_init(&out);
    const char *p = s->data + from, *end = s->data + s->len;
    for (;;) {
        const char *at = strstr(p, key);
        const char *quote = at != NULL ? strchr(at + sizeof key - 1, '"') : NULL;
        const char *comma = at != NULL ? memchr(at, ',', (size_t)(quote - at)) : NULL;
        if (at == NULL || quote == NULL) {
            fs_buf_append(&out, p, (size_t)(end - p));
            break;
        }
        if (comma == NULL || comma + 1 == quote) { /* no size: as it is */
            fs_buf_append(&out, p, (size_t)(quote + 1 - p));
            p = quote + 1;
            continue;
        }
        /* The size, whole points (the templates'), read without the locale. */
        double size = 0;
        for (const char *d = comma + 1; d < quote && *d >= '0' && *d <= '9'; d++)
            size = size * 10 + (*d - '0');
        fs_buf_append(&out, p, (size_t)(comma + 1 - p));
        fs_buf_number(&out, round(size * scale * 100) / 100);
        fs_buf_putc(&out, '"');
        p = quote + 1;
    }
    s->len = from;
    fs_buf_append(s, out.data != NULL ? out.data : "", out.len);
    s->failed |= fs_buf_status(&out) != FS_OK;
    fs_buf_free(&out);
}

/* Fills plots/palette.gp and plots/common.gp, then the chart's own
 * template: every chart starts with the colours, the terminal for its
 * format, its output and its texts. */
static fs_status_t fill_chart(fs_buf_t *s, const char *tmpl, const char *tmpl_name, int with_xtics,
                              fs_tmpl_vars_t *v, const fs_chart_text_t *text,
                              fs_chart_format_t format, const char *data, const char *output,
                              const char *subtitle, fs_error_t *err)
{
    fs_tmpl_flag(v, "png", format == FS_CHART_PNG);
    fs_tmpl_flag(v, "svg", format == FS_CHART_SVG);
    fs_tmpl_flag(v, "pdf", format == FS_CHART_PDF);
    fs_tmpl_string(v, "OUTPUT", output);
    int width = text->width > 0 ? text->width : FS_CHART_WIDTH;
    int height = text->height > 0 ? text->height : FS_CHART_HEIGHT;
    fs_tmpl_number(v, "WIDTH", width);
    fs_tmpl_number(v, "HEIGHT", height);
    fs_tmpl_flag(v, "narrow", text->narrow);
    /* The key's outlines over its samples (plots/common.gp: KEY_LAYER)
     * where both layers lay the key out alike: a narrow chart's, an entry
     * a line; a wide chart's at the full width, where its rows fit (at a
     * smaller width gnuplot may wrap the first layer's key otherwise than
     * the second's, whose plot is narrower when laid out). */
    fs_tmpl_flag(v, "key_outlines", text->narrow || width >= FS_CHART_WIDTH);
    fs_tmpl_number(v, "FONTSCALE", narrow_fontscale(text));
    /* A PDF page: 1200 pixels make the 11 inches a report page is wide. */
    fs_tmpl_number(v, "PDF_WIDTH", (double)(int)(width / 1.09 + 0.5) / 100.0);
    fs_tmpl_number(v, "PDF_HEIGHT", (double)(int)(height / 1.09 + 0.5) / 100.0);
    fs_tmpl_string(v, "DATA", data);
    /* An SVG drawn for the output (not a kept script, whose paths begin
     * "./") prints where its plot lies, for its marks (chart_svg.h). */
    int map = format == FS_CHART_SVG && strncmp(output, "./", 2) != 0;
    char *map_path = map ? fs_chart_with_extension(data, ".map") : NULL;
    if (map && map_path == NULL)
        v->failed = 1;
    fs_tmpl_flag(v, "svg_map", map_path != NULL);
    fs_tmpl_string(v, "MAP", map_path ? map_path : "");
    free(map_path);
    fs_tmpl_flag(v, "has_title", text->title != NULL);
    /* A narrow chart's texts wrapped to its width. */
    char title[1200], source[1200], ylabel[600];
    const char *title_text = text->title, *source_text = text->source, *ylabel_text = text->ylabel;
    title_text = chart_title(text, title, sizeof title);
    if (text->narrow && title_text != NULL && strcmp(tmpl_name, "trend") == 0 &&
        narrow_trend_title(text->title, subtitle, title, sizeof title) != NULL)
        title_text = title;
    if (text->narrow && ylabel_text != NULL) {
        wrap_words(ylabel_text, narrow_label_width(tmpl_name, title_text), ylabel, sizeof ylabel);
        ylabel_text = ylabel;
    }
    if (text->narrow && source_text != NULL) {
        wrap_words(source_text, FS_CHART_NARROW_NOTE, source, sizeof source);
        source_text = source;
    }
    fs_tmpl_number(v, "TITLE_LINES", (double)title_lines(title_text));
    fs_tmpl_number(v, "SOURCE_LINES", (double)count_lines(source_text));
    fs_tmpl_string(v, "TITLE", title_text);
    /* The chart's finding under its title, in lines that fit its width. */
    fs_buf_t sub;
    fs_buf_init(&sub);
    /* The spine's tally and the SPC's summary show whole (issue 29: a
     * narrow SPC's ended "...(limits from..."). */
    int whole = strcmp(tmpl_name, "spine") == 0 || strcmp(tmpl_name, "spc") == 0;
    int sub_lines =
        whole ? whole_subtitle(&sub, subtitle, text) : chart_subtitle(&sub, subtitle, text);
    v->failed |= fs_buf_status(&sub) != FS_OK;
    fs_tmpl_flag(v, "has_subtitle", sub_lines > 0);
    fs_tmpl_number(v, "SUBTITLE_LINES", sub_lines);
    fs_tmpl_string(v, "SUBTITLE", sub.data ? sub.data : "");
    fs_buf_free(&sub);
    fs_tmpl_flag(v, "has_ylabel", text->ylabel != NULL);
    fs_tmpl_string(v, "YLABEL", ylabel_text);
    size_t ylabel_lines = count_lines(ylabel_text);
    fs_tmpl_number(v, "YLABEL_LINES", (double)(ylabel_lines > 0 ? ylabel_lines : 1));
    fs_tmpl_flag(v, "has_source", text->source != NULL);
    fs_tmpl_flag(v, "percent", text->percent);
    fs_tmpl_string(v, "SOURCE", source_text);
    size_t from = s->len;
    fs_status_t st = fs_tmpl_fill(s, fs_plot_palette, "palette", v, err);
    if (st == FS_OK)
        st = fs_tmpl_fill(s, fs_plot_common, "common", v, err);
    if (st == FS_OK && with_xtics)
        st = fs_tmpl_fill(s, fs_plot_xtics, "xtics", v, err);
    if (st == FS_OK)
        st = fs_tmpl_fill(s, tmpl, tmpl_name, v, err);
    if (st == FS_OK)
        st = fs_tmpl_fill(s, fs_plot_end, "end", v, err);
    if (st == FS_OK && text->narrow && format == FS_CHART_SVG)
        scale_fonts(s, from, narrow_fontscale(text));
    fs_tmpl_free(v);
    return st;
}

/* Which periods a narrow chart labels: every step-th, counted back from
 * the latest, so that at most FS_CHART_NARROW_TICS labels share its
 * width (1: every period). */
#define FS_CHART_NARROW_TICS 12
static size_t narrow_step(size_t n)
{
    return n <= FS_CHART_NARROW_TICS ? 1 : (n + FS_CHART_NARROW_TICS - 1) / FS_CHART_NARROW_TICS;
}

/* The values of plots/xtics.gp: one tic per label, rotated when asked,
 * with room below for the longest; only every step-th labelled (counted
 * back from the last), the others left blank. */
static void set_xtics_at(fs_tmpl_vars_t *v, const char *const *labels, const double *at, size_t n,
                         int rotate, int have_source, size_t step)
{
    size_t longest = 0;
    fs_tmpl_list(v, "XTICS");
    for (size_t i = 0; i < n; i++) {
        if ((n - 1 - i) % step != 0) {
            fs_tmpl_list_tic(v, "XTICS", "", at ? at[i] : (double)i);
            continue;
        }
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
        fs_tmpl_list_tic(v, "XTICS", doubled.data ? doubled.data : "", at ? at[i] : (double)i);
        fs_buf_free(&doubled);
    }
    fs_tmpl_flag(v, "rotate", rotate);
    /* Character units: rotated labels need about 0.42 of a line per
     * character at the smaller font, plus room for the source note. */
    fs_tmpl_number(v, "BMARGIN",
                   (double)((int)(0.42 * (double)(longest > 60 ? 60 : longest)) + 2 +
                            (have_source ? 1 : 0)));
    /* Evenly spaced items have 0.8 of a step either side; times, a
     * twentieth of their span (at least a month). */
    double pad = n > 1 && at ? fmax((at[n - 1] - at[0]) / 20, 1.0 / 12) : 0.8;
    fs_tmpl_number(v, "XMIN", at && n ? at[0] - pad : -0.8);
    fs_tmpl_number(v, "XMAX", at && n ? at[n - 1] + pad : (double)n - 0.2);
}

/* One tic per item at 0, 1, 2, ... */
static void set_xtics(fs_tmpl_vars_t *v, const char *const *labels, size_t n, int rotate,
                      int have_source)
{
    set_xtics_at(v, labels, NULL, n, rotate, have_source, 1);
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
                                 const char *data, const char *output, const char *subtitle,
                                 fs_error_t *err);

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
    const char *subtitle = b->subtitle.len > 0 ? b->subtitle.data : NULL;
    q->data_path = data_path;
    q->format = format;
    /* gnuplot's time on a chart is mostly encoding its pixels (libpng's
     * filters and zlib's deflate: three quarters of it on a site). */
    q->cost = (size_t)(text->width > 0 ? text->width : FS_CHART_WIDTH) *
              (size_t)(text->height > 0 ? text->height : FS_CHART_HEIGHT);
    if (format == FS_CHART_SVG && text->title != NULL && (q->title = strdup(text->title)) == NULL)
        goto nomem;
    if (format == FS_CHART_SVG && b->marks.len > 0 && (q->marks = strdup(b->marks.data)) == NULL)
        goto nomem;
    if (format == FS_CHART_SVG && b->desc.len > 0 && (q->desc = strdup(b->desc.data)) == NULL)
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
        st = gen(&kept, chart, format, dat, outp, subtitle, err);
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
    if ((st = gen(&b->script, chart, format, data_path, q->out_path, subtitle, err)) != FS_OK)
        goto fail;
    if (fs_buf_status(&b->script) != FS_OK)
        goto nomem;
    b->n++;
    b->narrow += text->narrow != 0;
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
    if (fs_buf_status(&b->marks) != FS_OK || fs_buf_status(&b->desc) != FS_OK ||
        fs_buf_status(&b->subtitle) != FS_OK) {
        unlink(path);
        free(path);
        st = fs_error_set(err, FS_ENOMEM, "out of memory");
    } else {
        st = queue(b, text, chart, gen, path, err);
    }
    /* The marks, the finding and the subtitle were this chart's. */
    fs_buf_reset(&b->marks);
    fs_buf_reset(&b->desc);
    fs_buf_reset(&b->subtitle);
    return st;
}

/* x as a chart of a measure writes it: with the measure's decimals where
 * its text gives them (fixed_decimals), else at four significant digits
 * (fs_svg_figure). */
static void measure_figure(fs_buf_t *t, double x, const fs_chart_text_t *text)
{
    if (text->fixed_decimals > 0)
        fs_svg_figure_fixed(t, x, text->percent, text->fixed_decimals - 1);
    else
        fs_svg_figure(t, x, text->percent);
}

/* ---- bar chart ---- */

/* The words after an off-scale figure t (the bar chart's, the interval
 * chart's): a long figure's one character shorter, as a narrow chart's
 * row above the forces holds 21 characters. */
static void off_scale_words(fs_buf_t *t)
{
    fs_buf_puts(t, t->len > 5 ? ", off the scale" : " (off the scale)");
}

/* The decimals a bar chart writes its figures with: the measure's, as its
 * tables and pages print them (site_page.c's row_decimals: the highlighted
 * force's value, the band and England and Wales, three significant digits
 * of the middle one). */
static int bar_decimals(const fs_bar_chart_t *c)
{
    if (c->text.fixed_decimals > 0)
        return c->text.fixed_decimals - 1; /* the measure's */
    double x[4] = {NAN, c->lower, c->upper, c->has_comparator ? c->comparator : NAN};
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].highlight)
            x[0] = c->items[i].value;
    return fs_svg_decimals(x, 4, c->text.percent);
}

/* The bar chart's marks, filled into tmpl (plots/NAME.gp, NAME tmpl_name):
 * bar.gp's, or another kind's drawn over the same data and marks. */
static fs_status_t bar_fill(fs_buf_t *s, const fs_bar_chart_t *c, const char *tmpl,
                            const char *tmpl_name, fs_chart_format_t format, const char *data,
                            const char *output, const char *subtitle, fs_error_t *err)
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
    /* Every line the chart draws lies under the ceiling: the band above
     * it is free for the cut bar's figure. */
    double ceiling = fmax(second, fmax(c->upper, c->has_comparator ? c->comparator : -INFINITY));
    ceiling = fmax(ceiling, fmax(c->has_peer_mean ? c->peer_mean : -INFINITY,
                                 c->has_peer_pooled ? c->peer_pooled : -INFINITY));
    int off_scale = !any_negative && top < c->n && second > 0 && first > 2.5 * ceiling;
    fs_tmpl_flag(&v, "off_scale", off_scale);
    /* A narrow chart's value axis: four level ticks at most, over the span
     * it shows (plots/bar.gp). */
    double low = any_negative ? c->lower : 0;
    for (size_t i = 0; any_negative && i < c->n; i++)
        low = fmin(low, c->items[i].value);
    fs_tmpl_number(&v, "XSTEP",
                   fs_chart_tick_step(ys(&c->text, low),
                                      ys(&c->text, off_scale ? 1.25 * ceiling : fmax(first, ceiling)),
                                      3));
    fs_tmpl_number(&v, "YMAX", ys(&c->text, 1.25 * ceiling));
    fs_buf_t top_label;
    fs_buf_init(&top_label);
    fs_svg_figure_fixed(&top_label, first, c->text.percent, bar_decimals(c));
    off_scale_words(&top_label);
    if (fs_buf_status(&top_label) != FS_OK)
        v.failed = 1;
    fs_tmpl_string(&v, "TOP_LABEL", top_label.data ? top_label.data : "");
    fs_buf_free(&top_label);
    fs_tmpl_flag(&v, "top_last", c->n > 1 && top == c->n - 1);
    fs_tmpl_number(&v, "TOP_X", (double)top);
    fs_tmpl_number(&v, "TOP_Y", ys(&c->text, 1.2 * ceiling));
    fs_tmpl_flag(&v, "any_negative", any_negative);
    fs_tmpl_flag(&v, "low_on_left", c->n > 1 && c->items[0].value < c->items[c->n - 1].value);
    fs_tmpl_flag(&v, "any_outside", any_outside);
    fs_tmpl_flag(&v, "highlight", highlight != NULL);
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
    fs_tmpl_flag(&v, "peer_mean", c->has_peer_mean);
    fs_tmpl_number(&v, "PEER_MEAN", c->has_peer_mean ? ys(&c->text, c->peer_mean) : 0);
    fs_tmpl_flag(&v, "lines_close", c->has_comparator && c->lines_close);
    fs_tmpl_flag(&v, "peer_pooled", c->has_peer_pooled);
    fs_tmpl_number(&v, "PEER_POOLED", c->has_peer_pooled ? ys(&c->text, c->peer_pooled) : 0);
    return fill_chart(s, tmpl, tmpl_name, 1, &v, &c->text, format, data, output, subtitle, err);
}

static fs_status_t bar_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                              const char *data, const char *output, const char *subtitle,
                              fs_error_t *err)
{
    return bar_fill(s, chart, fs_plot_bar, "bar", format, data, output, subtitle, err);
}

/* A bar chart drawn by another template. */
typedef struct bar_as {
    const fs_bar_chart_t *bar;
    const char *tmpl, *tmpl_name;
} bar_as_t;

static fs_status_t bar_as_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                 const char *data, const char *output, const char *subtitle,
                                 fs_error_t *err)
{
    const bar_as_t *a = chart;
    return bar_fill(s, a->bar, a->tmpl, a->tmpl_name, format, data, output, subtitle, err);
}

/* The highlighted force's sentence t: the start of the chart's finding
 * (its SVG <desc>, before what it says of every force) and, as a
 * sentence of its own, the chart's subtitle. */
static void force_finding(fs_chart_batch_t *b, const fs_buf_t *t)
{
    fs_buf_append(&b->desc, t->data ? t->data : "", t->len);
    fs_buf_puts(&b->desc, ". ");
    fs_buf_append(&b->subtitle, t->data ? t->data : "", t->len);
    fs_buf_putc(&b->subtitle, '.');
}

const char *fs_chart_verdict_words(int side, int better, int brief)
{
    static const char *const words[][2] = {{"lower than England and Wales", "lower"},
                                           {"similar to England and Wales", "similar"},
                                           {"higher than England and Wales", "higher"},
                                           {"better than England and Wales", "better"},
                                           {"worse than England and Wales", "worse"}};
    int k = side > 0 ? 2 : side < 0 ? 0 : 1;
    if (side != 0 && better != 0)
        k = side == better ? 3 : 4; /* the side that is better, or not */
    return words[k][brief != 0];
}

/* A chart item's mark (1 similar, 2 higher, 3 lower) as a side of
 * England and Wales (fs_chart_verdict_words). */
static int mark_side(int mark)
{
    return mark == 2 ? 1 : mark == 3 ? -1 : 0;
}

/* The highlighted bar's comparison with England and Wales, after its
 * band, in the words of the interval chart and the pages: its verdict by
 * its interval (", lower than England and Wales", or better or worse
 * where which way is better is known), else, where the chart draws
 * England and Wales, its figure ("; England and Wales 15.55"). */
static void bar_comparison(fs_buf_t *t, const fs_bar_chart_t *c, const fs_bar_item_t *it, int d)
{
    if (it->mark >= 1 && it->mark <= 3) {
        fs_buf_printf(t, ", %s", fs_chart_verdict_words(mark_side(it->mark), c->text.better, 0));
    } else if (c->has_comparator) {
        fs_buf_puts(t, "; England and Wales ");
        fs_svg_figure_fixed(t, c->comparator, c->text.percent, d);
    }
}

/* The bar chart's finding (its SVG <desc>) and each bar's title. */
static void bar_marks(fs_chart_batch_t *b, const fs_bar_chart_t *c)
{
    int pct = c->text.percent, d = bar_decimals(c);
    size_t above = 0, below = 0;
    for (size_t i = 0; i < c->n; i++) {
        const fs_bar_item_t *it = &c->items[i];
        above += it->outside && it->value > c->centre;
        below += it->outside && it->value < c->centre;
        if (isnan(it->value))
            continue;
        fs_buf_t t;
        fs_buf_init(&t);
        fs_buf_printf(&t, "%s: ", it->label);
        fs_svg_figure_fixed(&t, it->value, pct, d);
        fs_buf_puts(&t, it->outside
                            ? (it->value > c->centre ? ", above the band" : ", below the band")
                            : ", within the band");
        fs_svg_mark(&b->marks, (double)i, ys(&c->text, it->value), 0, t.data ? t.data : "");
        if (it->highlight) {
            bar_comparison(&t, c, it, d);
            force_finding(b, &t);
        }
        b->marks.failed |= t.failed; /* no memory: the chart fails */
        fs_buf_free(&t);
    }
    fs_buf_printf(&b->desc, "%zu forces above the band and %zu below; %s ", above, below,
                  c->log_scale ? "geometric mean of forces" : "mean of forces");
    fs_svg_figure_fixed(&b->desc, c->centre, pct, d);
    fs_buf_puts(&b->desc, ", band ");
    fs_svg_figure_fixed(&b->desc, c->lower, pct, d);
    fs_buf_puts(&b->desc, " to ");
    fs_svg_figure_fixed(&b->desc, c->upper, pct, d);
    if (c->has_comparator) {
        fs_buf_puts(&b->desc, "; England and Wales ");
        fs_svg_figure_fixed(&b->desc, c->comparator, pct, d);
    }
    fs_buf_puts(&b->desc, ".");
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
    bar_marks(b, c);
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

/* The highlighted force's shape: its verdict's, as every other force's
 * (a triangle up higher, down lower, else a circle: gnuplot's filled
 * point types 9, 11 and 7), so that the highlight's colour alone says
 * which force it is (issue 29: one meaning per colour). */
static int highlight_shape(const fs_interval_chart_t *c)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].highlight)
            return c->items[i].mark == 2 ? 9 : c->items[i].mark == 3 ? 11 : 7;
    return 7;
}

/* What the interval, change and ratio templates share: which marks there
 * are (any: none, similar, higher, lower), the method note, the side the
 * low estimates lie, the highlighted force and the reference line at
 * reference (in the chart's units). */
static void interval_vars(fs_tmpl_vars_t *v, const fs_interval_chart_t *c, const char *highlight,
                          const int any[4], double reference)
{
    fs_tmpl_flag(v, "any_plain", any[0]);
    fs_tmpl_flag(v, "any_similar", any[1]);
    fs_tmpl_flag(v, "any_higher", any[2]);
    fs_tmpl_flag(v, "any_lower", any[3]);
    note_string(v, "METHOD", "METHOD_LINES", c->method ? c->method : "", &c->text);
    fs_tmpl_flag(v, "low_on_left",
                 c->n > 1 && c->items[0].estimate < c->items[c->n - 1].estimate);
    fs_tmpl_flag(v, "highlight", highlight != NULL);
    fs_tmpl_string(v, "HIGHLIGHT", highlight);
    fs_tmpl_number(v, "HIGHLIGHT_PT", highlight_shape(c));
    fs_tmpl_flag(v, "reference", c->has_reference);
    fs_tmpl_number(v, "REFERENCE", reference);
    fs_tmpl_string(v, "REFERENCE_LABEL",
                   c->reference_label ? c->reference_label : "England and Wales");
}

/* ---- interval chart ---- */

/* Ticks of a log axis over [lo, hi] at round numbers written plainly
 * ("0.5", "1", "2"), into the list YTICKS: 1, 2 and 5 times the powers of
 * ten, finer (1, 1.5, 2, 3, 5, 7) over a narrow span, only the powers of
 * ten over a wide one; always 1 (no change) when it is in the span. */
static void log_ticks(fs_tmpl_vars_t *v, double lo, double hi)
{
    static const double coarse[] = {1, 2, 5}, fine[] = {1, 1.5, 2, 3, 5, 7}, ten[] = {1};
    fs_tmpl_list(v, "YTICKS");
    if (!(lo > 0) || !(hi >= lo) || !isfinite(hi))
        return;
    double decades = log10(hi / lo);
    const double *m = decades < 0.6 ? fine : decades > 4 ? ten : coarse;
    size_t nm = decades < 0.6 ? 6 : decades > 4 ? 1 : 3;
    for (int e = (int)floor(log10(lo)); e <= (int)ceil(log10(hi)); e++) {
        for (size_t k = 0; k < nm; k++) {
            double x = m[k] * pow(10.0, e);
            if (x < lo * (1 - 1e-9) || x > hi * (1 + 1e-9))
                continue;
            char label[32];
            snprintf(label, sizeof label, "%g", x);
            fs_tmpl_list_tic(v, "YTICKS", label, x);
        }
    }
}

/* The span a log axis of intervals shows: every finite bound, the
 * reference and the null value (1), into *lo, *hi. */
static void log_span(const fs_interval_chart_t *c, const fs_interval_look_t *look, double *lo,
                     double *hi)
{
    *lo = INFINITY;
    *hi = 0;
    for (size_t i = 0; i < c->n; i++) {
        double e[3] = {c->items[i].lower, c->items[i].estimate, c->items[i].upper};
        for (int k = 0; k < 3; k++) {
            if (isfinite(e[k]) && e[k] > 0) {
                *lo = fmin(*lo, e[k]);
                *hi = fmax(*hi, e[k]);
            }
        }
    }
    if (c->has_reference && c->reference > 0) {
        *lo = fmin(*lo, c->reference);
        *hi = fmax(*hi, c->reference);
    }
    if (look->has_null && look->null_value > 0) {
        *lo = fmin(*lo, look->null_value);
        *hi = fmax(*hi, look->null_value);
    }
}

/* The off-scale force's label on an interval chart, into TOP_LABEL: its
 * figure with the measure's decimals, as the subtitle, the spine and the
 * tables write it (measure_figure; issue 29: "174.9" here, "174.94"
 * everywhere else), and the words, as the bar chart's. */
static void interval_top_label(fs_tmpl_vars_t *v, double x, const fs_chart_text_t *text)
{
    fs_buf_t t;
    fs_buf_init(&t);
    measure_figure(&t, x, text);
    off_scale_words(&t);
    if (fs_buf_status(&t) != FS_OK)
        v->failed = 1; /* no memory: the chart fails */
    fs_tmpl_string(v, "TOP_LABEL", t.data ? t.data : "");
    fs_buf_free(&t);
}

/* An interval chart and how it looks (NULL: plots/intervals.gp). */
typedef struct intervals_as {
    const fs_interval_chart_t *chart;
    const fs_interval_look_t *look;
} intervals_as_t;

static fs_status_t intervals_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                    const char *data, const char *output, const char *subtitle,
                                    fs_error_t *err)
{
    const fs_interval_chart_t *c = ((const intervals_as_t *)chart)->chart;
    const fs_interval_look_t *look = ((const intervals_as_t *)chart)->look;
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
    double ceiling = -INFINITY, floor_ = INFINITY, roof = -INFINITY;
    int any[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < c->n; i++) {
        if (isnan(c->items[i].estimate))
            continue;
        if (i != top)
            ceiling = fmax(ceiling, c->items[i].upper);
        floor_ = fmin(floor_, c->items[i].lower);
        roof = fmax(roof, c->items[i].upper);
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
    interval_top_label(&v, off_scale ? first : 0, &c->text);
    fs_tmpl_number(&v, "TOP_X", (double)top);
    fs_tmpl_number(&v, "TOP_Y", ys(&c->text, 1.2 * ceiling));
    fs_tmpl_number(&v, "TOP_EDGE", ys(&c->text, 1.235 * ceiling));
    fs_tmpl_number(&v, "TOP_MARK",
                   off_scale ? (c->items[top].highlight ? 4 : c->items[top].mark) : 0);
    /* A narrow chart's value axis: four level ticks at most, over the span
     * it shows (plots/intervals.gp). */
    double ref = c->has_reference ? c->reference : NAN;
    fs_tmpl_number(&v, "XSTEP",
                   off_scale ? fs_chart_tick_step(ys(&c->text, ymin), ys(&c->text, 1.25 * ceiling), 3)
                             : fs_chart_tick_step(ys(&c->text, fmin(floor_, ref)),
                                                  ys(&c->text, fmax(roof, ref)), 3));
    interval_vars(&v, c, highlight, any,
                  c->has_reference ? ys(&c->text, c->reference) : 0);
    if (look == NULL)
        return fill_chart(s, fs_plot_intervals, "intervals", 1, &v, &c->text, format, data, output,
                          subtitle, err);
    fs_tmpl_flag(&v, "null_line", look->has_null);
    fs_tmpl_number(&v, "NULL_VALUE", look->has_null ? ys(&c->text, look->null_value) : 0);
    fs_tmpl_flag(&v, "log_scale", look->log_scale);
    double lo = 0, hi = 0;
    if (look->log_scale)
        log_span(c, look, &lo, &hi);
    log_ticks(&v, lo, hi);
    return fill_chart(s, look->tmpl, look->tmpl_name, 1, &v, &c->text, format, data, output,
                      subtitle, err);
}

/* The interval chart's finding (its SVG <desc>) and each point's title. */
static void interval_marks(fs_chart_batch_t *b, const fs_interval_chart_t *c)
{
    size_t count[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < c->n; i++) {
        const fs_interval_item_t *it = &c->items[i];
        if (isnan(it->estimate))
            continue;
        int mark = it->mark >= 0 && it->mark <= 3 ? it->mark : 0;
        count[mark]++;
        fs_buf_t t;
        fs_buf_init(&t);
        fs_buf_printf(&t, "%s: ", it->label);
        measure_figure(&t, it->estimate, &c->text);
        fs_buf_puts(&t, " (");
        measure_figure(&t, it->lower, &c->text);
        fs_buf_puts(&t, " to ");
        measure_figure(&t, it->upper, &c->text);
        fs_buf_putc(&t, ')');
        if (mark > 0)
            fs_buf_printf(&t, ", %s", fs_chart_verdict_words(mark_side(mark), c->text.better, 0));
        fs_svg_mark(&b->marks, (double)i, ys(&c->text, it->estimate), NAN, t.data ? t.data : "");
        if (it->highlight)
            force_finding(b, &t);
        b->marks.failed |= t.failed; /* no memory: the chart fails */
        fs_buf_free(&t);
    }
    if (count[1] + count[2] + count[3] > 0)
        fs_buf_printf(&b->desc, "%zu forces higher than England and Wales, %zu similar, %zu lower",
                      count[2], count[1], count[3]);
    else
        fs_buf_printf(&b->desc, "%zu forces with their intervals", count[0]);
    if (c->has_reference) {
        fs_buf_puts(&b->desc, "; England and Wales ");
        measure_figure(&b->desc, c->reference, &c->text);
    }
    fs_buf_puts(&b->desc, ".");
}

/* A ratio as the charts' titles, subtitles and <desc> say it: three
 * significant digits ("2.57", "0.651"), as the report's sentences. */
static void ratio_figure(fs_buf_t *t, double x)
{
    if (isnan(x))
        fs_buf_puts(t, "no data");
    else
        fs_render_number(t, x, FS_RS_DIGITS, 3);
}

/* A change as the marks' titles and the <desc> say it: a rate ratio
 * ("rate ratio 0.654") when ratio, else the figure and its unit ("0.3375
 * percentage points"). */
static void change_figure(fs_buf_t *t, double x, int ratio, const char *unit,
                          const fs_chart_text_t *text)
{
    if (ratio) {
        fs_buf_puts(t, "rate ratio ");
        ratio_figure(t, x);
        return;
    }
    measure_figure(t, x, text); /* a difference: the measure's decimals */
    if (unit != NULL)
        fs_buf_puts(t, unit);
}

/* An interval's end of a change, as its estimate: a ratio's at three
 * significant digits. */
static void change_bound(fs_buf_t *t, double x, int ratio, const fs_chart_text_t *text)
{
    if (ratio)
        ratio_figure(t, x);
    else
        measure_figure(t, x, text);
}

/* The change chart's finding (its SVG <desc>: how many forces rose, fell
 * or did not change significantly, and England and Wales's change) and
 * each point's title: the force, its change and interval, its verdict. */
static void change_marks(fs_chart_batch_t *b, const fs_interval_chart_t *c,
                         const fs_interval_look_t *look)
{
    static const char *const words[] = {"", ", no significant change", ", significant increase",
                                        ", significant decrease"};
    size_t count[4] = {0, 0, 0, 0}, undefined = 0;
    for (size_t i = 0; i < c->n; i++) {
        const fs_interval_item_t *it = &c->items[i];
        int mark = it->mark >= 0 && it->mark <= 3 ? it->mark : 0;
        if (isnan(it->estimate)) {
            undefined++;
            continue;
        }
        count[mark]++;
        fs_buf_t t;
        fs_buf_init(&t);
        fs_buf_printf(&t, "%s: ", it->label);
        change_figure(&t, it->estimate, look->log_scale, look->unit, &c->text);
        fs_buf_puts(&t, " (");
        change_bound(&t, it->lower, look->log_scale, &c->text);
        fs_buf_puts(&t, " to ");
        change_bound(&t, it->upper, look->log_scale, &c->text);
        fs_buf_printf(&t, ")%s", words[mark]);
        fs_svg_mark(&b->marks, (double)i, ys(&c->text, it->estimate), NAN, t.data ? t.data : "");
        if (it->highlight)
            force_finding(b, &t);
        b->marks.failed |= t.failed; /* no memory: the chart fails */
        fs_buf_free(&t);
    }
    fs_buf_printf(
        &b->desc,
        "%zu forces rose significantly, %zu fell significantly, %zu no significant change",
        count[2], count[3], count[1]);
    if (undefined + count[0] > 0)
        fs_buf_printf(&b->desc, ", %zu not defined", undefined + count[0]);
    if (c->has_reference) {
        fs_buf_puts(&b->desc,
                    look->log_scale ? "; England and Wales's " : "; England and Wales's change ");
        change_figure(&b->desc, c->reference, look->log_scale, look->unit, &c->text);
    }
    fs_buf_puts(&b->desc, ".");
}

/* The data of an interval chart (and of the change and ratio charts drawn
 * from its items): position, estimate, lower, upper (in the chart's
 * units), highlighted, mark. */
static void interval_rows(FILE *f, const fs_interval_chart_t *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const fs_interval_item_t *it = &c->items[i];
        fprintf(f, "%zu\t", i);
        put_datum(f, ys(&c->text, it->estimate), '\t');
        put_datum(f, ys(&c->text, it->lower), '\t');
        put_datum(f, ys(&c->text, it->upper), '\t');
        fprintf(f, "%d\t%d\n", it->highlight ? 1 : 0, it->mark);
    }
}

/* Writes the intervals' data file and queues the chart as look says. */
static fs_status_t add_intervals(fs_chart_batch_t *b, const fs_interval_chart_t *c,
                                 const fs_interval_look_t *look, fs_error_t *err)
{
    if (c->n == 0)
        return fs_error_set(err, FS_EINVAL, "an interval chart needs at least one item");
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK)
        return st;
    interval_rows(f, c);
    if (look == NULL)
        interval_marks(b, c);
    else /* a change chart's points are no comparison with England and Wales */
        change_marks(b, c, look);
    intervals_as_t a = {c, look};
    return close_and_queue(b, f, path, &c->text, &a, intervals_script, err);
}

fs_status_t fs_chart_add_intervals(fs_chart_batch_t *b, const fs_interval_chart_t *c,
                                   fs_error_t *err)
{
    return add_intervals(b, c, NULL, err);
}

fs_status_t fs_chart_add_intervals_as(fs_chart_batch_t *b, const fs_interval_chart_t *c,
                                      const fs_interval_look_t *look, fs_error_t *err)
{
    return add_intervals(b, c, look, err);
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
                                const char *data, const char *output, const char *subtitle,
                                fs_error_t *err)
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
    interval_vars(&v, c, highlight, any, c->has_reference ? c->reference : 1);
    return fill_chart(s, fs_plot_ratio, "ratio", 1, &v, &c->text, format, data, output, subtitle,
                      err);
}

/* The ratio chart's finding (its SVG <desc>: how many forces' rates are
 * significantly higher or lower than the reference group's, and England
 * and Wales's ratio) and each point's title: the force, its ratio and
 * interval, how it compares. */
static void ratio_marks(fs_chart_batch_t *b, const fs_interval_chart_t *c)
{
    static const char *const words[] = {"", ", not significantly different",
                                        ", significantly higher", ", significantly lower"};
    char group[300];
    if (c->reference_group != NULL)
        snprintf(group, sizeof group, "%s people's", c->reference_group);
    else
        snprintf(group, sizeof group, "the reference group's");
    size_t count[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < c->n; i++) {
        const fs_interval_item_t *it = &c->items[i];
        int mark = it->mark >= 0 && it->mark <= 3 && !isnan(it->estimate) ? it->mark : 0;
        count[mark]++;
        if (mark == 0) /* not defined: no dot */
            continue;
        fs_buf_t t;
        fs_buf_init(&t);
        fs_buf_printf(&t, "%s: ", it->label);
        ratio_figure(&t, it->estimate);
        fs_buf_printf(&t, " times %s rate (", group);
        ratio_figure(&t, it->lower);
        fs_buf_puts(&t, " to ");
        ratio_figure(&t, it->upper);
        fs_buf_printf(&t, ")%s", words[mark]);
        fs_svg_mark(&b->marks, (double)i, it->estimate, NAN, t.data ? t.data : "");
        if (it->highlight)
            force_finding(b, &t);
        b->marks.failed |= t.failed; /* no memory: the chart fails */
        fs_buf_free(&t);
    }
    fs_buf_printf(&b->desc,
                  "Against %s rate: %zu forces significantly higher, %zu significantly lower, "
                  "%zu not significantly different",
                  group, count[2], count[3], count[1]);
    if (count[0] > 0) /* not defined, or unbounded: no dot */
        fs_buf_printf(&b->desc, ", %zu with no ratio drawn", count[0]);
    if (c->has_reference) {
        fs_buf_puts(&b->desc, "; England and Wales ");
        ratio_figure(&b->desc, c->reference);
        fs_buf_puts(&b->desc, " times");
    }
    fs_buf_puts(&b->desc, ".");
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
    interval_rows(f, c); /* a ratio is never a percentage: as given */
    ratio_marks(b, c);
    return close_and_queue(b, f, path, &c->text, c, ratio_script, err);
}

/* ---- trend chart ---- */

static fs_status_t trend_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                const char *data, const char *output, const char *subtitle,
                                fs_error_t *err)
{
    const fs_trend_chart_t *c = chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    /* A narrow chart labels fewer periods, rotated. */
    set_xtics_at(&v, c->periods, c->at, c->nperiods, c->nperiods > 8 || c->text.narrow,
                 c->text.source != NULL, c->text.narrow ? narrow_step(c->nperiods) : 1);
    fs_tmpl_flag(&v, "has_xlabel", c->xlabel != NULL);
    fs_tmpl_string(&v, "XLABEL", c->xlabel);
    fs_tmpl_list(&v, "NAMES");
    fs_tmpl_list(&v, "HIGHLIGHTED");
    fs_tmpl_list(&v, "NATIONAL");
    char ribbons[256] = "";
    for (size_t k = 0; k < c->nseries; k++) {
        const fs_trend_series_t *ser = &c->series[k];
        fs_tmpl_list_string(&v, "NAMES", ser->name);
        fs_tmpl_list_number(&v, "HIGHLIGHTED", ser->highlight ? 1 : 0);
        /* England and Wales is drawn as on every chart: black, dash-dotted. */
        fs_tmpl_list_number(&v, "NATIONAL",
                            strncmp(ser->name, "England and Wales", 17) == 0 ? 1 : 0);
        size_t used = strlen(ribbons);
        if (ser->lower != NULL && ser->upper != NULL && used + 24 < sizeof ribbons)
            snprintf(ribbons + used, sizeof ribbons - used, "%s%zu", used ? " " : "", k + 1);
    }
    fs_tmpl_string(&v, "RIBBONS", ribbons);
    fs_tmpl_flag(&v, "ribbons", ribbons[0] != '\0');
    return fill_chart(s, fs_plot_trend, "trend", 1, &v, &c->text, format, data, output, subtitle,
                      err);
}

/* "the " before a year ending ("in the year ending March 2022"), as
 * the site's sentences say it; "" before other periods ("in 2018/19 Q4"). */
static const char *the_year(const char *when)
{
    return strncmp(when, "year ending ", 12) == 0 ? "the " : "";
}

/* The decimals of a trend's figures: every series' values, as the
 * measure's tables print them (fs_svg_decimals); -1 without memory. */
static int trend_decimals(const fs_trend_chart_t *c)
{
    if (c->text.fixed_decimals > 0)
        return c->text.fixed_decimals - 1; /* the measure's */
    size_t n = c->nseries * c->nperiods;
    double *all = malloc((n > 0 ? n : 1) * sizeof *all);
    if (all == NULL)
        return -1;
    for (size_t k = 0; k < c->nseries; k++)
        memcpy(all + k * c->nperiods, c->series[k].values, c->nperiods * sizeof *all);
    int d = fs_svg_decimals(all, n, c->text.percent);
    free(all);
    return d;
}

/* Series k's first and last periods with a value, into *first and *last
 * (nperiods for none). */
static void trend_span(const fs_trend_chart_t *c, size_t k, size_t *first, size_t *last)
{
    *first = *last = c->nperiods;
    for (size_t i = 0; i < c->nperiods; i++)
        if (!isnan(c->series[k].values[i])) {
            *first = *first == c->nperiods ? i : *first;
            *last = i;
        }
}

/* Whether x and y read alike with d decimals, as the finding prints them
 * (fs_svg_figure_fixed); without memory -1, and out fails. */
static int same_figure(fs_buf_t *out, double x, double y, int pct, int d)
{
    fs_buf_t a, b;
    fs_buf_init(&a);
    fs_buf_init(&b);
    fs_svg_figure_fixed(&a, x, pct, d);
    fs_svg_figure_fixed(&b, y, pct, d);
    int same = a.failed || b.failed ? -1 : strcmp(a.data ? a.data : "", b.data ? b.data : "") == 0;
    out->failed |= same < 0; /* no memory: the chart fails */
    fs_buf_free(&a);
    fs_buf_free(&b);
    return same;
}

/* A series whose first and last figures read alike (issue 29: "England
 * and Wales 15.9 to 15.9" over a series that dipped to 9.3 read as flat):
 * where it went between them, " (lowest 9.3)", " (highest 17.2)", both,
 * or nothing when every figure reads as its ends.  Returns 1 when it
 * went anywhere. */
static int ends_between(fs_buf_t *out, const fs_trend_chart_t *c, size_t k, size_t f, size_t l,
                        int d)
{
    const double *v = c->series[k].values;
    int pct = c->text.percent;
    double lo = v[f], hi = v[f];
    for (size_t i = f; i <= l; i++)
        if (!isnan(v[i])) {
            lo = fmin(lo, v[i]);
            hi = fmax(hi, v[i]);
        }
    int dips = same_figure(out, lo, v[f], pct, d) == 0;
    int peaks = same_figure(out, hi, v[f], pct, d) == 0;
    if (dips) {
        fs_buf_puts(out, " (lowest ");
        fs_svg_figure_fixed(out, lo, pct, d);
    }
    if (peaks) {
        fs_buf_puts(out, dips ? ", highest " : " (highest ");
        fs_svg_figure_fixed(out, hi, pct, d);
    }
    if (dips || peaks)
        fs_buf_putc(out, ')');
    return dips || peaks;
}

/* One series of the trend's finding: its first and last figures ("10.4
 * to 16.5"; with its own periods, "10.4 in the year ending March 2003,
 * 16.5 in ..."), or where they read alike, that and where it went between
 * (ends_between): "15.9 at both ends (lowest 9.3)", "15.9 throughout". */
static void series_finding(fs_buf_t *out, const fs_trend_chart_t *c, size_t k, size_t f, size_t l,
                           const char *const *when, int d, int same)
{
    const double *v = c->series[k].values;
    int pct = c->text.percent;
    fs_svg_figure_fixed(out, v[f], pct, d);
    if (same_figure(out, v[f], v[l], pct, d) == 1) {
        if (!same)
            fs_buf_printf(out, " in %s%s and in %s%s", the_year(when[f]), when[f],
                          the_year(when[l]), when[l]);
        fs_buf_t between;
        fs_buf_init(&between);
        int moved = ends_between(&between, c, k, f, l, d);
        out->failed |= between.failed; /* no memory: the chart fails */
        /* flat at these decimals: no ends to speak of */
        if (same)
            fs_buf_puts(out, moved ? " at both ends" : " throughout");
        fs_buf_append(out, between.data ? between.data : "", between.len);
        fs_buf_free(&between);
        if (!same)
            fs_buf_putc(out, '.');
        return;
    }
    if (same)
        fs_buf_puts(out, " to ");
    else
        fs_buf_printf(out, " in %s%s, ", the_year(when[f]), when[f]);
    fs_svg_figure_fixed(out, v[l], pct, d);
    if (!same)
        fs_buf_printf(out, " in %s%s.", the_year(when[l]), when[l]);
}

/* The trend's finding (its SVG <desc>): each series from its first value
 * to its last.  When they all run over the same periods, the periods once
 * ("Years ending March 2003 to March 2022: Essex 10.4 to 16.5; England
 * and Wales 15.9 at both ends (lowest 9.3)."; "From 2018/19 Q1 to 2018/19
 * Q4: ..."), else each series with its own ("Essex: 10.4 in the year
 * ending March 2003, 16.5 in ..."); series_finding says each. */
static void trend_finding(fs_buf_t *out, const fs_trend_chart_t *c, const char *const *when, int d)
{
    size_t f0 = c->nperiods, l0 = c->nperiods, f, l;
    int same = 1;
    for (size_t k = 0; k < c->nseries; k++) {
        trend_span(c, k, &f, &l);
        if (f == c->nperiods)
            continue;
        same &= f0 == c->nperiods || (f == f0 && l == l0);
        f0 = f;
        l0 = l;
    }
    if (same && f0 < c->nperiods && *the_year(when[f0]) && *the_year(when[l0]))
        fs_buf_printf(out, "Years ending %s to %s:", when[f0] + 12, when[l0] + 12);
    else if (same && f0 < c->nperiods)
        fs_buf_printf(out, "From %s to %s:", when[f0], when[l0]);
    const char *sep = "";
    for (size_t k = 0; k < c->nseries; k++) {
        const fs_trend_series_t *ser = &c->series[k];
        trend_span(c, k, &f, &l);
        if (f == c->nperiods)
            continue;
        fs_buf_printf(out, same ? "%s %s " : "%s%s: ", sep, ser->name);
        series_finding(out, c, k, f, l, when, d, same);
        sep = same ? ";" : " ";
    }
    if (same && f0 < c->nperiods)
        fs_buf_putc(out, '.');
}

/* The trend's finding and each point's title. */
static void trend_marks(fs_chart_batch_t *b, const fs_trend_chart_t *c)
{
    int pct = c->text.percent, any_highlight = 0, d = trend_decimals(c);
    const char *const *when = c->when ? c->when : c->periods;
    if (d < 0) {
        b->marks.failed = 1; /* no memory: the chart fails */
        d = 2;
    }
    for (size_t k = 0; k < c->nseries; k++) {
        const fs_trend_series_t *ser = &c->series[k];
        for (size_t i = 0; i < c->nperiods; i++) {
            if (isnan(ser->values[i]))
                continue;
            fs_buf_t t;
            fs_buf_init(&t);
            fs_buf_printf(&t, "%s, %s: ", ser->name, when[i]);
            fs_svg_figure_fixed(&t, ser->values[i], pct, d);
            fs_svg_mark(&b->marks, c->at ? c->at[i] : (double)i, ys(&c->text, ser->values[i]), NAN,
                        t.data ? t.data : "");
            b->marks.failed |= t.failed; /* no memory: the chart fails */
            fs_buf_free(&t);
            any_highlight |= ser->highlight;
        }
    }
    trend_finding(&b->desc, c, when, d);
    /* Each series from its first value to its last is the finding about
     * the force the chart is about, when one is. */
    if (any_highlight)
        fs_buf_append(&b->subtitle, b->desc.data ? b->desc.data : "", b->desc.len);
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
            put_datum(f, c->at ? c->at[i] : (double)i, '\t');
            put_datum(f, ys(&c->text, ser->values[i]), '\t');
            put_datum(f, ser->lower ? ys(&c->text, ser->lower[i]) : NAN, '\t');
            put_datum(f, ser->upper ? ys(&c->text, ser->upper[i]) : NAN, '\n');
        }
    }
    trend_marks(b, c);
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

/* What the limits are, said in the picture in words (a chart pasted into
 * a slide loses the page around it): how many times as spread out the
 * forces' figures are as chance alone gives (the square root of phi, the
 * over-dispersion factor), and whether the limits allow for it. */
static void funnel_note(const fs_funnel_t *f, char *buf, size_t size)
{
    static const char *const widened[] = {"limits not widened for it", "limits widened to match",
                                          "limits widened by the spread between forces"};
    if (!(f->phi > 1)) {
        snprintf(buf, size,
                 "Forces' figures no more spread out than chance gives: limits not "
                 "widened");
        return;
    }
    int how = f->opt.overdispersion == FS_OVERDISPERSION_MULTIPLICATIVE ? 1
              : f->opt.overdispersion == FS_OVERDISPERSION_ADDITIVE     ? 2
                                                                        : 0;
    snprintf(buf, size,
             "Forces' figures %.1f times as spread out as chance gives "
             "(over-dispersion): %s",
             sqrt(f->phi), widened[how]);
}

/* Where a funnel plot's parts go: x from a little left of the smallest
 * force to a little right of the largest (to), then, when forces are
 * named, a column for their names up to xend, where no curve or point is;
 * y from the forces' figures and the target with a margin, one force far
 * above the rest (top, off_scale) marked at the top edge instead. */
typedef struct funnel_layout {
    int log_x, off_scale;
    size_t top, named;
    double from, to, label_x, xend, ylo, yhi;
    double strip; /* character lines above the plot for the off-scale name */
} funnel_layout_t;

/* The strip above a funnel's plot where the name of a force off the
 * scale stands over its arrow (issue 29: on the narrow funnel it stood
 * 430 pixels below it, on a leader, just above the target line), in
 * character lines: its name's line and room either side.  The name's
 * middle stands FUNNEL_STRIP_AT lines above the plot's top edge
 * (plots/funnel.gp's STRIP and STRIP_AT). */
#define FUNNEL_STRIP 1.3
#define FUNNEL_STRIP_AT 0.7

static int funnel_named(const fs_funnel_chart_t *c, const funnel_layout_t *L, size_t i)
{
    const fs_funnel_point_t *p = &c->points[i];
    return !isnan(p->value) && (p->flag == 2 || p->highlight || (L->off_scale && i == L->top));
}

/* The names' column beyond the forces, as a share of their span: a
 * narrow chart's names, in its larger font, take as much room as the
 * forces. */
static double funnel_base_column(const fs_funnel_chart_t *c)
{
    return c->text.narrow ? 1.0 : 0.4;
}

/* Where the names' column ends (L->xend): column times the forces' span
 * (of their logs on a log axis) beyond them, or at them when no force is
 * named. */
static void funnel_column(funnel_layout_t *L, double column)
{
    double r = L->to / L->from;
    L->xend = L->named == 0 ? L->to
              : L->log_x    ? L->to * pow(r, column)
                            : L->to + column * (L->to - L->from);
    /* Near the largest double (a denominator of 1e305) there is no room
     * for the column: the names stand at the right edge. */
    if (!(L->xend <= 1e300) || !(L->label_x <= L->xend))
        L->label_x = L->xend = L->to;
}

static void funnel_layout(const fs_funnel_chart_t *c, funnel_layout_t *L)
{
    funnel_range(c, &L->log_x, &L->from, &L->to);
    double first, second, target = c->funnel->target;
    L->top = largest_two(&c->points[0].value, sizeof c->points[0], c->n, &first, &second);
    L->off_scale = L->top < c->n && second > 0 && first > 2.5 * fmax(second, 2.0 * target);
    L->strip = L->off_scale ? FUNNEL_STRIP : 0.0;
    double lo = target, hi = target;
    for (size_t i = 0; i < c->n; i++) {
        if (isnan(c->points[i].value) || (L->off_scale && i == L->top))
            continue;
        lo = fmin(lo, c->points[i].value);
        hi = fmax(hi, c->points[i].value);
    }
    double span = hi > lo ? hi - lo : fabs(hi) + 1;
    L->ylo = lo - 0.08 * span;
    L->yhi = hi + 0.08 * span;
    if (L->ylo < 0 && lo >= 0)
        L->ylo = 0;
    L->named = 0;
    for (size_t i = 0; i < c->n; i++)
        L->named += (size_t)funnel_named(c, L, i);
    double r = L->to / L->from;
    L->label_x = L->log_x ? L->to * pow(r, 0.03) : L->to + 0.03 * (L->to - L->from);
    funnel_column(L, funnel_base_column(c));
}

/* A whole number with thousands separators ("10,000"), else %g. */
static void thousands(double x, char *buf, size_t size)
{
    if (!(x >= 1000 && x < 1e15 && x == floor(x))) {
        snprintf(buf, size, "%g", x);
        return;
    }
    char raw[32];
    snprintf(raw, sizeof raw, "%.0f", x);
    size_t len = strlen(raw), j = 0;
    for (size_t i = 0; i < len && j + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = raw[i];
    }
    buf[j] = '\0';
}

/* The log axis's tics, 1, 2 and 5 times the powers of ten between from
 * and to (the powers alone when there are three or more), as "10,000". */
static void funnel_tics(fs_tmpl_vars_t *v, double from, double to)
{
    fs_tmpl_list(v, "FTICS");
    int powers = 0;
    for (double d = pow(10, floor(log10(from))); d <= to; d *= 10)
        powers += d >= from;
    for (double d = pow(10, floor(log10(from))); d <= to; d *= 10) {
        for (int m = 1; m <= 5; m += m == 1 ? 1 : 3) {
            double x = d * m;
            if (x < from || x > to || (m > 1 && powers >= 3))
                continue;
            char label[64];
            thousands(x, label, sizeof label);
            fs_tmpl_list_tic(v, "FTICS", label, x);
        }
    }
}

/* A funnel point's filled shape as the templates draw it (gnuplot's
 * point types): a square beyond the outer limits (flag 2), else a
 * circle; the highlighted force's key sample shows it (issue 29: the key
 * shows the mark as drawn).  Off the scale a force is an arrow (never a
 * triangle, which means higher), and the highlighted one's key sample
 * the circle of its colour, whatever its flag. */
static int funnel_shape(int flag, int off_scale)
{
    return flag == 2 && !off_scale ? 5 : 7;
}

/* A funnel as queued: the chart, and where its x axis ends once its
 * names are placed (funnel_xend). */
typedef struct funnel_drawn {
    const fs_funnel_chart_t *chart;
    double xend;
    int extended; /* the data's block 3 carries the curves on past the forces */
    int strip_align; /* the off-scale name's (funnel_strip_align) */
} funnel_drawn_t;

static fs_status_t funnel_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                 const char *data, const char *output, const char *subtitle,
                                 fs_error_t *err)
{
    const funnel_drawn_t *drawn = chart;
    const fs_funnel_chart_t *c = drawn->chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    funnel_layout_t L;
    funnel_layout(c, &L);
    fs_tmpl_flag(&v, "log_x", L.log_x);
    if (L.log_x)
        funnel_tics(&v, L.from, L.to);
    fs_tmpl_number(&v, "XMIN", L.from);
    fs_tmpl_number(&v, "XMAX", drawn->xend);
    fs_tmpl_number(&v, "YMIN", ys(&c->text, L.ylo));
    fs_tmpl_number(&v, "YMAX", ys(&c->text, L.yhi));
    char note[200];
    funnel_note(c->funnel, note, sizeof note);
    note_string(&v, "NOTE", "NOTE_LINES", note, &c->text);
    fs_tmpl_flag(&v, "note_above", foot_stacks(&c->text, note, 1.1));
    fs_tmpl_flag(&v, "extended", drawn->extended);
    fs_tmpl_flag(&v, "labels", L.named > 0);
    fs_tmpl_flag(&v, "off_scale", L.off_scale);
    fs_tmpl_number(&v, "STRIP", L.strip);
    fs_tmpl_number(&v, "STRIP_AT", FUNNEL_STRIP_AT);
    fs_tmpl_flag(&v, "strip_left", drawn->strip_align < 0);
    fs_tmpl_flag(&v, "strip_right", drawn->strip_align > 0);
    char xlabel[600];
    snprintf(xlabel, sizeof xlabel, "%s%s", c->xlabel ? c->xlabel : "",
             L.log_x ? " (log scale)" : "");
    fs_tmpl_flag(&v, "has_xlabel", c->xlabel != NULL);
    fs_tmpl_string(&v, "XLABEL", xlabel);
    const char *highlight = NULL;
    int shape = 7, highlight_off = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->points[i].highlight && !isnan(c->points[i].value)) {
            highlight = c->points[i].label;
            highlight_off = L.off_scale && i == L.top;
            shape = funnel_shape(c->points[i].flag, highlight_off);
        }
    fs_tmpl_flag(&v, "highlight", highlight != NULL);
    fs_tmpl_string(&v, "HIGHLIGHT", highlight ? highlight : "");
    fs_tmpl_number(&v, "HIGHLIGHT_PT", shape);
    fs_tmpl_flag(&v, "highlight_off", highlight_off);
    fs_tmpl_string(&v, "TARGET_LABEL",
                   c->funnel->opt.has_target ? "Target" : "England and Wales (the target)");
    fs_tmpl_number(&v, "INNER", 100 * c->funnel->opt.levels[0]);
    fs_tmpl_number(&v, "OUTER", 100 * c->funnel->opt.levels[1]);
    return fill_chart(s, fs_plot_funnel, "funnel", 0, &v, &c->text, format, data, output, subtitle,
                      err);
}

/* The funnel's plot in pixels, estimated from the chart's size with the
 * margins gnuplot leaves taken generously (the y tics and label left, the
 * title and key above, the x label and source below), so the estimate is
 * no larger than the plot and a name's box, in these pixels, no smaller
 * than on the page.  Data map into it as the axes do. */
typedef struct funnel_px {
    double w, h, lfrom, lspan, ylo, yspan; /* ylo, yspan: of the logs when log_y */
    int log_x, log_y;
} funnel_px_t;

/* A narrow funnel's character lines above and below its plot, as the
 * narrow layout of plots/funnel.gp sets them: the title's and subtitle's
 * (lines, 1.4 each), the key's and, with a subtitle, a spare one, and the
 * off-scale name's strip above; the x axis's, the note's and the source
 * note's (wrapped) below. */
static double funnel_narrow_lines(const fs_funnel_chart_t *c, const funnel_layout_t *L,
                                  double lines, size_t subtitle_lines)
{
    char note[200], buf[1200];
    funnel_note(c->funnel, note, sizeof note);
    wrap_words(note, FS_CHART_NARROW_NOTE, buf, sizeof buf);
    double below = 1.6 * (double)count_lines(buf) + 8.5 + 0.6;
    if (c->text.source != NULL) {
        wrap_words(c->text.source, FS_CHART_NARROW_NOTE, buf, sizeof buf);
        below += 0.95 * (double)count_lines(buf);
    }
    double keys = 6.0 + L->off_scale;
    for (size_t i = 0; i < c->n; i++)
        if (c->points[i].highlight && !isnan(c->points[i].value)) {
            keys += 1.0;
            break;
        }
    return 1.4 * lines + keys + 1.5 + (subtitle_lines > 0 ? 1.0 : 0.0) + L->strip + below;
}

/* The plot's size in pixels of a chart laid out as plots/funnel.gp (and
 * change-funnel.gp) lay it out, with lines of title and subtitle; when
 * narrow, with narrow_lines character lines above and below its plot
 * (funnel_narrow_lines). */
static funnel_px_t plot_px(const fs_chart_text_t *text, int narrow, double lines,
                           double narrow_lines)
{
    double width = text->width > 0 ? text->width : FS_CHART_WIDTH;
    double height = text->height > 0 ? text->height : FS_CHART_HEIGHT;
    funnel_px_t P = {0};
    if (narrow) {
        /* A narrow funnel's lines are 25 pixels (its fonts 1.6 times), its
         * y axis and its wrapped label about 150 left, 2 characters right. */
        double scale = narrow_fontscale(text) / FS_CHART_NARROW_FONTSCALE;
        P.w = fmax(width - 180.0 * scale, 1.0);
        P.h = fmax(height - 25.0 * scale * narrow_lines - 10.0, 1.0);
    } else {
        P.w = fmax(width - 140.0, 1.0);
        P.h = fmax(height - 17.0 * (12.0 + lines) - 10.0, 1.0);
    }
    return P;
}

static funnel_px_t funnel_px(const fs_funnel_chart_t *c, const funnel_layout_t *L,
                             size_t subtitle_lines)
{
    char title[1200];
    double lines =
        (double)(title_lines(chart_title(&c->text, title, sizeof title)) + subtitle_lines);
    /* A wide funnel's strip for the off-scale name takes its lines from
     * the plot as the title's do. */
    funnel_px_t P = plot_px(&c->text, c->text.narrow, c->text.narrow ? lines : lines + L->strip,
                            c->text.narrow ? funnel_narrow_lines(c, L, lines, subtitle_lines) : 0);
    P.log_x = L->log_x;
    P.lfrom = L->log_x ? log(L->from) : L->from;
    P.lspan = (L->log_x ? log(L->xend) : L->xend) - P.lfrom;
    P.ylo = L->ylo;
    P.yspan = L->yhi - L->ylo;
    return P;
}

static double px_x(const funnel_px_t *P, double x)
{
    return P->w * ((P->log_x ? log(x) : x) - P->lfrom) / P->lspan;
}

static double px_y(const funnel_px_t *P, double y)
{
    return P->h * ((P->log_y ? log(y) : y) - P->ylo) / P->yspan;
}

static double data_x(const funnel_px_t *P, double px)
{
    double t = P->lfrom + P->lspan * px / P->w;
    return P->log_x ? exp(t) : t;
}

static double data_y(const funnel_px_t *P, double py)
{
    double t = P->ylo + P->yspan * py / P->h;
    return P->log_y ? exp(t) : t;
}

/* A named force and how urgently it is named: the highlighted force
 * first, then the most extreme (one off the scale is named above the
 * plot: funnel_strip_row). */
typedef struct funnel_name {
    size_t i;
    double rank;
} funnel_name_t;

static int by_rank(const void *pa, const void *pb)
{
    const funnel_name_t *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? 1 : -1;
    return (a->i > b->i) - (a->i < b->i);
}

/* The pixels a funnel's names are placed among: its five curves (rows
 * of x, inner lower, inner upper, outer lower, outer upper, target, in
 * the figures' units) and every drawn force's marker, as large as the
 * template draws it (a point size is about 5 pixels). */
typedef struct funnel_scene {
    double *cx, *cy;
    fs_label_curve_t curves[5];
    fs_label_marker_t *markers;
    size_t *marker_of; /* point -> marker, or (size_t)-1 */
    fs_label_scene_t scene;
} funnel_scene_t;

/* The scene's five curves, in pixels, from rows of 6 (x and the curves'
 * y), and room for n markers.  -1 when out of memory. */
static int scene_curves(funnel_scene_t *S, const funnel_px_t *P, const double *cv, size_t rows,
                        size_t n)
{
    S->cx = malloc(rows * sizeof *S->cx);
    S->cy = malloc(5 * rows * sizeof *S->cy);
    S->markers = calloc(n ? n : 1, sizeof *S->markers);
    S->marker_of = calloc(n ? n : 1, sizeof *S->marker_of);
    if (S->cx == NULL || S->cy == NULL || S->markers == NULL || S->marker_of == NULL)
        return -1;
    for (size_t k = 0; k < rows; k++) {
        S->cx[k] = px_x(P, cv[6 * k]);
        for (size_t j = 0; j < 5; j++)
            S->cy[j * rows + k] = px_y(P, cv[6 * k + 1 + j]);
    }
    for (size_t j = 0; j < 5; j++)
        S->curves[j] = (fs_label_curve_t){S->cx, S->cy + j * rows, rows};
    return 0;
}

static int funnel_scene(funnel_scene_t *S, const fs_funnel_chart_t *c, const funnel_layout_t *L,
                        const funnel_px_t *P, const double *cv, size_t rows)
{
    if (scene_curves(S, P, cv, rows, c->n) != 0)
        return -1;
    size_t m = 0;
    for (size_t i = 0; i < c->n; i++) {
        const fs_funnel_point_t *p = &c->points[i];
        S->marker_of[i] = (size_t)-1;
        if (isnan(p->value))
            continue;
        int off = L->off_scale && i == L->top;
        double size = p->highlight ? 1.7 : p->flag == 0 ? 1.0 : 1.1;
        S->marker_of[i] = m;
        if (off) {
            /* Its arrow up to the top edge, a twentieth of the plot's
             * height long (funnel.gp's OFF_LEN): the square round it. */
            double half = fmax(0.025 * P->h, 7.5);
            S->markers[m++] =
                (fs_label_marker_t){px_x(P, p->denominator), px_y(P, L->yhi) - half, half};
            continue;
        }
        S->markers[m++] = (fs_label_marker_t){px_x(P, p->denominator),
                                              px_y(P, fmin(p->value, L->yhi)), 5.0 * size};
    }
    S->scene = (fs_label_scene_t){P->w, P->h, S->curves, 5, S->markers, m, 0.0};
    return 0;
}

static void funnel_scene_free(funnel_scene_t *S)
{
    free(S->cx);
    free(S->cy);
    free(S->markers);
    free(S->marker_of);
}

/* What follows a name: the off-scale figure (on a narrow chart without
 * the words, which its marker and key say, so that the name fits the
 * plot's width in the larger font), else nothing.  The figure has the
 * measure's decimals, as the subtitle, the spine and the tables write it
 * (measure_figure; issue 29: "174.9" here, "174.94" everywhere else);
 * without memory, the name alone.  Returns tail. */
static const char *funnel_name_tail(const fs_funnel_chart_t *c, const funnel_layout_t *L, size_t i,
                                    char *tail, size_t size)
{
    tail[0] = '\0';
    if (!(L->off_scale && i == L->top))
        return tail;
    fs_buf_t t;
    fs_buf_init(&t);
    fs_buf_puts(&t, c->text.narrow ? " (" : " (off the scale: ");
    measure_figure(&t, c->points[i].value, &c->text);
    fs_buf_putc(&t, ')');
    if (fs_buf_status(&t) == FS_OK && t.data != NULL && t.len < size)
        memcpy(tail, t.data, t.len + 1);
    fs_buf_free(&t);
    return tail;
}

/* A bent leader's second leg as a row of block 2 with no name (its
 * elbow, its end, then NaN where a name would stand, 0, "-"): the
 * templates draw it as they draw the leaders (from columns 1 and 2 to
 * 3 and 4) and write no name for it.  y through scale (ys, or none). */
static void bent_leg_row(FILE *f, const fs_chart_text_t *scale, const funnel_px_t *P,
                         const fs_label_place_t *q)
{
    put_datum(f, data_x(P, q->bx), '\t');
    put_datum(f, scale ? ys(scale, data_y(P, q->by)) : data_y(P, q->by), '\t');
    put_datum(f, data_x(P, q->lx1), '\t');
    put_datum(f, scale ? ys(scale, data_y(P, q->ly1)) : data_y(P, q->ly1), '\t');
    fputs("NaN\tNaN\t0\t-\n", f);
}

/* Where a name placed at q on P begins on the plot as drawn, its axis
 * cut back to xend (funnel_xend), which stretches the plot: a name
 * beside its marker x on the left, with no leader, ends as far from the
 * marker as placed (issue 29: on the narrow M01 Essex's ended 90 pixels
 * short of it, nearer two other forces); the stretch only moves the
 * forces and curves round it further off.  Any other begins where placed. */
static double funnel_name_x(const funnel_px_t *P, const fs_label_place_t *q, double x, double xend)
{
    double mx = px_x(P, x);
    if (q->leader || !(q->box.x1 <= mx))
        return data_x(P, q->box.x0 + 2.0);
    funnel_px_t Q = *P;
    Q.lspan = (P->log_x ? log(xend) : xend) - P->lfrom;
    return data_x(&Q, px_x(&Q, x) - (mx - q->box.x0 - 2.0));
}

/* One named force's row of block 2: its point, the end of its leader
 * line (NaN without one; its elbow when bent: bent_leg_row), where its
 * name begins (left, centred on the line; funnel_name_x, the axis ending
 * at xend), 1 for the highlighted force, the name (data, never script). */
static void funnel_label_row(FILE *f, const fs_funnel_chart_t *c, const funnel_layout_t *L,
                             const funnel_px_t *P, size_t i, const fs_label_place_t *q,
                             double xend)
{
    const fs_funnel_point_t *p = &c->points[i];
    put_datum(f, p->denominator, '\t');
    put_datum(f, ys(&c->text, fmin(p->value, L->yhi)), '\t');
    put_datum(f, !q->leader ? NAN : data_x(P, q->bent ? q->bx : q->lx1), '\t');
    put_datum(f, !q->leader ? NAN : ys(&c->text, data_y(P, q->bent ? q->by : q->ly1)), '\t');
    put_datum(f, funnel_name_x(P, q, p->denominator, xend), '\t');
    put_datum(f, ys(&c->text, data_y(P, (q->box.y0 + q->box.y1) / 2)), '\t');
    fprintf(f, "%d\t", p->highlight ? 1 : 0);
    /* A name is one data field: no tab or line break inside it. */
    for (const char *s = p->label; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
    char tail[64];
    fputs(funnel_name_tail(c, L, i, tail, sizeof tail), f);
    fputc('\n', f);
}

/* Characters, not bytes: UTF-8's continuation bytes are not counted. */
static size_t text_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The name as written, for its box: the off-scale figure included. */
static size_t funnel_name_chars(const fs_funnel_chart_t *c, const funnel_layout_t *L, size_t i)
{
    char tail[64];
    return text_chars(c->points[i].label) + strlen(funnel_name_tail(c, L, i, tail, sizeof tail));
}

/* The name's width as drawn at pts points (fs_label_text_width). */
static double funnel_name_width(const fs_funnel_chart_t *c, const funnel_layout_t *L, size_t i,
                                double pts)
{
    char tail[64];
    return fs_label_text_width(c->points[i].label, pts) +
           fs_label_text_width(funnel_name_tail(c, L, i, tail, sizeof tail), pts);
}

/* The font size of a funnel's names: the chart's normal text, times the
 * terminal's fontscale on a narrow chart. */
static double funnel_points(const fs_chart_text_t *text)
{
    return FS_LABEL_POINTS * (text->narrow ? narrow_fontscale(text) : 1.0);
}

/* Where (pixels of P) the x axis must end for a name whose text begins
 * at from and is width pixels wide to end 6 pixels inside it: an axis
 * ending at e stretches the plot by P->w / e, moving the name's start to
 * from * P->w / e while its text keeps its width.  P's plot is no wider
 * than gnuplot's, so the name ends inside the drawn axis too.  A name as
 * wide as the plot needs all of it. */
static double name_end(const funnel_px_t *P, double from, double width)
{
    double room = P->w - width - 6.0;
    return room > 0 ? from * P->w / room : P->w;
}

/* Where the x axis ends once names are placed, at end_px (pixels of P, 0
 * for none; name_end) at the most: the forces' own end (to) when every
 * name stands inside it, else just past the rightmost name, never beyond
 * the column they were placed in (column_end).  A shorter axis only
 * stretches the plot to the right of its left end, so names clear of
 * curves, markers and each other stay clear. */
static double funnel_xend(double to, double column_end, const funnel_px_t *P, double end_px)
{
    double need = data_x(P, end_px);
    if (!(need > to))
        return to;
    return need < column_end ? need : column_end;
}

/* Places the n names (names) on the plot of layout L, whose pixels go
 * into *P: their boxes into out.  *clear is 1 when no name or leader
 * crosses a curve.  Returns 0, or -1 without memory. */
static int funnel_place(const fs_funnel_chart_t *c, const funnel_layout_t *L, const double *cv,
                        size_t rows, size_t subtitle_lines, const funnel_name_t *names, size_t n,
                        fs_label_request_t *req, fs_label_place_t *out, funnel_px_t *P, int *clear)
{
    funnel_scene_t S = {0};
    *P = funnel_px(c, L, subtitle_lines);
    int ok = funnel_scene(&S, c, L, P, cv, rows) == 0;
    double pts = funnel_points(&c->text);
    S.scene.gap = fs_label_gap(pts);
    for (size_t k = 0; ok && k < n; k++) {
        req[k].marker = S.marker_of[names[k].i];
        fs_label_text_size(funnel_name_chars(c, L, names[k].i), pts, &req[k].width, &req[k].height);
        /* As wide as the name is drawn, with the box's room each side. */
        req[k].width = funnel_name_width(c, L, names[k].i, pts) + 4.0;
    }
    if (ok && n > 0 && fs_labels_place(&S.scene, req, n, out, NULL) != FS_OK)
        ok = 0;
    *clear = 1;
    for (size_t k = 0; ok && k < n; k++)
        *clear &= out[k].clear && out[k].curve_crossings == 0;
    funnel_scene_free(&S);
    return ok ? 0 : -1;
}

/* The names' column of the plot as drawn once names placed (out, their
 * requests req) on P, whose axis runs from `from` over the forces to
 * `to` and its column to column_end, have cut its axis back to them
 * (funnel_xend), as a share of the forces' span (of its logs when log_x),
 * as funnel_column and change_funnel_column take it. */
static double drawn_column(const funnel_px_t *P, int log_x, double from, double to,
                           double column_end, const fs_label_place_t *out,
                           const fs_label_request_t *req, size_t n)
{
    double end_px = 0;
    for (size_t k = 0; k < n; k++)
        end_px = fmax(end_px, name_end(P, out[k].box.x0 + 2.0, req[k].width - 4.0));
    double xend = funnel_xend(to, column_end, P, end_px);
    return log_x ? log(xend / to) / log(to / from) : (xend - to) / (to - from);
}

/* The columns a crowded funnel's names are placed in after the plot as
 * drawn (funnel_place_widening), as shares of the base one: narrower
 * ones, which stretch the plot, down to none (the names among the
 * forces). */
enum { FUNNEL_NARROWER = 4 };
static const double funnel_narrower[FUNNEL_NARROWER] = {0.75, 0.5, 0.25, 0.0};

/* A place tried again (funnel_place_widening, change_funnel_redo): the
 * names' places, their plot. */
typedef struct funnel_saved {
    fs_label_place_t *out;
    funnel_px_t P;
} funnel_saved_t;

/* funnel_place on a column for the names as wide as W's base (as
 * funnel_column sets it in *W), then, while a name or leader crosses a
 * curve (crowded), twice and three times as wide, then as the plot is
 * drawn after that (drawn_column), kept when clear; *W, *P, out and *clear
 * as the last place left them.  Returns 0, or -1 without memory. */
static int funnel_place_widening(const fs_funnel_chart_t *c, funnel_layout_t *W, const double *cv,
                                 size_t rows, size_t subtitle_lines, const funnel_name_t *names,
                                 size_t n, fs_label_request_t *req, fs_label_place_t *out,
                                 funnel_px_t *P, int *clear)
{
    int ok = 1;
    *clear = 0;
    for (int wide = 1; ok && !*clear && wide <= 3; wide++) {
        funnel_column(W, funnel_base_column(c) * wide);
        ok = funnel_place(c, W, cv, rows, subtitle_lines, names, n, req, out, P, clear) == 0;
    }
    /* Still crowded: placed again on the plot as drawn, its axis cut back
     * to the names, stretched (issue 29: on the rate's funnel of changes,
     * Essex's name had no room in the band between two limits squeezed
     * into the widest column, but room beside its point as drawn), then
     * on narrower columns (FUNNEL_NARROWER), down to none; the first
     * clear kept, else the widest as it was. */
    double base = funnel_base_column(c), widest = base * 3 * (1 - 1e-9);
    double column = drawn_column(P, W->log_x, W->from, W->to, W->xend, out, req, n);
    if (!ok || *clear || n == 0)
        return ok ? 0 : -1;
    funnel_layout_t was = *W;
    funnel_saved_t S = {malloc(n * sizeof *out), *P};
    if (S.out == NULL)
        return -1;
    memcpy(S.out, out, n * sizeof *out);
    for (int k = -1; ok && !*clear && k < FUNNEL_NARROWER; k++) {
        double share = k < 0 ? column : base * funnel_narrower[k];
        if (!(share < widest) || (k >= 0 && share >= column))
            continue;
        funnel_column(W, share);
        ok = funnel_place(c, W, cv, rows, subtitle_lines, names, n, req, out, P, clear) == 0;
    }
    if (ok && !*clear) {
        *W = was;
        *P = S.P;
        memcpy(out, S.out, n * sizeof *out);
    }
    free(S.out);
    return ok ? 0 : -1;
}

/* Whether the curves' extension past the largest force (ext, rows of 6)
 * keeps its room (gap) from every name placed (out) and its leader, in
 * the pixels of P, where the names were placed: the axis drawn ends
 * nearer, which only moves a name's right edge left of where it was
 * placed, so clear here is clear as drawn. */
static int extension_clear(const funnel_px_t *P, const double *ext, size_t rows,
                           const fs_label_place_t *out, size_t n, double gap)
{
    funnel_scene_t S = {0};
    int clear = scene_curves(&S, P, ext, rows, 0) == 0;
    for (size_t k = 0; clear && k < n; k++) {
        const fs_label_place_t *o = &out[k];
        fs_label_box_t b = {o->box.x0 - gap, o->box.y0 - gap, o->box.x1 + gap, o->box.y1 + gap};
        /* Round the leader, or round each leg of a bent one (from its
         * start to its elbow, from its elbow to its end). */
        double ax = o->bent ? o->bx : o->lx1, ay = o->bent ? o->by : o->ly1;
        fs_label_box_t l = {fmin(o->lx0, ax) - gap, fmin(o->ly0, ay) - gap, fmax(o->lx0, ax) + gap,
                            fmax(o->ly0, ay) + gap};
        fs_label_box_t l2 = {fmin(o->bx, o->lx1) - gap, fmin(o->by, o->ly1) - gap,
                             fmax(o->bx, o->lx1) + gap, fmax(o->by, o->ly1) + gap};
        for (size_t j = 0; clear && j < 5; j++)
            clear = !fs_label_box_crosses_curve(&b, &S.curves[j]) &&
                    !(o->leader && fs_label_box_crosses_curve(&l, &S.curves[j])) &&
                    !(o->bent && fs_label_box_crosses_curve(&l2, &S.curves[j]));
    }
    funnel_scene_free(&S);
    return clear;
}

/* How the name of the force off the scale (L->top) stands over its
 * arrow in the strip above the plot, whose pixels are P's with the x axis
 * ending at xend: centred on the arrow (0) where the name, drawn at the
 * chart's text size, fits over the plot so, else begun at the plot's left
 * edge (-1) or ended at its right edge (1).  gnuplot's plot is no
 * narrower than P's, so a name that fits centred here fits there, and
 * one set at an edge still spans its arrow, which lies within half the
 * name's width of that edge here (and of the plot up to twice as wide). */
static int funnel_strip_align(const fs_funnel_chart_t *c, const funnel_layout_t *L,
                              const funnel_px_t *P, double xend)
{
    funnel_px_t Q = *P;
    Q.lspan = (Q.log_x ? log(xend) : xend) - Q.lfrom;
    double ax = px_x(&Q, c->points[L->top].denominator);
    double half = funnel_name_width(c, L, L->top, funnel_points(&c->text)) / 2;
    return ax - half < 0 ? -1 : ax + half > Q.w ? 1 : 0;
}

/* The off-scale force's row of block 2: its arrow's foot (its x, the top
 * edge), no leader, where its name stands on the strip's line (its x: the
 * arrow's, or the plot's left or right edge, as funnel_strip_align says;
 * its y NaN, so the names in the plot pass it by: plots/funnel.gp draws it
 * above the top edge), highlighted, the name with its figure.  Returns its
 * alignment (funnel_strip_align). */
static int funnel_strip_row(FILE *f, const fs_funnel_chart_t *c, const funnel_layout_t *L,
                            const funnel_px_t *P, double xend)
{
    const fs_funnel_point_t *p = &c->points[L->top];
    int align = funnel_strip_align(c, L, P, xend);
    put_datum(f, p->denominator, '\t');
    put_datum(f, ys(&c->text, L->yhi), '\t');
    fputs("NaN\tNaN\t", f);
    put_datum(f, align < 0 ? L->from : align > 0 ? xend : p->denominator, '\t');
    fprintf(f, "NaN\t%d\t", p->highlight ? 1 : 0);
    for (const char *s = p->label; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
    char tail[64];
    fputs(funnel_name_tail(c, L, L->top, tail, sizeof tail), f);
    fputc('\n', f);
    return align;
}

/* What placing a funnel's names needs (write_funnel_labels): the chart,
 * its layout, its curves (rows of 6) and their extension past the forces,
 * the subtitle's lines and the names to place (n, in order, and room for
 * their requests). */
typedef struct funnel_places {
    const fs_funnel_chart_t *c;
    const funnel_layout_t *L;
    const double *cv;
    size_t rows;
    const double *ext;
    size_t ext_rows;
    size_t subtitle_lines;
    const funnel_name_t *names;
    size_t n;
    fs_label_request_t *req;
} funnel_places_t;

/* A try at placing them: the layout with the names' column (W) and its
 * pixels (P), whether every name is clear, where the x axis then ends
 * (xend) and whether the curves' extension keeps clear of the names. */
typedef struct funnel_try {
    funnel_layout_t W;
    funnel_px_t P;
    int clear;
    double xend;
    int extend;
} funnel_try_t;

/* Places F's names among the first `among` rows of its curves (its rows,
 * or those and their extension, which follow them in memory), in a
 * column widened while crowded (funnel_place_widening): their boxes into
 * out, the rest into *T.  Returns 0, or -1 without memory. */
static int funnel_try_place(const funnel_places_t *F, size_t among, fs_label_place_t *out,
                            funnel_try_t *T)
{
    const fs_funnel_chart_t *c = F->c;
    T->W = *F->L;
    if (funnel_place_widening(c, &T->W, F->cv, among, F->subtitle_lines, F->names, F->n, F->req,
                              out, &T->P, &T->clear) != 0)
        return -1;
    double end_px = 0;
    for (size_t k = 0; k < F->n; k++)
        end_px = fmax(end_px, name_end(&T->P, out[k].box.x0 + 2.0, F->req[k].width - 4.0));
    T->xend = funnel_xend(T->W.to, T->W.xend, &T->P, end_px);
    T->extend = extension_clear(&T->P, F->ext, F->ext_rows, out, F->n,
                                fs_label_gap(funnel_points(&c->text)));
    return 0;
}

/* Block 2 of a funnel's data: every force beyond the outer limits and the
 * highlighted force, each named where its name crosses no curve, marker
 * or other name (chart_labels.h): beside its point, or further out with a
 * leader line; then one off the scale, named in the strip above the plot
 * (funnel_strip_row), its alignment into *strip_align.  Where the x axis
 * ends, as far as the names need, into *xend. */
static int write_funnel_labels(FILE *f, const fs_funnel_chart_t *c, const funnel_layout_t *L,
                               const double *cv, size_t rows, const double *ext, size_t ext_rows,
                               size_t subtitle_lines, double *xend, int *extend, int *strip_align)
{
    fputs("\n\n", f);
    size_t cap = L->named ? L->named : 1, n = 0;
    funnel_name_t *names = calloc(cap, sizeof *names);
    fs_label_request_t *req = calloc(cap, sizeof *req);
    fs_label_place_t *out = calloc(2 * cap, sizeof *out);
    int ok = names != NULL && req != NULL && out != NULL;
    /* The force off the scale is named in the strip above the plot, not
     * placed in it (funnel_strip_row). */
    for (size_t i = 0; ok && i < c->n; i++)
        if (funnel_named(c, L, i) && !(L->off_scale && i == L->top)) {
            double z = fabs(c->points[i].z);
            names[n++] = (funnel_name_t){i, c->points[i].highlight ? 3e300 : (isnan(z) ? 0 : z)};
        }
    if (n > 0)
        qsort(names, n, sizeof *names, by_rank);
    funnel_try_t T = {*L, funnel_px(c, L, subtitle_lines), 0, L->to, 0}, U;
    funnel_places_t F = {c, L, cv, rows, ext, ext_rows, subtitle_lines, names, n, req};
    ok = ok && funnel_try_place(&F, rows, out, &T) == 0;
    /* A narrow funnel whose curves would stop short of its axis's end
     * (issue 29: at the largest force, a third of the narrow axis short)
     * has its names placed again clear of the curves' extension too (ext,
     * which follows the curves in memory: fs_chart_add_funnel), taken
     * when every name so is clear; else its curves stop where they did. */
    if (ok && c->text.narrow && !T.extend && T.xend > L->to && ext == cv + 6 * rows) {
        ok = funnel_try_place(&F, rows + ext_rows, out + cap, &U) == 0;
        if (ok && U.clear && (U.extend || !(U.xend > L->to))) {
            T = U;
            memcpy(out, out + cap, n * sizeof *out);
        }
    }
    n = ok ? n : 0;
    for (size_t k = 0; k < n; k++)
        funnel_label_row(f, c, &T.W, &T.P, names[k].i, &out[k], T.xend);
    for (size_t k = 0; k < n; k++)
        if (out[k].bent)
            bent_leg_row(f, &c->text, &T.P, &out[k]);
    *xend = T.xend;
    *extend = ok && T.extend;
    if (ok && L->off_scale) {
        *strip_align = funnel_strip_row(f, c, L, &T.P, *xend);
        n++;
    }
    if (n == 0)
        fputs("NaN\tNaN\tNaN\tNaN\tNaN\tNaN\t0\t-\n", f);
    free(names);
    free(req);
    free(out);
    return ok ? 0 : -1;
}

/* A funnel point's mark in the SVG: its title, text t (the force and its
 * figure) and where it lies by flag (0 within the limits, 1 outside the
 * inner, 2 beyond the outer; anything else counts as within), at x, y;
 * the highlighted force's title opens the finding.  Frees t; returns 1
 * when the point lies beyond the outer limits. */
static int funnel_point_mark(fs_chart_batch_t *b, fs_buf_t *t, int flag, double x, double y,
                             int highlight)
{
    static const char *const words[] = {", within the limits", ", outside the inner limits",
                                        ", beyond the outer limits"};
    flag = flag >= 0 && flag <= 2 ? flag : 0;
    fs_buf_puts(t, words[flag]);
    fs_svg_mark(&b->marks, x, y, NAN, t->data ? t->data : "");
    if (highlight)
        force_finding(b, t);
    b->marks.failed |= t->failed; /* no memory: the chart fails */
    fs_buf_free(t);
    return flag == 2;
}

/* How many forces lie beyond a funnel's outer limits, in the finding's
 * words: "1 force beyond the outer limits, named", "3 forces ... , each
 * named", "0 forces beyond the outer limits". */
static void beyond_words(fs_buf_t *desc, size_t beyond)
{
    fs_buf_printf(desc, "%zu %s beyond the outer limits", beyond, beyond == 1 ? "force" : "forces");
    if (beyond > 0)
        fs_buf_puts(desc, beyond == 1 ? ", named" : ", each named");
}

/* The funnel's finding (its SVG <desc>) and each point's title. */
static void funnel_marks(fs_chart_batch_t *b, const fs_funnel_chart_t *c, const funnel_layout_t *L)
{
    size_t beyond = 0;
    for (size_t i = 0; i < c->n; i++) {
        const fs_funnel_point_t *p = &c->points[i];
        if (isnan(p->value))
            continue;
        fs_buf_t t;
        fs_buf_init(&t);
        fs_buf_printf(&t, "%s: ", p->label);
        measure_figure(&t, p->value, &c->text);
        beyond += (size_t)funnel_point_mark(b, &t, p->flag, p->denominator,
                                            ys(&c->text, fmin(p->value, L->yhi)), p->highlight);
    }
    beyond_words(&b->desc, beyond);
    fs_buf_puts(&b->desc, "; target ");
    measure_figure(&b->desc, c->funnel->target, &c->text);
    fs_buf_puts(&b->desc, ".");
}

/* A row of a funnel's curves at x: x, the inner and outer limits, the
 * target. */
static void funnel_curve_row(const fs_funnel_chart_t *c, double x, double *row)
{
    row[0] = x;
    fs_funnel_limits(c->funnel, x, c->funnel->opt.levels[0], &row[1], &row[2]);
    fs_funnel_limits(c->funnel, x, c->funnel->opt.levels[1], &row[3], &row[4]);
    row[5] = c->funnel->target;
}

static void put_curve_rows(FILE *f, const fs_funnel_chart_t *c, const double *cv, size_t rows)
{
    for (size_t k = 0; k < rows; k++) {
        put_datum(f, cv[6 * k], '\t');
        for (int j = 1; j < 6; j++)
            put_datum(f, ys(&c->text, cv[6 * k + (size_t)j]), j < 5 ? '\t' : '\n');
    }
}

/* Where a funnel's limit curves and target may end: past the forces,
 * across the widest column its names may take (write_funnel_labels), so
 * that they run to the end of the x axis wherever the names end it. */
static double funnel_curves_end(const fs_funnel_chart_t *c, const funnel_layout_t *L)
{
    funnel_layout_t W = *L;
    funnel_column(&W, funnel_base_column(c) * 3);
    return W.xend;
}

fs_status_t fs_chart_add_funnel(fs_chart_batch_t *b, const fs_funnel_chart_t *c, fs_error_t *err)
{
    if (c->n == 0 || c->funnel == NULL)
        return fs_error_set(err, FS_EINVAL, "a funnel plot needs points and a fitted funnel");
    double lo, hi;
    funnel_log_x(c, &lo, &hi);
    if (!(hi > 0))
        return fs_error_set(err, FS_EINVAL, "a funnel plot needs a positive denominator");
    funnel_layout_t L;
    funnel_layout(c, &L);
    enum { STEPS = 240, EXT_STEPS = 240 };
    double *cv = malloc(6 * (STEPS + 1 + EXT_STEPS + 1) * sizeof *cv);
    if (cv == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    /* Past the largest force, the curves' extension (ext) to the end of
     * the names' widest column, drawn when no name stands on it. */
    double *ext = cv + 6 * (STEPS + 1), end = funnel_curves_end(c, &L);
    for (int k = 0; k <= EXT_STEPS; k++) {
        double t = (double)k / EXT_STEPS;
        funnel_curve_row(c, L.log_x ? L.to * pow(end / L.to, t) : L.to + (end - L.to) * t,
                         ext + 6 * k);
    }
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK) {
        free(cv);
        return st;
    }
    /* Block 0, the forces: denominator, figure (at the top edge when off
     * the scale), flag, highlighted, off the scale. */
    for (size_t i = 0; i < c->n; i++) {
        const fs_funnel_point_t *p = &c->points[i];
        int off = L.off_scale && i == L.top;
        put_datum(f, p->denominator, '\t');
        put_datum(f, ys(&c->text, off ? L.yhi : p->value), '\t');
        fprintf(f, "%d\t%d\t%d\n", p->flag, p->highlight ? 1 : 0, off);
    }
    fputs("\n\n", f);
    /* Block 1, the limit curves and the target over the forces' x range,
     * where the names are placed clear of them. */
    for (int k = 0; k <= STEPS; k++) {
        double t = (double)k / STEPS;
        funnel_curve_row(c, L.log_x ? L.from * pow(L.to / L.from, t) : L.from + (L.to - L.from) * t,
                         cv + 6 * k);
    }
    put_curve_rows(f, c, cv, STEPS + 1);
    /* The finding first: its subtitle's lines take room above the plot
     * that the names are placed in.  No memory for the names: the chart
     * fails, as for its marks. */
    funnel_marks(b, c, &L);
    fs_buf_t sub;
    fs_buf_init(&sub);
    int sub_lines = chart_subtitle(&sub, b->subtitle.len > 0 ? b->subtitle.data : NULL, &c->text);
    b->marks.failed |= fs_buf_status(&sub) != FS_OK;
    fs_buf_free(&sub);
    funnel_drawn_t drawn = {c, L.xend, 0, 0};
    b->marks.failed |=
        write_funnel_labels(f, c, &L, cv, STEPS + 1, ext, EXT_STEPS + 1, (size_t)sub_lines,
                            &drawn.xend, &drawn.extended, &drawn.strip_align) != 0;
    /* Block 3, the curves on to the axis's end (issue 29: they stopped at
     * the largest force, well short of it), when they meet no name. */
    drawn.extended &= drawn.xend > L.to;
    if (drawn.extended) {
        fputs("\n\n", f);
        put_curve_rows(f, c, ext, EXT_STEPS + 1);
    }
    free(cv);
    return close_and_queue(b, f, path, &c->text, &drawn, funnel_script, err);
}

/* ---- funnel of changes ---- */

/* The y range of a funnel of changes: the forces' changes and the target
 * with a margin of 8% of their span each side (of their logs on a log
 * axis), so the limits at the smallest sizes do not squash the points. */
static void change_funnel_yrange(const fs_change_funnel_chart_t *c, double *lo, double *hi)
{
    double t = c->log_y ? log(c->target) : c->target;
    *lo = *hi = t;
    for (size_t i = 0; i < c->n; i++) {
        double y = c->points[i].change;
        if (isnan(y) || (c->log_y && !(y > 0)))
            continue;
        y = c->log_y ? log(y) : y;
        *lo = fmin(*lo, y);
        *hi = fmax(*hi, y);
    }
    double span = *hi > *lo ? *hi - *lo : fabs(*hi) + 1;
    *lo -= 0.08 * span;
    *hi += 0.08 * span;
    if (c->log_y) {
        *lo = exp(*lo);
        *hi = exp(*hi);
    }
}

/* Where a funnel of changes' parts go: y from the changes and the target
 * (change_funnel_yrange), x from the chart's xmin to xend, past the
 * curves' end (xmax) by a column for the names when forces are named, as
 * on the funnel plot. */
typedef struct change_funnel_layout {
    double ylo, yhi, xend;
    size_t named;
} change_funnel_layout_t;

/* Whether force i is named: beyond the outer limits, or the highlighted
 * force, where the axis can draw it. */
static int change_funnel_named(const fs_change_funnel_chart_t *c, size_t i)
{
    const fs_change_funnel_point_t *p = &c->points[i];
    if (isnan(p->change) || (c->log_y && !(p->change > 0)) || !(p->size > 0))
        return 0;
    return p->flag == 2 || p->highlight;
}

/* Where the names' column ends (L->xend): column times the curves' span
 * (of their logs on a log axis) past their end, or at it when no force is
 * named, as funnel_column. */
static void change_funnel_column(const fs_change_funnel_chart_t *c, change_funnel_layout_t *L,
                                 double column)
{
    double r = c->xmax / c->xmin;
    L->xend = L->named == 0 ? c->xmax
              : c->log_x    ? c->xmax * pow(r, column)
                            : c->xmax + column * (c->xmax - c->xmin);
    if (!(L->xend <= 1e300))
        L->xend = c->xmax;
}

/* The names' column's width, in spans of the curves, before it is
 * widened: a narrow chart's names, in its larger font on its narrower
 * plot, take 1, as a narrow funnel's (funnel_base_column); a wide one's
 * 0.4. */
static double change_funnel_base_column(const fs_change_funnel_chart_t *c)
{
    return c->text.narrow != 0 ? 1.0 : 0.4;
}

static void change_funnel_layout(const fs_change_funnel_chart_t *c, change_funnel_layout_t *L)
{
    change_funnel_yrange(c, &L->ylo, &L->yhi);
    L->named = 0;
    for (size_t i = 0; i < c->n; i++)
        L->named += (size_t)change_funnel_named(c, i);
    change_funnel_column(c, L, change_funnel_base_column(c));
}

/* The funnel of changes' size axis's title, into buf: its xlabel, "(log
 * scale)" after it on a log axis, wrapped on a narrow chart to
 * FS_CHART_NARROW_LABEL characters a line ("Population in the year
 * ending March 2019 (log scale)" ran off a narrow chart's edges). */
static void change_funnel_xlabel(const fs_change_funnel_chart_t *c, char *buf, size_t size)
{
    char line[600];
    snprintf(line, sizeof line, "%s%s", c->xlabel ? c->xlabel : "",
             c->log_x ? " (log scale)" : "");
    if (c->text.narrow)
        wrap_words(line, FS_CHART_NARROW_LABEL, buf, size);
    else
        snprintf(buf, size, "%s", line);
}

/* A funnel of changes as queued: the chart, and where its x axis ends
 * once its names are placed (funnel_xend). */
typedef struct change_funnel_drawn {
    const fs_change_funnel_chart_t *chart;
    double xend;
} change_funnel_drawn_t;

static fs_status_t change_funnel_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                        const char *data, const char *output, const char *subtitle,
                                        fs_error_t *err)
{
    const change_funnel_drawn_t *drawn = chart;
    const fs_change_funnel_chart_t *c = drawn->chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    change_funnel_layout_t L;
    change_funnel_layout(c, &L);
    L.xend = drawn->xend;
    fs_tmpl_flag(&v, "log_x", c->log_x);
    if (c->log_x)
        funnel_tics(&v, c->xmin, c->xmax);
    fs_tmpl_flag(&v, "log_y", c->log_y);
    fs_tmpl_number(&v, "XMIN", c->xmin);
    fs_tmpl_number(&v, "XMAX", L.xend);
    fs_tmpl_number(&v, "YMIN", L.ylo);
    fs_tmpl_number(&v, "YMAX", L.yhi);
    fs_tmpl_flag(&v, "labels", L.named > 0);
    char xlabel[600];
    change_funnel_xlabel(c, xlabel, sizeof xlabel);
    fs_tmpl_string(&v, "XLABEL", xlabel);
    fs_tmpl_number(&v, "XLABEL_LINES", (double)count_lines(xlabel));
    note_string(&v, "NOTE", "NOTE_LINES", c->note ? c->note : "", &c->text);
    /* (issue 29: at 1000 pixels its note ran into the source note.) */
    fs_tmpl_flag(&v, "note_above", foot_stacks(&c->text, c->note, 1.0));
    const char *highlight = NULL;
    int shape = 7;
    for (size_t i = 0; i < c->n; i++)
        if (c->points[i].highlight && !isnan(c->points[i].change)) {
            highlight = c->points[i].label;
            shape = funnel_shape(c->points[i].flag, 0);
        }
    fs_tmpl_flag(&v, "highlight", highlight != NULL);
    fs_tmpl_string(&v, "HIGHLIGHT", highlight ? highlight : "");
    fs_tmpl_number(&v, "HIGHLIGHT_PT", shape);
    fs_tmpl_string(&v, "TARGET_LABEL", c->target_label ? c->target_label : "England and Wales");
    fs_tmpl_number(&v, "INNER", c->inner);
    fs_tmpl_number(&v, "OUTER", c->outer);
    return fill_chart(s, fs_plot_change_funnel, "change-funnel", 0, &v, &c->text, format, data,
                      output, subtitle, err);
}

/* A narrow funnel of changes' character lines above and below its plot,
 * as the narrow layout of plots/change-funnel.gp sets them (as
 * funnel_narrow_lines counts a funnel's): the title's and subtitle's
 * lines, 1.4 each, the key's six entries and the highlighted force's,
 * 1.5 and a spare line with a subtitle; the x axis's, the note's and
 * the source note's (wrapped) below. */
static double change_funnel_narrow_lines(const fs_change_funnel_chart_t *c, double lines,
                                         size_t subtitle_lines)
{
    char buf[1200];
    change_funnel_xlabel(c, buf, sizeof buf);
    double below = 1.1 * ((double)count_lines(buf) - 1.0);
    wrap_words(c->note ? c->note : "", FS_CHART_NARROW_NOTE, buf, sizeof buf);
    below += 1.1 * (double)count_lines(buf) + 8.0 + 0.6;
    if (c->text.source != NULL) {
        wrap_words(c->text.source, FS_CHART_NARROW_NOTE, buf, sizeof buf);
        below += 0.95 * (double)count_lines(buf);
    }
    double keys = 6.0;
    for (size_t i = 0; i < c->n; i++)
        if (c->points[i].highlight && !isnan(c->points[i].change)) {
            keys += 1.0;
            break;
        }
    return 1.4 * lines + keys + 1.5 + (subtitle_lines > 0 ? 1.0 : 0.0) + below;
}

/* The funnel of changes' plot in pixels, as the funnel's (plot_px), wide
 * or narrow. */
static funnel_px_t change_funnel_px(const fs_change_funnel_chart_t *c,
                                    const change_funnel_layout_t *L, size_t subtitle_lines)
{
    char title[1200];
    double lines =
        (double)(title_lines(chart_title(&c->text, title, sizeof title)) + subtitle_lines);
    funnel_px_t P =
        plot_px(&c->text, c->text.narrow, lines,
                c->text.narrow ? change_funnel_narrow_lines(c, lines, subtitle_lines) : 0);
    P.log_x = c->log_x;
    P.log_y = c->log_y;
    P.lfrom = c->log_x ? log(c->xmin) : c->xmin;
    P.lspan = (c->log_x ? log(L->xend) : L->xend) - P.lfrom;
    P.ylo = c->log_y ? log(L->ylo) : L->ylo;
    P.yspan = (c->log_y ? log(L->yhi) : L->yhi) - P.ylo;
    return P;
}

/* The funnel of changes' scene: its curves and target (cv, rows of 6)
 * and each drawn force's marker, as large as its template draws it. */
static int change_funnel_scene(funnel_scene_t *S, const fs_change_funnel_chart_t *c,
                               const funnel_px_t *P, const double *cv)
{
    if (scene_curves(S, P, cv, c->nsteps, c->n) != 0)
        return -1;
    size_t m = 0;
    for (size_t i = 0; i < c->n; i++) {
        const fs_change_funnel_point_t *p = &c->points[i];
        S->marker_of[i] = (size_t)-1;
        if (isnan(p->change) || (c->log_y && !(p->change > 0)) || !(p->size > 0))
            continue;
        double size = p->highlight ? 1.7 : p->flag == 0 ? 1.0 : 1.1;
        S->marker_of[i] = m;
        S->markers[m++] = (fs_label_marker_t){px_x(P, p->size), px_y(P, p->change), 5.0 * size};
    }
    S->scene = (fs_label_scene_t){P->w, P->h, S->curves, 5, S->markers, m, 0.0};
    return 0;
}

/* Places the n names on the funnel of changes of layout L as the funnel
 * plot's (funnel_place): P its pixels; *clear 1 when no name or leader
 * crosses a curve.  0, or -1 without memory. */
static int change_funnel_place(const fs_change_funnel_chart_t *c, const change_funnel_layout_t *L,
                               const double *cv, size_t subtitle_lines, const funnel_name_t *names,
                               size_t n, fs_label_request_t *req, fs_label_place_t *out,
                               funnel_px_t *P, int *clear)
{
    funnel_scene_t S = {0};
    *P = change_funnel_px(c, L, subtitle_lines);
    int ok = change_funnel_scene(&S, c, P, cv) == 0;
    double pts = funnel_points(&c->text);
    S.scene.gap = fs_label_gap(funnel_points(&c->text));
    for (size_t k = 0; ok && k < n; k++) {
        const char *label = c->points[names[k].i].label;
        req[k].marker = S.marker_of[names[k].i];
        fs_label_text_size(text_chars(label), pts, &req[k].width, &req[k].height);
        req[k].width = fs_label_text_width(label, pts) + 4.0;
    }
    if (ok && n > 0 && fs_labels_place(&S.scene, req, n, out, NULL) != FS_OK)
        ok = 0;
    *clear = 1;
    for (size_t k = 0; ok && k < n; k++)
        *clear &= out[k].curve_crossings == 0 && out[k].clear;
    funnel_scene_free(&S);
    return ok ? 0 : -1;
}

/* change_funnel_place again on a column of the given share (W's and
 * P's, as change_funnel_place sets them), kept when clear; else W, out
 * and P as they were.  0, or -1 without memory. */
static int change_funnel_redo(const fs_change_funnel_chart_t *c, change_funnel_layout_t *W,
                              const double *cv, size_t subtitle_lines, const funnel_name_t *names,
                              size_t n, fs_label_request_t *req, fs_label_place_t *out,
                              funnel_px_t *P, double column)
{
    change_funnel_layout_t was = *W;
    funnel_saved_t S = {malloc(n * sizeof *out), *P};
    if (S.out == NULL)
        return -1;
    memcpy(S.out, out, n * sizeof *out);
    change_funnel_column(c, W, column);
    int clear = 0;
    int ok = change_funnel_place(c, W, cv, subtitle_lines, names, n, req, out, P, &clear) == 0;
    if (ok && !clear) {
        *W = was;
        *P = S.P;
        memcpy(out, S.out, n * sizeof *out);
    }
    free(S.out);
    return ok ? 0 : -1;
}

/* One named force's row of block 2, as the funnel plot's
 * (funnel_label_row). */
static void change_funnel_label_row(FILE *f, const fs_change_funnel_point_t *p,
                                    const funnel_px_t *P, const fs_label_place_t *q)
{
    put_datum(f, p->size, '\t');
    put_datum(f, p->change, '\t');
    put_datum(f, !q->leader ? NAN : data_x(P, q->bent ? q->bx : q->lx1), '\t');
    put_datum(f, !q->leader ? NAN : data_y(P, q->bent ? q->by : q->ly1), '\t');
    put_datum(f, data_x(P, q->box.x0 + 2.0), '\t');
    put_datum(f, data_y(P, (q->box.y0 + q->box.y1) / 2), '\t');
    fprintf(f, "%d\t", p->highlight ? 1 : 0);
    for (const char *s = p->label; *s; s++) /* one data field */
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
    fputc('\n', f);
}

/* Block 2 of a funnel of changes' data: every force beyond the outer
 * limits and the highlighted force, named where its name crosses no
 * curve, marker or other name (chart_labels.h), the highlighted force
 * placed first, then the furthest from the target. */
static int write_change_funnel_labels(FILE *f, const fs_change_funnel_chart_t *c,
                                      const change_funnel_layout_t *L, const double *cv,
                                      size_t subtitle_lines, double *xend)
{
    fputs("\n\n", f);
    change_funnel_layout_t W = *L;
    funnel_px_t P = change_funnel_px(c, &W, subtitle_lines);
    size_t room = L->named ? L->named : 1, n = 0;
    funnel_name_t *names = calloc(room, sizeof *names);
    fs_label_request_t *req = calloc(room, sizeof *req);
    fs_label_place_t *out = calloc(room, sizeof *out);
    int ok = names != NULL && req != NULL && out != NULL;
    for (size_t i = 0; ok && i < c->n; i++) {
        if (!change_funnel_named(c, i))
            continue;
        double away = fabs(px_y(&P, c->points[i].change) - px_y(&P, c->target));
        names[n++] = (funnel_name_t){i, c->points[i].highlight ? 3e300 : away};
    }
    if (n > 0)
        qsort(names, n, sizeof *names, by_rank);
    /* The funnel plot's retry: a column twice, then three times, as wide
     * until no name or leader crosses a curve; the axis then ends where
     * the names do. */
    int clear = 0;
    for (int wide = 1; ok && !clear && wide < 4; wide++) {
        change_funnel_column(c, &W, change_funnel_base_column(c) * wide);
        ok = change_funnel_place(c, &W, cv, subtitle_lines, names, n, req, out, &P, &clear) == 0;
    }
    /* Still crowded: again on the plot as drawn, kept when clear (as
     * funnel_place_widening). */
    double column = drawn_column(&P, c->log_x, c->xmin, c->xmax, W.xend, out, req, n);
    if (ok && !clear && n > 0 && column < 0.4 * 3 * (1 - 1e-9))
        ok = change_funnel_redo(c, &W, cv, subtitle_lines, names, n, req, out, &P, column) == 0;
    n = ok ? n : 0;
    double end_px = 0;
    for (size_t k = 0; k < n; k++) {
        change_funnel_label_row(f, &c->points[names[k].i], &P, &out[k]);
        end_px = fmax(name_end(&P, out[k].box.x0 + 2.0, req[k].width - 4.0), end_px);
    }
    for (size_t k = 0; k < n; k++)
        if (out[k].bent)
            bent_leg_row(f, NULL, &P, &out[k]);
    *xend = funnel_xend(c->xmax, W.xend, &P, end_px);
    if (n == 0)
        fputs("NaN\tNaN\tNaN\tNaN\tNaN\tNaN\t0\t-\n", f);
    free(names);
    free(req);
    free(out);
    return ok ? 0 : -1;
}

/* The funnel of changes' finding (its SVG <desc>: how many forces lie
 * beyond the outer limits, and England and Wales's change) and each
 * point's title: the force, its change, where it lies. */
static void change_funnel_marks(fs_chart_batch_t *b, const fs_change_funnel_chart_t *c)
{
    size_t beyond = 0;
    for (size_t i = 0; i < c->n; i++) {
        const fs_change_funnel_point_t *p = &c->points[i];
        if (isnan(p->change))
            continue;
        fs_buf_t t;
        fs_buf_init(&t);
        fs_buf_printf(&t, "%s: ", p->label);
        change_figure(&t, p->change, c->log_y, c->unit, &c->text);
        beyond += (size_t)funnel_point_mark(b, &t, p->flag, p->size, p->change, p->highlight);
    }
    beyond_words(&b->desc, beyond);
    fs_buf_puts(&b->desc, "; England and Wales's ");
    fs_buf_puts(&b->desc, c->log_y ? "" : "change ");
    change_figure(&b->desc, c->target, c->log_y, c->unit, &c->text);
    fs_buf_puts(&b->desc, ".");
}

fs_status_t fs_chart_add_change_funnel(fs_chart_batch_t *b, const fs_change_funnel_chart_t *c,
                                       fs_error_t *err)
{
    if (c->n == 0 || c->nsteps < 2 || !(c->xmin > 0 && c->xmax > c->xmin))
        return fs_error_set(err, FS_EINVAL, "a funnel of changes needs points, sizes and limits");
    /* The curves and the target in rows of 6, as the funnel plot's. */
    double *cv = malloc(6 * c->nsteps * sizeof *cv);
    if (cv == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t k = 0; k < c->nsteps; k++) {
        memcpy(cv + 6 * k, c->curves + 5 * k, 5 * sizeof *cv);
        cv[6 * k + 5] = c->target;
    }
    FILE *f;
    char *path;
    fs_status_t st = open_data(b, &f, &path, err);
    if (st != FS_OK) {
        free(cv);
        return st;
    }
    /* Block 0, the forces: size, change, flag, highlighted. */
    for (size_t i = 0; i < c->n; i++) {
        const fs_change_funnel_point_t *p = &c->points[i];
        put_datum(f, p->size, '\t');
        put_datum(f, p->change, '\t');
        fprintf(f, "%d\t%d\n", p->flag, p->highlight ? 1 : 0);
    }
    /* Block 1, the limit curves and the target. */
    fputs("\n\n", f);
    for (size_t k = 0; k < c->nsteps; k++)
        for (int j = 0; j < 6; j++)
            put_datum(f, cv[6 * k + (size_t)j], j < 5 ? '\t' : '\n');
    /* The finding first: its subtitle's lines take room above the plot
     * that the names are placed in (as the funnel plot's). */
    change_funnel_marks(b, c);
    change_funnel_layout_t L;
    change_funnel_layout(c, &L);
    fs_buf_t sub;
    fs_buf_init(&sub);
    int sub_lines = chart_subtitle(&sub, b->subtitle.len > 0 ? b->subtitle.data : NULL, &c->text);
    b->marks.failed |= fs_buf_status(&sub) != FS_OK;
    fs_buf_free(&sub);
    change_funnel_drawn_t drawn = {c, L.xend};
    b->marks.failed |=
        write_change_funnel_labels(f, c, &L, cv, (size_t)sub_lines, &drawn.xend) != 0;
    free(cv);
    return close_and_queue(b, f, path, &c->text, &drawn, change_funnel_script, err);
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

/* Writes out over path: beside it first, synced, then renamed over. */
static fs_status_t replace_file(const char *path, const fs_buf_t *out, fs_error_t *err)
{
    char tmp[PATH_MAX_BYTES];
    snprintf(tmp, sizeof tmp, "%s.title", path);
    /* 0666 less the umask, as gnuplot's own PNG and PDF. */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    int ok = fd >= 0;
    for (size_t done = 0; ok && done < out->len;) {
        ssize_t n = write(fd, out->data + done, out->len - done);
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
    if (!ok) {
        e = e ? e : errno;
        unlink(tmp);
        return fs_error_set(err, FS_EIO, "cannot write the chart: %s", strerror(e));
    }
    return FS_OK;
}

/* An SVG's <title> is its chart's title, not "Gnuplot": what a browser's
 * tab and a screen reader show; its root has role="img", its <desc> the
 * chart's finding, and each force's mark a <title> (chart_svg.h), placed
 * by the map its script printed (a scratch file beside the data, removed
 * here).  And the SVG is well-formed XML whatever the titles and names in
 * it (gnuplot writes them as they are): invalid UTF-8 and control
 * characters become U+FFFD, "]]>" becomes "]]&gt;".  The file is
 * rewritten beside itself in the private stage and renamed over. */
static fs_status_t svg_finish(const queued_t *q, fs_error_t *err)
{
    char *svg, *map = NULL;
    size_t len, map_len;
    fs_status_t st = fs_read_file(q->out_path, &svg, &len, err);
    if (st != FS_OK)
        return st;
    /* No map (gnuplot printed none) leaves the marks out; no memory is
     * an error. */
    char *map_path = fs_chart_with_extension(q->data_path, ".map");
    fs_error_t map_err;
    fs_error_clear(&map_err);
    st = map_path == NULL ? FS_ENOMEM : fs_read_file(map_path, &map, &map_len, &map_err);
    if (map_path != NULL)
        unlink(map_path);
    free(map_path);
    if (st == FS_ENOMEM) {
        free(svg);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    if (st != FS_OK)
        map = NULL;
    fs_buf_t plain, titled, annotated;
    fs_buf_init(&plain);
    fs_buf_init(&titled);
    fs_buf_init(&annotated);
    /* gnuplot's plot titles out, its points the PNG's size. */
    fs_svg_gnuplot_tidy(&plain, svg, len);
    free(svg);
    svg = plain.data ? plain.data : "";
    len = plain.len;
    static const char mark[] = "<title>Gnuplot</title>";
    char *at = q->title != NULL ? strstr(svg, mark) : NULL;
    if (at != NULL) {
        fs_buf_append(&titled, svg, (size_t)(at - svg));
        fs_buf_puts(&titled, "<title>");
        fs_html_escape(&titled, q->title);
        fs_buf_puts(&titled, "</title>");
        fs_buf_append(&titled, at + sizeof mark - 1, len - (size_t)(at - svg) - (sizeof mark - 1));
    } else {
        fs_buf_append(&titled, svg, len);
    }
    fs_svg_annotate(&annotated, titled.data ? titled.data : "", titled.len, map, q->marks, q->desc);
    fs_buf_t out;
    fs_buf_init(&out);
    fs_xml_tidy(&out, annotated.data ? annotated.data : "", annotated.len);
    int failed = fs_buf_status(&out) != FS_OK || fs_buf_status(&titled) != FS_OK ||
                 fs_buf_status(&annotated) != FS_OK || fs_buf_status(&plain) != FS_OK;
    fs_buf_free(&plain);
    fs_buf_free(&titled);
    fs_buf_free(&annotated);
    free(map);
    if (failed) {
        fs_buf_free(&out);
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    }
    st = replace_file(q->out_path, &out, err);
    fs_buf_free(&out);
    return st;
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

void fs_chart_cut_runs(const size_t *cost, size_t n, int jobs, size_t *cut)
{
    double total = 0.0, before = 0.0; /* before: the cost of charts 0 to i - 1 */
    for (size_t i = 0; i < n; i++)
        total += (double)cost[i];
    size_t i = 0;
    cut[0] = 0;
    for (int k = 1; k < jobs; k++) {
        double want = total / (double)jobs * (double)k;
        if (i < n)
            before += (double)cost[i++]; /* every run at least one chart */
        while (i < n && before + (double)cost[i] / 2.0 < want)
            before += (double)cost[i++];
        cut[k] = i;
    }
    cut[jobs] = n;
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
     * the charts' pixels (what their drawing costs) divide evenly. */
    size_t cut[FS_CHART_MAX_JOBS + 1];
    size_t *cost = malloc(b->n * sizeof *cost);
    if (cost == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < b->n; i++)
        cost[i] = b->charts[i].cost;
    fs_chart_cut_runs(cost, b->n, jobs, cut);
    free(cost);
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
        if (q->format == FS_CHART_SVG && (st = svg_finish(q, err)) != FS_OK) {
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

/* The decimals of the series' figures, as the measure's tables print
 * them (fs_svg_decimals); -1 without memory. */
static int spc_decimals(const fs_spc_chart_t *c)
{
    if (c->text.fixed_decimals > 0)
        return c->text.fixed_decimals - 1; /* the measure's */
    const fs_spc_t *spc = c->spc;
    double *x = malloc((spc->n ? spc->n : 1) * sizeof *x);
    if (x == NULL)
        return -1;
    for (size_t i = 0; i < spc->n; i++)
        x[i] = spc->points[i].value;
    int d = fs_svg_decimals(x, spc->n, c->text.percent);
    free(x);
    return d;
}

const char *fs_spc_variation_words(fs_spc_variation_t v)
{
    switch (v) {
    case FS_SPC_IMPROVEMENT: return "improvement";
    case FS_SPC_CONCERN: return "concern";
    /* Making Data Count's "special cause of a high nature, neither
     * improvement nor concern", in the key's words (plots/spc.gp). */
    case FS_SPC_NEUTRAL_HIGH: return "higher than usual (neither better nor worse)";
    case FS_SPC_NEUTRAL_LOW: return "lower than usual (neither better nor worse)";
    case FS_SPC_COMMON:
    default: return "common cause";
    }
}

/* A point's variation as its title and the summary say it: "common
 * cause", or "special cause, " and its words. */
static void spc_variation(fs_buf_t *t, const fs_spc_point_t *p)
{
    if (p->variation == FS_SPC_COMMON)
        fs_buf_puts(t, "common cause");
    else
        fs_buf_printf(t, "special cause, %s", fs_spc_variation_words(p->variation));
}

/* The chart's one-line summary: the latest point, its variation, how many
 * points are special cause (and, when the limits rest on the whole
 * series, that they do: a series that moves a long way puts most of its
 * points outside limits drawn from all of it), and the assurance against
 * a target. */
static void spc_summary(const fs_spc_chart_t *c, int d, char *buf, size_t size)
{
    const fs_spc_t *spc = c->spc;
    size_t special = 0;
    for (size_t i = 0; i < spc->n; i++)
        special += spc->points[i].rules != 0;
    const fs_spc_point_t *last = &spc->points[spc->n - 1];
    fs_buf_t t;
    fs_buf_init(&t);
    fs_buf_printf(&t, "Latest, %s: ", (c->when ? c->when : c->periods)[spc->n - 1]);
    fs_svg_figure_fixed(&t, last->value, c->text.percent, d);
    fs_buf_puts(&t, ", ");
    spc_variation(&t, last);
    fs_buf_printf(&t, "; %zu of %zu points special cause", special, spc->n);
    if (special > 0 && spc->nsegments == 1 &&
        (spc->opt.baseline == 0 || spc->opt.baseline >= spc->n))
        fs_buf_puts(&t, " (limits from the whole series)");
    fs_spc_assurance_t a = spc->segments[spc->nsegments - 1].assurance;
    if (a != FS_SPC_NO_TARGET)
        fs_buf_printf(&t, "; target: %s", fs_spc_assurance_name(a));
    fs_buf_puts(&t, ".");
    snprintf(buf, size, "%s", t.data && fs_buf_status(&t) == FS_OK ? t.data : "");
    fs_buf_free(&t);
}

/* The y range of an SPC chart: its points, limits and target with a
 * margin of SPC_MARGIN of their span either side, so no limit lies on the
 * x axis or the top edge (gnuplot's autoscale ends at the lowest figure
 * when it falls on a tick, or a tick's width from it). */
#define SPC_MARGIN 0.06
static void spc_yrange(const fs_spc_chart_t *c, double *lo, double *hi)
{
    const fs_spc_t *spc = c->spc;
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < spc->n; i++) {
        *lo = fmin(*lo, spc->points[i].value);
        *hi = fmax(*hi, spc->points[i].value);
    }
    for (size_t g = 0; g < spc->nsegments; g++) {
        *lo = fmin(*lo, spc->segments[g].lower);
        *hi = fmax(*hi, spc->segments[g].upper);
    }
    if (spc->opt.has_target) {
        *lo = fmin(*lo, spc->opt.target);
        *hi = fmax(*hi, spc->opt.target);
    }
    double span = *hi - *lo;
    if (!(span > 0))
        span = fabs(*hi) > 0 ? fabs(*hi) : 1.0; /* one flat series: a band round it */
    *lo = ys(&c->text, *lo - SPC_MARGIN * span);
    *hi = ys(&c->text, *hi + SPC_MARGIN * span);
}

static fs_status_t spc_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                              const char *data, const char *output, const char *subtitle,
                              fs_error_t *err)
{
    const fs_spc_chart_t *c = chart;
    const fs_spc_t *spc = c->spc;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    set_xtics_at(&v, c->periods, NULL, spc->n, spc->n > 8 || c->text.narrow, c->text.source != NULL,
                 c->text.narrow ? narrow_step(spc->n) : 1);
    int any[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < spc->n; i++)
        any[spc_colour(spc->points[i].variation)] = 1;
    fs_tmpl_number(&v, "ANY_COMMON", any[0]);
    fs_tmpl_number(&v, "ANY_IMPROVEMENT", any[1]);
    fs_tmpl_number(&v, "ANY_CONCERN", any[2]);
    fs_tmpl_number(&v, "ANY_NEUTRAL", any[3]);
    fs_tmpl_flag(&v, "rebases", spc->nsegments > 1);
    fs_tmpl_list(&v, "REBASES");
    for (size_t g = 1; g < spc->nsegments; g++)
        fs_tmpl_list_number(&v, "REBASES", (double)spc->segments[g].start - 0.5);
    fs_tmpl_flag(&v, "has_xlabel", c->xlabel != NULL);
    fs_tmpl_string(&v, "XLABEL", c->xlabel);
    fs_tmpl_flag(&v, "target", spc->opt.has_target);
    fs_tmpl_number(&v, "TARGET", spc->opt.has_target ? ys(&c->text, spc->opt.target) : 0);
    double ylo, yhi;
    spc_yrange(c, &ylo, &yhi);
    fs_tmpl_number(&v, "YMIN", ylo);
    fs_tmpl_number(&v, "YMAX", yhi);
    /* Making Data Count's icons, of the latest point and its segment. */
    const fs_spc_point_t *last = &spc->points[spc->n - 1];
    fs_spc_assurance_t assurance = spc->segments[spc->nsegments - 1].assurance;
    fs_tmpl_number(&v, "VARIATION", spc_colour(last->variation));
    fs_tmpl_flag(&v, "high", last->rules != 0 && last->value > last->mean);
    fs_tmpl_flag(&v, "assurance", assurance != FS_SPC_NO_TARGET);
    fs_tmpl_number(&v, "ASSURANCE", (double)assurance);
    return fill_chart(s, fs_plot_spc, "spc", 1, &v, &c->text, format, data, output, subtitle, err);
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
    int d = spc_decimals(c);
    if (d < 0) {
        b->marks.failed = 1; /* no memory: the chart fails */
        d = 2;
    }
    for (size_t i = 0; i < spc->n; i++) {
        fs_buf_t t;
        fs_buf_init(&t);
        fs_buf_printf(&t, "%s: ", (c->when ? c->when : c->periods)[i]);
        fs_svg_figure_fixed(&t, spc->points[i].value, c->text.percent, d);
        fs_buf_puts(&t, ", ");
        spc_variation(&t, &spc->points[i]);
        fs_svg_mark(&b->marks, (double)i, ys(&c->text, spc->points[i].value), NAN,
                    t.data ? t.data : "");
        b->marks.failed |= t.failed; /* no memory: the chart fails */
        fs_buf_free(&t);
    }
    char summary[400];
    spc_summary(c, d, summary, sizeof summary);
    fs_buf_puts(&b->desc, summary);
    /* The finding names the force whose series it is, as the other kinds'
     * do, after the subtitle's words it begins with (under a title that
     * names the force, the subtitle need not). */
    if (c->force != NULL)
        fs_buf_printf(&b->desc, " The series is %s's.", c->force);
    fs_buf_puts(&b->subtitle, summary); /* the series' finding, under the title */
    return close_and_queue(b, f, path, &c->text, c, spc_script, err);
}

/* ---- spine chart ---- */

/* A row's colour and shape in plots/spine.gp: its mark against England
 * and Wales, as better or worse where the row's direction is known: 0 no
 * value, 1 similar, 2 higher, 3 lower, 4 better, 5 worse, 6 not compared. */
static int spine_code(const fs_spine_item_t *it)
{
    fs_spine_orientation_t o = it->row ? it->row->orientation : FS_SPINE_NEUTRAL;
    switch (it->mark) {
    case FS_SPINE_MARK_MIDDLE: return 1;
    case FS_SPINE_MARK_HIGH:
        return o == FS_SPINE_HIGHER_BETTER ? 4 : o == FS_SPINE_LOWER_BETTER ? 5 : 2;
    case FS_SPINE_MARK_LOW:
        return o == FS_SPINE_HIGHER_BETTER ? 5 : o == FS_SPINE_LOWER_BETTER ? 4 : 3;
    case FS_SPINE_MARK_NOT_COMPARED: return 6;
    case FS_SPINE_MARK_NONE: break;
    }
    return 0;
}

/* A robust row: positions on [0, 1] as spine.h's, but with the half-width
 * the furthest value within three interquartile ranges of the quartiles
 * reaches, so one extreme force (City of London's rates) cannot flatten
 * the row; what lies beyond is cut at the edge and flagged (clip[0] left,
 * clip[1] right, clip[2] the force's value).  at: left, right, box left,
 * box right, value. */
static void spine_robust(const fs_spine_row_t *r, double at[5], int clip[3])
{
    double c = r->centre, iqr = r->q3 - r->q1;
    double reach = fmax(fabs(r->lowest - c), fabs(r->highest - c));
    double fence = fmax(fabs(r->q1 - c), fabs(r->q3 - c)) + 3 * iqr;
    double half = iqr > 0 && fence < reach ? fence : reach;
    if (!(half > 0))
        half = 1;
    int mirror = r->orientation == FS_SPINE_LOWER_BETTER;
    double x[5] = {r->lowest, r->highest, r->q1, r->q3, r->value};
    for (int k = 0; k < 5; k++) {
        double p = 0.5 + (x[k] - c) / (2 * half);
        at[k] = mirror ? 1 - p : p;
    }
    if (mirror) { /* the left end is the highest */
        double t = at[0];
        at[0] = at[1];
        at[1] = t;
        t = at[2];
        at[2] = at[3];
        at[3] = t;
    }
    clip[0] = at[0] < 0;
    clip[1] = at[1] > 1;
    clip[2] = at[4] < 0 || at[4] > 1;
    for (int k = 0; k < 5; k++)
        at[k] = isnan(at[k]) ? at[k] : fmin(1, fmax(0, at[k]));
}

/* How far inside its bar's end a force's marker off the scale stands, in
 * the row's units (the bar runs from 0 to 1): half the marker's width and
 * a pixel (10 pixels on a wide chart, 15.5 on a narrow one, whose markers
 * are larger), so the end's arrow shows beside it.  plots/spine.gp's
 * EDGE_IN; the plot's width in pixels is the chart's less its margins,
 * over 4.92 units on a wide chart and 1.6 on a narrow one. */
static double spine_edge_in(const fs_chart_text_t *text)
{
    double width = text->width > 0 ? text->width : FS_CHART_WIDTH;
    return text->narrow ? 15.5 * 1.6 / (width - 30) : 10.0 * 4.92 / (width - 20);
}

/* The force each end of a row off the scale is (its figure's, beyond the
 * arrow), left then right, or NULL: an end on the scale, or one no single
 * force holds.  A mirrored row's left end is its highest. */
static void spine_off_ends(const fs_spine_item_t *it, const char *names[2])
{
    names[0] = names[1] = NULL;
    if (it->row == NULL)
        return;
    double at[5];
    int clip[3];
    spine_robust(it->row, at, clip);
    int mirror = it->row->orientation == FS_SPINE_LOWER_BETTER;
    if (clip[0])
        names[0] = mirror ? it->highest_force : it->lowest_force;
    if (clip[1])
        names[1] = mirror ? it->lowest_force : it->highest_force;
}

/* A spine row's period as the site names periods: a financial year
 * ("2018/19", a manifest's title's) as "year ending March 2019"
 * (fs_period_words), as the rows of measures over years ending say
 * theirs; any other as it is: a quarter ("2018/19 Q4") is a rolling
 * year's only where its measure's words (the row's period) say so. */
static const char *spine_period(const char *period, char *buf, size_t size)
{
    int year, quarter;
    if (period == NULL)
        return "";
    if (fs_period_financial(period, &year, &quarter) && quarter == 0)
        return fs_period_words(period, 1, buf, size);
    return period;
}

/* Whose a row's ends off the scale are, for a narrow chart's card: the
 * force and its figure beyond each arrow ("City of London 174.94
 * \u2192", the arrows in UTF-8), as a wide chart's names under its
 * figures say (a narrow chart's end column has no room for a name); ""
 * when both ends are on the scale.  An end that is the chart's own force
 * (force) is left out: its card's value line says it (issue 29: City of
 * London's card said 69.35 three times). */
static void spine_furthest(const fs_spine_item_t *it, const char *force, char *buf, size_t size)
{
    const char *ends[2];
    spine_off_ends(it, ends);
    buf[0] = '\0';
    for (int k = 0; k < 2; k++)
        if (ends[k] != NULL && force != NULL && strcmp(ends[k], force) == 0)
            ends[k] = NULL;
    if (ends[0] == NULL && ends[1] == NULL)
        return;
    int mirror = it->row->orientation == FS_SPINE_LOWER_BETTER;
    const char *figure[2] = {mirror ? it->highest : it->lowest, mirror ? it->lowest : it->highest};
    int len = 0; /* the left arrow's first */
    if (ends[0] != NULL)
        len = snprintf(buf, size, "\xe2\x86\x90 %s %s", ends[0], figure[0]);
    if (ends[1] != NULL && len >= 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, "%s%s %s \xe2\x86\x92", len > 0 ? "; " : "",
                 ends[1], figure[1]);
}

/* A wide spine row's measure as its Measure column shows it (shown):
 * less a last ", year ending March 2019" that its Period column says
 * (period, spine_period's; the name over three lines ran into the row
 * below). */
static void spine_shown_name(const fs_spine_item_t *it, const char *period, char *shown,
                             size_t size)
{
    snprintf(shown, size, "%s", it->measure);
    size_t n = strlen(shown), p = strlen(period);
    if (p > 0 && n > p + 2 && strcmp(shown + n - p, period) == 0 &&
        strncmp(shown + n - p - 2, ", ", 2) == 0)
        shown[n - p - 2] = '\0';
}

/* Where a name cut short at line[end] ends before its ellipsis: less a
 * last comma or semicolon, and a last little word ("the", "of") that
 * would leave the ellipsis after it ("because the..."), the line's first
 * word always kept. */
static size_t cut_end(const char *line, size_t end)
{
    static const char *const little[] = {"a",  "an",  "and", "by", "for", "in",
                                          "of", "or", "the", "to", "with"};
    for (int again = 1; again;) {
        again = 0;
        while (end > 1 && (line[end - 1] == ',' || line[end - 1] == ';'))
            end--;
        size_t start = end;
        while (start > 0 && line[start - 1] != ' ')
            start--;
        for (size_t k = 0; start > 0 && k < sizeof little / sizeof *little; k++)
            if (end - start == strlen(little[k]) && strncmp(line + start, little[k], end - start) == 0) {
                end = start - 1;
                again = 1;
                break;
            }
    }
    return end;
}

/* A spine row's name (name, a mirrored row's ending " *") wrapped to
 * room characters in at most lines lines (1 or more), into buf: cut, if
 * it needs more, after its lines-th line's last whole word that leaves
 * room for an ellipsis (and the " *", kept after it); a word is never
 * cut, and a comma, semicolon or little word before the ellipsis goes
 * (cut_end; issue 29: a very long title ran into the row below). */
static void name_in_lines(const char *name, size_t room, size_t lines, char *buf, size_t size)
{
    wrap_words(name, room, buf, size);
    if (count_lines(buf) <= lines)
        return;
    size_t n = strlen(name);
    int star = n > 2 && strcmp(name + n - 2, " *") == 0;
    char bare[600];
    snprintf(bare, sizeof bare, "%.*s", (int)(star ? n - 2 : n), name);
    wrap_words(bare, room, buf, size);
    char *line = buf; /* the start of the last line kept */
    for (size_t k = 1; k < lines; k++)
        line = strchr(line, '\n') + 1;
    size_t left = room - 1 - (star ? 2 : 0), end = strcspn(line, " \n");
    for (size_t at = end; line[at] == ' ';) { /* whole words while they leave room */
        size_t next = at + 1 + strcspn(line + at + 1, " \n");
        if (next > left)
            break;
        end = at = next;
    }
    end = cut_end(line, end);
    size_t len = (size_t)(line - buf) + end;
    snprintf(buf + len, size - len, "\xe2\x80\xa6%s", star ? " *" : "");
}

/* A narrow spine card's name in at most lines lines, into buf: wrapped to
 * FS_CHART_NARROW_NOTE - 14 characters, else to the note's whole width,
 * cut short if it must be (name_in_lines). */
static void card_name(const char *name, size_t lines, char *buf, size_t size)
{
    wrap_words(name, FS_CHART_NARROW_NOTE - 14, buf, size);
    if (count_lines(buf) > lines)
        name_in_lines(name, FS_CHART_NARROW_NOTE, lines, buf, size);
}

/* A narrow spine chart's text over a row (CARDS), in one order (issue
 * 29): the measure's name (wrapped), its period (period, in words: a
 * trend's latest, which the value is of) unless the name says it, the
 * force's value ("No data" for none) and England and Wales's, and whose
 * an end off the scale is ("City of London 174.94 \u2192", not the
 * chart's own force).  A wide chart's is "" (its columns say the same).
 * At most four lines: a fifth would run into the row above.  So a card
 * that would have five wraps its name to the chart's whole width (the
 * note's), and failing that cuts the name short (card_name), the period
 * on its line if the cut took it from the name. */
static void spine_card(fs_tmpl_vars_t *v, const fs_spine_item_t *it, const char *name,
                       const char *period, const char *force, const fs_chart_text_t *text)
{
    char card[1400], wrapped[600], furthest[300];
    card[0] = '\0';
    if (text->narrow) {
        const char *when = period; /* said once: the card has room for four lines */
        if (it->period == NULL || strstr(name, it->period) != NULL || strstr(name, period) != NULL)
            period = "";
        spine_furthest(it, force, furthest, sizeof furthest);
        size_t rest = 1 + (period[0] ? 1 : 0) + (furthest[0] ? 1 : 0);
        wrap_words(name, FS_CHART_NARROW_NOTE - 14, wrapped, sizeof wrapped);
        if (count_lines(wrapped) + rest > 4)
            wrap_words(name, FS_CHART_NARROW_NOTE, wrapped, sizeof wrapped);
        if (count_lines(wrapped) + rest > 4) { /* the name in the lines the rest leave */
            card_name(name, 4 - rest, wrapped, sizeof wrapped);
            if (!period[0] && when[0] && strstr(wrapped, when) == NULL &&
                strstr(wrapped, it->period) == NULL) { /* the cut took its period */
                period = when;
                card_name(name, 3 - rest, wrapped, sizeof wrapped);
            }
        }
        int has_value = it->value && it->value[0];
        snprintf(card, sizeof card, "%s%s%s\n%s%s; England and Wales %s%s%s", wrapped,
                 period[0] ? "\n" : "", period, has_value ? "Value " : "No data",
                 has_value ? it->value : "", it->centre && it->centre[0] ? it->centre : "-",
                 furthest[0] ? "\n" : "", furthest);
    }
    fs_tmpl_list_string(v, "CARDS", card);
}

/* A wide spine chart's names under its ends' figures (LOW_NAMES,
 * HIGH_NAMES): the force whose figure an end off the scale is, wrapped to
 * the column (16 characters of 8 points at 1200 pixels, fewer on a
 * narrower chart), "" for the rest (and for every end of a narrow chart). */
static void spine_end_names(fs_tmpl_vars_t *v, const fs_spine_item_t *it, int narrow, int width)
{
    size_t room = (size_t)(16.0 * width / FS_CHART_WIDTH);
    const char *ends[2];
    spine_off_ends(it, ends);
    static const char *const lists[] = {"LOW_NAMES", "HIGH_NAMES"};
    for (int k = 0; k < 2; k++) {
        char wrapped[200] = "";
        if (!narrow && ends[k] != NULL)
            wrap_words(ends[k], room < 8 ? 8 : room, wrapped, sizeof wrapped);
        fs_tmpl_list_string(v, lists[k], wrapped);
    }
}

static fs_status_t spine_script(fs_buf_t *s, const void *chart, fs_chart_format_t format,
                                const char *data, const char *output, const char *subtitle,
                                fs_error_t *err)
{
    const fs_spine_chart_t *c = chart;
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    static const char *const lists[] = {"MEASURES", "VALUES", "CENTRES", "LOWEST",    "HIGHEST",
                                        "PERIODS",  "COUNTS", "CARDS",   "LOW_NAMES", "HIGH_NAMES"};
    for (size_t k = 0; k < 10; k++)
        fs_tmpl_list(&v, lists[k]);
    int mirrored = 0, any[7] = {0, 0, 0, 0, 0, 0, 0};
    /* The measure's column is a fixed share of the width: 46 characters
     * a line at 1200 pixels, fewer on a narrower chart. */
    int width = c->text.width > 0 ? c->text.width : 1200;
    size_t room = (size_t)(46.0 * width / 1200.0);
    room = room < 12 ? 12 : room;
    for (size_t i = 0; i < c->n; i++) {
        const fs_spine_item_t *it = &c->items[i];
        int mirror = it->row && it->row->orientation == FS_SPINE_LOWER_BETTER;
        mirrored |= mirror;
        char name[400], label[420], count[32];
        snprintf(name, sizeof name, "%s%s", it->measure, mirror ? " *" : "");
        char words[64], shown[400];
        const char *period = spine_period(it->period, words, sizeof words); /* once a row */
        spine_shown_name(it, period, shown, sizeof shown);
        snprintf(shown + strlen(shown), sizeof shown - strlen(shown), "%s", mirror ? " *" : "");
        /* two lines at most: a third ran into the row below (a narrow
         * chart's cards say the name) */
        if (c->text.narrow)
            wrap_words(name, room, label, sizeof label);
        else
            name_in_lines(shown, room, 2, label, sizeof label);
        snprintf(count, sizeof count, "%zu", it->row ? it->row->n : (size_t)0);
        fs_tmpl_list_string(&v, "MEASURES", label);
        fs_tmpl_list_string(&v, "VALUES", it->value && it->value[0] ? it->value : "-");
        fs_tmpl_list_string(&v, "CENTRES", it->centre && it->centre[0] ? it->centre : "-");
        fs_tmpl_list_string(&v, "LOWEST", !it->row ? "-" : mirror ? it->highest : it->lowest);
        fs_tmpl_list_string(&v, "HIGHEST", !it->row ? "-" : mirror ? it->lowest : it->highest);
        fs_tmpl_list_string(&v, "PERIODS", period);
        fs_tmpl_list_string(&v, "COUNTS", it->row ? count : "-");
        spine_card(&v, it, name, period, c->force, &c->text);
        spine_end_names(&v, it, c->text.narrow, width);
        any[spine_code(it)] = 1;
    }
    fs_tmpl_number(&v, "ROWS", (double)c->n);
    fs_tmpl_number(&v, "EDGE_IN", spine_edge_in(&c->text));
    fs_tmpl_string(&v, "FORCE", c->force ? c->force : "");
    fs_tmpl_flag(&v, "mirrored", mirrored);
    static const char *const names[] = {"",           "ANY_SIMILAR", "ANY_HIGHER",      "ANY_LOWER",
                                        "ANY_BETTER", "ANY_WORSE",   "ANY_NOT_COMPARED"};
    for (int k = 1; k < 7; k++)
        fs_tmpl_number(&v, names[k], any[k]);
    fs_chart_text_t text = c->text;
    if (text.height <= 0)
        text.height =
            text.narrow ? fs_spine_chart_narrow_height(c->n) : fs_spine_chart_height(c->n);
    /* A wide chart's note (the sources, the forces with no data) wrapped
     * to its width too, about 180 characters at 1200 pixels, the room
     * below the rows growing by its lines. */
    char note[1600];
    if (!text.narrow && text.source != NULL) {
        wrap_words(text.source, (size_t)(180.0 * width / 1200.0), note, sizeof note);
        text.source = note;
    }
    fs_tmpl_number(&v, "NOTE_LINES", (double)count_lines(text.source));
    return fill_chart(s, fs_plot_spine, "spine", 0, &v, &text, format, data, output, subtitle, err);
}

/* What each spine code (spine_code) says about the force. */
static const char *const spine_words[] = {"no data",
                                          "similar to England and Wales",
                                          "higher than England and Wales",
                                          "lower than England and Wales",
                                          "better than England and Wales",
                                          "worse than England and Wales",
                                          "not compared"};

void fs_spine_finding(fs_buf_t *out, const fs_spine_item_t *items, size_t n, int name_missing)
{
    size_t count[7] = {0, 0, 0, 0, 0, 0, 0};
    for (size_t k = 0; k < n; k++)
        count[spine_code(&items[k])]++;
    size_t from = out->len;
    /* Better and worse (and not compared) first, then similar, higher and
     * lower, then the rows with no data, named when asked. */
    for (int k = 4; k < 7; k++)
        if (count[k])
            fs_buf_printf(out, " %s on %zu;", spine_words[k], count[k]);
    for (int k = 1; k < 4; k++)
        if (count[k])
            fs_buf_printf(out, " %s on %zu;", spine_words[k], count[k]);
    if (count[0]) {
        fs_buf_printf(out, " no data on %zu", count[0]);
        for (size_t k = 0, named = 0; name_missing && k < n; k++)
            if (spine_code(&items[k]) == 0)
                fs_buf_printf(out, "%s%s", named++ ? "; " : " (", items[k].measure);
        fs_buf_puts(out, name_missing ? ");" : ";");
    }
    if (out->len > from && out->data[out->len - 1] == ';')
        out->data[out->len - 1] = '.';
}

/* The spine chart's finding (its SVG <desc>) and each marker's title. */
static void spine_marks(fs_chart_batch_t *b, const fs_spine_chart_t *c)
{
    for (size_t k = 0; k < c->n; k++) {
        const fs_spine_item_t *it = &c->items[k];
        int code = spine_code(it);
        if (it->row == NULL || isnan(it->row->value))
            continue;
        double at[5];
        int clip[3];
        spine_robust(it->row, at, clip);
        fs_buf_t t;
        fs_buf_init(&t);
        fs_buf_printf(&t, "%s: %s, %s", it->measure, it->value, spine_words[code]);
        /* Where the marker stands: inside the bar's end when off the scale. */
        double x = at[4];
        if (clip[2])
            x += x > 0.5 ? -spine_edge_in(&c->text) : spine_edge_in(&c->text);
        fs_svg_mark(&b->marks, x, (double)(c->n - 1 - k), NAN, t.data ? t.data : "");
        b->marks.failed |= t.failed; /* no memory: the chart fails */
        fs_buf_free(&t);
    }
    fs_buf_printf(&b->desc, "%s on %zu measures against England and Wales:", c->force, c->n);
    fs_spine_finding(&b->desc, c->items, c->n, 0);
    /* The whole finding is about the force: its subtitle too. */
    fs_buf_append(&b->subtitle, b->desc.data ? b->desc.data : "", b->desc.len);
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
     * marker's position, its code (spine_code), and whether the bar runs
     * off the scale left or right and the marker is at the edge. */
    for (size_t k = 0; k < c->n; k++) {
        double at[5] = {NAN, NAN, NAN, NAN, NAN};
        int clip[3] = {0, 0, 0};
        if (c->items[k].row != NULL)
            spine_robust(c->items[k].row, at, clip);
        fprintf(f, "%zu\t", c->n - 1 - k);
        for (int j = 0; j < 5; j++)
            put_datum(f, at[j], '\t');
        fprintf(f, "%d\t%d\t%d\t%d\n", spine_code(&c->items[k]), clip[0], clip[1], clip[2]);
    }
    spine_marks(b, c);
    return close_and_queue(b, f, path, &c->text, c, spine_script, err);
}

double fs_chart_tick_step(double lo, double hi, int parts)
{
    static const double times[] = {1, 2, 2.5, 5};
    if (!isfinite(lo) || !isfinite(hi) || !(hi > lo) || parts < 1)
        return 0;
    /* From the power of ten under the span's share of a step, up: a step
     * ten times that power covers the span in parts steps, widened by at
     * most one, and twenty times it always fits two steps or more. */
    double power = pow(10.0, floor(log10((hi - lo) / parts)));
    for (int k = 0; k < 12; k++) {
        double step = times[k % 4] * power * pow(10.0, k / 4);
        /* (A tolerance for the quotient of a figure on a step.) */
        if (ceil(hi / step - 1e-9) - floor(lo / step + 1e-9) <= parts)
            return step;
    }
    return 0;
}

int fs_spine_chart_narrow_height(size_t rows)
{
    /* A row: its text (up to five lines at 1.6 times 9 point) over its
     * bar, 170 pixels, and its share of the note (its source: about 30
     * pixels); the title, key and the rest of the note about 360. */
    size_t h = 360 + 200 * rows;
    return h > FS_CHART_MAX_SIDE ? FS_CHART_MAX_SIDE : (int)h;
}

int fs_spine_chart_height(size_t rows)
{
    size_t h = 170 + 52 * rows; /* 46 a row and 6 for its share of the note */
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

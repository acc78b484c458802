/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_site.c: what `forcestat report` queues and stages for a measure
 * (its charts, the spine chart, its text files), and the force pages of
 * a site (--all-forces, --forces). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "charts.h"
#include "report.h"

int report_stage_text(fs_stage_t *stage, const char *name, const fs_buf_t *b)
{
    fs_error_t err;
    fs_error_clear(&err);
    if (fs_buf_status(b) != FS_OK) {
        fputs("forcestat: out of memory\n", stderr);
        return EXIT_DATA;
    }
    if (fs_stage_write(stage, name, b->data ? b->data : "", b->len, &err) != FS_OK)
        return cli_report(&err);
    return EXIT_OK;
}

/* Queues one chart of the measure as PREFIXSLUG-SUFFIX.png; prints any
 * error. */
typedef fs_status_t (*adapter_fn)(fs_chart_batch_t *, const fs_measure_t *,
                                  const fs_chart_style_t *, fs_error_t *);

static int queue_chart(fs_chart_batch_t *batch, const fs_measure_t *m, fs_chart_style_t *style,
                       const char *prefix, const char *slug, const char *suffix,
                       const char *title, adapter_fn fn)
{
    char name[240];
    snprintf(name, sizeof name, "%s%s-%s.png", prefix, slug, suffix);
    style->output = name;
    style->title = title;
    fs_error_t err;
    fs_error_clear(&err);
    return fn(batch, m, style, &err) == FS_OK ? EXIT_OK : cli_report(&err);
}

int report_queue_charts(fs_chart_batch_t *batch, const spec_t *s, const fs_measure_t *m,
                        const fs_measure_t *over_time, int force, const char *prefix,
                        result_t *r)
{
    fs_chart_style_t style;
    fs_chart_style_init(&style);
    style.highlight = force;
    style.source = s->source;
    style.ylabel = s->ylabel;
    style.xlabel = s->xlabel;
    style.year_ending = s->year_ending;
    char title[600];
    int code;
    if (over_time != NULL && (over_time->have & FS_WANT_TREND)) {
        if ((code = queue_chart(batch, over_time, &style, prefix, r->slug, "trend", s->title,
                                fs_chart_trend_of)) != EXIT_OK)
            return code;
        r->has_trend = 1;
    }
    if (over_time != NULL && (over_time->have & FS_WANT_SPC)) {
        snprintf(title, sizeof title, "%s: %s, statistical process control", s->title,
                 fs_registry_force((size_t)force)->name);
        if ((code = queue_chart(batch, over_time, &style, prefix, r->slug, "spc", title,
                                fs_chart_spc_of)) != EXIT_OK)
            return code;
        r->has_spc = 1;
        report_spc_note(over_time, r);
    } else if (over_time != NULL && over_time->spc_skipped[0]) {
        snprintf(r->spc_note, sizeof r->spc_note, "No SPC chart: %s.", over_time->spc_skipped);
    }
    if (r->period[0])
        snprintf(title, sizeof title, "%s: %s", s->title, r->period);
    else
        snprintf(title, sizeof title, "%s", s->title);
    if ((code = queue_chart(batch, m, &style, prefix, r->slug, "bar", title, fs_chart_bar_of)) !=
        EXIT_OK)
        return code;
    r->has_bar = 1;
    if ((m->have & FS_WANT_COMPARISON) && !s->census) {
        snprintf(title, sizeof title, "%s: 95%% confidence intervals", s->title);
        if ((code = queue_chart(batch, m, &style, prefix, r->slug, "intervals", title,
                                fs_chart_intervals_of)) != EXIT_OK)
            return code;
        r->has_intervals = 1;
    }
    if (m->have & FS_WANT_FUNNEL) {
        snprintf(title, sizeof title, "%s: funnel plot", s->title);
        if ((code = queue_chart(batch, m, &style, prefix, r->slug, "funnel", title,
                                fs_chart_funnel_of)) != EXIT_OK)
            return code;
        r->has_funnel = 1;
        snprintf(r->funnel_note, sizeof r->funnel_note,
                 "In the funnel plot the limits depend on each force's size (Spiegelhalter "
                 "2005). The forces vary %s than chance alone explains (over-dispersion "
                 "phi = %.1f), so the limits are widened by sqrt(phi)%s.",
                 m->funnel.fit.overdispersed ? "more" : "no more", m->funnel.fit.phi,
                 m->funnel.fit.phi > 1 ? "" : " (here by nothing)");
    }
    return EXIT_OK;
}

int report_queue_spine(fs_chart_batch_t *batch, const result_t *res, size_t n, int force,
                       const char *name, int *height)
{
    *height = 0;
    fs_spine_item_t *items = calloc(n ? n : 1, sizeof *items);
    if (items == NULL) {
        fputs("forcestat: out of memory\n", stderr);
        return EXIT_DATA;
    }
    size_t nitems = 0;
    for (size_t i = 0; i < n; i++) {
        if (res[i].has_spine)
            items[nitems++] = res[i].spine_item;
    }
    int code = EXIT_OK;
    if (nitems > 0) {
        fs_chart_style_t style;
        fs_chart_style_init(&style);
        style.output = name;
        style.highlight = force;
        style.source = "Each row: the forces' range (light), 25th to 75th percentile (dark), England "
                       "and Wales (the line); drawn with forcestat.";
        fs_error_t err;
        fs_error_clear(&err);
        if (fs_chart_spine_of(batch, items, nitems, &style, &err) != FS_OK)
            code = cli_report(&err);
        else
            *height = fs_spine_chart_height(nitems);
    }
    free(items);
    return code;
}

/* ---- a site's force pages ---- */

int report_parse_forces(const char *list, unsigned char *wanted, size_t *n)
{
    *n = 0;
    for (const char *p = list;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len > 0 && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(len < 255 ? len : 255), p);
        if (len == 0)
            return cli_usage("report", "--forces: an empty name in '%s'", list);
        fs_unit_t u = fs_registry_match(p, len);
        if (u.kind != FS_UNIT_FORCE) {
            int near = fs_registry_suggest(p, len);
            if (near >= 0)
                return cli_usage("report", "--forces: '%s' is not a territorial force; did you "
                                           "mean %s?",
                                 name, fs_registry_force((size_t)near)->name);
            return cli_usage("report", "--forces: '%s' is not a territorial force", name);
        }
        if (!wanted[u.force]) {
            wanted[u.force] = 1;
            (*n)++;
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return EXIT_OK;
}

int report_pages_new(const unsigned char *wanted, size_t nspecs, page_run_t *pages,
                     const char **force_pages)
{
    for (size_t f = 0, k = 0; f < FS_FORCE_COUNT; f++) {
        if (!wanted[f])
            continue;
        page_run_t *p = &pages[k++];
        p->force = (int)f;
        report_force_slug(f, p->slug, sizeof p->slug);
        snprintf(p->href, sizeof p->href, "forces/%s.html", p->slug);
        snprintf(p->prefix, sizeof p->prefix, "forces/%s-", p->slug);
        force_pages[f] = p->href;
        if ((p->res = calloc(nspecs ? nspecs : 1, sizeof *p->res)) == NULL) {
            fputs("forcestat: out of memory\n", stderr);
            return EXIT_DATA;
        }
    }
    return EXIT_OK;
}

void report_pages_free(page_run_t *pages, size_t npages, size_t nspecs)
{
    for (size_t k = 0; pages != NULL && k < npages; k++) {
        for (size_t i = 0; pages[k].res != NULL && i < nspecs; i++) {
            free(pages[k].res[i].explanation);
            free(pages[k].res[i].section);
        }
        free(pages[k].res);
    }
    free(pages);
}

int report_page_measure(const spec_t *s, size_t index, const result_t *common,
                        const fs_description_t *d, const fs_measure_t *m,
                        const fs_band_options_t *band, fs_chart_batch_t *batch, page_run_t *p)
{
    result_t *r = &p->res[index];
    memset(r, 0, sizeof *r);
    r->spec = s;
    memcpy(r->slug, common->slug, sizeof r->slug);
    snprintf(r->own, sizeof r->own, "%s-", p->slug);
    r->common = "../";
    memcpy(r->period, common->period, sizeof r->period);
    r->style = common->style;
    int f = p->force;
    if (!d->present[f]) {
        /* Not in this dataset: the site's charts, and no verdict. */
        r->has_bar = common->has_bar;
        r->has_intervals = common->has_intervals;
        r->has_funnel = common->has_funnel;
        memcpy(r->funnel_note, common->funnel_note, sizeof r->funnel_note);
        r->common_charts = 1u << RC_BAR | 1u << RC_INTERVALS | 1u << RC_FUNNEL;
        return report_summarise(m, band, -1, r);
    }
    /* The force's trend and SPC chart, from the site's one computation
     * (a long table's series of each page's force). */
    fs_measure_t view;
    fs_measure_for_force(m, f, &view);
    /* Its own funnel too: one funnel naming all 43 forces cannot be read
     * (their names overlap), and the reader looks for this one. */
    int code = report_queue_charts(batch, s, m, s->period != NULL ? &view : NULL, f, p->prefix, r);
    if (code == EXIT_OK) {
        report_spine_row(m, f, r);
        code = report_summarise(m, band, f, r);
    }
    if (s->census)
        r->has_mark = 0;
    fs_measure_free(&view);
    return code;
}

int report_queue_page_spine(fs_chart_batch_t *batch, page_run_t *p, size_t nspecs)
{
    char name[120];
    snprintf(name, sizeof name, "%sspine.png", p->prefix);
    return report_queue_spine(batch, p->res, nspecs, p->force, name, &p->spine_height);
}

int report_write_page(fs_stage_t *stage, const page_run_t *p, size_t nspecs)
{
    char spine[120];
    snprintf(spine, sizeof spine, "%s-spine.png", p->slug);
    report_page_t pg = {p->force, p->spine_height, spine, 0, NULL, "../index.html"};
    fs_buf_t html;
    fs_buf_init(&html);
    report_write_html(&html, p->res, nspecs, &pg);
    int code = report_stage_text(stage, p->href, &html);
    fs_buf_free(&html);
    return code;
}

/* The list of the files a site wrote in forces/ (its pages, their
 * charts), so that the next report into the folder rewrites or removes
 * each of them and never leaves a page with old figures beside new
 * tables. */
#define SITE_LIST "forces/manifest.txt"
#define SITE_LIST_HEAD                                                                             \
    "# forcestat: the files this site wrote in forces/; the next report into this folder\n"       \
    "# writes each of them again or removes it\n"

int report_own_pages(fs_stage_t *stage, const char *outdir, int site)
{
    fs_error_t err;
    fs_error_clear(&err);
    char path[4096];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", outdir, SITE_LIST);
    if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
        char *data = NULL;
        size_t len = 0;
        if (fs_stage_subfolder(stage, "forces", &err) != FS_OK ||
            fs_read_file(path, &data, &len, &err) != FS_OK)
            return cli_report(&err);
        /* Every listed name in forces/ is retired; the stage keeps those
         * the run writes again.  A line that is no such name is skipped. */
        for (size_t at = 0; at < len;) {
            const char *line = data + at;
            const char *nl = memchr(line, '\n', len - at);
            size_t ll = nl ? (size_t)(nl - line) : len - at;
            at += ll + 1;
            if (ll <= 7 || ll >= 300 || strncmp(line, "forces/", 7) != 0 ||
                memchr(line, '\0', ll) != NULL)
                continue;
            char name[300];
            memcpy(name, line, ll);
            name[ll] = '\0';
            fs_error_t ignored;
            if (fs_stage_retire(stage, name, &ignored) == FS_ENOMEM) {
                free(data);
                fputs("forcestat: out of memory\n", stderr);
                return EXIT_DATA;
            }
        }
        free(data);
        if (!site && fs_stage_retire(stage, SITE_LIST, &err) != FS_OK)
            return cli_report(&err);
    }
    if (!site)
        return EXIT_OK;
    fs_buf_t list;
    fs_buf_init(&list);
    fs_buf_puts(&list, SITE_LIST_HEAD);
    for (size_t i = 0; fs_stage_name(stage, i) != NULL; i++) {
        if (strncmp(fs_stage_name(stage, i), "forces/", 7) == 0)
            fs_buf_printf(&list, "%s\n", fs_stage_name(stage, i));
    }
    fs_buf_puts(&list, SITE_LIST "\n");
    int code = report_stage_text(stage, SITE_LIST, &list);
    fs_buf_free(&list);
    return code;
}

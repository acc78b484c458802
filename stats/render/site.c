/* SPDX-License-Identifier: GPL-3.0-or-later */
/* site.c: a report being built (see site.h): the measures' specs and
 * slugs, their charts, the force pages of a site and what the run
 * stages.  The summaries are site_summary.c's, the pages site_page.c's. */
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/fileio.h"
#include "site_internal.h"

const char *fs_site_chart_name(fs_site_chart_t kind)
{
    static const char *const names[FS_SITE_CHARTS] = {"bar", "intervals", "trend", "spc", "funnel"};
    return names[kind];
}

void fs_site_narrow_name(const char *name, char *buf, size_t size)
{
    size_t len = strlen(name);
    if (len >= 4 && strcmp(name + len - 4, ".png") == 0)
        len -= 4;
    snprintf(buf, size, "%.*s-narrow.png", (int)len, name);
}

int fs_site_narrow_height(fs_site_chart_t kind)
{
    /* A chart over the forces lies on its side in its narrow rendering:
     * a row a force, down the page, each name a line apart; a funnel
     * needs the height for its key above and its rotated size axis below
     * the plot; an SPC for its whole summary, its icons and its key above
     * the plot (issue 29: at 900 pixels its plot kept 150). */
    if (kind == FS_SITE_BAR || kind == FS_SITE_INTERVALS)
        return FS_CHART_NARROW_ROWS;
    return kind == FS_SITE_FUNNEL || kind == FS_SITE_SPC ? FS_CHART_NARROW_TALL
                                                         : FS_CHART_NARROW_HEIGHT;
}

const char *fs_site_position_words(fs_flag_t flag)
{
    switch (flag) {
    case FS_FLAG_ABOVE: return "above the band";
    case FS_FLAG_BELOW: return "below the band";
    case FS_FLAG_WITHIN: return "within the band";
    case FS_FLAG_MISSING: break;
    }
    return "no data";
}

void fs_site_rank_words(const fs_site_result_t *r, char *buf, size_t size)
{
    if (r->peer_n == 0 || r->groups == NULL) {
        snprintf(buf, size, "%s", "");
        return;
    }
    size_t n = r->peer_rank % 100, last = n % 10;
    const char *th = n >= 11 && n <= 13 ? "th"
                     : last == 1        ? "st"
                     : last == 2        ? "nd"
                     : last == 3        ? "rd"
                                        : "th";
    snprintf(buf, size, "%zu%s of %zu in its %s, highest first", r->peer_rank, th, r->peer_n,
             r->groups->peer_lists ? "peer group" : "most similar group");
}

size_t fs_site_words_slug(const char *text, char *buf, size_t size)
{
    size_t k = 0;
    int dash = 0;
    for (const char *p = text; *p && k + 2 < size; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            buf[k++] = c;
            dash = 0;
        } else if (!dash && k > 0) {
            buf[k++] = '-';
            dash = 1;
        }
    }
    while (k > 0 && buf[k - 1] == '-')
        k--;
    if (size > 0)
        buf[k] = '\0';
    return k;
}

/* "mNN-" and the title's words in lower case joined by dashes, cut at a
 * word boundary to at most 48 characters ("m03-police-officers-fte-per-1-
 * 000-people-31", never "...-31-marc"); the number keeps slugs unique. */
void fs_site_measure_slug(char *buf, size_t size, size_t index, const char *title)
{
    enum { MAX = 48 };
    char words[512];
    size_t k = fs_site_words_slug(title, words, sizeof words);
    int n = snprintf(buf, size, "m%02zu-", index + 1);
    size_t prefix = n > 0 ? (size_t)n : 0, room = MAX > prefix ? MAX - prefix : 0;
    if (k > room) {
        size_t cut = room;
        while (cut > 0 && words[cut] != '-')
            cut--;
        k = cut > 0 ? cut : room; /* one very long word: cut inside it */
        words[k] = '\0';
    }
    snprintf(buf + prefix, size > prefix ? size - prefix : 0, "%s", words);
    if (k == 0 && prefix > 0)
        buf[prefix - 1] = '\0'; /* no words: just "mNN" */
}

/* ---- what a measure asks of the library ---- */

/* A long table's trend and its SPC chart, when the series is long
 * enough; improvement is the direction higher_is names. */
static void want_series(const fs_report_spec_t *s, fs_measure_spec_t *m)
{
    m->want |= FS_WANT_TREND | FS_WANT_SPC;
    m->spc_optional = 1;
    m->spc.improvement = s->higher == FS_REPORT_HIGHER_BETTER  ? FS_SPC_UP
                         : s->higher == FS_REPORT_HIGHER_WORSE ? FS_SPC_DOWN
                                                               : FS_SPC_NEUTRAL;
}

void fs_site_spec_of(const fs_report_spec_t *s, int highlight_force, fs_measure_spec_t *m)
{
    fs_measure_spec_init(m);
    int ratio = s->numerator != NULL && s->denominator != NULL && (s->kind != FS_REPORT_VALUE);
    m->kind = s->kind == FS_REPORT_RATE ? FS_MEASURE_RATE
                                        : (ratio ? FS_MEASURE_PROPORTION : FS_MEASURE_VALUE);
    m->value = s->value;
    m->numerator = s->numerator;
    m->denominator = s->denominator;
    m->want = FS_WANT_BAND;
    if (s->period != NULL) {
        /* A long table: the trend of the highlighted force (a proportion's
         * or a rate's from the counts, with interval ribbons) and its SPC
         * chart, when the series is long enough; the band and the rest
         * over the last period. */
        m->period = s->period;
        if (highlight_force >= 0)
            want_series(s, m);
        m->trend_force = highlight_force;
    }
    if (ratio && s->census) {
        /* A census (every officer counted) has no sampling error: England
         * and Wales pooled, but no interval, funnel or verdict. */
        m->want |= FS_WANT_COMPARISON;
    } else if (ratio) {
        /* Intervals, and the funnel with its limits widened for
         * over-dispersion. */
        m->want |= FS_WANT_COMPARISON | FS_WANT_FUNNEL;
        m->funnel.type = s->kind == FS_REPORT_RATE ? FS_FUNNEL_RATE : FS_FUNNEL_PROPORTION;
        m->funnel.overdispersion = FS_OVERDISPERSION_MULTIPLICATIVE;
    }
}

void fs_site_measure_spec(const fs_site_t *site, size_t index, const fs_description_t *d,
                          fs_measure_spec_t *m)
{
    const fs_report_spec_t *s = &site->specs[index];
    /* A dataset without the highlighted force still gets its charts. */
    int highlight_force = site->highlight;
    if (highlight_force >= 0 && !d->present[highlight_force])
        highlight_force = -1;
    fs_site_spec_of(s, highlight_force, m);
    m->groups = site->groups;
    /* A sample over time: every period's comparison, for the change from
     * the first period to the last. */
    if (s->period != NULL && m->kind != FS_MEASURE_VALUE && !s->census)
        m->want |= FS_WANT_PERIODS;
    if (s->period != NULL && site->npages > 0) {
        /* A site's force pages: each force's trend and SPC chart come
         * from the same one computation. */
        want_series(s, m);
        m->trend_force = -1;
        m->trend_forces = site->page_forces;
    }
}

/* ---- the report and its pages ---- */

static fs_status_t no_memory(fs_error_t *err)
{
    return fs_error_set(err, FS_ENOMEM, "out of memory");
}

/* The pages of a site: one a wanted force, in registry order, each with
 * its link from the index. */
static fs_status_t pages_new(fs_site_t *site, const unsigned char *wanted, fs_error_t *err)
{
    for (size_t f = 0; f < FS_FORCE_COUNT; f++)
        site->npages += wanted[f] != 0;
    if ((site->pages = calloc(site->npages ? site->npages : 1, sizeof *site->pages)) == NULL)
        return no_memory(err);
    for (size_t f = 0, k = 0; f < FS_FORCE_COUNT; f++) {
        if (!wanted[f])
            continue;
        fs_site_force_t *p = &site->pages[k++];
        p->force = (int)f;
        site->page_forces[f] = 1;
        fs_site_words_slug(fs_registry_display(f), p->slug, sizeof p->slug);
        snprintf(p->href, sizeof p->href, "forces/%s.html", p->slug);
        snprintf(p->prefix, sizeof p->prefix, "forces/%s-", p->slug);
        site->force_pages[f] = p->href;
        if ((p->res = calloc(site->nspecs ? site->nspecs : 1, sizeof *p->res)) == NULL)
            return no_memory(err);
    }
    return FS_OK;
}

static void results_free(fs_site_result_t *res, size_t n)
{
    for (size_t i = 0; res != NULL && i < n; i++) {
        free(res[i].explanation);
        free(res[i].section);
    }
    free(res);
}

void fs_site_free(fs_site_t *site)
{
    if (site == NULL)
        return;
    for (size_t k = 0; site->pages != NULL && k < site->npages; k++)
        results_free(site->pages[k].res, site->nspecs);
    free(site->pages);
    results_free(site->results, site->nspecs);
    free(site);
}

fs_status_t fs_site_new(fs_site_t **site, const fs_report_spec_t *specs, size_t nspecs,
                        const unsigned char *wanted, int highlight, const fs_site_hooks_t *hooks,
                        fs_stage_t *stage, fs_chart_batch_t *batch, fs_error_t *err)
{
    fs_site_t *s = calloc(1, sizeof *s);
    *site = s;
    if (s == NULL)
        return no_memory(err);
    s->specs = specs;
    s->nspecs = nspecs;
    s->highlight = wanted != NULL ? -1 : highlight;
    s->hooks = *hooks;
    s->stage = stage;
    s->batch = batch;
    if ((s->results = calloc(nspecs ? nspecs : 1, sizeof *s->results)) == NULL)
        return no_memory(err);
    for (size_t i = 0; i < nspecs; i++) {
        s->results[i].spec = &specs[i];
        fs_site_measure_slug(s->results[i].slug, sizeof s->results[i].slug, i, specs[i].title);
    }
    return wanted != NULL ? pages_new(s, wanted, err) : FS_OK;
}

/* The measure's part of force page p: its summary and spine row from the
 * site's computation m (d: the description of its whole table), and its
 * highlighted charts, the trend and SPC chart of a measure with periods
 * from m's series of the force: nothing is computed again. */
static fs_status_t page_measure(fs_site_t *site, size_t index, const fs_description_t *d,
                                const fs_measure_t *m, const fs_band_options_t *band,
                                const fs_changes_t *changes, const char *failure,
                                fs_site_force_t *p, fs_error_t *err)
{
    const fs_report_spec_t *s = &site->specs[index];
    const fs_site_result_t *common = &site->results[index];
    fs_site_result_t *r = &p->res[index];
    memset(r, 0, sizeof *r);
    r->spec = s;
    r->groups = site->groups;
    memcpy(r->slug, common->slug, sizeof r->slug);
    snprintf(r->own, sizeof r->own, "%s-", p->slug);
    r->common = "../";
    memcpy(r->period, common->period, sizeof r->period);
    r->style = common->style;
    r->fixed_decimals = common->fixed_decimals;
    r->csv_bytes = common->csv_bytes;
    r->json_bytes = common->json_bytes;
    int f = p->force;
    if (!d->present[f]) {
        /* Not in this dataset: the site's charts, and no verdict. */
        r->has_bar = common->has_bar;
        r->has_intervals = common->has_intervals;
        r->has_funnel = common->has_funnel;
        memcpy(r->funnel_note, common->funnel_note, sizeof r->funnel_note);
        r->common_charts = 1u << FS_SITE_BAR | 1u << FS_SITE_INTERVALS | 1u << FS_SITE_FUNNEL;
        /* Its spine row: England and Wales and the forces, "-" for it. */
        fs_site_spine_row(m, f, r);
        return fs_site_summarise(&site->hooks, m, band, -1, r, err);
    }
    /* The force's trend and SPC chart, from the site's one computation
     * (a long table's series of each page's force). */
    fs_measure_t view;
    fs_measure_for_force(m, f, &view);
    /* Its own funnel too: one funnel naming all 43 forces cannot be read
     * (their names overlap), and the reader looks for this one. */
    const fs_measure_t *over_time = s->period != NULL ? &view : NULL;
    fs_status_t st = fs_site_queue_charts(site->batch, s, m, over_time, f, p->prefix, r, err);
    if (st == FS_OK) {
        fs_site_spine_row(m, f, r);
        fs_site_change(m, changes, failure, f, r);
        st = fs_site_summarise(&site->hooks, m, band, f, r, err);
    }
    if (s->census)
        r->has_mark = 0;
    fs_measure_free(&view);
    return st;
}

fs_status_t fs_site_add(fs_site_t *site, size_t index, const fs_description_t *d,
                        const fs_measure_t *m, const fs_measure_spec_t *spec, fs_error_t *err)
{
    const fs_report_spec_t *s = &site->specs[index];
    fs_site_result_t *r = &site->results[index];
    int highlight_force = site->highlight;
    if (highlight_force >= 0 && !d->present[highlight_force])
        highlight_force = -1;
    /* The last period as people say it ("year ending March 2019"), the
     * charts' words for it: a year given by its last day too. */
    fs_period_words(m->period, fs_chart_years_ending(m, s->year_ending), r->period,
                    sizeof r->period);
    r->style = spec->kind == FS_MEASURE_PROPORTION ? FS_RS_SHARE : FS_RS_HUMAN;
    r->fixed_decimals = fs_chart_measure_decimals(m) + 1; /* as its charts write them */
    /* The charts, each drawn from the result. */
    r->common = "";
    r->groups = site->groups;
    fs_status_t st = fs_site_queue_charts(site->batch, s, m, m, highlight_force, "", r, err);
    if (st != FS_OK)
        return st;
    fs_site_overview_column(m, r);
    if (site->highlight >= 0) /* a row even where the force has no figure */
        fs_site_spine_row(m, site->highlight, r);
    /* The change from the first period to the last, once for every page:
     * data it cannot be computed for (a force in one period only) get a
     * note saying why, not an error. */
    fs_changes_t changes;
    memset(&changes, 0, sizeof changes);
    fs_error_t why;
    fs_error_clear(&why);
    int have_changes = (m->have & FS_WANT_PERIODS) && m->nperiods >= 2 &&
                       fs_changes_compute(m, m->periods[0].label, m->periods[m->nperiods - 1].label,
                                          0.95, FS_ADJUST_NONE, &changes, &why) == FS_OK;
    if (m->have & FS_WANT_PERIODS && m->nperiods < 2)
        fs_error_set(&why, FS_EDOM, "the data have one period");
    const fs_changes_t *c = have_changes ? &changes : NULL;
    const char *failure = fs_error_message(&why);
    fs_site_change(m, c, failure, highlight_force, r);
    st = fs_site_summarise(&site->hooks, m, &spec->band, highlight_force, r, err);
    if (s->census)
        r->has_mark = 0; /* no interval, so no verdict: the difference is shown */
    for (size_t k = 0; k < site->npages && st == FS_OK; k++)
        st = page_measure(site, index, d, m, &spec->band, c, failure, &site->pages[k], err);
    fs_changes_free(&changes);
    return st;
}

fs_status_t fs_site_queue_spines(fs_site_t *site, fs_error_t *err)
{
    /* The spine chart: where the force stands on every measure, at the
     * top of its page. */
    fs_status_t st = FS_OK;
    if (site->npages == 0)
        st = fs_site_queue_spine(site->batch, site->results, site->nspecs, site->highlight,
                                 "spine.png", &site->spine_height, err);
    for (size_t k = 0; st == FS_OK && k < site->npages; k++) {
        fs_site_force_t *p = &site->pages[k];
        char name[120];
        snprintf(name, sizeof name, "%sspine.png", p->prefix);
        st = fs_site_queue_spine(site->batch, p->res, site->nspecs, p->force, name,
                                 &p->spine_height, err);
    }
    return st;
}

/* Stages a page. */
static fs_status_t stage_page(fs_stage_t *stage, const char *name, const fs_site_result_t *res,
                              size_t n, const fs_site_page_t *page, fs_error_t *err)
{
    fs_buf_t html;
    fs_buf_init(&html);
    fs_status_t st = fs_site_write_page(&html, res, n, page, err);
    if (st == FS_OK)
        st = fs_site_stage_text(stage, name, &html, err);
    fs_buf_free(&html);
    return st;
}

fs_status_t fs_site_stage(fs_site_t *site, const char *outdir, fs_error_t *err)
{
    /* The force pages, then the index, which is staged last. */
    fs_status_t st = FS_OK;
    for (size_t k = 0; st == FS_OK && k < site->npages; k++) {
        const fs_site_force_t *p = &site->pages[k];
        char spine[120];
        snprintf(spine, sizeof spine, "%s-spine.png", p->slug);
        fs_site_page_t pg = {p->force, p->spine_height, spine, 0, NULL, "../index.html"};
        st = stage_page(site->stage, p->href, p->res, site->nspecs, &pg, err);
    }
    /* The pages and charts of an earlier site that this run does not
     * write again go with the commit. */
    if (st == FS_OK)
        st = fs_site_own_pages(site->stage, outdir, site->npages > 0, err);
    if (st == FS_OK) {
        fs_site_page_t pg = {site->highlight,
                             site->spine_height,
                             "spine.png",
                             1,
                             site->npages > 0 ? site->force_pages : NULL,
                             NULL};
        st = stage_page(site->stage, "index.html", site->results, site->nspecs, &pg, err);
    }
    return st;
}

fs_status_t fs_site_stage_text(fs_stage_t *stage, const char *name, const fs_buf_t *b,
                               fs_error_t *err)
{
    if (fs_buf_status(b) != FS_OK)
        return no_memory(err);
    return fs_stage_write(stage, name, b->data ? b->data : "", b->len, err);
}

/* The list of the files a site wrote in forces/ (its pages, their
 * charts), so that the next report into the folder rewrites or removes
 * each of them and never leaves a page with old figures beside new
 * tables. */
#define SITE_LIST "forces/manifest.txt"
#define SITE_LIST_HEAD                                                                             \
    "# forcestat: the files this site wrote in forces/; the next report into this folder\n"        \
    "# writes each of them again or removes it\n"

/* Retires every name in forces/ that the list data[0..len-1] holds; the
 * stage keeps those the run writes again.  A line that is no such name
 * is skipped. */
static fs_status_t retire_listed(fs_stage_t *stage, const char *data, size_t len, fs_error_t *err)
{
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
        if (fs_stage_retire(stage, name, &ignored) == FS_ENOMEM)
            return no_memory(err);
    }
    return FS_OK;
}

fs_status_t fs_site_own_pages(fs_stage_t *stage, const char *outdir, int site, fs_error_t *err)
{
    char path[4096];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", outdir, SITE_LIST);
    if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
        char *data = NULL;
        size_t len = 0;
        fs_status_t st = fs_stage_subfolder(stage, "forces", err);
        if (st == FS_OK)
            st = fs_read_file(path, &data, &len, err);
        if (st == FS_OK)
            st = retire_listed(stage, data, len, err);
        free(data);
        if (st != FS_OK)
            return st;
        if (!site && fs_stage_retire(stage, SITE_LIST, err) != FS_OK)
            return err->status;
    }
    if (!site)
        return FS_OK;
    fs_buf_t list;
    fs_buf_init(&list);
    fs_buf_puts(&list, SITE_LIST_HEAD);
    for (size_t i = 0; fs_stage_name(stage, i) != NULL; i++) {
        if (strncmp(fs_stage_name(stage, i), "forces/", 7) == 0)
            fs_buf_printf(&list, "%s\n", fs_stage_name(stage, i));
    }
    fs_buf_puts(&list, SITE_LIST "\n");
    fs_status_t st = fs_site_stage_text(stage, SITE_LIST, &list, err);
    fs_buf_free(&list);
    return st;
}

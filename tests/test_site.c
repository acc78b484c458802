/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_site.c: the report's measures from a manifest (io/manifest.h) and
 * the report built from them (render/site.h): what each measure asks of
 * the library, the slugs, and the pages, every value escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"
#include "io/manifest.h"
#include "render/site.h"
#include "render/site_internal.h"
#include "render/template.h"
#include "testutil.h"

static fs_table_t *read_csv(const char *text)
{
    fs_table_t *t = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_table_read_memory(&t, text, strlen(text), "dir/m.csv", NULL, &e), FS_OK);
    return t;
}

/* A manifest's rows: files relative to its folder, the enumerations as
 * written, empty cells as NULL. */
static void manifest_rows(void)
{
    fs_table_t *t = read_csv("file,title,kind,value,numerator,denominator,period,higher_is,"
                             "rolling,census\n"
                             "a.csv,A,proportion,p,k,n,,worse,,yes\n"
                             "/abs/b.csv,B,trend,v,,,\"y,q\",better,year,\n"
                             "c.csv,C,rate,r,k,n,,,,\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT(fs_manifest_is(t));
    fs_report_specs_t specs = {NULL, 0, 0};
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_manifest_read(t, &specs, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(specs.n, 3);
    const fs_report_spec_t *a = &specs.v[0], *b = &specs.v[1], *c = &specs.v[2];
    CU_ASSERT_STRING_EQUAL(a->file, "dir/a.csv");
    CU_ASSERT_STRING_EQUAL(b->file, "/abs/b.csv");
    CU_ASSERT_EQUAL(a->kind, FS_REPORT_PROPORTION);
    CU_ASSERT_EQUAL(b->kind, FS_REPORT_TREND);
    CU_ASSERT_EQUAL(c->kind, FS_REPORT_RATE);
    CU_ASSERT_EQUAL(a->higher, FS_REPORT_HIGHER_WORSE);
    CU_ASSERT_EQUAL(b->higher, FS_REPORT_HIGHER_BETTER);
    CU_ASSERT_EQUAL(c->higher, FS_REPORT_HIGHER_NONE);
    CU_ASSERT(a->census && !a->year_ending && b->year_ending && !b->census);
    CU_ASSERT_PTR_NULL(a->period);
    CU_ASSERT_STRING_EQUAL(b->period, "y,q");
    CU_ASSERT_PTR_NULL(b->numerator);
    fs_report_specs_free(&specs);
    CU_ASSERT_EQUAL(specs.n, 0);
    fs_table_free(t);
}

/* Every mistake in a manifest is an error at its line (and column, for a
 * cell), never a measure with a default. */
static void manifest_mistakes(void)
{
    static const struct {
        const char *csv;
        long line, column;
    } bad[] = {
        {"file,title,kind\na,A,value\n", 0, 0},         /* no value column */
        {"file,title,kind,value\na,A,Value,v\n", 2, 3}, /* kind in capitals */
        {"file,title,kind,value,higher_is\na,A,value,v,BETTER\n", 2, 5},
        {"file,title,kind,value,rolling\na,A,value,v,years\n", 2, 5},
        {"file,title,kind,value,census\na,A,value,v,no\n", 2, 5},
        {"file,title,kind,value,period\na,A,trend,v,\"1,2,3,4,5,6,7,8,9\"\n", 2, 5},
        {"file,title,kind,value\na,A,value,v\na,A,,v\n", 3, 0}, /* no kind */
        {"file,title,kind,value\na,,value,v\n", 2, 0},          /* no title */
        {"file,title,kind,value,numerator\na,A,proportion,v,k\n", 2, 0},
        {"file,title,kind,value\na,A,trend,v\n", 2, 0}, /* a trend without period */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fs_table_t *t = read_csv(bad[i].csv);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        fs_report_specs_t specs = {NULL, 0, 0};
        fs_error_t e;
        fs_error_clear(&e);
        CU_ASSERT_EQUAL(fs_manifest_read(t, &specs, &e), bad[i].line ? FS_EPARSE : FS_ENOTFOUND);
        if (bad[i].line) {
            CU_ASSERT_EQUAL(e.line, bad[i].line);
            CU_ASSERT_EQUAL(e.column, bad[i].column);
        }
        fs_report_specs_free(&specs);
        fs_table_free(t);
    }
    /* Eight period columns are allowed. */
    fs_table_t *t = read_csv("file,title,kind,value,period\na,A,trend,v,\"1,2,3,4,5,6,7,8\"\n");
    fs_report_specs_t specs = {NULL, 0, 0};
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_manifest_read(t, &specs, &e), FS_OK);
    fs_report_specs_free(&specs);
    fs_table_free(t);
}

/* A site asks for every page force's series in the one computation, even
 * for a single page; a one-force report for its force's, when the table
 * has it. */
static void measure_specs(void)
{
    fs_description_t *d = NULL;
    fs_table_t *t = tu_table("force,year,v\nEssex,2019,1\nKent,2019,2\nSurrey,2019,3\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_report_spec_t specs[1] = {{0}};
    specs[0].title = "V";
    specs[0].value = "v";
    specs[0].period = "year";
    specs[0].kind = FS_REPORT_TREND;
    fs_site_hooks_t hooks = {NULL, NULL};
    unsigned char wanted[FS_FORCE_COUNT] = {0};
    int kent = fs_registry_match("Kent", 4).force;
    wanted[kent] = 1;
    fs_site_t *site;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_site_new(&site, specs, 1, wanted, 3, &hooks, NULL, NULL, &e), FS_OK);
    CU_ASSERT_EQUAL(site->highlight, -1);
    CU_ASSERT_EQUAL(site->npages, 1);
    CU_ASSERT_STRING_EQUAL(site->pages[0].href, "forces/kent.html");
    CU_ASSERT_STRING_EQUAL(site->results[0].slug, "m01-v");
    fs_measure_spec_t m;
    fs_site_measure_spec(site, 0, d, &m);
    CU_ASSERT(m.want & FS_WANT_TREND);
    CU_ASSERT_EQUAL(m.trend_force, -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m.trend_forces);
    CU_ASSERT(m.trend_forces[kent]);
    CU_ASSERT_EQUAL(m.trend_forces[fs_registry_match("Essex", 5).force], 0);
    fs_site_free(site);
    /* One force's report: its series, or none when the table lacks it. */
    int essex = fs_registry_match("Essex", 5).force,
        dyfed = fs_registry_match("Dyfed-Powys", 11).force;
    CU_ASSERT_EQUAL_FATAL(fs_site_new(&site, specs, 1, NULL, essex, &hooks, NULL, NULL, &e), FS_OK);
    fs_site_measure_spec(site, 0, d, &m);
    CU_ASSERT_EQUAL(m.trend_force, essex);
    CU_ASSERT_PTR_NULL(m.trend_forces);
    site->highlight = dyfed;
    fs_site_measure_spec(site, 0, d, &m);
    CU_ASSERT_EQUAL(m.trend_force, -1);
    CU_ASSERT_EQUAL(m.want & FS_WANT_TREND, 0);
    fs_site_free(site);
    fs_description_free(d);
    fs_table_free(t);
}

/* The report's page (plots/site/page.html): a hostile title, source,
 * sentence and period reach the page escaped wherever they go (heading,
 * summary, navigation, alt text, overview tooltip), never as markup. */
static char *hostile_page(int force, const char *const *force_pages, int spine_height)
{
    static fs_report_spec_t spec;
    memset(&spec, 0, sizeof spec);
    spec.title = "<script>x</script> & \"q\" 'a'";
    spec.source = "<b>source</b>";
    spec.kind = FS_REPORT_RATE;
    static fs_site_result_t r;
    memset(&r, 0, sizeof r);
    r.spec = &spec;
    fs_site_measure_slug(r.slug, sizeof r.slug, 0, spec.title);
    r.common = "";
    r.has_bar = 1;
    r.explanation = "<i>why</i>";
    r.section = "";
    snprintf(r.period, sizeof r.period, "<p>2019</p>");
    snprintf(r.spc_note, sizeof r.spc_note, "<u>note</u>");
    r.has_highlight = 1;
    r.value = 1.5;
    r.lower = 1;
    r.upper = 2;
    r.flag = FS_FLAG_WITHIN;
    r.label = "<em>label</em>";
    r.csv_bytes = 5000;
    r.json_bytes = 3;
    for (size_t f = 0; f < FS_FORCE_COUNT; f++) {
        r.ov_value[f] = (double)f;
        r.ov_class[f] = FS_SITE_WITHIN;
    }
    fs_site_page_t page = {force, spine_height, "spine.png", 1, force_pages, NULL};
    fs_buf_t h;
    fs_buf_init(&h);
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL(fs_site_write_page(&h, &r, 1, &page, &e), FS_OK);
    return h.data;
}

static void page_escapes_every_value(void)
{
    const char *pages[FS_FORCE_COUNT] = {NULL};
    pages[3] = "forces/<x>.html";
    char *one = hostile_page(0, NULL, 0), *index = hostile_page(-1, pages, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_PTR_NOT_NULL_FATAL(index);
    static const char *const raw[] = {"<script>x", "<b>", "<i>", "<p>2019", "<u>", "<em>", "<x>"};
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
        CU_ASSERT_PTR_NULL(strstr(one, raw[i]));
        CU_ASSERT_PTR_NULL(strstr(index, raw[i]));
    }
    /* The spine's alt text names the measure the force has no row on. */
    char *spine = hostile_page(0, NULL, 100);
    CU_ASSERT_PTR_NOT_NULL(spine);
    if (spine != NULL)
        CU_ASSERT_PTR_NOT_NULL(strstr(
            spine, "England and Wales: no data on 1 (&lt;script&gt;x&lt;/script&gt; &amp; "));
    free(spine);
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "<h2>&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot; "
                                       "&#39;a&#39;</h2>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, " (&lt;p&gt;2019&lt;/p&gt;)</a>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "within the band (&lt;em&gt;label&lt;/em&gt;)</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "every force. Source: &lt;b&gt;source&lt;/b&gt;.</p>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(index, "<a href=\"forces/&lt;x&gt;.html\">"));
    /* The page's own markup is there: the style sheet whole, the rate's
     * unit, one overview row a force, the index's list of pages. */
    CU_ASSERT_PTR_NOT_NULL(strstr(one, fs_plot_site));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "<span class=\"unit\"> per 1,000</span>"));
    size_t rows = 0;
    for (const char *p = one; (p = strstr(p, "<td class=\"ov ")) != NULL; p++)
        rows++;
    CU_ASSERT_EQUAL(rows, FS_FORCE_COUNT);
    CU_ASSERT_PTR_NULL(strstr(one, "<ul class=\"forces\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(index, "<ul class=\"forces\">"));
    CU_ASSERT_PTR_NULL(strstr(index, "Summary for"));
    size_t links = 0;
    for (const char *p = index; (p = strstr(p, "<li><a ")) != NULL; p++)
        links++;
    /* the one force with a page, the one measure, its two downloads */
    CU_ASSERT_EQUAL(links, 4);
    free(one);
    free(index);
}

/* The page as the public and a screen reader read it (issue 29): tables
 * with captions and row headings, overview cells with their class as a
 * symbol and in words, headings that sort from the keyboard, figures with
 * fixed decimals and a true minus sign, alt text with the finding, the
 * data's real size. */
static void page_reads_without_colour(void)
{
    const char *pages[FS_FORCE_COUNT] = {NULL};
    char *one = hostile_page(0, NULL, 0), *index = hostile_page(-1, pages, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_PTR_NOT_NULL_FATAL(index);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(one, "<caption>Where Metropolitan Police Service stands on each "));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(one, "<caption>Forces by measure (M1 to M1: key below)</caption>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "<tr><th scope=\"row\" data-label=\"Measure\"><a href="));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "<th scope=\"row\" data-v=\"Metropolitan Police\">"));
    /* Forces 0 to 42 on a band: 1 decimal for all (the middle, 22, to 3 digits). */
    CU_ASSERT_PTR_NOT_NULL(
        strstr(one, "<td class=\"ov within\" data-v=\"0\"><span aria-hidden=\"true\">"
                    "\u25CF</span> 0.0<span class=\"vh\"> within the band</span></td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "<span aria-hidden=\"true\">\u25CF</span> 42.0<span"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(one, "<th scope=\"col\" data-k=\"1\"><button type=\"button\">M1<span class=\"vh\"> "
                    "&lt;script&gt;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "<dt>M1 (against the band)</dt>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "th.setAttribute('aria-sort',up?'ascending':'descending')"));
    CU_ASSERT_PTR_NULL(strstr(one, "...</th>"));
    /* The summary's figures: one number of decimals a row. */
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "data-label=\"Value\">1.50<span class=\"unit\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "data-label=\"Band\">1.00 to 2.00</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "(CSV, 5 KB)</a>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "as JSON (1 KB)</a>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one,
                                  "alt=\"Bar chart of &lt;script&gt;x&lt;/script&gt; &amp; "
                                  "&quot;q&quot; &#39;a&#39; (&lt;p&gt;2019&lt;/p&gt;): "
                                  "Metropolitan Police 1.50 per 1,000, within the band "
                                  "(1.00 to 2.00).\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(index,
                                  "alt=\"Bar chart of &lt;script&gt;x&lt;/script&gt; &amp; "
                                  "&quot;q&quot; &#39;a&#39; (&lt;p&gt;2019&lt;/p&gt;): each "
                                  "force&#39;s figure against the band (1.00 to 2.00).\""));
    free(one);
    free(index);
}

/* The band's sentence for the public: p-values below 0.001 as such. */
static void plain_p_values(void)
{
    static const char *const cases[][2] = {
        {"(Shapiro-Wilk p = 2.94e-14 < 0.05) but (p = 5.45e-12), so",
         "(Shapiro-Wilk p < 0.001) but (p < 0.001), so"},
        {"(p = 0.0266 < 0.05) and (p = 0.00636).", "(p = 0.0266 < 0.05) and (p = 0.00636)."},
        {"p = 0.0009.", "p < 0.001."},
        {"p = 0.001234567", "p = 0.00123"},
        {"p = x and p = ", "p = x and p = "},
        {"no p here", "no p here"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_buf_t b;
        fs_buf_init(&b);
        fs_site_plain_p(&b, cases[i][0]);
        CU_ASSERT_STRING_EQUAL(b.data ? b.data : "", cases[i][1]);
        fs_buf_free(&b);
    }
}

/* A measure's slug: its number and the title's words, cut at a word to
 * at most 48 characters; no words leave the number alone. */
static void measure_slugs(void)
{
    char slug[80];
    fs_site_measure_slug(slug, sizeof slug, 2,
                         "Police officers (FTE) per 1,000 people, 31 March 2020");
    CU_ASSERT_STRING_EQUAL(slug, "m03-police-officers-fte-per-1-000-people-31");
    fs_site_measure_slug(slug, sizeof slug, 10, "<>&");
    CU_ASSERT_STRING_EQUAL(slug, "m11");
    fs_site_measure_slug(slug, sizeof slug, 0, "Crime");
    CU_ASSERT_STRING_EQUAL(slug, "m01-crime");
}

/* Out of memory at each allocation in turn: the manifest's reading and a
 * page's filling each return FS_ENOMEM and free what they took (valgrind
 * and the sanitizer see any leak), and succeed once none fails. */
static const char nomem_manifest[] = "file,title,kind,value,numerator,denominator,period,"
                                     "higher_is,rolling,census,source\n"
                                     "a.csv,A,proportion,p,k,n,,worse,,yes,S\n"
                                     "b.csv,B,trend,v,,,y,better,year,,\n";

static fs_status_t nomem_read(const fs_table_t *t)
{
    fs_report_specs_t specs = {NULL, 0, 0};
    fs_error_t e;
    fs_status_t st = fs_manifest_read(t, &specs, &e);
    fs_report_specs_free(&specs);
    return st;
}

static fs_status_t nomem_page(const fs_site_result_t *r, int force)
{
    const char *pages[FS_FORCE_COUNT] = {NULL};
    pages[1] = "forces/b.html";
    fs_site_page_t page = {force, 100, "spine.png", 1, force < 0 ? pages : NULL, NULL};
    fs_buf_t h;
    fs_buf_init(&h);
    fs_error_t e;
    fs_status_t st = fs_site_write_page(&h, r, 1, &page, &e);
    fs_buf_free(&h);
    return st;
}

/* The rank among peers in words: English ordinals (11th to 13th, 111th
 * included), the kind of group, and nothing without a rank. */
static void rank_words(void)
{
    fs_groups_t peers = {{0}, 0, NULL, NULL, 1, NULL}, groups = {{0}, 0, NULL, NULL, 0, NULL};
    fs_site_result_t r;
    memset(&r, 0, sizeof r);
    char buf[160];
    fs_site_rank_words(&r, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "");
    r.groups = &peers;
    fs_site_rank_words(&r, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "");
    static const struct {
        size_t rank;
        const char *words;
    } cases[] = {{1, "1st"},   {2, "2nd"},   {3, "3rd"},   {4, "4th"},   {11, "11th"},
                 {12, "12th"}, {13, "13th"}, {21, "21st"}, {22, "22nd"}, {23, "23rd"},
                 {101, "101st"}, {111, "111th"}, {112, "112th"}};
    r.peer_n = 200;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.peer_rank = cases[i].rank;
        fs_site_rank_words(&r, buf, sizeof buf);
        char want[160];
        snprintf(want, sizeof want, "%s of 200 in its peer group, highest first", cases[i].words);
        CU_ASSERT_STRING_EQUAL(buf, want);
    }
    r.groups = &groups;
    r.peer_rank = 3;
    r.peer_n = 8;
    fs_site_rank_words(&r, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "3rd of 8 in its most similar group, highest first");
}

static void out_of_memory(void)
{
    fs_table_t *t = read_csv(nomem_manifest);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_report_spec_t spec = {0};
    spec.title = "T";
    spec.source = "S";
    fs_site_result_t r;
    memset(&r, 0, sizeof r);
    r.spec = &spec;
    snprintf(r.slug, sizeof r.slug, "m01-t");
    r.common = "";
    r.has_bar = r.has_funnel = r.has_highlight = 1;
    r.explanation = "E";
    r.section = "<table></table>\n";
    for (int which = 0; which < 3; which++) {
        long n = 1, runs = 0;
        for (; n < 100000; n++) {
            fa_arm(n);
            fs_status_t st = which == 0 ? nomem_read(t) : nomem_page(&r, which == 1 ? 0 : -1);
            long seen = fa_disarm();
            if (seen < n) {
                CU_ASSERT_EQUAL(st, FS_OK);
                break;
            }
            runs++;
            if (st != FS_ENOMEM)
                fprintf(stderr, "\n  operation %d: allocation %ld failed, but the status is %s",
                        which, n, fs_strerror(st));
            CU_ASSERT_EQUAL(st, FS_ENOMEM);
        }
        CU_ASSERT(runs > 0 && n < 100000);
    }
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {{"manifest rows", manifest_rows},
                                      {"manifest mistakes", manifest_mistakes},
                                      {"measure specs", measure_specs},
                                      {"page escapes every value", page_escapes_every_value},
                                      {"page reads without colour", page_reads_without_colour},
                                      {"p-values in plain words", plain_p_values},
                                      {"measure slugs", measure_slugs},
                                      {"rank words", rank_words},
                                      {"out of memory", out_of_memory},
                                      {NULL, NULL}};
    return tu_add_suite("site", tests);
}

const test_suite_t suite_site = {"site", add};

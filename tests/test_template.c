/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_template.c: filling the gnuplot templates of plots/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/fileio.h"

#include "template.h"
#include "testutil.h"

static char *fill(const char *tmpl, fs_tmpl_vars_t *v, fs_status_t *st)
{
    fs_buf_t out;
    fs_buf_init(&out);
    fs_error_t e;
    fs_error_clear(&e);
    *st = fs_tmpl_fill(&out, tmpl, "test", v, &e);
    fs_tmpl_free(v);
    if (*st != FS_OK) {
        fs_buf_free(&out);
        return NULL;
    }
    return out.data ? out.data : strdup("");
}

/* Values go in as literals: a hostile string cannot end its quotes or
 * start a command. */
static void values_are_literals(void)
{
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    fs_tmpl_string(&v, "T", "a\"; system(\"touch x\") #");
    fs_tmpl_number(&v, "N", 0.1);
    fs_status_t st;
    char *s = fill("set title @T@\nx = @N@\n", &v, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "set title \"a\\042\\073 system\\050\\042touch x\\042\\051 \\043\"\n"
                              "x = 0.1\n");
    free(s);
}

/* Flags keep or drop lines, nested, with else; notes are dropped. */
static void flags_choose_lines(void)
{
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    fs_tmpl_flag(&v, "a", 1);
    fs_tmpl_flag(&v, "b", 0);
    fs_status_t st;
    char *s = fill("#@ a note\n1\n@if a@\n2\n@if b@\n3\n@else@\n4\n@end@\n@end@\n"
                   "@if !a@\n5\n@end@\n  @if !b@  \n6\n@end@\n",
                   &v, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "1\n2\n4\n6\n");
    free(s);
}

/* Lists join their items; tics pair a label and a position. */
static void lists_join_items(void)
{
    fs_tmpl_vars_t v;
    fs_tmpl_init(&v);
    fs_tmpl_list(&v, "E");
    fs_tmpl_list_string(&v, "L", "Kent");
    fs_tmpl_list_string(&v, "L", "Essex");
    fs_tmpl_list_number(&v, "M", 1);
    fs_tmpl_list_number(&v, "M", 0);
    fs_tmpl_list_tic(&v, "X", "Kent", 0);
    fs_tmpl_list_tic(&v, "X", "Surrey", 1);
    fs_status_t st;
    char *s = fill("[@E@] [@L@] [@M@] (@X@)", &v, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "[] [\"Kent\", \"Essex\"] [1, 0] (\"Kent\" 0, \"Surrey\" 1)\n");
    free(s);
}

/* A mark the caller did not set, a flag used as a value, a value used as
 * a flag, a lone '@' and unbalanced blocks are errors, never output. */
static void mistakes_are_errors(void)
{
    static const char *const bad[] = {
        "@NOPE@\n", "@f@\n", "@if V@\nx\n@end@\n", "a @ b\n", "@if f@\nx\n", "@end@\n", "@else@\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fs_tmpl_vars_t v;
        fs_tmpl_init(&v);
        fs_tmpl_flag(&v, "f", 1);
        fs_tmpl_string(&v, "V", "v");
        fs_status_t st;
        char *s = fill(bad[i], &v, &st);
        CU_ASSERT_PTR_NULL(s);
        CU_ASSERT_EQUAL(st, FS_EINVAL);
        free(s);
    }
}

/* In an HTML template every string is escaped, so a force's name or a
 * title cannot open a tag or end an attribute; markup goes in as made. */
static void html_values_are_escaped(void)
{
    fs_tmpl_vars_t v;
    fs_tmpl_init_html(&v);
    fs_tmpl_string(&v, "T", "<script>\"'&");
    fs_tmpl_number(&v, "N", 540);
    fs_tmpl_markup(&v, "M", "<b>x</b>");
    fs_tmpl_list_string(&v, "L", "a<b");
    fs_status_t st;
    char *s = fill("<p title=\"@T@\">@N@ @M@ @L@</p>", &v, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s,
                           "<p title=\"&lt;script&gt;&quot;&#39;&amp;\">540 <b>x</b> a&lt;b</p>\n");
    free(s);
}

/* "@@" is an '@' (CSS's @media); a line ending in "@-@" has no newline,
 * so a part kept by a flag can sit inside a line. */
static void at_signs_and_joins(void)
{
    fs_tmpl_vars_t v;
    fs_tmpl_init_html(&v);
    fs_tmpl_flag(&v, "f", 1);
    fs_tmpl_flag(&v, "g", 0);
    fs_tmpl_string(&v, "V", "v");
    fs_status_t st;
    char *s = fill("@@media x{}\na @V@@-@\n@if f@\n (f)@-@\n@end@\n@if g@\n (g)@-@\n@end@\n.\n"
                   "@-@\nz\n",
                   &v, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "@media x{}\na v (f).\nz\n");
    free(s);
}

/* @each@ repeats its lines for each item, in order; inside, a name is
 * the item's, else the enclosing template's; sections nest; an empty
 * section gives nothing, and skipped blocks are not filled. */
static void sections_repeat(void)
{
    fs_tmpl_vars_t v;
    fs_tmpl_init_html(&v);
    fs_tmpl_string(&v, "OUT", "o");
    fs_tmpl_section(&v, "NONE");
    fs_tmpl_flag(&v, "off", 0);
    for (int i = 0; i < 3; i++) {
        fs_tmpl_vars_t *row = fs_tmpl_item(&v, "ROWS");
        CU_ASSERT_PTR_NOT_NULL_FATAL(row);
        fs_tmpl_number(row, "I", i);
        fs_tmpl_flag(row, "odd", i % 2);
        fs_tmpl_section(row, "CELLS");
        for (int j = 0; j < i; j++)
            fs_tmpl_string(fs_tmpl_item(row, "CELLS"), "C", j ? "&" : "<");
    }
    fs_status_t st;
    char *s = fill("[\n@each ROWS@\n@I@@OUT@@-@\n@if odd@\n!@-@\n@end@\n@each CELLS@\n"
                   "(@C@@I@)@-@\n@end@\n\n@end@\n@each NONE@\n@X@\n@end@\n"
                   "@if off@\n@each NOPE@\n@X@\n@end@\n@end@\n]\n",
                   &v, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "[\n0o\n1o!(&lt;1)\n2o(&lt;2)(&amp;2)\n]\n");
    free(s);
}

/* Sections' mistakes are errors too: no @end@, an undeclared section, a
 * flag or value used as a section, a section used as a value, an @else@
 * straight inside an @each@, an @if@ left open inside one. */
static void section_mistakes_are_errors(void)
{
    static const char *const bad[] = {"@each S@\nx\n",
                                      "@each NOPE@\nx\n@end@\n",
                                      "@each f@\nx\n@end@\n",
                                      "@each V@\nx\n@end@\n",
                                      "@S@\n",
                                      "@each S@\n@else@\n@end@\n",
                                      "@each S@\n@if f@\n@end@\n",
                                      "@if f@\n@each S@\n@end@\n",
                                      "@each S@\n@W@\n@end@\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fs_tmpl_vars_t v;
        fs_tmpl_init_html(&v);
        fs_tmpl_flag(&v, "f", 1);
        fs_tmpl_string(&v, "V", "v");
        fs_tmpl_string(fs_tmpl_item(&v, "S"), "W", "w");
        fs_tmpl_item(&v, "S");
        fs_status_t st;
        char *s = fill(bad[i], &v, &st);
        CU_ASSERT_PTR_NULL(s);
        CU_ASSERT_EQUAL(st, FS_EINVAL);
        free(s);
    }
}

/* The embedded templates are the files of plots/, whole. */
static void templates_are_embedded(void)
{
    static const struct {
        const char *file;
        const char *text;
    } t[] = {{"common.gp", fs_plot_common},    {"xtics.gp", fs_plot_xtics},
             {"bar.gp", fs_plot_bar},          {"intervals.gp", fs_plot_intervals},
             {"trend.gp", fs_plot_trend},      {"funnel.gp", fs_plot_funnel},
             {"site/page.html", fs_plot_page}, {"site/overview.html", fs_plot_overview},
             {"site/site.css", fs_plot_site}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/plots/%s", FORCESTAT_SOURCE_DIR, t[i].file);
        char *text;
        size_t len;
        CU_ASSERT_EQUAL_FATAL(fs_read_file(path, &text, &len, NULL), FS_OK);
        CU_ASSERT_EQUAL(strlen(t[i].text), len);
        CU_ASSERT(memcmp(text, t[i].text, len) == 0);
        free(text);
    }
}

static int add(void)
{
    static const tu_test_t tests[] = {{"values are literals", values_are_literals},
                                      {"flags choose lines", flags_choose_lines},
                                      {"lists join items", lists_join_items},
                                      {"mistakes are errors", mistakes_are_errors},
                                      {"html values are escaped", html_values_are_escaped},
                                      {"at signs and joins", at_signs_and_joins},
                                      {"sections repeat", sections_repeat},
                                      {"section mistakes are errors", section_mistakes_are_errors},
                                      {"templates are embedded", templates_are_embedded},
                                      {NULL, NULL}};
    return tu_add_suite("template", tests);
}

const test_suite_t suite_template = {"template", add};

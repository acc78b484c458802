/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_render.c: one result table rendered as CSV, JSON, text and HTML. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "testutil.h"

static const fs_rcol_t cols[] = {
    {.key = "force", .heading = "Force", .width = -8, .max = 8},
    {.key = "value", .type = FS_RT_SOURCE, .heading = "Value", .width = 7},
    {.key = "z", .type = FS_RT_NUMBER, .heading = "z", .width = 6, .style = FS_RS_SIGNED},
    {.key = "band", .type = FS_RT_NUMBER, .csv_only = 1},
    {.key = "share",
     .json_key = "value_share",
     .type = FS_RT_NUMBER,
     .heading = "Share",
     .before = "  ",
     .style = FS_RS_SHARE},
    {.key = "group", .heading = "", .before = " [", .after = "]", .optional = 1},
    {.key = "group_z",
     .type = FS_RT_NUMBER,
     .json_only = 1,
     .heading = "",
     .before = " z ",
     .optional = 1,
     .follows = 6,
     .style = FS_RS_SIGNED}};

static void fill(fs_rtable_t *t)
{
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_rtable_init(t, cols, 7, 3, &e), FS_OK);
    fs_rtable_text(t, 0, 0, "Kent");
    fs_rtable_source(t, 0, 1, "1.50", 1.5);
    fs_rtable_number(t, 0, 2, 0.25);
    fs_rtable_number(t, 0, 3, 0.1);
    fs_rtable_number(t, 0, 4, 0.5);
    fs_rtable_text(t, 0, 5, "A, \"b\"");
    fs_rtable_number(t, 0, 6, -1);
    fs_rtable_text(t, 1, 0, "Devon & Cornwall");
    fs_rtable_source(t, 1, 1, "1,234", 1234);
    fs_rtable_number(t, 1, 3, 0.1);
    fs_rtable_number(t, 1, 4, 0.004);
    fs_rtable_number(t, 1, 6, 2); /* no group: left out of text all the same */
    fs_rtable_text(t, 2, 0, "<b>");
    fs_rtable_number(t, 2, 3, 0.1);
}

static char *take(fs_buf_t *b)
{
    CU_ASSERT_EQUAL(fs_buf_status(b), FS_OK);
    return b->data ? b->data : strdup("");
}

static void csv_has_every_column_but_json_only(void)
{
    fs_rtable_t t;
    fill(&t);
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_csv_header(&b, &t);
    fs_render_csv_rows(&b, &t);
    char *s = take(&b);
    CU_ASSERT_STRING_EQUAL(s, "force,value,z,band,share,group\n"
                              "Kent,1.50,0.25,0.1,0.5,\"A, \"\"b\"\"\"\n"
                              "Devon & Cornwall,1234,,0.1,0.004,\n"
                              "<b>,,,0.1,,\n");
    free(s);
    fs_rtable_free(&t);
}

static void json_has_one_shape(void)
{
    fs_rtable_t t;
    fill(&t);
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_json_rows(&b, &t, "  ", "");
    char *s = take(&b);
    CU_ASSERT_STRING_EQUAL(
        s, "[\n"
           "  {\"force\": \"Kent\", \"value\": 1.5, \"z\": 0.25, \"value_share\": 0.5, \"group\": "
           "\"A, \\\"b\\\"\", \"group_z\": -1},\n"
           "  {\"force\": \"Devon & Cornwall\", \"value\": 1234, \"z\": null, \"value_share\": "
           "0.004, \"group\": null, \"group_z\": 2},\n"
           "  {\"force\": \"<b>\", \"value\": null, \"z\": null, \"value_share\": null, "
           "\"group\": null, \"group_z\": null}\n"
           "]");
    free(s);
    fs_rtable_free(&t);
}

static void text_aligns_rounds_and_leaves_out(void)
{
    fs_rtable_t t;
    fill(&t);
    fs_buf_t b;
    fs_buf_init(&b);
    size_t order[3] = {1, 0, 2};
    fs_render_text(&b, &t, "  ", order);
    char *s = take(&b);
    CU_ASSERT_STRING_EQUAL(s, "  Force      Value      z  Share\n"
                              "  Devon &     1234      -  0.400%\n"
                              "  Kent         1.5  +0.25  50.0% [A, \"b\"] z -1.00\n"
                              "  <b>            -      -  -\n");
    free(s);
    fs_rtable_free(&t);
}

static void html_escapes(void)
{
    fs_rtable_t t;
    fill(&t);
    fs_buf_t b;
    fs_buf_init(&b);
    const char *classes[] = {NULL, "hl"};
    size_t order[2] = {2, 1};
    fs_render_html(&b, &t, order, 2, classes, "Forces & <more>");
    char *s = take(&b);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<caption>Forces &amp; &lt;more&gt;</caption>"));
    /* The first column heads its row; a phone labels each cell. */
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<th scope=\"row\" data-label=\"Force\">&lt;b&gt;</th>"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(s, "<th scope=\"row\" data-label=\"Force\">Devon &amp; Cornwall</th>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<th scope=\"col\" class=\"num\">Value</th>"));
    CU_ASSERT_PTR_NULL(strstr(s, "<b>"));
    CU_ASSERT_PTR_NULL(strstr(s, "Kent")); /* only the rows asked for */
    CU_ASSERT_PTR_NOT_NULL(
        strstr(s, "<tr class=\"hl\"><th scope=\"row\" data-label=\"Force\">Devon"));
    CU_ASSERT_PTR_NULL(strstr(s, "band")); /* a column without a heading */
    free(s);
    fs_rtable_free(&t);
}

/* One column, one number of decimals; a true minus sign, never "-0". */
static void html_fixed_decimals(void)
{
    static const fs_rcol_t c2[] = {
        {.key = "force", .heading = "Force"},
        {.key = "value", .type = FS_RT_NUMBER, .heading = "Value"},
        {.key = "z", .type = FS_RT_NUMBER, .heading = "z", .style = FS_RS_SIGNED},
        {.key = "share", .type = FS_RT_NUMBER, .heading = "Share", .style = FS_RS_SHARE}};
    static const double value[] = {-0.5, 12.25, 3.0, -0.0001}, z[] = {-1.234, 0.5, -0.001, 2};
    static const double share[] = {0.00377, 0.0123, 0.0004, NAN};
    fs_rtable_t t;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_rtable_init(&t, c2, 4, 4, &e), FS_OK);
    for (size_t r = 0; r < 4; r++) {
        fs_rtable_text(&t, r, 0, "F");
        fs_rtable_number(&t, r, 1, value[r]);
        fs_rtable_number(&t, r, 2, z[r]);
        fs_rtable_number(&t, r, 3, share[r]);
    }
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_html(&b, &t, NULL, 0, NULL, NULL);
    char *s = take(&b);
    CU_ASSERT_PTR_NULL(strstr(s, "<caption>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">\u22120.50</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">12.25</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">3.00</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">0.00</td>")); /* -0.0001: no sign */
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">\u22121.23</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">+0.50</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">+2.00</td>"));
    /* Shares: 0.377%, 1.23%, 0.04%: the middle is 0.377, so 3 decimals. */
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">0.377%</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">1.230%</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">0.040%</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\">\u2013</td>")); /* no figure */
    CU_ASSERT_PTR_NULL(strstr(s, ">-"));
    free(s);
    fs_rtable_free(&t);
    /* The middle magnitude sets the decimals, from 0 to 3. */
    double big[] = {1500, 2500, 90000}, tiny[] = {1e-6, 2e-6, NAN, 0}, tens[] = {15.3, 16.49, 11.2};
    double mixed[] = {-0.5, 12.25, 3.0, -0.0001}, none[] = {NAN, 0};
    CU_ASSERT_EQUAL(fs_render_decimals(big, 3, FS_RS_FIXED2), 2);
    CU_ASSERT_EQUAL(fs_render_decimals(big, 3, FS_RS_HUMAN), 0);
    CU_ASSERT_EQUAL(fs_render_decimals(tiny, 4, FS_RS_HUMAN), 3);
    CU_ASSERT_EQUAL(fs_render_decimals(mixed, 4, FS_RS_HUMAN), 2);
    CU_ASSERT_EQUAL(fs_render_decimals(none, 2, FS_RS_HUMAN), 2);
    CU_ASSERT_EQUAL(fs_render_decimals(tens, 3, FS_RS_HUMAN), 1);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"CSV has every column but JSON-only ones", csv_has_every_column_but_json_only},
        {"JSON has one shape", json_has_one_shape},
        {"text aligns, rounds and leaves out", text_aligns_rounds_and_leaves_out},
        {"HTML escapes", html_escapes},
        {"HTML has fixed decimals per column", html_fixed_decimals},
        {NULL, NULL}};
    return tu_add_suite("render", tests);
}

const test_suite_t suite_render = {"render", add};

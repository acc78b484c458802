/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_results.c: result documents (result.h) and the results described
 * with them (results.h): the JSON writer's types and layout, escaping of
 * hostile texts, missing and non-finite figures as null, the note of
 * names left out, and each force against its most similar group computed
 * with the measure. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forcestat/forcestat.h"
#include "render/results.h"
#include "testutil.h"

static char *take(fs_buf_t *b)
{
    CU_ASSERT_EQUAL(fs_buf_status(b), FS_OK);
    return b->data ? b->data : strdup("");
}

/* ---- The writer ---- */

enum { I_A, I_B, I_FIELDS };
static const fs_dfield_t inner_fields[I_FIELDS] = {
    [I_A] = {"a", FS_DT_NUMBER, 0, 0}, [I_B] = {"b", FS_DT_TEXT, 0, 0}};

enum {
    T_INT,
    T_NUM,
    T_NAN,
    T_INF,
    T_TEXT,
    T_NULL_TEXT,
    T_BOOL,
    T_OBJ,
    T_NULL_OBJ,
    T_NUMS,
    T_TEXTS,
    T_UNSET,
    T_FIELDS
};
static const fs_dfield_t types_fields[T_FIELDS] = {
    [T_INT] = {"int", FS_DT_INTEGER, 0, 0},      [T_NUM] = {"num", FS_DT_NUMBER, 0, 0},
    [T_NAN] = {"nan", FS_DT_NUMBER, 0, 0},       [T_INF] = {"inf", FS_DT_NUMBER, 0, 0},
    [T_TEXT] = {"text", FS_DT_TEXT, 0, 0},       [T_NULL_TEXT] = {"none", FS_DT_TEXT, 0, 0},
    [T_BOOL] = {"bool", FS_DT_BOOL, 0, 0},       [T_OBJ] = {"obj", FS_DT_OBJECT, 0, 0},
    [T_NULL_OBJ] = {"nobj", FS_DT_OBJECT, 0, 0}, [T_NUMS] = {"nums", FS_DT_NUMBERS, 0, 0},
    [T_TEXTS] = {"texts", FS_DT_TEXTS, 0, 0},    [T_UNSET] = {"unset", FS_DT_INTEGER, 0, 0}};

/* Every value type on one line: missing and non-finite figures are null,
 * a field never set is left out, texts are escaped. */
static void every_type_inline(void)
{
    fs_doc_t inner, doc;
    fs_doc_init(&inner, inner_fields, I_FIELDS);
    fs_doc_number(&inner, I_A, 0.1);
    fs_doc_text(&inner, I_B, "x");
    fs_doc_init(&doc, types_fields, T_FIELDS);
    fs_doc_integer(&doc, T_INT, 9007199254740993LL);
    fs_doc_number(&doc, T_NUM, -2.5e-7);
    fs_doc_number(&doc, T_NAN, NAN);
    fs_doc_number(&doc, T_INF, -INFINITY);
    fs_doc_text(&doc, T_TEXT, "a \"quoted\" \\ back\nslash\t\x1b[31m\x7f caf\xc3\xa9");
    fs_doc_text(&doc, T_NULL_TEXT, NULL);
    fs_doc_bool(&doc, T_BOOL, 7);
    fs_doc_object(&doc, T_OBJ, &inner);
    fs_doc_object(&doc, T_NULL_OBJ, NULL);
    const double nums[] = {1, NAN, INFINITY, 1e300};
    fs_doc_numbers(&doc, T_NUMS, nums, 4);
    const char *texts[] = {"</script>", NULL, ""};
    fs_doc_texts(&doc, T_TEXTS, texts, 3);
    fs_doc_integer(&doc, T_FIELDS, 1); /* out of range: ignored */
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_json_doc(&b, &doc, 0);
    char *s = take(&b);
    CU_ASSERT_STRING_EQUAL(
        s, "{\"int\": 9007199254740993, \"num\": -2.5e-07, \"nan\": null, \"inf\": null, "
           "\"text\": \"a \\\"quoted\\\" \\\\ back\\nslash\\t\\u001b[31m\x7f caf\xc3\xa9\", "
           "\"none\": null, \"bool\": true, \"obj\": {\"a\": 0.1, \"b\": \"x\"}, "
           "\"nobj\": null, \"nums\": [1, null, null, 1e+300], "
           "\"texts\": [\"</script>\", null, \"\"]}");
    free(s);
}

static const fs_rcol_t row_cols[] = {
    {.key = "name"}, {.key = "v", .type = FS_RT_NUMBER}, {.key = "csv", .csv_only = 1}};

enum { L_FIRST, L_SECOND, L_ROWS, L_EMPTY, L_SHORT, L_INLINE, L_OBJECTS, L_MEMBERS, L_FIELDS };
static const fs_dfield_t layout_fields[L_FIELDS] = {
    [L_FIRST] = {"first", FS_DT_INTEGER, 1, 0},
    [L_SECOND] = {"second", FS_DT_TEXT, 0, 0},
    [L_ROWS] = {"rows", FS_DT_ROWS, 1, 0},
    [L_EMPTY] = {"empty", FS_DT_ROWS, 1, 0},
    [L_SHORT] = {"short", FS_DT_ROWS, 0, 1},
    [L_INLINE] = {"inline", FS_DT_ROWS_INLINE, 1, 0},
    [L_OBJECTS] = {"objects", FS_DT_OBJECTS, 1, 0},
    [L_MEMBERS] = {NULL, FS_DT_MEMBERS, 1, 0}};

/* Fields on new lines at the object's indent + 2, rows one a line two
 * deeper, an object opened on a new line closed on one; members laid out
 * as the field that holds them. */
static void layout(void)
{
    fs_rtable_t rows, empty;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_rtable_init(&rows, row_cols, 3, 2, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(fs_rtable_init(&empty, row_cols, 3, 0, &e), FS_OK);
    fs_rtable_text(&rows, 0, 0, "Kent");
    fs_rtable_number(&rows, 0, 1, 1.5);
    fs_rtable_text(&rows, 1, 0, "Esex");
    fs_doc_t el[2], inner, doc;
    for (int k = 0; k < 2; k++) {
        fs_doc_init(&el[k], layout_fields, L_FIELDS);
        fs_doc_integer(&el[k], L_FIRST, k); /* on a new line: the element too */
    }
    fs_doc_text(&el[1], L_SECOND, "b");
    fs_doc_init(&inner, inner_fields, I_FIELDS);
    fs_doc_number(&inner, I_A, 2);
    fs_doc_text(&inner, I_B, "m");
    fs_doc_init(&doc, layout_fields, L_FIELDS);
    fs_doc_integer(&doc, L_FIRST, 1);
    fs_doc_text(&doc, L_SECOND, "two");
    fs_doc_rows(&doc, L_ROWS, &rows);
    fs_doc_rows(&doc, L_EMPTY, &empty);
    fs_doc_rows(&doc, L_SHORT, &empty);
    fs_doc_rows(&doc, L_INLINE, &rows);
    fs_doc_objects(&doc, L_OBJECTS, el, 2);
    fs_doc_members(&doc, L_MEMBERS, &inner);
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_puts(&b, "  ");
    fs_render_json_doc(&b, &doc, 2);
    char *s = take(&b);
    CU_ASSERT_STRING_EQUAL(s, "  {\n"
                              "    \"first\": 1, \"second\": \"two\",\n"
                              "    \"rows\": [\n"
                              "      {\"name\": \"Kent\", \"v\": 1.5},\n"
                              "      {\"name\": \"Esex\", \"v\": null}\n"
                              "    ],\n"
                              "    \"empty\": [\n"
                              "    ], \"short\": [],\n"
                              "    \"inline\": [{\"name\": \"Kent\", \"v\": 1.5}, "
                              "{\"name\": \"Esex\", \"v\": null}],\n"
                              "    \"objects\": [\n"
                              "      {\n"
                              "        \"first\": 0\n"
                              "      },\n"
                              "      {\n"
                              "        \"first\": 1, \"second\": \"b\"\n"
                              "      }\n"
                              "    ],\n"
                              "    \"a\": 2,\n"
                              "    \"b\": \"m\"\n"
                              "  }");
    free(s);
    fs_rtable_free(&rows);
    fs_rtable_free(&empty);
}

/* An object whose first field is inline closes inline, whatever follows;
 * members of an inline field stay inline. */
static void inline_open_closes_inline(void)
{
    fs_doc_t inner, doc;
    fs_doc_init(&inner, inner_fields, I_FIELDS);
    fs_doc_number(&inner, I_A, 3);
    fs_doc_init(&doc, types_fields, T_FIELDS);
    fs_doc_integer(&doc, T_INT, 4);
    fs_doc_init(&doc, layout_fields, L_FIELDS);
    fs_doc_text(&doc, L_SECOND, "s");
    fs_doc_integer(&doc, L_FIRST, 5);
    fs_doc_members(&doc, L_MEMBERS, NULL); /* no members: nothing */
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_json_doc(&b, &doc, 0);
    char *s = take(&b);
    /* Fields go in the table's order, not the order they were set. */
    CU_ASSERT_STRING_EQUAL(s, "{\n  \"first\": 5, \"second\": \"s\"\n}");
    free(s);
    static const fs_dfield_t one[] = {{"x", FS_DT_TEXT, 0, 0}, {NULL, FS_DT_MEMBERS, 0, 0}};
    fs_doc_init(&doc, one, 2);
    fs_doc_text(&doc, 0, "y");
    fs_doc_members(&doc, 1, &inner);
    fs_buf_init(&b);
    fs_render_json_doc(&b, &doc, 4);
    s = take(&b);
    CU_ASSERT_STRING_EQUAL(s, "{\"x\": \"y\", \"a\": 3}");
    free(s);
}

/* ---- The results ---- */

/* A misspelt force: unrecognised, with the line and "did you mean"; the
 * forces without a row absent.  A table of other units leaves out none. */
static void left_out_note(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,v\nEsex,1\nKent,2\n\"Narnia \"\"x\"\"\",3\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_left_out_t l;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_left_out_init(&l, t, d, &e), FS_OK);
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_json_doc(&b, &l.doc, 0);
    char *s = take(&b);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "{\n  \"unrecognised\": [{\"name\": \"Esex\", \"line\": 2, "
                                     "\"did_you_mean\": \"Essex Police\"}, {\"name\": "
                                     "\"Narnia \\\"x\\\"\", \"line\": 4, \"did_you_mean\": null}],"
                                     "\n  \"absent\": [\"Metropolitan Police Service\""));
    CU_ASSERT_PTR_NULL(strstr(s, "\"Kent"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"Dyfed-Powys Police\"]\n}"));
    free(s);
    fs_left_out_free(&l);
    fs_description_free(d);
    fs_table_free(t);
    t = tu_table("unit,v\nNarnia,1\nGondor,2\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(fs_left_out_init(&l, t, d, &e), FS_OK);
    fs_buf_init(&b);
    fs_render_json_doc(&b, &l.doc, 0);
    s = take(&b);
    CU_ASSERT_STRING_EQUAL(s, "{\n  \"unrecognised\": [],\n  \"absent\": []\n}");
    free(s);
    fs_left_out_free(&l);
    fs_description_free(d);
    fs_table_free(t);
}

/* ci's object: "population" only when given, "symmetric" a bool, a
 * non-finite bound null. */
static void ci_object(void)
{
    fs_interval_t ci = {.estimate = 0.5, .lower = 0.25, .upper = NAN, .margin = 0.25};
    fs_buf_t b;
    fs_buf_init(&b);
    fs_ci_write(&b, FS_FORMAT_JSON, 1, 2, 0.95, 0, FS_CI_WILSON, &ci);
    fs_ci_write(&b, FS_FORMAT_JSON, 1, 2, 0.9, 10, FS_CI_WALD, &ci);
    char *s = take(&b);
    CU_ASSERT_STRING_EQUAL(
        s, "{\"schema_version\": 1, \"method\": \"wilson\", \"successes\": 1, \"trials\": 2, "
           "\"level\": 0.95, \"estimate\": 0.5, \"lower\": 0.25, \"upper\": null, "
           "\"margin\": 0.25, \"symmetric\": false}\n"
           "{\"schema_version\": 1, \"method\": \"wald\", \"successes\": 1, \"trials\": 2, "
           "\"level\": 0.9, \"population\": 10, \"estimate\": 0.5, \"lower\": 0.25, "
           "\"upper\": null, \"margin\": 0.25, \"symmetric\": false}\n");
    free(s);
}

/* shapiro's object: the note of names left out inline after the counts,
 * only for a table. */
static void shapiro_object(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,v\nEsex,1\nKent,2\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_left_out_t l;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_left_out_init(&l, t, d, &e), FS_OK);
    fs_swilk_t res = {.n = 4, .w = 0.9, .p = NAN};
    fs_buf_t b;
    fs_buf_init(&b);
    fs_shapiro_write(&b, FS_FORMAT_JSON, &res, 2, 1, NULL);
    fs_shapiro_write(&b, FS_FORMAT_JSON, &res, 0, 0, &l);
    char *s = take(&b);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "{\"schema_version\": 1, \"n\": 4, \"w\": 0.9, \"p\": null, "
                                     "\"missing\": 2, \"not_forces\": 1}\n{"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"not_forces\": 0, \"unrecognised\": [{\"name\": \"Esex\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"Dyfed-Powys Police\"]}\n"));
    free(s);
    fs_left_out_free(&l);
    fs_description_free(d);
    fs_table_free(t);
}

/* ---- Groups computed with the measure ---- */

static fs_groups_t *groups_of(const char *text)
{
    fs_description_t *d = NULL;
    fs_table_t *t = tu_table(text, &d);
    fs_groups_t *g = NULL;
    fs_error_t e;
    if (t != NULL)
        CU_ASSERT_EQUAL(fs_groups_from_table(t, &g, &e), FS_OK);
    fs_description_free(d);
    fs_table_free(t);
    return g;
}

/* A band's group means and a comparison against each group, as the
 * groups module computes them, and none without groups. */
static void groups_with_the_measure(void)
{
    fs_description_t *d;
    fs_table_t *t =
        tu_table("force,k,n\nEssex,10,100\nKent,30,100\nSurrey,5,10\nDevon and Cornwall,,10\n", &d);
    fs_groups_t *g = groups_of("force,group\nEssex,A\nKent,A\nSurrey,B\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.want = FS_WANT_COMPARISON;
    s.numerator = "k";
    s.denominator = "n";
    fs_measure_t m;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 0, d, &s, &m, &e), FS_OK);
    CU_ASSERT_PTR_NULL(m.group_comparison);
    CU_ASSERT_PTR_NULL(m.group_mean);
    fs_measure_free(&m);
    s.groups = g;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 0, d, &s, &m, &e), FS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m.group_comparison);
    CU_ASSERT_EQUAL_FATAL(m.comparison.nrows, 4);
    fs_group_comparison_t want[4];
    CU_ASSERT_EQUAL_FATAL(fs_groups_compare(g, d, &m.comparison, want, &e), FS_OK);
    for (size_t k = 0; k < m.comparison.nrows; k++) {
        CU_ASSERT_EQUAL(m.group_comparison[k].group, want[k].group);
        CU_ASSERT_EQUAL(m.group_comparison[k].mark, want[k].mark);
    }
    CU_ASSERT_DOUBLE_EQUAL(m.group_comparison[0].pooled.estimate, 40.0 / 200.0, 1e-15);
    CU_ASSERT_EQUAL(m.group_comparison[3].group, -1);
    fs_measure_free(&m);
    CU_ASSERT_PTR_NULL(m.group_comparison);
    s.kind = FS_MEASURE_VALUE;
    s.want = FS_WANT_BAND;
    s.value = "k";
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 0, d, &s, &m, &e), FS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m.group_mean);
    CU_ASSERT_PTR_NULL(m.group_comparison);
    double means[4];
    fs_groups_band_means(g, d, &m.band, means);
    for (size_t k = 0; k < m.band.nrows; k++)
        CU_ASSERT(m.group_mean[k] == means[k] || (isnan(m.group_mean[k]) && isnan(means[k])));
    CU_ASSERT_DOUBLE_EQUAL(m.group_mean[0], 20.0, 1e-12);
    fs_measure_free(&m);
    fs_groups_free(g);
    fs_description_free(d);
    fs_table_free(t);
}

/* Every period of a long table gets its own comparison against the
 * groups, pooled in that period. */
static void groups_in_every_period(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,year,k,n\nEssex,2019,10,100\nKent,2019,30,100\n"
                             "Essex,2020,20,100\nKent,2020,20,100\nSurrey,2020,1,10\n",
                             &d);
    fs_groups_t *g = groups_of("force,group\nEssex,A\nKent,A\nSurrey,B\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    fs_measure_spec_t s;
    fs_measure_spec_init(&s);
    s.kind = FS_MEASURE_PROPORTION;
    s.want = FS_WANT_PERIODS;
    s.numerator = "k";
    s.denominator = "n";
    s.period = "year";
    s.groups = g;
    fs_measure_t m;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_measure_compute(t, 0, NULL, &s, &m, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(m.nperiods, 2);
    for (size_t k = 0; k < 2; k++) {
        const fs_measure_period_t *p = &m.periods[k];
        CU_ASSERT_PTR_NOT_NULL_FATAL(p->group_comparison);
        CU_ASSERT_EQUAL(p->group_comparison[0].group, 0);
        CU_ASSERT_DOUBLE_EQUAL(p->group_comparison[0].pooled.estimate, 40.0 / 200.0, 1e-15);
    }
    CU_ASSERT_EQUAL(m.periods[1].group_comparison[2].group, 1);
    CU_ASSERT_DOUBLE_EQUAL(m.periods[1].group_comparison[2].pooled.estimate, 0.1, 1e-15);
    fs_measure_free(&m);
    fs_groups_free(g);
    fs_description_free(d);
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"every type on one line, null for missing", every_type_inline},
        {"layout: new lines, indents, rows, members", layout},
        {"an object opened inline closes inline", inline_open_closes_inline},
        {"the note of names left out", left_out_note},
        {"ci's object", ci_object},
        {"shapiro's object", shapiro_object},
        {"groups computed with the measure", groups_with_the_measure},
        {"groups in every period", groups_in_every_period},
        {NULL, NULL}};
    return tu_add_suite("results", tests);
}

const test_suite_t suite_results = {"results", add};

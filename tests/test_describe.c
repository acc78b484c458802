/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_describe.c: what `check` reports about a table. */
#include <stdint.h>
#include <string.h>

#include "forcestat/describe.h"
#include "testutil.h"

static void classifies_rows_and_columns(void)
{
    static const char text[] = "area,score,note,mixed\n"
                               "Essex Police,1.5,a,1\n"
                               "England and Wales,2,b,2\n"
                               "Kent,NA,c,x\n"
                               "Narnia,4,d,4\n"
                               "essex,5,e,5\n"
                               "British Transport Police,[x],f,6\n";
    fs_table_t *t;
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, text, sizeof text - 1, "m", NULL, &e), FS_OK);
    fs_description_t *d;
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 0, &d, &e), FS_OK);
    CU_ASSERT_EQUAL(d->units[0].kind, FS_UNIT_FORCE);
    CU_ASSERT_EQUAL(d->units[1].kind, FS_UNIT_NATIONAL);
    CU_ASSERT_EQUAL(d->units[2].kind, FS_UNIT_FORCE);
    CU_ASSERT_EQUAL(d->units[3].kind, FS_UNIT_UNKNOWN);
    CU_ASSERT_EQUAL(d->units[4].kind, FS_UNIT_FORCE);
    CU_ASSERT_EQUAL(d->units[5].kind, FS_UNIT_OTHER_FORCE);
    CU_ASSERT_EQUAL(d->forces_present, 2);
    CU_ASSERT_EQUAL(d->nduplicates, 1);
    CU_ASSERT_EQUAL(d->duplicate_rows[0], 4);
    CU_ASSERT_TRUE(d->columns[1].is_measure);
    CU_ASSERT_EQUAL(d->columns[1].numbers, 4);
    CU_ASSERT_EQUAL(d->columns[1].missing, 2);
    CU_ASSERT_FALSE(d->columns[0].is_measure);
    CU_ASSERT_FALSE(d->columns[2].is_measure);
    CU_ASSERT_FALSE(d->columns[3].is_measure);
    CU_ASSERT_EQUAL(d->columns[3].invalid, 1);
    CU_ASSERT_EQUAL(d->columns[3].first_invalid_row, 2);
    fs_description_free(d);
    CU_ASSERT_EQUAL(fs_describe(t, 9, &d, &e), FS_EINVAL);
    fs_description_free(NULL);
    fs_table_free(t);
}

static void repeated_labels_reuse_the_match(void)
{
    static const char text[] = "f,v\nKent,1\nKent,2\nSurrey,3\nKent,4\n";
    fs_table_t *t;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, text, sizeof text - 1, "m", NULL, &e), FS_OK);
    fs_description_t *d;
    CU_ASSERT_EQUAL_FATAL(fs_describe(t, 0, &d, &e), FS_OK);
    CU_ASSERT_EQUAL(d->units[1].force, d->units[0].force);
    CU_ASSERT_STRING_EQUAL(d->units[3].code, "E23000032");
    CU_ASSERT_STRING_EQUAL(d->units[2].code, "E23000031");
    CU_ASSERT_EQUAL(d->nduplicates, 2);
    fs_description_free(d);
    fs_table_free(t);
}

/* A force twice in one table: described, and refused where a comparison
 * needs each force once. */
static void duplicates_are_refused_where_they_matter(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("force,v\nEssex,1\nKent,2\nEssex Police,3\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(d->nduplicates, 1);
    fs_error_t e;
    CU_ASSERT_EQUAL(fs_description_check_unique(t, d, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(e.line, 4);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_DUPLICATE_FORCE);
    CU_ASSERT_EQUAL(e.index, 2); /* "Essex Police", the second Essex */
    fs_description_free(d);
    fs_table_free(t);
}

/* The force column by content: after a year, beside a code column (names
 * win), by header on a tie of name columns, and column 0 when there is
 * none. */
static void the_force_column_is_found_by_content(void)
{
    fs_description_t *d;
    int found = -1;
    fs_table_t *t = tu_table("year,code,name,v\n2019,E23000028,Essex,1\n2019,E23000032,Kent,2\n"
                             "2020,E23000028,Essex,3\n2020,E23000032,Kent,4\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(fs_find_force_column(t, &found), 2);
    CU_ASSERT_EQUAL(found, 1);
    fs_description_free(d);
    fs_table_free(t);
    t = tu_table("label,force_name,v\nEssex,Essex,1\nKent,Kent,2\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(fs_find_force_column(t, &found), 1); /* the header decides */
    fs_description_free(d);
    fs_table_free(t);
    t = tu_table("a,b,c\nEssex,Kent,Surrey\nx,Sussex,y\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(fs_find_force_column(t, &found), 1); /* the most distinct forces */
    fs_description_free(d);
    fs_table_free(t);
    t = tu_table("school,pupils\nSt Mary's,300\nHillside,250\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(fs_find_force_column(t, &found), 0);
    CU_ASSERT_EQUAL(found, 0);
    fs_description_free(d);
    fs_table_free(t);
}

/* An area-type column sets a region apart from the force of the same
 * name; unrecognised names are listed once each, and absent forces known. */
static void area_types_and_left_out_rows(void)
{
    fs_description_t *d;
    fs_table_t *t = tu_table("area,area_type,v\nWest Midlands,region,10\nWest Midlands,force,6\n"
                             "Wales,country,7\nEsex,force,1\nEsex,force,1\nNarnia,force,2\n"
                             "Esex,force,1\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(d->area_type_column, 1);
    CU_ASSERT_EQUAL(d->units[0].kind, FS_UNIT_REGION);
    CU_ASSERT_STRING_EQUAL(d->units[0].code, "E12000005");
    CU_ASSERT_EQUAL(d->units[1].kind, FS_UNIT_FORCE);
    CU_ASSERT_EQUAL(d->units[2].kind, FS_UNIT_COUNTRY);
    CU_ASSERT_EQUAL(d->nduplicates, 0);
    CU_ASSERT_EQUAL(d->forces_present, 1);
    CU_ASSERT_EQUAL(d->nunknown, 2); /* Esex (three rows) and Narnia */
    CU_ASSERT_EQUAL(d->unknown_rows[0], 3);
    CU_ASSERT_EQUAL(d->unknown_rows[1], 5);
    CU_ASSERT_EQUAL(d->unknown_more, 0);
    int wm = fs_registry_find_code("E23000014");
    CU_ASSERT_EQUAL(d->present[wm], 1);
    CU_ASSERT_EQUAL(d->present[fs_registry_find_code("E23000028")], 0);
    fs_description_free(d);
    fs_table_free(t);
    /* Without such a column, the same names are a duplicate. */
    t = tu_table("area,v\nWest Midlands,10\nWest Midlands,6\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(d->area_type_column, SIZE_MAX);
    CU_ASSERT_EQUAL(d->nduplicates, 1);
    fs_description_free(d);
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"classifies rows and columns", classifies_rows_and_columns},
        {"repeated labels reuse the match", repeated_labels_reuse_the_match},
        {"duplicates are refused where they matter", duplicates_are_refused_where_they_matter},
        {"the force column is found by content", the_force_column_is_found_by_content},
        {"area types and left-out rows", area_types_and_left_out_rows},
        {NULL, NULL}};
    return tu_add_suite("describe", tests);
}

const test_suite_t suite_describe = {"describe", add};

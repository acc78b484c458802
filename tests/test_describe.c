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

/* The role of each column of text (force column 0), in *roles. */
static void roles_of(const char *text, fs_column_role_t *roles, size_t n)
{
    fs_description_t *d;
    fs_table_t *t = tu_table(text, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->ncols, n);
    for (size_t c = 0; c < n; c++) {
        roles[c] = fs_column_role(t, d, c);
        /* Periods and identifiers are no measure; a constant one is. */
        CU_ASSERT_EQUAL(d->columns[c].is_measure,
                        roles[c] == FS_COLUMN_MEASURE || roles[c] == FS_COLUMN_CONSTANT);
    }
    CU_ASSERT_EQUAL(fs_column_role(t, d, n), FS_COLUMN_TEXT);
    fs_description_free(d);
    fs_table_free(t);
}

static void periods_and_identifiers_are_no_measure(void)
{
    /* Header AND content: each column a header word of a period or an
     * identifier over numbers that are one, or not. */
    fs_column_role_t r[12];
    roles_of("force,Year,year_ending,FinancialYEAR,Period,Qtr,Date,Force ID,pfa code,Yearly,"
             "2019,Score\n"
             "Essex,2019,1900,2019,201903,1,20190331,7,0,2019,2019,1.5\n"
             "Kent,2020,2100,2020,210012,4,21001231,8,12,2020,2020,2.5\n"
             "Surrey,NA,2000,2021,190001,2,19000101,9,3,2021,2021,3\n",
             r, 12);
    CU_ASSERT_EQUAL(r[0], FS_COLUMN_TEXT);
    CU_ASSERT_EQUAL(r[1], FS_COLUMN_PERIOD);
    CU_ASSERT_EQUAL(r[2], FS_COLUMN_PERIOD);
    CU_ASSERT_EQUAL(r[3], FS_COLUMN_PERIOD);
    CU_ASSERT_EQUAL(r[4], FS_COLUMN_PERIOD);
    CU_ASSERT_EQUAL(r[5], FS_COLUMN_PERIOD);
    CU_ASSERT_EQUAL(r[6], FS_COLUMN_PERIOD);
    CU_ASSERT_EQUAL(r[7], FS_COLUMN_IDENTIFIER);
    CU_ASSERT_EQUAL(r[8], FS_COLUMN_IDENTIFIER);
    /* A word that only holds "year", and a year as the header. */
    CU_ASSERT_EQUAL(r[9], FS_COLUMN_MEASURE);
    CU_ASSERT_EQUAL(r[10], FS_COLUMN_MEASURE);
    CU_ASSERT_EQUAL(r[11], FS_COLUMN_MEASURE);
    /* The same headers over numbers that are no period or identifier. */
    /* Each column fails by one cell alone, the others periods. */
    roles_of("force,Year,year_ending,Period,Qtr,Month,Date,Day date,Force ID,Week,FY\n"
             "Essex,2019,1899,201913,5,13,20191331,20190132,-1,54,2101\n"
             "Kent,2020.5,2000,201901,1,1,20190101,20190101,1,1,2000\n"
             "Surrey,2021,2000,201902,2,2,20190102,20190102,2,2,2000\n",
             r, 11);
    for (size_t c = 1; c < 11; c++)
        CU_ASSERT_EQUAL(r[c], FS_COLUMN_MEASURE);
    /* Months and weeks under their headers; a code column of text; a
     * word of a measure beside a word of a period or an identifier. */
    roles_of("force,month,Week number,code,Crimes per year,reference_count,Year total,ID count\n"
             "Essex,12,53,E23000028,2019,7,2019,1\nKent,1,1,E23000032,2020,8,2020,2\n",
             r, 8);
    CU_ASSERT_EQUAL(r[1], FS_COLUMN_PERIOD);
    CU_ASSERT_EQUAL(r[2], FS_COLUMN_PERIOD);
    CU_ASSERT_EQUAL(r[3], FS_COLUMN_TEXT);
    for (size_t c = 4; c < 8; c++)
        CU_ASSERT_EQUAL(r[c], FS_COLUMN_MEASURE);
}

static void a_constant_measure_is_over_the_forces(void)
{
    fs_column_role_t r[5];
    /* v: the forces all 3 (England and Wales and BTP aside); w: two
     * forces only, too few for a band, not constant; x: 3 equal and one
     * missing; y: one differs. */
    static const char text[] = "force,v,w,x,y\n"
                               "Essex,3,1,4,1\n"
                               "Kent,3,1,4,1\n"
                               "Surrey,3,NA,NA,1\n"
                               "Sussex,3,NA,4,2\n"
                               "England and Wales,12,1,5,1\n"
                               "British Transport Police,9,1,4,1\n";
    roles_of(text, r, 5);
    CU_ASSERT_EQUAL(r[1], FS_COLUMN_CONSTANT);
    CU_ASSERT_EQUAL(r[2], FS_COLUMN_MEASURE);
    CU_ASSERT_EQUAL(r[3], FS_COLUMN_CONSTANT);
    CU_ASSERT_EQUAL(r[4], FS_COLUMN_MEASURE);
    fs_description_t *d;
    fs_table_t *t = tu_table(text, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    size_t n = 0;
    double value = 0;
    CU_ASSERT_TRUE(fs_column_constant(t, d, 3, &n, &value));
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(value, 4);
    CU_ASSERT_FALSE(fs_column_constant(t, d, 2, &n, NULL));
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_FALSE(fs_column_constant(t, d, 0, NULL, NULL));
    CU_ASSERT_FALSE(fs_column_constant(t, d, 5, NULL, NULL));
    fs_description_free(d);
    fs_table_free(t);
}

static void an_england_and_wales_total_is_within_one_percent(void)
{
    /* The forces sum to 1000 in every column; BTP and the region are no
     * force and count for nothing.  a: 1010, on the 1% line; b: 1010.5,
     * past it; c: 990, below; d: an average; e: the sum with BTP and the
     * region; f: a total with one force missing (the sum of those with a
     * value: 800). */
    static const char text[] = "force,a,b,c,d,e,f\n"
                               "Essex,100,100,100,100,100,100\n"
                               "Kent,200,200,200,200,200,NA\n"
                               "Surrey,700,700,700,700,700,700\n"
                               "British Transport Police,500,500,500,500,500,500\n"
                               "South East,900,900,900,900,900,900\n"
                               "England and Wales,1010,1010.5,990,333.3,2400,808\n";
    fs_description_t *d;
    fs_table_t *t = tu_table(text, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    fs_national_total_t total = {0};
    CU_ASSERT_TRUE(fs_description_national_total(t, d, 1, &total));
    CU_ASSERT_EQUAL(total.row, 5);
    CU_ASSERT_EQUAL(total.value, 1010);
    CU_ASSERT_EQUAL(total.forces_sum, 1000);
    CU_ASSERT_EQUAL(total.forces, 3);
    CU_ASSERT_FALSE(fs_description_national_total(t, d, 2, NULL));
    CU_ASSERT_TRUE(fs_description_national_total(t, d, 3, &total));
    CU_ASSERT_EQUAL(total.value, 990);
    CU_ASSERT_FALSE(fs_description_national_total(t, d, 4, NULL));
    CU_ASSERT_FALSE(fs_description_national_total(t, d, 5, NULL));
    CU_ASSERT_TRUE(fs_description_national_total(t, d, 6, &total));
    CU_ASSERT_EQUAL(total.forces_sum, 800);
    CU_ASSERT_EQUAL(total.forces, 2);
    CU_ASSERT_FALSE(fs_description_national_total(t, d, 0, NULL));
    CU_ASSERT_FALSE(fs_description_national_total(t, d, 7, NULL));
    fs_description_free(d);
    fs_table_free(t);
    /* Other spellings; no national row; a single force; a zero sum. */
    static const char *const tables[] = {
        "force,v\nEssex,1\nKent,2\nEngland & Wales,3\n",
        "force,v\nEssex,1\nKent,2\nENGLAND AND WALES (43 territorial forces),3\n",
        "force,v\nEssex,1\nKent,2\nK04000001,3\n",
        "force,v\nEssex,1\nKent,2\nTotal,3\n",
        "force,v\nEssex,1\nKent,NA\nEngland and Wales,1\n",
        "force,v\nEssex,1\nKent,-1\nEngland and Wales,0\n"};
    for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
        t = tu_table(tables[k], &d);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(fs_description_national_total(t, d, 1, NULL), k < 3);
        fs_description_free(d);
        fs_table_free(t);
    }
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"classifies rows and columns", classifies_rows_and_columns},
        {"repeated labels reuse the match", repeated_labels_reuse_the_match},
        {"duplicates are refused where they matter", duplicates_are_refused_where_they_matter},
        {"the force column is found by content", the_force_column_is_found_by_content},
        {"area types and left-out rows", area_types_and_left_out_rows},
        {"periods and identifiers are no measure", periods_and_identifiers_are_no_measure},
        {"a constant measure is over the forces", a_constant_measure_is_over_the_forces},
        {"an England and Wales total is within 1%",
         an_england_and_wales_total_is_within_one_percent},
        {NULL, NULL}};
    return tu_add_suite("describe", tests);
}

const test_suite_t suite_describe = {"describe", add};

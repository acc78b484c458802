/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_workbook.c: reading .xlsx and .ods workbooks (stats/io/book.c,
 * xlsx.c, ods.c, zip.c) from the fixtures of tests/data/workbooks. */
#include <stdlib.h>
#include <string.h>

#include "forcestat/aggregate.h"
#include "forcestat/dataset.h"
#include "forcestat/status.h"
#include "io/workbook.h"
#include "testutil.h"

#define WB FORCESTAT_TEST_DATA "/workbooks/"

static fs_table_t *read_book(const char *file, const char *sheet, const char *range,
                             fs_status_t want, fs_error_t *e)
{
    fs_table_t *t = NULL;
    fs_sheet_choice_t which = {sheet, range};
    fs_error_clear(e);
    CU_ASSERT_EQUAL(fs_table_read_sheet(&t, file, &which, NULL, e), want);
    return t;
}

static void layout_found(void)
{
    const char *files[] = {WB "layout.xlsx", WB "layout.ods"};
    for (size_t f = 0; f < 2; f++) {
        fs_error_t e;
        fs_table_t *t = read_book(files[f], NULL, NULL, FS_OK, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(t->ncols, 5);
        CU_ASSERT_EQUAL(t->nrows, 3); /* the footnote under the blank row is left out */
        CU_ASSERT_STRING_EQUAL(t->columns[0], "Force");
        CU_ASSERT_STRING_EQUAL(t->columns[2], "2019 Q2");
        CU_ASSERT_STRING_EQUAL(t->columns[3], "2020 Q1");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 1), "3200.123456789012");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 3), "[x]");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 1, 2), "[c]");
        CU_ASSERT_EQUAL(t->lines[0], 5);
        CU_ASSERT_EQUAL(t->lines[2], 7);
        fs_table_free(t);
    }
}

/* A header row with an empty cell, then data at once (gap.xlsx/.ods):
 * the first data row has numbers, so it is data, not a second header
 * row, and the table keeps both forces. */
static void gap_in_header(void)
{
    const char *files[] = {WB "gap.xlsx", WB "gap.ods"};
    for (size_t f = 0; f < 2; f++) {
        fs_error_t e;
        fs_table_t *t = read_book(files[f], NULL, NULL, FS_OK, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(t->ncols, 4);
        CU_ASSERT_EQUAL(t->nrows, 2);
        CU_ASSERT_STRING_EQUAL(t->columns[0], "Force");
        CU_ASSERT_STRING_EQUAL(t->columns[1], "Officers");
        CU_ASSERT_STRING_EQUAL(t->columns[3], "Staff");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 0), "Essex Police");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 1, 3), "2500.75");
        fs_table_free(t);
    }
}

static void dates_and_precision(void)
{
    const char *files[] = {WB "officers.xlsx", WB "officers.ods"};
    for (size_t f = 0; f < 2; f++) {
        fs_error_t e;
        fs_table_t *t = read_book(files[f], "Table 1", NULL, FS_OK, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(t->nrows, 645);
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 0), "2007-03-01");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 1, 2), "1203.6399999999999");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 644, 0), "2020-09-01");
        fs_table_free(t);
    }
}

/* Excel's 1900 dates (its false 29 February 1900 between 59 and 61),
 * dates with a time of day, and repeated .ods cells and rows. */
static void dates_and_repeats(void)
{
    const char *files[] = {WB "layout.xlsx", WB "layout.ods"};
    for (size_t f = 0; f < 2; f++) {
        fs_error_t e;
        fs_table_t *t = read_book(files[f], "Table 3", NULL, FS_OK, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL_FATAL(t->nrows, 7);
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 1), "1900-01-01");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 1, 1), "1900-02-28");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 2, 1), "1900-03-01");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 3, 1), "2020-03-31");
        CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 4, 1), "2020-03-31T12:30:00");
        for (size_t r = 5; r < 7; r++) {
            CU_ASSERT_STRING_EQUAL(fs_table_cell(t, r, 0), "same");
            CU_ASSERT_STRING_EQUAL(fs_table_cell(t, r, 1), "7");
            CU_ASSERT_STRING_EQUAL(fs_table_cell(t, r, 2), "7");
            CU_ASSERT_EQUAL(t->lines[r], (long)r + 3);
        }
        fs_table_free(t);
    }
}

static void choices(void)
{
    fs_error_t e;
    fs_table_t *t = read_book(WB "layout.ods", "2", "B4:C6", FS_OK, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->ncols, 2);
    CU_ASSERT_EQUAL(t->nrows, 2);
    CU_ASSERT_STRING_EQUAL(t->columns[1], "Q2");
    CU_ASSERT_STRING_EQUAL(t->name, WB "layout.ods: Table 2!B:C");
    fs_table_free(t);
    CU_ASSERT_PTR_NULL(read_book(WB "layout.ods", "Table 9", NULL, FS_ENOTFOUND, &e));
    CU_ASSERT_PTR_NULL(read_book(WB "layout.ods", "Cover", NULL, FS_ENOTFOUND, &e));
    CU_ASSERT_PTR_NULL(read_book(WB "layout.ods", NULL, "B9:A1", FS_EINVAL, &e));
    CU_ASSERT_PTR_NULL(read_book(FORCESTAT_TEST_DATA "/small.csv", "1", NULL, FS_EINVAL, &e));
    fs_sheet_choice_t bad_range = {NULL, "A1"}, no_sheet = {"Notes", NULL};
    CU_ASSERT_EQUAL(fs_table_read_sheet(&t, WB "layout.xlsx", &bad_range, NULL, &e), FS_EINVAL);
    CU_ASSERT_EQUAL(fs_table_read_sheet(&t, WB "layout.xlsx", &no_sheet, NULL, &e), FS_ENOTFOUND);
    CU_ASSERT_PTR_NULL(t);
    fs_reader_t *r = NULL;
    fs_sheet_choice_t which = {"nope", NULL};
    CU_ASSERT_EQUAL(fs_reader_open_sheet(&r, WB "layout.xlsx", &which, NULL, &e), FS_OK);
    fs_record_t rec;
    CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_ENOTFOUND);
    fs_reader_free(r);
    which.sheet = "1";
    which.range = "A1:B2:C3";
    CU_ASSERT_EQUAL(fs_reader_open_sheet(&r, WB "layout.xlsx", &which, NULL, &e), FS_OK);
    CU_ASSERT_EQUAL(fs_reader_next(r, &rec, &e), FS_EINVAL);
    fs_reader_free(r);
}

static void hostile(void)
{
    fs_error_t e;
    CU_ASSERT_PTR_NULL(read_book(WB "bomb.xlsx", NULL, NULL, FS_ELIMIT, &e));
    CU_ASSERT_PTR_NULL(read_book(WB "truncated.xlsx", NULL, NULL, FS_EPARSE, &e));
    CU_ASSERT_PTR_NULL(read_book(WB "encrypted.xlsx", NULL, NULL, FS_EPARSE, &e));
    CU_ASSERT_STRING_EQUAL(e.message, "an encrypted workbook: save it again without a password");
    CU_ASSERT_PTR_NULL(read_book(WB "old.xls", NULL, NULL, FS_EPARSE, &e));
    CU_ASSERT_STRING_EQUAL(e.message,
                           "an .xls workbook (the old binary format): save it as .xlsx or .ods");
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.max_field_bytes = 8; /* "Police officers (FTE)..." is longer */
    fs_table_t *t = NULL;
    CU_ASSERT_EQUAL(fs_table_read(&t, WB "officers.xlsx", &opt, &e), FS_ELIMIT);
    CU_ASSERT_PTR_NULL(t);
}

/* aggregate reads a workbook whole, with any number of threads: it is no
 * text to split into byte ranges. */
static void aggregated(void)
{
    const char *by[] = {"date"};
    fs_aggregate_spec_t spec = {by, 1, "officers", NULL, 0, NULL, NULL, NULL};
    const char *files[] = {WB "officers.xlsx", WB "officers.ods"};
    for (size_t f = 0; f < 2; f++) {
        fs_aggregate_result_t *res = NULL;
        fs_error_t e;
        fs_error_clear(&e);
        CU_ASSERT_EQUAL_FATAL(fs_aggregate_file_split(files[f], &spec, NULL, 4, 1, &res, &e),
                              FS_OK);
        CU_ASSERT_EQUAL(res->rows_read, 645);
        CU_ASSERT_EQUAL(res->ngroups, 15);
        fs_aggregate_result_free(res);
    }
}

static void sheets_listed(void)
{
    fs_sheet_list_t l;
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL_FATAL(fs_workbook_sheets(&l, WB "layout.xlsx", NULL, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(l.n, 3);
    CU_ASSERT_EQUAL(l.sheets[2].nrows, 7);
    CU_ASSERT_EQUAL(l.sheets[2].last_row, 9);
    CU_ASSERT(l.sheets[0].passed_over);
    CU_ASSERT(!l.sheets[0].has_table);
    CU_ASSERT(l.sheets[1].has_table);
    CU_ASSERT_EQUAL(l.sheets[1].first_row, 3);
    CU_ASSERT_EQUAL(l.sheets[1].last_row, 7);
    CU_ASSERT_EQUAL(l.sheets[1].first_col, 0);
    CU_ASSERT_EQUAL(l.sheets[1].last_col, 4);
    CU_ASSERT_EQUAL(l.sheets[1].header_rows, 2);
    CU_ASSERT_EQUAL(l.sheets[1].nrows, 3);
    CU_ASSERT_STRING_EQUAL(l.sheets[1].header[4], "2020 Q2");
    fs_sheet_list_free(&l);
    fs_sheet_list_free(&l); /* emptied: a second free is harmless */
    CU_ASSERT_EQUAL(fs_workbook_sheets(&l, FORCESTAT_TEST_DATA "/small.csv", NULL, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(l.n, 0);
    CU_ASSERT_EQUAL(fs_workbook_sheets(&l, WB "truncated.xlsx", NULL, &e), FS_EPARSE);
    CU_ASSERT_EQUAL(fs_workbook_sheets(&l, WB "missing.xlsx", NULL, &e), FS_EIO);
}

static void cell_places(void)
{
    long col, row;
    CU_ASSERT(fs_cell_ref_parse("C17", 3, &col, &row));
    CU_ASSERT_EQUAL(col, 2);
    CU_ASSERT_EQUAL(row, 17);
    CU_ASSERT(fs_cell_ref_parse("AB", 2, &col, &row));
    CU_ASSERT_EQUAL(col, 27);
    CU_ASSERT_EQUAL(row, 0);
    CU_ASSERT(fs_cell_ref_parse("XFD1048576", 10, &col, &row));
    CU_ASSERT_EQUAL(col, 16383);
    CU_ASSERT(!fs_cell_ref_parse("XFE1", 4, &col, &row));
    CU_ASSERT(!fs_cell_ref_parse("A0", 2, &col, &row));
    CU_ASSERT(!fs_cell_ref_parse("17", 2, &col, &row));
    CU_ASSERT(!fs_cell_ref_parse("A1x", 3, &col, &row));
    char buf[8];
    fs_column_letters(0, buf);
    CU_ASSERT_STRING_EQUAL(buf, "A");
    fs_column_letters(25, buf);
    CU_ASSERT_STRING_EQUAL(buf, "Z");
    fs_column_letters(26, buf);
    CU_ASSERT_STRING_EQUAL(buf, "AA");
    fs_column_letters(16383, buf);
    CU_ASSERT_STRING_EQUAL(buf, "XFD");
    /* An error in a workbook's table names its sheet and cell. */
    fs_error_t e;
    fs_error_clear(&e);
    fs_error_at(&e, "x.ods: Table 3!C:H", 17, 1, "12a", 3);
    fs_error_set(&e, FS_EPARSE, "not a number");
    char line[256];
    fs_error_format(&e, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "x.ods: Table 3!C17: not a number ('12a')");
    fs_error_at(&e, "x.ods: Table 3!C:H", 17, 0, NULL, 0);
    fs_error_format(&e, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "x.ods: Table 3!C17:H17: not a number");
    fs_error_at(&e, "x.ods: Table 3!C:H", 0, 0, NULL, 0);
    fs_error_format(&e, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "x.ods: Table 3!C:H: not a number");
    fs_error_at(&e, "a!b.csv", 2, 3, NULL, 0);
    fs_error_format(&e, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "a!b.csv:2:3: not a number");
}

static int add(void)
{
    static const tu_test_t tests[] = {{"the table in the publishers' layout", layout_found},
                                      {"a gap in the header row", gap_in_header},
                                      {"ISO dates and full precision", dates_and_precision},
                                      {"dates, times and repeats", dates_and_repeats},
                                      {"a sheet and a range chosen", choices},
                                      {"broken, encrypted, old and bomb", hostile},
                                      {"the sheets listed", sheets_listed},
                                      {"aggregated, never split", aggregated},
                                      {"cell references and places", cell_places},
                                      {NULL, NULL}};
    return tu_add_suite("workbook", tests);
}

const test_suite_t suite_workbook = {"workbook", add};

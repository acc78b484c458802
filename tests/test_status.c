/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_status.c: status names and the error record. */
#include <stdint.h>
#include <string.h>

#include "forcestat/status.h"
#include "forcestat/version.h"
#include "testutil.h"

static void every_status_has_a_distinct_name(void)
{
    const fs_status_t all[] = {FS_OK,    FS_EINVAL,    FS_EDOM,   FS_ENOMEM, FS_EPARSE,
                               FS_EIO,   FS_ENOTFOUND, FS_ELIMIT, FS_EOF, FS_EBUSY, FS_ECONFLICT};
    size_t n = sizeof all / sizeof all[0];
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_PTR_NOT_NULL(fs_strerror(all[i]));
        CU_ASSERT(strlen(fs_strerror(all[i])) > 0);
        CU_ASSERT_STRING_NOT_EQUAL(fs_strerror(all[i]), "unknown status");
        for (size_t j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(fs_strerror(all[i]), fs_strerror(all[j]));
    }
    CU_ASSERT_STRING_EQUAL(fs_strerror((fs_status_t)999), "unknown status");
}

static void set_returns_status_and_formats(void)
{
    fs_error_t e;
    fs_error_clear(&e);
    CU_ASSERT_EQUAL(fs_error_set(&e, FS_EDOM, "n = %d", 2), FS_EDOM);
    CU_ASSERT_EQUAL(e.status, FS_EDOM);
    CU_ASSERT_STRING_EQUAL(e.message, "n = 2");
    CU_ASSERT_EQUAL(fs_error_set(NULL, FS_EIO, "ignored"), FS_EIO);
}

static void location_text_is_sanitised_and_cut(void)
{
    fs_error_t e;
    fs_error_clear(&e);
    fs_error_at(&e, "f.csv", 3, 2, "a\nb\x1b[31m", 8);
    CU_ASSERT_STRING_EQUAL(e.file, "f.csv");
    CU_ASSERT_EQUAL(e.line, 3);
    CU_ASSERT_EQUAL(e.column, 2);
    CU_ASSERT_STRING_EQUAL(e.text, "a?b?[31m");
    char big[500];
    memset(big, 'x', sizeof big);
    fs_error_at(&e, NULL, 1, 1, big, sizeof big);
    CU_ASSERT_STRING_EQUAL(e.file, "f.csv"); /* NULL keeps the file */
    CU_ASSERT_EQUAL(strlen(e.text), FS_ERROR_TEXT_MAX - 1);
    CU_ASSERT_STRING_EQUAL(e.text + strlen(e.text) - 3, "...");
    /* A cut never leaves half of a UTF-8 character behind. */
    char accents[300];
    for (size_t i = 0; i + 1 < sizeof accents; i += 2) {
        accents[i] = (char)0xC3;
        accents[i + 1] = (char)0xA9;
    }
    fs_error_at(&e, NULL, 1, 1, accents, sizeof accents);
    size_t len = strlen(e.text);
    CU_ASSERT((len - 3) % 2 == 0);
    fs_error_at(&e, NULL, 0, 0, NULL, 0);
    CU_ASSERT_FALSE(e.has_text);
}

/* Every reason has its own name, written here by hand; NONE is "none" and
 * a value past the table "unknown reason". */
static void every_reason_has_a_distinct_name(void)
{
    static const struct {
        fs_reason_t reason;
        const char *name;
    } all[] = {
        {FS_REASON_NONE, "none"},
        {FS_REASON_TOO_FEW, "too few values"},
        {FS_REASON_ALL_EQUAL, "all values equal"},
        {FS_REASON_NOT_A_NUMBER, "not a number"},
        {FS_REASON_MISSING_VALUE, "missing value"},
        {FS_REASON_NOT_FINITE, "infinite value"},
        {FS_REASON_BAD_DENOMINATOR, "denominator not > 0"},
        {FS_REASON_BAD_COUNT, "invalid count"},
        {FS_REASON_BEYOND_LIMIT, "magnitude beyond a limit"},
        {FS_REASON_UNKNOWN_FORCE, "unknown force"},
        {FS_REASON_DUPLICATE_FORCE, "duplicate force"},
        {FS_REASON_DUPLICATE_PERIOD, "duplicate period"},
        {FS_REASON_COLUMN_NOT_FOUND, "column not found"},
    };
    size_t n = sizeof all / sizeof all[0];
    CU_ASSERT_EQUAL(FS_REASON_NONE, 0);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(all[i].reason, (fs_reason_t)i); /* numbered in order, none skipped */
        CU_ASSERT_STRING_EQUAL(fs_reason_name(all[i].reason), all[i].name);
        for (size_t j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(fs_reason_name(all[i].reason), fs_reason_name(all[j].reason));
    }
    CU_ASSERT_STRING_EQUAL(fs_reason_name((fs_reason_t)n), "unknown reason");
    CU_ASSERT_STRING_EQUAL(fs_reason_name((fs_reason_t)999), "unknown reason");
    CU_ASSERT_STRING_EQUAL(fs_reason_name((fs_reason_t)-1), "unknown reason");
}

/* clear and set leave no reason and no index; raise records both; the
 * message reads back whole or, when there is none, as the status name. */
static void raise_records_reason_and_index(void)
{
    fs_error_t e;
    memset(&e, 0x5A, sizeof e);
    fs_error_clear(&e);
    CU_ASSERT_EQUAL(e.status, FS_OK);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_NONE);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    CU_ASSERT_EQUAL(FS_ERROR_NO_INDEX, SIZE_MAX);
    CU_ASSERT_STRING_EQUAL(fs_error_message(&e), "success");
    CU_ASSERT_EQUAL(fs_error_raise(&e, FS_EDOM, FS_REASON_MISSING_VALUE, 4, "point %d", 5),
                    FS_EDOM);
    CU_ASSERT_EQUAL(e.status, FS_EDOM);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_MISSING_VALUE);
    CU_ASSERT_EQUAL(e.index, 4);
    CU_ASSERT_STRING_EQUAL(e.message, "point 5");
    CU_ASSERT_STRING_EQUAL(fs_error_message(&e), "point 5");
    /* A later plain error is not left with the earlier one's reason. */
    CU_ASSERT_EQUAL(fs_error_set(&e, FS_EIO, "read error"), FS_EIO);
    CU_ASSERT_EQUAL(e.reason, FS_REASON_NONE);
    CU_ASSERT_EQUAL(e.index, FS_ERROR_NO_INDEX);
    CU_ASSERT_EQUAL(fs_error_raise(NULL, FS_ENOTFOUND, FS_REASON_COLUMN_NOT_FOUND,
                                   FS_ERROR_NO_INDEX, "ignored"),
                    FS_ENOTFOUND);
    fs_error_set(&e, FS_EPARSE, "%s", "");
    CU_ASSERT_STRING_EQUAL(fs_error_message(&e), "malformed input");
}

/* Errors read as the program prints them; the runtime version is the
 * compiled one. */
static void errors_format_as_printed(void)
{
    fs_error_t e;
    fs_error_clear(&e);
    char buf[1200];
    fs_error_set(&e, FS_EPARSE, "not a number");
    CU_ASSERT_EQUAL(fs_error_format(&e, buf, sizeof buf), strlen("not a number"));
    CU_ASSERT_STRING_EQUAL(buf, "not a number");
    fs_error_at(&e, "m.csv", 3, 2, "twelve", 6);
    fs_error_set(&e, FS_EPARSE, "column 'v': not a number");
    fs_error_format(&e, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "m.csv:3:2: column 'v': not a number ('twelve')");
    fs_error_at(&e, "m.csv", 3, 0, NULL, 0);
    fs_error_format(&e, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "m.csv:3: column 'v': not a number");
    char small[8];
    CU_ASSERT(fs_error_format(&e, small, sizeof small) > sizeof small);
    CU_ASSERT_EQUAL(strlen(small), sizeof small - 1);
    CU_ASSERT_STRING_EQUAL(fs_version(), FS_VERSION);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"errors format as printed", errors_format_as_printed},
        {"every status has a distinct name", every_status_has_a_distinct_name},
        {"every reason has a distinct name", every_reason_has_a_distinct_name},
        {"raise records the reason and the index", raise_records_reason_and_index},
        {"set returns the status and formats", set_returns_status_and_formats},
        {"offending text is sanitised and cut", location_text_is_sanitised_and_cut},
        {NULL, NULL}};
    return tu_add_suite("status", tests);
}

const test_suite_t suite_status = {"status", add};

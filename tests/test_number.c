/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_number.c: strict numbers and missing-value tokens. */
#include <string.h>

#include "forcestat/number.h"
#include "testutil.h"

static fs_field_kind_t parse(const char *s, double *v)
{
    return fs_parse_number(s, strlen(s), v, NULL);
}

static void accepts_plain_decimals(void)
{
    static const struct {
        const char *text;
        double value;
    } ok[] = {{"0", 0},
              {"42", 42},
              {"-3.5", -3.5},
              {"+2", 2},
              {".5", 0.5},
              {"5.", 5},
              {"1e3", 1000},
              {"8.5674786299848191E-2", 8.5674786299848191E-2},
              {" 12.25 ", 12.25},
              {"\t7\t", 7},
              {"\xC2\xA0" "9" "\xC2\xA0", 9},
              {"1,234", 1234},
              {"1,234,567.5", 1234567.5},
              {"-12,345", -12345},
              {"122406.45", 122406.45},
              {"0.20880000000000001", 0.2088}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = -1;
        CU_ASSERT_EQUAL(parse(ok[i].text, &v), FS_FIELD_NUMBER);
        CU_ASSERT_EQUAL(v, ok[i].value);
    }
}

static void rejects_everything_else(void)
{
    static const char *const bad[] = {"abc", "12a", "0x1A", "0X10", "inf", "-inf", "Infinity",
                                      "nan", "NaN", "1e", "1e+", "--1", "+-1", "1.2.3", "1 2",
                                      "12%", "£5", "1,23", "12,3456", ",123", "1,,234", "1e999",
                                      "-1e999", "1e-400", ".", "+", "e5", "1_000", "١٢",
                                      /* the first group has no leading zero */
                                      "0,123", "00,001", "-0,500", "01,234",
                                      /* a first group of more than three digits */
                                      "1234,567", "12345,678"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 0;
        const char *why = NULL;
        CU_ASSERT_EQUAL(fs_parse_number(bad[i], strlen(bad[i]), &v, &why), FS_FIELD_INVALID);
        CU_ASSERT_PTR_NOT_NULL(why);
    }
    const char *why = NULL;
    double v;
    fs_parse_number("1e999", 5, &v, &why);
    CU_ASSERT_STRING_EQUAL(why, "number out of range (overflow)");
    fs_parse_number("0x1A", 4, &v, &why);
    CU_ASSERT_STRING_EQUAL(why, "not a number");
    fs_parse_number("1,23", 4, &v, &why);
    CU_ASSERT_STRING_EQUAL(why, "misplaced thousands separator");
    fs_parse_number("0,123", 5, &v, &why);
    CU_ASSERT_STRING_EQUAL(why, "misplaced thousands separator");
    /* Plain leading zeros stay numbers, and so does a zero before a point. */
    CU_ASSERT_EQUAL(parse("0123", &v), FS_FIELD_NUMBER);
    CU_ASSERT_DOUBLE_EQUAL(v, 123, 0);
    CU_ASSERT_EQUAL(parse("0.123", &v), FS_FIELD_NUMBER);
    CU_ASSERT_EQUAL(parse("10,123", &v), FS_FIELD_NUMBER);
    CU_ASSERT_DOUBLE_EQUAL(v, 10123, 0);
    /* An embedded NUL makes the field invalid rather than truncating it. */
    CU_ASSERT_EQUAL(fs_parse_number("12\0" "3", 4, &v, &why), FS_FIELD_INVALID);
}

static void recognises_missing_tokens(void)
{
    static const char *const missing[] = {"",   "  ",  "NA", "na",  "N/A", "n/a", "..",
                                          ":",  "-",   "*",  "[x]", "[X]", "[c]", "[z]",
                                          " NA "};
    /* The GSS shorthand of newer tables: [u] low reliability, [w] no
     * figure, [low] rounds to zero; "[low]", the longest token, whole
     * with spaces round it and in any case. */
    static const char *const shorthand[] = {"[u]", "[w]", "[W]", "[low]", "[LOW]", " [Low]\t"};
    for (size_t i = 0; i < sizeof shorthand / sizeof shorthand[0]; i++) {
        CU_ASSERT_TRUE(fs_is_missing(shorthand[i], strlen(shorthand[i])));
        double v;
        const char *why = "unset";
        CU_ASSERT_EQUAL(fs_parse_number(shorthand[i], strlen(shorthand[i]), &v, &why),
                        FS_FIELD_MISSING);
        CU_ASSERT_PTR_NULL(why);
    }
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        CU_ASSERT_TRUE(fs_is_missing(missing[i], strlen(missing[i])));
        double v;
        CU_ASSERT_EQUAL(parse(missing[i], &v), FS_FIELD_MISSING);
    }
    static const char *const present[] = {"0",   "N",      "NAN",    "x",      "[y]",
                                          "...", "--",     "[lo]",   "[low",   "low]",
                                          "low", "[lo w]", "[lowe]", "[[low]]"};
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        CU_ASSERT_FALSE(fs_is_missing(present[i], strlen(present[i])));
}

static int add(void)
{
    static const tu_test_t tests[] = {{"accepts plain decimals", accepts_plain_decimals},
                                      {"rejects everything else", rejects_everything_else},
                                      {"recognises missing tokens", recognises_missing_tokens},
                                      {NULL, NULL}};
    return tu_add_suite("number", tests);
}

const test_suite_t suite_number = {"number", add};

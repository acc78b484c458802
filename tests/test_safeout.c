/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_safeout.c: safe outputs (issue 25).  CSV cells a spreadsheet would
 * run as formulas get a ' first (numbers never do); HTML and SVG text is
 * valid UTF-8 with no control character, and "]]>" never stands in XML
 * text; cuts fall between characters; messages show control characters
 * and bytes that are no UTF-8 as '?'; compressed data that is not gzip is
 * named for what it is.  Every expected string is written out by hand
 * from the rules (OWASP's CSV injection guidance, XML 1.0's Char
 * production, Unicode's table 3-7 of well-formed UTF-8). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forcestat/dataset.h"
#include "render/render.h"
#include "render/safetext.h"
#include "testutil.h"

#define FFFD "\xEF\xBF\xBD"

/* What fs_csv_text writes for s. */
static char *csv_text(const char *s, int raw)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_csv_text(&b, s, raw);
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    return b.data ? b.data : strdup("");
}

static void check_csv(const char *s, int raw, const char *want)
{
    char *got = csv_text(s, raw);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

static void csv_text_cells_that_run_as_formulas_get_a_quote_mark(void)
{
    check_csv("=HYPERLINK(\"http://x\")", 0, "\"'=HYPERLINK(\"\"http://x\"\")\"");
    check_csv("@SUM(A1)", 0, "'@SUM(A1)");
    check_csv("+x, y", 0, "\"'+x, y\"");
    check_csv("-2+3", 0, "'-2+3");
    check_csv("- x", 0, "'- x");
    check_csv("-", 0, "'-");
    check_csv("\tz", 0, "\"'\tz\"");
    check_csv("\rq", 0, "\"'\rq\"");
    /* Only the first character counts; quoting is as before. */
    check_csv(" =x ", 0, "\" =x \"");
    check_csv("a=b", 0, "a=b");
    check_csv("Essex", 0, "Essex");
    check_csv("London, City of", 0, "\"London, City of\"");
    check_csv("", 0, "");
    /* A tab at either end is quoted, as the reader trims it. */
    check_csv("x\t", 1, "\"x\t\"");
    check_csv("\tz", 1, "\"\tz\"");
}

static void csv_numbers_are_never_changed(void)
{
    check_csv("-1.5", 0, "-1.5");
    check_csv("+2", 0, "+2");
    check_csv("-.5e-3", 0, "-.5e-3");
    check_csv("-1E+300", 0, "-1E+300");
    check_csv("-inf", 0, "-inf");
    check_csv("-Infinity", 0, "-Infinity");
    check_csv("+nan", 0, "+nan");
    /* Almost numbers are text. */
    check_csv("-1e", 0, "'-1e");
    check_csv("-.", 0, "'-.");
    check_csv("-1.5x", 0, "'-1.5x");
    check_csv("-infinit", 0, "'-infinit");
    CU_ASSERT_TRUE(fs_csv_is_number("12"));
    CU_ASSERT_TRUE(fs_csv_is_number("1."));
    CU_ASSERT_FALSE(fs_csv_is_number(""));
    CU_ASSERT_FALSE(fs_csv_is_number("1 2"));
}

static void csv_raw_keeps_cells_as_they_are(void)
{
    check_csv("=HYPERLINK(\"http://x\")", 1, "\"=HYPERLINK(\"\"http://x\"\")\"");
    check_csv("@SUM(A1)", 1, "@SUM(A1)");
    check_csv("\rq", 1, "\"\rq\"");
}

static const fs_rcol_t formula_cols[] = {{.key = "=key"},
                                         {.key = "value", .type = FS_RT_NUMBER},
                                         {.key = "source", .type = FS_RT_SOURCE},
                                         {.key = "name"}};

/* A result table of one row: "=1+2", -1.5, "-2" read as -2, "@x, y". */
static char *render_formula_table(int raw)
{
    fs_rtable_t t;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_rtable_init(&t, formula_cols, 4, 1, &e), FS_OK);
    CU_ASSERT_EQUAL(t.csv_raw, 0);
    t.csv_raw = raw;
    fs_rtable_text(&t, 0, 0, "=1+2");
    fs_rtable_number(&t, 0, 1, -1.5);
    fs_rtable_source(&t, 0, 2, "-2", -2.0);
    fs_rtable_text(&t, 0, 3, "@x, y");
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_csv_header(&b, &t);
    fs_render_csv_rows(&b, &t);
    fs_rtable_free(&t);
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    return b.data ? b.data : strdup("");
}

static void result_tables_guard_text_but_not_numbers(void)
{
    char *s = render_formula_table(0);
    CU_ASSERT_STRING_EQUAL(s, "'=key,value,source,name\n'=1+2,-1.5,-2,\"'@x, y\"\n");
    free(s);
    s = render_formula_table(1);
    CU_ASSERT_STRING_EQUAL(s, "=key,value,source,name\n=1+2,-1.5,-2,\"@x, y\"\n");
    free(s);
}

static void utf8_characters_are_well_formed_ones(void)
{
    CU_ASSERT_EQUAL(fs_utf8_char("a", 1), 1);
    CU_ASSERT_EQUAL(fs_utf8_char("\xC3\xB4", 2), 2);          /* o circumflex */
    CU_ASSERT_EQUAL(fs_utf8_char("\xE2\x82\xAC", 3), 3);      /* euro sign */
    CU_ASSERT_EQUAL(fs_utf8_char("\xF0\x9F\x98\x80", 4), 4);  /* U+1F600 */
    CU_ASSERT_EQUAL(fs_utf8_char("\xC3", 1), 0);              /* cut short */
    CU_ASSERT_EQUAL(fs_utf8_char("\xC0\x80", 2), 0);          /* overlong NUL */
    CU_ASSERT_EQUAL(fs_utf8_char("\xE0\x80\x80", 3), 0);      /* overlong */
    CU_ASSERT_EQUAL(fs_utf8_char("\xED\xA0\x80", 3), 0);      /* a surrogate */
    CU_ASSERT_EQUAL(fs_utf8_char("\xF4\x90\x80\x80", 4), 0);  /* above U+10FFFF */
    CU_ASSERT_EQUAL(fs_utf8_char("\x9D", 1), 0);              /* a lone continuation */
    CU_ASSERT_EQUAL(fs_utf8_char("\xFF", 1), 0);
    CU_ASSERT_EQUAL(fs_utf8_char("", 0), 0);
}

static void cuts_fall_between_characters(void)
{
    /* "a" then two 2-byte characters: boundaries at 0, 1, 3, 5. */
    const char *s = "a\xC3\xA9\xC3\xA9";
    CU_ASSERT_EQUAL(fs_utf8_cut(s, 5, 0), 0);
    CU_ASSERT_EQUAL(fs_utf8_cut(s, 5, 1), 1);
    CU_ASSERT_EQUAL(fs_utf8_cut(s, 5, 2), 1);
    CU_ASSERT_EQUAL(fs_utf8_cut(s, 5, 3), 3);
    CU_ASSERT_EQUAL(fs_utf8_cut(s, 5, 4), 3);
    CU_ASSERT_EQUAL(fs_utf8_cut(s, 5, 5), 5);
    CU_ASSERT_EQUAL(fs_utf8_cut(s, 5, 40), 5);
    /* A 4-byte character is kept whole or not at all. */
    CU_ASSERT_EQUAL(fs_utf8_cut("x\xF0\x9F\x98\x80y", 6, 4), 1);
    /* Bytes that are no UTF-8 are one character each. */
    CU_ASSERT_EQUAL(fs_utf8_cut("\xFF\xFF\xFF", 3, 2), 2);
}

static void text_tables_cut_between_characters(void)
{
    /* A column of at most 7 bytes: "Ynys M\xC3\xB4n" is 6 bytes, the 2
     * of o circumflex and "n"; byte 7 is the first of o circumflex, so
     * the cut is before it. */
    static const fs_rcol_t cols[] = {{.key = "force", .heading = "Force", .width = -7, .max = 7}};
    fs_rtable_t t;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_rtable_init(&t, cols, 1, 1, &e), FS_OK);
    fs_rtable_text(&t, 0, 0, "Ynys M\xC3\xB4n");
    fs_buf_t b;
    fs_buf_init(&b);
    fs_render_text(&b, &t, "", NULL);
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    CU_ASSERT_STRING_EQUAL(b.data, "Force  \nYnys M \n");
    fs_buf_free(&b);
    fs_rtable_free(&t);
}

static char *html(const char *s)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_html_escape(&b, s);
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    return b.data ? b.data : strdup("");
}

static void html_text_is_valid_utf8_without_controls(void)
{
    char *s = html("a\x01" "b\xFF" "c\xC3");
    CU_ASSERT_STRING_EQUAL(s, "a" FFFD "b" FFFD "c" FFFD);
    free(s);
    s = html("<x]]>\x1B[31m\xC2\x9B\x7F");
    CU_ASSERT_STRING_EQUAL(s, "&lt;x]]&gt;" FFFD "[31m" FFFD FFFD);
    free(s);
    /* Tab and newline stay; so does every well-formed character. */
    s = html("Ynys M\xC3\xB4n\t\xE2\x82\xAC\n'\"&");
    CU_ASSERT_STRING_EQUAL(s, "Ynys M\xC3\xB4n\t\xE2\x82\xAC\n&#39;&quot;&amp;");
    free(s);
    /* U+FFFE and U+FFFF are no XML characters; U+FFFD is. */
    s = html("\xEF\xBF\xBE\xEF\xBF\xBF" FFFD);
    CU_ASSERT_STRING_EQUAL(s, FFFD FFFD FFFD);
    free(s);
}

static char *tidy(const char *s)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_xml_tidy(&b, s, strlen(s));
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    return b.data ? b.data : strdup("");
}

static void svg_text_is_well_formed_xml(void)
{
    char *s = tidy("<text>a ]]> b\x01</text><title>\xFF</title>");
    CU_ASSERT_STRING_EQUAL(s, "<text>a ]]&gt; b" FFFD "</text><title>" FFFD "</title>");
    free(s);
    /* A CDATA section ends at its first "]]>", which stays. */
    s = tidy("<s><![CDATA[x < y ]]></s> ]]>");
    CU_ASSERT_STRING_EQUAL(s, "<s><![CDATA[x < y ]]></s> ]]&gt;");
    free(s);
    /* A document with nothing to mend is the same bytes. */
    const char *clean = "<?xml version=\"1.0\"?>\n<svg>\t<text>M\xC3\xB4n &amp; ]] &gt;</text></svg>\n";
    s = tidy(clean);
    CU_ASSERT_STRING_EQUAL(s, clean);
    free(s);
}

static char *message(const char *s, int keep_newlines)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_text_for_message(&b, s, strlen(s), keep_newlines);
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    return b.data ? b.data : strdup("");
}

static void messages_show_controls_as_question_marks(void)
{
    /* ESC, BEL, a C1 control (CSI, U+009B), DEL, a lone 0x9D (undefined in
     * Windows-1252, no UTF-8), tab, newline: each one '?'. */
    char *s = message("a\x1B[31mb\x07" "c\xC2\x9B" "d\x7F" "e\x9D" "f\tg\n", 0);
    CU_ASSERT_STRING_EQUAL(s, "a?[31mb?c?d?e?f?g?");
    free(s);
    s = message("one\ntwo\x1B\n", 1);
    CU_ASSERT_STRING_EQUAL(s, "one\ntwo?\n");
    free(s);
    s = message("Ynys M\xC3\xB4n \xE2\x82\xAC", 0);
    CU_ASSERT_STRING_EQUAL(s, "Ynys M\xC3\xB4n \xE2\x82\xAC");
    free(s);
}

/* The error reading len bytes of data as a table named name. */
static void read_fails(const void *data, size_t len, const char *name, const char *want)
{
    fs_table_t *t = NULL;
    fs_error_t err;
    fs_error_clear(&err);
    fs_status_t st = fs_table_read_memory(&t, data, len, name, NULL, &err);
    CU_ASSERT_EQUAL(st, FS_EPARSE);
    CU_ASSERT_PTR_NULL(t);
    CU_ASSERT_STRING_EQUAL(err.message, want);
    CU_ASSERT_STRING_EQUAL(err.file, name);
    CU_ASSERT_EQUAL(err.line, 0);
    fs_table_free(t);
}

static void compressed_data_is_named_by_its_magic_number(void)
{
    /* The first bytes of `bzip2`, `xz`, `zip` and `zstd` output (their
     * file formats' magic numbers), then some of the rest. */
    static const unsigned char bz[] = {'B', 'Z', 'h', '9', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59,
                                       0x00, 0x01, 0x02};
    static const unsigned char xz[] = {0xFD, '7', 'z', 'X', 'Z', 0x00, 0x00, 0x04, 0xE6};
    static const unsigned char zip[] = {'P', 'K', 0x03, 0x04, 0x14, 0x00, 0x00, 0x00};
    static const unsigned char zst[] = {0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58};
    read_fails(bz, sizeof bz, "f.csv.gz", "not gzip data (it looks like bzip2 data)");
    read_fails(xz, sizeof xz, "f.csv.GZ", "not gzip data (it looks like xz data)");
    read_fails(zip, sizeof zip, "f.csv.gz", "not gzip data (it looks like zip data)");
    read_fails(zst, sizeof zst, "f.csv.gz", "not gzip data (it looks like zstd data)");
    read_fails(xz, sizeof xz, "f.csv",
               "not CSV text: it looks like xz data (decompress it first; forcestat reads "
               "plain CSV and gzip)");
    read_fails(bz, sizeof bz, "<stdin>",
               "not CSV text: it looks like bzip2 data (decompress it first; forcestat reads "
               "plain CSV and gzip)");
}

/* The same from a file: the reader looks at its first bytes as it looks
 * for gzip's. */
static void compressed_files_are_named_by_their_magic_number(void)
{
    static const unsigned char xz[] = {0xFD, '7', 'z', 'X', 'Z', 0x00, 0x00, 0x04, 0xE6,
                                       0xD6, 0xB4, 0x46};
    const char *suffixes[] = {".csv.gz", ".csv"};
    const char *want[] = {"not gzip data (it looks like xz data)",
                          "not CSV text: it looks like xz data (decompress it first; forcestat "
                          "reads plain CSV and gzip)"};
    char dir[] = "/tmp/forcestat-safeout-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    for (size_t k = 0; k < 2; k++) {
        char path[64];
        snprintf(path, sizeof path, "%s/f%s", dir, suffixes[k]);
        FILE *f = fopen(path, "wb");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        CU_ASSERT_EQUAL(fwrite(xz, 1, sizeof xz, f), sizeof xz);
        CU_ASSERT_EQUAL(fclose(f), 0);
        fs_table_t *t = NULL;
        fs_error_t err;
        fs_error_clear(&err);
        CU_ASSERT_EQUAL(fs_table_read(&t, path, NULL, &err), FS_EPARSE);
        CU_ASSERT_PTR_NULL(t);
        CU_ASSERT_STRING_EQUAL(err.message, want[k]);
        CU_ASSERT_STRING_EQUAL(err.file, path);
        fs_table_free(t);
        unlink(path);
    }
    rmdir(dir);
}

static void text_like_a_magic_number_is_still_read(void)
{
    /* "BZh9" or "PK" at the start of a CSV is text, not bzip2 or zip. */
    const char *csv = "BZh9,PK\nPK,1\n";
    fs_table_t *t = NULL;
    fs_error_t err;
    fs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, csv, strlen(csv), "f.csv.gz", NULL, &err),
                          FS_OK);
    CU_ASSERT_EQUAL(t->nrows, 1);
    CU_ASSERT_STRING_EQUAL(t->columns[0], "BZh9");
    fs_table_free(t);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"CSV text cells that run as formulas get a quote mark",
         csv_text_cells_that_run_as_formulas_get_a_quote_mark},
        {"CSV numbers are never changed", csv_numbers_are_never_changed},
        {"--csv-raw keeps cells as they are", csv_raw_keeps_cells_as_they_are},
        {"result tables guard text but not numbers", result_tables_guard_text_but_not_numbers},
        {"UTF-8 characters are well-formed ones", utf8_characters_are_well_formed_ones},
        {"cuts fall between characters", cuts_fall_between_characters},
        {"text tables cut between characters", text_tables_cut_between_characters},
        {"HTML text is valid UTF-8 without controls", html_text_is_valid_utf8_without_controls},
        {"SVG text is well-formed XML", svg_text_is_well_formed_xml},
        {"messages show controls as ?", messages_show_controls_as_question_marks},
        {"compressed data is named by its magic number",
         compressed_data_is_named_by_its_magic_number},
        {"compressed files are named by their magic number",
         compressed_files_are_named_by_their_magic_number},
        {"text like a magic number is still read", text_like_a_magic_number_is_still_read},
        {NULL, NULL}};
    return tu_add_suite("safeout", tests);
}

const test_suite_t suite_safeout = {"safeout", add};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_emit.c: the buffer, and the JSON and CSV encoders. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/emit.h"
#include "forcestat/dataset.h"
#include "testutil.h"

static void numbers_are_shortest_round_trip(void)
{
    const double cases[] = {0.1, 1.0 / 3.0, 85.714285714285708, 1e-300, 122406.45, -0.0,
                            59719724, 2.5e21, 0.2088, 1.7976931348623157e308};
    fs_buf_t b;
    fs_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_buf_reset(&b);
        fs_buf_number(&b, cases[i]);
        CU_ASSERT_EQUAL(strtod(b.data, NULL), cases[i]);
        CU_ASSERT(strlen(b.data) <= 24);
    }
    fs_buf_reset(&b);
    fs_buf_number(&b, 0.1);
    CU_ASSERT_STRING_EQUAL(b.data, "0.1");
    fs_buf_reset(&b);
    fs_buf_number(&b, 59719724);
    CU_ASSERT_STRING_EQUAL(b.data, "59719724");
    fs_buf_reset(&b);
    fs_buf_number(&b, 1.0 / 3.0);
    CU_ASSERT_STRING_EQUAL(b.data, "0.3333333333333333");
    fs_buf_free(&b);
}

/* The printf way: the shortest of %.15g, %.16g, %.17g that reads back. */
static void reference_shortest(double x, char *out, size_t size)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, size, "%.*g", prec, x);
        if (strtod(out, NULL) == x)
            return;
    }
}

/* 300,000 doubles of every magnitude and pattern: the fast formatter reads
 * back exactly and matches printf's shortest form (ties aside, where it is
 * never longer). */
static void fast_formatter_matches_printf(void)
{
    unsigned long long s = 88172645463325252ull;
    size_t differ = 0;
    fs_buf_t b;
    fs_buf_init(&b);
    for (int i = 0; i < 300000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double x;
        switch (i % 4) {
        case 0: { /* any bit pattern */
            unsigned long long bits = s;
            memcpy(&x, &bits, sizeof x);
            if (!isfinite(x))
                continue;
            break;
        }
        case 1: x = (double)(s % 100000000) / 1000.0; break;    /* decimals */
        case 2: x = (double)(long long)(s % 2000000000) - 1e9; break; /* integers */
        default: x = ldexp((double)(s >> 11), (int)(s % 200) - 150); break;
        }
        char ref[40];
        reference_shortest(x, ref, sizeof ref);
        fs_buf_reset(&b);
        fs_buf_number(&b, x);
        CU_ASSERT_EQUAL(strtod(b.data, NULL), x);
        CU_ASSERT(strlen(b.data) <= strlen(ref));
        differ += strcmp(b.data, ref) != 0;
    }
    fs_buf_free(&b);
    fprintf(stderr, "\n  differs from printf in %zu of 300000 (ties)\n", differ);
    CU_ASSERT_EQUAL(differ, 0); /* none is measured: any difference is a regression */
    /* Boundaries of the fixed and exponent styles. */
    const double edges[] = {1e-4, 9.9999e-5, 1e15, 1e16, 1e17, 123456789012345678.0, -0.5, 5e-324};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        char ref[40];
        reference_shortest(edges[i], ref, sizeof ref);
        fs_buf_reset(&b);
        fs_buf_number(&b, edges[i]);
        CU_ASSERT_STRING_EQUAL(b.data, ref);
    }
    fs_buf_free(&b);
}

/* The 25 digits made without printf are printf's own (%.24e), for
 * 300,000 doubles of every magnitude and for exact ties; it gives most
 * of them (else printf is asked). */
static void digits_without_printf(void)
{
    unsigned long long s = 0x9E3779B97F4A7C15ull;
    size_t tried = 0, given = 0, wrong = 0;
    for (int i = 0; i < 300000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double x;
        if (i % 3 == 0) {
            unsigned long long bits = s;
            memcpy(&x, &bits, sizeof x);
            if (!isfinite(x))
                continue;
        } else if (i % 3 == 1) {
            x = (double)(s % 1000000000000ull) / 100.0; /* figures with decimals */
        } else {
            x = ldexp((double)(s >> 11), (int)(s % 120) - 40); /* exact in decimal: ties */
        }
        char d25[26], sci[48];
        int negative, e;
        tried++;
        if (!fs_digits25(x, &negative, d25, &e))
            continue;
        given++;
        snprintf(sci, sizeof sci, "%.24e", x);
        const char *p = sci + (sci[0] == '-');
        char want[26];
        want[0] = p[0];
        memcpy(want + 1, p + 2, 24);
        want[25] = '\0';
        if (strcmp(want, d25) != 0 || e != atoi(p + 27) || negative != (sci[0] == '-')) {
            if (wrong++ < 5)
                fprintf(stderr, "\n  %s: got %s e%d", sci, d25, e);
        }
    }
    fprintf(stderr, "(%zu of %zu without printf) ", given, tried);
    CU_ASSERT_EQUAL(wrong, 0);
    CU_ASSERT(given > tried * 9 / 10);
    char d25[26];
    int negative, e;
    CU_ASSERT_EQUAL(fs_digits25(0.0, &negative, d25, &e), 0);     /* zero: printf */
    CU_ASSERT_EQUAL(fs_digits25(5e-324, &negative, d25, &e), 0);  /* subnormal: printf */
}

static void json_strings_and_nulls(void)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_json_string(&b, "a\"b\\c\nd\x01");
    CU_ASSERT_STRING_EQUAL(b.data, "\"a\\\"b\\\\c\\nd\\u0001\"");
    fs_buf_reset(&b);
    fs_json_number(&b, NAN);
    fs_buf_putc(&b, ' ');
    fs_json_number(&b, INFINITY);
    CU_ASSERT_STRING_EQUAL(b.data, "null null");
    fs_buf_reset(&b);
    fs_json_string(&b, "Ynys Môn");
    CU_ASSERT_STRING_EQUAL(b.data, "\"Ynys Môn\"");
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    fs_buf_free(&b);
}

static void csv_fields_are_quoted_when_needed(void)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_csv_field(&b, "Essex");
    fs_buf_putc(&b, ',');
    fs_csv_field(&b, "London, City of");
    fs_buf_putc(&b, ',');
    fs_csv_field(&b, "say \"hi\"");
    fs_buf_putc(&b, ',');
    fs_csv_field(&b, "two\nlines");
    fs_buf_putc(&b, ',');
    fs_csv_number(&b, NAN);
    fs_buf_putc(&b, ',');
    fs_csv_number(&b, 4.9);
    CU_ASSERT_STRING_EQUAL(b.data,
                           "Essex,\"London, City of\",\"say \"\"hi\"\"\",\"two\nlines\",,4.9");
    fs_buf_free(&b);
}

/* A CSV reader trims blanks around an unquoted field (libcsv, and so
 * forcestat's own reader, does), so a field that begins or ends with one
 * is quoted to keep it.  csv_round_trip writes a header and one row of
 * fields a and b, checks the text is want, and reads it back: the two
 * cells must come back as they were. */
static void csv_round_trip(const char *a, const char *b, const char *want)
{
    fs_buf_t buf;
    fs_buf_init(&buf);
    fs_csv_field(&buf, "name");
    fs_buf_putc(&buf, ',');
    fs_csv_field(&buf, "other");
    fs_buf_putc(&buf, '\n');
    fs_csv_field(&buf, a);
    fs_buf_putc(&buf, ',');
    fs_csv_field(&buf, b);
    fs_buf_putc(&buf, '\n');
    CU_ASSERT_STRING_EQUAL(buf.data, want);
    fs_table_t *t = NULL;
    fs_error_t e;
    CU_ASSERT_EQUAL_FATAL(fs_table_read_memory(&t, buf.data, buf.len, "m.csv", NULL, &e), FS_OK);
    CU_ASSERT_EQUAL_FATAL(t->nrows, 1);
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 0), a);
    CU_ASSERT_STRING_EQUAL(fs_table_cell(t, 0, 1), b);
    fs_table_free(t);
    fs_buf_free(&buf);
}

/* "Essex " stays "Essex ", " Kent" stays " Kent". */
static void csv_fields_keep_their_spaces(void)
{
    csv_round_trip("Essex ", " Kent", "name,other\n\"Essex \",\" Kent\"\n");
}

/* The reader trims tabs as it trims spaces, so a tab at either end is
 * quoted too: "Essex<TAB>" read back unquoted would be "Essex". */
static void csv_fields_keep_their_tabs(void)
{
    csv_round_trip("Essex\t", "\tKent", "name,other\n\"Essex\t\",\"\tKent\"\n");
    CU_ASSERT_EQUAL(fs_csv_needs_quotes("a\tb", 3), 0);
    CU_ASSERT_EQUAL(fs_csv_needs_quotes("", 0), 0);
    CU_ASSERT_EQUAL(fs_csv_needs_quotes("a\"b", 3), 1);
}

static void buffer_grows_and_printf_works(void)
{
    fs_buf_t b;
    fs_buf_init(&b);
    for (int i = 0; i < 10000; i++)
        fs_buf_printf(&b, "%d,", i);
    CU_ASSERT_EQUAL(fs_buf_status(&b), FS_OK);
    CU_ASSERT(b.len > 40000);
    CU_ASSERT_EQUAL(strncmp(b.data, "0,1,2,", 6), 0);
    CU_ASSERT_EQUAL(b.data[b.len], '\0');
    fs_buf_free(&b);
    fs_buf_free(NULL);
}

/* What the formatters do at their edges: non-finite numbers in text,
 * JSON and CSV, and every escaped control character. */
static void edge_values_and_escapes(void)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_number(&b, NAN);
    fs_buf_putc(&b, ' ');
    fs_buf_number(&b, INFINITY);
    fs_buf_putc(&b, ' ');
    fs_buf_number(&b, -INFINITY);
    CU_ASSERT_STRING_EQUAL(b.data, "nan inf -inf");
    fs_buf_reset(&b);
    fs_json_number(&b, NAN);
    fs_buf_putc(&b, ',');
    fs_json_number(&b, INFINITY);
    CU_ASSERT_STRING_EQUAL(b.data, "null,null");
    fs_buf_reset(&b);
    fs_json_string(&b, "a\rb\tc\x01");
    CU_ASSERT_STRING_EQUAL(b.data, "\"a\\rb\\tc\\u0001\"");
    fs_buf_reset(&b);
    fs_csv_number(&b, NAN);
    CU_ASSERT_EQUAL(b.len, 0);
    fs_buf_free(&b);
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"numbers are the shortest round trip", numbers_are_shortest_round_trip},
        {"25 digits without printf, as printf", digits_without_printf},
        {"the fast formatter matches printf", fast_formatter_matches_printf},
        {"JSON strings and nulls", json_strings_and_nulls},
        {"CSV fields are quoted when needed", csv_fields_are_quoted_when_needed},
        {"CSV fields keep a leading or trailing space", csv_fields_keep_their_spaces},
        {"CSV fields keep a leading or trailing tab", csv_fields_keep_their_tabs},
        {"buffer grows; printf", buffer_grows_and_printf_works},
        {"edge values and escapes", edge_values_and_escapes},
        {NULL, NULL}};
    return tu_add_suite("emit", tests);
}

const test_suite_t suite_emit = {"emit", add};

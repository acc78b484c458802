/* SPDX-License-Identifier: GPL-3.0-or-later */
/* locale_check.c LOCALE: the library reads numbers the same under any
 * locale.  A program that sets a locale whose decimal point is a comma
 * (de_DE.UTF-8, fr_FR.UTF-8) and calls the library must read every number
 * as in the C locale, bit for bit, with the same errors: not a 36-digit
 * pi as 3, nor "2.5e-310" as 2 (strtod stopping at the point).  Exit 0 when every check holds, 1
 * when one fails, 77 (skipped, said on stderr) when the locale cannot be set. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "forcestat/forcestat.h"

static int failures;

/* Numbers that take every path: the fast one, strtod's (over 19 digits, a
 * subnormal: a range error), and the errors. */
static const char *const inputs[] = {"0.1",
                                     "1,234.5",
                                     "-1.7976931348623157e308",
                                     "2.5e-310",
                                     "1e-400",
                                     "1e400",
                                     "3.14159265358979323846264338327950288",
                                     "123456789012345678901234567890.5",
                                     "0.000000000000000000000000000012345678901234567890",
                                     "12,5",
                                     "1.5e",
                                     "[x]"};
#define NINPUTS (sizeof inputs / sizeof inputs[0])

typedef struct reading {
    fs_field_kind_t kind;
    double value;
} reading_t;

static void read_all(reading_t *out)
{
    for (size_t i = 0; i < NINPUTS; i++) {
        out[i].value = 0;
        out[i].kind = fs_parse_number(inputs[i], strlen(inputs[i]), &out[i].value, NULL);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: locale_check LOCALE\n");
        return 2;
    }
    reading_t want[NINPUTS], got[NINPUTS];
    read_all(want); /* in the C locale, as every program starts */
    if (setlocale(LC_ALL, argv[1]) == NULL) {
        fprintf(stderr, "SKIPPED: the locale %s cannot be set here\n", argv[1]);
        return 77;
    }
    /* The locale must really differ, or the checks prove nothing. */
    if (strcmp(localeconv()->decimal_point, ",") != 0) {
        printf("FAIL the locale %s has the decimal point '%s', not ','\n", argv[1],
               localeconv()->decimal_point);
        return 1;
    }
    read_all(got);
    for (size_t i = 0; i < NINPUTS; i++) {
        if (got[i].kind != want[i].kind || memcmp(&got[i].value, &want[i].value, sizeof(double))) {
            printf("FAIL '%s' read as %a (kind %d) under %s, as %a (kind %d) in C\n", inputs[i],
                   got[i].value, (int)got[i].kind, argv[1], want[i].value, (int)want[i].kind);
            failures++;
        }
    }
    if (want[6].kind != FS_FIELD_NUMBER || want[6].value != 3.141592653589793) {
        printf("FAIL the 36-digit pi in the C locale\n");
        failures++;
    }
    /* A table's numeric column, read through the reader. */
    static const char csv[] =
        "force,v\nEssex,2.5e-300\nKent,3.14159265358979323846264338327950288\n";
    fs_table_t *t = NULL;
    double v[2];
    if (fs_table_read_memory(&t, csv, sizeof csv - 1, "mem.csv", NULL, NULL) != FS_OK ||
        fs_table_numeric_column(t, 1, v, NULL) != FS_OK || v[0] != 2.5e-300 ||
        v[1] != 3.141592653589793) {
        printf("FAIL a table's numeric column under %s\n", argv[1]);
        failures++;
    }
    fs_table_free(t);
    printf("%s: %s\n", argv[1], failures ? "FAILED" : "every number read as in the C locale");
    return failures ? 1 : 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_registry.c: the 43 forces and the matching of their spellings. */
#include <stdio.h>
#include <string.h>

#include "forcestat/registry.h"
#include "testutil.h"

static fs_unit_t match(const char *s)
{
    return fs_registry_match(s, strlen(s));
}

static void has_43_forces_in_code_order(void)
{
    int england = 0, wales = 0;
    for (size_t i = 0; i < FS_FORCE_COUNT; i++) {
        const fs_force_t *f = fs_registry_force(i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        char expected[16];
        if (i < 39)
            snprintf(expected, sizeof expected, "E230000%02zu", i + 1);
        else
            snprintf(expected, sizeof expected, "W150000%02zu", i - 38);
        CU_ASSERT_STRING_EQUAL(f->code, expected);
        CU_ASSERT_EQUAL(fs_registry_find_code(f->code), (int)i);
        england += strcmp(f->country, "England") == 0;
        wales += strcmp(f->country, "Wales") == 0;
        /* Every force's own names match it. */
        CU_ASSERT_EQUAL(match(f->name).force, (int)i);
        CU_ASSERT_EQUAL(match(f->short_name).force, (int)i);
        CU_ASSERT_EQUAL(match(f->code).force, (int)i);
    }
    CU_ASSERT_EQUAL(england, 39);
    CU_ASSERT_EQUAL(wales, 4);
    CU_ASSERT_PTR_NULL(fs_registry_force(FS_FORCE_COUNT));
    CU_ASSERT_EQUAL(fs_registry_find_code("E23000040"), -1);
}

static void matches_publishers_spellings(void)
{
    static const struct {
        const char *label;
        const char *code;
    } cases[] = {
        {"Essex Police", "E23000028"},
        {"essex", "E23000028"},
        {"  ESSEX  ", "E23000028"},
        {"\xC2\xA0" "Essex" "\xC2\xA0", "E23000028"},
        {"Metropolitan Police Service", "E23000001"},
        {"Metropolitan Police", "E23000001"},
        {"Metropolitan", "E23000001"},
        {"Avon and Somerset Constabulary", "E23000036"},
        {"Avon & Somerset", "E23000036"},
        {"Devon & Cornwall", "E23000035"},
        {"Devon & Cornwall Police", "E23000035"},
        {"Devon and Cornwall", "E23000035"},
        {"London, City of", "E23000034"},
        {"City of London", "E23000034"},
        {"City of London Police", "E23000034"},
        {"Dyfed-Powys", "W15000004"},
        {"Dyfed Powys Police", "W15000004"},
        {"Hampshire and Isle of Wight Constabulary", "E23000030"},
        {"West Midlands", "E23000014"},
        {"West Midlands Police", "E23000014"},
        {"w15000002", "W15000002"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_unit_t u = match(cases[i].label);
        CU_ASSERT_EQUAL(u.kind, FS_UNIT_FORCE);
        if (u.kind == FS_UNIT_FORCE) {
            CU_ASSERT_STRING_EQUAL(u.code, cases[i].code);
        } else {
            fprintf(stderr, "\n  '%s' did not match\n", cases[i].label);
        }
    }
}

static void knows_rows_that_are_not_forces(void)
{
    static const struct {
        const char *label;
        fs_unit_kind_t kind;
    } cases[] = {
        {"England and Wales", FS_UNIT_NATIONAL},
        {"ENGLAND AND WALES", FS_UNIT_NATIONAL},
        {"England & Wales", FS_UNIT_NATIONAL},
        {"K04000001", FS_UNIT_NATIONAL},
        {"England and Wales (43 territorial forces)", FS_UNIT_NATIONAL},
        {"Total 43 forces", FS_UNIT_NATIONAL},
        {"ENGLAND", FS_UNIT_COUNTRY},
        {"Wales", FS_UNIT_COUNTRY},
        {"W92000004", FS_UNIT_COUNTRY},
        {"North East", FS_UNIT_REGION},
        {"Yorkshire and The Humber", FS_UNIT_REGION},
        {"Eastern", FS_UNIT_REGION},
        {"East", FS_UNIT_REGION},
        {"London", FS_UNIT_REGION},
        {"E12000005", FS_UNIT_REGION},
        {"British Transport Police", FS_UNIT_OTHER_FORCE},
        {"BTP", FS_UNIT_OTHER_FORCE},
        {"Police Service of Northern Ireland", FS_UNIT_OTHER_FORCE},
        {"Central Service Secondments", FS_UNIT_OTHER},
        {"Narnia Constabulary", FS_UNIT_UNKNOWN},
        {"", FS_UNIT_UNKNOWN},
        {"Police", FS_UNIT_UNKNOWN},
        {"E23000099", FS_UNIT_UNKNOWN},
        {"E06000061\xC2\xA0", FS_UNIT_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_unit_t u = match(cases[i].label);
        CU_ASSERT_EQUAL(u.kind, cases[i].kind);
        CU_ASSERT_EQUAL(u.force, -1);
        if (u.kind != cases[i].kind)
            fprintf(stderr, "\n  '%s' gave kind %s\n", cases[i].label, fs_unit_kind_name(u.kind));
    }
    CU_ASSERT_STRING_EQUAL(match("england & wales").code, "K04000001");
    CU_ASSERT_STRING_EQUAL(fs_unit_kind_name(FS_UNIT_NATIONAL), "england-and-wales");
}

static void very_long_labels_match_nothing(void)
{
    char big[2000];
    memset(big, 'a', sizeof big);
    CU_ASSERT_EQUAL(fs_registry_match(big, sizeof big).kind, FS_UNIT_UNKNOWN);
}

/* "Did you mean": a slip of a letter or two names the force; what is far
 * from every force names none. */
static void near_misses_are_suggested(void)
{
    static const struct {
        const char *label;
        const char *force; /* NULL: no suggestion */
    } cases[] = {
        {"Esex Police", "Essex Police"},
        {"Kentt", "Kent Police"},
        {"Surry", "Surrey Police"},
        {"Hampshre Constabulary", "Hampshire Constabulary"},
        {"Devon and Cornwal", "Devon and Cornwall Police"},
        {"Northumbira", "Northumbria Police"},
        {"Narnia", NULL},
        {"Total", NULL},
        {"ab", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int f = fs_registry_suggest(cases[i].label, strlen(cases[i].label));
        if (cases[i].force == NULL) {
            CU_ASSERT_EQUAL(f, -1);
        } else {
            CU_ASSERT_FATAL(f >= 0);
            CU_ASSERT_STRING_EQUAL(fs_registry_force((size_t)f)->name, cases[i].force);
        }
    }
}

static int add(void)
{
    static const tu_test_t tests[] = {
        {"43 forces in code order", has_43_forces_in_code_order},
        {"publishers' spellings match", matches_publishers_spellings},
        {"rows that are not forces", knows_rows_that_are_not_forces},
        {"very long labels match nothing", very_long_labels_match_nothing},
        {"near misses are suggested", near_misses_are_suggested},
        {NULL, NULL}};
    return tu_add_suite("registry", tests);
}

const test_suite_t suite_registry = {"registry", add};

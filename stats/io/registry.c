/* SPDX-License-Identifier: GPL-3.0-or-later */
/* registry.c: the 43 territorial forces, their codes and spellings, and
 * the non-force rows published beside them.
 *
 * Names: `name` is the force's own title as HMICFRS reports use it;
 * `short_name` is the Home Office open-data spelling.  The aliases are the
 * other spellings found in real files (ONS lookups, workforce tables,
 * police.uk, census tables) that normalisation alone does not reconcile. */
#include "forcestat/registry.h"

#include "distance.h"

#include <string.h>

typedef struct force_entry {
    fs_force_t force;
    const char *aliases[4]; /* NULL-terminated */
} force_entry_t;

#define F(code, name, short_name, region, country, ...)                                           \
    {{code, name, short_name, region, country}, {__VA_ARGS__}}

static const force_entry_t forces[FS_FORCE_COUNT] = {
    F("E23000001", "Metropolitan Police Service", "Metropolitan Police", "London", "England",
      "Metropolitan", "Metropolitan Police District", NULL),
    F("E23000002", "Cumbria Constabulary", "Cumbria", "North West", "England", NULL),
    F("E23000003", "Lancashire Constabulary", "Lancashire", "North West", "England", NULL),
    F("E23000004", "Merseyside Police", "Merseyside", "North West", "England", NULL),
    F("E23000005", "Greater Manchester Police", "Greater Manchester", "North West", "England",
      NULL),
    F("E23000006", "Cheshire Constabulary", "Cheshire", "North West", "England", NULL),
    F("E23000007", "Northumbria Police", "Northumbria", "North East", "England", NULL),
    F("E23000008", "Durham Constabulary", "Durham", "North East", "England", NULL),
    F("E23000009", "North Yorkshire Police", "North Yorkshire", "Yorkshire and the Humber",
      "England", NULL),
    F("E23000010", "West Yorkshire Police", "West Yorkshire", "Yorkshire and the Humber",
      "England", NULL),
    F("E23000011", "South Yorkshire Police", "South Yorkshire", "Yorkshire and the Humber",
      "England", NULL),
    F("E23000012", "Humberside Police", "Humberside", "Yorkshire and the Humber", "England",
      NULL),
    F("E23000013", "Cleveland Police", "Cleveland", "North East", "England", NULL),
    F("E23000014", "West Midlands Police", "West Midlands", "West Midlands", "England", NULL),
    F("E23000015", "Staffordshire Police", "Staffordshire", "West Midlands", "England", NULL),
    F("E23000016", "West Mercia Police", "West Mercia", "West Midlands", "England", NULL),
    F("E23000017", "Warwickshire Police", "Warwickshire", "West Midlands", "England", NULL),
    F("E23000018", "Derbyshire Constabulary", "Derbyshire", "East Midlands", "England", NULL),
    F("E23000019", "Nottinghamshire Police", "Nottinghamshire", "East Midlands", "England", NULL),
    F("E23000020", "Lincolnshire Police", "Lincolnshire", "East Midlands", "England", NULL),
    F("E23000021", "Leicestershire Police", "Leicestershire", "East Midlands", "England", NULL),
    F("E23000022", "Northamptonshire Police", "Northamptonshire", "East Midlands", "England",
      NULL),
    F("E23000023", "Cambridgeshire Constabulary", "Cambridgeshire", "Eastern", "England", NULL),
    F("E23000024", "Norfolk Constabulary", "Norfolk", "Eastern", "England", NULL),
    F("E23000025", "Suffolk Constabulary", "Suffolk", "Eastern", "England", NULL),
    F("E23000026", "Bedfordshire Police", "Bedfordshire", "Eastern", "England", NULL),
    F("E23000027", "Hertfordshire Constabulary", "Hertfordshire", "Eastern", "England", NULL),
    F("E23000028", "Essex Police", "Essex", "Eastern", "England", NULL),
    F("E23000029", "Thames Valley Police", "Thames Valley", "South East", "England", NULL),
    F("E23000030", "Hampshire Constabulary", "Hampshire", "South East", "England",
      "Hampshire and Isle of Wight", NULL),
    F("E23000031", "Surrey Police", "Surrey", "South East", "England", NULL),
    F("E23000032", "Kent Police", "Kent", "South East", "England", NULL),
    F("E23000033", "Sussex Police", "Sussex", "South East", "England", NULL),
    F("E23000034", "City of London Police", "London, City of", "London", "England",
      "City of London", NULL),
    F("E23000035", "Devon and Cornwall Police", "Devon and Cornwall", "South West", "England",
      NULL),
    F("E23000036", "Avon and Somerset Constabulary", "Avon and Somerset", "South West", "England",
      NULL),
    F("E23000037", "Gloucestershire Constabulary", "Gloucestershire", "South West", "England",
      NULL),
    F("E23000038", "Wiltshire Police", "Wiltshire", "South West", "England", NULL),
    F("E23000039", "Dorset Police", "Dorset", "South West", "England", NULL),
    F("W15000001", "North Wales Police", "North Wales", "Wales", "Wales", NULL),
    F("W15000002", "Gwent Police", "Gwent", "Wales", "Wales", NULL),
    F("W15000003", "South Wales Police", "South Wales", "Wales", "Wales", NULL),
    F("W15000004", "Dyfed-Powys Police", "Dyfed-Powys", "Wales", "Wales", NULL),
};

/* Rows that are not territorial forces.  Several spellings per unit. */
typedef struct other_entry {
    fs_unit_kind_t kind;
    const char *code; /* NULL when the unit has no ONS code */
    const char *name;
    const char *aliases[5];
} other_entry_t;

static const other_entry_t others[] = {
    {FS_UNIT_NATIONAL, "K04000001", "England and Wales",
     {"England and Wales (43 territorial forces)", "Total 43 forces", "43 forces",
      "England and Wales total", NULL}},
    {FS_UNIT_COUNTRY, "E92000001", "England", {NULL}},
    {FS_UNIT_COUNTRY, "W92000004", "Wales", {NULL}},
    {FS_UNIT_REGION, "E12000001", "North East", {NULL}},
    {FS_UNIT_REGION, "E12000002", "North West", {NULL}},
    {FS_UNIT_REGION, "E12000003", "Yorkshire and the Humber", {"Yorkshire and Humber", NULL}},
    {FS_UNIT_REGION, "E12000004", "East Midlands", {NULL}},
    {FS_UNIT_REGION, "E12000005", "West Midlands region", {NULL}},
    {FS_UNIT_REGION, "E12000006", "East of England", {"East", "Eastern", NULL}},
    {FS_UNIT_REGION, "E12000007", "London", {NULL}},
    {FS_UNIT_REGION, "E12000008", "South East", {NULL}},
    {FS_UNIT_REGION, "E12000009", "South West", {NULL}},
    {FS_UNIT_OTHER_FORCE, NULL, "British Transport Police", {"BTP", NULL}},
    {FS_UNIT_OTHER_FORCE, "N23000001", "Police Service of Northern Ireland", {"PSNI", NULL}},
    {FS_UNIT_OTHER_FORCE, "S23000009", "Police Scotland", {NULL}},
    {FS_UNIT_OTHER, NULL, "Central Service Secondments", {"CSS", NULL}},
    {FS_UNIT_OTHER, NULL, "Total", {"Total including BTP", "Total including BTP and CSS", NULL}},
};

#define NORM_MAX 256

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int ends_with_word(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n > k && memcmp(s + n - k, suffix, k) == 0 && s[n - k - 1] == ' ';
}

/* Normalises a label into out (NUL-terminated): lower case, "&" -> "and",
 * punctuation and no-break spaces -> space, runs of space collapsed, and
 * one trailing "police service", "constabulary" or "police" removed.
 * Returns the length, or 0 when the label is empty or too long to be a
 * name (then nothing matches it). */
static size_t normalise(const char *s, size_t n, char out[NORM_MAX])
{
    size_t k = 0;
    int pending_space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *emit = NULL;
        char one[2] = {0, 0};
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            pending_space = 1;
            continue;
        }
        if (is_blank(c) || c == ',' || c == '-' || c == '.' || c == '(' || c == ')' ||
            c == '\'' || c == '/' || c == '_') {
            pending_space = 1;
            continue;
        }
        if (c == '&') {
            emit = "and";
            pending_space = 1;
        } else {
            one[0] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
            emit = one;
        }
        size_t len = strlen(emit);
        if (k + len + 2 >= NORM_MAX)
            return 0;
        if (pending_space && k > 0)
            out[k++] = ' ';
        pending_space = (c == '&');
        memcpy(out + k, emit, len);
        k += len;
    }
    out[k] = '\0';
    static const char *const suffixes[] = {"police service", "constabulary", "police"};
    for (size_t j = 0; j < sizeof suffixes / sizeof suffixes[0]; j++) {
        if (ends_with_word(out, k, suffixes[j])) {
            k -= strlen(suffixes[j]) + 1;
            out[k] = '\0';
            break;
        }
    }
    return k;
}

static int same_label(const char *norm, size_t norm_len, const char *candidate)
{
    char buf[NORM_MAX];
    size_t len = normalise(candidate, strlen(candidate), buf);
    return len == norm_len && memcmp(buf, norm, len) == 0;
}

/* ONS codes are one letter and eight digits. */
static int looks_like_code(const char *s, size_t n)
{
    if (n != 9 || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return 0;
    for (size_t i = 1; i < 9; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

const fs_force_t *fs_registry_force(size_t i)
{
    return i < FS_FORCE_COUNT ? &forces[i].force : NULL;
}

int fs_registry_find_code(const char *code)
{
    for (int i = 0; i < FS_FORCE_COUNT; i++) {
        if (strcmp(forces[i].force.code, code) == 0)
            return i;
    }
    return -1;
}

static fs_unit_t force_unit(int i)
{
    fs_unit_t u = {FS_UNIT_FORCE, i, forces[i].force.code, forces[i].force.name};
    return u;
}

static fs_unit_t other_unit(const other_entry_t *o)
{
    fs_unit_t u = {o->kind, -1, o->code, o->name};
    return u;
}

fs_unit_t fs_registry_match(const char *s, size_t n)
{
    fs_unit_t none = {FS_UNIT_UNKNOWN, -1, NULL, NULL};
    /* Trim blanks and no-break spaces so that codes match too. */
    while (n > 0 && is_blank((unsigned char)s[0]))
        s++, n--;
    while (n > 1 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        s += 2, n -= 2;
    for (;;) {
        if (n > 0 && is_blank((unsigned char)s[n - 1]))
            n--;
        else if (n > 1 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)
            n -= 2;
        else
            break;
    }
    if (looks_like_code(s, n)) {
        char code[10];
        memcpy(code, s, 9);
        code[9] = '\0';
        if (code[0] >= 'a' && code[0] <= 'z')
            code[0] = (char)(code[0] - 'a' + 'A');
        for (int i = 0; i < FS_FORCE_COUNT; i++) {
            if (memcmp(forces[i].force.code, code, 9) == 0)
                return force_unit(i);
        }
        for (size_t j = 0; j < sizeof others / sizeof others[0]; j++) {
            if (others[j].code != NULL && memcmp(others[j].code, code, 9) == 0)
                return other_unit(&others[j]);
        }
        return none;
    }
    char norm[NORM_MAX];
    size_t len = normalise(s, n, norm);
    if (len == 0)
        return none;
    for (int i = 0; i < FS_FORCE_COUNT; i++) {
        const force_entry_t *f = &forces[i];
        if (same_label(norm, len, f->force.name) || same_label(norm, len, f->force.short_name))
            return force_unit(i);
        for (size_t a = 0; f->aliases[a] != NULL; a++) {
            if (same_label(norm, len, f->aliases[a]))
                return force_unit(i);
        }
    }
    for (size_t j = 0; j < sizeof others / sizeof others[0]; j++) {
        const other_entry_t *o = &others[j];
        if (same_label(norm, len, o->name))
            return other_unit(o);
        for (size_t a = 0; o->aliases[a] != NULL; a++) {
            if (same_label(norm, len, o->aliases[a]))
                return other_unit(o);
        }
    }
    return none;
}

const char *fs_unit_kind_name(fs_unit_kind_t kind)
{
    switch (kind) {
    case FS_UNIT_FORCE: return "force";
    case FS_UNIT_NATIONAL: return "england-and-wales";
    case FS_UNIT_COUNTRY: return "country";
    case FS_UNIT_REGION: return "region";
    case FS_UNIT_OTHER_FORCE: return "other-force";
    case FS_UNIT_OTHER: return "other";
    case FS_UNIT_UNKNOWN: break;
    }
    return "unknown";
}

int fs_registry_suggest(const char *s, size_t n)
{
    char norm[NORM_MAX];
    size_t len = normalise(s, n, norm);
    if (len < 3)
        return -1;
    size_t limit = fs_near_miss_limit(len);
    int best = -1;
    size_t best_d = limit + 1;
    for (int i = 0; i < FS_FORCE_COUNT; i++) {
        const force_entry_t *f = &forces[i];
        const char *names[2] = {f->force.name, f->force.short_name};
        for (size_t k = 0; k < 2; k++) {
            char cand[NORM_MAX];
            size_t clen = normalise(names[k], strlen(names[k]), cand);
            size_t dist = fs_edit_distance(norm, len, cand, clen, limit);
            if (dist < best_d) {
                best_d = dist;
                best = i;
            }
        }
    }
    return best;
}

const char *fs_registry_display(size_t i)
{
    if (i >= FS_FORCE_COUNT)
        return NULL;
    /* The Home Office writes "London, City of"; people and HMICFRS say
     * "City of London". */
    if (strcmp(forces[i].force.code, "E23000034") == 0)
        return "City of London";
    return forces[i].force.short_name;
}

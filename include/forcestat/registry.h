/* SPDX-License-Identifier: GPL-3.0-or-later */
/* registry.h: the 43 territorial police forces of England and Wales, and
 * the other rows (England and Wales, regions, British Transport Police)
 * that appear beside them in published tables.
 *
 * Contract (status.h): a fixed table, read only; nothing allocates or
 * fails with a status (lookups return -1 or FS_UNIT_UNKNOWN). */
#ifndef FORCESTAT_REGISTRY_H
#define FORCESTAT_REGISTRY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FS_FORCE_COUNT 43

/* One territorial force.  All strings are static. */
typedef struct fs_force {
    const char *code;       /* ONS police force area code, E23000001..W15000004 */
    const char *name;       /* the name HMICFRS uses, e.g. "Essex Police" */
    const char *short_name; /* the Home Office open-data name, e.g. "Essex" */
    const char *region;     /* English region, or "Wales" */
    const char *country;    /* "England" or "Wales" */
} fs_force_t;

/* What a row label denotes. */
typedef enum fs_unit_kind {
    FS_UNIT_UNKNOWN = 0, /* matches nothing known: kept, but not a force */
    FS_UNIT_FORCE,       /* one of the 43 territorial forces */
    FS_UNIT_NATIONAL,    /* England and Wales as a whole (K04000001) */
    FS_UNIT_COUNTRY,     /* England or Wales alone */
    FS_UNIT_REGION,      /* an English region */
    FS_UNIT_OTHER_FORCE, /* a force that is not territorial in E&W: BTP, PSNI, Police Scotland */
    FS_UNIT_OTHER        /* other known non-force rows: totals including BTP, secondments */
} fs_unit_kind_t;

/* The result of matching a label. */
typedef struct fs_unit {
    fs_unit_kind_t kind;
    int force;        /* index into the registry when kind is FS_UNIT_FORCE, else -1 */
    const char *code; /* ONS code when known, else NULL */
    const char *name; /* canonical name when known, else NULL */
} fs_unit_t;

/* The force at index i (0 <= i < FS_FORCE_COUNT), in ONS code order
 * (E23000001 first, Welsh forces last); NULL when i is out of range. */
const fs_force_t *fs_registry_force(size_t i);

/* Matches a label as written in a published table: a force name in any of
 * the spellings used by HMICFRS, the Home Office, police.uk and ONS, or an
 * ONS code.  Matching ignores case, surrounding white space (including
 * no-break spaces), "&" versus "and", punctuation such as commas and
 * hyphens, and a trailing "Police", "Constabulary" or "Police Service".
 * "West Midlands" is the force; the region matches by its code E12000005
 * or as "West Midlands region".  The label is n bytes at s (UTF-8). */
fs_unit_t fs_registry_match(const char *s, size_t n);

/* The name charts and pages show for force i, whatever a file's spelling:
 * the short name HMICFRS's charts use ("Devon and Cornwall", "City of
 * London", "Metropolitan Police"); NULL when i is out of range. */
const char *fs_registry_display(size_t i);

/* The index of the force with ONS code `code` (exact), or -1. */
int fs_registry_find_code(const char *code);

/* The territorial force whose name is a near miss of the label (a letter
 * or two mistyped, dropped or added, after the normalisation of
 * fs_registry_match), for "did you mean"; -1 when none is close. */
int fs_registry_suggest(const char *s, size_t n);

/* A short name for a unit kind: "force", "england-and-wales", "country",
 * "region", "other-force", "other", "unknown". */
const char *fs_unit_kind_name(fs_unit_kind_t kind);

#ifdef __cplusplus
}
#endif

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* number.h: strict parsing of numeric fields and recognition of the
 * missing-value tokens that official statistics use.
 *
 * Contract (status.h): nothing here allocates or fails with a status;
 * fs_parse_number leaves *out unspecified unless it returns
 * FS_FIELD_NUMBER. */
#ifndef FORCESTAT_NUMBER_H
#define FORCESTAT_NUMBER_H

#include <stddef.h>

#include "forcestat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a field holds. */
typedef enum fs_field_kind {
    FS_FIELD_NUMBER,  /* a finite number, stored in *out */
    FS_FIELD_MISSING, /* a missing-value token (see fs_is_missing) */
    FS_FIELD_INVALID  /* anything else; *why says what is wrong */
} fs_field_kind_t;

/* Whether the n bytes at s, with surrounding spaces, tabs and no-break
 * spaces removed, are a missing-value token: the empty field, NA, N/A,
 * "..", ":", "-", "*", "[x]", "[c]", "[z]", "[u]", "[w]", "[low]"
 * (case-insensitive).  These are the markers used by ONS and Home Office
 * tables (the GSS shorthand: [x] not available, [c] confidential, [z] not
 * applicable, [u] low reliability, [w] no figure, [low] rounds to zero;
 * ":" and ".." in older tables). */
int fs_is_missing(const char *s, size_t n);

/* Parses the n bytes at s as one number, strictly: after removing
 * surrounding white space (including U+00A0), the whole field must be an
 * optional sign, digits with an optional decimal point, and an optional
 * exponent.  Digits before the point may be grouped in threes by commas
 * ("1,234,567.5", as in a quoted spreadsheet cell); grouping must be
 * consistent.  Hex, inf, nan, stray text, and values that overflow or
 * underflow a double are FS_FIELD_INVALID, with a static explanation in
 * *why (why may be NULL).  Missing tokens give FS_FIELD_MISSING. */
fs_field_kind_t fs_parse_number(const char *s, size_t n, double *out, const char **why);

#ifdef __cplusplus
}
#endif

#endif

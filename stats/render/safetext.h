/* SPDX-License-Identifier: GPL-3.0-or-later */
/* safetext.h: text from the data or the command line made safe for where
 * it goes: a spreadsheet (CSV cells that would run as formulas), markup
 * (SVG and HTML that must be well-formed, valid UTF-8), a terminal
 * (messages with no control characters), and cuts that never split a
 * character. */
#ifndef FORCESTAT_SAFETEXT_H
#define FORCESTAT_SAFETEXT_H

#include <stddef.h>

#include "render/emit.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The length (1 to 4) of the well-formed UTF-8 character at s[0..n-1]
 * (no overlong form, no surrogate, nothing above U+10FFFF), or 0 when the
 * bytes there are not one (n == 0 too). */
size_t fs_utf8_char(const char *s, size_t n);

/* The longest prefix of s[0..n-1] of at most max bytes that ends on a
 * character boundary: a cut there never leaves part of a UTF-8
 * character.  (Bytes that are not UTF-8 count as one character each.) */
size_t fs_utf8_cut(const char *s, size_t n, size_t max);

/* Whether a CSV text cell is a number as written (an optional sign, then
 * digits with an optional point and exponent, or inf, infinity or nan in
 * any case): numbers are never changed, whatever their first character. */
int fs_csv_is_number(const char *s);

/* Whether a CSV text cell would be run by a spreadsheet as a formula: it
 * begins with =, +, -, @, tab or CR and is not a number. */
int fs_csv_is_formula(const char *s);

/* A CSV text cell: with a ' before it when it would run as a formula
 * (unless raw), then quoted as fs_csv_field quotes (a comma, quote, CR or
 * LF, or a leading or trailing space). */
void fs_csv_text(fs_buf_t *b, const char *s, int raw);

/* The length of the character at s[0..n-1] (n > 0; 1 for a byte that is
 * not part of well-formed UTF-8) and in *ok whether markup may hold it as
 * it is: well-formed, no control character but tab, LF and CR, and
 * neither U+FFFE nor U+FFFF (no XML characters). */
size_t fs_markup_char(const char *s, size_t n, int *ok);

/* s[0..n-1] as valid UTF-8 for markup: each byte that does not belong to
 * a well-formed character, and each control character (C0 but tab, LF
 * and CR; DEL; C1), becomes U+FFFD.  Nothing is escaped for XML: that is
 * the caller's. */
void fs_text_for_markup(fs_buf_t *out, const char *s, size_t n);

/* The length of the character at s[0..n-1] (n > 0; 1 for a byte that is
 * not part of well-formed UTF-8) and in *ok whether a message may show it
 * as it is: well-formed and no control character (C0, DEL, C1; LF is
 * allowed when keep_newlines). */
size_t fs_message_char(const char *s, size_t n, int keep_newlines, int *ok);

/* s[0..n-1] for a message on a terminal: each control character (C0, DEL,
 * C1) and each byte that is not part of well-formed UTF-8 becomes '?';
 * LF too unless keep_newlines. */
void fs_text_for_message(fs_buf_t *out, const char *s, size_t n, int keep_newlines);

/* An XML document (an SVG as gnuplot writes it) made well-formed whatever
 * text went into it: fs_text_for_markup's replacements, and "]]>" outside
 * a CDATA section written "]]&gt;" (XML forbids it in text). */
void fs_xml_tidy(fs_buf_t *out, const char *s, size_t n);

#ifdef __cplusplus
}
#endif

#endif

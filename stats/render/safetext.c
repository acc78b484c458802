/* SPDX-License-Identifier: GPL-3.0-or-later */
/* safetext.c: text made safe for spreadsheets, markup and terminals
 * (safetext.h). */
#include "render/safetext.h"

#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

static int cont(unsigned char c)
{
    return c >= 0x80 && c <= 0xBF;
}

size_t fs_utf8_char(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && cont(p[1]) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || !cont(p[2]))
            return 0;
        /* E0: no overlong form; ED: no surrogate. */
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return p[1] >= lo && p[1] <= hi ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || !cont(p[2]) || !cont(p[3]))
            return 0;
        /* F0: no overlong form; F4: nothing above U+10FFFF. */
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return p[1] >= lo && p[1] <= hi ? 4 : 0;
    }
    return 0;
}

size_t fs_utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    size_t at = 0;
    while (at < n) {
        size_t k = fs_utf8_char(s + at, n - at);
        if (k == 0)
            k = 1;
        if (at + k > max)
            break;
        at += k;
    }
    return at;
}

static int digits(const char **p)
{
    const char *s = *p;
    while (**p >= '0' && **p <= '9')
        (*p)++;
    return *p > s;
}

/* s matches word in any case (ASCII letters only). */
static int same_word(const char *s, const char *word)
{
    for (; *word; s++, word++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *word)
            return 0;
    }
    return *s == '\0';
}

int fs_csv_is_number(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (same_word(p, "inf") || same_word(p, "infinity") || same_word(p, "nan"))
        return 1;
    int whole = digits(&p), fraction = 0;
    if (*p == '.') {
        p++;
        fraction = digits(&p);
    }
    if (!whole && !fraction)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!digits(&p))
            return 0;
    }
    return *p == '\0';
}

int fs_csv_is_formula(const char *s)
{
    char c = s[0];
    if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r')
        return 0;
    return !fs_csv_is_number(s);
}

void fs_csv_text(fs_buf_t *b, const char *s, int raw)
{
    size_t n = strlen(s);
    int guard = !raw && fs_csv_is_formula(s);
    int quote = fs_csv_needs_quotes(s, n);
    if (quote)
        fs_buf_putc(b, '"');
    if (guard)
        fs_buf_putc(b, '\'');
    if (!quote) {
        fs_buf_append(b, s, n);
        return;
    }
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fs_buf_putc(b, '"');
        fs_buf_putc(b, *p);
    }
    fs_buf_putc(b, '"');
}

/* The length of the character at s (1 for a byte that is not part of
 * well-formed UTF-8, *bad set) and whether it is a control character. */
static size_t next_char(const char *s, size_t n, int *bad, int *control)
{
    size_t k = fs_utf8_char(s, n);
    const unsigned char *p = (const unsigned char *)s;
    *bad = k == 0;
    if (k == 0)
        k = 1;
    *control = (k == 1 && (p[0] < 0x20 || p[0] == 0x7F)) ||
               (k == 2 && p[0] == 0xC2 && p[1] <= 0x9F);
    return k;
}

size_t fs_markup_char(const char *s, size_t n, int *ok)
{
    int bad, control;
    size_t k = next_char(s, n, &bad, &control);
    const unsigned char *p = (const unsigned char *)s;
    int allowed = p[0] == '\t' || p[0] == '\n' || p[0] == '\r';
    int nonchar = k == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE;
    *ok = !bad && (!control || allowed) && !nonchar;
    return k;
}

void fs_text_for_markup(fs_buf_t *out, const char *s, size_t n)
{
    size_t done = 0, i = 0;
    while (i < n) {
        int ok;
        size_t k = fs_markup_char(s + i, n - i, &ok);
        if (!ok) {
            fs_buf_append(out, s + done, i - done);
            fs_buf_puts(out, replacement);
            done = i + k;
        }
        i += k;
    }
    fs_buf_append(out, s + done, n - done);
}

size_t fs_message_char(const char *s, size_t n, int keep_newlines, int *ok)
{
    int bad, control;
    size_t k = next_char(s, n, &bad, &control);
    *ok = !bad && (!control || (keep_newlines && s[0] == '\n'));
    return k;
}

void fs_text_for_message(fs_buf_t *out, const char *s, size_t n, int keep_newlines)
{
    size_t done = 0, i = 0;
    while (i < n) {
        int ok;
        size_t k = fs_message_char(s + i, n - i, keep_newlines, &ok);
        if (!ok) {
            fs_buf_append(out, s + done, i - done);
            fs_buf_putc(out, '?');
            done = i + k;
        }
        i += k;
    }
    fs_buf_append(out, s + done, n - done);
}

void fs_xml_tidy(fs_buf_t *out, const char *s, size_t n)
{
    static const char open[] = "<![CDATA[", close[] = "]]>";
    size_t from = 0, i = 0;
    while (i < n) {
        if (s[i] == '<' && n - i >= sizeof open - 1 && memcmp(s + i, open, sizeof open - 1) == 0) {
            /* A CDATA section is kept to its end, which is the first "]]>". */
            const char *end = NULL;
            for (size_t j = i + sizeof open - 1; j + 3 <= n && end == NULL; j++)
                if (memcmp(s + j, close, 3) == 0)
                    end = s + j;
            i = end != NULL ? (size_t)(end - s) + 3 : n;
        } else if (s[i] == ']' && n - i >= 3 && memcmp(s + i, close, 3) == 0) {
            fs_text_for_markup(out, s + from, i + 2 - from);
            fs_buf_puts(out, "&gt;");
            i += 3;
            from = i;
        } else {
            i++;
        }
    }
    fs_text_for_markup(out, s + from, n - from);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* workbook.c: what .xlsx and .ods share (workbook.h): the rows of a sheet,
 * parsed by expat one chunk of the inflated member at a time; the parts
 * read whole (the list of sheets, shared strings, styles); cell
 * references. */
#include "workbook.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- cell references ---- */

int fs_cell_ref_parse(const char *s, size_t n, long *col, long *row)
{
    size_t i = 0;
    long c = 0, r = 0;
    while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
        c = c * 26 + ((s[i] | 0x20) - 'a' + 1);
        if (c > FS_SHEET_MAX_COLUMNS)
            return 0;
        i++;
    }
    if (i == 0)
        return 0;
    size_t digits = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
        r = r * 10 + (s[i] - '0');
        if (r > FS_SHEET_MAX_ROWS)
            return 0;
    }
    if (i != n || (digits > 0 && r == 0))
        return 0;
    *col = c - 1;
    *row = r;
    return 1;
}

void fs_column_letters(long col, char *buf)
{
    char tmp[8];
    size_t k = 0;
    for (long c = col + 1; c > 0 && k < sizeof tmp; c = (c - 1) / 26)
        tmp[k++] = (char)('A' + (c - 1) % 26);
    for (size_t i = 0; i < k; i++)
        buf[i] = tmp[k - 1 - i];
    buf[k] = '\0';
}

/* ---- the row being built ---- */

static fs_status_t nomem(fs_error_t *err)
{
    return fs_error_set(err, FS_ENOMEM, "out of memory");
}

fs_status_t fs_row_cell_text(fs_sheet_row_t *r, const char *s, size_t n)
{
    if (r->len + n > r->max_cell_bytes)
        return FS_ELIMIT;
    if (r->len + n + 1 > r->text_cap) {
        size_t c = r->text_cap ? r->text_cap : 64;
        while (c < r->len + n + 1)
            c *= 2;
        char *t = realloc(r->text, c);
        if (t == NULL)
            return FS_ENOMEM;
        r->text = t;
        r->text_cap = c;
    }
    memcpy(r->text + r->len, s, n);
    r->len += n;
    r->text[r->len] = '\0';
    return FS_OK;
}

/* Ends the cell at r->col, standing repeat times; an empty cell only
 * moves the column on. */
fs_status_t fs_row_cell_end(fs_sheet_row_t *r, long repeat)
{
    if (repeat < 1)
        repeat = 1;
    for (long k = 0; r->len > 0 && k < repeat && r->col + k < FS_SHEET_MAX_COLUMNS; k++) {
        if (r->ncells == r->cap) {
            size_t c = r->cap ? r->cap * 2 : 16;
            fs_cell_t *cells = realloc(r->cells, c * sizeof *cells);
            if (cells == NULL)
                return FS_ENOMEM;
            r->cells = cells;
            r->cap = c;
        }
        char *t = malloc(r->len + 1);
        if (t == NULL)
            return FS_ENOMEM;
        memcpy(t, r->text, r->len + 1);
        r->cells[r->ncells++] = (fs_cell_t){r->col + k, r->len, t};
    }
    r->col = repeat > FS_SHEET_MAX_COLUMNS - r->col ? FS_SHEET_MAX_COLUMNS : r->col + repeat;
    r->len = 0;
    return FS_OK;
}

static void row_clear(fs_sheet_row_t *r)
{
    for (size_t i = 0; i < r->ncells; i++)
        free(r->cells[i].text);
    r->ncells = 0;
    r->col = 0;
    r->len = 0;
}

fs_sheet_row_t *fs_parse_row(fs_sheet_parse_t *p)
{
    return &p->row;
}

void fs_parse_fail(fs_sheet_parse_t *p, fs_status_t st, const char *fmt, ...)
{
    if (p->st != FS_OK)
        return;
    p->st = st;
    fs_error_at(&p->err, p->book_name, 0, 0, NULL, 0);
    if (fmt != NULL) {
        char msg[FS_ERROR_MESSAGE_MAX];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        fs_error_set(&p->err, st, "%s", msg);
    }
    XML_StopParser(p->xp, XML_FALSE);
}

/* Ends the row, standing repeat times: to the sink when it holds a cell;
 * then the next row follows it. */
fs_status_t fs_row_end(fs_sheet_parse_t *p, long repeat)
{
    fs_sheet_row_t *r = &p->row;
    if (repeat < 1)
        repeat = 1;
    r->repeat = repeat;
    fs_status_t st = FS_OK;
    if (r->ncells > 0 && r->row > FS_SHEET_MAX_ROWS) {
        fs_parse_fail(p, FS_ELIMIT, "a sheet of more than %ld rows", FS_SHEET_MAX_ROWS);
        st = FS_ELIMIT;
    } else if (r->ncells > 0 && !p->sheet_done) {
        st = p->sink(p->sink_ctx, r, &p->err);
        if (st != FS_OK && p->st == FS_OK) {
            p->st = st;
            XML_StopParser(p->xp, XML_FALSE);
        }
    }
    row_clear(r);
    r->row = repeat > FS_SHEET_MAX_ROWS + 1 - r->row ? FS_SHEET_MAX_ROWS + 1 : r->row + repeat;
    return st;
}

void fs_parse_sheet_done(fs_sheet_parse_t *p)
{
    p->sheet_done = 1;
}

fs_status_t fs_parse_setup(fs_sheet_parse_t *p, const char *member, void *ud,
                           void (*start)(void *, const char *, const char **),
                           void (*end)(void *, const char *),
                           void (*text)(void *, const char *, int), fs_error_t *err)
{
    p->xp = XML_ParserCreateNS(NULL, ' ');
    if (p->xp == NULL)
        return nomem(err);
    XML_SetUserData(p->xp, ud);
    XML_SetElementHandler(p->xp, start, end);
    XML_SetCharacterDataHandler(p->xp, text);
    snprintf(p->member, sizeof p->member, "%s", member);
    return fs_zip_member_open(p->zip, member, err);
}

fs_status_t fs_parse_step(fs_sheet_parse_t *p, fs_error_t *err)
{
    if (p->sheet_done)
        return FS_EOF;
    size_t got;
    fs_status_t st = fs_zip_member_read(p->zip, p->buf, sizeof p->buf, &got, err);
    if (st != FS_OK)
        return st;
    enum XML_Status xs = XML_Parse(p->xp, (const char *)p->buf, (int)got, got == 0);
    if (p->st != FS_OK) {
        if (err != NULL && p->st != FS_EOF) /* FS_EOF: a sink stopped the sheet */
            *err = p->err;
        return p->st;
    }
    if (xs != XML_STATUS_OK) {
        fs_error_at(err, p->book_name, 0, 0, p->member, strlen(p->member));
        return fs_error_set(err, FS_EPARSE, "a corrupt workbook: bad XML at line %lu (%s)",
                            (unsigned long)XML_GetCurrentLineNumber(p->xp),
                            XML_ErrorString(XML_GetErrorCode(p->xp)));
    }
    if (got == 0)
        p->sheet_done = 1;
    return FS_OK;
}

void fs_parse_clear(fs_sheet_parse_t *p)
{
    if (p->xp != NULL)
        XML_ParserFree(p->xp);
    p->xp = NULL;
    row_clear(&p->row);
    free(p->row.cells);
    free(p->row.text);
    memset(&p->row, 0, sizeof p->row);
    p->st = FS_OK;
    p->sheet_done = 0;
}

fs_status_t fs_xml_read_member(fs_zip_t *z, const char *member, void *ud,
                               void (*start)(void *, const char *, const char **),
                               void (*end)(void *, const char *),
                               void (*text)(void *, const char *, int), int *failed,
                               fs_error_t *err)
{
    fs_sheet_parse_t *p = calloc(1, sizeof *p);
    if (p == NULL)
        return nomem(err);
    p->zip = z;
    p->book_name = fs_zip_name(z);
    fs_status_t st = fs_parse_setup(p, member, ud, start, end, text, err);
    while (st == FS_OK) {
        st = fs_parse_step(p, err);
        if (st == FS_OK && *failed) {
            XML_StopParser(p->xp, XML_FALSE);
            st = nomem(err);
        }
    }
    fs_parse_clear(p);
    free(p);
    return st == FS_EOF ? FS_OK : st;
}

const char *fs_xml_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i] != NULL; i += 2) {
        if (strcmp(atts[i], name) == 0)
            return atts[i + 1];
    }
    return NULL;
}

const char *fs_xml_local(const char *name)
{
    const char *sp = strrchr(name, ' ');
    return sp != NULL ? sp + 1 : name;
}

const char *fs_xml_local_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i] != NULL; i += 2) {
        if (strcmp(fs_xml_local(atts[i]), name) == 0)
            return atts[i + 1];
    }
    return NULL;
}

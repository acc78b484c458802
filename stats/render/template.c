/* SPDX-License-Identifier: GPL-3.0-or-later */
/* template.c: filling the gnuplot templates of plots/ (see template.h). */
#include "template.h"

#include <stdlib.h>
#include <string.h>


void fs_tmpl_init(fs_tmpl_vars_t *vars)
{
    memset(vars, 0, sizeof *vars);
}

void fs_tmpl_free(fs_tmpl_vars_t *vars)
{
    for (size_t i = 0; i < vars->n; i++)
        free(vars->v[i].text);
    vars->n = 0;
}

static int find(const fs_tmpl_vars_t *vars, const char *name, size_t len)
{
    for (size_t i = 0; i < vars->n; i++) {
        if (strlen(vars->v[i].name) == len && memcmp(vars->v[i].name, name, len) == 0)
            return (int)i;
    }
    return -1;
}

/* The slot for name, new or existing; NULL when full. */
static int slot(fs_tmpl_vars_t *vars, const char *name)
{
    int i = find(vars, name, strlen(name));
    if (i >= 0)
        return i;
    if (vars->n == FS_TMPL_MAX_VARS) {
        vars->failed = 1;
        return -1;
    }
    i = (int)vars->n++;
    vars->v[i].name = name;
    vars->v[i].is_flag = 0;
    vars->v[i].flag = 0;
    vars->v[i].text = NULL;
    return i;
}

static void set_text(fs_tmpl_vars_t *vars, const char *name, fs_buf_t *b, int append)
{
    int i = slot(vars, name);
    if (i < 0 || fs_buf_status(b) != FS_OK) {
        vars->failed = 1;
        fs_buf_free(b);
        return;
    }
    if (append && vars->v[i].text != NULL && vars->v[i].text[0] != '\0') {
        fs_buf_t joined;
        fs_buf_init(&joined);
        fs_buf_puts(&joined, vars->v[i].text);
        fs_buf_puts(&joined, ", ");
        fs_buf_append(&joined, b->data ? b->data : "", b->len);
        fs_buf_free(b);
        *b = joined;
        if (fs_buf_status(b) != FS_OK) {
            vars->failed = 1;
            fs_buf_free(b);
            return;
        }
    }
    free(vars->v[i].text);
    vars->v[i].text = b->data ? b->data : strdup("");
    if (vars->v[i].text == NULL)
        vars->failed = 1;
}

size_t fs_tmpl_quote(const char *s, char *buf, size_t size)
{
    size_t k = 0;
#define PUT(c)                                                                                    \
    do {                                                                                          \
        if (k + 1 < size)                                                                         \
            buf[k] = (c);                                                                         \
        k++;                                                                                      \
    } while (0)
    PUT('"');
    int after_escape = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned c = *p;
        /* gnuplot reads octal escapes greedily ("\0562" is one character),
         * so a digit right after an escape is escaped too. */
        int digit = c >= '0' && c <= '9';
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (digit && !after_escape) ||
            c == ' ') {
            PUT((char)c);
            after_escape = 0;
        } else {
            after_escape = 1;
            PUT('\\');
            PUT((char)('0' + ((c >> 6) & 7)));
            PUT((char)('0' + ((c >> 3) & 7)));
            PUT((char)('0' + (c & 7)));
        }
    }
    PUT('"');
#undef PUT
    if (size > 0)
        buf[k < size ? k : size - 1] = '\0';
    return k;
}

static void put_quoted(fs_buf_t *b, const char *s)
{
    size_t need = fs_tmpl_quote(s, NULL, 0);
    char *tmp = malloc(need + 1);
    if (tmp == NULL) {
        b->failed = 1;
        return;
    }
    fs_tmpl_quote(s, tmp, need + 1);
    fs_buf_append(b, tmp, need);
    free(tmp);
}

/* A string literal or a number as a value, or appended to a list. */
static void set_string(fs_tmpl_vars_t *vars, const char *name, const char *s, int append)
{
    fs_buf_t b;
    fs_buf_init(&b);
    put_quoted(&b, s ? s : "");
    set_text(vars, name, &b, append);
}

static void set_number(fs_tmpl_vars_t *vars, const char *name, double x, int append)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_number(&b, x);
    set_text(vars, name, &b, append);
}

void fs_tmpl_string(fs_tmpl_vars_t *vars, const char *name, const char *s)
{
    set_string(vars, name, s, 0);
}

void fs_tmpl_number(fs_tmpl_vars_t *vars, const char *name, double x)
{
    set_number(vars, name, x, 0);
}

void fs_tmpl_flag(fs_tmpl_vars_t *vars, const char *name, int on)
{
    int i = slot(vars, name);
    if (i < 0)
        return;
    vars->v[i].is_flag = 1;
    vars->v[i].flag = on != 0;
}

void fs_tmpl_list(fs_tmpl_vars_t *vars, const char *name)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_puts(&b, "");
    set_text(vars, name, &b, 0);
}

void fs_tmpl_list_string(fs_tmpl_vars_t *vars, const char *name, const char *s)
{
    set_string(vars, name, s, 1);
}

void fs_tmpl_list_number(fs_tmpl_vars_t *vars, const char *name, double x)
{
    set_number(vars, name, x, 1);
}

void fs_tmpl_list_tic(fs_tmpl_vars_t *vars, const char *name, const char *label, double x)
{
    fs_buf_t b;
    fs_buf_init(&b);
    put_quoted(&b, label ? label : "");
    fs_buf_putc(&b, ' ');
    fs_buf_number(&b, x);
    set_text(vars, name, &b, 1);
}

/* A directive line: "@if NAME@", "@if !NAME@", "@else@", "@end@" (blanks
 * around allowed).  Returns 1 if, 2 else, 3 end, 0 for any other line;
 * for "if", *name and *len give the flag and *negate its sense. */
static int directive(const char *line, size_t n, const char **name, size_t *len, int *negate)
{
    while (n > 0 && (*line == ' ' || *line == '\t'))
        line++, n--;
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
        n--;
    if (n < 2 || line[0] != '@' || line[n - 1] != '@')
        return 0;
    if (n == 6 && memcmp(line, "@else@", 6) == 0)
        return 2;
    if (n == 5 && memcmp(line, "@end@", 5) == 0)
        return 3;
    if (n > 5 && memcmp(line, "@if ", 4) == 0) {
        *name = line + 4;
        *len = n - 5;
        *negate = **name == '!';
        if (*negate)
            (*name)++, (*len)--;
        return 1;
    }
    return 0;
}

fs_status_t fs_tmpl_fill(fs_buf_t *out, const char *tmpl, const char *tmpl_name,
                         const fs_tmpl_vars_t *vars, fs_error_t *err)
{
    if (vars->failed)
        return fs_error_set(err, FS_ENOMEM, "out of memory filling the %s template", tmpl_name);
    enum { DEPTH = 16 };
    int keep[DEPTH + 1], taken[DEPTH + 1];
    int depth = 0;
    keep[0] = 1;
    taken[0] = 1;
    long lineno = 0;
    for (const char *p = tmpl; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        lineno++;
        const char *name;
        size_t len;
        int negate;
        int d = directive(p, n, &name, &len, &negate);
        if (d == 1) {
            int i = find(vars, name, len);
            if (i < 0 || !vars->v[i].is_flag || depth == DEPTH)
                return fs_error_set(err, FS_EINVAL, "plots/%s.gp:%ld: %s '%.*s'", tmpl_name,
                                    lineno, depth == DEPTH ? "@if@ nested too deep at" : "no flag",
                                    (int)len, name);
            int on = vars->v[i].flag != negate;
            depth++;
            keep[depth] = keep[depth - 1] && on;
            taken[depth] = on;
        } else if (d == 2 || d == 3) {
            if (depth == 0)
                return fs_error_set(err, FS_EINVAL, "plots/%s.gp:%ld: @%s@ without @if@",
                                    tmpl_name, lineno, d == 2 ? "else" : "end");
            if (d == 2) {
                keep[depth] = keep[depth - 1] && !taken[depth];
                taken[depth] = 1;
            } else {
                depth--;
            }
        } else if (keep[depth] && !(n >= 2 && p[0] == '#' && p[1] == '@')) {
            for (size_t k = 0; k < n; k++) {
                if (p[k] != '@') {
                    fs_buf_putc(out, p[k]);
                    continue;
                }
                const char *end = memchr(p + k + 1, '@', n - k - 1);
                if (end == NULL)
                    return fs_error_set(err, FS_EINVAL, "plots/%s.gp:%ld: an '@' without its pair",
                                        tmpl_name, lineno);
                size_t nlen = (size_t)(end - (p + k + 1));
                int i = find(vars, p + k + 1, nlen);
                if (i < 0 || vars->v[i].is_flag)
                    return fs_error_set(err, FS_EINVAL, "plots/%s.gp:%ld: no value '%.*s'",
                                        tmpl_name, lineno, (int)nlen, p + k + 1);
                fs_buf_puts(out, vars->v[i].text);
                k += nlen + 1;
            }
            fs_buf_putc(out, '\n');
        }
        p += n + (nl != NULL);
    }
    if (depth != 0)
        return fs_error_set(err, FS_EINVAL, "plots/%s.gp: @if@ without @end@", tmpl_name);
    return fs_buf_status(out) == FS_OK ? FS_OK
                                       : fs_error_set(err, FS_ENOMEM, "out of memory");
}

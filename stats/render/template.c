/* SPDX-License-Identifier: GPL-3.0-or-later */
/* template.c: filling the gnuplot templates of plots/ (see template.h). */
#include "template.h"

#include <stdlib.h>
#include <string.h>

#include "render/render.h"

void fs_tmpl_init(fs_tmpl_vars_t *vars)
{
    memset(vars, 0, sizeof *vars);
}

void fs_tmpl_init_html(fs_tmpl_vars_t *vars)
{
    fs_tmpl_init(vars);
    vars->html = 1;
}

void fs_tmpl_free(fs_tmpl_vars_t *vars)
{
    for (size_t i = 0; i < vars->n; i++) {
        free(vars->v[i].text);
        for (size_t k = 0; k < vars->v[i].nitems; k++) {
            fs_tmpl_free(vars->v[i].items[k]);
            free(vars->v[i].items[k]);
        }
        free(vars->v[i].items);
    }
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
    vars->v[i].is_section = 0;
    vars->v[i].items = NULL;
    vars->v[i].nitems = vars->v[i].cap = 0;
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
#define PUT(c)                                                                                     \
    do {                                                                                           \
        if (k + 1 < size)                                                                          \
            buf[k] = (c);                                                                          \
        k++;                                                                                       \
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
    if (vars->html)
        fs_html_escape(&b, s ? s : "");
    else
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

void fs_tmpl_markup(fs_tmpl_vars_t *vars, const char *name, const char *markup)
{
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_puts(&b, markup ? markup : "");
    set_text(vars, name, &b, 0);
}

void fs_tmpl_section(fs_tmpl_vars_t *vars, const char *name)
{
    int i = slot(vars, name);
    if (i >= 0)
        vars->v[i].is_section = 1;
}

fs_tmpl_vars_t *fs_tmpl_item(fs_tmpl_vars_t *vars, const char *name)
{
    int i = slot(vars, name);
    if (i < 0)
        return NULL;
    vars->v[i].is_section = 1;
    if (vars->v[i].nitems == vars->v[i].cap) {
        size_t cap = vars->v[i].cap ? 2 * vars->v[i].cap : 8;
        fs_tmpl_vars_t **items = realloc(vars->v[i].items, cap * sizeof *items);
        if (items == NULL) {
            vars->failed = 1;
            return NULL;
        }
        vars->v[i].items = items;
        vars->v[i].cap = cap;
    }
    fs_tmpl_vars_t *item = malloc(sizeof *item);
    if (item == NULL) {
        vars->failed = 1;
        return NULL;
    }
    fs_tmpl_init(item);
    item->html = vars->html;
    vars->v[i].items[vars->v[i].nitems++] = item;
    return item;
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

/* A directive line: "@if NAME@", "@if !NAME@", "@each NAME@", "@else@",
 * "@end@" (blanks around allowed).  Returns the directive, or NONE for
 * any other line; for "if" and "each", *name and *len give the flag or
 * section and *negate an if's sense. */
enum { NONE, IF, ELSE, END, EACH };
static int directive(const char *line, size_t n, const char **name, size_t *len, int *negate)
{
    while (n > 0 && (*line == ' ' || *line == '\t'))
        line++, n--;
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
        n--;
    if (n < 2 || line[0] != '@' || line[n - 1] != '@')
        return NONE;
    if (n == 6 && memcmp(line, "@else@", 6) == 0)
        return ELSE;
    if (n == 5 && memcmp(line, "@end@", 5) == 0)
        return END;
    if (n > 7 && memcmp(line, "@each ", 6) == 0) {
        *name = line + 6;
        *len = n - 7;
        *negate = 0;
        return EACH;
    }
    if (n > 5 && memcmp(line, "@if ", 4) == 0) {
        *name = line + 4;
        *len = n - 5;
        *negate = **name == '!';
        if (*negate)
            (*name)++, (*len)--;
        return IF;
    }
    return NONE;
}

/* The values a part of a template sees: an @each@ item's, then those of
 * the template around it. */
typedef struct scope {
    const fs_tmpl_vars_t *vars;
    const struct scope *up;
} scope_t;

typedef struct filler {
    fs_buf_t *out;
    const char *name; /* the template's file under plots/ */
    const char *ext;  /* ".gp" when the name has none */
    fs_error_t *err;
} filler_t;

/* The value named name[0..len-1] in the innermost scope that has it
 * (its slot in *i), or NULL. */
static const fs_tmpl_vars_t *lookup(const scope_t *sc, const char *name, size_t len, int *i)
{
    for (; sc != NULL; sc = sc->up) {
        if ((*i = find(sc->vars, name, len)) >= 0)
            return sc->vars;
    }
    return NULL;
}

/* A line of text with its marks filled in; a line ending in "@-@" gets
 * no newline. */
static fs_status_t put_line(const filler_t *f, const char *p, size_t n, long lineno,
                            const scope_t *sc)
{
    int join = n >= 3 && memcmp(p + n - 3, "@-@", 3) == 0;
    if (join)
        n -= 3;
    for (size_t k = 0; k < n; k++) {
        if (p[k] != '@') {
            fs_buf_putc(f->out, p[k]);
            continue;
        }
        if (k + 1 < n && p[k + 1] == '@') {
            fs_buf_putc(f->out, '@');
            k++;
            continue;
        }
        const char *end = memchr(p + k + 1, '@', n - k - 1);
        if (end == NULL)
            return fs_error_set(f->err, FS_EINVAL, "plots/%s%s:%ld: an '@' without its pair",
                                f->name, f->ext, lineno);
        size_t nlen = (size_t)(end - (p + k + 1));
        int i;
        const fs_tmpl_vars_t *v = lookup(sc, p + k + 1, nlen, &i);
        if (v == NULL || v->v[i].is_flag || v->v[i].is_section || v->v[i].text == NULL)
            return fs_error_set(f->err, FS_EINVAL, "plots/%s%s:%ld: no value '%.*s'", f->name,
                                f->ext, lineno, (int)nlen, p + k + 1);
        fs_buf_puts(f->out, v->v[i].text);
        k += nlen + 1;
    }
    if (!join)
        fs_buf_putc(f->out, '\n');
    return FS_OK;
}

/* The line after the one at p (stop when none). */
static const char *next_line(const char *p, const char *stop)
{
    const char *nl = memchr(p, '\n', (size_t)(stop - p));
    return nl != NULL ? nl + 1 : stop;
}

/* The line of the @end@ that closes the block opened just before p
 * (counting the lines into *lineno), or NULL. */
static const char *block_end(const char *p, const char *stop, long *lineno)
{
    int depth = 1;
    for (; p < stop; p = next_line(p, stop)) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p));
        const char *name;
        size_t len;
        int negate;
        int d = directive(p, nl ? (size_t)(nl - p) : (size_t)(stop - p), &name, &len, &negate);
        ++*lineno;
        depth += (d == IF || d == EACH) - (d == END);
        if (depth == 0)
            return p;
    }
    return NULL;
}

static fs_status_t fill_block(const filler_t *f, const char *p, const char *stop, long lineno,
                              const scope_t *sc);

/* An @each NAME@ block whose body starts at body: the body once for each
 * item (none when keep is 0); *after is the line after its @end@. */
static fs_status_t fill_each(const filler_t *f, const char *name, size_t len, const char *body,
                             const char *stop, long *lineno, int keep, const scope_t *sc,
                             const char **after)
{
    long at = *lineno;
    const char *end = block_end(body, stop, lineno);
    if (end == NULL)
        return fs_error_set(f->err, FS_EINVAL, "plots/%s%s:%ld: @each@ without @end@", f->name,
                            f->ext, at);
    *after = next_line(end, stop);
    if (!keep)
        return FS_OK;
    int i;
    const fs_tmpl_vars_t *v = lookup(sc, name, len, &i);
    if (v == NULL || !v->v[i].is_section)
        return fs_error_set(f->err, FS_EINVAL, "plots/%s%s:%ld: no section '%.*s'", f->name, f->ext,
                            at, (int)len, name);
    for (size_t k = 0; k < v->v[i].nitems; k++) {
        scope_t inner = {v->v[i].items[k], sc};
        if (inner.vars->failed)
            return fs_error_set(f->err, FS_ENOMEM, "out of memory filling the %s template",
                                f->name);
        fs_status_t st = fill_block(f, body, end, at, &inner);
        if (st != FS_OK)
            return st;
    }
    return FS_OK;
}

/* The lines from p to stop, the first of them line lineno + 1. */
static fs_status_t fill_block(const filler_t *f, const char *p, const char *stop, long lineno,
                              const scope_t *sc)
{
    enum { DEPTH = 16 };
    int keep[DEPTH + 1], taken[DEPTH + 1];
    int depth = 0;
    keep[0] = 1;
    taken[0] = 1;
    while (p < stop) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(stop - p);
        lineno++;
        const char *name;
        size_t len;
        int negate;
        int d = directive(p, n, &name, &len, &negate);
        fs_status_t st = FS_OK;
        if (d == EACH) {
            st = fill_each(f, name, len, next_line(p, stop), stop, &lineno, keep[depth], sc, &p);
            if (st != FS_OK)
                return st;
            continue;
        }
        if (d == IF) {
            int i;
            const fs_tmpl_vars_t *v = lookup(sc, name, len, &i);
            if (v == NULL || !v->v[i].is_flag || depth == DEPTH)
                return fs_error_set(f->err, FS_EINVAL, "plots/%s%s:%ld: %s '%.*s'", f->name, f->ext,
                                    lineno, depth == DEPTH ? "@if@ nested too deep at" : "no flag",
                                    (int)len, name);
            int on = v->v[i].flag != negate;
            depth++;
            keep[depth] = keep[depth - 1] && on;
            taken[depth] = on;
        } else if (d == ELSE || d == END) {
            if (depth == 0)
                return fs_error_set(f->err, FS_EINVAL, "plots/%s%s:%ld: @%s@ without @if@", f->name,
                                    f->ext, lineno, d == ELSE ? "else" : "end");
            if (d == ELSE) {
                keep[depth] = keep[depth - 1] && !taken[depth];
                taken[depth] = 1;
            } else {
                depth--;
            }
        } else if (keep[depth] && !(n >= 2 && p[0] == '#' && p[1] == '@')) {
            st = put_line(f, p, n, lineno, sc);
        }
        if (st != FS_OK)
            return st;
        p += n + (nl != NULL);
    }
    if (depth != 0)
        return fs_error_set(f->err, FS_EINVAL, "plots/%s%s: @if@ without @end@", f->name, f->ext);
    return FS_OK;
}

fs_status_t fs_tmpl_fill(fs_buf_t *out, const char *tmpl, const char *tmpl_name,
                         const fs_tmpl_vars_t *vars, fs_error_t *err)
{
    if (vars->failed)
        return fs_error_set(err, FS_ENOMEM, "out of memory filling the %s template", tmpl_name);
    filler_t f = {out, tmpl_name, strchr(tmpl_name, '.') != NULL ? "" : ".gp", err};
    scope_t top = {vars, NULL};
    fs_status_t st = fill_block(&f, tmpl, tmpl + strlen(tmpl), 0, &top);
    if (st != FS_OK)
        return st;
    return fs_buf_status(out) == FS_OK ? FS_OK : fs_error_set(err, FS_ENOMEM, "out of memory");
}

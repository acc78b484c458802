/* SPDX-License-Identifier: GPL-3.0-or-later */
/* help.c: printing the embedded help texts of cli/help/ (help.h). */
#include "help.h"

#include <stdlib.h>
#include <string.h>

/* How deep @include@ may nest: the shared lines are one level down. */
#define MAX_DEPTH 4

const char *cli_help_text(const char *name)
{
    for (size_t i = 0; cli_help_texts[i] != NULL; i += 2)
        if (strcmp(cli_help_texts[i], name) == 0)
            return cli_help_texts[i + 1];
    return NULL;
}

static const fs_kind_table_t *table_of(const char *key)
{
    for (size_t i = 0; fs_kind_tables[i] != NULL; i++)
        if (strcmp(fs_kind_tables[i]->key, key) == 0)
            return fs_kind_tables[i];
    return NULL;
}

/* Words printed after a lead, one space apart, wrapped at 79 columns
 * under the first. */
typedef struct wrap {
    size_t indent, col;
    int first;
} wrap_t;

static void wrap_start(wrap_t *w, const char *lead)
{
    fputs(lead, stdout);
    w->indent = w->col = strlen(lead);
    w->first = 1;
}

static void wrap_word(wrap_t *w, const char *word)
{
    size_t len = strlen(word);
    if (!w->first) {
        if (w->col + 1 + len > 79) {
            printf("\n%*s", (int)w->indent, "");
            w->col = w->indent;
        } else {
            fputc(' ', stdout);
            w->col++;
        }
    }
    fputs(word, stdout);
    w->col += len;
    w->first = 0;
}

/* The names of t after lead, the default marked, joined with "," and
 * last before the final one. */
static void choices(const char *lead, const fs_kind_table_t *t, const char *last)
{
    wrap_t w;
    wrap_start(&w, lead);
    for (size_t i = 0; i < t->n; i++) {
        char word[128];
        snprintf(word, sizeof word, "%s%s%s", t->rows[i].name,
                 t->rows[i].value == t->dflt ? " (default)" : "",
                 i + 1 == t->n   ? ""
                 : i + 2 == t->n ? last
                                 : ",");
        wrap_word(&w, word);
    }
    fputc('\n', stdout);
}

/* Each row of t that lists options: lead, its name padded to width, and
 * its options as "--a, --b". */
static void takes(const char *lead, const fs_kind_table_t *t, int width)
{
    for (size_t i = 0; t->takes != NULL && i < t->n; i++) {
        if (t->takes[i] == NULL)
            continue;
        /* lead and width are the help text's own (a mark's few spaces and
         * columns); the bounds only keep the compiler's size checks exact. */
        char head[160];
        snprintf(head, sizeof head, "%.40s%-*.80s %s", lead, width > 30 ? 30 : width,
                 t->rows[i].name, strlen(t->rows[i].name) >= (size_t)width ? " " : "");
        wrap_t w;
        wrap_start(&w, head);
        for (const char *p = t->takes[i]; *p != '\0';) {
            size_t len = strcspn(p, " ");
            char word[64];
            snprintf(word, sizeof word, "--%.*s%s", (int)len, p, p[len] != '\0' ? "," : "");
            wrap_word(&w, word);
            p += len + (p[len] == ' ');
        }
        fputc('\n', stdout);
    }
}

/* A width as a mark gives it: 1 to 40. */
static int width_of(const char *s)
{
    char *end;
    long w = s != NULL ? strtol(s, &end, 10) : 0;
    return s != NULL && *end == '\0' && w >= 1 && w <= 40 ? (int)w : 0;
}

static int fill(const char *name, int depth);

/* One mark: its words (w[0] the kind of mark) and the line's lead.
 * EXIT_OK, or EXIT_DATA when it is malformed. */
static int mark(const char *lead, char **w, size_t nw, int depth)
{
    const fs_kind_table_t *t = nw >= 2 ? table_of(w[1]) : NULL;
    if (strcmp(w[0], "include") == 0 && nw == 2 && lead[0] == '\0')
        return depth < MAX_DEPTH ? fill(w[1], depth + 1) : EXIT_DATA;
    if (strcmp(w[0], "rows") == 0 && nw == 3 && t != NULL && width_of(w[2]) > 0) {
        /* A name as wide as its column or wider: two spaces before its
         * line, which help2man's lists need. */
        for (size_t i = 0; i < t->n; i++)
            printf("%s%-*s %s%s\n", lead, width_of(w[2]), t->rows[i].name,
                   strlen(t->rows[i].name) >= (size_t)width_of(w[2]) ? " " : "", t->rows[i].what);
        return EXIT_OK;
    }
    if (strcmp(w[0], "choices") == 0 && (nw == 2 || nw == 3) && t != NULL) {
        char last[32];
        snprintf(last, sizeof last, nw == 3 ? " %s" : ",", nw == 3 ? w[2] : "");
        choices(lead, t, last);
        return EXIT_OK;
    }
    if (strcmp(w[0], "takes") == 0 && nw == 3 && t != NULL && width_of(w[2]) > 0) {
        takes(lead, t, width_of(w[2]));
        return EXIT_OK;
    }
    if (strcmp(w[0], "commands") == 0 && nw == 2 && width_of(w[1]) > 0) {
        for (size_t i = 0; i < cli_ncommands; i++)
            printf("%s%-*s %s\n", lead, width_of(w[1]), cli_commands[i].name,
                   cli_commands[i].summary);
        return EXIT_OK;
    }
    return EXIT_DATA;
}

/* A line that ends in a mark: "LEAD@words@" (n bytes, no newline). */
static int marked_line(const char *line, size_t n, int depth)
{
    size_t at = n - 1;
    while (at > 0 && line[at - 1] != '@')
        at--;
    char buf[256];
    if (at == 0 || n >= sizeof buf)
        return EXIT_DATA;
    memcpy(buf, line, n - 1);
    buf[n - 1] = '\0';
    buf[at - 1] = '\0'; /* buf: the lead; buf + at: the words */
    char *w[4];
    size_t nw = 0;
    for (char *tok = strtok(buf + at, " "); tok != NULL; tok = strtok(NULL, " ")) {
        if (nw == 4)
            return EXIT_DATA;
        w[nw++] = tok;
    }
    return nw > 0 ? mark(buf, w, nw, depth) : EXIT_DATA;
}

/* Prints help text name, its marks filled; EXIT_OK or EXIT_DATA. */
static int fill(const char *name, int depth)
{
    const char *p = cli_help_text(name);
    if (p == NULL)
        return EXIT_DATA;
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
        if (n >= 2 && p[0] == '#' && p[1] == '@') {
            /* a note for the reader of the text */
        } else if (n >= 2 && p[n - 1] == '@') {
            if (marked_line(p, n, depth) != EXIT_OK)
                return EXIT_DATA;
        } else {
            fwrite(p, 1, n, stdout);
            if (nl != NULL)
                fputc('\n', stdout);
        }
        p += n + (nl != NULL);
    }
    return EXIT_OK;
}

int cli_help(const char *name)
{
    if (fill(name, 0) != EXIT_OK) {
        fflush(stdout);
        fprintf(stderr, "forcestat: the help '%s' is missing or has a bad mark (cli/help/)\n",
                name);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

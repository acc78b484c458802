/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mutate.c: writes mutated copies of a dataset for the robustness test.
 *
 *   mutate INPUT OUTPUT SEED
 *
 * One of: flip random bytes, insert quotes, insert newlines, insert NUL
 * bytes, insert a byte order mark somewhere, truncate, duplicate a line's
 * worth of bytes, or several of these at once, chosen by SEED.  A small
 * xorshift generator keeps every run reproducible from its seed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state;

static unsigned long long next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void insert(unsigned char **buf, size_t *len, size_t at, const char *what, size_t n)
{
    unsigned char *p = realloc(*buf, *len + n);
    if (p == NULL)
        exit(2);
    memmove(p + at + n, p + at, *len - at);
    memcpy(p + at, what, n);
    *buf = p;
    *len += n;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: mutate INPUT OUTPUT SEED\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL)
        return 2;
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    size_t n;
    while (buf != NULL && (n = fread(buf + len, 1, cap - len, in)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(in);
    if (buf == NULL)
        return 2;
    state = strtoull(argv[3], NULL, 10) * 2654435761ull + 88172645463325252ull;
    int rounds = 1 + (int)(next() % 4);
    for (int r = 0; r < rounds && len > 0; r++) {
        size_t at = (size_t)(next() % len);
        switch (next() % 8) {
        case 0:
            for (int k = 0; k < 8; k++)
                buf[next() % len] = (unsigned char)next();
            break;
        case 1: insert(&buf, &len, at, "\"", 1); break;
        case 2: insert(&buf, &len, at, (next() & 1) ? "\n" : "\r", 1); break;
        case 3: insert(&buf, &len, at, "\0", 1); break;
        case 4: insert(&buf, &len, at, "\xEF\xBB\xBF", 3); break;
        case 5: len = at; break;
        case 6: insert(&buf, &len, at, ",,,\"\"\",", 7); break;
        default: {
            size_t span = len - at < 200 ? len - at : 200;
            unsigned char *copy = malloc(span ? span : 1);
            if (copy == NULL)
                return 2;
            memcpy(copy, buf + at, span);
            insert(&buf, &len, (size_t)(next() % len), (const char *)copy, span);
            free(copy);
        }
        }
    }
    FILE *out = fopen(argv[2], "wb");
    if (out == NULL || fwrite(buf, 1, len, out) != len || fclose(out) != 0)
        return 2;
    free(buf);
    return 0;
}

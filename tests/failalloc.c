/* SPDX-License-Identifier: GPL-3.0-or-later */
/* failalloc.c: allocation failure on demand, for the out-of-memory suite.
 *
 * The test program is linked with -Wl,--wrap=malloc,--wrap=calloc,
 * --wrap=realloc,--wrap=strdup, so every call the library makes to them
 * (the library is linked in statically) comes here first.  While a count
 * is armed, the Nth allocation fails and every later one succeeds: a
 * test fails each allocation of an operation in turn, as SQLite's do. */
#include "failalloc.h"

#include <stddef.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static long fail_at = 0; /* 0: never */
static long seen = 0;

void fa_arm(long n)
{
    fail_at = n;
    seen = 0;
}

long fa_disarm(void)
{
    fail_at = 0;
    return seen;
}

static int should_fail(void)
{
    if (fail_at <= 0)
        return 0;
    return ++seen == fail_at;
}

void *__wrap_malloc(size_t n)
{
    return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return should_fail() ? NULL : __real_strdup(s);
}

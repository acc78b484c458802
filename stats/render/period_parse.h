/* SPDX-License-Identifier: GPL-3.0-or-later */
/* period_parse.h: the one reading of a financial year's label, for the
 * library's words (period.c: fs_period_words, fs_period_ticks) and the
 * program's charts (chart_measure.c: a period's place in time; chart.c:
 * the spine's period column).  Inline, so the library exports nothing
 * beyond its public headers (packaging/libforcestat.symbols). */
#ifndef FORCESTAT_PERIOD_PARSE_H
#define FORCESTAT_PERIOD_PARSE_H

#include <stdlib.h>
#include <string.h>

/* Whether label is a financial year, "2018/19" (*quarter 0), or one of
 * its quarters, "2018/19 4" or "2018/19 Q4" (*quarter 1 to 4): four
 * digits, a slash, the next year's last two digits, then nothing or a
 * space and the quarter.  *year is the first year (2018); both are set
 * only when it returns 1. */
static inline int fs_period_financial(const char *s, int *year, int *quarter)
{
    size_t n = strlen(s);
    if (n < 7 || s[4] != '/')
        return 0;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return 0;
    /* The two digits after the slash are the next year's. */
    if ((atoi(s) + 1) % 100 != atoi(s + 5))
        return 0;
    int q = 0;
    if (n > 7) {
        const char *p = s + 8;
        if (s[7] != ' ')
            return 0;
        if (*p == 'Q' || *p == 'q')
            p++;
        if (!(p[0] >= '1' && p[0] <= '4') || p[1] != '\0')
            return 0;
        q = p[0] - '0';
    }
    *year = atoi(s);
    *quarter = q;
    return 1;
}

#endif

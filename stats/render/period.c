/* SPDX-License-Identifier: GPL-3.0-or-later */
/* period.c: periods as people say them (period.h). */
#include "forcestat/period.h"
#include "period_parse.h" /* beside it: the library has no stats/ on its path */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const months[12] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

/* "2018/19 4" or "2018/19 Q4": the first year and the quarter (1-4). */
static int quarter_of(const char *s, int *year, int *q)
{
    return fs_period_financial(s, year, q) && *q > 0;
}

/* "2020-03-31": year, month (1-12), day. */
static int date_of(const char *s, int *year, int *month, int *day)
{
    if (strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return 0;
    *year = atoi(s);
    *month = atoi(s + 5);
    *day = atoi(s + 8);
    return *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31;
}

/* The month (1-12) and year a financial quarter ends in. */
static void quarter_end(int year, int q, int *month, int *end_year)
{
    static const int ends[4] = {6, 9, 12, 3};
    *month = ends[q - 1];
    *end_year = q == 4 ? year + 1 : year;
}

char *fs_period_words(const char *label, int year_ending, char *buf, size_t size)
{
    int y, q, m, d;
    if (quarter_of(label, &y, &q)) {
        if (year_ending) {
            int month, end;
            quarter_end(y, q, &month, &end);
            snprintf(buf, size, "year ending %s %d", months[month - 1], end);
        } else {
            snprintf(buf, size, "%.7s Q%d", label, q);
        }
    } else if (year_ending && fs_period_financial(label, &y, &q)) {
        /* a bare financial year, April to March: as its fourth quarter */
        snprintf(buf, size, "year ending March %d", y + 1);
    } else if (date_of(label, &y, &m, &d)) {
        if (year_ending)
            snprintf(buf, size, "year ending %s %d", months[m - 1], y);
        else
            snprintf(buf, size, "%d %s %d", d, months[m - 1], y);
    } else {
        snprintf(buf, size, "%s", label);
    }
    return buf;
}

fs_status_t fs_period_ticks(const char *const *labels, size_t n, int year_ending, char **out,
                            fs_error_t *err)
{
    /* Dates on a dense axis: the year alone when every date is the same
     * day of the year (31 March each year), else month and year. */
    int dense = n > 8, same_day = 1, first_m = 0, first_d = 0;
    for (size_t k = 0; k < n; k++) {
        int y, m, d;
        if (!date_of(labels[k], &y, &m, &d)) {
            same_day = 0;
            continue;
        }
        if (k == 0) {
            first_m = m;
            first_d = d;
        } else if (m != first_m || d != first_d) {
            same_day = 0;
        }
    }
    for (size_t k = 0; k < n; k++) {
        char buf[256];
        int y, q, m, d;
        if (quarter_of(labels[k], &y, &q) && year_ending) {
            int month, end;
            quarter_end(y, q, &month, &end);
            snprintf(buf, sizeof buf, "%.3s %d", months[month - 1], end);
        } else if (date_of(labels[k], &y, &m, &d)) {
            if (dense && same_day)
                snprintf(buf, sizeof buf, "%d", y);
            else if (dense)
                snprintf(buf, sizeof buf, "%.3s %d", months[m - 1], y);
            else
                snprintf(buf, sizeof buf, "%d %.3s %d", d, months[m - 1], y);
        } else if (fs_period_financial(labels[k], &y, &q) && q == 0) {
            /* a bare financial year as written on an axis ("2018/19"),
             * short, as its title ("Financial year") says it */
            snprintf(buf, sizeof buf, "%s", labels[k]);
        } else {
            fs_period_words(labels[k], year_ending, buf, sizeof buf);
        }
        if ((out[k] = strdup(buf)) == NULL) {
            for (size_t j = 0; j < k; j++) {
                free(out[j]);
                out[j] = NULL;
            }
            return fs_error_set(err, FS_ENOMEM, "out of memory");
        }
    }
    return FS_OK;
}

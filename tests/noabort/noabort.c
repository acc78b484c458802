/* SPDX-License-Identifier: GPL-3.0-or-later */
/* noabort.c: a program that uses the library as anyone would, without
 * touching GSL's error handler (whose default aborts), over the extreme
 * cases of the public functions that reach GSL.  The library must return
 * a status for each, never abort, print or exit.  Exit 0 when every call
 * returned; a call that aborts kills the program, and ctest sees that. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "forcestat/forcestat.h"

static unsigned long calls;

static void interval_cases(void)
{
    static const double counts[][2] = {
        {0, 1},         {1, 1},          {0, 5000000},         {2500000, 5000000},
        {1, 5000000},   {4999999, 5000000}, {5000000, 5000000}, {1e9, 2e9},
        {1, 1e15},      {5e14, 1e15},    {3, 7},              {168, 196},
    };
    static const double levels[] = {1e-9, 0.5, 0.95, 0.999999999};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        for (int m = FS_CI_WALD; m <= FS_CI_JEFFREYS; m++) {
            for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++) {
                fs_interval_t ci;
                fs_error_t e;
                (void)fs_proportion_ci(counts[i][0], counts[i][1], (fs_ci_method_t)m, levels[l], 0,
                                       &ci, &e);
                calls++;
            }
        }
    }
    static const double rates[][2] = {{0, 1},     {1e-10, 1},  {0.001, 10}, {9.5, 1e6},
                                      {10, 1e-9}, {1e12, 1e6}, {1e15, 1e15}, {5, 1e300}};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++) {
            fs_interval_t ci;
            fs_error_t e;
            (void)fs_rate_ci(rates[i][0], rates[i][1], 1000, levels[l], &ci, &e);
            calls++;
        }
    }
}

static void swilk_and_band_cases(void)
{
    enum { N = 5000 };
    double *x = malloc(N * sizeof *x);
    if (x == NULL)
        exit(1);
    static const size_t sizes[] = {3, 4, 11, 12, 50, 5000};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (int kind = 0; kind < 5; kind++) {
            for (size_t i = 0; i < sizes[s]; i++) {
                double u = (double)(i + 1) / (double)(sizes[s] + 1);
                x[i] = kind == 0   ? u
                       : kind == 1 ? 1e300 * u
                       : kind == 2 ? 1e-300 * u
                       : kind == 3 ? (i == 0 ? 1e300 : 1.0)
                                   : exp(40 * u);
            }
            fs_swilk_t w;
            fs_band_t b;
            fs_band_options_t opt;
            fs_band_options_init(&opt);
            fs_error_t e;
            (void)fs_swilk(x, 1, sizes[s], &w, &e);
            (void)fs_band_compute(x, sizes[s], &opt, &b, &e);
            calls += 2;
        }
    }
    free(x);
}

static void funnel_cases(void)
{
    static const double scale[] = {1e-6, 1, 1e6, 1e12};
    for (size_t s = 0; s < sizeof scale / sizeof scale[0]; s++) {
        for (int type = 0; type < 2; type++) {
            for (int od = 0; od < 3; od++) {
                double num[43], den[43];
                for (int i = 0; i < 43; i++) {
                    den[i] = scale[s] * (1 + i * 37);
                    num[i] = type == 0 ? floor(den[i] * (0.01 + 0.9 * (i % 7) / 7.0))
                                       : scale[s] * (i % 5);
                }
                fs_funnel_options_t opt;
                fs_funnel_options_init(&opt);
                opt.type = type == 0 ? FS_FUNNEL_PROPORTION : FS_FUNNEL_RATE;
                opt.overdispersion = (fs_overdispersion_t)od;
                fs_funnel_t f;
                fs_error_t e;
                if (fs_funnel_fit(num, den, 43, &opt, &f, &e) == FS_OK) {
                    static const double at[] = {1e-9, 1, 1e3, 1e9, 1e15};
                    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
                        double lo, hi;
                        fs_funnel_limits(&f, at[k], 0.998, &lo, &hi);
                        (void)fs_funnel_z(&f, at[k] / 3, at[k]);
                        calls += 2;
                    }
                }
                calls++;
            }
        }
    }
}

/* The XmR chart reaches no GSL code, but it sums, subtracts and scales:
 * magnitudes at and beyond its limit, ties, one huge jump, tiny values. */
static void spc_cases(void)
{
    double x[64];
    static const double scales[] = {1e-300, 1e-10, 1, 1e149, 1e150, 1e151, 1e300};
    for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
        for (int kind = 0; kind < 4; kind++) {
            for (size_t i = 0; i < 64; i++)
                x[i] = scales[s] * (kind == 0   ? (double)(i % 7)
                                    : kind == 1 ? 1.0
                                    : kind == 2 ? (i == 30 ? 1e10 : 1.0)
                                                : (i % 2 ? -1.0 : 1.0));
            const size_t rebase[] = {12, 40};
            fs_spc_options_t o;
            fs_spc_options_init(&o);
            o.improvement = FS_SPC_UP;
            o.has_target = 1;
            o.target = scales[s];
            fs_spc_t out;
            fs_error_t e;
            for (int screen = 0; screen < 2; screen++) {
                o.screen = screen;
                if (fs_spc_compute(x, 64, rebase, 2, &o, &out, &e) == FS_OK)
                    fs_spc_free(&out);
                calls++;
            }
        }
    }
}

int main(void)
{
    interval_cases();
    swilk_and_band_cases();
    funnel_cases();
    spc_cases();
    printf("noabort: %lu calls returned; none aborted\n", calls);
    return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_compare.c: `proportions`, `rates`, `funnel` and `--groups`: the
 * second and third columns as numerator and denominator. */
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fs_table_t *t = fuzz_table(data, size);
    if (t == NULL)
        return 0;
    fs_description_t *d;
    fs_error_t err;
    if (t->ncols >= 3 && fs_describe(t, 0, &d, &err) == FS_OK) {
        fs_ci_method_t method = (fs_ci_method_t)(size > 0 ? data[size - 1] % 5 : 0);
        fs_comparison_t c;
        fs_groups_t *g = NULL;
        (void)fs_groups_from_table(t, &g, &err);
        if (fs_compare_proportions(t, d, 1, 2, method, 0.95, &c, &err) == FS_OK) {
            if (g != NULL) {
                fs_group_comparison_t *gc = calloc(c.nrows ? c.nrows : 1, sizeof *gc);
                if (gc != NULL)
                    (void)fs_groups_compare(g, d, &c, gc, &err);
                free(gc);
            }
            fs_comparison_free(&c);
        }
        double *pop = malloc((t->nrows ? t->nrows : 1) * sizeof *pop);
        double *num = malloc((t->nrows ? t->nrows : 1) * sizeof *num);
        if (pop != NULL && num != NULL && fs_table_numeric_column(t, 2, pop, &err) == FS_OK &&
            fs_table_numeric_column(t, 1, num, &err) == FS_OK) {
            if (fs_compare_rates(t, d, 1, pop, 1000, 0.95, &c, &err) == FS_OK)
                fs_comparison_free(&c);
            fs_funnel_options_t fo;
            fs_funnel_options_init(&fo);
            fo.type = size > 2 && (data[2] & 1) ? FS_FUNNEL_RATE : FS_FUNNEL_PROPORTION;
            fo.overdispersion = (fs_overdispersion_t)(size > 3 ? data[3] % 3 : 0);
            fs_funnel_t f;
            /* Denominators are capped so that one input cannot ask for
             * the term-by-term sum of an astronomically large count. */
            size_t n = 0;
            for (size_t i = 0; i < t->nrows; i++) {
                if (!(pop[i] < 1e7))
                    continue;
                num[n] = num[i];
                pop[n] = pop[i];
                n++;
            }
            if (fs_funnel_fit(num, pop, n, &fo, &f, &err) == FS_OK) {
                for (size_t i = 0; i < n; i++) {
                    (void)fs_funnel_flag(&f, num[i], pop[i]);
                    (void)fs_funnel_z(&f, num[i], pop[i]);
                }
            }
        }
        free(pop);
        free(num);
        fs_groups_free(g);
        fs_description_free(d);
    }
    fs_table_free(t);
    return 0;
}

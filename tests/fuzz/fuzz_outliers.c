/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_outliers.c: `outliers` and `shapiro`: the band of every numeric
 * column, with both log rules, and z-scores. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fs_table_t *t = fuzz_table(data, size);
    if (t == NULL)
        return 0;
    fs_description_t *d;
    fs_error_t err;
    if (t->ncols > 1 && fs_describe(t, 0, &d, &err) == FS_OK) {
        fs_band_options_t opt;
        fs_band_options_init(&opt);
        opt.log_rule = size > 1 && (data[1] & 1) ? FS_LOG_RULE_PASSES : FS_LOG_RULE_MORE_NORMAL;
        for (size_t c = 1; c < t->ncols; c++) {
            fs_outliers_t o;
            if (fs_outliers_compute(t, d, c, &opt, &o, &err) == FS_OK) {
                char text[600];
                fs_band_explain(&o.band, &opt, text, sizeof text);
                fs_outliers_free(&o);
            }
        }
        fs_description_free(d);
    }
    fs_table_free(t);
    return 0;
}

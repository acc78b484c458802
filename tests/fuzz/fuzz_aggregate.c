/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_aggregate.c: `aggregate`, streaming, with a filter, a where
 * condition and rolling windows over the first columns. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_table(NULL, 0); /* initialise GSL's handler */
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.max_field_bytes = 4096;
    opt.max_fields = 256;
    fs_reader_t *r;
    fs_error_t err;
    if (fs_reader_open_memory(&r, data, size, "fuzz", &opt, &err) != FS_OK)
        return 0;
    /* The header is unknown: name the conventional columns; most inputs
     * then fail with FS_ENOTFOUND, which is also a path worth covering. */
    const char *by[] = {"a", "b"};
    const char *vals[] = {"1", "x"};
    fs_match_t where = {"c", vals, 2};
    fs_match_t filter = {"b", vals, 2};
    fs_aggregate_spec_t spec = {by, 2, "n", &filter, size > 0 && (data[0] & 2), &where, NULL, NULL};
    fs_aggregate_result_t *res;
    if (fs_aggregate(r, &spec, &res, &err) == FS_OK) {
        fs_aggregate_result_t *rolled;
        if (fs_aggregate_rolling(res, 1, 2, &rolled, &err) == FS_OK)
            fs_aggregate_result_free(rolled);
        fs_aggregate_result_free(res);
    }
    fs_reader_free(r);
    return 0;
}

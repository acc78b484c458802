/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_reader.c: the dataset reader, `check`'s description and the
 * numeric columns behind every command. */
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
    if (t->ncols > 0 && fs_describe(t, 0, &d, &err) == FS_OK)
        fs_description_free(d);
    double *v = malloc((t->nrows ? t->nrows : 1) * sizeof *v);
    for (size_t c = 0; v != NULL && c < t->ncols; c++)
        (void)fs_table_numeric_column(t, c, v, &err);
    free(v);
    fs_table_free(t);
    return 0;
}

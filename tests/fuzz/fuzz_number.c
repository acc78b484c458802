/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_number.c: the strict number parser.  A number it accepts must
 * read back from its shortest printed form as the same double. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    double v;
    const char *why;
    if (fs_parse_number((const char *)data, size, &v, &why) != FS_FIELD_NUMBER)
        return 0;
    fs_buf_t b;
    fs_buf_init(&b);
    fs_buf_number(&b, v);
    double back;
    if (b.data == NULL || fs_parse_number(b.data, b.len, &back, &why) != FS_FIELD_NUMBER ||
        back != v)
        abort();
    fs_buf_free(&b);
    return 0;
}

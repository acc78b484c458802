/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_number.c: the strict number parser.  A number it accepts must
 * read back from its shortest printed form as the same double.  And the
 * exact decimal reader against strtod: where it answers, the same bits,
 * and never for what strtod calls a range error. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "io/fastfloat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fast_equals_strtod(const uint8_t *data, size_t size)
{
    double fast;
    if (size > 64 || !fs_fast_decimal((const char *)data, size, &fast))
        return;
    char text[65];
    memcpy(text, data, size);
    text[size] = '\0';
    errno = 0;
    char *end;
    double want = strtod(text, &end);
    if (end != text + size || errno == ERANGE || !isfinite(want) ||
        memcmp(&fast, &want, sizeof fast) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fast_equals_strtod(data, size);
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

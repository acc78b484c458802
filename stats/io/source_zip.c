/* SPDX-License-Identifier: GPL-3.0-or-later */
/* source_zip.c: one member of a zip archive of tables as a source, its
 * bytes inflated a chunk at a time by zip.c within its limits (the size
 * of a member, of the whole archive, and the ratio to the archive's
 * size).  The member's name is only compared and shown: nothing is
 * extracted, so no name is ever used as a path. */
#include <stdio.h>
#include <string.h>

#include "source.h"
#include "workbook.h"

static fs_status_t member_read(fs_source_t *s, unsigned char *buf, size_t size, size_t *got,
                               fs_error_t *err)
{
    return fs_zip_member_read(s->impl, buf, size, got, err);
}

/* The archive is its opener's: the source only reads it. */
static void member_close(void *impl)
{
    (void)impl;
}

static const fs_source_ops_t member_ops = {member_read, member_close};

fs_status_t fs_source_open_zip_member(fs_source_t **out, fs_zip_t *z, const char *member,
                                      fs_error_t *err)
{
    *out = NULL;
    fs_status_t st = fs_zip_member_open(z, member, err);
    if (st != FS_OK)
        return st;
    char name[FS_SOURCE_NAME_MAX];
    snprintf(name, sizeof name, "%s:%s", fs_zip_name(z), member);
    return fs_source_new(out, &member_ops, z, name, FS_CHECK_DECODE, err);
}

int fs_zip_member_unsafe(const char *name)
{
    if (name[0] == '/' || strchr(name, '\\') != NULL || strcmp(name, "..") == 0)
        return 1;
    size_t n = strlen(name);
    return strncmp(name, "../", 3) == 0 || strstr(name, "/../") != NULL ||
           (n >= 3 && strcmp(name + n - 3, "/..") == 0);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* zip.c: the zip container of a workbook, through libarchive.  A member
 * is found by comparing names (never by using one as a path: nothing is
 * extracted) and inflated a chunk at a time, so memory stays bounded
 * whatever the archive claims.  Each open of a member reads the archive
 * again from its central directory (libarchive's seekable zip reader),
 * since the parts of a workbook are needed in an order the archive need
 * not keep (an .xlsx may store its shared strings after the sheets). */
#include "workbook.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct fs_zip {
    char name[FS_SOURCE_NAME_MAX];
    const char *path; /* or data, len */
    const void *data;
    size_t len;
    long long archive_bytes; /* the compressed size, for the ratio limit */
    char **members;
    size_t nmembers;
    struct archive *a; /* reading the open member, or NULL */
    char member[256];
    long long member_bytes, total_bytes;
    int archive; /* an archive of tables (fs_zip_open_archive), not a workbook */
};

static fs_status_t zip_error(const fs_zip_t *z, fs_status_t st, const char *what, struct archive *a,
                             fs_error_t *err)
{
    fs_error_at(err, z->name, 0, 0, NULL, 0);
    const char *why = a != NULL ? archive_error_string(a) : NULL;
    return fs_error_set(err, st, "%s%s%s", what, why ? ": " : "", why ? why : "");
}

/* A new reader positioned before the first member. */
static fs_status_t start(fs_zip_t *z, struct archive **out, fs_error_t *err)
{
    struct archive *a = archive_read_new();
    if (a == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    archive_read_support_format_zip(a);
    int r = z->path != NULL ? archive_read_open_filename(a, z->path, 64 * 1024)
                            : archive_read_open_memory(a, z->data, z->len);
    if (r != ARCHIVE_OK) {
        fs_status_t st = zip_error(
            z, FS_EPARSE, z->archive ? "not a readable zip archive" : "not a readable workbook", a,
            err);
        archive_read_free(a);
        return st;
    }
    *out = a;
    return FS_OK;
}

/* What a broken container is called in messages. */
static const char *corrupt(const fs_zip_t *z)
{
    return z->archive ? "a truncated or corrupt zip archive" : "a truncated or corrupt workbook";
}

static const char *plain_name(const char *s)
{
    return s[0] == '/' ? s + 1 : s;
}

/* Lists the members, refusing encrypted ones and too many. */
static fs_status_t list_members(fs_zip_t *z, fs_error_t *err)
{
    struct archive *a;
    fs_status_t st = start(z, &a, err);
    if (st != FS_OK)
        return st;
    struct archive_entry *e;
    int r;
    size_t cap = 0;
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        const char *nm = archive_entry_pathname(e);
        if (archive_entry_is_encrypted(e)) {
            st = zip_error(z, FS_EPARSE,
                           z->archive ? "an encrypted zip archive (forcestat reads no "
                                        "password-protected archive)"
                                      : "an encrypted zip archive (save the workbook again "
                                        "without a password)",
                           NULL, err);
            break;
        }
        if (z->nmembers == FS_ZIP_MAX_MEMBERS) {
            fs_error_at(err, z->name, 0, 0, NULL, 0);
            st = fs_error_set(err, FS_ELIMIT, "more than %d members in the archive",
                              FS_ZIP_MAX_MEMBERS);
            break;
        }
        if (z->nmembers == cap) {
            size_t c = cap ? cap * 2 : 32;
            char **m = realloc(z->members, c * sizeof *m);
            if (m == NULL) {
                st = fs_error_set(err, FS_ENOMEM, "out of memory");
                break;
            }
            z->members = m;
            cap = c;
        }
        if ((z->members[z->nmembers] = strdup(nm != NULL ? nm : "")) == NULL) {
            st = fs_error_set(err, FS_ENOMEM, "out of memory");
            break;
        }
        z->nmembers++;
    }
    if (st == FS_OK && r != ARCHIVE_EOF)
        st = zip_error(z, FS_EPARSE, corrupt(z), a, err);
    archive_read_free(a);
    return st;
}

/* Opens a workbook's container, or (archive) an archive of tables. */
static fs_status_t zip_open(fs_zip_t **out, const char *path, const void *data, size_t len,
                            const char *name, int archive, fs_error_t *err)
{
    *out = NULL;
    fs_zip_t *z = calloc(1, sizeof *z);
    if (z == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    snprintf(z->name, sizeof z->name, "%s", name);
    z->path = path;
    z->data = data;
    z->len = len;
    z->archive = archive;
    z->archive_bytes = (long long)len;
    struct stat sb;
    if (path != NULL && stat(path, &sb) == 0)
        z->archive_bytes = (long long)sb.st_size;
    fs_status_t st = list_members(z, err);
    if (st != FS_OK) {
        fs_zip_free(z);
        return st;
    }
    *out = z;
    return FS_OK;
}

fs_status_t fs_zip_open(fs_zip_t **out, const char *path, const void *data, size_t len,
                        const char *name, fs_error_t *err)
{
    return zip_open(out, path, data, len, name, 0, err);
}

/* Whether the file at path ends in a zip's end of central directory (its
 * signature within the last 64 KiB + 22 bytes, where the record and its
 * comment lie): libarchive reads a zip cut short member by member from
 * the front without a word, so a download that stopped early would pass
 * for a smaller archive. */
static int has_end_record(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    unsigned char tail[65536 + 22];
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    long from = size > (long)sizeof tail ? size - (long)sizeof tail : 0;
    size_t n = size >= 0 && fseek(f, from, SEEK_SET) == 0 ? fread(tail, 1, sizeof tail, f) : 0;
    fclose(f);
    for (size_t i = n >= 22 ? n - 22 + 1 : 0; i-- > 0;) {
        if (memcmp(tail + i, "PK\x05\x06", 4) == 0)
            return 1;
    }
    return 0;
}

fs_status_t fs_zip_open_archive(fs_zip_t **out, const char *path, const char *name, fs_error_t *err)
{
    *out = NULL;
    if (!has_end_record(path)) {
        fs_error_at(err, name, 0, 0, NULL, 0);
        return fs_error_set(err, FS_EPARSE,
                            "a truncated zip archive: it has no end of central directory "
                            "(a download that stopped early?)");
    }
    return zip_open(out, path, NULL, 0, name, 1, err);
}

size_t fs_zip_count(const fs_zip_t *z)
{
    return z->nmembers;
}

const char *fs_zip_member_name(const fs_zip_t *z, size_t i)
{
    return i < z->nmembers ? z->members[i] : NULL;
}

int fs_zip_has(const fs_zip_t *z, const char *member)
{
    for (size_t i = 0; i < z->nmembers; i++) {
        if (strcasecmp(plain_name(z->members[i]), plain_name(member)) == 0)
            return 1;
    }
    return 0;
}

fs_status_t fs_zip_member_open(fs_zip_t *z, const char *member, fs_error_t *err)
{
    if (z->a != NULL)
        archive_read_free(z->a);
    z->a = NULL;
    snprintf(z->member, sizeof z->member, "%s", plain_name(member));
    z->member_bytes = 0;
    fs_status_t st = start(z, &z->a, err);
    if (st != FS_OK)
        return st;
    struct archive_entry *e;
    int r;
    while ((r = archive_read_next_header(z->a, &e)) == ARCHIVE_OK) {
        const char *nm = archive_entry_pathname(e);
        if (nm != NULL && strcasecmp(plain_name(nm), z->member) == 0)
            return FS_OK;
    }
    if (r != ARCHIVE_EOF)
        return zip_error(z, FS_EPARSE, corrupt(z), z->a, err);
    fs_error_at(err, z->name, 0, 0, z->member, strlen(z->member));
    return fs_error_set(err, FS_ENOTFOUND,
                        z->archive ? "no such member" : "a part of the workbook is missing");
}

/* The limits of workbook.h, checked as the bytes come. */
static fs_status_t check_limits(const fs_zip_t *z, fs_error_t *err)
{
    const char *what = NULL;
    if (z->member_bytes > FS_ZIP_MAX_MEMBER_BYTES)
        what = z->archive ? "a member inflates beyond 256 MiB"
                          : "a part of the workbook inflates beyond 256 MiB";
    else if (z->total_bytes > (z->archive ? FS_ARCHIVE_MAX_TOTAL_BYTES : FS_ZIP_MAX_TOTAL_BYTES))
        what = z->archive ? "the archive inflates beyond 16 GiB in all"
                          : "the workbook inflates beyond 1 GiB in all";
    else if (z->member_bytes > FS_ZIP_RATIO_FREE_BYTES &&
             z->member_bytes / FS_ZIP_MAX_RATIO > z->archive_bytes)
        what = z->archive ? "a member inflates to over 100 times the archive's size (a zip bomb?)"
                          : "a part of the workbook inflates to over 100 times the archive's size "
                            "(a zip bomb?)";
    if (what == NULL)
        return FS_OK;
    fs_error_at(err, z->name, 0, 0, z->member, strlen(z->member));
    return fs_error_set(err, FS_ELIMIT, "%s", what);
}

fs_status_t fs_zip_member_read(fs_zip_t *z, unsigned char *buf, size_t size, size_t *got,
                               fs_error_t *err)
{
    *got = 0;
    if (z->a == NULL)
        return FS_OK;
    la_ssize_t n = archive_read_data(z->a, buf, size);
    if (n < 0) {
        fs_error_at(err, z->name, 0, 0, z->member, strlen(z->member));
        const char *why = archive_error_string(z->a);
        return fs_error_set(err, FS_EPARSE, "%s%s%s", corrupt(z), why ? ": " : "", why ? why : "");
    }
    z->member_bytes += n;
    z->total_bytes += n;
    *got = (size_t)n;
    return check_limits(z, err);
}

const char *fs_zip_name(const fs_zip_t *z)
{
    return z->name;
}

void fs_zip_free(fs_zip_t *z)
{
    if (z == NULL)
        return;
    if (z->a != NULL)
        archive_read_free(z->a);
    for (size_t i = 0; i < z->nmembers; i++)
        free(z->members[i]);
    free(z->members);
    free(z);
}

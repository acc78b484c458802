/* SPDX-License-Identifier: GPL-3.0-or-later */
/* inputs.c: several inputs, one after another: each file as
 * fs_reader_open reads it, and each zip archive of tables as its chosen
 * members, through the zip-member source (source_zip.c). */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source.h"
#include "workbook.h"

struct fs_inputs {
    const char *const *paths;
    size_t npaths, next_path;
    const char *glob;
    const fs_sheet_choice_t *which;
    fs_read_options_t opt;
    fs_reader_t *reader; /* the input being read */
    fs_zip_t *zip;       /* the archive being read, or NULL */
    size_t next_member, matched;
};

fs_status_t fs_inputs_open(fs_inputs_t **out, const char *const *paths, size_t npaths,
                           const char *member_glob, const fs_sheet_choice_t *which,
                           const fs_read_options_t *opt, fs_error_t *err)
{
    *out = NULL;
    fs_inputs_t *in = calloc(1, sizeof *in);
    if (in == NULL)
        return fs_error_set(err, FS_ENOMEM, "out of memory");
    in->paths = paths;
    in->npaths = npaths;
    in->glob = member_glob != NULL ? member_glob : "*.csv";
    in->which = which;
    if (opt != NULL)
        in->opt = *opt;
    else
        fs_read_options_init(&in->opt);
    *out = in;
    return FS_OK;
}

void fs_inputs_free(fs_inputs_t *in)
{
    if (in == NULL)
        return;
    fs_reader_free(in->reader);
    fs_zip_free(in->zip);
    free(in);
}

/* Whether the zip at path is an archive of tables rather than a workbook
 * (whose parts name it: an .xlsx's content types, an .ods's mimetype). */
static int is_workbook(const fs_zip_t *z)
{
    return fs_zip_has(z, "[Content_Types].xml") || fs_zip_has(z, "mimetype");
}

/* Refuses an archive with a member whose name is unsafe as a path. */
static fs_status_t check_names(const fs_zip_t *z, fs_error_t *err)
{
    for (size_t i = 0; i < fs_zip_count(z); i++) {
        const char *name = fs_zip_member_name(z, i);
        if (fs_zip_member_unsafe(name)) {
            fs_error_at(err, fs_zip_name(z), 0, 0, name, strlen(name));
            return fs_error_set(err, FS_EPARSE,
                                "a member's name is unsafe as a path (absolute, or with '..'): "
                                "the archive is refused, though nothing is extracted");
        }
    }
    return FS_OK;
}

/* Whether path ends in ".zip" (ASCII case ignored): a zip that cannot
 * be read is then a broken archive, not a broken workbook. */
static int named_zip(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && strcasecmp(path + n - 4, ".zip") == 0;
}

/* Whether path is named as a workbook (.xlsx, .xlsm, .ods): a zip so
 * named is read as one (and refused as one when it is not). */
static int named_workbook(const char *path)
{
    static const char *const ext[] = {".xlsx", ".xlsm", ".ods"};
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t e = strlen(ext[i]);
        if (n >= e && strcasecmp(path + n - e, ext[i]) == 0)
            return 1;
    }
    return 0;
}

/* The kind of the file at path from its first bytes; text when it cannot
 * be read (its reader then says why). */
static fs_input_kind_t kind_of(const char *path)
{
    fs_input_kind_t kind = FS_INPUT_TEXT;
    fs_error_t err;
    fs_error_clear(&err);
    fs_source_t *src;
    if (strcmp(path, "-") == 0 || fs_source_open_path(&src, path, &err) != FS_OK)
        return kind;
    if (fs_source_kind(src, &kind, &err) != FS_OK)
        kind = FS_INPUT_TEXT;
    fs_source_free(src);
    return kind;
}

int fs_input_is_archive(const char *path)
{
    if (named_workbook(path) || kind_of(path) != FS_INPUT_ZIP)
        return 0;
    fs_error_t err;
    fs_error_clear(&err);
    fs_zip_t *z;
    if (fs_zip_open_archive(&z, path, path, &err) != FS_OK)
        return named_zip(path); /* a broken zip: said so as an archive or a workbook */
    int archive = !is_workbook(z);
    fs_zip_free(z);
    return archive;
}

/* Opens the file at path: an archive of tables becomes in->zip (*archive
 * set), anything else in->reader. */
static fs_status_t open_path(fs_inputs_t *in, const char *path, int *archive, fs_error_t *err)
{
    *archive = 0;
    if (!named_workbook(path) && kind_of(path) == FS_INPUT_ZIP) {
        fs_zip_t *z;
        fs_status_t st = fs_zip_open_archive(&z, path, path, err);
        if (st != FS_OK && named_zip(path))
            return st;
        fs_error_clear(err);
        if (st == FS_OK && !is_workbook(z)) {
            if ((st = check_names(z, err)) != FS_OK) {
                fs_zip_free(z);
                return st;
            }
            in->zip = z;
            in->next_member = in->matched = 0;
            *archive = 1;
            if (in->which != NULL && (in->which->sheet != NULL || in->which->range != NULL)) {
                fs_error_at(err, path, 0, 0, NULL, 0);
                return fs_error_set(err, FS_EINVAL,
                                    "not a workbook but a zip archive of tables: "
                                    "a sheet or range is for .xlsx and .ods files");
            }
            return FS_OK;
        }
        fs_zip_free(z);
    }
    return fs_reader_open_sheet(&in->reader, path, in->which, &in->opt, err);
}

/* The archive's next member that matches, as in->reader; *done when
 * there is none left (an error when none matched at all). */
static fs_status_t next_member(fs_inputs_t *in, int *done, fs_error_t *err)
{
    *done = 0;
    while (in->next_member < fs_zip_count(in->zip)) {
        const char *name = fs_zip_member_name(in->zip, in->next_member++);
        size_t n = strlen(name);
        if (n == 0 || name[n - 1] == '/' || fnmatch(in->glob, name, FNM_CASEFOLD) != 0)
            continue;
        in->matched++;
        fs_source_t *src;
        fs_status_t st = fs_source_open_zip_member(&src, in->zip, name, err);
        if (st == FS_OK)
            st = fs_reader_open_source(&in->reader, src, &in->opt, err);
        return st;
    }
    *done = 1;
    if (in->matched > 0)
        return FS_OK;
    if (fs_zip_count(in->zip) == 0) {
        fs_error_at(err, fs_zip_name(in->zip), 0, 0, NULL, 0);
        return fs_error_set(err, FS_ENOTFOUND, "an empty zip archive: it has no members");
    }
    fs_error_at(err, fs_zip_name(in->zip), 0, 0, in->glob, strlen(in->glob));
    return fs_error_set(err, FS_ENOTFOUND,
                        "no member of the archive matches (choose with --member)");
}

fs_status_t fs_inputs_next(fs_inputs_t *in, fs_reader_t **r, fs_error_t *err)
{
    *r = NULL;
    fs_reader_free(in->reader);
    in->reader = NULL;
    for (;;) {
        fs_status_t st;
        if (in->zip != NULL) {
            int done;
            if ((st = next_member(in, &done, err)) != FS_OK)
                return st;
            if (!done)
                break;
            fs_zip_free(in->zip);
            in->zip = NULL;
        }
        if (in->next_path == in->npaths)
            return FS_EOF;
        int archive;
        if ((st = open_path(in, in->paths[in->next_path++], &archive, err)) != FS_OK)
            return st;
        if (!archive)
            break;
    }
    *r = in->reader;
    return FS_OK;
}

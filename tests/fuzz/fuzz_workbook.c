/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_workbook.c: the workbook reader (stats/io/book.c, xlsx.c, ods.c,
 * zip.c).  Deflate hides the XML from the fuzzer's mutations, so the
 * harness builds the archive itself: the first byte chooses the format
 * (even: .xlsx, odd: .ods) and a second one the choice of sheet and
 * range; the rest, cut at the first byte 0x01, is the sheet's XML and
 * (for .xlsx) the shared strings, stored in a zip written with libarchive
 * beside fixed parts.  The bytes are also read as they are, an archive
 * of their own.  Every record of the table found is read; no crash, leak
 * or hang whatever the bytes.  And as a zip archive of tables (inputs.c,
 * source_zip.c): the bytes cut at each 0x01 are CSV members (one with a
 * name that escapes its folder when the second byte says so), stored and
 * deflated, and the bytes themselves are an archive file; every member's
 * records are read. */
#define _GNU_SOURCE /* mkstemps */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char workbook[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Cover\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Table 1\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";
static const char cover[] = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                            "<is><t>Cover</t></is></c></row></sheetData></worksheet>";
static const char styles[] =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs>"
    "</styleSheet>";

static void add(struct archive *a, const char *name, const void *p, size_t n)
{
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)n);
    archive_write_header(a, e);
    archive_write_data(a, p, n);
    archive_entry_free(e);
}

/* The archive of the parts, in buf; its size, or 0. */
static size_t build(const uint8_t *data, size_t size, int ods, unsigned char *buf, size_t cap)
{
    const uint8_t *cut = memchr(data, 1, size);
    size_t first = cut != NULL ? (size_t)(cut - data) : size;
    struct archive *a = archive_write_new();
    size_t used = 0;
    archive_write_set_format_zip(a);
    archive_write_zip_set_compression_store(a);
    if (archive_write_open_memory(a, buf, cap, &used) != ARCHIVE_OK) {
        archive_write_free(a);
        return 0;
    }
    if (ods) {
        add(a, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 46);
        add(a, "content.xml", data, first);
    } else {
        add(a, "xl/workbook.xml", workbook, sizeof workbook - 1);
        add(a, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
        add(a, "xl/worksheets/sheet1.xml", cover, sizeof cover - 1);
        add(a, "xl/worksheets/sheet2.xml", data, first);
        add(a, "xl/styles.xml", styles, sizeof styles - 1);
        if (cut != NULL)
            add(a, "xl/sharedStrings.xml", cut + 1, size - first - 1);
    }
    archive_write_close(a);
    archive_write_free(a);
    return used;
}

static void read_all(const void *zip, size_t n)
{
    fs_table_t *t = NULL;
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.max_field_bytes = 4096;
    if (fs_table_read_memory(&t, zip, n, "fuzz.xlsx", &opt, NULL) == FS_OK) {
        fs_description_t *d = NULL;
        if (fs_describe(t, fs_find_force_column(t, NULL), &d, NULL) == FS_OK)
            fs_description_free(d);
    }
    fs_table_free(t);
}

/* A choice of sheet and range, through a file (the choice is for paths). */
static void read_chosen(const void *zip, size_t n, unsigned how)
{
    static const char *const ranges[] = {NULL, "A1:C5", "B2:D9", "A3:A3"};
    char path[] = "/tmp/fuzz-workbook-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return;
    int ok = write(fd, zip, n) == (ssize_t)n;
    close(fd);
    if (ok) {
        fs_sheet_choice_t which = {(how & 4) ? "Table 1" : (how & 8) ? "2" : NULL, ranges[how & 3]};
        fs_table_t *t = NULL;
        fs_table_read_sheet(&t, path, &which, NULL, NULL);
        fs_table_free(t);
        fs_sheet_list_t l;
        if (fs_workbook_sheets(&l, path, NULL, NULL) == FS_OK)
            fs_sheet_list_free(&l);
    }
    unlink(path);
}

/* An archive of CSV members: the bytes cut at each 0x01, in buf. */
static size_t build_archive(const uint8_t *data, size_t size, unsigned how, unsigned char *buf,
                            size_t cap)
{
    struct archive *a = archive_write_new();
    size_t used = 0;
    archive_write_set_format_zip(a);
    if (how & 16)
        archive_write_zip_set_compression_store(a);
    if (archive_write_open_memory(a, buf, cap, &used) != ARCHIVE_OK) {
        archive_write_free(a);
        return 0;
    }
    for (unsigned k = 0; size > 0 && k < 8; k++) {
        const uint8_t *cut = memchr(data, 1, size);
        size_t n = cut != NULL ? (size_t)(cut - data) : size;
        char name[32];
        snprintf(name, sizeof name, (how & 32) && k == 1 ? "../m%u.csv" : "d/m%u.csv", k);
        add(a, name, data, n);
        data += n + (cut != NULL);
        size -= n + (cut != NULL);
    }
    archive_write_close(a);
    archive_write_free(a);
    return used;
}

/* Every record of every member of the archive of n bytes at zip. */
static void read_archive(const void *zip, size_t n)
{
    char path[] = "/tmp/fuzz-archive-XXXXXX.zip";
    int fd = mkstemps(path, 4);
    if (fd < 0)
        return;
    int ok = write(fd, zip, n) == (ssize_t)n;
    close(fd);
    const char *paths[] = {path};
    fs_inputs_t *in = NULL;
    if (ok && fs_inputs_open(&in, paths, 1, "*", NULL, NULL, NULL) == FS_OK) {
        fs_reader_t *r;
        fs_record_t rec;
        while (fs_inputs_next(in, &r, NULL) == FS_OK)
            while (fs_reader_next(r, &rec, NULL) == FS_OK)
                ;
    }
    fs_inputs_free(in);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static unsigned char buf[1 << 20];
    size_t n = build(data + 2, size - 2, data[0] & 1, buf, sizeof buf);
    if (n > 0) {
        read_all(buf, n);
        read_chosen(buf, n, data[1]);
    }
    read_all(data, size);
    if (data[0] & 2) {
        n = build_archive(data + 2, size - 2, data[1], buf, sizeof buf);
        if (n > 0)
            read_archive(buf, n);
        read_archive(data, size);
    }
    return 0;
}

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make.py SHARED_DATA_DIR: writes the workbook fixtures of this folder.

Each table is written as .xlsx (openpyxl) and .ods (odfpy) in the layout
publishers use, after the government's accessible-spreadsheet guidance: a
cover sheet, a notes sheet, then the table's sheet with a title and a note
row above the header; empty cells of the CSV become the shorthand "[x]";
ISO dates become date cells, numbers number cells at full precision.

Every workbook is read back at generation time by a second converter,
gnumeric's ssconvert, into a CSV of raw values, which must hold the
original table cell for cell (numbers compared as doubles).  The C tests
need neither Python nor ssconvert: the workbooks are committed.

Needs python3-openpyxl, python3-odf and gnumeric (Debian).  The tables:
  officers     ho_police_officers_fte_by_force_2007_2020.csv
  outcome17    ho_outcome17_by_force_2017_18_2018_19.csv
  population   pfa_population_mid2001_2020.csv
and, for the report, the bundled datasets derived from them
(datasets/outcome17_share_2017_18.csv, outcome17_share_year_ending_quarters.csv,
officers_per_1000_2020.csv).  Besides: layout.xlsx/.ods (a header over two
rows with merged cells, [x] and [c] cells, a footnote under the table),
gap.xlsx/.ods (a header row with an empty cell, data right under it),
and the hostile files (truncated, .xls, encrypted, macro sheets only, a zip
bomb, a zip that is no workbook).
"""
import csv
import datetime
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
import openpyxl.cell._writer  # noqa: F401 (patched below)
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

# openpyxl writes numbers with "%.16g", which loses the last digit of some
# doubles (1203.6399999999999 becomes 1203.64): write them as Python's
# shortest exact repr instead, as a publisher's spreadsheet stores them.
_safe_string = openpyxl.compat.strings.safe_string


def _exact_string(value):
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return repr(value)
    return _safe_string(value)


for _module in ("openpyxl.cell._writer", "openpyxl.compat", "openpyxl.compat.strings"):
    if hasattr(sys.modules.get(_module), "safe_string"):
        sys.modules[_module].safe_string = _exact_string

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")

COVER = [["Police force tables (test fixture)"],
         ["Made by tests/data/workbooks/make.py from public Home Office and ONS files."],
         ["Contents: Notes, Table 1"]]
NOTES = [["Note number", "Note text"],
         ["Note 1", "[x] marks a value that is not available."]]


def typed(cell):
    """A CSV cell as the value a publisher's workbook would hold."""
    if cell == "":
        return "[x]"
    if ISO.match(cell):
        return datetime.date.fromisoformat(cell)
    if NUMBER.match(cell):
        value = float(cell)
        if value.is_integer() and "." not in cell and "e" not in cell.lower():
            return int(cell)
        return value
    return cell


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def table_sheet(title, rows):
    return [[title], ["This worksheet contains one table. Source: Home Office and ONS."]] + \
        [rows[0]] + [[typed(c) for c in r] for r in rows[1:]]


def write_xlsx(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows, merges in sheets:
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        for m in merges:
            ws.merge_cells(m)
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, datetime.datetime):
                    c.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(c.value, datetime.date):
                    c.number_format = "yyyy-mm-dd"
    wb.save(path)
    shared_strings(path)
    # A fixed time stamp, so that the files are the same at each run.
    fix_zip_times(path)


INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>',
                    re.S)


def shared_strings(path):
    """openpyxl writes text as inline strings; Excel, and so the
    publishers' files, as shared strings: rewrite the sheets so."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    table, index = [], {}

    def to_shared(m):
        text = m.group(3)
        if text not in index:
            index[text] = len(table)
            table.append(text)
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (m.group(1), m.group(2), index[text])

    out = []
    for info, data in members:
        if info.filename.startswith("xl/worksheets/"):
            data = INLINE.sub(to_shared, data)
        elif info.filename == "[Content_Types].xml":
            data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                b'ContentType="application/vnd.openxmlformats-officedocument.'
                                b'spreadsheetml.sharedStrings+xml"/></Types>')
        elif info.filename == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSST" Type="http://'
                                b'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        out.append((info, data))
    sst = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://' \
        b'schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (
            len(table), len(table))
    sst += b"".join(b'<si><t xml:space="preserve">%s</t></si>' % t for t in table) + b"</sst>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in out:
            z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("xl/sharedStrings.xml", (2020, 1, 1, 0, 0, 0)), sst,
                   compress_type=zipfile.ZIP_DEFLATED)


def ods_cell(value, span=1):
    attrs = {}
    if span > 1:
        attrs["numbercolumnsspanned"] = span
    if value is None:
        return TableCell(**attrs)
    if isinstance(value, datetime.datetime):
        cell = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"), **attrs)
        cell.addElement(P(text=value.strftime("%d/%m/%Y %H:%M")))
    elif isinstance(value, datetime.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attrs)
        cell.addElement(P(text=value.strftime("%d/%m/%Y")))
    elif isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=repr(value), **attrs)
        cell.addElement(P(text=format(value, ",.2f")))  # the display rounds
    else:
        cell = TableCell(valuetype="string", **attrs)
        cell.addElement(P(text=str(value)))
    return cell


def write_ods(path, sheets):
    doc = OpenDocumentSpreadsheet()
    for name, rows, merges in sheets:
        spans = {}
        for m in merges:  # "B2:C2": one row, several columns
            a, b = m.split(":")
            r = int(re.sub(r"[A-Z]", "", a))
            c0 = ord(a[0]) - ord("A")
            c1 = ord(b[0]) - ord("A")
            spans[(r, c0)] = c1 - c0 + 1
        table = Table(name=name)
        i = 0
        while i < len(rows):
            r = rows[i]
            i += 1
            rownum = i  # from 1, as the merges count
            # Equal rows in a run are one row repeated, as LibreOffice
            # writes them.
            repeat = 1
            while i < len(rows) and rows[i] == r and \
                    [type(v) for v in rows[i]] == [type(v) for v in r] and \
                    not any(k[0] == rownum for k in spans):
                repeat += 1
                i += 1
            tr = TableRow(numberrowsrepeated=repeat) if repeat > 1 else TableRow()
            skip = 0
            j = 0
            while j < len(r):
                v = r[j]
                if skip:
                    tr.addElement(CoveredTableCell())
                    skip -= 1
                    j += 1
                    continue
                span = spans.get((rownum, j), 1)
                # A run of equal cells is one cell repeated, as LibreOffice
                # writes it.
                run = 1
                while span == 1 and j + run < len(r) and r[j + run] == v and \
                        type(r[j + run]) is type(v) and (rownum, j + run) not in spans:
                    run += 1
                cell = ods_cell(v, span)
                if run > 1:
                    cell.setAttribute("numbercolumnsrepeated", run)
                tr.addElement(cell)
                skip = span - 1
                j += run
            # The rest of the row, empty, out to the last column.
            tr.addElement(TableCell(numbercolumnsrepeated=16384 - len(r)))
            table.addElement(tr)
        # The rest of the sheet, empty, out to the last row.
        filler = TableRow(numberrowsrepeated=1048576 - len(rows))
        filler.addElement(TableCell(numbercolumnsrepeated=16384))
        table.addElement(filler)
        doc.spreadsheet.addElement(table)
    doc.save(path)
    fix_zip_times(path)


def fix_zip_times(path):
    """Rewrites the archive with one fixed date on every member and in
    the document's properties, so that each run writes the same bytes."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            info.date_time = (2020, 1, 1, 0, 0, 0)
            if info.filename == "docProps/core.xml":  # openpyxl's time stamps
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2020-01-01T00:00:00Z", data)
            z.writestr(info, data, compress_type=info.compress_type)


def ssconvert_rows(path, sheet_index):
    """The sheet's rows as gnumeric reads them, raw values."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.csv")
        subprocess.run(["ssconvert", "-S", "-T", "Gnumeric_stf:stf_assistant", "-O",
                        "format=raw separator=, quoting-mode=auto", path, out + ".%n"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out + "." + str(sheet_index), newline="", encoding="utf-8") as f:
            return list(csv.reader(f))


def same(original, read):
    """ssconvert's raw CSV gives dates as serials of the 1900 system and
    numbers to 15 significant digits: compared to that precision."""
    if original == read:
        return True
    if original == "" and read == "[x]":
        return True
    if ISO.match(original) and NUMBER.match(read):
        day = datetime.date(1899, 12, 30) + datetime.timedelta(days=float(read))
        return day.isoformat() == original
    try:
        a, b = float(original), float(read)
    except ValueError:
        return False
    return abs(a - b) <= 1e-14 * max(abs(a), abs(b))


def exact(path, rows):
    """The stored numbers equal the CSV's doubles exactly (openpyxl reads
    the .xlsx back; the .ods values are written by repr)."""
    if not path.endswith(".xlsx"):
        return
    ws = openpyxl.load_workbook(path)["Table 1"]
    for want, have in zip(rows[1:], list(ws.iter_rows(min_row=4, values_only=True))):
        for a, b in zip(want, have):
            if NUMBER.match(a) and float(a) != float(b):
                sys.exit(f"{path}: {a} stored as {b!r}")


def check(path, rows, sheet_index=2, first=2):
    """ssconvert's reading of the table sheet equals the CSV rows."""
    exact(path, rows)
    got = [r for r in ssconvert_rows(path, sheet_index)[first:] if any(r)]
    if len(got) != len(rows):
        sys.exit(f"{path}: {len(got)} rows read back, {len(rows)} written")
    for i, (want, have) in enumerate(zip(rows, got)):
        have = have[:len(want)]
        if len(have) != len(want) or not all(same(a, b) for a, b in zip(want, have)):
            sys.exit(f"{path}: row {i + 1} differs: {want} != {have}")


def publish(stem, csv_path, title):
    rows = read_csv(csv_path)
    sheets = [("Cover", COVER, []), ("Notes", NOTES, []), ("Table 1", table_sheet(title, rows), [])]
    for ext, writer in ((".xlsx", write_xlsx), (".ods", write_ods)):
        out = os.path.join(HERE, stem + ext)
        writer(out, sheets)
        check(out, rows)
        print("wrote", os.path.relpath(out, ROOT))


def layout():
    """A header over two rows (merged year cells), [x] and [c], a footnote."""
    rows = [["Table 2: officers by quarter"],
            ["Figures are full-time equivalents."],
            ["Force", "2019", None, "2020", None],
            [None, "Q1", "Q2", "Q1", "Q2"],
            ["Essex Police", 3200.123456789012, 3210.5, "[x]", 3300.25],
            ["Kent Police", 3700.5, "[c]", 3750.75, 3760.125],
            ["Surrey Police", 1900.0625, 1910.125, 1920.25, "..",],
            [],
            ["Source: a test fixture"]]
    dates = [["Table 3: dates"],
             ["label", "date", "count"],
             ["first", datetime.date(1900, 1, 1), 1],
             ["before the false leap day", datetime.date(1900, 2, 28), 2],
             ["after it", datetime.date(1900, 3, 1), 3],
             ["midnight", datetime.datetime(2020, 3, 31, 0, 0), 4],
             ["half past noon", datetime.datetime(2020, 3, 31, 12, 30), 5],
             ["same", 7, 7],
             ["same", 7, 7]]
    sheets = [("Cover", COVER, []), ("Table 2", rows, ["B3:C3", "D3:E3"]), ("Table 3", dates, [])]
    for ext, writer in ((".xlsx", write_xlsx), (".ods", write_ods)):
        writer(os.path.join(HERE, "layout" + ext), sheets)


def gap():
    """A header row with an empty cell (a column named only by its
    data), then data at once: the first data row, which has numbers, is
    data, not a second header row."""
    rows = [["Table 4: a gap in the header"],
            ["Force", "Officers", None, "Staff"],
            ["Essex Police", 3200.5, 12, 2100.25],
            ["Kent Police", 3700.5, 15, 2500.75]]
    sheets = [("Cover", COVER, []), ("Table 4", rows, [])]
    for ext, writer in ((".xlsx", write_xlsx), (".ods", write_ods)):
        writer(os.path.join(HERE, "gap" + ext), sheets)


def hostile():
    src = os.path.join(HERE, "officers.xlsx")
    data = open(src, "rb").read()
    open(os.path.join(HERE, "truncated.xlsx"), "wb").write(data[: len(data) // 2])
    # An OLE2 compound file's header and a directory entry: enough for the
    # magic number and the stream names a reader looks for.
    def ole(stream):
        head = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
        entry = bytearray(128)
        name = stream.encode("utf-16-le")
        entry[: len(name)] = name
        return bytes(head) + bytes(entry) * 4
    open(os.path.join(HERE, "encrypted.xlsx"), "wb").write(ole("EncryptedPackage"))
    open(os.path.join(HERE, "old.xls"), "wb").write(ole("Workbook"))
    # A bomb: a sheet that inflates to 256 MiB of blanks inside sheetData.
    bomb = os.path.join(HERE, "bomb.xlsx")
    with zipfile.ZipFile(src) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info, body in parts:
            if info.filename == "xl/worksheets/sheet3.xml":
                big = zipfile.ZipInfo(info.filename, (2020, 1, 1, 0, 0, 0))
                big.compress_type = zipfile.ZIP_DEFLATED
                with z.open(big, "w", force_zip64=True) as w:
                    head, tail = body.split(b"<sheetData>")
                    w.write(head + b"<sheetData>")
                    block = b" " * (1 << 20)
                    for _ in range(256):
                        w.write(block)
                    w.write(tail)
            else:
                info.date_time = (2020, 1, 1, 0, 0, 0)
                z.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    # Macro sheets only: the layout fixture with its sheets related as
    # macro sheets (an .xlsm of macros, no worksheet).
    with zipfile.ZipFile(os.path.join(HERE, "layout.xlsx")) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(os.path.join(HERE, "macros.xlsm"), "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in parts:
            if info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b'/worksheet"', b'/xlMacrosheet"')
            z.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(os.path.join(HERE, "notbook.zip"), "w") as z:
        z.writestr(zipfile.ZipInfo("a.csv", (2020, 1, 1, 0, 0, 0)), "force,n\nKent,1\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make.py SHARED_DATA_DIR")
    shared = sys.argv[1]
    publish("officers", os.path.join(shared, "ho_police_officers_fte_by_force_2007_2020.csv"),
            "Table 1: Police officers (FTE) by force, 31 March 2007 to 2020")
    publish("outcome17", os.path.join(shared, "ho_outcome17_by_force_2017_18_2018_19.csv"),
            "Table 1: Outcome 17 by force, 2017/18 and 2018/19")
    publish("population", os.path.join(shared, "pfa_population_mid2001_2020.csv"),
            "Table 1: Population of police force areas, mid-2001 to mid-2020")
    datasets = os.path.join(ROOT, "datasets")
    for stem in ("outcome17_share_2017_18", "outcome17_share_year_ending_quarters",
                 "officers_per_1000_2020"):
        publish(stem, os.path.join(datasets, stem + ".csv"), "Table 1: " + stem)
    layout()
    gap()
    hostile()


if __name__ == "__main__":
    main()

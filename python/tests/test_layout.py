# SPDX-License-Identifier: GPL-3.0-or-later
"""The cdef must mirror the C headers: for every struct declared in
forcestat/_ffi.py, a C program compiled against the installed headers
prints sizeof, and the offsetof and sizeof of every field, and every enum constant
the cdef names; each must equal what cffi computed from the cdef.  A
field inserted, removed, retyped or reordered in a header fails here."""
import os
import shutil
import subprocess

from forcestat._ffi import STRUCTS, ffi


def _c_program():
    lines = ["#include <stddef.h>", "#include <stdio.h>", "#include <forcestat/forcestat.h>",
             "int main(void)", "{"]
    expected = {}
    for name in STRUCTS:
        t = ffi.typeof(name)
        lines.append('    printf("%%s %%zu\\n", "sizeof %s", sizeof(%s));' % (name, name))
        expected["sizeof " + name] = ffi.sizeof(t)
        for fname, f in t.fields:
            key = "offsetof %s.%s" % (name, fname)
            lines.append('    printf("%%s %%zu\\n", "%s", offsetof(%s, %s));' % (key, name, fname))
            expected[key] = f.offset
            key = "sizeof %s.%s" % (name, fname)
            lines.append('    printf("%%s %%zu\\n", "%s", sizeof(((%s *)0)->%s));' % (key, name, fname))
            expected[key] = ffi.sizeof(f.type)
            if f.type.kind == "enum":
                _enum(f.type, lines, expected)
    lines += ["    return 0;", "}"]
    return "\n".join(lines) + "\n", expected


def _enum(t, lines, expected):
    for cname, value in t.relements.items():
        key = "enum %s" % cname
        if key not in expected:
            lines.append('    printf("%%s %%zu\\n", "%s", (size_t)%s);' % (key, cname))
            expected[key] = value


def test_every_mirrored_struct_matches_the_headers(include_dir, tmp_path):
    source, expected = _c_program()
    for extra in ("fs_ci_method_t", "fs_funnel_type_t", "fs_overdispersion_t",
                  "fs_funnel_flag_t", "fs_spc_variation_t", "fs_spc_assurance_t",
                  "fs_spc_direction_t", "fs_encoding_t", "fs_log_rule_t", "fs_band_path_t",
                  "fs_flag_t", "fs_scale_t", "fs_reason_t", "fs_status_t"):
        lines = []
        _enum(ffi.typeof(extra), lines, expected)
        source = source.replace("    return 0;", "\n".join(lines) + "\n    return 0;")
    (tmp_path / "layout.c").write_text(source)
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    assert cc, "a C compiler is needed to check the cdef against the headers"
    exe = tmp_path / "layout"
    subprocess.run([cc, "-std=c11", "-I" + include_dir, str(tmp_path / "layout.c"), "-o",
                    str(exe)], check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    got = {}
    for line in out.splitlines():
        key, value = line.rsplit(" ", 1)
        got[key] = int(value)
    assert len(got) == len(expected)
    wrong = {k: (expected[k], got.get(k)) for k in expected if got.get(k) != expected[k]}
    assert not wrong, "cdef (cffi) vs C headers: %r" % wrong
    assert sum(k.startswith("sizeof fs") and "." not in k for k in got) == len(STRUCTS)

# SPDX-License-Identifier: GPL-3.0-or-later
"""Where the tests find the program, the headers and the bundled datasets.

FORCESTAT_PROGRAM: the forcestat program whose JSON the bindings must
match (default: `forcestat` on PATH, else the bin/ beside pkg-config's
libdir).  FORCESTAT_INCLUDE: the folder holding forcestat/*.h (default:
from `pkg-config --cflags forcestat`).  FORCESTAT_DATASETS: the bundled
datasets (default: ../../datasets from this file)."""
import json
import os
import shutil
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def _pkg_config(*args):
    try:
        return subprocess.run(["pkg-config", *args, "forcestat"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


@pytest.fixture(scope="session")
def program():
    prog = os.environ.get("FORCESTAT_PROGRAM") or shutil.which("forcestat")
    if not prog:
        libdir = _pkg_config("--variable=libdir")
        prog = os.path.join(libdir, "..", "bin", "forcestat") if libdir else ""
    assert prog and os.access(prog, os.X_OK), "no forcestat program: set FORCESTAT_PROGRAM"
    return prog


@pytest.fixture(scope="session")
def include_dir():
    inc = os.environ.get("FORCESTAT_INCLUDE")
    if not inc:
        flags = [f[2:] for f in _pkg_config("--cflags").split() if f.startswith("-I")]
        inc = flags[0] if flags else ""
    assert inc and os.path.isfile(os.path.join(inc, "forcestat", "forcestat.h")), \
        "no forcestat headers: set FORCESTAT_INCLUDE or PKG_CONFIG_PATH"
    return inc


DATASETS = os.environ.get("FORCESTAT_DATASETS") or os.path.join(HERE, "..", "..", "datasets")


def dataset(name):
    return os.path.join(DATASETS, name)


def run_json(program, *args):
    """The program's JSON for args; None when it printed none."""
    r = subprocess.run([program, *args, "--format", "json"], capture_output=True, text=True)
    return json.loads(r.stdout) if r.stdout.strip() else None


def close(a, b, rel=1e-12):
    """a and b agree to rel relative (both None/NaN counts as agreement)."""
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= rel * max(abs(a), abs(b))

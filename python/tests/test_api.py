# SPDX-License-Identifier: GPL-3.0-or-later
"""What the bindings add: errors with the library's place and reason,
numpy and pandas in and out."""
import math

import pytest

import forcestat


def test_error_carries_status_reason_and_place(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("force,value\nKent,1\nSurrey,2\nEssex,x1\nDorset,4\n")
    with pytest.raises(forcestat.ForcestatError) as e:
        forcestat.outliers(str(path), "value")
    err = e.value
    assert err.status_name and err.status == 4  # FS_EPARSE
    assert err.file == str(path) and err.line == 4 and err.column == 2
    assert err.text == "x1" and err.message and err.reason_name == "not a number"
    assert err.index == 2  # the row at fault, 0-based
    assert str(err).startswith("%s:4:2: " % path)


def test_error_reason_and_index():
    with pytest.raises(forcestat.ForcestatError) as e:
        forcestat.spc([1.0] * 5 + [math.inf] + [2.0] * 8)
    assert e.value.index == 5 and e.value.reason_name != "none"
    with pytest.raises(forcestat.ForcestatError) as e:
        forcestat.proportion_ci(5, 3)
    assert e.value.status == 1  # FS_EINVAL
    with pytest.raises(forcestat.ForcestatError) as e:
        forcestat.read_dataset("/nonexistent/forcestat.csv")
    assert e.value.status_name and e.value.index is None


def test_missing_values_and_numpy():
    np = pytest.importorskip("numpy")
    x = np.array([1.0, 2.0, np.nan, 4.0, 8.0, 3.0])
    b = forcestat.band(x)
    assert b.n == 5 and b.n_missing == 1 and b.flags[2] == "missing" and b.z[2] is None
    assert forcestat.band([1.0, 2.0, None, 4.0, 8.0, 3.0]).centre == b.centre
    assert forcestat.shapiro(np.arange(10.0)).n == 10


def test_frames_with_pandas():
    pd = pytest.importorskip("pandas")
    df = forcestat.proportion_ci([168, 5], [196, 10], method="clopper-pearson")
    assert isinstance(df, pd.DataFrame) and list(df.columns) == ["estimate", "lower", "upper",
                                                                  "margin"]
    assert isinstance(forcestat.proportion_ci(168, 196), forcestat.Interval)
    lst = forcestat.rate_ci([20, 30], [1e4, 2e4], frame=False)
    assert isinstance(lst[0], forcestat.Interval) and lst[0].estimate == 2.0
    assert list(forcestat.band([1, 2, 3, 5]).frame().columns) == ["value", "z", "flag"]
    f = forcestat.funnel([10, 20, 30], [1000, 1500, 2500])
    assert len(f.frame()) == 3 and f.n == 3
    assert len(forcestat.spc(list(range(12))).frame()) == 12


def test_bad_arguments_are_value_errors():
    with pytest.raises(ValueError):
        forcestat.proportion_ci(1, 2, method="nope")
    with pytest.raises(ValueError):
        forcestat.funnel([1], [2], type="odds")


def test_version():
    assert forcestat.version().count(".") == 2

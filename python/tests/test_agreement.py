# SPDX-License-Identifier: GPL-3.0-or-later
"""The bindings agree with the program's own JSON (`forcestat CMD ...
--format json`) on every bundled dataset, to 1e-12 relative."""
import csv
import os
import re
import subprocess

import pytest

import forcestat
from conftest import DATASETS, close, dataset, run_json

# Every bundled table but the report manifest; long tables narrowed to
# one period with --filter (the program's and the binding's alike).
TABLES = {
    "crime_severity_2019_20.csv": {},
    "crime_severity_by_year.csv": {"year_ending": "2020-03-31"},
    "officers_fte_2020_03_31.csv": {},
    "officers_per_1000_2020.csv": {},
    "outcome17_share_2017_18.csv": {},
    "outcome17_share_year_ending_quarters.csv": {"financial_year": "2018/19",
                                                 "financial_quarter": "4"},
    "stop_search_per_1000_2018_19.csv": {},
    "stop_search_per_1000_by_year.csv": {"year_ending": "2019-03-31"},
    "stop_search_s1_2018_19.csv": {},
}
PROPORTIONS = ["outcome17_share_2017_18.csv", "outcome17_share_year_ending_quarters.csv"]
RATES = ["officers_per_1000_2020.csv", "stop_search_per_1000_2018_19.csv",
         "stop_search_per_1000_by_year.csv"]
SERIES = {"crime_severity_by_year.csv": ("year_ending", "sum"),
          "stop_search_per_1000_by_year.csv": ("year_ending", "rate_per_1000"),
          "outcome17_share_year_ending_quarters.csv": ("financial_year,financial_quarter",
                                                       "proportion")}
METHODS = ["wald", "wilson", "agresti-coull", "clopper-pearson", "jeffreys"]


# The tables `forcestat ratio` reads (a row per force and group): covered
# by the rates per 1,000 of each force's groups and their reference's.
RATIO = ("stop_search_by_ethnicity_2018_19.csv", "census2011_people_by_ethnicity.csv")


def test_every_bundled_table_is_covered():
    tables = sorted(f for f in os.listdir(DATASETS) if f.endswith(".csv") and f != "report.csv")
    assert tables == sorted(list(TABLES) + list(RATIO))


def test_ratio_rates(program):
    j = run_json(program, "ratio", dataset(RATIO[0]), "--group", "ethnic_group_self_defined",
                 "--reference", "White", "--count", "sum", "--population", dataset(RATIO[1]))
    rows = j["rows"]
    assert len(rows) > 43 and rows[-1]["force"] == "England and Wales"
    got = forcestat.rate_ci([r["count"] for r in rows], [r["population"] for r in rows],
                            per=j["per"], frame=False)
    ref = forcestat.rate_ci([r["reference_count"] for r in rows],
                            [r["reference_population"] for r in rows], per=j["per"], frame=False)
    for g, h, r in zip(got, ref, rows):
        assert close(g.estimate, r["rate_per_1000"]) and close(h.estimate,
                                                               r["reference_rate_per_1000"])


def _filter_args(flt):
    args = []
    for k, v in flt.items():
        args += ["--filter", "%s=%s" % (k, v)]
    return args


def _run_outliers(program, name):
    path = dataset(name)
    r = subprocess.run([program, "outliers", path, *_filter_args(TABLES[name]), "--format",
                        "json"], capture_output=True, text=True)
    import json
    measures = json.loads(r.stdout) if r.stdout.strip() else []
    skipped = re.findall(r"measure '([^']+)': all \d+ values are equal", r.stderr)
    return path, measures, skipped


def _same_band(b, m):
    assert b.n == m["n"] and b.scale == m["scale"] and b.path == m["path"]
    for k in ("centre", "lower", "upper", "sd", "mean"):
        assert close(getattr(b, k), m[k]), k
    assert close(b.shapiro_raw.w, m["shapiro_raw"]["w"])
    assert close(b.shapiro_raw.p, m["shapiro_raw"]["p"])
    if m["shapiro_log"] is None:
        assert b.shapiro_log is None
    else:
        assert close(b.shapiro_log.w, m["shapiro_log"]["w"])
        assert close(b.shapiro_log.p, m["shapiro_log"]["p"])


@pytest.mark.parametrize("name", sorted(TABLES))
def test_outliers_band_and_shapiro(program, name):
    path, measures, skipped = _run_outliers(program, name)
    assert measures, "the program gave no measure for %s" % name
    for m in measures:
        o = forcestat.outliers(path, m["measure"], filter=TABLES[name])
        _same_band(o.band, m)
        assert o.band.explanation == m["explanation"]
        assert close(o.comparator, m["comparator"])
        assert [r.force for r in o.rows] == [f["force"] for f in m["forces"]]
        for r, f in zip(o.rows, m["forces"]):
            assert close(r.value, f["value"]) and close(r.z, f["z"]) and r.flag == f["flag"]
        # The band and Shapiro-Wilk over the plain values agree as well.
        values = [f["value"] for f in m["forces"]]
        b = forcestat.band(values)
        _same_band(b, m)
        assert b.flags == [f["flag"] for f in m["forces"]]
        assert all(close(z, f["z"]) for z, f in zip(b.z, m["forces"]))
        sw = forcestat.shapiro([v for v in values if v is not None])
        assert close(sw.w, m["shapiro_raw"]["w"]) and close(sw.p, m["shapiro_raw"]["p"])
    for measure in skipped:
        with pytest.raises(forcestat.ForcestatError) as e:
            forcestat.outliers(path, measure, filter=TABLES[name])
        assert e.value.status == 2 and e.value.reason_name == "all values equal"  # FS_EDOM


@pytest.mark.parametrize("name", PROPORTIONS)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("level", [0.95, 0.9])
def test_proportion_intervals(program, name, method, level):
    j = run_json(program, "proportions", dataset(name), "--numerator", "numerator",
                 "--denominator", "denominator", "--method", method, "--level", str(level),
                 *_filter_args(TABLES[name]))
    assert j["level"] == level
    rows = j["forces"] + [j["england_and_wales"]]
    got = forcestat.proportion_ci([r["numerator"] for r in rows],
                                  [r["denominator"] for r in rows], method=method,
                                  level=level, frame=False)
    for g, r in zip(got, rows):
        assert close(g.estimate, r["value"]) and close(g.lower, r["lower"])
        assert close(g.upper, r["upper"])


@pytest.mark.parametrize("k,n", [(0, 1), (168, 196), (5, 5), (1, 1000000), (3, 7)])
@pytest.mark.parametrize("method", METHODS)
def test_ci_command(program, k, n, method):
    j = run_json(program, "ci", "--successes", str(k), "--trials", str(n), "--method", method)
    g = forcestat.proportion_ci(k, n, method=method)
    for key in ("estimate", "lower", "upper", "margin"):
        assert close(getattr(g, key), j[key]), key


@pytest.mark.parametrize("name", RATES)
@pytest.mark.parametrize("per,level", [(1000, 0.95), (100000, 0.99)])
def test_rate_intervals(program, name, per, level):
    j = run_json(program, "rates", dataset(name), "--count", "count", "--population",
                 "population", "--per", str(per), "--level", str(level),
                 *_filter_args(TABLES[name]))
    assert j["per"] == per and j["level"] == level
    rows = j["forces"] + [j["england_and_wales"]]
    got = forcestat.rate_ci([r["count"] for r in rows], [r["population"] for r in rows],
                            per=per, level=level, frame=False)
    for g, r in zip(got, rows):
        assert close(g.estimate, r["value"]) and close(g.lower, r["lower"])
        assert close(g.upper, r["upper"])


@pytest.mark.parametrize("name", PROPORTIONS + RATES)
@pytest.mark.parametrize("od", ["none", "multiplicative", "additive"])
def test_funnel(program, name, od):
    kind = "proportion" if name in PROPORTIONS else "rate"
    cols = ("numerator", "denominator") if kind == "proportion" else ("count", "population")
    j = run_json(program, "funnel", dataset(name), "--numerator", cols[0], "--denominator",
                 cols[1], "--type", kind, "--overdispersion", od, *_filter_args(TABLES[name]))
    f = forcestat.funnel([r["numerator"] for r in j["forces"]],
                         [r["denominator"] for r in j["forces"]], type=kind,
                         overdispersion=od)
    for key in ("target", "phi", "tau2"):
        assert close(getattr(f, key), j[key]), key
    assert f.overdispersed == j["overdispersed"] and f.per == j["per"]
    for u, r in zip(f.units, j["forces"]):
        assert close(u.value, r["value"]) and close(u.z, r["z"]) and u.flag == r["flag"]
        lo, hi = f.limits(u.denominator, 0.95)
        assert (lo, hi) == (u.lower_inner, u.upper_inner) and lo <= hi


def _series_forces(name):
    with open(dataset(name), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    col = "force" if "force" in rows[0] else ("force_name" if "force_name" in rows[0] else "name")
    seen = []
    for r in rows:
        if r[col] not in seen:
            seen.append(r[col])
    return seen


@pytest.mark.parametrize("name", sorted(SERIES))
def test_spc(program, name):
    period, value = SERIES[name]
    checked = 0
    for force in _series_forces(name):
        r = subprocess.run([program, "spc", dataset(name), "--period", period, "--value", value,
                            "--highlight", force, "--min-points", "3", "--format", "json"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            continue  # not a force the program highlights (a region), or too few points
        import json
        j = json.loads(r.stdout)
        values = [p["value"] for p in j["points"]]
        s = forcestat.spc(values, min_points=3)
        assert len(s.points) == len(j["points"]) and len(s.segments) == len(j["segments"])
        for p, q in zip(s.points, j["points"]):
            for key in ("value", "mean", "lower", "upper", "near_lower", "near_upper"):
                assert close(getattr(p, key), q[key]), key
            assert p.rule == q["rule"] and p.variation == q["variation"]
        for g, q in zip(s.segments, j["segments"]):
            for key in ("mean", "mr_bar", "mr_bar_unscreened", "lower", "upper"):
                assert close(getattr(g, key), q[key]), key
            assert g.n == q["n"] and g.screened == q["screened"]
        if len(values) < 12:
            with pytest.raises(forcestat.ForcestatError) as e:
                forcestat.spc(values)
            assert e.value.status_name and e.value.message
        checked += 1
    assert checked >= 40


@pytest.mark.parametrize("name", sorted(TABLES) + ["report.csv"])
def test_read_dataset(name):
    d = forcestat.read_dataset(dataset(name))
    with open(dataset(name), newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh) if any(c.strip() for c in r)]
    assert d.columns == rows[0]
    assert [list(r) for r in d.rows] == rows[1:]
    assert d.lines[0] == 2

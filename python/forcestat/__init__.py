# SPDX-License-Identifier: GPL-3.0-or-later
"""forcestat: the libforcestat methods from Python.

Every function takes plain sequences or numpy arrays (None and NaN mark a
missing value where the method allows one) and returns dataclasses.  The
functions that return one row per input (the intervals) return a pandas
DataFrame instead when pandas is installed and ``frame`` is not False;
results holding rows (Band, Outliers, Funnel, Spc, Dataset) have a
``frame()`` method.  Failures raise ForcestatError with the library's
status, reason and place.
"""
import math
from dataclasses import dataclass, field
from typing import List, Optional

from ._ffi import ffi, lib, library_path

__all__ = [
    "ForcestatError", "ShapiroWilk", "Band", "OutlierRow", "Outliers", "Interval",
    "Funnel", "FunnelUnit", "SpcPoint", "SpcSegment", "Spc", "Dataset",
    "version", "library_path", "shapiro", "band", "outliers", "proportion_ci", "rate_ci",
    "funnel", "spc", "read_dataset",
]


def _pandas():
    try:
        import pandas
    except ImportError:
        return None
    return pandas


def _need_pandas():
    pd = _pandas()
    if pd is None:
        raise ImportError("frame() needs pandas")
    return pd


class ForcestatError(Exception):
    """A failure reported by libforcestat: the fields of its fs_error_t."""

    def __init__(self, status, status_name, reason, reason_name, message, file="", line=0,
                 column=0, text=None, index=None):
        self.status = status
        self.status_name = status_name
        self.reason = reason
        self.reason_name = reason_name
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.text = text
        self.index = index
        place = ":".join(str(p) for p in (file, line, column) if p)
        super().__init__((place + ": " if place else "") + message)


_NO_INDEX = 2 ** (8 * ffi.sizeof("size_t")) - 1  # FS_ERROR_NO_INDEX, (size_t)-1


def _str(p):
    return ffi.string(p).decode("utf-8", "replace")


def _check(status, err):
    if status == lib.FS_OK:
        return
    msg = _str(err.message) or _str(lib.fs_strerror(status))
    index = None if int(err.index) == _NO_INDEX else int(err.index)
    raise ForcestatError(int(status), _str(lib.fs_strerror(status)), int(err.reason),
                         _str(lib.fs_reason_name(err.reason)), msg, _str(err.file),
                         int(err.line), int(err.column),
                         _str(err.text) if err.has_text else None, index)


def _new_error():
    err = ffi.new("fs_error_t *")
    lib.fs_error_clear(err)
    return err


def _doubles(values):
    """A C double array (kept alive by the returned object) and its length."""
    try:
        import numpy
    except ImportError:
        numpy = None
    if numpy is not None and isinstance(values, numpy.ndarray):
        arr = numpy.ascontiguousarray(values, dtype=numpy.float64)
        return ffi.from_buffer("double[]", arr), arr.size, arr
    vals = [math.nan if v is None else float(v) for v in values]
    return ffi.new("double[]", vals), len(vals), None


def _nan(x):
    return None if math.isnan(x) else x


def version():
    """The library's version string."""
    return _str(lib.fs_version())


@dataclass
class ShapiroWilk:
    n: int
    w: float
    p: float


def shapiro(values):
    """The Shapiro-Wilk W test (Royston's algorithm, as R's shapiro.test)."""
    x, n, _keep = _doubles(values)
    out = ffi.new("fs_swilk_t *")
    err = _new_error()
    _check(lib.fs_swilk(x, 1, n, out, err), err)
    return ShapiroWilk(int(out.n), out.w, out.p)


def _band_options(alpha, log_rule):
    opt = ffi.new("fs_band_options_t *")
    lib.fs_band_options_init(opt)
    opt.alpha = alpha
    rules = {"more-normal": lib.FS_LOG_RULE_MORE_NORMAL, "passes": lib.FS_LOG_RULE_PASSES}
    if log_rule not in rules:
        raise ValueError("log_rule must be 'more-normal' or 'passes', not %r" % (log_rule,))
    opt.log_rule = rules[log_rule]
    return opt


@dataclass
class Band:
    """The outlier band: mean +/- 1 SD across forces, on the raw or log scale."""
    n: int
    n_missing: int
    scale: str
    path: str
    mean: float
    sd: float
    centre: float
    lower: float
    upper: float
    shapiro_raw: ShapiroWilk
    shapiro_log: Optional[ShapiroWilk]
    explanation: str
    values: List[Optional[float]] = field(default_factory=list)
    z: List[Optional[float]] = field(default_factory=list)
    flags: List[str] = field(default_factory=list)

    def frame(self):
        """The values, z and flags as a pandas DataFrame."""
        return _need_pandas().DataFrame({"value": self.values, "z": self.z, "flag": self.flags})


def _band_from(b, opt):
    buf = ffi.new("char[]", 1024)
    lib.fs_band_explain(b, opt, buf, 1024)
    sl = ShapiroWilk(int(b.shapiro_log.n), b.shapiro_log.w, b.shapiro_log.p)
    return Band(int(b.n), int(b.n_missing), _str(lib.fs_scale_name(b.scale)),
                _str(lib.fs_band_path_name(b.path)), b.mean, b.sd, b.centre, b.lower, b.upper,
                ShapiroWilk(int(b.shapiro_raw.n), b.shapiro_raw.w, b.shapiro_raw.p),
                sl if b.has_shapiro_log else None, _str(buf))


def band(values, alpha=0.05, log_rule="more-normal"):
    """The band over values (None or NaN: missing), with each value's z and flag."""
    x, n, _keep = _doubles(values)
    opt = _band_options(alpha, log_rule)
    b = ffi.new("fs_band_t *")
    err = _new_error()
    _check(lib.fs_band_compute(x, n, opt, b, err), err)
    result = _band_from(b, opt)
    for i in range(n):
        z = lib.fs_band_z(b, x[i])
        result.values.append(_nan(x[i]))
        result.z.append(_nan(z))
        result.flags.append(_str(lib.fs_flag_name(lib.fs_band_flag(z))))
    return result


@dataclass
class OutlierRow:
    force: str
    row: int
    line: int
    value: Optional[float]
    z: Optional[float]
    flag: str


@dataclass
class Outliers:
    """A measure of a force dataset against the band, as `forcestat outliers`."""
    measure: str
    band: Band
    other_units: bool
    comparator: Optional[float]
    rows: List[OutlierRow]

    def frame(self):
        return _need_pandas().DataFrame([r.__dict__ for r in self.rows])


class _Table:
    """An fs_table_t read from a file, freed with the object."""

    def __init__(self, path, encoding="utf-8", filter=None):
        opt = ffi.new("fs_read_options_t *")
        lib.fs_read_options_init(opt)
        encodings = {"utf-8": lib.FS_ENCODING_UTF8, "windows-1252": lib.FS_ENCODING_WINDOWS_1252}
        if encoding not in encodings:
            raise ValueError("encoding must be 'utf-8' or 'windows-1252', not %r" % (encoding,))
        opt.encoding = encodings[encoding]
        out = ffi.new("fs_table_t **")
        err = _new_error()
        _check(lib.fs_table_read(out, str(path).encode(), opt, err), err)
        self.t = ffi.gc(out[0], lib.fs_table_free)
        for column, wanted in (filter or {}).items():
            if isinstance(wanted, str):
                wanted = [wanted]
            keep = [ffi.new("char[]", str(v).encode()) for v in wanted]
            values = ffi.new("const char *[]", keep)
            col = ffi.new("char[]", column.encode())
            m = ffi.new("fs_match_t *", {"column": col, "values": values, "nvalues": len(keep)})
            _check(lib.fs_table_filter(self.t, m, err), err)

    def cell(self, row, col):
        return _str(self.t.cells[row * self.t.ncols + col])

    def column_index(self, name):
        col = ffi.new("size_t *")
        err = _new_error()
        _check(lib.fs_table_find_column(self.t, name.encode(), col, err), err)
        return int(col[0])

    def numeric(self, col):
        values = ffi.new("double[]", max(int(self.t.nrows), 1))
        err = _new_error()
        _check(lib.fs_table_numeric_column(self.t, col, values, err), err)
        return [values[i] for i in range(int(self.t.nrows))]


def outliers(path, value, force=None, alpha=0.05, log_rule="more-normal", filter=None,
             encoding="utf-8"):
    """The band of column `value` of the CSV file at path over its territorial
    forces (or, when it names none, its other units), as `forcestat outliers
    FILE --value COL`.  force names the force column (found by content when
    None); filter is {column: value or [values]} to narrow a long table."""
    table = _Table(path, encoding, filter)
    if force is None:
        fc = lib.fs_find_force_column(table.t, ffi.NULL)
    else:
        fc = table.column_index(force)
    col = table.column_index(value)
    err = _new_error()
    dp = ffi.new("fs_description_t **")
    _check(lib.fs_describe(table.t, fc, dp, err), err)
    desc = ffi.gc(dp[0], lib.fs_description_free)
    opt = _band_options(alpha, log_rule)
    o = ffi.new("fs_outliers_t *")
    status = lib.fs_outliers_compute(table.t, desc, col, opt, o, err)
    try:
        _check(status, err)
        rows = []
        for i in range(int(o.nrows)):
            r = o.rows[i]
            rows.append(OutlierRow(table.cell(r.row, fc), int(r.row), int(table.t.lines[r.row]),
                                   _nan(r.value), _nan(r.z), _str(lib.fs_flag_name(r.flag))))
        b = _band_from(ffi.addressof(o, "band"), opt)
        b.values = [r.value for r in rows]
        b.z = [r.z for r in rows]
        b.flags = [r.flag for r in rows]
        return Outliers(_str(table.t.columns[col]), b, bool(o.other_units),
                        o.comparator if o.has_comparator else None, rows)
    finally:
        lib.fs_outliers_free(o)


@dataclass
class Interval:
    estimate: float
    lower: float
    upper: float
    margin: float


def _is_scalar(x):
    return not hasattr(x, "__len__")


def _broadcast(*args):
    n = max(1 if _is_scalar(a) else len(a) for a in args)
    out = []
    for a in args:
        if _is_scalar(a):
            out.append([a] * n)
        elif len(a) not in (1, n):
            raise ValueError("arguments of lengths %d and %d" % (len(a), n))
        else:
            out.append(list(a) * (n if len(a) == 1 else 1))
    return n, out


def _intervals(call, args, frame):
    scalar = all(_is_scalar(a) for a in args)
    n, cols = _broadcast(*args)
    result = []
    err = _new_error()
    out = ffi.new("fs_interval_t *")
    for i in range(n):
        _check(call(*[float(c[i]) for c in cols], out, err), err)
        result.append(Interval(out.estimate, out.lower, out.upper, out.margin))
    if scalar:
        return result[0]
    pd = _pandas() if frame is not False else None
    if frame and pd is None:
        raise ImportError("frame=True needs pandas")
    if pd is not None:
        return pd.DataFrame([r.__dict__ for r in result])
    return result


def proportion_ci(k, n, method="wilson", level=0.95, population=0, frame=None):
    """Interval for k successes in n trials (method wald, wilson,
    agresti-coull, clopper-pearson or jeffreys).  Scalars give an Interval;
    sequences a DataFrame (pandas) or a list of Intervals."""
    m = ffi.new("fs_ci_method_t *")
    if lib.fs_ci_method_parse(method.encode(), m) != lib.FS_OK:
        raise ValueError("unknown method %r" % (method,))
    method_value = m[0]

    def call(kk, nn, lv, pop, out, err):
        return lib.fs_proportion_ci(kk, nn, method_value, lv, pop, out, err)
    return _intervals(call, [k, n, level, population], frame)


def rate_ci(count, population, per=1000, level=0.95, frame=None):
    """Interval for a count over a population, as a rate per `per` (Byar's
    method from 10, exact Poisson limits below)."""
    return _intervals(lib.fs_rate_ci, [count, population, per, level], frame)


@dataclass
class FunnelUnit:
    numerator: Optional[float]
    denominator: Optional[float]
    value: Optional[float]
    z: Optional[float]
    flag: str
    lower_inner: float
    upper_inner: float
    lower_outer: float
    upper_outer: float


@dataclass
class Funnel:
    """A funnel plot's fit (Spiegelhalter 2005) and each unit against it."""
    type: str
    per: float
    levels: tuple
    overdispersion: str
    target: float
    theta: float
    phi: float
    tau2: float
    overdispersed: bool
    n: int
    units: List[FunnelUnit]
    _fit: object = field(default=None, repr=False, compare=False)

    def limits(self, denominator, level):
        """The control limits (lower, upper) at a denominator for a level."""
        lo, hi = ffi.new("double *"), ffi.new("double *")
        lib.fs_funnel_limits(self._fit, float(denominator), float(level), lo, hi)
        return lo[0], hi[0]

    def frame(self):
        return _need_pandas().DataFrame([{k: v for k, v in u.__dict__.items()} for u in self.units])


def funnel(numerator, denominator, type="proportion", per=None, levels=(0.95, 0.998),
           overdispersion="none", target=None):
    """Fits a funnel to units (numerator[i], denominator[i]); type is
    "proportion" or "rate" (per `per` people, default 1000)."""
    types = {"proportion": lib.FS_FUNNEL_PROPORTION, "rate": lib.FS_FUNNEL_RATE}
    ods = {"none": lib.FS_OVERDISPERSION_NONE,
           "multiplicative": lib.FS_OVERDISPERSION_MULTIPLICATIVE,
           "additive": lib.FS_OVERDISPERSION_ADDITIVE}
    if type not in types or overdispersion not in ods:
        raise ValueError("type must be one of %s and overdispersion one of %s"
                         % (sorted(types), sorted(ods)))
    opt = ffi.new("fs_funnel_options_t *")
    lib.fs_funnel_options_init(opt)
    opt.type = types[type]
    opt.per = float(per) if per is not None else (1000.0 if type == "rate" else 1.0)
    opt.levels[0], opt.levels[1] = float(levels[0]), float(levels[1])
    opt.overdispersion = ods[overdispersion]
    if target is not None:
        opt.has_target, opt.target = 1, float(target)
    num, n, _k1 = _doubles(numerator)
    den, n2, _k2 = _doubles(denominator)
    if n != n2:
        raise ValueError("numerator has %d values, denominator %d" % (n, n2))
    f = ffi.new("fs_funnel_t *")
    err = _new_error()
    _check(lib.fs_funnel_fit(num, den, n, opt, f, err), err)
    result = Funnel(type, f.opt.per, (f.opt.levels[0], f.opt.levels[1]), overdispersion,
                    f.target, f.theta, f.phi, f.tau2, bool(f.overdispersed), int(f.n), [], f)
    buf = ffi.new("char[]", 64)
    for i in range(n):
        flag = lib.fs_funnel_flag(f, num[i], den[i])
        lib.fs_funnel_flag_name(f, flag, buf, 64)
        missing = math.isnan(num[i]) or math.isnan(den[i])
        li, ui = (math.nan, math.nan) if missing else result.limits(den[i], f.opt.levels[0])
        lo, uo = (math.nan, math.nan) if missing else result.limits(den[i], f.opt.levels[1])
        value = math.nan if missing else lib.fs_funnel_value(f, num[i], den[i])
        result.units.append(FunnelUnit(_nan(num[i]), _nan(den[i]), _nan(value),
                                       _nan(lib.fs_funnel_z(f, num[i], den[i])), _str(buf),
                                       li, ui, lo, uo))
    return result


@dataclass
class SpcPoint:
    value: float
    segment: int
    mean: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float
    rule: str
    variation: str


@dataclass
class SpcSegment:
    start: int
    n: int
    baseline: int
    ranges: int
    screened: int
    mean: float
    mr_bar: float
    mr_bar_unscreened: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float
    assurance: str


@dataclass
class Spc:
    """An XmR chart (NHS England's Making Data Count rules)."""
    points: List[SpcPoint]
    segments: List[SpcSegment]

    def frame(self):
        return _need_pandas().DataFrame([p.__dict__ for p in self.points])


def spc(values, rebase=(), baseline=0, screen=True, improvement=None, target=None,
        min_points=12):
    """The XmR chart of values in time order; rebase: indexes starting a new
    segment; improvement: None, "up" or "down"."""
    dirs = {None: lib.FS_SPC_NEUTRAL, "up": lib.FS_SPC_UP, "down": lib.FS_SPC_DOWN}
    if improvement not in dirs:
        raise ValueError("improvement must be None, 'up' or 'down'")
    opt = ffi.new("fs_spc_options_t *")
    lib.fs_spc_options_init(opt)
    opt.baseline, opt.screen, opt.improvement = baseline, 1 if screen else 0, dirs[improvement]
    opt.min_points = min_points
    if target is not None:
        opt.has_target, opt.target = 1, float(target)
    x, n, _keep = _doubles(values)
    rb = ffi.new("size_t[]", [int(i) for i in rebase]) if len(rebase) else ffi.NULL
    s = ffi.new("fs_spc_t *")
    err = _new_error()
    status = lib.fs_spc_compute(x, n, rb, len(rebase), opt, s, err)
    try:
        _check(status, err)
        buf = ffi.new("char[]", 128)
        points = []
        for i in range(int(s.n)):
            p = s.points[i]
            lib.fs_spc_rule_names(p.rules, buf, 128)
            points.append(SpcPoint(p.value, int(p.segment), p.mean, p.lower, p.upper,
                                   p.near_lower, p.near_upper, _str(buf),
                                   _str(lib.fs_spc_variation_name(p.variation))))
        segments = []
        for i in range(int(s.nsegments)):
            g = s.segments[i]
            segments.append(SpcSegment(int(g.start), int(g.n), int(g.baseline), int(g.ranges),
                                       int(g.screened), g.mean, g.mr_bar, g.mr_bar_unscreened,
                                       g.lower, g.upper, g.near_lower, g.near_upper,
                                       _str(lib.fs_spc_assurance_name(g.assurance))))
        return Spc(points, segments)
    finally:
        lib.fs_spc_free(s)


@dataclass
class Dataset:
    """A CSV table as the library reads it: header, rows of text, lines."""
    name: str
    columns: List[str]
    rows: List[tuple]
    lines: List[int]
    _table: object = field(default=None, repr=False, compare=False)

    def column(self, name):
        """The cells of a column (found as the library finds it) as text."""
        col = self._table.column_index(name)
        return [r[col] for r in self.rows]

    def numeric(self, name):
        """A column parsed strictly; missing tokens are NaN, other text an error."""
        return self._table.numeric(self._table.column_index(name))

    def frame(self):
        """A pandas DataFrame; columns that parse as numbers become floats."""
        pd = _need_pandas()
        data = {}
        for j, name in enumerate(self.columns):
            try:
                data[name] = self._table.numeric(j)
            except ForcestatError:
                data[name] = [r[j] for r in self.rows]
        return pd.DataFrame(data, columns=self.columns)


def read_dataset(path, encoding="utf-8", filter=None):
    """Reads a CSV (or gzip CSV) force dataset; filter as in outliers()."""
    table = _Table(path, encoding, filter)
    t = table.t
    columns = [_str(t.columns[j]) for j in range(int(t.ncols))]
    rows = [tuple(table.cell(i, j) for j in range(int(t.ncols))) for i in range(int(t.nrows))]
    return Dataset(_str(t.name), columns, rows, [int(t.lines[i]) for i in range(int(t.nrows))],
                   table)

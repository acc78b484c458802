# SPDX-License-Identifier: GPL-3.0-or-later
"""The declarations of libforcestat this package uses, and the library.

ABI mode: cffi lays the structs out from CDEF alone, so CDEF must mirror
include/forcestat/*.h exactly.  tests/test_layout.py compiles a C program
against the installed headers and compares sizeof and offsetof of every
struct declared here with what cffi computes.
"""
import ctypes.util
import os
import shutil
import subprocess

import cffi

# The structs mirrored below, for tests/test_layout.py.
STRUCTS = [
    "fs_error_t", "fs_swilk_t", "fs_band_options_t", "fs_band_t", "fs_interval_t",
    "fs_funnel_options_t", "fs_funnel_t", "fs_spc_options_t", "fs_spc_point_t",
    "fs_spc_segment_t", "fs_spc_t", "fs_read_options_t", "fs_table_t", "fs_match_t",
    "fs_outlier_row_t", "fs_outliers_t",
]

CDEF = """
typedef enum fs_status {
    FS_OK = 0, FS_EINVAL, FS_EDOM, FS_ENOMEM, FS_EPARSE, FS_EIO, FS_ENOTFOUND,
    FS_ELIMIT, FS_EOF, FS_EBUSY, FS_ECONFLICT
} fs_status_t;
typedef enum fs_reason {
    FS_REASON_NONE = 0, FS_REASON_TOO_FEW, FS_REASON_ALL_EQUAL, FS_REASON_NOT_A_NUMBER,
    FS_REASON_MISSING_VALUE, FS_REASON_NOT_FINITE, FS_REASON_BAD_DENOMINATOR,
    FS_REASON_BAD_COUNT, FS_REASON_BEYOND_LIMIT, FS_REASON_UNKNOWN_FORCE,
    FS_REASON_DUPLICATE_FORCE, FS_REASON_DUPLICATE_PERIOD, FS_REASON_COLUMN_NOT_FOUND
} fs_reason_t;
typedef struct fs_error {
    fs_status_t status;
    char file[512];
    long line;
    long column;
    int has_text;
    char text[96];
    char message[320];
    fs_reason_t reason;
    size_t index;
} fs_error_t;
const char *fs_strerror(fs_status_t status);
const char *fs_reason_name(fs_reason_t reason);
void fs_error_clear(fs_error_t *err);
const char *fs_version(void);

typedef struct fs_swilk { size_t n; double w; double p; } fs_swilk_t;
fs_status_t fs_swilk(const double *x, size_t stride, size_t n, fs_swilk_t *out, fs_error_t *err);

typedef enum fs_scale { FS_SCALE_RAW = 0, FS_SCALE_LOG } fs_scale_t;
typedef enum fs_log_rule { FS_LOG_RULE_MORE_NORMAL = 0, FS_LOG_RULE_PASSES } fs_log_rule_t;
typedef enum fs_band_path {
    FS_PATH_RAW_NORMAL = 0, FS_PATH_LOG_CHOSEN, FS_PATH_LOG_NOT_BETTER, FS_PATH_LOG_IMPOSSIBLE
} fs_band_path_t;
typedef enum fs_flag { FS_FLAG_MISSING = 0, FS_FLAG_BELOW, FS_FLAG_WITHIN, FS_FLAG_ABOVE } fs_flag_t;
typedef struct fs_band_options { double alpha; fs_log_rule_t log_rule; } fs_band_options_t;
void fs_band_options_init(fs_band_options_t *o);
typedef struct fs_band {
    size_t n;
    size_t n_missing;
    size_t n_nonpositive;
    fs_scale_t scale;
    fs_band_path_t path;
    double mean, sd;
    double unit;
    double centre, lower, upper;
    fs_swilk_t shapiro_raw;
    fs_swilk_t shapiro_log;
    int has_shapiro_log;
} fs_band_t;
fs_status_t fs_band_compute(const double *x, size_t n, const fs_band_options_t *opt,
                            fs_band_t *band, fs_error_t *err);
double fs_band_z(const fs_band_t *band, double x);
fs_flag_t fs_band_flag(double z);
const char *fs_flag_name(fs_flag_t flag);
const char *fs_scale_name(fs_scale_t scale);
const char *fs_band_path_name(fs_band_path_t path);
void fs_band_explain(const fs_band_t *band, const fs_band_options_t *opt, char *buf, size_t size);

typedef enum fs_ci_method {
    FS_CI_WALD = 0, FS_CI_WILSON, FS_CI_AGRESTI_COULL, FS_CI_CLOPPER_PEARSON, FS_CI_JEFFREYS
} fs_ci_method_t;
typedef struct fs_interval { double estimate; double lower, upper; double margin; } fs_interval_t;
fs_status_t fs_ci_method_parse(const char *name, fs_ci_method_t *out);
fs_status_t fs_proportion_ci(double k, double n, fs_ci_method_t method, double level,
                             double population, fs_interval_t *out, fs_error_t *err);
fs_status_t fs_rate_ci(double count, double population, double per, double level,
                       fs_interval_t *out, fs_error_t *err);

typedef enum fs_funnel_type { FS_FUNNEL_PROPORTION = 0, FS_FUNNEL_RATE } fs_funnel_type_t;
typedef enum fs_overdispersion {
    FS_OVERDISPERSION_NONE = 0, FS_OVERDISPERSION_MULTIPLICATIVE, FS_OVERDISPERSION_ADDITIVE
} fs_overdispersion_t;
typedef enum fs_funnel_flag {
    FS_FUNNEL_MISSING = 0, FS_FUNNEL_LOW_OUTER, FS_FUNNEL_LOW_INNER, FS_FUNNEL_WITHIN,
    FS_FUNNEL_HIGH_INNER, FS_FUNNEL_HIGH_OUTER
} fs_funnel_flag_t;
typedef struct fs_funnel_options {
    fs_funnel_type_t type;
    double per;
    double levels[2];
    fs_overdispersion_t overdispersion;
    int has_target;
    double target;
} fs_funnel_options_t;
void fs_funnel_options_init(fs_funnel_options_t *o);
typedef struct fs_funnel {
    fs_funnel_options_t opt;
    double theta;
    double target;
    double phi;
    double tau2;
    int overdispersed;
    size_t n;
} fs_funnel_t;
fs_status_t fs_funnel_fit(const double *numerator, const double *denominator, size_t n,
                          const fs_funnel_options_t *opt, fs_funnel_t *out, fs_error_t *err);
void fs_funnel_limits(const fs_funnel_t *f, double denominator, double level, double *lower,
                      double *upper);
double fs_funnel_z(const fs_funnel_t *f, double numerator, double denominator);
fs_funnel_flag_t fs_funnel_flag(const fs_funnel_t *f, double numerator, double denominator);
void fs_funnel_flag_name(const fs_funnel_t *f, fs_funnel_flag_t flag, char *buf, size_t size);
const char *fs_overdispersion_name(fs_overdispersion_t o);
double fs_funnel_value(const fs_funnel_t *f, double num, double den);

typedef enum fs_spc_direction { FS_SPC_NEUTRAL = 0, FS_SPC_UP, FS_SPC_DOWN } fs_spc_direction_t;
typedef enum fs_spc_variation {
    FS_SPC_COMMON = 0, FS_SPC_IMPROVEMENT, FS_SPC_CONCERN, FS_SPC_NEUTRAL_HIGH, FS_SPC_NEUTRAL_LOW
} fs_spc_variation_t;
typedef enum fs_spc_assurance {
    FS_SPC_NO_TARGET = 0, FS_SPC_PASS, FS_SPC_FAIL, FS_SPC_HIT_OR_MISS
} fs_spc_assurance_t;
typedef struct fs_spc_options {
    size_t baseline;
    int screen;
    fs_spc_direction_t improvement;
    int has_target;
    double target;
    size_t min_points;
} fs_spc_options_t;
void fs_spc_options_init(fs_spc_options_t *o);
typedef struct fs_spc_point {
    double value;
    size_t segment;
    double mean, lower, upper, near_lower, near_upper;
    unsigned rules;
    fs_spc_variation_t variation;
} fs_spc_point_t;
typedef struct fs_spc_segment {
    size_t start, n;
    size_t baseline;
    size_t ranges;
    size_t screened;
    double mean;
    double mr_bar;
    double mr_bar_unscreened;
    double lower, upper, near_lower, near_upper;
    fs_spc_assurance_t assurance;
} fs_spc_segment_t;
typedef struct fs_spc {
    fs_spc_options_t opt;
    size_t n;
    fs_spc_point_t *points;
    size_t nsegments;
    fs_spc_segment_t *segments;
} fs_spc_t;
fs_status_t fs_spc_compute(const double *x, size_t n, const size_t *rebase, size_t nrebase,
                           const fs_spc_options_t *opt, fs_spc_t *out, fs_error_t *err);
void fs_spc_free(fs_spc_t *s);
const char *fs_spc_variation_name(fs_spc_variation_t v);
const char *fs_spc_assurance_name(fs_spc_assurance_t a);
void fs_spc_rule_names(unsigned rules, char *buf, size_t size);

typedef enum fs_encoding { FS_ENCODING_UTF8 = 0, FS_ENCODING_WINDOWS_1252 } fs_encoding_t;
typedef struct fs_read_options {
    fs_encoding_t encoding;
    size_t max_field_bytes;
    size_t max_fields;
    size_t max_record_bytes;
} fs_read_options_t;
void fs_read_options_init(fs_read_options_t *o);
typedef struct fs_table {
    char *name;
    size_t ncols;
    char **columns;
    size_t nrows;
    char **cells;
    long *lines;
    void *storage_;
} fs_table_t;
typedef struct fs_match {
    const char *column;
    const char *const *values;
    size_t nvalues;
} fs_match_t;
fs_status_t fs_table_read(fs_table_t **out, const char *path, const fs_read_options_t *opt,
                          fs_error_t *err);
void fs_table_free(fs_table_t *t);
fs_status_t fs_table_find_column(const fs_table_t *t, const char *name, size_t *col,
                                 fs_error_t *err);
fs_status_t fs_table_numeric_column(const fs_table_t *t, size_t col, double *values,
                                    fs_error_t *err);
fs_status_t fs_table_filter(fs_table_t *t, const fs_match_t *m, fs_error_t *err);

typedef struct fs_description fs_description_t;
fs_status_t fs_describe(const fs_table_t *t, size_t force_column, fs_description_t **out,
                        fs_error_t *err);
void fs_description_free(fs_description_t *d);
size_t fs_find_force_column(const fs_table_t *t, int *found);

typedef struct fs_outlier_row {
    size_t row;
    double value;
    double z;
    fs_flag_t flag;
} fs_outlier_row_t;
typedef struct fs_outliers {
    size_t column;
    fs_band_t band;
    int other_units;
    int has_comparator;
    double comparator;
    size_t comparator_row;
    size_t nrows;
    fs_outlier_row_t *rows;
} fs_outliers_t;
fs_status_t fs_outliers_compute(const fs_table_t *t, const fs_description_t *d, size_t column,
                                const fs_band_options_t *opt, fs_outliers_t *out,
                                fs_error_t *err);
void fs_outliers_free(fs_outliers_t *o);
"""

ffi = cffi.FFI()
ffi.cdef(CDEF)


def _pkg_config_libdir():
    if shutil.which("pkg-config") is None:
        return None
    try:
        out = subprocess.run(["pkg-config", "--variable=libdir", "forcestat"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except subprocess.CalledProcessError:
        return None
    return out or None


def library_path():
    """The file dlopen is given: FORCESTAT_LIBRARY, else the libforcestat.so.N
    in pkg-config's libdir, else what ctypes.util.find_library finds."""
    env = os.environ.get("FORCESTAT_LIBRARY")
    if env:
        return env
    libdir = _pkg_config_libdir()
    if libdir and os.path.isdir(libdir):
        names = sorted(n for n in os.listdir(libdir)
                       if n.startswith("libforcestat.so.") and n.count(".") == 2)
        if names:
            return os.path.join(libdir, names[-1])
    found = ctypes.util.find_library("forcestat")
    if found:
        return found
    raise OSError("libforcestat not found: install it, set FORCESTAT_LIBRARY to the "
                  "libforcestat.so.N file, or PKG_CONFIG_PATH to its pkgconfig folder")


lib = ffi.dlopen(library_path())

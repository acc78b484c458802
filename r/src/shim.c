/* SPDX-License-Identifier: GPL-3.0-or-later */
/* shim.c: .Call entry points over libforcestat.
 *
 * Each entry point returns a named list.  A failure of the library is
 * returned, not raised: a list with one element "error" holding the
 * fs_error_t's fields, which R/forcestat.R turns into a condition of
 * class "forcestat_error".  So no R error unwinds through C while the
 * library owns memory, and nothing here prints, exits or aborts. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <R.h>
#include <R_ext/Rdynload.h>
#include <Rinternals.h>

#include <forcestat/forcestat.h>

/* A named list of n elements; names set one by one with set(). */
static SEXP new_list(int n, SEXP *names)
{
    SEXP out = PROTECT(Rf_allocVector(VECSXP, n));
    *names = PROTECT(Rf_allocVector(STRSXP, n));
    Rf_setAttrib(out, R_NamesSymbol, *names);
    return out;
}

static void set(SEXP list, SEXP names, int i, const char *name, SEXP value)
{
    SET_VECTOR_ELT(list, i, value);
    SET_STRING_ELT(names, i, Rf_mkChar(name));
}

static SEXP string_or_na(const char *s, int present)
{
    return present ? Rf_mkString(s) : Rf_ScalarString(NA_STRING);
}

/* list(error = list(status, status_name, reason, reason_name, message,
 * file, line, column, text, index)). */
static SEXP error_list(fs_status_t status, const fs_error_t *err)
{
    SEXP names, e = new_list(10, &names);
    set(e, names, 0, "status", Rf_ScalarInteger((int)status));
    set(e, names, 1, "status_name", Rf_mkString(fs_strerror(status)));
    set(e, names, 2, "reason", Rf_ScalarInteger((int)err->reason));
    set(e, names, 3, "reason_name", Rf_mkString(fs_reason_name(err->reason)));
    set(e, names, 4, "message", Rf_mkString(fs_error_message(err)));
    set(e, names, 5, "file", Rf_mkString(err->file));
    set(e, names, 6, "line", Rf_ScalarReal((double)err->line));
    set(e, names, 7, "column", Rf_ScalarReal((double)err->column));
    set(e, names, 8, "text", string_or_na(err->text, err->has_text));
    set(e, names, 9, "index",
        Rf_ScalarReal(err->index == FS_ERROR_NO_INDEX ? NA_REAL : (double)err->index));
    SEXP outnames, out = new_list(1, &outnames);
    set(out, outnames, 0, "error", e);
    UNPROTECT(4);
    return out;
}

static SEXP swilk_vector(const fs_swilk_t *s)
{
    SEXP v = PROTECT(Rf_allocVector(REALSXP, 3));
    REAL(v)[0] = (double)s->n;
    REAL(v)[1] = s->w;
    REAL(v)[2] = s->p;
    UNPROTECT(1);
    return v;
}

SEXP r_fs_shapiro(SEXP x)
{
    fs_error_t err;
    fs_error_clear(&err);
    fs_swilk_t s;
    fs_status_t st = fs_swilk(REAL(x), 1, (size_t)XLENGTH(x), &s, &err);
    if (st != FS_OK)
        return error_list(st, &err);
    SEXP names, out = new_list(1, &names);
    set(out, names, 0, "result", swilk_vector(&s));
    UNPROTECT(2);
    return out;
}

SEXP r_fs_band(SEXP x, SEXP alpha, SEXP log_rule)
{
    fs_band_options_t opt;
    fs_band_options_init(&opt);
    opt.alpha = Rf_asReal(alpha);
    opt.log_rule = (fs_log_rule_t)Rf_asInteger(log_rule);
    fs_error_t err;
    fs_error_clear(&err);
    fs_band_t b;
    R_xlen_t n = XLENGTH(x);
    fs_status_t st = fs_band_compute(REAL(x), (size_t)n, &opt, &b, &err);
    if (st != FS_OK)
        return error_list(st, &err);
    char expl[1024];
    fs_band_explain(&b, &opt, expl, sizeof expl);
    SEXP z = PROTECT(Rf_allocVector(REALSXP, n));
    SEXP flag = PROTECT(Rf_allocVector(STRSXP, n));
    for (R_xlen_t i = 0; i < n; i++) {
        REAL(z)[i] = fs_band_z(&b, REAL(x)[i]);
        SET_STRING_ELT(flag, i, Rf_mkChar(fs_flag_name(fs_band_flag(REAL(z)[i]))));
    }
    SEXP names, out = new_list(14, &names);
    set(out, names, 0, "n", Rf_ScalarReal((double)b.n));
    set(out, names, 1, "n_missing", Rf_ScalarReal((double)b.n_missing));
    set(out, names, 2, "scale", Rf_mkString(fs_scale_name(b.scale)));
    set(out, names, 3, "path", Rf_mkString(fs_band_path_name(b.path)));
    set(out, names, 4, "mean", Rf_ScalarReal(b.mean));
    set(out, names, 5, "sd", Rf_ScalarReal(b.sd));
    set(out, names, 6, "centre", Rf_ScalarReal(b.centre));
    set(out, names, 7, "lower", Rf_ScalarReal(b.lower));
    set(out, names, 8, "upper", Rf_ScalarReal(b.upper));
    set(out, names, 9, "shapiro_raw", swilk_vector(&b.shapiro_raw));
    set(out, names, 10, "shapiro_log",
        b.has_shapiro_log ? swilk_vector(&b.shapiro_log) : R_NilValue);
    set(out, names, 11, "explanation", Rf_mkString(expl));
    set(out, names, 12, "z", z);
    set(out, names, 13, "flag", flag);
    UNPROTECT(4);
    return out;
}

/* estimate, lower, upper, margin for each i of the (recycled by R) vectors. */
static SEXP intervals(int kind, SEXP a, SEXP b, SEXP c, SEXP d, SEXP method)
{
    R_xlen_t n = XLENGTH(a);
    SEXP cols[4];
    for (int j = 0; j < 4; j++)
        cols[j] = PROTECT(Rf_allocVector(REALSXP, n));
    fs_ci_method_t m = (fs_ci_method_t)Rf_asInteger(method);
    for (R_xlen_t i = 0; i < n; i++) {
        fs_error_t err;
        fs_error_clear(&err);
        fs_interval_t ci;
        fs_status_t st =
            kind == 0
                ? fs_proportion_ci(REAL(a)[i], REAL(b)[i], m, REAL(c)[i], REAL(d)[i], &ci, &err)
                : fs_rate_ci(REAL(a)[i], REAL(b)[i], REAL(c)[i], REAL(d)[i], &ci, &err);
        if (st != FS_OK) {
            if (err.index == FS_ERROR_NO_INDEX)
                err.index = (size_t)i;
            SEXP e = error_list(st, &err);
            UNPROTECT(4);
            return e;
        }
        REAL(cols[0])[i] = ci.estimate;
        REAL(cols[1])[i] = ci.lower;
        REAL(cols[2])[i] = ci.upper;
        REAL(cols[3])[i] = ci.margin;
    }
    SEXP names, out = new_list(4, &names);
    const char *labels[4] = {"estimate", "lower", "upper", "margin"};
    for (int j = 0; j < 4; j++)
        set(out, names, j, labels[j], cols[j]);
    UNPROTECT(6);
    return out;
}

SEXP r_fs_proportion_ci(SEXP k, SEXP n, SEXP level, SEXP population, SEXP method)
{
    return intervals(0, k, n, level, population, method);
}

SEXP r_fs_rate_ci(SEXP count, SEXP population, SEXP per, SEXP level)
{
    return intervals(1, count, population, per, level, R_NilValue);
}

SEXP r_fs_ci_method(SEXP name)
{
    fs_ci_method_t m;
    if (fs_ci_method_parse(CHAR(STRING_ELT(name, 0)), &m) != FS_OK)
        return Rf_ScalarInteger(NA_INTEGER);
    return Rf_ScalarInteger((int)m);
}

/* opts: type, per, level inner, level outer, overdispersion, has_target, target. */
SEXP r_fs_funnel(SEXP num, SEXP den, SEXP opts)
{
    const double *o = REAL(opts);
    fs_funnel_options_t opt;
    fs_funnel_options_init(&opt);
    opt.type = (fs_funnel_type_t)o[0];
    opt.per = o[1];
    opt.levels[0] = o[2];
    opt.levels[1] = o[3];
    opt.overdispersion = (fs_overdispersion_t)o[4];
    opt.has_target = o[5] != 0;
    opt.target = o[6];
    fs_error_t err;
    fs_error_clear(&err);
    fs_funnel_t f;
    R_xlen_t n = XLENGTH(num);
    fs_status_t st = fs_funnel_fit(REAL(num), REAL(den), (size_t)n, &opt, &f, &err);
    if (st != FS_OK)
        return error_list(st, &err);
    SEXP cols[7];
    for (int j = 0; j < 6; j++)
        cols[j] = PROTECT(Rf_allocVector(REALSXP, n));
    cols[6] = PROTECT(Rf_allocVector(STRSXP, n));
    for (R_xlen_t i = 0; i < n; i++) {
        double a = REAL(num)[i], d = REAL(den)[i];
        int missing = isnan(a) || isnan(d);
        REAL(cols[0])[i] = missing ? NA_REAL : fs_funnel_value(&f, a, d);
        REAL(cols[1])[i] = fs_funnel_z(&f, a, d);
        for (int l = 0; l < 2; l++) {
            double lo = NA_REAL, hi = NA_REAL;
            if (!missing)
                fs_funnel_limits(&f, d, opt.levels[l], &lo, &hi);
            REAL(cols[2 + 2 * l])[i] = lo;
            REAL(cols[3 + 2 * l])[i] = hi;
        }
        char buf[64];
        fs_funnel_flag_name(&f, fs_funnel_flag(&f, a, d), buf, sizeof buf);
        SET_STRING_ELT(cols[6], i, Rf_mkChar(buf));
    }
    SEXP fit = PROTECT(Rf_allocVector(REALSXP, 7));
    double vals[7] = {f.target,    f.theta,  f.phi, f.tau2, (double)f.overdispersed,
                      (double)f.n, f.opt.per};
    memcpy(REAL(fit), vals, sizeof vals);
    SEXP names, out = new_list(8, &names);
    const char *labels[7] = {"value",       "z",           "lower_inner", "upper_inner",
                             "lower_outer", "upper_outer", "flag"};
    for (int j = 0; j < 7; j++)
        set(out, names, j, labels[j], cols[j]);
    set(out, names, 7, "fit", fit);
    UNPROTECT(10);
    return out;
}

static SEXP spc_points(const fs_spc_t *s)
{
    R_xlen_t n = (R_xlen_t)s->n;
    SEXP names, out = new_list(9, &names);
    const char *labels[7] = {"value", "segment",    "mean",      "lower",
                             "upper", "near_lower", "near_upper"};
    for (int j = 0; j < 7; j++) {
        SEXP col = Rf_allocVector(REALSXP, n);
        set(out, names, j, labels[j], col);
        for (R_xlen_t i = 0; i < n; i++) {
            const fs_spc_point_t *p = &s->points[i];
            double v[7] = {p->value, (double)p->segment + 1, p->mean,      p->lower,
                           p->upper, p->near_lower,          p->near_upper};
            REAL(col)[i] = v[j];
        }
    }
    SEXP rule = Rf_allocVector(STRSXP, n);
    set(out, names, 7, "rule", rule);
    SEXP variation = Rf_allocVector(STRSXP, n);
    set(out, names, 8, "variation", variation);
    for (R_xlen_t i = 0; i < n; i++) {
        char buf[128];
        fs_spc_rule_names(s->points[i].rules, buf, sizeof buf);
        SET_STRING_ELT(rule, i, Rf_mkChar(buf));
        SET_STRING_ELT(variation, i, Rf_mkChar(fs_spc_variation_name(s->points[i].variation)));
    }
    UNPROTECT(2);
    return out;
}

static SEXP spc_segments(const fs_spc_t *s)
{
    R_xlen_t n = (R_xlen_t)s->nsegments;
    SEXP names, out = new_list(13, &names);
    const char *labels[12] = {"start",    "n",     "baseline",   "ranges",
                              "screened", "mean",  "mr_bar",     "mr_bar_unscreened",
                              "lower",    "upper", "near_lower", "near_upper"};
    for (int j = 0; j < 12; j++) {
        SEXP col = Rf_allocVector(REALSXP, n);
        set(out, names, j, labels[j], col);
        for (R_xlen_t i = 0; i < n; i++) {
            const fs_spc_segment_t *g = &s->segments[i];
            double v[12] = {(double)g->start + 1,
                            (double)g->n,
                            (double)g->baseline,
                            (double)g->ranges,
                            (double)g->screened,
                            g->mean,
                            g->mr_bar,
                            g->mr_bar_unscreened,
                            g->lower,
                            g->upper,
                            g->near_lower,
                            g->near_upper};
            REAL(col)[i] = v[j];
        }
    }
    SEXP assurance = Rf_allocVector(STRSXP, n);
    set(out, names, 12, "assurance", assurance);
    for (R_xlen_t i = 0; i < n; i++)
        SET_STRING_ELT(assurance, i, Rf_mkChar(fs_spc_assurance_name(s->segments[i].assurance)));
    UNPROTECT(2);
    return out;
}

/* rebase: 0-based indexes (doubles); opts: baseline, screen, improvement,
 * has_target, target, min_points. */
SEXP r_fs_spc(SEXP x, SEXP rebase, SEXP opts)
{
    const double *o = REAL(opts);
    fs_spc_options_t opt;
    fs_spc_options_init(&opt);
    opt.baseline = (size_t)o[0];
    opt.screen = o[1] != 0;
    opt.improvement = (fs_spc_direction_t)o[2];
    opt.has_target = o[3] != 0;
    opt.target = o[4];
    opt.min_points = (size_t)o[5];
    R_xlen_t nr = XLENGTH(rebase);
    size_t idx[64];
    if (nr > 64)
        nr = 64; /* R/forcestat.R refuses more */
    for (R_xlen_t i = 0; i < nr; i++)
        idx[i] = (size_t)REAL(rebase)[i];
    fs_error_t err;
    fs_error_clear(&err);
    fs_spc_t s;
    fs_status_t st =
        fs_spc_compute(REAL(x), (size_t)XLENGTH(x), nr ? idx : NULL, (size_t)nr, &opt, &s, &err);
    if (st != FS_OK) {
        fs_spc_free(&s);
        return error_list(st, &err);
    }
    SEXP names, out = new_list(2, &names);
    set(out, names, 0, "points", spc_points(&s));
    set(out, names, 1, "segments", spc_segments(&s));
    fs_spc_free(&s);
    UNPROTECT(2);
    return out;
}

/* list(columns, cells (row-major), lines, numeric) of the table at path. */
SEXP r_fs_read_dataset(SEXP path, SEXP encoding)
{
    fs_read_options_t opt;
    fs_read_options_init(&opt);
    opt.encoding = (fs_encoding_t)Rf_asInteger(encoding);
    fs_error_t err;
    fs_error_clear(&err);
    fs_table_t *t = NULL;
    fs_status_t st = fs_table_read(&t, CHAR(STRING_ELT(path, 0)), &opt, &err);
    if (st != FS_OK)
        return error_list(st, &err);
    R_xlen_t nc = (R_xlen_t)t->ncols, nr = (R_xlen_t)t->nrows;
    SEXP columns = PROTECT(Rf_allocVector(STRSXP, nc));
    SEXP cells = PROTECT(Rf_allocVector(STRSXP, nc * nr));
    SEXP lines = PROTECT(Rf_allocVector(REALSXP, nr));
    for (R_xlen_t j = 0; j < nc; j++)
        SET_STRING_ELT(columns, j, Rf_mkCharCE(t->columns[j], CE_UTF8));
    for (R_xlen_t i = 0; i < nc * nr; i++)
        SET_STRING_ELT(cells, i, Rf_mkCharCE(t->cells[i], CE_UTF8));
    for (R_xlen_t i = 0; i < nr; i++)
        REAL(lines)[i] = (double)t->lines[i];
    /* Each column parsed strictly by the library (missing tokens NA), or
     * NULL when a cell is not a number. */
    SEXP numeric = PROTECT(Rf_allocVector(VECSXP, nc));
    for (R_xlen_t j = 0; j < nc; j++) {
        SEXP v = PROTECT(Rf_allocVector(REALSXP, nr));
        if (fs_table_numeric_column(t, (size_t)j, REAL(v), &err) == FS_OK) {
            for (R_xlen_t i = 0; i < nr; i++)
                if (isnan(REAL(v)[i]))
                    REAL(v)[i] = NA_REAL;
            SET_VECTOR_ELT(numeric, j, v);
        }
        UNPROTECT(1);
    }
    fs_table_free(t);
    SEXP names, out = new_list(4, &names);
    set(out, names, 0, "columns", columns);
    set(out, names, 1, "cells", cells);
    set(out, names, 2, "lines", lines);
    set(out, names, 3, "numeric", numeric);
    UNPROTECT(6);
    return out;
}

SEXP r_fs_version(void)
{
    return Rf_mkString(fs_version());
}

/* Through void (*)(void), which every function type converts to without
 * -Wcast-function-type's warning. */
/* clang-format off */
#define CALLDEF(name, n) {#name, (DL_FUNC)(void (*)(void))&name, n}

static const R_CallMethodDef call_methods[] = {
    CALLDEF(r_fs_shapiro, 1),
    CALLDEF(r_fs_band, 3),
    CALLDEF(r_fs_proportion_ci, 5),
    CALLDEF(r_fs_rate_ci, 4),
    CALLDEF(r_fs_ci_method, 1),
    CALLDEF(r_fs_funnel, 3),
    CALLDEF(r_fs_spc, 3),
    CALLDEF(r_fs_read_dataset, 2),
    CALLDEF(r_fs_version, 0),
    {NULL, NULL, 0}};
/* clang-format on */

void R_init_forcestat(DllInfo *dll)
{
    R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
    R_forceSymbols(dll, TRUE);
}

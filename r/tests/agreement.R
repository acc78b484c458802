# SPDX-License-Identifier: GPL-3.0-or-later
# The package against the forcestat program's own JSON on every bundled
# dataset, to 1e-12 relative, and its errors.  The agreement part needs
# FORCESTAT_DATASETS (the repository's datasets/ folder), the program
# (FORCESTAT_PROGRAM, or forcestat on PATH) and jsonlite; without
# FORCESTAT_DATASETS it is skipped with a message (R CMD check on CRAN-like
# machines), with it any of them missing is a failure.
library(forcestat)

failures <- 0L
check <- function(ok, what) {
    if (!isTRUE(ok)) {
        failures <<- failures + 1L
        message("FAIL ", what)
    }
}
close <- function(a, b, rel = 1e-12) {
    a <- as.double(a)
    b <- as.double(b)
    length(a) == length(b) &&
        all((is.na(a) & is.na(b)) | (!is.na(a) & !is.na(b) &
            (a == b | abs(a - b) <= rel * pmax(abs(a), abs(b)))))
}
num <- function(rows, key) vapply(rows, function(r) {
    v <- r[[key]]
    if (is.null(v)) NA_real_ else as.double(v)
}, 0)
chr <- function(rows, key) vapply(rows, function(r) as.character(r[[key]]), "")

# Errors carry the library's status, reason and place.
e <- tryCatch(fs_band(c(2, 2, 2)), forcestat_error = function(e) e)
check(inherits(e, "forcestat_error") && e$reason_name == "all values equal" && e$status == 2L,
      "fs_band error")
bad <- tempfile(fileext = ".csv")
writeLines(c("a,b", "1,2", "3"), bad)
e <- tryCatch(fs_read_dataset(bad), forcestat_error = function(e) e)
check(inherits(e, "forcestat_error") && e$line == 3 && e$file == bad && e$status == 4L,
      "fs_read_dataset error place")
e <- tryCatch(fs_proportion_ci(c(1, 5), c(2, 3)), forcestat_error = function(e) e)
check(inherits(e, "forcestat_error") && e$index == 1 && e$status == 1L,
      "fs_proportion_ci error names the item")
b <- fs_band(c(1, 2, NA, 4, 8, 3))
check(identical(b$flag[3], "missing") && is.na(b$z[3]) && attr(b, "band")$n == 5, "NA values")
check(nrow(fs_proportion_ci(c(1, 2), 10)) == 2, "recycling")
num_csv <- tempfile(fileext = ".csv")
writeLines(c("force,value,code,hex", "Kent,\"1,234.5\",E1,0x10", "Surrey,..,E2,1"), num_csv)
d <- fs_read_dataset(num_csv)
check(identical(d$value, c(1234.5, NA)) && identical(d$hex, c("0x10", "1")) &&
      is.character(d$code) && identical(attr(d, "lines"), c(2, 3)), "fs_read_dataset numbers")
check(grepl("^[0-9]+\\.[0-9]+\\.[0-9]+$", fs_version()), "version")

datasets <- Sys.getenv("FORCESTAT_DATASETS")
if (!nzchar(datasets)) {
    message("FORCESTAT_DATASETS is not set: the agreement with the program is not checked")
} else {
    if (!requireNamespace("jsonlite", quietly = TRUE)) stop("jsonlite is needed")
    program <- Sys.getenv("FORCESTAT_PROGRAM", Sys.which("forcestat"))
    if (!nzchar(program)) stop("no forcestat program: set FORCESTAT_PROGRAM")
    run_json <- function(...) {
        out <- suppressWarnings(system2(program, c(..., "--format", "json"), stdout = TRUE,
                                        stderr = FALSE))
        if (length(out) == 0) NULL else jsonlite::fromJSON(paste(out, collapse = "\n"),
                                                           simplifyVector = FALSE)
    }
    path <- function(name) file.path(datasets, name)
    tables <- list(
        "crime_severity_2019_20.csv" = character(0),
        "crime_severity_by_year.csv" = "year_ending=2020-03-31",
        "officers_fte_2020_03_31.csv" = character(0),
        "officers_per_1000_2020.csv" = character(0),
        "outcome17_share_2017_18.csv" = character(0),
        "outcome17_share_year_ending_quarters.csv" = c("financial_year=2018/19",
                                                       "financial_quarter=4"),
        "stop_search_per_1000_2018_19.csv" = character(0),
        "stop_search_per_1000_by_year.csv" = "year_ending=2019-03-31",
        "stop_search_s1_2018_19.csv" = character(0))
    filters <- function(name) {
        f <- tables[[name]]
        if (length(f) == 0) character(0) else as.vector(rbind("--filter", shQuote(f)))
    }
    # The tables `forcestat ratio` reads (a row per force and group):
    # covered by each force's groups' rates per 1,000 and their reference's.
    ratio_tables <- c("stop_search_by_ethnicity_2018_19.csv",
                      "census2011_people_by_ethnicity.csv")
    found <- setdiff(list.files(datasets, pattern = "\\.csv$"), "report.csv")
    check(setequal(found, c(names(tables), ratio_tables)), "every bundled table is covered")
    j <- run_json("ratio", shQuote(path(ratio_tables[1])), "--group", "ethnic_group_self_defined",
                  "--reference", "White", "--count", "sum", "--population",
                  shQuote(path(ratio_tables[2])))
    own <- fs_rate_ci(num(j$rows, "count"), num(j$rows, "population"), per = j$per)
    ref <- fs_rate_ci(num(j$rows, "reference_count"), num(j$rows, "reference_population"),
                      per = j$per)
    check(length(j$rows) > 43 && close(own$estimate, num(j$rows, "rate_per_1000")) &&
          close(ref$estimate, num(j$rows, "reference_rate_per_1000")), "ratio's rates")

    for (name in names(tables)) {
        measures <- run_json("outliers", shQuote(path(name)), filters(name))
        check(length(measures) > 0, paste("outliers JSON for", name))
        for (m in measures) {
            what <- paste(name, m$measure)
            v <- num(m$forces, "value")
            b <- fs_band(v)
            a <- attr(b, "band")
            check(a$n == m$n && a$scale == m$scale && a$path == m$path, paste("band", what))
            check(close(c(a$centre, a$lower, a$upper, a$sd, a$mean),
                        c(m$centre, m$lower, m$upper, m$sd, m$mean)), paste("band", what))
            check(identical(a$explanation, m$explanation), paste("explanation", what))
            check(close(b$z, num(m$forces, "z")) && identical(b$flag, chr(m$forces, "flag")),
                  paste("z and flags", what))
            check(close(a$shapiro_raw, c(m$shapiro_raw$w, m$shapiro_raw$p)),
                  paste("shapiro_raw", what))
            if (is.null(m$shapiro_log)) check(is.null(a$shapiro_log), paste("no log", what))
            else check(close(a$shapiro_log, c(m$shapiro_log$w, m$shapiro_log$p)),
                       paste("shapiro_log", what))
            s <- fs_shapiro(v[!is.na(v)])
            check(close(c(s$w, s$p), c(m$shapiro_raw$w, m$shapiro_raw$p)),
                  paste("fs_shapiro", what))
        }
        d <- fs_read_dataset(path(name), numeric = FALSE)
        ref <- utils::read.csv(path(name), colClasses = "character", check.names = FALSE,
                               na.strings = character(0), encoding = "UTF-8")
        check(identical(names(d), names(ref)) && all(unlist(d) == unlist(ref)),
              paste("fs_read_dataset", name))
    }

    methods <- c("wald", "wilson", "agresti-coull", "clopper-pearson", "jeffreys")
    for (name in c("outcome17_share_2017_18.csv", "outcome17_share_year_ending_quarters.csv"))
        for (method in methods) {
            j <- run_json("proportions", shQuote(path(name)), "--numerator", "numerator",
                          "--denominator", "denominator", "--method", method, filters(name))
            rows <- c(j$forces, list(j$england_and_wales))
            ci <- fs_proportion_ci(num(rows, "numerator"), num(rows, "denominator"),
                                   method = method)
            check(close(ci$estimate, num(rows, "value")) && close(ci$lower, num(rows, "lower")) &&
                  close(ci$upper, num(rows, "upper")), paste("proportions", name, method))
        }
    for (name in c("officers_per_1000_2020.csv", "stop_search_per_1000_2018_19.csv",
                   "stop_search_per_1000_by_year.csv")) {
        for (pl in list(c(1000, 0.95), c(100000, 0.99))) {
            j <- run_json("rates", shQuote(path(name)), "--count", "count", "--population",
                          "population", "--per", format(pl[1], scientific = FALSE),
                          "--level", pl[2], filters(name))
            rows <- c(j$forces, list(j$england_and_wales))
            ci <- fs_rate_ci(num(rows, "count"), num(rows, "population"), per = pl[1],
                             level = pl[2])
            check(j$per == pl[1] && j$level == pl[2] && close(ci$estimate, num(rows, "value")) &&
                  close(ci$lower, num(rows, "lower")) && close(ci$upper, num(rows, "upper")),
                  paste("rates", name, pl[1]))
        }
        for (od in c("none", "multiplicative", "additive")) {
            j <- run_json("funnel", shQuote(path(name)), "--numerator", "count",
                          "--denominator", "population", "--type", "rate",
                          "--overdispersion", od, filters(name))
            f <- fs_funnel(num(j$forces, "numerator"), num(j$forces, "denominator"),
                           type = "rate", overdispersion = od)
            fit <- attr(f, "funnel")
            check(close(c(fit$target, fit$phi, fit$tau2), c(j$target, j$phi, j$tau2)) &&
                  fit$overdispersed == j$overdispersed, paste("funnel fit", name, od))
            check(close(f$z, num(j$forces, "z")) && identical(f$flag, chr(j$forces, "flag")) &&
                  close(f$value, num(j$forces, "value")), paste("funnel units", name, od))
        }
    }
    for (name in c("outcome17_share_2017_18.csv", "outcome17_share_year_ending_quarters.csv")) {
        j <- run_json("funnel", shQuote(path(name)), "--numerator", "numerator",
                      "--denominator", "denominator", filters(name))
        # The program's default adjustment (the report's), which its JSON states.
        f <- fs_funnel(num(j$forces, "numerator"), num(j$forces, "denominator"),
                       overdispersion = j$overdispersion)
        fit <- attr(f, "funnel")
        check(j$overdispersion == "multiplicative" &&
              close(c(fit$target, fit$phi, fit$tau2), c(j$target, j$phi, j$tau2)) &&
              close(f$z, num(j$forces, "z")) && identical(f$flag, chr(j$forces, "flag")),
              paste("funnel", name))
    }

    series <- list("crime_severity_by_year.csv" = c("year_ending", "sum", "name"),
                   "stop_search_per_1000_by_year.csv" = c("year_ending", "rate_per_1000",
                                                          "force"))
    for (name in names(series)) {
        spec <- series[[name]]
        forces <- unique(utils::read.csv(path(name), check.names = FALSE)[[spec[3]]])
        checked <- 0
        for (force in forces) {
            j <- run_json("spc", shQuote(path(name)), "--period", spec[1], "--value", spec[2],
                          "--highlight", shQuote(force))
            if (is.null(j)) next
            s <- fs_spc(num(j$points, "value"))
            g <- attr(s, "segments")
            check(close(s$mean, num(j$points, "mean")) && close(s$lower, num(j$points, "lower")) &&
                  close(s$upper, num(j$points, "upper")) &&
                  close(s$near_lower, num(j$points, "near_lower")) &&
                  close(s$near_upper, num(j$points, "near_upper")) &&
                  identical(s$rule, chr(j$points, "rule")) &&
                  identical(s$variation, chr(j$points, "variation")),
                  paste("spc points", name, force))
            check(close(g$mr_bar, num(j$segments, "mr_bar")) &&
                  close(g$mr_bar_unscreened, num(j$segments, "mr_bar_unscreened")) &&
                  close(g$mean, num(j$segments, "mean")), paste("spc segments", name, force))
            checked <- checked + 1
        }
        check(checked >= 40, paste("spc forces checked in", name, checked))
    }
}
if (failures > 0) stop(failures, " check(s) failed")
message("all checks passed")

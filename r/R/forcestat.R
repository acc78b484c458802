# SPDX-License-Identifier: GPL-3.0-or-later
# The R side of the .Call entry points in src/shim.c: argument checks,
# conversion to doubles, data frames out, library errors as conditions.

fs_stop <- function(e) {
    place <- paste(c(if (nzchar(e$file)) e$file, if (e$line > 0) e$line,
                     if (e$column > 0) e$column), collapse = ":")
    msg <- if (nzchar(place)) paste0(place, ": ", e$message) else e$message
    cond <- structure(c(list(message = msg, call = sys.call(-1)), e),
                      class = c("forcestat_error", "error", "condition"))
    stop(cond)
}

fs_result <- function(r) {
    if (!is.null(r$error)) fs_stop(r$error)
    r
}

fs_choice <- function(value, choices, what) {
    i <- match(value, choices)
    if (length(value) != 1L || is.na(i))
        stop(sprintf("%s must be one of %s", what, paste(choices, collapse = ", ")),
             call. = FALSE)
    i - 1L
}

fs_version <- function() .Call(r_fs_version)

fs_shapiro <- function(x) {
    r <- fs_result(.Call(r_fs_shapiro, as.double(x)))$result
    data.frame(n = r[1], w = r[2], p = r[3])
}

fs_band <- function(x, alpha = 0.05, log_rule = c("more-normal", "passes")) {
    rule <- fs_choice(match.arg(log_rule), c("more-normal", "passes"), "log_rule")
    x <- as.double(x)
    r <- fs_result(.Call(r_fs_band, x, as.double(alpha), rule))
    band <- data.frame(value = x, z = r$z, flag = r$flag, stringsAsFactors = FALSE)
    band$z[is.nan(band$z)] <- NA_real_
    sl <- r$shapiro_log
    attr(band, "band") <- list(
        n = r$n, n_missing = r$n_missing, scale = r$scale, path = r$path, mean = r$mean,
        sd = r$sd, centre = r$centre, lower = r$lower, upper = r$upper,
        shapiro_raw = c(w = r$shapiro_raw[2], p = r$shapiro_raw[3]),
        shapiro_log = if (is.null(sl)) NULL else c(w = sl[2], p = sl[3]),
        explanation = r$explanation)
    band
}

fs_recycle <- function(...) {
    args <- lapply(list(...), as.double)
    n <- max(lengths(args))
    lapply(args, function(a) rep_len(a, n))
}

fs_proportion_ci <- function(k, n, method = "wilson", level = 0.95, population = 0) {
    m <- .Call(r_fs_ci_method, as.character(method)[1])
    if (is.na(m)) stop(sprintf("unknown method '%s'", method), call. = FALSE)
    a <- fs_recycle(k, n, level, population)
    r <- fs_result(.Call(r_fs_proportion_ci, a[[1]], a[[2]], a[[3]], a[[4]], m))
    data.frame(k = a[[1]], n = a[[2]], estimate = r$estimate, lower = r$lower,
               upper = r$upper, margin = r$margin)
}

fs_rate_ci <- function(count, population, per = 1000, level = 0.95) {
    a <- fs_recycle(count, population, per, level)
    r <- fs_result(.Call(r_fs_rate_ci, a[[1]], a[[2]], a[[3]], a[[4]]))
    data.frame(count = a[[1]], population = a[[2]], estimate = r$estimate,
               lower = r$lower, upper = r$upper, margin = r$margin)
}

fs_funnel <- function(numerator, denominator, type = c("proportion", "rate"), per = NULL,
                      levels = c(0.95, 0.998),
                      overdispersion = c("none", "multiplicative", "additive"),
                      target = NULL) {
    type <- match.arg(type)
    overdispersion <- match.arg(overdispersion)
    if (length(numerator) != length(denominator))
        stop("numerator and denominator differ in length", call. = FALSE)
    if (is.null(per)) per <- if (type == "rate") 1000 else 1
    opts <- c(fs_choice(type, c("proportion", "rate"), "type"), per, levels[1], levels[2],
              fs_choice(overdispersion, c("none", "multiplicative", "additive"),
                        "overdispersion"),
              if (is.null(target)) c(0, 0) else c(1, target))
    num <- as.double(numerator)
    den <- as.double(denominator)
    r <- fs_result(.Call(r_fs_funnel, num, den, as.double(opts)))
    units <- data.frame(numerator = num, denominator = den, value = r$value, z = r$z,
                        flag = r$flag, lower_inner = r$lower_inner,
                        upper_inner = r$upper_inner, lower_outer = r$lower_outer,
                        upper_outer = r$upper_outer, stringsAsFactors = FALSE)
    units$z[is.nan(units$z)] <- NA_real_
    f <- r$fit
    attr(units, "funnel") <- list(type = type, per = f[7], levels = levels,
                                  overdispersion = overdispersion, target = f[1],
                                  theta = f[2], phi = f[3], tau2 = f[4],
                                  overdispersed = f[5] != 0, n = f[6])
    units
}

fs_spc <- function(x, rebase = integer(0), baseline = 0, screen = TRUE,
                   improvement = c("neutral", "up", "down"), target = NULL,
                   min_points = 12) {
    improvement <- match.arg(improvement)
    if (length(rebase) > 64) stop("at most 64 rebase points", call. = FALSE)
    opts <- c(baseline, as.numeric(isTRUE(screen)),
              fs_choice(improvement, c("neutral", "up", "down"), "improvement"),
              if (is.null(target)) c(0, 0) else c(1, target), min_points)
    r <- fs_result(.Call(r_fs_spc, as.double(x), as.double(rebase) - 1, as.double(opts)))
    points <- as.data.frame(r$points, stringsAsFactors = FALSE)
    attr(points, "segments") <- as.data.frame(r$segments, stringsAsFactors = FALSE)
    points
}

fs_read_dataset <- function(path, encoding = c("utf-8", "windows-1252"), numeric = TRUE) {
    enc <- fs_choice(match.arg(encoding), c("utf-8", "windows-1252"), "encoding")
    r <- fs_result(.Call(r_fs_read_dataset, path.expand(as.character(path)[1]), enc))
    nc <- length(r$columns)
    nr <- length(r$lines)
    cells <- matrix(r$cells, nrow = nr, ncol = nc, byrow = TRUE)
    df <- as.data.frame(cells, stringsAsFactors = FALSE)
    names(df) <- r$columns
    if (numeric) {
        for (j in seq_len(nc)) {
            v <- r$numeric[[j]]
            if (!is.null(v) && nr > 0 && any(!is.na(v))) df[[j]] <- v
        }
    }
    attr(df, "lines") <- r$lines
    df
}

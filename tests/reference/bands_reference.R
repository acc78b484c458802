# SPDX-License-Identifier: GPL-3.0-or-later
# bands_reference.R: reference results of the outlier-band procedure,
# written independently in R (shapiro.test, mean, sd), for forcestat's
# tests.
#
#   Rscript tests/reference/bands_reference.R tests/data
#
# Writes bands_cases.csv (case, value; NA for a missing value) and
# bands_reference.csv (case, rule, path, scale, centre, lower, upper, sd,
# p_raw, p_log, above, below).
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "tests/data"
set.seed(7)

band <- function(x, rule, alpha = 0.05) {
  v <- x[!is.na(x)]
  p_raw <- shapiro.test(v)$p.value
  p_log <- NA
  path <- "raw-normal"
  y <- v
  if (p_raw < alpha) {
    if (any(v <= 0)) {
      path <- "log-impossible"
    } else {
      p_log <- shapiro.test(log(v))$p.value
      use <- if (rule == "passes") p_log >= alpha else p_log > p_raw
      if (use) { path <- "log-chosen"; y <- log(v) } else path <- "log-not-better"
    }
  }
  m <- mean(y); s <- sd(y)
  z <- (y - m) / s
  if (path == "log-chosen") {
    centre <- exp(m); lower <- exp(m - s); upper <- exp(m + s); scale <- "log"
  } else {
    centre <- m; lower <- m - s; upper <- m + s; scale <- "raw"
  }
  data.frame(rule = rule, path = path, scale = scale, centre = sprintf("%.17g", centre),
             lower = sprintf("%.17g", lower), upper = sprintf("%.17g", upper),
             sd = sprintf("%.17g", s), p_raw = sprintf("%.17g", p_raw),
             p_log = if (is.na(p_log)) "NA" else sprintf("%.17g", p_log),
             above = sum(z > 1), below = sum(z < -1))
}

# Search a seeded stream for a lognormal-like sample whose logs are more
# normal than the raw values yet still fail the test: the case where the
# two rules disagree.
between <- NULL
while (is.null(between)) {
  x <- exp(exp(rnorm(43, 0, 0.6)))
  pr <- shapiro.test(x)$p.value; pl <- shapiro.test(log(x))$p.value
  if (pr < pl && pl < 0.02) between <- x
}

cases <- list(
  raw_normal = rnorm(43, 50, 10),
  log_chosen = rlnorm(43, 0, 1),
  log_not_better = 100 - rexp(43, 0.1),
  log_impossible = c(rexp(42, 1) - 0.2, 0),
  with_missing = c(rlnorm(40, 2, 0.8), NA, NA, NA),
  rules_disagree = between
)
cases$log_not_better[cases$log_not_better <= 0] <- 1

ids <- character(0); vals <- character(0); ref <- NULL
for (name in names(cases)) {
  x <- as.numeric(ifelse(is.na(cases[[name]]), NA, sprintf("%.17g", cases[[name]])))
  ids <- c(ids, rep(name, length(x)))
  vals <- c(vals, ifelse(is.na(x), "NA", sprintf("%.17g", x)))
  for (rule in c("more-normal", "passes"))
    ref <- rbind(ref, cbind(case = name, band(x, rule)))
}
write.csv(data.frame(case = ids, value = vals), file.path(out, "bands_cases.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(ref, file.path(out, "bands_reference.csv"), row.names = FALSE, quote = FALSE)
print(ref[, c("case", "rule", "path", "p_raw", "p_log", "above", "below")])

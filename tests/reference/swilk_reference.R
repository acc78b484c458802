# SPDX-License-Identifier: GPL-3.0-or-later
# swilk_reference.R: reference values for forcestat's Shapiro-Wilk test,
# from R's shapiro.test (Royston's AS R94, the same algorithm).
#
#   Rscript tests/reference/swilk_reference.R tests/data
#
# Writes swilk_cases.csv (case, value: the samples, long format, with 17
# significant digits so that they read back exactly) and
# swilk_reference.csv (case, n, w, p).
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "tests/data"
set.seed(20261122)

cases <- list()
add <- function(name, x) cases[[name]] <<- x

# n = 3: the exact branch, including ties and the minimum W of 3/4.
add("n3_plain", c(1.2, 3.4, 2.2))
add("n3_ties", c(1, 1, 2))
add("n3_equal_gaps", c(1, 2, 3))
add("n3_random", rnorm(3))
# n = 4, 5: one polynomial coefficient; n = 6..11: two, small-n p-value.
for (n in 4:11) add(sprintf("n%d_normal", n), rnorm(n, 10, 2))
for (n in 4:11) add(sprintf("n%d_skewed", n), rexp(n))
add("n7_ties", c(2, 2, 2, 3, 3, 4, 9))
add("n11_outlier", c(rnorm(10), 25))
# n = 12..5000: the large-sample approximation.
for (n in c(12, 13, 20, 43, 50, 100, 500, 1000, 2500, 5000)) {
  add(sprintf("n%d_normal", n), rnorm(n))
  add(sprintf("n%d_lognormal", n), rlnorm(n))
}
add("n43_uniform", runif(43))
add("n43_ties", round(rnorm(43, 50, 5)))
add("n200_heavy_ties", sample(1:4, 200, replace = TRUE))
add("n43_offset", 1e6 + rnorm(43))
add("n100_offset", 1e9 + rnorm(100, 0, 10))
add("n43_tiny_range", 1e-12 * rnorm(43))
add("n20_tiny_range_offset", 1 + 1e-9 * runif(20))
add("n43_negative", -rexp(43) * 1000)
add("n5000_t3", rt(5000, 3))

# The samples go through text: round them to what %.17g writes (exact for
# doubles) and test what is written.
ids <- character(0); vals <- character(0)
ref <- data.frame(case = character(0), n = integer(0), w = character(0), p = character(0))
for (name in names(cases)) {
  x <- cases[[name]]
  txt <- sprintf("%.17g", x)
  x <- as.numeric(txt)
  r <- shapiro.test(x)
  ids <- c(ids, rep(name, length(x)))
  vals <- c(vals, txt)
  ref <- rbind(ref, data.frame(case = name, n = length(x),
                               w = sprintf("%.17g", unname(r$statistic)),
                               p = sprintf("%.17g", r$p.value)))
}
write.csv(data.frame(case = ids, value = vals), file.path(out, "swilk_cases.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(ref, file.path(out, "swilk_reference.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("%s (R %s): %d cases\n", out, getRversion(), nrow(ref)))

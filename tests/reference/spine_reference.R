#!/usr/bin/Rscript
# SPDX-License-Identifier: GPL-3.0-or-later
# spine_reference.R: reference percentiles for the spine chart, from R's
# quantile(type = 7) (R's default), on hand-made vectors and on the
# bundled officers per 1,000 table (the 43 forces' rate_per_1000).
#
#     Rscript tests/reference/spine_reference.R tests/data datasets
#
# Writes spine_reference.csv: case, p, quantile (17 significant digits).
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
datasets <- args[2]
cases <- list(
  two = c(1, 3),
  five = c(5, 1, 4, 2, 3),
  ties = c(2, 2, 2, 7, 7, 9),
  skewed = c(0.001, 0.002, 0.002, 0.004, 0.01, 0.5, 12),
  negative = c(-3.5, -1, 0, 0.25, 8, 13.75, 21, 40)
)
officers <- read.csv(file.path(datasets, "officers_per_1000_2020.csv"), stringsAsFactors = FALSE)
cases$officers <- officers$rate_per_1000[officers$code != "K04000001"]
ps <- c(0, 0.25, 0.5, 0.75, 1)
rows <- do.call(rbind, lapply(names(cases), function(name) {
  q <- quantile(cases[[name]], ps, type = 7, names = FALSE)
  data.frame(case = name, p = ps, quantile = sprintf("%.17g", q))
}))
write.csv(rows, file.path(out, "spine_reference.csv"), row.names = FALSE, quote = FALSE)
vals <- do.call(rbind, lapply(names(cases), function(name)
  data.frame(case = name, i = seq_along(cases[[name]]), value = sprintf("%.17g", cases[[name]]))))
write.csv(vals, file.path(out, "spine_values.csv"), row.names = FALSE, quote = FALSE)
cat(length(cases), "cases\n")

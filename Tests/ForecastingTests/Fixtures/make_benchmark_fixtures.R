# Reference values for CareStat's benchmark forecasts and transforms (R forecast 8.20): naive, rwf with drift,
# meanf and snaive, with and without lambda = 0 / 0.5 and biasadj, on 10 LA-panel series (at31_cla and at31_cpp
# of five LAs, 2010-2022) and AirPassengers (snaive). Writes benchmark_series.csv (the data) and
# benchmark_forecasts.csv (case, h, mean, lower80, upper80, lower95, upper95), printed to 17 significant digits.
# Run from this directory: Rscript make_benchmark_fixtures.R ../../../../shared/data/la-panel/merged_data.csv
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = "NA")
las <- c("E06000001", "E08000026", "E09000030", "E10000014", "E06000010")
series <- list()
for (la in las) for (col in c("at31_cla", "at31_cpp")) {
  y <- d[d$new_la_code == la, ]
  y <- y[order(y$time_period), col]
  if (any(is.na(y))) next
  series[[paste(la, col, sep = ":")]] <- ts(y, start = 2010)
}
data_rows <- do.call(rbind, lapply(names(series), function(nm)
  data.frame(series = nm, frequency = 1, start = 2010, index = seq_along(series[[nm]]), value = as.numeric(series[[nm]]))))
ap <- AirPassengers
data_rows <- rbind(data_rows, data.frame(series = "AirPassengers", frequency = 12, start = 1949,
                                         index = seq_along(ap), value = as.numeric(ap)))
write.csv(data_rows, "benchmark_series.csv", row.names = FALSE)
out <- list()
add <- function(case, fc) {
  out[[length(out) + 1]] <<- data.frame(case = case, h = seq_along(fc$mean), mean = as.numeric(fc$mean),
    lower80 = as.numeric(fc$lower[, 1]), upper80 = as.numeric(fc$upper[, 1]), lower95 = as.numeric(fc$lower[, 2]), upper95 = as.numeric(fc$upper[, 2]))
}
H <- 5
for (nm in names(series)) {
  y <- series[[nm]]
  add(paste(nm, "naive", "none", "median", sep = "|"), naive(y, h = H))
  add(paste(nm, "drift", "none", "median", sep = "|"), rwf(y, h = H, drift = TRUE))
  add(paste(nm, "mean", "none", "median", sep = "|"), meanf(y, h = H))
  for (lambda in c(0, 0.5)) for (b in c(FALSE, TRUE)) {
    tag <- if (b) "biasadj" else "median"
    add(paste(nm, "naive", lambda, tag, sep = "|"), naive(y, h = H, lambda = lambda, biasadj = b))
    add(paste(nm, "drift", lambda, tag, sep = "|"), rwf(y, h = H, drift = TRUE, lambda = lambda, biasadj = b))
    add(paste(nm, "mean", lambda, tag, sep = "|"), meanf(y, h = H, lambda = lambda, biasadj = b))
  }
}
add("AirPassengers|snaive|none|median", snaive(ap, h = 30))
add("AirPassengers|snaive|0|median", snaive(ap, h = 30, lambda = 0))
add("AirPassengers|snaive|0|biasadj", snaive(ap, h = 30, lambda = 0, biasadj = TRUE))
res <- do.call(rbind, out)
write.csv(format(res, digits = 17), "benchmark_forecasts.csv", row.names = FALSE, quote = TRUE)

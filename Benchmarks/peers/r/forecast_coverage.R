# Rolling-origin coverage of R forecast 8.20's ets() and auto.arima() 80/95% intervals at horizons 1..5 on the
# LA panel's at31_cla and at31_cpp series (2010-2022), with the same origins as CareStat's backtest
# (ForecastBacktest with minimumTraining = 6): training on the first k years for k = 6..12, forecasting
# h = 1..min(5, 13 - k). Series with a missing value are skipped, as CareStat skips them.
# Usage: Rscript forecast_coverage.R [merged_data.csv] [out.csv]
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) >= 1) args[1] else "../shared/data/la-panel/merged_data.csv"
out <- if (length(args) >= 2) args[2] else "forecast_coverage_r.csv"
d <- read.csv(path, na.strings = "NA")
d <- d[order(d$new_la_code, d$time_period), ]
minTrain <- 6; H <- 5
rows <- list()
for (col in c("at31_cla", "at31_cpp")) {
  for (la in unique(d$new_la_code)) {
    y <- d[d$new_la_code == la, col]
    if (any(is.na(y)) || length(y) != 13) next
    n <- length(y)
    for (k in minTrain:(n - 1)) {
      train <- ts(y[1:k], start = 2010)
      h <- min(H, n - k)
      actual <- y[(k + 1):(k + h)]
      for (m in c("ets", "auto.arima")) {
        fc <- tryCatch({
          fit <- if (m == "ets") ets(train) else auto.arima(train)
          forecast(fit, h = h, level = c(80, 95))
        }, error = function(e) NULL)
        if (is.null(fc)) next
        rows[[length(rows) + 1]] <- data.frame(measure = col, la = la, method = m, origin = 2009 + k,
          horizon = 1:h, actual = actual, mean = as.numeric(fc$mean),
          lower80 = as.numeric(fc$lower[, 1]), upper80 = as.numeric(fc$upper[, 1]),
          lower95 = as.numeric(fc$lower[, 2]), upper95 = as.numeric(fc$upper[, 2]))
      }
    }
  }
}
r <- do.call(rbind, rows)
r$in80 <- r$actual >= r$lower80 & r$actual <= r$upper80
r$in95 <- r$actual >= r$lower95 & r$actual <= r$upper95
agg <- aggregate(cbind(in80, in95) ~ method + measure + horizon, data = r, FUN = mean)
agg$n <- aggregate(in80 ~ method + measure + horizon, data = r, FUN = length)$in80
agg <- agg[order(agg$method, agg$measure, agg$horizon), ]
agg$coverage80 <- round(100 * agg$in80, 1); agg$coverage95 <- round(100 * agg$in95, 1)
print(agg[, c("method", "measure", "horizon", "n", "coverage80", "coverage95")], row.names = FALSE)
both <- aggregate(cbind(in80, in95) ~ method + horizon, data = r, FUN = mean)
both$coverage80 <- round(100 * both$in80, 1); both$coverage95 <- round(100 * both$in95, 1)
print(both[, c("method", "horizon", "coverage80", "coverage95")], row.names = FALSE)
write.csv(agg[, c("method", "measure", "horizon", "n", "coverage80", "coverage95")], out, row.names = FALSE)

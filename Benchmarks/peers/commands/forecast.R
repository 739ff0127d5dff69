# Whole-command peer of `carestat forecast PANEL --series new_la_code --time time_period --value at31_cla
# --horizon 5 --method ets|arima`: fread + forecast::ets() or auto.arima() on every complete LA series + forecast(h = 5)
# with 80/95% intervals, printed. Check line: the AICc of each series, in series-name order.
#   Rscript Benchmarks/peers/commands/forecast.R FILE ets|arima
a <- commandArgs(TRUE)
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(forecast))
d <- read_input(a[1])
d <- d[order(new_la_code, time_period)]
aicc <- c()
for (code in sort(unique(d$new_la_code))) {
  s <- d[new_la_code == code]
  y <- s$at31_cla
  if (anyNA(y) || length(y) < 13) next
  y <- ts(y, start = min(s$time_period), frequency = 1)
  fit <- if (a[2] == "ets") ets(y) else auto.arima(y)
  fc <- forecast(fit, h = 5, level = c(80, 95))
  print(fc)
  aicc <- c(aicc, fit$aicc)
}
check_line(aicc)

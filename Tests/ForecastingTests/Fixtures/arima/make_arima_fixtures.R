# Reference values for the ARIMA tests (Tests/ForecastingTests/ARIMA*), from R forecast 8.20 / stats::arima.
# Run from the repository root:  Rscript Tests/ForecastingTests/Fixtures/arima/make_arima_fixtures.R
# Writes arima_reference.json (fits at fixed orders, auto.arima, ndiffs) and la_cla_series.csv (every LA's complete
# at31_cla series 2010-2022, the speed benchmark's input) beside this script.
suppressPackageStartupMessages({ library(forecast); library(data.table); library(jsonlite) })
stopifnot(packageVersion("forecast") == "8.20")
out_dir <- "Tests/ForecastingTests/Fixtures/arima"
panel <- fread("../shared/data/la-panel/merged_data.csv", na.strings = c("NA", ""))
panel <- panel[time_period >= 2010 & time_period <= 2022]

complete_series <- function(col) {
  d <- panel[, .(la = new_la_code, year = time_period, v = as.numeric(get(col)))]
  d <- d[order(la, year)]
  ok <- d[, .(ok = .N == 13 && all(!is.na(v))), by = la][ok == TRUE, la]
  d[la %in% ok]
}
cla <- complete_series("at31_cla")
cpp <- complete_series("at31_cpp")

series <- list()
add <- function(name, x) series[[length(series) + 1]] <<- list(name = name, x = x)
for (code in head(unique(cla$la), 9)) add(paste0("cla_", code), ts(cla[la == code, v], start = 2010))
for (code in head(unique(cpp$la), 9)) add(paste0("cpp_", code), ts(cpp[la == code, v], start = 2010))
add("cla_england", ts(cla[, .(v = sum(v)), by = year][order(year), v], start = 2010))
add("cpp_england", ts(cpp[, .(v = sum(v)), by = year][order(year), v], start = 2010))
add("log_AirPassengers", log(AirPassengers))
add("lh", lh)
add("WWWusage", WWWusage)
add("USAccDeaths", USAccDeaths)

fixed_orders <- list(
  list(order = c(0, 1, 0), seasonal = c(0, 0, 0), drift = TRUE, mean = FALSE),
  list(order = c(1, 1, 0), seasonal = c(0, 0, 0), drift = FALSE, mean = FALSE),
  list(order = c(0, 1, 1), seasonal = c(0, 0, 0), drift = FALSE, mean = FALSE),
  list(order = c(1, 0, 0), seasonal = c(0, 0, 0), drift = FALSE, mean = TRUE),
  list(order = c(2, 1, 1), seasonal = c(0, 0, 0), drift = FALSE, mean = FALSE))
seasonal_orders <- list(list(order = c(0, 1, 1), seasonal = c(0, 1, 1), drift = FALSE, mean = FALSE))

describe_fit <- function(fit, h) {
  fc <- forecast(fit, h = h, level = c(80, 95))
  list(coef_names = names(coef(fit)), coef = unname(coef(fit)),
       var_coef_diag = if (length(fit$var.coef)) unname(diag(fit$var.coef)) else numeric(),
       loglik = fit$loglik, aic = fit$aic, aicc = fit$aicc, bic = fit$bic, sigma2 = fit$sigma2,
       arma = fit$arma, method = fc$method,
       forecast_mean = as.numeric(fc$mean), lower80 = as.numeric(fc$lower[, 1]), upper80 = as.numeric(fc$upper[, 1]),
       lower95 = as.numeric(fc$lower[, 2]), upper95 = as.numeric(fc$upper[, 2]),
       fitted = as.numeric(fitted(fit)))
}

cases <- list()
for (s in series) {
  x <- s$x
  m <- frequency(x)
  orders <- if (m > 1) c(fixed_orders, seasonal_orders) else fixed_orders
  h <- if (m > 1) 24 else 5
  fits <- list()
  for (o in orders) {
    fit <- tryCatch(Arima(x, order = o$order, seasonal = o$seasonal, include.drift = o$drift, include.mean = o$mean),
                    error = function(e) NULL)
    entry <- list(order = o$order, seasonal = o$seasonal, drift = o$drift, mean = o$mean, failed = is.null(fit))
    if (!is.null(fit)) entry <- c(entry, describe_fit(fit, h))
    fits[[length(fits) + 1]] <- entry
  }
  auto <- auto.arima(x)
  auto_entry <- c(list(d = auto$arma[6], D = auto$arma[7]), describe_fit(auto, h))
  cases[[length(cases) + 1]] <- list(name = s$name, values = as.numeric(x), start = tsp(x)[1], frequency = m,
                                     ndiffs = ndiffs(x), nsdiffs = if (m > 1) nsdiffs(x) else 0,
                                     fits = fits, auto = auto_entry)
}
write(toJSON(list(generator = paste("R", getRversion(), "forecast", packageVersion("forecast")), cases = cases),
             digits = NA, auto_unbox = TRUE, pretty = FALSE),
      file.path(out_dir, "arima_reference.json"))

# Speed reference: auto.arima on every complete LA CLA series (one run; recorded, not asserted).
all_cla <- dcast(cla, year ~ la, value.var = "v")
fwrite(all_cla, file.path(out_dir, "la_cla_series.csv"))
t0 <- proc.time()[["elapsed"]]
for (code in setdiff(names(all_cla), "year")) invisible(auto.arima(ts(all_cla[[code]], start = 2010)))
cat(sprintf("R auto.arima on %d annual LA series: %.2f s\n", ncol(all_cla) - 1, proc.time()[["elapsed"]] - t0))

# Reference values for ARIMASeasonalStrength (forecast 8.20's nsdiffs "seas" rule) on R datasets.
# Run from the repository root:  Rscript Tests/ForecastingTests/Fixtures/arima/make_seasonal_strength_fixtures.R
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })
sets <- list(log_AirPassengers = log(AirPassengers), USAccDeaths = USAccDeaths, nottem = nottem, co2 = co2,
             UKgas = UKgas, austres = austres, ldeaths = ldeaths, lynx_q = ts(as.numeric(lynx)[1:40], frequency = 4),
             WWWusage_m = ts(as.numeric(WWWusage)[1:48], frequency = 12))
out <- lapply(names(sets), function(nm) {
  x <- sets[[nm]]
  fit <- stl(x, s.window = 11)
  list(name = nm, values = as.numeric(x), frequency = frequency(x),
       strength = forecast:::seas.heuristic(x), nsdiffs = nsdiffs(x),
       seasonal = as.numeric(fit$time.series[, "seasonal"]), trend = as.numeric(fit$time.series[, "trend"]))
})
write(toJSON(out, digits = NA, auto_unbox = TRUE), "Tests/ForecastingTests/Fixtures/arima/seasonal_strength_reference.json")

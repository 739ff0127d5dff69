# Reference values for CareStat's ETS (Tests/ForecastingTests/ETS*): R forecast 8.20's ets() and forecast.ets().
# Run from the repository root:
#   Rscript Tests/ForecastingTests/Fixtures/make_ets_fixtures.R ../shared/data/la-panel/merged_data.csv
# Writes, beside this script:
#   ets_series.csv     the series used (name, frequency, start, index, value), long format
#   ets_la_cla.csv     all complete 2010-2022 at31_cla LA series (for the speed measurement), long format
#   ets_reference.json for each series, fixed models and ets(y) automatic: parameters, initial states, loglik, aic,
#                      aicc, bic, sigma2, point forecasts (h = 5 annual, 24 seasonal) and 80/95% bounds.
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })
stopifnot(packageVersion("forecast") == "8.20")
args <- commandArgs(trailingOnly = TRUE)
panel <- if (length(args) >= 1) args[1] else "../shared/data/la-panel/merged_data.csv"
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))

d <- read.csv(panel)
d <- d[d$time_period >= 2010 & d$time_period <= 2022, ]
d <- d[order(d$new_la_code, d$time_period), ]
complete_series <- function(v) {
  out <- list()
  for (code in unique(d$new_la_code)) {
    r <- d[d$new_la_code == code, ]
    if (nrow(r) == 13 && all(!is.na(r[[v]]))) out[[code]] <- r[[v]]
  }
  out
}
cla <- complete_series("at31_cla")
cpp <- complete_series("at31_cpp")

series <- list()
add <- function(name, y) series[[name]] <<- y
for (code in names(cla)[1:8]) add(paste0(code, ":at31_cla"), ts(cla[[code]], start = 2010))
for (code in names(cpp)[1:6]) add(paste0(code, ":at31_cpp"), ts(cpp[[code]], start = 2010))
# England totals: the sum over the LAs whose 2010-2022 series is complete (so no LA enters or leaves the sum).
add("England:at31_cla", ts(Reduce(`+`, cla), start = 2010))
add("England:at31_cpp", ts(Reduce(`+`, cpp), start = 2010))
# Small counts: City of London's looked-after children (complete, 6 to 24). No complete 2010-2022 panel series has a
# zero (Isles of Scilly and City of London, which have zeros, have gaps), so a constructed small-count series with
# zeros stands in for them: multiplicative-error models are inadmissible for it and R drops them.
add("E09000001:at31_cla", ts(cla[["E09000001"]], start = 2010))
add("constructed:zeros", ts(c(3, 0, 1, 0, 2, 4, 1, 0, 0, 2, 3, 1, 2), start = 2010))
add("AirPassengers", AirPassengers)
add("UKDriverDeaths", UKDriverDeaths)
add("USAccDeaths", USAccDeaths)
# Fewer than three years of monthly data: R's initstate takes its seasonal start from a Fourier regression.
add("USAccDeaths30", window(USAccDeaths, end = c(1975, 6)))

long <- function(lst) do.call(rbind, lapply(names(lst), function(nm) {
  y <- lst[[nm]]
  data.frame(series = nm, frequency = frequency(y), start = tsp(y)[1], index = seq_along(y) - 1,
             value = as.numeric(y))
}))
write.csv(long(series), file.path(here, "ets_series.csv"), row.names = FALSE)
write.csv(long(lapply(cla, function(v) ts(v, start = 2010))), file.path(here, "ets_la_cla.csv"), row.names = FALSE)

nonseasonal_models <- c("ANN", "AAN", "AAdN", "MNN", "MAN", "MAdN")
seasonal_models <- c("ANA", "AAA", "MNM", "MAM", "MNA", "MAdM")

describe <- function(fit, h) {
  fc <- forecast(fit, h = h, level = c(80, 95))
  list(method = fit$method, components = fit$components,
       par = as.list(fit$par), initstate = as.numeric(fit$initstate),
       loglik = fit$loglik, aic = fit$aic, aicc = fit$aicc, bic = fit$bic, sigma2 = fit$sigma2,
       mse = fit$mse, residuals = as.numeric(residuals(fit)), fitted = as.numeric(fitted(fit)),
       mean = as.numeric(fc$mean),
       lower80 = as.numeric(fc$lower[, 1]), upper80 = as.numeric(fc$upper[, 1]),
       lower95 = as.numeric(fc$lower[, 2]), upper95 = as.numeric(fc$upper[, 2]))
}

out <- list()
for (nm in names(series)) {
  y <- series[[nm]]
  seasonal <- frequency(y) > 1
  h <- if (seasonal) 24 else 5
  models <- if (seasonal) c(nonseasonal_models, seasonal_models) else nonseasonal_models
  fixed <- list()
  for (mod in models) {
    damped <- grepl("d", mod)
    spec <- gsub("d", "", mod)
    fit <- tryCatch(ets(y, model = spec, damped = damped), error = function(e) conditionMessage(e))
    fixed[[mod]] <- if (is.character(fit)) list(error = fit) else describe(fit, h)
  }
  auto <- tryCatch(describe(ets(y), h), error = function(e) list(error = conditionMessage(e)))
  out[[nm]] <- list(frequency = frequency(y), start = tsp(y)[1], y = as.numeric(y), h = h,
                    fixed = fixed, auto = auto)
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(17), null = "null", na = "null", pretty = FALSE),
           file.path(here, "ets_reference.json"))

#!/bin/sh
# Release-build speed driver for automatic ETS on the 149 complete 2010-2022 at31_cla LA series (ets_la_cla.csv).
# Compiles the ETS sources with swiftc -O outside the package (no release build of the whole package) with a stub for
# the normal quantile (intervals are not timed), and prints the best of 5 process-CPU times for ETSSearch.r and
# .thorough. Run from the repository root: sh Tests/ForecastingTests/Fixtures/ets_speed/run.sh
set -e
dir=$(mktemp -d)
cp Sources/Forecasting/ETS*.swift Sources/Forecasting/Forecast.swift Sources/Forecasting/ForecastModel.swift \
   Sources/Forecasting/ForecastError.swift Sources/Forecasting/TimeSeries.swift \
   Tests/ForecastingTests/Fixtures/ets_speed/main.swift Tests/ForecastingTests/Fixtures/ets_speed/NormalStub.swift "$dir"
sed -i 's/^import Distributions//' "$dir"/*.swift
swiftc -O -module-name ETSSpeed "$dir"/*.swift -o "$dir/ets_speed"
"$dir/ets_speed" Tests/ForecastingTests/Fixtures/ets_la_cla.csv
# R for comparison (same machine, same moment):
Rscript -e 'suppressMessages(library(forecast)); d <- read.csv("Tests/ForecastingTests/Fixtures/ets_la_cla.csv"); s <- lapply(split(d$value, d$series), ts, start = 2010); print(system.time(a <- sapply(s, function(v) ets(v)$aicc))); print(sum(a), digits = 15)'
rm -rf "$dir"

# Peer for the csv-load job: data.table::fread on one thread.
#   Rscript Benchmarks/peers/r/csv_load.R FILE REPS
# Empty fields and NA are missing on both sides (CareStat's defaults also include "." and "NULL", which the
# generated file never contains). fread leaves dd/mm/yyyy dates as character; CareStat parses them to dates,
# so the comparison is, if anything, generous to fread. Prints one JSON line: median seconds and a checksum
# (rows + sum of CHILD + sum of PLACE_DISTANCE) that the runner compares with CareStat's.
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]; reps <- as.integer(args[2])
setDTthreads(1L)
times <- numeric(0)
for (r in 0:reps) {
  gc()
  t0 <- proc.time()[["elapsed"]]
  d <- fread(file, nThread = 1L, na.strings = c("", "NA"), showProgress = FALSE)
  t1 <- proc.time()[["elapsed"]]
  if (r > 0) times <- c(times, t1 - t0)
  checksum <- nrow(d) + sum(as.numeric(d$CHILD)) + sum(d$PLACE_DISTANCE)
  if (r < reps) rm(d)
}
cat(sprintf('{"job":"csv-load","seconds":%.6f,"checksum":%.17g,"rows":%d}\n', median(times), checksum, nrow(d)))

# Shared by the whole-command peer scripts (Benchmarks/commands.py): read the CSV as a user of R would
# (data.table::fread on one thread) and print the same-answer check as the last line, one JSON object.
suppressPackageStartupMessages(library(data.table))
setDTthreads(1L)
read_input <- function(file) fread(file, nThread = 1L, showProgress = FALSE)
check_line <- function(values) {
  cat(sprintf('{"check": [%s]}\n', paste(sprintf("%.17g", values), collapse = ", ")))
}

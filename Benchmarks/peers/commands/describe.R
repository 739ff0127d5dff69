# Whole-command peer of `carestat describe FILE`: fread + summary of every column.
#   Rscript Benchmarks/peers/commands/describe.R FILE
a <- commandArgs(TRUE)
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
d <- read_input(a[1])
print(summary(d))
check_line(c(mean(d$CHILD), mean(d$PLACE_DISTANCE, na.rm = TRUE)))

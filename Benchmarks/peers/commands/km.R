# Whole-command peer of `carestat km FILE --time time --event status`: fread + survfit + its print (median).
#   Rscript Benchmarks/peers/commands/km.R FILE
a <- commandArgs(TRUE)
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(survival))
d <- read_input(a[1])
fit <- survfit(Surv(time, status) ~ 1, data = d)
print(fit)
check_line(summary(fit, times = c(365, 730, 1095))$surv)

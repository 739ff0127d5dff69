# Whole-command peer of `carestat cox FILE "Surv(time, status) ~ x1 + ... + x8"`: fread + coxph (Efron) + summary.
#   Rscript Benchmarks/peers/commands/cox.R FILE
a <- commandArgs(TRUE)
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(survival))
d <- read_input(a[1])
fit <- coxph(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8, data = d, ties = "efron")
print(summary(fit))
check_line(coef(fit))

# Whole-command peer of `carestat glmm FILE "y ~ x1 + ... + level + (1 | la)" --family binomial`:
# fread + glmmTMB (Laplace) + summary.   Rscript Benchmarks/peers/commands/glmm.R FILE
a <- commandArgs(TRUE)
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(glmmTMB))
d <- read_input(a[1])
# carestat gives intervention level its declared order (none < referral < cin < cpp < cla: DeclaredLevelOrders),
# so "none" is the reference; R would sort the labels. The same parametrisation on both sides.
d[, level := factor(level, levels = c("none", "referral", "cin", "cpp", "cla"))]
fit <- glmmTMB(y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + sex + age_band + level + (1 | la), data = d,
               family = binomial)
print(summary(fit))
check_line(fixef(fit)$cond)

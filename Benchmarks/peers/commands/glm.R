# Whole-command peer of `carestat glm FILE "y ~ x1 + ... + x8 + sex + age_band + level" --family binomial`:
# fread + glm + summary.   Rscript Benchmarks/peers/commands/glm.R FILE
a <- commandArgs(TRUE)
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
d <- read_input(a[1])
# carestat gives intervention level its declared order (none < referral < cin < cpp < cla: DeclaredLevelOrders),
# so "none" is the reference; R would sort the labels. The same parametrisation on both sides.
d[, level := factor(level, levels = c("none", "referral", "cin", "cpp", "cla"))]
fit <- glm(y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + sex + age_band + level, data = d, family = binomial)
print(summary(fit))
check_line(coef(fit))

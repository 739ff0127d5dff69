# Offline recovery check of the synthetic return-to-care model (not run by swift test): fits the Weibull PH model
# and a Cox model to rtc.csv written by return-to-care-data.py, for comparison with truth.json.
# survreg's Weibull: shape k = 1/scale, log hazard ratios beta = -coef/scale.
library(survival)
d <- read.csv("rtc.csv")
d$age <- relevel(factor(d$age), "0-4")
d$exitgrp <- relevel(factor(d$exitgrp), "home")
f <- survreg(Surv(time, event) ~ age + s20 + exitgrp + unstable, data = d, dist = "weibull")
print(c(shape = 1 / f$scale, scale_years = unname(exp(coef(f)[1]))))
print(round(-coef(f)[-1] / f$scale, 3))
m <- coxph(Surv(time, event) ~ age + s20 + exitgrp + unstable, data = d)
print(summary(m)$coefficients[, c(1, 3)])
cat("exits", nrow(d), "re-entries", sum(d$event), "\n")

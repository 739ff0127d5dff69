# Reference values for StudyEstimatesTests (Tests/ModelSpecsTests/StudyEstimatesTests.swift).
# Run: Rscript make_study_estimate_fixtures.R > study_estimate_fixtures.txt   (R 4.2, survival 3.x)
library(survival)
d <- data.frame(time  = c(2, 3, 3, 5, 8, 8, 9, 12, 15, 20, 21, 30),
                event = c(1, 1, 0, 1, 0, 1, 1,  0,  1,  0,  1,  0),
                grp   = c("a","a","b","a","b","a","b","a","a","b","a","a"))
s <- summary(survfit(Surv(time, event) ~ 1, data = d[d$grp == "a", ], conf.type = "log"), times = 10)
cat(sprintf("km_a_t10 %.17g %.17g %.17g\n", s$surv, s$lower, s$upper))
s <- summary(survfit(Surv(time, event) ~ 1, data = d, conf.type = "log"), times = 20)
cat(sprintf("km_all_t20 %.17g %.17g %.17g\n", s$surv, s$lower, s$upper))
w <- prop.test(22, 72, correct = FALSE)$conf.int
cat(sprintf("wilson_22_72 %.17g %.17g\n", w[1], w[2]))
w <- prop.test(0, 15, correct = FALSE)$conf.int
cat(sprintf("wilson_0_15 %.17g %.17g\n", w[1], w[2]))

# Reference values for Tests/ComparisonTests/ShrinkageReferenceTests.swift: LA random intercepts from lme4::glmer
# (Laplace, nAGQ = 1) on the real LA panel, 2022 (../shared/data/la-panel/merged_data.csv):
#   poisson:  at31_cla ~ imd19_idaci + offset(log(population_0_16)) + (1 | new_la_code)
#   binomial: cbind(at31_cpp, population_0_16 - at31_cpp) ~ imd19_idaci + (1 | new_la_code)
# LAs with any of the columns missing are dropped (as the Swift test does). Conditional modes and conditional SDs
# are ranef(condVar = TRUE) and sqrt(postVar). Tight optimiser tolerances so the reference is the optimum.
# Run: Rscript make_shrinkage_fixtures.R [merged_data.csv]   -> shrinkage_reference.json   (lme4 as installed)
suppressMessages({ library(lme4); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args)) args[1] else "/work/shared/data/la-panel/merged_data.csv"
d <- read.csv(path, na.strings = "NA")
d <- d[d$time_period == 2022 & !is.na(d$at31_cla) & !is.na(d$at31_cpp) & !is.na(d$population_0_16) & !is.na(d$imd19_idaci), ]
d$population_0_16 <- round(d$population_0_16)
ctrl <- glmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-3, rhoend = 1e-10, maxfun = 1e5))
out <- list(n = nrow(d))
fits <- list(
  poisson = glmer(at31_cla ~ imd19_idaci + offset(log(population_0_16)) + (1 | new_la_code), data = d, family = poisson, control = ctrl),
  binomial = glmer(cbind(at31_cpp, population_0_16 - at31_cpp) ~ imd19_idaci + (1 | new_la_code), data = d, family = binomial, control = ctrl))
for (nm in names(fits)) {
  f <- fits[[nm]]
  re <- ranef(f, condVar = TRUE)$new_la_code
  pv <- attr(re, "postVar")
  out[[nm]] <- list(fixef = unname(fixef(f)), sd = unname(attr(VarCorr(f)$new_la_code, "stddev")),
                    la = rownames(re), mode = unname(re[, 1]), condsd = sqrt(as.numeric(pv[1, 1, ])))
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "shrinkage_reference.json")

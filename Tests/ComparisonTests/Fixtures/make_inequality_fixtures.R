# Reference values for Tests/ComparisonTests/InequalityReferenceTests.swift: inequality summaries of LA rates by
# deprivation, written independently of the Swift code (R 4, MASS::glm.nb, jsonlite).
#
# For each year 2010-2022 of the real LA panel (../shared/data/la-panel/merged_data.csv) and each of at31_cla,
# at31_cpp: LAs with the count, population_0_16 and imd19_idaci present; ordered by imd19_idaci ascending (least
# deprived first; ties share the mid-rank of their group); ridit = population-weighted cumulative rank at the
# midpoint of each LA's (or tie group's) population share. RII = exp(beta) and SII = per*(exp(a+b) - exp(a)) from
# glm(count ~ ridit + offset(log(pop)), poisson) and MASS::glm.nb(same); Wald CIs (confint.default; delta method
# for SII). Deciles: LAs in equal-count deciles of imd19_idaci (decile = floor(10*(rank-1)/n) + 1, rank by
# ordering); decile rate = sum(count)/sum(pop). Most/least deprived LA: highest/lowest imd19_idaci.
#
# Run: Rscript make_inequality_fixtures.R ../../../../shared/data/la-panel/merged_data.csv  -> inequality_reference.json
suppressMessages({ library(MASS); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args)) args[1] else "/work/shared/data/la-panel/merged_data.csv"
d <- read.csv(path, na.strings = "NA")
per <- 10000
out <- list()
for (measure in c("at31_cla", "at31_cpp")) for (yr in 2010:2022) {
  x <- d[d$time_period == yr & !is.na(d[[measure]]) & !is.na(d$population_0_16) & !is.na(d$imd19_idaci), ]
  x <- x[order(x$imd19_idaci, x$new_la_code), ]
  n <- nrow(x); pop <- x$population_0_16; y <- x[[measure]]
  tot <- sum(pop)
  # ridit with ties sharing their group's midpoint
  grp <- match(x$imd19_idaci, unique(x$imd19_idaci))
  gpop <- tapply(pop, grp, sum)
  gcum <- cumsum(gpop) - gpop / 2
  ridit <- as.numeric(gcum[grp] / tot)
  dec <- floor(10 * (seq_len(n) - 1) / n) + 1
  decrate <- sapply(1:10, function(k) sum(y[dec == k]) / sum(pop[dec == k]) * per)
  rate <- y / pop * per
  pos <- rate[y > 0]
  res <- list(measure = measure, year = yr, n = n, la = x$new_la_code, ridit = ridit,
              most_deprived = x$new_la_code[n], least_deprived = x$new_la_code[1],
              extreme_ratio = rate[n] / rate[1], highest_to_lowest = max(pos) / min(pos), decile_rates = decrate, decile_ratio = decrate[10] / decrate[1])
  df <- data.frame(y = y, ridit = ridit, pop = pop)
  for (fam in c("poisson", "negbin")) {
    f <- if (fam == "poisson") glm(y ~ ridit + offset(log(pop)), family = poisson, data = df, control = glm.control(epsilon = 1e-12, maxit = 100))
         else glm.nb(y ~ ridit + offset(log(pop)), data = df, control = glm.control(epsilon = 1e-12, maxit = 100))
    b <- coef(f); V <- vcov(f); z <- qnorm(0.975)
    se <- sqrt(V[2, 2])
    sii <- per * (exp(b[1] + b[2]) - exp(b[1]))
    g <- per * c(exp(b[1] + b[2]) - exp(b[1]), exp(b[1] + b[2]))
    sse <- sqrt(drop(t(g) %*% V %*% g))
    res[[fam]] <- list(intercept = unname(b[1]), slope = unname(b[2]), slope_se = se,
                       rii = unname(exp(b[2])), rii_ci = unname(exp(b[2] + c(-1, 1) * z * se)),
                       sii = unname(sii), sii_ci = unname(sii + c(-1, 1) * z * sse),
                       theta = if (fam == "negbin") f$theta else NULL)
  }
  out[[length(out) + 1]] <- res
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "inequality_reference.json")

# Reference values for the deprivation-adjusted funnel (Tests/CareStatCLITests/FunnelCommandTests.swift):
# children looked after at 31 March 2022 by LA, expected counts from R's glm (Poisson, log link) and MASS::glm.nb
# of at31_cla ~ imd19_idaci + offset(log(population_0_16)), and the standardised ratios' exact Poisson limits with
# Spiegelhalter's (2005, appendix A.1) interpolation, written independently here with qpois/ppois.
# Run: Rscript make_adjusted_fixtures.R [path/to/merged_data.csv]   (R 4.2.2, MASS, jsonlite)
suppressMessages({ library(MASS); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
panel <- if (length(args) > 0) args[1] else "/work/shared/data/la-panel/merged_data.csv"
d <- read.csv(panel)
d <- d[d$time_period == 2022 & !is.na(d$at31_cla) & !is.na(d$population_0_16) & !is.na(d$imd19_idaci), ]

exact_poisson <- function(e, p) {
  r <- qpois(p, e)
  fr <- ppois(r, e)
  frm1 <- if (r > 0) ppois(r - 1, e) else 0
  a <- (fr - p) / (fr - frm1)
  max(0, (r - a) / e)
}

pick <- c("Isles of Scilly", "City of London", "Rutland", "Blackpool", "Birmingham", "Kent", "Merton")
one <- function(fit) {
  E <- fitted(fit)
  units <- lapply(which(d$la_name %in% pick), function(i) {
    e <- E[[i]]
    list(unit = d$la_name[i], observed = d$at31_cla[i], expected = e, estimate = d$at31_cla[i] / e,
         limits_95 = c(exact_poisson(e, 0.025), exact_poisson(e, 0.975)),
         limits_99.8 = c(exact_poisson(e, 0.001), exact_poisson(e, 0.999)))
  })
  list(coefficients = unname(coef(fit)), sum_expected = sum(E), units = units)
}
pois <- glm(at31_cla ~ imd19_idaci + offset(log(population_0_16)), family = poisson, data = d,
            control = glm.control(epsilon = 1e-12, maxit = 100))
nb <- glm.nb(at31_cla ~ imd19_idaci + offset(log(population_0_16)), data = d,
             control = glm.control(epsilon = 1e-12, maxit = 100))
out <- list(n = nrow(d), poisson = one(pois), negbin = c(one(nb), list(theta = nb$theta)))
here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(), value = TRUE))))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), file.path(here, "adjusted_reference.json"))
cat("wrote", nrow(d), "LAs; poisson", coef(pois), "negbin theta", nb$theta, "\n")

# Reference values for an ordered logit with offset() in the formula (MASS::polr).
# Run from this directory: Rscript make-ordinal-offset.R   (R 4.2.2, MASS 7.3-58.2)
# Writes ordinal-offset.csv (the data) and ordinal-offset-reference.csv (model,quantity,name,value at %.17g).
#
# Data: 400 simulated rows (set.seed(20261206)): x a number, grp a factor (a, b, c), exposure a positive number;
# y in 1..4 from a latent logistic model with linear predictor 0.6 x + 0.5 [grp = b] - 0.4 [grp = c]
# + log(exposure). polr puts an offset into the linear predictor with coefficient 1:
# logit P(Y <= k) = zeta_k - (x'beta + offset).
# Models: "offset" is polr(y ~ x + grp + offset(log(exposure))); "nooffset" is polr(y ~ x + grp), to show the
# coefficients differ (dropping the offset silently gave the latter). polr maximises by BFGS (optim); reltol is
# tightened to 1e-15 so that its estimates are close to the maximum; its standard errors come from optimHess
# (a finite-difference Hessian of the analytic gradient), good to about 1e-6 relative.
suppressPackageStartupMessages(library(MASS))
f17 <- function(x) sprintf("%.17g", x)
set.seed(20261206)
n <- 400
x <- round(rnorm(n), 3)
grp <- factor(sample(c("a", "b", "c"), n, replace = TRUE), levels = c("a", "b", "c"))
exposure <- round(exp(runif(n, -1, 1)), 3)
eta <- 0.6 * x + ifelse(grp == "b", 0.5, ifelse(grp == "c", -0.4, 0)) + log(exposure)
latent <- eta + rlogis(n)
y <- cut(latent, c(-Inf, -1, 0.5, 2, Inf), labels = FALSE)
d <- data.frame(y = y, x = x, grp = grp, exposure = exposure)
write.csv(d, "ordinal-offset.csv", row.names = FALSE, quote = FALSE)

out <- list()
add <- function(model, quantity, name, value) {
  out[[length(out) + 1L]] <<- data.frame(model = model, quantity = quantity, name = name, value = f17(value),
                                         stringsAsFactors = FALSE)
}
d$y <- factor(d$y)
fits <- list(offset = polr(y ~ x + grp + offset(log(exposure)), data = d, Hess = TRUE,
                           control = list(reltol = 1e-15, maxit = 10000)),
             nooffset = polr(y ~ x + grp, data = d, Hess = TRUE, control = list(reltol = 1e-15, maxit = 10000)))
for (m in names(fits)) {
  f <- fits[[m]]
  se <- sqrt(diag(vcov(f)))
  for (k in names(f$zeta)) { add(m, "zeta", k, f$zeta[[k]]); add(m, "zeta_se", k, se[[k]]) }
  for (k in names(coef(f))) { add(m, "coef", k, coef(f)[[k]]); add(m, "coef_se", k, se[[k]]) }
  add(m, "loglik", "", as.numeric(logLik(f)))
}
write.csv(do.call(rbind, out), "ordinal-offset-reference.csv", row.names = FALSE, quote = FALSE)

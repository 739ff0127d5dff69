# Makes the fixtures for GLMMs with random slopes (VectorGLMMTests): two simulated data sets and cbpp with a
# random slope on period, fitted by glmmTMB (Laplace, joint optimisation, SEs from the Hessian) and by
# lme4::glmer(nAGQ = 1). Writes binomial-slopes.csv, poisson-slopes.csv, singular-slopes.csv and
# slopes-reference.csv (model, key, value at %.17g).
# Run from this folder: Rscript make-slopes-fixtures.R   (lme4 1.1-31, glmmTMB 1.1.5 when written)
suppressPackageStartupMessages({ library(lme4); library(glmmTMB); library(MASS) })
f17 <- function(x) sprintf("%.17g", x)
out <- list()
add <- function(model, key, value) {
  out[[length(out) + 1]] <<- data.frame(model = model, key = key, value = f17(value), stringsAsFactors = FALSE)
}

# ---- simulated data ----
set.seed(20261121)
# Binomial: 40 groups of 50 rows, 1..6 trials per row, correlated random intercept and slope
# (SDs 0.8 and 0.5, correlation 0.4), y ~ x + (1 + x | g).
G <- 40; m <- 50
S <- matrix(c(0.8^2, 0.4 * 0.8 * 0.5, 0.4 * 0.8 * 0.5, 0.5^2), 2)
b <- mvrnorm(G, c(0, 0), S)
g <- rep(seq_len(G), each = m); x <- round(rnorm(G * m), 6)
size <- sample(1:6, G * m, replace = TRUE)
eta <- -0.3 + 0.7 * x + b[g, 1] + b[g, 2] * x
succ <- rbinom(G * m, size, plogis(eta))
bin <- data.frame(g = paste0("g", g), x = x, succ = succ, fail = size - succ)
write.csv(bin, "binomial-slopes.csv", row.names = FALSE, quote = FALSE)

# Poisson: 40 groups of 50 rows, exposure t (offset log t), random intercept and slope (SDs 0.5 and 0.3,
# correlation -0.5), y ~ x + offset(log(t)) + (1 + x | g).
S2 <- matrix(c(0.25, -0.5 * 0.5 * 0.3, -0.5 * 0.5 * 0.3, 0.09), 2)
b2 <- mvrnorm(G, c(0, 0), S2)
x2 <- round(runif(G * m, -1, 1), 6); t2 <- round(runif(G * m, 0.5, 3), 6)
y2 <- rpois(G * m, t2 * exp(0.2 + 0.5 * x2 + b2[g, 1] + b2[g, 2] * x2))
poi <- data.frame(g = paste0("h", g), x = x2, t = t2, y = y2)
write.csv(poi, "poisson-slopes.csv", row.names = FALSE, quote = FALSE)

# Singular: Bernoulli, 30 groups of 20 rows, a random intercept only (no slope variation) fitted with a slope.
G3 <- 30; m3 <- 20; g3 <- rep(seq_len(G3), each = m3)
x3 <- round(rnorm(G3 * m3), 6); b3 <- rnorm(G3, 0, 0.7)
y3 <- rbinom(G3 * m3, 1, plogis(0.2 + 0.5 * x3 + b3[g3]))
sng <- data.frame(g = paste0("s", g3), x = x3, y = y3)
write.csv(sng, "singular-slopes.csv", row.names = FALSE, quote = FALSE)

# ---- fits ----
gctl <- glmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5), tolPwrss = 1e-12)
tctl <- glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-15, x.tol = 1e-12))
tmbRefs <- function(name, fit) {
  add(name, "loglik", as.numeric(logLik(fit)))
  add(name, "AIC", AIC(fit))
  fe <- fixef(fit)$cond; se <- sqrt(diag(vcov(fit)$cond))
  for (i in seq_along(fe)) { add(name, paste0("beta:", names(fe)[i]), fe[i]); add(name, paste0("se:", names(fe)[i]), se[i]) }
  vc <- VarCorr(fit)$cond[[1]]; sd <- attr(vc, "stddev"); cr <- attr(vc, "correlation")
  add(name, "sd1", sd[1]); add(name, "sd2", sd[2]); add(name, "corr", cr[1, 2])
  # Wald intervals: for an SD on the log scale, for the correlation on glmmTMB's internal scale rho/sqrt(1-rho^2).
  ci <- confint(fit, parm = "theta_", method = "wald")
  add(name, "sdlo1", ci[1, 1]); add(name, "sdhi1", ci[1, 2]); add(name, "sdlo2", ci[2, 1]); add(name, "sdhi2", ci[2, 2])
  add(name, "corrlo", ci[3, 1]); add(name, "corrhi", ci[3, 2])
}
glmerRefs <- function(name, fit) {
  add(name, "loglik", as.numeric(logLik(fit)))
  add(name, "singular", as.numeric(isSingular(fit)))
  th <- getME(fit, "theta"); for (i in seq_along(th)) add(name, paste0("theta", i), th[i])
  fe <- fixef(fit)
  for (i in seq_along(fe)) add(name, paste0("beta:", names(fe)[i]), fe[i])
  vc <- VarCorr(fit)[[1]]; sd <- attr(vc, "stddev"); cr <- attr(vc, "correlation")
  add(name, "sd1", sd[1]); add(name, "sd2", sd[2]); add(name, "corr", cr[1, 2])
  re <- ranef(fit, condVar = TRUE)[[1]]; pv <- attr(re, "postVar")
  for (j in seq_len(nrow(re))) for (k in seq_len(ncol(re))) {
    add(name, paste0("ranef:", rownames(re)[j], ":", colnames(re)[k]), re[j, k])
    add(name, paste0("condsd:", rownames(re)[j], ":", colnames(re)[k]), sqrt(pv[k, k, j]))
  }
}
bf <- cbind(succ, fail) ~ x + (1 + x | g)
tmbRefs("bin_tmb", glmmTMB(bf, bin, binomial, control = tctl))
glmerRefs("bin_glmer", glmer(bf, bin, binomial, control = gctl))
pf <- y ~ x + offset(log(t)) + (1 + x | g)
tmbRefs("poi_tmb", glmmTMB(pf, poi, poisson, control = tctl))
glmerRefs("poi_glmer", glmer(pf, poi, poisson, control = gctl))
cb <- cbpp; cb$period <- as.integer(as.character(cb$period))
cf <- cbind(incidence, size - incidence) ~ period + (1 + period | herd)
tmbRefs("cbpp_slopes_tmb", glmmTMB(cf, cb, binomial, control = tctl))
glmerRefs("cbpp_slopes_glmer", glmer(cf, cb, binomial, control = gctl))
# Uncorrelated random intercept and slope: two terms on one grouping factor.
uf <- cbind(succ, fail) ~ x + (1 | g) + (0 + x | g)
uTMB <- glmmTMB(uf, bin, binomial, control = tctl)
add("bin_uncor_tmb", "loglik", as.numeric(logLik(uTMB)))
fe <- fixef(uTMB)$cond; se <- sqrt(diag(vcov(uTMB)$cond))
for (i in seq_along(fe)) { add("bin_uncor_tmb", paste0("beta:", names(fe)[i]), fe[i]); add("bin_uncor_tmb", paste0("se:", names(fe)[i]), se[i]) }
vc <- VarCorr(uTMB)$cond
add("bin_uncor_tmb", "sd1", attr(vc[[1]], "stddev")); add("bin_uncor_tmb", "sd2", attr(vc[[2]], "stddev"))
ci <- confint(uTMB, parm = "theta_", method = "wald")
add("bin_uncor_tmb", "sdlo1", ci[1, 1]); add("bin_uncor_tmb", "sdhi1", ci[1, 2])
add("bin_uncor_tmb", "sdlo2", ci[2, 1]); add("bin_uncor_tmb", "sdhi2", ci[2, 2])
uGl <- glmer(uf, bin, binomial, control = gctl)
add("bin_uncor_glmer", "loglik", as.numeric(logLik(uGl)))
th <- getME(uGl, "theta"); for (i in seq_along(th)) add("bin_uncor_glmer", paste0("theta", i), th[i])

sf <- y ~ x + (1 + x | g)
glmerRefs("singular_glmer", glmer(sf, sng, binomial, control = gctl))
# The same data with uncorrelated terms: the slope variance goes to zero.
su <- glmer(y ~ x + (1 | g) + (0 + x | g), sng, binomial, control = gctl)
add("singular_uncor_glmer", "loglik", as.numeric(logLik(su)))
add("singular_uncor_glmer", "singular", as.numeric(isSingular(su)))
th <- getME(su, "theta"); for (i in seq_along(th)) add("singular_uncor_glmer", paste0("theta", i), th[i])
fe <- fixef(su); for (i in seq_along(fe)) add("singular_uncor_glmer", paste0("beta:", names(fe)[i]), fe[i])

ref <- do.call(rbind, out)
write.csv(ref, "slopes-reference.csv", row.names = FALSE, quote = TRUE)
cat(sprintf("wrote %d reference values\n", nrow(ref)))
cat(sprintf("lme4 %s, glmmTMB %s\n", packageVersion("lme4"), packageVersion("glmmTMB")))

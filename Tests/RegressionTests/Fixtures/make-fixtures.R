# Reference values for RegressionTests, from R's glm, MASS::glm.nb and sandwich.
# Run from this directory: Rscript make-fixtures.R   (R 4.2.2, MASS 7.3, sandwich 3.0-2)
# Writes data-*.csv (the data each case fits) and case-*.csv (long format: kind,name,value; %.17g).
suppressMessages({ library(MASS); library(sandwich) })
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
# Factor levels in byte order, as CareStat's model frame orders string columns.
bytelevels <- function(x) factor(as.character(x), levels = sort(unique(as.character(x)), method = "radix"))
writedata <- function(d, name) write.csv(d, paste0("data-", name, ".csv"), row.names = FALSE, na = "NA")

rows <- list()
add <- function(kind, name, value) rows[[length(rows) + 1]] <<- data.frame(kind = kind, name = name, value = num(value))
writecase <- function(name) {
  out <- do.call(rbind, rows)
  write.csv(out, paste0("case-", name, ".csv"), row.names = FALSE, quote = TRUE)
  rows <<- list()
}
glmstats <- function(m, dispersion = NULL) {
  s <- summary(m, dispersion = dispersion)
  cf <- coef(m)
  add("coef", names(cf), cf)
  se <- rep(NA_real_, length(cf)); names(se) <- names(cf)
  se[rownames(s$coefficients)] <- s$coefficients[, 2]
  add("se", names(cf), se)
  add("stat", "deviance", deviance(m))
  add("stat", "null_deviance", m$null.deviance)
  add("stat", "aic", AIC(m))
  add("stat", "bic", BIC(m))
  add("stat", "loglik", as.numeric(logLik(m)))
  add("stat", "dispersion", s$dispersion)
  add("stat", "df_residual", m$df.residual)
  add("stat", "df_null", m$df.null)
  add("stat", "iterations", m$iter)
  add("stat", "rank", m$rank)
  if (!is.null(m$theta)) { add("stat", "theta", m$theta); add("stat", "theta_se", m$SE.theta) }
}
robust <- function(m, cluster = NULL) {
  add("hc0", names(coef(m))[!is.na(coef(m))], sqrt(diag(vcovHC(m, type = "HC0"))))
  add("hc1", names(coef(m))[!is.na(coef(m))], sqrt(diag(vcovHC(m, type = "HC1"))))
  if (!is.null(cluster)) add("cl", names(coef(m))[!is.na(coef(m))], sqrt(diag(vcovCL(m, cluster = cluster))))
}

# 1. esoph: cbind(successes, failures), proportions with weights (unordered factors, byte-ordered levels).
e <- data.frame(agegp = bytelevels(esoph$agegp), alcgp = bytelevels(esoph$alcgp), tobgp = bytelevels(esoph$tobgp),
                ncases = esoph$ncases, ncontrols = esoph$ncontrols)
e$total <- e$ncases + e$ncontrols; e$prop <- e$ncases / e$total
writedata(e, "esoph")
m <- glm(cbind(ncases, ncontrols) ~ agegp + tobgp + alcgp, family = binomial, data = e)
glmstats(m); robust(m, cluster = ~agegp); writecase("esoph-logit")
m <- glm(prop ~ agegp + tobgp + alcgp, family = binomial, weights = total, data = e)
glmstats(m); writecase("esoph-proportion")
m <- glm(cbind(ncases, ncontrols) ~ agegp + alcgp, family = binomial(link = "probit"), data = e)
glmstats(m); writecase("esoph-probit")
m <- glm(cbind(ncases, ncontrols) ~ agegp + alcgp, family = binomial(link = "cloglog"), data = e)
glmstats(m); writecase("esoph-cloglog")
m1 <- glm(cbind(ncases, ncontrols) ~ agegp, family = binomial, data = e)
m2 <- glm(cbind(ncases, ncontrols) ~ agegp + alcgp, family = binomial, data = e)
a <- anova(m1, m2, test = "Chisq")
add("lrt", "deviance", a$Deviance[2]); add("lrt", "df", a$Df[2]); add("lrt", "p", a$`Pr(>Chi)`[2]); writecase("esoph-lrt")

# 2. warpbreaks: Poisson, Gaussian (identity with weights; log), Gamma (inverse, log, identity), F test.
w <- data.frame(breaks = warpbreaks$breaks, wool = bytelevels(warpbreaks$wool), tension = bytelevels(warpbreaks$tension))
w$wt <- rep(c(1, 2, 0.5), length.out = nrow(w))
writedata(w, "warpbreaks")
m <- glm(breaks ~ wool + tension, family = poisson, data = w)
glmstats(m); robust(m, cluster = ~tension); writecase("warpbreaks-poisson")
m <- glm(breaks ~ wool * tension, family = gaussian, weights = wt, data = w)
glmstats(m); robust(m); writecase("warpbreaks-gaussian-weights")
m <- glm(breaks ~ wool + tension, family = gaussian(link = "log"), data = w)
glmstats(m); writecase("warpbreaks-gaussian-log")
m <- glm(breaks ~ wool + tension, family = Gamma, data = w)
glmstats(m); writecase("warpbreaks-gamma-inverse")
m <- glm(breaks ~ wool + tension, family = Gamma(link = "log"), data = w)
glmstats(m); robust(m); writecase("warpbreaks-gamma-log")
m <- glm(breaks ~ wool + tension, family = Gamma(link = "identity"), data = w)
glmstats(m); writecase("warpbreaks-gamma-identity")
g1 <- glm(breaks ~ wool, family = Gamma(link = "log"), data = w)
g2 <- glm(breaks ~ wool + tension, family = Gamma(link = "log"), data = w)
a <- anova(g1, g2, test = "F")
add("lrt", "deviance", a$Deviance[2]); add("lrt", "df", a$Df[2]); add("lrt", "F", a$F[2]); add("lrt", "p", a$`Pr(>F)`[2])
writecase("warpbreaks-gamma-ftest")

# 3. InsectSprays: Poisson with log, sqrt and identity links.
s <- data.frame(count = InsectSprays$count, spray = bytelevels(InsectSprays$spray))
writedata(s, "insectsprays")
m <- glm(count ~ spray, family = poisson, data = s); glmstats(m); writecase("insectsprays-log")
m <- glm(count ~ spray, family = poisson(link = "sqrt"), data = s); glmstats(m); writecase("insectsprays-sqrt")
m <- glm(count ~ spray, family = poisson(link = "identity"), data = s); glmstats(m); writecase("insectsprays-identity")

# 4. MASS quine: glm.nb (theta by ML), robust (HC0/HC1; sandwich treats theta as fixed); fixed theta; NB LR test.
q <- data.frame(Days = quine$Days, Eth = bytelevels(quine$Eth), Sex = bytelevels(quine$Sex),
                Age = bytelevels(quine$Age), Lrn = bytelevels(quine$Lrn))
writedata(q, "quine")
m <- glm.nb(Days ~ Eth + Sex + Age + Lrn, data = q)
glmstats(m); robust(m); writecase("quine-nb")
# R's summary.glm would estimate a Pearson dispersion for this family; CareStat fixes it at 1 as glm.nb does.
m <- glm(Days ~ Eth + Sex + Age + Lrn, family = negative.binomial(theta = 1.5), data = q)
glmstats(m, dispersion = 1); writecase("quine-nb-fixed")
n1 <- glm.nb(Days ~ Eth + Sex, data = q); n2 <- glm.nb(Days ~ Eth + Sex + Age + Lrn, data = q)
add("lrt", "statistic", 2 * (as.numeric(logLik(n2)) - as.numeric(logLik(n1))))
add("lrt", "df", n2$rank - n1$rank)
add("lrt", "p", pchisq(2 * (as.numeric(logLik(n2)) - as.numeric(logLik(n1))), n2$rank - n1$rank, lower.tail = FALSE))
a <- anova(n1, n2); add("lrt", "anova_statistic", a$`LR stat.`[2]); add("lrt", "anova_p", a$`Pr(Chi)`[2])
writecase("quine-nb-lrt")

# 5. MASS Insurance: Poisson rates with offset(log(Holders)); NB with offset.
ins <- data.frame(Claims = Insurance$Claims, Holders = Insurance$Holders, District = bytelevels(paste0("D", Insurance$District)),
                  Group = bytelevels(Insurance$Group), Age = bytelevels(Insurance$Age))
writedata(ins, "insurance")
m <- glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson, data = ins)
glmstats(m); robust(m, cluster = ~District); writecase("insurance-offset")
m <- glm.nb(Claims ~ District + Group + Age + offset(log(Holders)), data = ins)
glmstats(m); writecase("insurance-nb-offset")

# 6. mtcars: 0/1 logistic, prior weights, rank deficiency (a column that is a combination of others).
mt <- data.frame(am = mtcars$am, vs = mtcars$vs, wt = mtcars$wt, hp = mtcars$hp, cyl = mtcars$cyl, gear = mtcars$gear)
mt$combo <- 2 * mt$wt + mt$hp / 100
mt$w <- rep(c(1, 3, 2, 0.5), 8)
mt$w0 <- rep(c(1, 0, 2, 1), 8)   # zero prior weights: rows left out of the fit but counted in n
mt$mpg <- mtcars$mpg
# Near-collinear columns: near1 differs from wt by 1e-6 (kept by R's rule, tolerance 1e-11 relative),
# near2 from hp by about 1e-12 (its part orthogonal to hp is ~1e-14 of its norm, below the tolerance: aliased).
mt$near1 <- mt$wt + 1e-6 * rep(c(1, -1, 0, 2), 8)
mt$near2 <- mt$hp + 1e-12 * rep(c(1, -1, 0, 2), 8)
writedata(mt, "mtcars")
m <- glm(vs ~ wt + hp, family = binomial, data = mt); glmstats(m); robust(m, cluster = ~cyl); writecase("mtcars-logit")
m <- glm(vs ~ wt + hp, family = binomial, weights = w, data = mt); glmstats(m); writecase("mtcars-logit-weights")
m <- glm(vs ~ wt + hp, family = binomial, weights = w0, data = mt); glmstats(m); writecase("mtcars-logit-zero-weights")
# R's gaussian aic() subtracts sum(log(weights)), so a zero weight makes AIC +Inf and logLik -Inf; CareStat follows.
m <- glm(mpg ~ wt + hp, family = gaussian, weights = w0, data = mt); glmstats(m); writecase("mtcars-gaussian-zero-weights")
m <- glm(vs ~ wt + combo + hp, family = binomial, data = mt); glmstats(m); writecase("mtcars-rank-deficient")
m <- glm(vs ~ wt + hp + combo, family = poisson, data = mt); glmstats(m); writecase("mtcars-rank-deficient-poisson")
mtr <- read.csv("data-mtcars.csv")   # fit the values exactly as written (15 significant digits)
m <- glm(vs ~ wt + near1 + hp + near2, family = binomial, data = mtr); glmstats(m); writecase("mtcars-near-collinear")

# 7. Separation: complete (x separates y) and quasi-complete (one tie at the boundary).
sep <- data.frame(x = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), z = c(0.5, -1, 2, 0, 1.5, -0.5, 1, 0.3, -2, 0.7),
                  y = c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1), yq = c(0, 0, 0, 0, 1, 0, 1, 1, 1, 1),
                  g = c("a", "a", "a", "b", "b", "b", "c", "c", "c", "c"))
sep$yg <- ifelse(sep$g == "a", 0, c(0, 0, 0, 1, 0, 1, 1, 0, 1, 1))
writedata(sep, "separation")
m <- suppressWarnings(glm(yg ~ z + g, family = binomial, data = sep)); glmstats(m); writecase("separation-quasi-factor")

# 8. infert: average predictions and average marginal effects by education level, delta-method SEs
#    (written out by hand: gradient of the mean of g^-1(X_k beta) is the mean of mu.eta(eta) x_k).
inf <- data.frame(case = infert$case, education = bytelevels(infert$education), age = infert$age,
                  spontaneous = infert$spontaneous, induced = infert$induced)
writedata(inf, "infert")
m <- glm(case ~ education + age + spontaneous + induced, family = binomial, data = inf)
glmstats(m)
V <- vcov(m); b <- coef(m); fam <- family(m)
cf <- function(d) { mm <- model.matrix(delete.response(terms(m)), d, xlev = m$xlevels); eta <- drop(mm %*% b)
  list(p = mean(fam$linkinv(eta)), g = colMeans(fam$mu.eta(eta) * mm)) }
lev <- levels(inf$education)
pr <- lapply(lev, function(l) { d <- inf; d$education <- factor(l, levels = lev); cf(d) })
for (k in seq_along(lev)) { add("avgpred", lev[k], pr[[k]]$p); add("avgpred_se", lev[k], sqrt(drop(t(pr[[k]]$g) %*% V %*% pr[[k]]$g))) }
for (k in seq_along(lev)[-1]) { g <- pr[[k]]$g - pr[[1]]$g
  add("ame", lev[k], pr[[k]]$p - pr[[1]]$p); add("ame_se", lev[k], sqrt(drop(t(g) %*% V %*% g))) }
g <- pr[[3]]$g - pr[[2]]$g
add("contrast", paste(lev[3], "-", lev[2]), pr[[3]]$p - pr[[2]]$p); add("contrast_se", paste(lev[3], "-", lev[2]), sqrt(drop(t(g) %*% V %*% g)))
d <- inf; d$age <- 30; d$spontaneous <- 0; r <- cf(d)
add("profile", "age=30,spontaneous=0", r$p); add("profile_se", "age=30,spontaneous=0", sqrt(drop(t(r$g) %*% V %*% r$g)))
writecase("infert-margins")

# 9. Step halving: Gamma(identity) whose IRLS steps reach negative means (deviance NaN): R halves the step
#    ("step size truncated due to divergence") and stops at maxit = 25 without converging. And two data sets where
#    R stops with "no valid set of coefficients has been found" (the first step is already invalid).
h <- data.frame(x = 1:8, y = c(2, 1, 1, 0.5, 3, 8, 15, 30), ybad = c(1, 1, 2, 2, 3, 8, 15, 30))
writedata(h, "halving")
m <- suppressWarnings(glm(y ~ x, family = Gamma(link = "identity"), data = h))
add("coef", names(coef(m)), coef(m)); add("stat", "iterations", m$iter); add("stat", "converged", as.numeric(m$converged))
add("stat", "deviance", deviance(m))
writecase("halving-gamma-identity")
stopifnot(inherits(try(glm(ybad ~ x, family = poisson(link = "identity"), data = h), silent = TRUE), "try-error"))

# Reference values for the ordered (proportional-odds) and multinomial logit tests.
# Run from this directory: Rscript make-categorical-fixtures.R
# Writes housing.csv, care.csv (data), categorical-levels.csv (factor level orders) and
# categorical-reference.csv (dataset, model, link, quantity, name, value) at full precision.
#
# Ordinal references come from ordinal::clm (Newton with analytic Hessian, tightened: gradTol = 1e-10,
# relTol = 1e-12); its vcov is the inverse of the analytic observed information. MASS::polr with
# reltol = 1e-14 is fitted as a cross-check (its Hessian is numerical, from optimHess, so its SEs agree only to
# about 1e-5). Multinomial references come from the Poisson log-linear equivalent fitted by glm with
# epsilon = 1e-15 (Birch 1963; Palmgren 1981: the same MLE and the same SEs for the multinomial parameters),
# cross-checked against nnet::multinom(reltol = 1e-14, maxit = 1000) and summary(multinom) SEs.
suppressPackageStartupMessages({ library(MASS); library(nnet); library(ordinal) })
f17 <- function(x) sprintf("%.17g", x)
out <- list()
add <- function(dataset, model, link, quantity, name, value) {
  out[[length(out) + 1L]] <<- data.frame(dataset = dataset, model = model, link = link, quantity = quantity,
                                         name = name, value = f17(value), stringsAsFactors = FALSE)
}
levrows <- list()
addlev <- function(dataset, column, f) {
  levrows[[length(levrows) + 1L]] <<- data.frame(dataset = dataset, column = column, position = seq_along(levels(f)),
                                               level = levels(f), stringsAsFactors = FALSE)
}

## Data ---------------------------------------------------------------------------------------------------------
housing <- MASS::housing
write.csv(housing, "housing.csv", row.names = FALSE, quote = FALSE)
for (v in c("Sat", "Infl", "Type", "Cont")) addlev("housing", v, housing[[v]])

set.seed(20261121)
n <- 400
care <- data.frame(
  intervention = factor(sample(c("none", "referral", "CIN", "CPP", "LAC"), n, replace = TRUE,
                               prob = c(.35, .25, .2, .1, .1)),
                        levels = c("none", "referral", "CIN", "CPP", "LAC")),
  age = round(runif(n, 10, 17.99), 2))
eta <- c(none = 0, referral = 0.3, CIN = 0.7, CPP = 1.1, LAC = 1.6)[as.character(care$intervention)] +
  0.25 * (care$age - 14)
u <- runif(n)
lat <- eta + log(u / (1 - u))
care$disposal <- factor(cut(lat, c(-Inf, 0, 1.5, Inf), labels = c("caution", "noncustodial", "custodial")),
                        levels = c("caution", "noncustodial", "custodial"), ordered = TRUE)
care$convictions <- factor(ifelse(runif(n) < plogis(-1 + 0.4 * (care$age - 14)), "one",
                           ifelse(runif(n) < 0.3 + 0.1 * as.integer(care$intervention), "two_plus", "none")),
                           levels = c("none", "one", "two_plus"))
write.csv(care, "care.csv", row.names = FALSE, quote = FALSE)
for (v in c("intervention", "disposal", "convictions")) addlev("care", v, care[[v]])

## Ordinal ------------------------------------------------------------------------------------------------------
ctl <- clm.control(gradTol = 1e-10, relTol = 1e-12, maxIter = 1000L)
ordinal_refs <- function(dataset, data, formula, weights, profiles) {
  for (link in c("logit", "probit", "cloglog")) {
    data$.w <- if (is.null(weights)) 1 else data[[weights]]
    fit <- clm(formula, data = data, weights = .w, link = link, control = ctl)
    stopifnot(fit$convergence$code == 0)
    th <- fit$alpha; be <- fit$beta; se <- sqrt(diag(vcov(fit)))
    for (k in seq_along(th)) { add(dataset, "ologit", link, "threshold", names(th)[k], th[k])
                               add(dataset, "ologit", link, "threshold_se", names(th)[k], se[names(th)[k]]) }
    for (k in seq_along(be)) { add(dataset, "ologit", link, "beta", names(be)[k], be[k])
                               add(dataset, "ologit", link, "beta_se", names(be)[k], se[names(be)[k]]) }
    add(dataset, "ologit", link, "loglik", "", as.numeric(logLik(fit)))
    add(dataset, "ologit", link, "aic", "", AIC(fit))
    # polr cross-check (BFGS with tight reltol; numerical Hessian)
    method <- c(logit = "logistic", probit = "probit", cloglog = "cloglog")[[link]]
    pfit <- polr(formula, data = data, weights = .w, method = method, Hess = TRUE,
                 control = list(reltol = 1e-14, maxit = 1000))
    cat(sprintf("%s %s: max |clm - polr| coef %.2e, zeta %.2e, loglik %.2e, rel SE %.2e\n", dataset, link,
                max(abs(coef(pfit) - be)), max(abs(pfit$zeta - th)), abs(logLik(pfit) - logLik(fit)),
                max(abs(sqrt(diag(vcov(pfit)))[names(be)] / se[names(be)] - 1))))
    # predicted probabilities for covariate profiles
    pr <- predict(fit, newdata = profiles, type = "prob")$fit
    for (i in seq_len(nrow(pr))) for (k in seq_len(ncol(pr)))
      add(dataset, "ologit", link, "prob", sprintf("%d|%s", i, colnames(pr)[k]), pr[i, k])
    {  # every link
      # Parallel-lines LR tests as ordinal::nominal_test: each term in turn gets threshold-specific effects
      # (clm's nominal = ~ term), plus all terms at once. nominal_test itself refits via update() and so cannot
      # be called inside this function. At top level, nominal_test(clm(Sat ~ Infl + Type + Cont, weights = Freq,
      # data = housing)) gives LRT 1.1065 (Infl), 5.7337 (Type), 2.4446 (Cont), as these fits do.
      labels <- attr(terms(formula), "term.labels")
      for (term in c(labels, "(all)")) {
        nom <- as.formula(paste("~", if (term == "(all)") paste(labels, collapse = " + ") else term))
        f1 <- clm(formula, nominal = nom, data = data, weights = .w, link = link, control = ctl)
        stopifnot(f1$convergence$code == 0)
        lrt <- 2 * (as.numeric(logLik(f1)) - as.numeric(logLik(fit)))
        df <- length(coef(f1)[!is.na(coef(f1))]) - length(coef(fit))
        add(dataset, "ologit", link, "nominal_lrt", term, lrt)
        add(dataset, "ologit", link, "nominal_df", term, df)
        add(dataset, "ologit", link, "nominal_p", term, pchisq(lrt, df, lower.tail = FALSE))
        add(dataset, "ologit", link, "nominal_loglik", term, as.numeric(logLik(f1)))
      }
    }
  }
}

hprof <- data.frame(Infl = factor(c("Low", "High", "Medium"), levels = levels(housing$Infl)),
                    Type = factor(c("Tower", "Terrace", "Atrium"), levels = levels(housing$Type)),
                    Cont = factor(c("Low", "High", "High"), levels = levels(housing$Cont)))
write.csv(hprof, "housing-profiles.csv", row.names = FALSE, quote = FALSE)
ordinal_refs("housing", housing, Sat ~ Infl + Type + Cont, "Freq", hprof)
cprof <- data.frame(intervention = factor(c("none", "CPP", "LAC"), levels = levels(care$intervention)),
                    age = c(12, 15.5, 17))
write.csv(cprof, "care-profiles.csv", row.names = FALSE, quote = FALSE)
ordinal_refs("care", care, disposal ~ intervention + age, NULL, cprof)
# Five response categories (K - 1 = 4 thresholds): the intervention level itself as the outcome.
c5prof <- data.frame(age = c(11, 14.5, 17.5), convictions = factor(c("none", "one", "two_plus"), levels = levels(care$convictions)))
write.csv(c5prof, "care5-profiles.csv", row.names = FALSE, quote = FALSE)
ordinal_refs("care5", care, intervention ~ age + convictions, NULL, c5prof)

## Multinomial --------------------------------------------------------------------------------------------------
multinom_refs <- function(dataset, data, y, rhs, weights, profiles) {
  data$.w <- if (is.null(weights)) 1 else data[[weights]]
  data$.id <- factor(seq_len(nrow(data)))
  lev <- levels(data[[y]])
  # Long (Poisson) form: one row per observation and category; count = weight if observed category else 0.
  long <- data[rep(seq_len(nrow(data)), each = length(lev)), ]
  long$.cat <- factor(rep(lev, nrow(data)), levels = lev)
  long$.count <- ifelse(as.character(long[[y]]) == as.character(long$.cat), long$.w, 0)
  X <- model.matrix(as.formula(paste("~", rhs)), data)
  # Multinomial columns: for category k > 1, (category == k) * x_j; plus one nuisance intercept per observation.
  Xl <- X[rep(seq_len(nrow(data)), each = length(lev)), , drop = FALSE]
  Z <- do.call(cbind, lapply(lev[-1], function(k) { z <- Xl * (long$.cat == k); colnames(z) <- paste0(k, "|", colnames(X)); z }))
  keep <- long$.w > 0  # zero-weight observations carry no information
  D <- cbind(model.matrix(~ 0 + .id, long), Z)[keep, ]
  g <- glm.fit(D, long$.count[keep], family = poisson(), control = glm.control(epsilon = 1e-15, maxit = 100))
  stopifnot(g$converged)
  cf <- g$coefficients
  R <- qr.R(g$qr)[seq_len(ncol(D)), seq_len(ncol(D))]
  V <- chol2inv(R); dimnames(V) <- list(colnames(D)[g$qr$pivot], colnames(D)[g$qr$pivot])
  B <- matrix(NA_real_, length(lev) - 1, ncol(X), dimnames = list(lev[-1], colnames(X)))
  S <- B
  for (k in lev[-1]) for (j in colnames(X)) {
    nm <- paste0(k, "|", j)
    B[k, j] <- cf[[nm]]; S[k, j] <- sqrt(V[nm, nm])
  }
  eta <- cbind(0, X %*% t(B)); P <- exp(eta - apply(eta, 1, max)); P <- P / rowSums(P)
  yi <- as.integer(data[[y]])
  ll <- sum(data$.w * log(P[cbind(seq_len(nrow(data)), yi)]))
  m <- multinom(as.formula(paste(y, "~", rhs)), data = data, weights = .w, reltol = 1e-14, maxit = 1000, trace = FALSE)
  cat(sprintf("%s multinom vs Poisson glm: max |coef diff| %.2e, rel SE %.2e, loglik diff %.2e\n", dataset,
              max(abs(coef(m) - B)), max(abs(summary(m)$standard.errors / S - 1)), abs(as.numeric(logLik(m)) - ll)))
  for (k in lev[-1]) for (j in colnames(X)) {
    add(dataset, "mlogit", "", "beta", paste0(k, "|", j), B[k, j])
    add(dataset, "mlogit", "", "beta_se", paste0(k, "|", j), S[k, j])
  }
  add(dataset, "mlogit", "", "loglik", "", ll)
  add(dataset, "mlogit", "", "aic", "", -2 * ll + 2 * length(B))
  Xp <- model.matrix(as.formula(paste("~", rhs)), profiles)
  ep <- cbind(0, Xp %*% t(B)); Pp <- exp(ep); Pp <- Pp / rowSums(Pp)
  pm <- predict(m, newdata = profiles, type = "probs")
  cat(sprintf("%s multinom predict vs Poisson-glm probabilities: %.2e\n", dataset, max(abs(pm - Pp))))
  for (i in seq_len(nrow(Pp))) for (k in seq_along(lev)) add(dataset, "mlogit", "", "prob", sprintf("%d|%s", i, lev[k]), Pp[i, k])
}
multinom_refs("housing", housing, "Sat", "Infl + Type + Cont", "Freq", hprof)
multinom_refs("care", care, "convictions", "intervention + age", NULL, cprof)
multinom_refs("care5", care, "intervention", "age + convictions", NULL, c5prof)

write.csv(do.call(rbind, out), "categorical-reference.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, levrows), "categorical-levels.csv", row.names = FALSE, quote = FALSE)

# Reference values for the cluster-robust (sandwich) variances of the ordered and multinomial logit models.
# Run from this directory: Rscript make-robust-categorical.R   (R 4.2.2, sandwich 3.0-2, ordinal, MASS, nnet)
# Writes robust-categorical.csv (the data) and robust-categorical-reference.csv
# (model, link, quantity, name, value at %.17g).
#
# Data: 3,000 children in 60 local authorities (la). dep is an LA-level covariate, grp a row-level factor
# (a, b, c), age a row-level number; a normal LA random effect (sd 0.8) makes the rows of an LA correlated, so
# cluster-robust and model-based SEs of dep differ clearly. 25 rows have a missing la: the models are fitted in
# R to the rows with an la (as CareStat drops them as incomplete cases when clustering by la), and the tests
# fit CareStat to the whole file.
#
# Ordinal references: ordinal::clm, Newton with the analytic Hessian, tightened (gradTol 1e-10, relTol 1e-12),
# links logit, probit, cloglog. The cluster-robust covariance is sandwich::vcovCL(fit, cluster = la) with its
# defaults for a clm object: type = "HC0" (vcovCL uses HC1 only for objects of class "lm"), cadjust = TRUE, i.e.
# V = G/(G - 1) * B (sum_g u_g u_g') B with B = vcov(fit) and u_g the sum of estfun(fit) over cluster g.
# It is checked against that formula written out here, and against vcovCL on MASS::polr (whose vcov comes from
# a finite-difference Hessian, so it agrees only to about 1e-5). "hc0" is sandwich::sandwich(fit) (no
# small-sample factor), "rowcluster" is vcovCL with every row its own cluster (factor n/(n - 1)).
#
# Multinomial references: sandwich 3.0-2 has no estfun/bread methods for nnet::multinom (vcovCL fails), so the
# sandwich is computed here by hand with the same conventions: Newton-Raphson to full precision from
# multinom's estimates (analytic score and Hessian of the baseline-category logit), B = inverse observed
# information (checked against summary(multinom)$standard.errors), per-row scores (1{y = k} - pi_k) x,
# V = G/(G - 1) * B (sum_g u_g u_g') B (what vcovCL would compute with HC0 and cadjust = TRUE).
suppressPackageStartupMessages({ library(MASS); library(nnet); library(ordinal); library(sandwich) })
f17 <- function(x) sprintf("%.17g", x)
out <- list()
add <- function(model, link, quantity, name, value) {
  out[[length(out) + 1L]] <<- data.frame(model = model, link = link, quantity = quantity, name = name,
                                         value = f17(value), stringsAsFactors = FALSE)
}

## Data ---------------------------------------------------------------------------------------------------------
set.seed(20261121)
G <- 60; n <- 3000
la_dep <- round(rnorm(G), 3)
la_re <- rnorm(G, sd = 0.8)
la_id <- sample(seq_len(G), n, replace = TRUE)
d <- data.frame(la = sprintf("LA%02d", la_id), dep = la_dep[la_id],
                grp = factor(sample(c("a", "b", "c"), n, replace = TRUE, prob = c(.5, .3, .2)), levels = c("a", "b", "c")),
                age = round(runif(n, 10, 17.99), 2))
eta <- 0.5 * d$dep + c(a = 0, b = 0.4, c = -0.3)[as.character(d$grp)] + 0.15 * (d$age - 14) + la_re[la_id]
lat <- eta + rlogis(n)
d$y <- factor(cut(lat, c(-Inf, -0.5, 0.8, 2, Inf), labels = c("none", "one", "two", "three")),
              levels = c("none", "one", "two", "three"), ordered = TRUE)
# Multinomial outcome: baseline "none", categories "custody", "community".
e1 <- -1 + 0.6 * d$dep + 0.5 * (d$grp == "b") + la_re[la_id]
e2 <- -0.5 - 0.4 * d$dep + 0.1 * (d$age - 14) - 0.7 * la_re[la_id]
P <- cbind(1, exp(e1), exp(e2)); P <- P / rowSums(P)
d$m <- factor(c("none", "custody", "community")[apply(P, 1, function(p) sample.int(3, 1, prob = p))],
              levels = c("none", "custody", "community"))
d$la[sample.int(n, 25)] <- NA
d$w <- sample(1:3, n, replace = TRUE)  # frequency weights for the weighted cases
write.csv(d[, c("y", "m", "la", "dep", "grp", "age", "w")], "robust-categorical.csv", row.names = FALSE,
          quote = FALSE, na = "NA")
cc <- d[!is.na(d$la), ]
Gcc <- length(unique(cc$la)); ncc <- nrow(cc)
cat(sprintf("rows %d, complete %d, clusters %d\n", n, ncc, Gcc))
swiftName <- function(x) sub("^grp", "grp=", x)

## Ordinal ------------------------------------------------------------------------------------------------------
ctl <- clm.control(gradTol = 1e-10, relTol = 1e-12, maxIter = 1000L)
for (link in c("logit", "probit", "cloglog")) {
  fit <- clm(y ~ dep + grp + age, data = cc, link = link, control = ctl)
  stopifnot(fit$convergence$code == 0)
  B <- vcov(fit)
  ef <- estfun(fit)
  stopifnot(identical(colnames(ef), colnames(B)))
  U <- rowsum(ef, cc$la)
  byhand <- Gcc / (Gcc - 1) * B %*% crossprod(U) %*% B
  vcl <- vcovCL(fit, cluster = cc$la)
  hc0 <- sandwich(fit)
  rowcl <- vcovCL(fit, cluster = seq_len(ncc))
  method <- c(logit = "logistic", probit = "probit", cloglog = "cloglog")[[link]]
  pfit <- polr(y ~ dep + grp + age, data = cc, method = method, Hess = TRUE, control = list(reltol = 1e-14, maxit = 1000))
  pcl <- vcovCL(pfit, cluster = cc$la)
  nm <- colnames(B)
  cat(sprintf("%s: vcovCL vs by hand %.2e; polr vcovCL vs clm rel SE %.2e; HC0*n/(n-1) vs rowcluster %.2e; SE(dep) model %.4f cluster %.4f\n",
              link, max(abs(vcl - byhand) / abs(byhand)),
              max(abs(sqrt(diag(pcl))[c("dep", "grpb", "grpc", "age")] / sqrt(diag(vcl))[c("dep", "grpb", "grpc", "age")] - 1)),
              max(abs(hc0 * ncc / (ncc - 1) - rowcl) / abs(rowcl)),
              sqrt(B["dep", "dep"]), sqrt(vcl["dep", "dep"])))
  est <- c(fit$alpha, fit$beta)
  for (j in nm) {
    add("ologit", link, "estimate", swiftName(j), est[[j]])
    add("ologit", link, "model_se", swiftName(j), sqrt(B[j, j]))
    add("ologit", link, "cluster_se", swiftName(j), sqrt(vcl[j, j]))
    add("ologit", link, "hc0_se", swiftName(j), sqrt(hc0[j, j]))
  }
  add("ologit", link, "cluster_cov", "dep:age", vcl["dep", "age"])
  add("ologit", link, "cluster_cov", "none|one:dep", vcl["none|one", "dep"])
  # Weighted: estfun multiplies each row's score by its weight; vcov is the weighted inverse information.
  wfit <- clm(y ~ dep + grp + age, data = cc, weights = w, link = link, control = ctl)
  stopifnot(wfit$convergence$code == 0)
  wcl <- vcovCL(wfit, cluster = cc$la)
  wbyhand <- Gcc / (Gcc - 1) * vcov(wfit) %*% crossprod(rowsum(estfun(wfit), cc$la)) %*% vcov(wfit)
  cat(sprintf("%s weighted: vcovCL vs by hand %.2e\n", link, max(abs(wcl - wbyhand) / abs(wbyhand))))
  wes <- c(wfit$alpha, wfit$beta)
  for (j in colnames(wcl)) {
    add("ologit", link, "weighted_estimate", swiftName(j), wes[[j]])
    add("ologit", link, "weighted_cluster_se", swiftName(j), sqrt(wcl[j, j]))
  }
}

## Multinomial --------------------------------------------------------------------------------------------------
X <- model.matrix(~ dep + grp + age, cc)
lev <- levels(cc$m); K <- length(lev); p <- ncol(X)
Y <- outer(as.integer(cc$m), seq_len(K), "==") * 1
m0 <- multinom(m ~ dep + grp + age, data = cc, reltol = 1e-14, maxit = 1000, trace = FALSE)
beta <- as.vector(t(coef(m0)))  # category by category: (k - 1) * p + j
probs <- function(beta) {
  Bm <- matrix(beta, nrow = p)  # column k - 1 holds beta_k
  eta <- cbind(0, X %*% Bm)
  P <- exp(eta - apply(eta, 1, max)); P / rowSums(P)
}
scores <- function(beta, wt = rep(1, nrow(X))) {
  P <- probs(beta)
  do.call(cbind, lapply(2:K, function(k) wt * (Y[, k] - P[, k]) * X))
}
information <- function(beta, wt = rep(1, nrow(X))) {
  P <- probs(beta)
  H <- matrix(0, (K - 1) * p, (K - 1) * p)
  for (k in 2:K) for (l in 2:K) {
    w <- wt * P[, k] * ((k == l) - P[, l])
    H[(k - 2) * p + seq_len(p), (l - 2) * p + seq_len(p)] <- crossprod(X * w, X)
  }
  H
}
for (it in 1:50) {
  step <- solve(information(beta), colSums(scores(beta)))
  beta <- beta + step
  if (max(abs(step)) < 1e-15 * max(1, max(abs(beta)))) break
}
cat(sprintf("multinomial Newton: %d iterations, last step %.2e, max |beta - multinom| %.2e\n", it,
            max(abs(step)), max(abs(beta - as.vector(t(coef(m0)))))))
B <- solve(information(beta))
nm <- as.vector(sapply(lev[-1], function(k) paste0(k, "|", swiftName(colnames(X)))))
dimnames(B) <- list(nm, nm)
cat(sprintf("multinomial model SE vs summary(multinom): rel %.2e\n",
            max(abs(sqrt(diag(B)) / as.vector(t(summary(m0)$standard.errors)) - 1))))
S <- scores(beta)
U <- rowsum(S, cc$la)
V <- Gcc / (Gcc - 1) * B %*% crossprod(U) %*% B
H0 <- B %*% crossprod(S) %*% B
for (j in seq_along(nm)) {
  add("mlogit", "", "estimate", nm[j], beta[j])
  add("mlogit", "", "model_se", nm[j], sqrt(B[j, j]))
  add("mlogit", "", "cluster_se", nm[j], sqrt(V[j, j]))
  add("mlogit", "", "hc0_se", nm[j], sqrt(H0[j, j]))
}
cat(sprintf("multinomial SE(custody|dep) model %.4f cluster %.4f\n", sqrt(B[2, 2]), sqrt(V[2, 2])))
# Weighted (frequency weights w): scores and information multiplied by w, as estfun/vcov would for weights.
wm <- multinom(m ~ dep + grp + age, data = cc, weights = w, reltol = 1e-14, maxit = 1000, trace = FALSE)
wbeta <- as.vector(t(coef(wm)))
for (it in 1:50) {
  step <- solve(information(wbeta, cc$w), colSums(scores(wbeta, cc$w)))
  wbeta <- wbeta + step
  if (max(abs(step)) < 1e-15 * max(1, max(abs(wbeta)))) break
}
WB <- solve(information(wbeta, cc$w))
cat(sprintf("weighted multinomial: max |beta - multinom| %.2e, model SE vs summary rel %.2e\n",
            max(abs(wbeta - as.vector(t(coef(wm))))),
            max(abs(sqrt(diag(WB)) / as.vector(t(summary(wm)$standard.errors)) - 1))))
WV <- Gcc / (Gcc - 1) * WB %*% crossprod(rowsum(scores(wbeta, cc$w), cc$la)) %*% WB
for (j in seq_along(nm)) {
  add("mlogit", "", "weighted_estimate", nm[j], wbeta[j])
  add("mlogit", "", "weighted_cluster_se", nm[j], sqrt(WV[j, j]))
}
add("meta", "", "clusters", "", Gcc)
add("meta", "", "rows", "", ncc)
write.csv(do.call(rbind, out), "robust-categorical-reference.csv", row.names = FALSE, quote = FALSE)

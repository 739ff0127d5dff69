# Reference values for MixedModelFit margins (average predictions at random effects zero, delta-method SEs),
# computed from glmmTMB's fit of cbpp: cbind(incidence, failures) ~ factor(period) + (1 | herd), binomial.
# For each period level l: p_l = mean_i plogis(x_i(l)' beta) over the 56 rows, with period set to l in every row;
# gradient g_l = mean_i dlogis(eta_i) x_i(l); SE = sqrt(g' V g), V = vcov(fit)$cond. Contrasts: p_b - p_a with
# gradient g_b - g_a. (This is marginaleffects::avg_predictions(fit, variables = "period", re.form = NA),
# written out because marginaleffects is not packaged for Debian.)
# Run: Rscript make-margins-fixtures.R   (writes margins-reference.csv)
suppressMessages(library(glmmTMB))
cb <- read.csv("cbpp.csv")
cb$period <- factor(cb$period)
fit <- glmmTMB(cbind(incidence, failures) ~ period + (1 | herd), data = cb, family = binomial,
               control = glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-14)))
beta <- fixef(fit)$cond
V <- vcov(fit)$cond
levs <- levels(cb$period)
p <- numeric(0); g <- list()
for (l in levs) {
  d <- cb; d$period <- factor(rep(l, nrow(d)), levels = levs)
  X <- model.matrix(~ period, d)
  eta <- drop(X %*% beta)
  p[l] <- mean(plogis(eta))
  g[[l]] <- colMeans(dlogis(eta) * X)
}
f17 <- function(x) sprintf("%.17g", x)
rows <- list()
for (l in levs) rows[[length(rows) + 1]] <- data.frame(label = paste0("period=", l), estimate = f17(p[l]),
  std_error = f17(sqrt(drop(t(g[[l]]) %*% V %*% g[[l]]))))
for (a in seq_along(levs)) for (b in seq_along(levs)) if (b > a) {
  gg <- g[[levs[b]]] - g[[levs[a]]]
  rows[[length(rows) + 1]] <- data.frame(label = paste0("period=", levs[b], " − period=", levs[a]),
    estimate = f17(p[levs[b]] - p[levs[a]]), std_error = f17(sqrt(drop(t(gg) %*% V %*% gg))))
}
write.csv(do.call(rbind, rows), "margins-reference.csv", row.names = FALSE, fileEncoding = "UTF-8")

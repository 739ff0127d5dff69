# Reference values for the Optimization tests. Run from this directory:  Rscript make-fixtures.R
# Writes r-reference.csv with columns case,key,value (values printed with %.17g).
# The Swift tests compare optima and objective values with stated tolerances, not iteration paths.
options(digits = 17)
rows <- list()
put <- function(case, key, value) {
  for (i in seq_along(value)) {
    k <- if (length(value) > 1) paste0(key, i) else key
    rows[[length(rows) + 1]] <<- data.frame(case = case, key = k, value = sprintf("%.17g", value[i]))
  }
}

# 1. Rosenbrock from (-1.2, 1) (R's ?optim example). Written with x*x so R and Swift evaluate identically.
fr <- function(x) 100 * (x[2] - x[1] * x[1]) * (x[2] - x[1] * x[1]) + (1 - x[1]) * (1 - x[1])
grr <- function(x) c(-400 * x[1] * (x[2] - x[1] * x[1]) - 2 * (1 - x[1]), 200 * (x[2] - x[1] * x[1]))
o <- optim(c(-1.2, 1), fr, method = "Nelder-Mead")
put("rosenbrock_nm", "par", o$par); put("rosenbrock_nm", "value", o$value)
put("rosenbrock_nm", "fncount", o$counts[["function"]]); put("rosenbrock_nm", "convergence", o$convergence)
o <- optim(c(-1.2, 1), fr, grr, method = "L-BFGS-B")
put("rosenbrock_lbfgsb", "par", o$par); put("rosenbrock_lbfgsb", "value", o$value)
put("rosenbrock_lbfgsb", "convergence", o$convergence)

# 2. 25-dimensional box-constrained problem from R's ?optim ("flb"), bounds [2, 4]; many bounds active.
flb <- function(x) { p <- length(x); sum(c(1, rep(4, p - 1)) * (x - c(1, x[-p])^2)^2) }
glb <- function(x) {
  p <- length(x); r <- x - c(1, x[-p])^2; w <- c(1, rep(4, p - 1))
  g <- 2 * w * r
  g[-p] <- g[-p] - 2 * w[-1] * r[-1] * 2 * x[-p]
  g
}
o <- optim(rep(3, 25), flb, glb, method = "L-BFGS-B", lower = rep(2, 25), upper = rep(4, 25))
put("flb25_lbfgsb", "par", o$par); put("flb25_lbfgsb", "value", o$value)
put("flb25_lbfgsb", "convergence", o$convergence)

# 3. Bounded quadratic 0.5 x'Ax - b'x on [0, 2]^3 with active bounds.
A <- matrix(c(4, 1, 0, 1, 3, 1, 0, 1, 2), 3, 3); b <- c(1, -8, 3)
fq <- function(x) 0.5 * sum(x * (A %*% x)) - sum(b * x)
gq <- function(x) as.vector(A %*% x) - b
o <- optim(c(1, 1, 1), fq, gq, method = "L-BFGS-B", lower = rep(0, 3), upper = rep(2, 3),
           control = list(factr = 10, pgtol = 0))
put("quad3_lbfgsb", "par", o$par); put("quad3_lbfgsb", "value", o$value)

# 4. Optimum at a corner: (x+1)^2 + (y-5)^2 on [0,1] x [0,2]; solution (0, 2).
fc <- function(x) (x[1] + 1)^2 + (x[2] - 5)^2
gc <- function(x) c(2 * (x[1] + 1), 2 * (x[2] - 5))
o <- optim(c(0.5, 1), fc, gc, method = "L-BFGS-B", lower = c(0, 0), upper = c(1, 2))
put("corner_lbfgsb", "par", o$par); put("corner_lbfgsb", "value", o$value)

# 5. Logistic regression negative log-likelihood: mtcars am ~ wt + hp (scaled hp/100).
X <- cbind(1, mtcars$wt, mtcars$hp / 100); y <- mtcars$am
nll <- function(beta) { eta <- as.vector(X %*% beta); sum(log1p(exp(eta)) - y * eta) }
gnll <- function(beta) { eta <- as.vector(X %*% beta); as.vector(crossprod(X, plogis(eta) - y)) }
write.csv(data.frame(wt = mtcars$wt, hp100 = mtcars$hp / 100, am = y), "logistic-data.csv", row.names = FALSE)
fit <- glm(am ~ wt + I(hp / 100), family = binomial, data = mtcars, control = glm.control(epsilon = 1e-14, maxit = 100))
put("logistic_glm", "coef", unname(coef(fit))); put("logistic_glm", "nll", nll(coef(fit)))
o <- optim(c(0, 0, 0), nll, gnll, method = "L-BFGS-B")
put("logistic_lbfgsb", "par", o$par); put("logistic_lbfgsb", "value", o$value)
o <- optim(c(0, 0, 0), nll, method = "Nelder-Mead", control = list(maxit = 2000))
put("logistic_nm", "par", o$par); put("logistic_nm", "value", o$value)

# 6. optimize(): R's ?optimize example and a multimodal function on an interval.
o <- optimize(function(x) (x - 1/3)^2, c(0, 1))
put("optimize_quad", "minimum", o$minimum); put("optimize_quad", "objective", o$objective)
o <- optimize(function(x) sin(x) + cos(2 * x), c(0, 3), tol = 1e-10)
put("optimize_trig", "minimum", o$minimum); put("optimize_trig", "objective", o$objective)
o <- optimize(function(x) x * log(x) - x, c(0.1, 5), tol = 1e-12)
put("optimize_xlogx", "minimum", o$minimum); put("optimize_xlogx", "objective", o$objective)

# 7. uniroot()
o <- uniroot(function(x) x^3 - x - 1, c(1, 2), tol = 1e-12)
put("uniroot_cubic", "root", o$root); put("uniroot_cubic", "froot", o$f.root)
o <- uniroot(function(x) cos(x) - x, c(0, 1))
put("uniroot_cos_default", "root", o$root); put("uniroot_cos_default", "estimprec", o$estim.prec)
o <- uniroot(function(x) cos(x) - x, c(0, 1), tol = 1e-13)
put("uniroot_cos", "root", o$root)
o <- uniroot(function(x) pnorm(x) - 0.975, c(0, 5), tol = 1e-13)
put("uniroot_pnorm", "root", o$root)

# 8. Marginal likelihoods for adaptive Gauss-Hermite quadrature, by integrate() to rel.tol 1e-13.
# Poisson-normal: y_j ~ Poisson(exp(beta + u)), u ~ N(0, sigma^2).
yp <- c(2, 5, 3, 0, 4); beta <- 0.5; sigma <- 0.8
gp <- function(u) sapply(u, function(ui) exp(sum(dpois(yp, exp(beta + ui), log = TRUE)) + dnorm(ui, 0, sigma, log = TRUE)))
I <- integrate(gp, -Inf, Inf, rel.tol = 1e-13)
put("poisson_normal", "integral", I$value); put("poisson_normal", "abserr", I$abs.error)
# Logistic-normal: y_j ~ Bernoulli(plogis(beta + u)), u ~ N(0, sigma^2).
yl <- c(1, 0, 1, 1, 0, 1, 1); betal <- 0.3; sigmal <- 1.5
gl <- function(u) sapply(u, function(ui) exp(sum(dbinom(yl, 1, plogis(betal + ui), log = TRUE)) + dnorm(ui, 0, sigmal, log = TRUE)))
I <- integrate(gl, -Inf, Inf, rel.tol = 1e-13)
put("logistic_normal", "integral", I$value); put("logistic_normal", "abserr", I$abs.error)
# A sharply peaked case: many Poisson observations (mode far from 0, small scale).
yb <- c(30, 41, 35, 38, 29, 44, 37, 33); betab <- 1; sigmab <- 2
gb <- function(u) sapply(u, function(ui) exp(sum(dpois(yb, exp(betab + ui), log = TRUE)) + dnorm(ui, 0, sigmab, log = TRUE)))
I <- integrate(gb, 1.5, 3.5, rel.tol = 1e-13)   # integrand negligible (< 1e-200 relative) outside [1.5, 3.5]
put("poisson_peaked", "integral", I$value); put("poisson_peaked", "log", log(I$value))

out <- do.call(rbind, rows)
write.csv(out, "r-reference.csv", row.names = FALSE, quote = FALSE)
cat(R.version.string, "\n")

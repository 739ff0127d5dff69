# Reference values for CareStat's LinearAlgebra tests, computed by R (base) with its LAPACK.
# Run from this directory:  Rscript make-fixtures.R   -> writes reference.txt
# Format: one record per line: NAME ROWS COLS v1 v2 ... (column-major, %.17g; NA written as NA).
set.seed(20261121)
out <- file("reference.txt", "w")
put <- function(name, x) {
  x <- as.matrix(x)
  v <- ifelse(is.na(as.vector(x)), "NA", sprintf("%.17g", as.vector(x)))
  writeLines(paste(name, nrow(x), ncol(x), paste(v, collapse = " ")), out)
}
# Symmetric positive definite 6x6
M <- matrix(rnorm(36), 6); A <- crossprod(M) + diag(6)
b <- rnorm(6)
put("spd", A); put("spd_b", b)
put("spd_chol_lower", t(chol(A)))
put("spd_solve", solve(A, b))
put("spd_inverse", solve(A))
put("spd_logdet", determinant(A, logarithm = TRUE)$modulus)
put("spd_rcond_1norm", rcond(A, norm = "O"))
# General square 7x7
G <- matrix(rnorm(49), 7); g <- rnorm(7); B <- matrix(rnorm(14), 7)
put("gen", G); put("gen_b", g); put("gen_B", B)
put("gen_solve", solve(G, g)); put("gen_solveB", solve(G, B)); put("gen_inverse", solve(G))
d <- determinant(G, logarithm = TRUE)
put("gen_logdet", c(d$modulus, d$sign))
put("gen_det", det(G))
put("gen_rcond_1norm", rcond(G, norm = "O"))   # LAPACK dgecon estimate, as CareStat's LU
put("gen_kappa2", kappa(G, exact = TRUE))       # exact 2-norm condition number
# Symmetric eigen (R returns descending; CareStat ascending)
S <- A - 3 * diag(6)
e <- eigen(S, symmetric = TRUE)
put("sym", S); put("sym_values", rev(e$values)); put("sym_vectors", e$vectors[, 6:1])
# SVD of a 9x4 matrix
X <- matrix(rnorm(36), 9)
s <- svd(X)
put("svd_x", X); put("svd_d", s$d); put("svd_u", s$u); put("svd_v", s$v)
# Products
P <- matrix(rnorm(15), 5); Q <- matrix(rnorm(12), 3)
put("prod_p", P); put("prod_q", Q); put("prod_pq", P %*% Q); put("prod_ptp", crossprod(P))
put("prod_pt_v", t(P) %*% c(1, -2, 3, -4, 5))
# Least squares with collinear columns: R's lm.fit (dqrdc2 rule) sets the later aliased column to NA.
n <- 30
x1 <- rnorm(n); x2 <- rnorm(n); x3 <- rnorm(n)
Xc <- cbind(1, x1, x2, x1 + 2 * x2, x3, 0, x3)   # col 4 = x1 + 2 x2, col 6 zero, col 7 = col 5
y <- 1 + 2 * x1 - x2 + 0.5 * x3 + rnorm(n)
f <- lm.fit(Xc, y)
put("ls_x", Xc); put("ls_y", y)
put("ls_coef", f$coefficients); put("ls_fitted", f$fitted.values); put("ls_residuals", f$residuals)
put("ls_rank", f$rank); put("ls_pivot", f$qr$pivot - 1)
est <- f$qr$pivot[seq_len(f$rank)]
put("ls_unscaled_cov", chol2inv(f$qr$qr[seq_len(f$rank), seq_len(f$rank), drop = FALSE]))
# Full-rank least squares, compared with R's lm coefficients, and its unscaled covariance (X'X)^-1
Xf <- cbind(1, x1, x2, x3)
ff <- lm.fit(Xf, y)
put("lsf_x", Xf); put("lsf_y", y); put("lsf_coef", ff$coefficients); put("lsf_xtx_inv", solve(crossprod(Xf)))
# Pivoted Cholesky of a rank-3 PSD 5x5 matrix (R's chol(pivot = TRUE) is LAPACK dpstrf with tol = -1)
W <- matrix(rnorm(15), 5); Cp <- W %*% t(W)
pc <- suppressWarnings(chol(Cp, pivot = TRUE))
put("pchol", Cp); put("pchol_rank", attr(pc, "rank")); put("pchol_pivot", attr(pc, "pivot") - 1)
# Tridiagonal: the Jacobi matrix of Hermite polynomials (Golub-Welsch), n = 10
k <- 10; J <- matrix(0, k, k); for (i in 1:(k - 1)) { J[i, i + 1] <- J[i + 1, i] <- sqrt(i / 2) }
put("tri_off", sqrt((1:(k - 1)) / 2)); put("tri_values", rev(eigen(J, symmetric = TRUE)$values))
close(out)

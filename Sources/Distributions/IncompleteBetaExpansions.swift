import Foundation

/// The expansions of the incomplete beta ratio I_x(a, b) from Didonato & Morris (1992), "Algorithm 708:
/// Significant digit computation of the incomplete beta function ratios", ACM TOMS 18, 360–373, with the log-scale
/// variants (to reach probabilities far below 1e-308) in the manner of R's `toms708.c`. Each routine states the
/// region where the paper proves it accurate; `IncompleteBeta.ratio` chooses among them.
enum IncompleteBetaExpansions {
    static let eps = 2.220446049250313e-16
    /// Largest w for which exp(w) is finite, and most negative w with exp(w) > 0, both with a 1e-5 margin
    /// (TOMS `exparg(0)`, `exparg(1)`).
    static let expArgMax = 1024 * 0.69314718055995 * 0.99999
    static let expArgMin = -1022 * 0.69314718055995 * 0.99999

    /// ln(1 − e^x) for x ≤ 0 without cancellation (Mächler 2012).
    @inline(__always) static func log1mExp(_ x: Double) -> Double {
        x > -0.6931471805599453 ? log(-expm1(x)) : log1p(-exp(x))
    }

    /// ln(e^u + e^v).
    @inline(__always) static func logSpaceAdd(_ u: Double, _ v: Double) -> Double {
        if u == -.infinity { return v }
        if v == -.infinity { return u }
        return max(u, v) + log1p(exp(-abs(u - v)))
    }

    /// I_x(a, b) for b < min(ε, ε a) and x ≤ ½ (TOMS `fpser`, paper §4): using 1/B(a,b) ≈ b,
    /// I_x ≈ (b/a) x^a (1 + a Σ_{j≥1} x^j/(a+j)).
    static func fpser(_ a: Double, _ b: Double, _ x: Double, log logScale: Bool) -> Double {
        var ans: Double
        if logScale {
            ans = a * log(x)
        } else if a > eps * 0.001 {
            let t = a * log(x)
            if t < expArgMin { return 0 }
            ans = exp(t)
        } else {
            ans = 1
        }
        if logScale { ans += log(b) - log(a) } else { ans *= b / a }
        let tol = eps / a
        var an = a + 1, t = x
        var s = t / an
        var c: Double
        repeat {
            an += 1
            t *= x
            c = t / an
            s += c
        } while abs(c) > tol
        return logScale ? ans + log1p(a * s) : ans * (a * s + 1)
    }

    /// 1 − I_x(a, b) = I_{1−x}(b, a) for a ≤ min(ε, ε b), b x ≤ 1, x ≤ ½ (TOMS `apser`, paper §5):
    /// −a (c + Σ_{j≥2} ...) with c = ln x + ψ(b) + γ + t.
    static func apser(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let g = 0.577215664901532860606512090082
        let bx = b * x
        var t = x - bx
        let c = b * eps <= 0.02 ? log(x) + SpecialFunctions.digamma(b) + g + t : log(bx) + g + t
        let tol = eps * 5 * abs(c)
        var j = 1.0, s = 0.0, aj: Double
        repeat {
            j += 1
            t *= x - bx / j
            aj = t / j
            s += aj
        } while abs(aj) > tol
        return -a * (c + s)
    }

    /// Power series I_x(a, b) = x^a/(a B(a,b)) · (1 + a Σ_{n≥1} (1−b)_n x^n / (n! (a+n))), for b ≤ 1 or b x ≤ 0.7
    /// (TOMS `bpser`, paper §2).
    static func bpser(_ a: Double, _ b: Double, _ x: Double, log logScale: Bool) -> Double {
        if x == 0 { return logScale ? -.infinity : 0 }
        let gam1 = SpecialFunctions.reciprocalGamma1pMinusOne
        var ans: Double
        let a0 = min(a, b)
        if a0 >= 1 {
            let lb = SpecialFunctions.logBeta(a, b)
            let z = a * log(x) - lb
            // exp(z) carries a relative error ≈ |z| ε; when ln B is the smaller of the two logarithms, the
            // correctly rounded x^a times exp(−ln B) is more accurate (this departs from TOMS 708 only in accuracy).
            let xa = logScale ? 0 : pow(x, a)
            if !logScale && xa >= 1e-300 && abs(lb) < abs(z) {
                ans = xa * exp(-lb) / a
            } else {
                ans = logScale ? z - log(a) : exp(z) / a
            }
        } else {
            var b0 = max(a, b)
            if b0 < 8 {
                if b0 <= 1 {
                    if logScale {
                        ans = a * log(x)
                    } else {
                        ans = pow(x, a)
                        if ans == 0 { return 0 }
                    }
                    let apb = a + b
                    let z = apb > 1 ? (gam1(apb - 1) + 1) / apb : gam1(apb) + 1
                    let c = (gam1(a) + 1) * (gam1(b) + 1) / z
                    if logScale { ans += log(c * (b / apb)) } else { ans *= c * (b / apb) }
                } else {
                    var u = SpecialFunctions.logGamma1p(a0)
                    let m = Int(b0 - 1)
                    if m >= 1 {
                        var c = 1.0
                        for _ in 0..<m { b0 -= 1; c *= b0 / (a0 + b0) }
                        u += log(c)
                    }
                    let z = a * log(x) - u
                    b0 -= 1
                    let apb = a0 + b0
                    let t = apb > 1 ? (gam1(apb - 1) + 1) / apb : gam1(apb) + 1
                    if logScale {
                        ans = z + log(a0 / a) + log1p(gam1(b0)) - log(t)
                    } else {
                        ans = exp(z) * (a0 / a) * (gam1(b0) + 1) / t
                    }
                }
            } else {
                let u = SpecialFunctions.logGamma1p(a0) + SpecialFunctions.logGammaRatio(a0, b0)
                let z = a * log(x) - u
                ans = logScale ? z + log(a0 / a) : a0 / a * exp(z)
            }
        }
        if (logScale && ans == -.infinity) || (!logScale && (ans == 0 || a <= eps * 0.1)) { return ans }
        var sum = 0.0, n = 0.0, c = 1.0, w: Double
        let tol = eps / a
        repeat {
            n += 1
            c *= (0.5 - b / n + 0.5) * x
            w = c / (a + n)
            sum += w
        } while n < 1e7 && abs(w) > tol
        if logScale {
            return a * sum > -1 ? ans + log1p(a * sum) : -.infinity
        }
        return ans * (a * sum + 1)
    }

    /// I_x(a, b) − I_x(a + n, b) for a positive integer n (TOMS `bup`, paper §3), the finite sum
    /// x^a y^b/(a B(a,b)) Σ_{i=0}^{n−1} d_i with d_{i+1} = (a+b+i)/(a+1+i) x d_i, scaled by e^{−μ} against underflow.
    static func bup(_ a: Double, _ b: Double, _ x: Double, _ y: Double, _ n: Int, log logScale: Bool) -> Double {
        let apb = a + b, ap1 = a + 1
        var mu = 0.0, d = 1.0
        if n > 1 && a >= 1 && apb >= ap1 * 1.1 {
            mu = min(Double(Int(abs(expArgMin))), Double(Int(expArgMax)))
            d = exp(-mu)
        }
        var ret = logScale
            ? IncompleteBetaPowerTerm.evaluate(a, b, x, y, mu: mu, log: true) - log(a)
            : IncompleteBetaPowerTerm.evaluate(a, b, x, y, mu: mu, log: false) / a
        if n == 1 || (logScale && ret == -.infinity) || (!logScale && ret == 0) { return ret }
        let nm1 = n - 1
        var w = d
        var k = 0
        if b > 1 {
            if y > 1e-4 {
                let r = (b - 1) * x / y - a
                if r >= 1 { k = r < Double(nm1) ? Int(r) : nm1 }
            } else {
                k = nm1
            }
        }
        // Increasing terms, then the decreasing ones until they no longer matter.
        if k >= 1 {
            for i in 1...k {
                let l = Double(i - 1)
                d = (apb + l) / (ap1 + l) * x * d
                w += d
            }
        }
        if k < nm1 {
            for i in (k + 1)...nm1 {
                let l = Double(i - 1)
                d = (apb + l) / (ap1 + l) * x * d
                w += d
                if d <= eps * w { break }
            }
        }
        if logScale { ret += log(w) } else { ret *= w }
        return ret
    }

    /// Continued fraction for I_x(a, b) when a, b > 1, with λ = (a+b) y − b ≥ 0 (TOMS `bfrac`, paper §2, the
    /// fraction of Tretter & Walster), evaluated forward with renormalisation.
    static func bfrac(_ a: Double, _ b: Double, _ x: Double, _ y: Double, _ lambda: Double, _ tolerance: Double,
                      log logScale: Bool) -> Double {
        let brc = IncompleteBetaPowerTerm.evaluate(a, b, x, y, log: logScale)
        if brc.isNaN { return .nan }
        if !logScale && brc == 0 { return 0 }
        let c = lambda + 1, c0 = b / a, c1 = 1 / a + 1, yp1 = y + 1
        var n = 0.0, p = 1.0, s = a + 1
        var an = 0.0, bn = 1.0, anp1 = 1.0, bnp1 = c / c1
        var r = c1 / c
        while n < 10_000 {
            n += 1
            var t = n / a
            let w = n * (b - n) * x
            var e = a / s
            let alpha = p * (p + c0) * e * e * (w * x)
            e = (t + 1) / (c1 + t + t)
            let beta = n + w / s + e * (c + n * yp1)
            p = t + 1
            s += 2
            t = alpha * an + beta * anp1
            an = anp1; anp1 = t
            t = alpha * bn + beta * bnp1
            bn = bnp1; bnp1 = t
            let r0 = r
            r = anp1 / bnp1
            if abs(r - r0) <= tolerance * r { break }
            an /= bnp1; bn /= bnp1
            anp1 = r; bnp1 = 1
        }
        return logScale ? brc + log(r) : brc * r
    }

    /// Q(a, x)/r with Q the upper regularised incomplete gamma and r = e^{−x} x^a/Γ(a) = exp(logR), for a ≤ 1
    /// (TOMS `grat1` rescaled as in R's `grat_r`): Taylor series of P(a,x)/x^a for x < 1.1, Legendre's continued
    /// fraction otherwise, erfc for a = ½.
    static func gratR(_ a: Double, _ x: Double, _ logR: Double, _ tolerance: Double) -> Double {
        let gam1 = SpecialFunctions.reciprocalGamma1pMinusOne
        if a * x == 0 {
            return x <= a ? exp(-logR) : 0
        }
        if a == 0.5 {
            if x < 0.25 {
                let p = SpecialFunctions.erf(x.squareRoot())
                return (0.5 - p + 0.5) * exp(-logR)
            }
            let sx = x.squareRoot()
            return SpecialFunctions.scaledErfc(sx) / sx * 1.772453850905516027298167483341
        }
        if x < 1.1 {
            var an = 3.0, c = x
            var sum = x / (a + 3)
            let tol = tolerance * 0.1 / (a + 1)
            var t: Double
            repeat {
                an += 1
                c *= -(x / an)
                t = c / (a + an)
                sum += t
            } while abs(t) > tol
            let j = a * x * ((sum / 6 - 0.5 / (a + 2)) * x + 1 / (a + 1))
            let z = a * log(x)
            let h = gam1(a)
            let g = h + 1
            if (x >= 0.25 && a < x / 2.59) || z > -0.13394 {
                let l = expm1(z)
                let q = ((l + 0.5 + 0.5) * j - l) * g - h
                return q <= 0 ? 0 : q * exp(-logR)
            }
            let p = exp(z) * g * (0.5 - j + 0.5)
            return (0.5 - p + 0.5) * exp(-logR)
        }
        var a2nm1 = 1.0, a2n = 1.0, b2nm1 = x, b2n = x + (1 - a), c = 1.0
        var am0: Double, an0: Double
        repeat {
            a2nm1 = x * a2n + c * a2nm1
            b2nm1 = x * b2n + c * b2nm1
            am0 = a2nm1 / b2nm1
            c += 1
            let ca = c - a
            a2n = a2nm1 + ca * a2n
            b2n = b2nm1 + ca * b2n
            an0 = a2n / b2n
        } while abs(an0 - am0) >= tolerance * an0 && c < 100_000
        return an0
    }

    /// w + I_x(a, b) by the asymptotic expansion for large a and b ≤ 1 (TOMS `bgrat`, paper §9, after Temme),
    /// with a ≥ 15. With `logW` the input and output are logarithms. Returns nil if the expansion cannot be
    /// computed (underflow), as the paper's `ierr ≠ 0`.
    static func bgrat(_ a: Double, _ b: Double, _ x: Double, _ y: Double, _ w: Double, _ tolerance: Double,
                      logW: Bool) -> Double? {
        let termCount = 30
        var c = [Double](repeating: 0, count: termCount)
        var d = [Double](repeating: 0, count: termCount)
        let bm1 = b - 0.5 - 0.5
        let nu = a + bm1 * 0.5
        let lnx = y > 0.375 ? log(x) : log1p(-y)
        let z = -nu * lnx
        if b * z == 0 { return nil }
        let logR = log(b) + log1p(SpecialFunctions.reciprocalGamma1pMinusOne(b)) + b * log(z) + nu * lnx
        let logU = logR - (SpecialFunctions.logGammaRatio(b, a) + b * log(nu))
        let u = exp(logU)
        if logU == -.infinity { return nil }
        let uIsZero = u == 0
        let l: Double
        if logW {
            l = w == -.infinity ? 0 : exp(w - logU)
        } else {
            l = w == 0 ? 0 : exp(log(w) - logU)
        }
        let qr = gratR(b, z, logR, tolerance)
        let v = 0.25 / (nu * nu)
        let t2 = lnx * 0.25 * lnx
        var j = qr, sum = j, t = 1.0, cn = 1.0, n2 = 0.0
        for n in 1...termCount {
            let bp2n = b + n2
            j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * t) * v
            n2 += 2
            t *= t2
            cn /= n2 * (n2 + 1)
            let nm1 = n - 1
            c[nm1] = cn
            var s = 0.0
            if n > 1 {
                var coef = b - Double(n)
                for i in 1...nm1 {
                    s += coef * c[i - 1] * d[nm1 - i]
                    coef += b
                }
            }
            d[nm1] = bm1 * cn + s / Double(n)
            let dj = d[nm1] * j
            sum += dj
            if sum <= 0 { return nil }
            if abs(dj) <= tolerance * (sum + l) { break }
        }
        if logW { return logSpaceAdd(w, logU + log(sum)) }
        return w + (uIsZero ? exp(logU + log(sum)) : u * sum)
    }

    /// I_x(a, b) by the asymptotic expansion for large a and b (TOMS `basym`, paper §7, after Temme 1992),
    /// a, b ≥ 15, with λ = (a+b) y − b ≥ 0. Error-function leading term plus up to 20 correction terms.
    static func basym(_ a: Double, _ b: Double, _ lambda: Double, _ tolerance: Double, log logScale: Bool) -> Double {
        let numTerms = 20
        let e0 = 1.12837916709551257389615890312  // 2/√π
        let e1 = 0.353553390593273762200422181052 // 2^(−3/2)
        let lnE0 = 0.120782237635245222345518445782
        var a0 = [Double](repeating: 0, count: numTerms + 1)
        var b0 = [Double](repeating: 0, count: numTerms + 1)
        var c = [Double](repeating: 0, count: numTerms + 1)
        var d = [Double](repeating: 0, count: numTerms + 1)
        let f = a * IncompleteBetaPowerTerm.rlog1(-lambda / a) + b * IncompleteBetaPowerTerm.rlog1(lambda / b)
        let t: Double
        if logScale {
            t = -f
        } else {
            t = exp(-f)
            if t == 0 { return 0 }
        }
        let z0 = f.squareRoot()
        let z = z0 / e1 * 0.5
        let z2 = f + f
        let h: Double, r0: Double, r1: Double, w0: Double
        if a < b {
            h = a / b; r0 = 1 / (h + 1); r1 = (b - a) / b; w0 = 1 / (a * (h + 1)).squareRoot()
        } else {
            h = b / a; r0 = 1 / (h + 1); r1 = (b - a) / a; w0 = 1 / (b * (h + 1)).squareRoot()
        }
        a0[0] = r1 * 0.66666666666666663
        c[0] = a0[0] * -0.5
        d[0] = -c[0]
        var j0 = 0.5 / e0 * SpecialFunctions.scaledErfc(z0)
        var j1 = e1
        var sum = j0 + d[0] * w0 * j1
        var s = 1.0, hn = 1.0, w = w0, znm1 = z, zn = z2
        let h2 = h * h
        var n = 2
        while n <= numTerms {
            hn *= h2
            a0[n - 1] = r0 * 2 * (h * hn + 1) / (Double(n) + 2)
            let np1 = n + 1
            s += hn
            a0[np1 - 1] = r1 * 2 * s / (Double(n) + 3)
            for i in n...np1 {
                let r = (Double(i) + 1) * -0.5
                b0[0] = r * a0[0]
                if i >= 2 {
                    for m in 2...i {
                        var bsum = 0.0
                        for jj in 1...(m - 1) {
                            let mmj = m - jj
                            bsum += (Double(jj) * r - Double(mmj)) * a0[jj - 1] * b0[mmj - 1]
                        }
                        b0[m - 1] = r * a0[m - 1] + bsum / Double(m)
                    }
                }
                c[i - 1] = b0[i - 1] / (Double(i) + 1)
                var dsum = 0.0
                if i >= 2 {
                    for jj in 1...(i - 1) { dsum += d[i - jj - 1] * c[jj - 1] }
                }
                d[i - 1] = -(dsum + c[i - 1])
            }
            j0 = e1 * znm1 + (Double(n) - 1) * j0
            j1 = e1 * zn + Double(n) * j1
            znm1 *= z2
            zn *= z2
            w *= w0
            let t0 = d[n - 1] * w * j0
            w *= w0
            let t1 = d[np1 - 1] * w * j1
            sum += t0 + t1
            if abs(t0) + abs(t1) <= tolerance * sum { break }
            n += 2
        }
        let corr = SpecialFunctions.stirlingCorrectionOfBeta(a, b)
        if logScale { return lnE0 + t - corr + log(sum) }
        return e0 * t * exp(-corr) * sum
    }
}

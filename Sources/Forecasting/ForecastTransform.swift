import Foundation
import Distributions

/// A variance-stabilising transformation for count series: the model is fitted to the transformed series and its
/// forecasts are back-transformed, so that intervals of counts never go below zero and widen upwards as counts do.
///
/// - `none`: the model's own scale.
/// - `log`: `log(y)`, R forecast's `lambda = 0`. Needs every value positive.
/// - `log1p`: `log(y + 1)`, for counts with zeros (a small LA with no child on a plan in one year); back-transformed
///   as `exp(x) − 1`, and bounds below zero (possible only within 1 of zero) are set to zero.
/// - `boxCox(λ)`: R's `BoxCox(y, λ) = (sign(y)|y|^λ − 1)/λ` (`log y` at λ = 0), inverted by R's `InvBoxCox`
///   (`sign(λx + 1)|λx + 1|^{1/λ}`). For λ > 0 R's inverse of a bound below `−1/λ` is negative; here such a bound
///   is set to zero (the only departure from R, and only where R would show a negative count). λ < 0 needs
///   positive values and is refused otherwise.
///
/// The back-transformed point forecast is the **median** (the back-transformed mean of a symmetric distribution)
/// unless `biasAdjusted` is set, when it is R's `biasadj = TRUE` mean
/// `InvBoxCox(m)·(1 + σ²(1 − λ)/(2·InvBoxCox(m)^{2λ}))`, with the forecast variance σ² recovered, as R's
/// `InvBoxCox(..., fvar = list(level, upper, lower))` does, from the widest interval:
/// `σ = (upper − lower)/(2 z_{(1+level)/2})` (for `log1p`, λ = 0 applied to `y + 1`). The median is the default
/// because it is what R gives by default and because a count's mean forecast on a log scale is sensitive to the
/// widest interval's tail; the bias-adjusted mean is what sums coherently across a hierarchy (reconciliation).
public enum ForecastTransform: Sendable, Equatable, CustomStringConvertible {
    case none
    case log
    case log1p
    case boxCox(lambda: Double)

    /// Parses `none`, `log`, `log1p` or `boxcox:λ`.
    public init(parsing text: String) throws(ForecastError) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        switch t {
        case "none": self = .none
        case "log": self = .log
        case "log1p": self = .log1p
        default:
            guard t.hasPrefix("boxcox:"), let l = Double(t.dropFirst("boxcox:".count)), l.isFinite else {
                throw .invalidOption("--transform \(text): use none, log, log1p or boxcox:λ (e.g. boxcox:0.5)")
            }
            self = l == 0 ? .log : .boxCox(lambda: l)
        }
    }

    public var description: String {
        switch self {
        case .none: return "none"
        case .log: return "log"
        case .log1p: return "log1p"
        case .boxCox(let l): return "boxcox:\(l)"
        }
    }

    /// The Box–Cox λ and the shift added before transforming (1 for log1p).
    var lambdaShift: (lambda: Double, shift: Double)? {
        switch self {
        case .none: return nil
        case .log: return (0, 0)
        case .log1p: return (0, 1)
        case .boxCox(let l): return (l, 0)
        }
    }

    /// R's `BoxCox`.
    public static func boxCox(_ y: Double, lambda: Double) -> Double {
        lambda == 0 ? Foundation.log(y) : ((y < 0 ? -1 : 1) * pow(abs(y), lambda) - 1) / lambda
    }

    /// R's `InvBoxCox` without bias adjustment.
    public static func inverseBoxCox(_ x: Double, lambda: Double) -> Double {
        if lambda == 0 { return exp(x) }
        let xx = x * lambda + 1
        return (xx < 0 ? -1 : 1) * pow(abs(xx), 1 / lambda)
    }

    /// The transformed value, or nil where the transform is undefined (log of zero or a negative value).
    public func apply(_ y: Double) -> Double? {
        guard let (l, s) = lambdaShift else { return y }
        let v = y + s
        if l <= 0 && v <= 0 { return nil }
        if v < 0 { return nil }
        return Self.boxCox(v, lambda: l)
    }

    /// Back-transforms a bound (never below zero).
    public func invert(_ x: Double) -> Double {
        guard let (l, s) = lambdaShift else { return x }
        if l > 0 && x * l + 1 < 0 { return 0 }
        return max(0, Self.inverseBoxCox(x, lambda: l) - s)
    }

    /// Back-transforms a point forecast with R's bias adjustment for forecast variance `variance`.
    public func invertMean(_ x: Double, variance: Double) -> Double {
        guard let (l, s) = lambdaShift else { return x }
        let out = Self.inverseBoxCox(x, lambda: l)
        let adjusted = out * (1 + 0.5 * variance * (1 - l) / pow(out, 2 * l))
        return max(0, adjusted - s)
    }
}

/// Any forecasting specification fitted on a transformed scale (``ForecastTransform``) and back-transformed.
public struct TransformedSpec: ForecastModelSpec {
    public var base: any ForecastModelSpec
    public var transform: ForecastTransform
    /// Back-transform the point forecast to the mean (R's `biasadj = TRUE`) instead of the median.
    public var biasAdjusted: Bool

    public init(_ base: any ForecastModelSpec, transform: ForecastTransform, biasAdjusted: Bool = false) {
        self.base = base
        self.transform = transform
        self.biasAdjusted = biasAdjusted
    }

    public var label: String { transform == .none ? base.label : "\(base.label), \(transform)" }

    public func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
        if transform == .none { return try base.fit(series) }
        var values: [Double?] = []
        for v in series.values {
            guard let v else { values.append(nil); continue }
            guard let x = transform.apply(v) else {
                throw .inapplicableModel(series: series.name, model: "\(base.label) on the \(transform) scale",
                    reason: "a value has no \(transform) (zero or negative; use --transform log1p for counts with zeros)")
            }
            values.append(x)
        }
        var transformed = series
        transformed.values = values
        return FittedTransformed(inner: try base.fit(transformed), transform: transform, biasAdjusted: biasAdjusted)
    }
}

/// A model fitted on a transformed scale; forecasts are back-transformed.
public struct FittedTransformed: FittedForecastModel {
    public let inner: any FittedForecastModel
    public let transform: ForecastTransform
    public let biasAdjusted: Bool

    public var method: String { inner.method }
    public var fitted: [Double?] { inner.fitted.map { $0.map(transform.invert) } }

    public func forecast(horizon: Int, levels: [Double]) -> Forecast {
        var f = inner.forecast(horizon: horizon, levels: levels)
        let onScale = f
        if biasAdjusted, let widest = onScale.intervals.max(by: { $0.level < $1.level }) {
            // R's InvBoxCox(fvar = list(level, upper, lower)): σ from the widest interval.
            let z = Normal.standard.quantile((widest.level / 100 + 1) / 2)
            f.mean = (0..<horizon).map { h in
                let sigma = (widest.upper[h] - widest.lower[h]) / z / 2
                return transform.invertMean(onScale.mean[h], variance: sigma * sigma)
            }
        } else {
            f.mean = onScale.mean.map(transform.invert)
        }
        f.intervals = onScale.intervals.map {
            PredictionInterval(level: $0.level, lower: $0.lower.map(transform.invert), upper: $0.upper.map(transform.invert))
        }
        f.warnings.append(biasAdjusted
            ? "fitted on the \(transform) scale; point forecasts are bias-adjusted back-transformed means (R biasadj = TRUE)"
            : "fitted on the \(transform) scale; point forecasts are back-transformed medians")
        return f
    }
}

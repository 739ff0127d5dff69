/// TraMineR's normalisations of a raw distance d between sequences x and y (`seqdist(norm = ...)`, its C function
/// `normalizeDistance`; sequenzo 0.1.42 the same), in terms of two "lengths" ℓx, ℓy and a largest possible distance
/// D_max that each method defines (see ``SequenceDistances``):
///   maxlength  d / max(ℓx, ℓy)                         (0 when both are 0)
///   gmean      1 − (D_max − d) / (2·√ℓx·√ℓy)            (when ℓx·ℓy = 0: 0 if ℓx = ℓy, else 1)
///   maxdist    d / D_max                                (1 when D_max = 0)
///   YujianBo   2d / (d + ℓx + ℓy)                       (Yujian & Bo 2007; when ℓx + ℓy = 0: 0 if d = 0, else 1)
/// and d = 0 is always 0.
///
/// The method-specific quantities (TraMineR's): OM — ℓ = indel × length, D_max = |m − n|·indel +
/// min(max sub, 2·indel)·min(m, n); LCS — ℓ = length, D_max = m + n; HAM and DHD — ℓx = ℓy = D_max = the largest
/// possible sum of position costs; OMspell — ℓ = the cost of deleting every spell, D_max = |mₛ − nₛ|·indel +
/// max(mₛ, nₛ)·min(max sub, 2·indel) over spell counts (with expcost > 0 not a strict bound: TraMineR warns;
/// prefer YujianBo, its `auto` choice).
public enum DistanceNormalisation: String, Sendable, Equatable, CaseIterable {
    case none
    /// TraMineR's choice per method: maxlength for OM, HAM and DHD; gmean for LCS; YujianBo for OMspell.
    case auto
    case maxLength = "maxlength"
    case gmean
    case maxDist = "maxdist"
    case yujianBo = "YujianBo"

    /// The normalisation `auto` stands for with `method` (other cases are themselves).
    public func resolved(for method: DistanceMethod) -> DistanceNormalisation {
        guard self == .auto else { return self }
        switch method {
        case .optimalMatching, .hamming, .dynamicHamming: return .maxLength
        case .longestCommonSubsequence: return .gmean
        case .optimalMatchingOfSpells: return .yujianBo
        }
    }

    /// The normalised distance (self must be resolved: not `auto`).
    @inline(__always) func apply(_ d: Double, maxDistance: Double, _ lx: Double, _ ly: Double) -> Double {
        if d == 0 { return 0 }
        switch self {
        case .none, .auto: return d
        case .maxLength: return lx > ly ? d / lx : (ly > 0 ? d / ly : 0)
        case .gmean:
            if lx * ly == 0 { return lx == ly ? 0 : 1 }
            return 1 - (maxDistance - d) / (2 * lx.squareRoot() * ly.squareRoot())
        case .maxDist: return maxDistance == 0 ? 1 : d / maxDistance
        case .yujianBo:
            let s = lx + ly
            return s == 0 ? 1 : 2 * d / (d + s)
        }
    }
}

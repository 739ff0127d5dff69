/// How substitutions are costed in OM (and Hamming).
public enum SubstitutionChoice: Sendable, Equatable {
    /// Every substitution of two different states costs this (TraMineR `sm = "CONSTANT"`, `cval`).
    case constant(Double)
    /// TraMineR's `sm = "TRATE"`: 2 − p(i|j) − p(j|i), from the data's weighted transition rates.
    case transitionRates
    /// A user matrix over the alphabet.
    case matrix(SubstitutionCosts)
}

/// The insertion/deletion cost of OM.
public enum IndelChoice: Sendable, Equatable {
    case value(Double)
    /// TraMineR's `indel = "auto"`: half the largest substitution cost.
    case auto
}

/// A dissimilarity between state sequences, as TraMineR's `seqdist` methods (raw; see ``DistanceNormalisation``).
public enum DistanceMethod: Sendable, Equatable {
    /// Optimal matching (`"OM"`).
    case optimalMatching(substitution: SubstitutionChoice, indel: IndelChoice)
    /// Optimal matching of spells (`"OMspell"`, Studer & Ritschard 2016), see ``SpellAlignmentKernel``:
    /// `expcost` (TraMineR's default 0.5) prices each unit of spell duration beyond the first, `tpow` (default 1)
    /// the exponent applied to durations first.
    case optimalMatchingOfSpells(substitution: SubstitutionChoice, indel: IndelChoice, expcost: Double, tpow: Double)
    /// Hamming (`"HAM"`): position-wise substitution costs; TraMineR's default is constant 1. Equal lengths only.
    case hamming(substitution: SubstitutionChoice)
    /// Dynamic Hamming (`"DHD"`, Lesnard 2010) with time-varying TRATE costs. Equal lengths only.
    case dynamicHamming
    /// Longest common subsequence distance (`"LCS"`): |a| + |b| − 2·LCS(a, b).
    case longestCommonSubsequence

    public var name: String {
        switch self {
        case .optimalMatching: return "OM"
        case .optimalMatchingOfSpells: return "OMspell"
        case .hamming: return "HAM"
        case .dynamicHamming: return "DHD"
        case .longestCommonSubsequence: return "LCS"
        }
    }
}

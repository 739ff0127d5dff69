// swift-tools-version: 6.1
//
// CareStat: statistical modelling and forecasting for children's social care data.
// Dependencies point one way: _CLAPACK <- LinearAlgebra <- (Distributions, Sampling, Optimization) <- ...
// <- CareStatCLI <- carestat. Each C library sits behind one underscored system-library module, imported by
// exactly one Swift module (_CLAPACK by LinearAlgebra, _CReadStat by Tabular, _CXLSXWriter by Reporting).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "CareStat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "carestat", targets: ["carestat"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Distributions", targets: ["Distributions"]),
        .library(name: "Sampling", targets: ["Sampling"]),
        .library(name: "Optimization", targets: ["Optimization"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Tabular", targets: ["Tabular"]),
        .library(name: "Formulas", targets: ["Formulas"]),
        .library(name: "ModelSpecs", targets: ["ModelSpecs"]),
        .library(name: "CareData", targets: ["CareData"]),
        .library(name: "Survival", targets: ["Survival"]),
        .library(name: "Regression", targets: ["Regression"]),
        .library(name: "MixedModels", targets: ["MixedModels"]),
        .library(name: "Comparison", targets: ["Comparison"]),
        .library(name: "Sequences", targets: ["Sequences"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "CareStatCLI", targets: ["CareStatCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Debian: libopenblas-dev (BLAS, CBLAS, LAPACK in libopenblas.so), liblapack-dev, liblapacke-dev (lapack.h).
        .systemLibrary(
            name: "_CLAPACK",
            path: "Sources/_CLAPACK",
            providers: [.apt(["libopenblas-dev", "liblapack-dev", "liblapacke-dev"])]
        ),
        // Debian: libreadstat-dev (Stata/SPSS/SAS files). Only Tabular imports it.
        .systemLibrary(name: "_CReadStat", path: "Sources/_CReadStat", providers: [.apt(["libreadstat-dev"])]),
        // Debian: libxlsxwriter-dev (Excel output). Only Reporting imports it.
        .systemLibrary(name: "_CXLSXWriter", path: "Sources/_CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),

        .target(name: "LinearAlgebra", dependencies: ["_CLAPACK"], swiftSettings: strict),
        .target(name: "Distributions", swiftSettings: strict),
        .target(name: "Sampling", swiftSettings: strict),
        .target(name: "Optimization", dependencies: ["LinearAlgebra"], swiftSettings: strict),
        .target(name: "Reporting", dependencies: ["_CXLSXWriter", "Distributions"], swiftSettings: strict),
        .target(name: "Tabular", dependencies: ["_CReadStat"], swiftSettings: strict),
        .target(name: "Formulas", dependencies: ["Tabular", "LinearAlgebra"], swiftSettings: strict),
        .target(name: "CareData", dependencies: ["Tabular", "Sampling", "Reporting"], swiftSettings: strict),
        .target(name: "Survival", dependencies: ["LinearAlgebra", "Distributions", "Optimization", "Formulas", "Tabular", "Reporting"],
                swiftSettings: strict),
        .target(name: "Regression", dependencies: ["LinearAlgebra", "Distributions", "Optimization", "Formulas", "Tabular", "Reporting"],
                swiftSettings: strict),
        .target(name: "MixedModels", dependencies: ["LinearAlgebra", "Distributions", "Optimization", "Formulas", "Tabular", "Reporting",
                                                  "Regression"],
                swiftSettings: strict),
        .target(name: "Comparison", dependencies: ["Distributions", "Optimization", "Reporting", "Regression", "MixedModels", "Sampling", "Tabular"], swiftSettings: strict),
        // Its tests sit here, beside it, rather than in the test-target list below.
        .testTarget(name: "ComparisonTests", dependencies: ["TestSupport", "Comparison", "Reporting", "Regression", "Sampling", "Tabular"], exclude: ["Fixtures"], swiftSettings: strict),
        // The distance kernels are compiled with optimisation in debug builds too: the test suite and notebooks run
        // optimal matching on care histories (O(n² L²)), which an unoptimised build cannot do in CI's time. (Tests
        // still reach internals with @testable: SwiftPM passes -enable-testing in debug.)
        // The multi-pair bit-parallel LCS kernel (C: portable, AVX2 and AVX-512 paths chosen at run time, never
        // -march=native). Only Sequences imports it; optimised in debug builds too, as Sequences.
        .target(name: "_CSequenceKernels", path: "Sources/_CSequenceKernels", exclude: ["lcs_lanes_body.inc"],
                cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "Sequences", dependencies: ["_CSequenceKernels"], swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Time-series models (ETS, ARIMA, benchmarks), reconciliation, backtests and the stock-flow demand model.
        // Optimised in debug builds too (as Sequences): the notebooks and specs fit ETS/ARIMA to every LA series with
        // rolling-origin backtests and run Monte Carlo projections, too slow unoptimised for CI.
        .target(name: "Forecasting", dependencies: ["LinearAlgebra", "Distributions", "Optimization", "Sampling", "Reporting",
                                                  "Tabular", "CareData"],
                swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "ModelSpecs", dependencies: ["Tabular", "Formulas", "Reporting", "CareData", "Survival", "Regression", "Sequences",
                                                 "MixedModels", "Forecasting", "Comparison"], swiftSettings: strict),
        // The model catalogue: one spec per file in models/, plus the explicit list.
        .target(name: "ModelCatalog", dependencies: ["ModelSpecs", "Formulas", "Survival", "Regression", "MixedModels", "CareData",
                                                   "Forecasting", "Comparison"], path: "models", swiftSettings: strict),
        .target(
            name: "CareStatCLI",
            dependencies: [
                "LinearAlgebra", "Distributions", "Sampling", "Optimization", "Reporting", "Tabular", "Formulas",
                "ModelSpecs", "ModelCatalog", "CareData", "Survival", "Regression", "MixedModels", "Comparison", "Sequences", "Forecasting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "carestat", dependencies: ["CareStatCLI"], swiftSettings: strict),

        // Comparison helpers with stated tolerances, shared by the test targets (not a product).
        .target(name: "TestSupport", dependencies: ["LinearAlgebra", "Reporting"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["TestSupport", "LinearAlgebra"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "DistributionsTests", dependencies: ["TestSupport", "Distributions"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "SamplingTests", dependencies: ["TestSupport", "Sampling", "Distributions"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "OptimizationTests", dependencies: ["TestSupport", "Optimization", "LinearAlgebra"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ReportingTests", dependencies: ["TestSupport", "Reporting"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "TabularTests", dependencies: ["TestSupport", "Tabular", "Sampling"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "FormulasTests", dependencies: ["TestSupport", "Formulas", "Tabular"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "CareDataTests", dependencies: ["TestSupport", "CareData", "Tabular"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "SurvivalTests", dependencies: ["TestSupport", "Survival", "Formulas", "Tabular"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "RegressionTests", dependencies: ["TestSupport", "Regression", "Formulas", "Tabular"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "MixedModelsTests", dependencies: ["TestSupport", "MixedModels", "Formulas", "Tabular"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ModelSpecsTests", dependencies: ["TestSupport", "ModelSpecs", "ModelCatalog"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ForecastingTests", dependencies: ["TestSupport", "Forecasting", "Tabular", "CareData"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "SequencesTests", dependencies: ["Sequences"], exclude: ["Fixtures"], swiftSettings: strict),
        // Heavier tests: the generator's true parameters recovered from large synthetic sets through the derivations
        // and the estimators (minutes, not seconds, in a debug build).
        .testTarget(name: "RecoveryTests", dependencies: ["TestSupport", "CareData", "Formulas", "Survival", "MixedModels", "Regression", "Distributions",
                                                          "ModelSpecs", "ModelCatalog", "Tabular"],
                    exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "CareStatCLITests", dependencies: ["TestSupport", "CareStatCLI", "carestat"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)

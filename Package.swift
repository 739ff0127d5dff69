// swift-tools-version: 6.1
//
// CareStat: statistical modelling and forecasting for children's social care data.
// Dependencies point one way: _CLAPACK <- LinearAlgebra <- (Distributions, Sampling, Optimization) <- ...
// <- CareStatCLI <- carestat. Only LinearAlgebra imports the C module.
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
        .target(name: "LinearAlgebra", dependencies: ["_CLAPACK"], swiftSettings: strict),
        .target(name: "Distributions", swiftSettings: strict),
        .target(name: "Sampling", swiftSettings: strict),
        .target(name: "Optimization", dependencies: ["LinearAlgebra"], swiftSettings: strict),
        .target(name: "Reporting", swiftSettings: strict),
        .target(
            name: "CareStatCLI",
            dependencies: [
                "LinearAlgebra", "Distributions", "Sampling", "Optimization", "Reporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "carestat", dependencies: ["CareStatCLI"], swiftSettings: strict),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "DistributionsTests", dependencies: ["Distributions"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "SamplingTests", dependencies: ["Sampling", "Distributions"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization", "LinearAlgebra"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"], swiftSettings: strict),
        .testTarget(name: "CareStatCLITests", dependencies: ["CareStatCLI", "carestat"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)

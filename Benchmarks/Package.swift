// swift-tools-version: 6.1
// CareStat's benchmark jobs, a nested package so the main build and tests never compile benchmark code.
// Run everything with:  python3 Benchmarks/run.py        (see Benchmarks/README.md)
import Foundation
import PackageDescription

// A path dependency's identity is its folder name, which differs between checkouts (CI clones into a fresh
// folder), so derive it instead of hard-coding it.
let rootIdentity = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "CareStatBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "carestat-bench",
            dependencies: [
                .product(name: "LinearAlgebra", package: rootIdentity),
                .product(name: "Tabular", package: rootIdentity),
                .product(name: "Regression", package: rootIdentity),
                .product(name: "Survival", package: rootIdentity),
                .product(name: "CareData", package: rootIdentity),
                .product(name: "Formulas", package: rootIdentity),
                .product(name: "MixedModels", package: rootIdentity),
            ],
            swiftSettings: [.unsafeFlags(["-wmo"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)

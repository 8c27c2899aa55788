// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "verbatim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "verbatim", targets: ["verbatim"]),
        .library(name: "VerbatimModel", targets: ["VerbatimModel"]),
        .library(name: "VerbatimIngest", targets: ["VerbatimIngest"]),
        .library(name: "VerbatimStudy", targets: ["VerbatimStudy"]),
        .library(name: "VerbatimExport", targets: ["VerbatimExport"]),
        .library(name: "VerbatimCodebook", targets: ["VerbatimCodebook"]),
        .library(name: "VerbatimCoding", targets: ["VerbatimCoding"]),
        .library(name: "VerbatimAnalysis", targets: ["VerbatimAnalysis"]),
        .library(name: "VerbatimApp", targets: ["VerbatimApp"]),
        .library(name: "VerbatimExchange", targets: ["VerbatimExchange"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        .target(name: "VerbatimModel", dependencies: ["CVerbatimSystem"]),
        .target(name: "VerbatimYAML", dependencies: ["VerbatimModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "CVerbatimScan"),
        .target(name: "CVerbatimSystem"),
        .target(
            name: "VerbatimCodebook",
            dependencies: ["VerbatimModel", "VerbatimYAML", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "VerbatimCoding", dependencies: ["VerbatimModel", "CStemmer", "CVerbatimScan"]),
        .target(name: "VerbatimAnalysis", dependencies: ["VerbatimModel"]),
        .target(
            name: "VerbatimApp",
            dependencies: ["VerbatimModel", "VerbatimIngest", "VerbatimStudy", "VerbatimCodebook", "VerbatimCoding",
                           "VerbatimAnalysis", "VerbatimExport", "VerbatimExchange"]
        ),
        .target(
            name: "VerbatimExchange",
            dependencies: ["VerbatimModel", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "VerbatimServe",
            dependencies: ["VerbatimModel", "VerbatimApp", "VerbatimStudy", "VerbatimCodebook", "VerbatimCoding",
                           "VerbatimAnalysis", "VerbatimExport", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .target(
            name: "VerbatimIngest",
            dependencies: [
                "VerbatimModel", "CLibXML2", "CVerbatimScan",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "VerbatimStudy",
            dependencies: [
                "VerbatimModel", "VerbatimIngest", "VerbatimYAML",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "VerbatimExport",
            dependencies: ["VerbatimModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .executableTarget(
            name: "verbatim",
            dependencies: [
                "VerbatimModel", "VerbatimIngest", "VerbatimStudy", "VerbatimExport",
                "VerbatimCodebook", "VerbatimCoding", "VerbatimAnalysis", "VerbatimApp", "VerbatimServe", "VerbatimExchange", "CVerbatimSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "verbatim-bench",
            dependencies: ["VerbatimModel", "VerbatimIngest", "VerbatimStudy", "VerbatimCodebook", "VerbatimCoding", "CVerbatimSystem"],
            path: "Sources/VerbatimBench"
        ),
        .testTarget(
            name: "VerbatimIngestTests",
            dependencies: ["VerbatimIngest", "VerbatimModel", "VerbatimTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "VerbatimStudyTests", dependencies: ["VerbatimStudy", "VerbatimIngest", "VerbatimModel"]),
        .testTarget(name: "VerbatimExportTests", dependencies: ["VerbatimExport", "VerbatimModel", "VerbatimTestSupport"]),
        .testTarget(name: "VerbatimCodebookTests", dependencies: ["VerbatimCodebook", "VerbatimModel", "VerbatimTestSupport"]),
        .testTarget(name: "VerbatimCodingTests", dependencies: ["VerbatimCoding", "VerbatimCodebook", "VerbatimIngest", "VerbatimModel", "CVerbatimScan", "VerbatimTestSupport"]),
        .testTarget(
            name: "VerbatimExchangeTests",
            dependencies: ["VerbatimExchange", "VerbatimApp", "VerbatimStudy", "VerbatimModel", "VerbatimTestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "VerbatimAnalysisTests", dependencies: ["VerbatimAnalysis", "VerbatimModel", "VerbatimTestSupport"]),
        .testTarget(
            name: "VerbatimAppTests",
            dependencies: ["VerbatimApp", "VerbatimStudy", "VerbatimAnalysis", "VerbatimExport", "VerbatimCodebook",
                           "VerbatimCoding", "VerbatimModel", "VerbatimTestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "VerbatimServeTests",
            dependencies: ["VerbatimServe", "VerbatimApp", "VerbatimStudy", "VerbatimModel",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .target(name: "VerbatimTestSupport", path: "Tests/VerbatimTestSupport"),
        .testTarget(
            name: "VerbatimCLITests",
            dependencies: ["VerbatimModel", "VerbatimTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v5]
)

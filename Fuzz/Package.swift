// swift-tools-version:6.0
// Fuzz targets for verbatim's readers, kept apart from the main package so that its build and tests do
// not need the fuzzer runtime. Build and run with scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "VerbatimFuzz",
    dependencies: [.package(name: "verbatim", path: "..")],
    targets: [
        .executableTarget(
            name: "VerbatimFuzz",
            dependencies: [
                .product(name: "VerbatimIngest", package: "verbatim"),
                .product(name: "VerbatimStudy", package: "verbatim"),
                .product(name: "VerbatimCodebook", package: "verbatim"),
                .product(name: "VerbatimCoding", package: "verbatim"),
                .product(name: "VerbatimModel", package: "verbatim"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)

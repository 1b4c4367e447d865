// swift-tools-version:6.0
// libFuzzer targets for flowcut's readers, built with AddressSanitizer by
// scripts/fuzz.sh (not part of the main package or of CI's test run).
import PackageDescription

let package = Package(
    name: "flowcut-fuzz",
    dependencies: [.package(name: "flowcut", path: "..")],
    targets: [
        // libFuzzer's driver, shared by the targets.
        .target(name: "FuzzSupport"),
        // The .flow front end: parse, check, and format's round trip.
        .executableTarget(name: "FuzzFlow", dependencies: ["FuzzSupport", .product(name: "FlowcutLanguage", package: "flowcut")]),
        // The BPMN importer (libxml2's reader behind the byte checks).
        .executableTarget(
            name: "FuzzBPMN",
            dependencies: ["FuzzSupport", .product(name: "FlowcutImport", package: "flowcut"), .product(name: "FlowcutLanguage", package: "flowcut")]),
        // The published-table importer (CSV).
        .executableTarget(
            name: "FuzzTable",
            dependencies: ["FuzzSupport", .product(name: "FlowcutImport", package: "flowcut"), .product(name: "FlowcutLanguage", package: "flowcut")]),
        // The Word and Excel readers: archives, their parts' XML, the tables in them.
        .executableTarget(
            name: "FuzzOffice",
            dependencies: ["FuzzSupport", .product(name: "FlowcutImport", package: "flowcut"), .product(name: "FlowcutLanguage", package: "flowcut")]),
    ]
)

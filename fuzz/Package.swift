// swift-tools-version:6.0
// libFuzzer targets for flowcut's readers, built with AddressSanitizer by
// scripts/fuzz.sh (not part of the main package or of CI's test run).
import PackageDescription

let package = Package(
    name: "flowcut-fuzz",
    dependencies: [.package(name: "flowcut", path: "..")],
    targets: [
        // The .flow front end: parse, check, and format's round trip.
        .executableTarget(name: "FuzzFlow", dependencies: [.product(name: "FlowcutLanguage", package: "flowcut")]),
        // The BPMN importer (libxml2's reader behind the byte checks).
        .executableTarget(
            name: "FuzzBPMN",
            dependencies: [.product(name: "FlowcutImport", package: "flowcut"), .product(name: "FlowcutLanguage", package: "flowcut")]),
        // The published-table importer (CSV).
        .executableTarget(
            name: "FuzzTable",
            dependencies: [.product(name: "FlowcutImport", package: "flowcut"), .product(name: "FlowcutLanguage", package: "flowcut")]),
    ]
)

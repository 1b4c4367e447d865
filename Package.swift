// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "flowcut",
    products: [
        .executable(name: "flowcut", targets: ["FlowcutCLI"]),
        // flowcut as a library: the façade, and each stage on its own.
        .library(name: "Flowcut", targets: ["Flowcut"]),
        .library(name: "FlowcutLanguage", targets: ["FlowcutLanguage"]),
        .library(name: "FlowcutTiming", targets: ["FlowcutTiming"]),
        .library(name: "FlowcutSimulation", targets: ["FlowcutSimulation"]),
        .library(name: "FlowcutAnalysis", targets: ["FlowcutAnalysis"]),
        .library(name: "FlowcutReport", targets: ["FlowcutReport"]),
        .library(name: "FlowcutImport", targets: ["FlowcutImport"]),
        .library(name: "FlowcutServe", targets: ["FlowcutServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `flowcut serve`; its default traits (swift-configuration, full Foundation) are not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // The model every stage shares: Workflow, Step, Actor, TimeEstimate, Diagnostic.
        .target(name: "FlowcutCore"),
        // The .flow front end: lexer, parser (all errors, with ranges), resolver, formatter.
        .target(name: "FlowcutLanguage", dependencies: ["FlowcutCore"]),
        // Timing: the process's structure (forward arrows, loops, blocks), the main scenario, the critical path.
        .target(name: "FlowcutTiming", dependencies: ["FlowcutCore"]),
        // The seeded simulation: a SimulationPlan run by two engines, the trace
        // they leave, and the savings meter that redraws it.
        .target(name: "FlowcutSimulation", dependencies: ["FlowcutCore", "FlowcutLanguage", "FlowcutTiming"]),
        // One procedure's numbers assembled, the suggestion rules, comparisons, the portfolio.
        .target(name: "FlowcutAnalysis", dependencies: ["FlowcutCore", "FlowcutLanguage", "FlowcutTiming", "FlowcutSimulation"]),
        // Text, Markdown, JSON and Word reports.
        .target(
            name: "FlowcutReport",
            dependencies: [
                "FlowcutCore", "FlowcutLanguage", "FlowcutTiming", "FlowcutSimulation", "FlowcutAnalysis", "FlowcutRender",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Exchange with the tools reviewers already have: BPMN 2.0 and Prosimos scenarios in and out, the published table in.
        .target(
            name: "FlowcutImport",
            dependencies: [
                "FlowcutCore", "FlowcutLanguage", "FlowcutRender", "CLibXML2", .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // libxml2's reader, linked in-process (libxml2-dev): XML is read with
        // no DTD, no entity expansion and no network.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Graphviz's C library, linked in-process (libgraphviz-dev).
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // Everything that touches Graphviz lives here.
        .target(name: "FlowcutRender", dependencies: ["FlowcutCore", "CGraphviz"]),
        // The façade: what `flowcut analyze` does, as values (sources → checked
        // files → outcomes → review → output folder). Never prints, never exits.
        .target(
            name: "Flowcut",
            dependencies: [
                "FlowcutCore", "FlowcutLanguage", "FlowcutTiming", "FlowcutSimulation", "FlowcutAnalysis", "FlowcutReport", "FlowcutRender", "FlowcutImport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The review as a live local web application (`flowcut serve`):
        // the folder watched, pages pushed, a proposal tried and kept.
        .target(
            name: "FlowcutServe",
            dependencies: [
                "Flowcut", "FlowcutCore", "FlowcutLanguage", "FlowcutAnalysis", "FlowcutReport", "FlowcutSimulation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The executable owns the terminal: commands, printing, exit codes.
        .executableTarget(
            name: "FlowcutCLI",
            dependencies: [
                "Flowcut", "FlowcutCore", "FlowcutLanguage", "FlowcutTiming", "FlowcutSimulation", "FlowcutAnalysis", "FlowcutReport", "FlowcutRender",
                "FlowcutImport", "FlowcutServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/flowcut"
        ),
        .testTarget(
            name: "FlowcutLanguageTests",
            dependencies: ["FlowcutCore", "FlowcutLanguage", "FlowcutTiming", "FlowcutSimulation", "FlowcutAnalysis"],
            exclude: ["Cases"]
        ),
        .testTarget(
            name: "FlowcutAnalysisTests",
            dependencies: [
                "FlowcutCore", "FlowcutLanguage", "FlowcutTiming", "FlowcutSimulation", "FlowcutAnalysis",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "FlowcutRenderTests",
            dependencies: ["FlowcutCore", "FlowcutLanguage", "FlowcutTiming", "FlowcutSimulation", "FlowcutAnalysis", "FlowcutReport", "FlowcutRender"],
            exclude: ["Expected"]
        ),
        .testTarget(
            name: "FlowcutReportTests",
            dependencies: ["FlowcutCore", "FlowcutLanguage", "FlowcutSimulation", "FlowcutAnalysis", "FlowcutReport", "FlowcutImport"]
        ),
        .testTarget(
            name: "FlowcutImportTests",
            dependencies: ["FlowcutCore", "FlowcutLanguage", "FlowcutTiming", "FlowcutSimulation", "FlowcutAnalysis", "FlowcutImport"]
        ),
        .testTarget(name: "FlowcutCLITests", dependencies: ["FlowcutCLI"]),
        .testTarget(
            name: "FlowcutServeTests",
            dependencies: [
                "FlowcutServe", "Flowcut", "FlowcutCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "FlowcutTests", dependencies: ["Flowcut", "FlowcutCore", "FlowcutSimulation", "FlowcutAnalysis", "FlowcutReport"]),
    ],
    swiftLanguageModes: [.v6]
)

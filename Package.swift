// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "flowcut",
    products: [
        .executable(name: "flowcut", targets: ["flowcut"]),
        .library(name: "FlowcutLanguage", targets: ["FlowcutLanguage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The model every stage shares: Workflow, Step, Actor, TimeEstimate, Diagnostic.
        .target(name: "FlowcutCore"),
        // The .flow front end: lexer, parser (all errors, with ranges), resolver, formatter.
        .target(name: "FlowcutLanguage", dependencies: ["FlowcutCore"]),
        // Graphviz's C library, linked in-process (libgraphviz-dev).
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // Everything that touches Graphviz lives here.
        .target(name: "FlowcutRender", dependencies: ["FlowcutCore", "CGraphviz"]),
        // The executable owns the terminal: commands, printing, exit codes.
        .executableTarget(
            name: "flowcut",
            dependencies: [
                "FlowcutCore", "FlowcutLanguage", "FlowcutRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "FlowcutLanguageTests",
            dependencies: ["FlowcutCore", "FlowcutLanguage"],
            exclude: ["Cases"]
        ),
        .testTarget(name: "FlowcutRenderTests", dependencies: ["FlowcutRender"]),
        .testTarget(name: "FlowcutCLITests", dependencies: ["flowcut"]),
    ],
    swiftLanguageModes: [.v6]
)

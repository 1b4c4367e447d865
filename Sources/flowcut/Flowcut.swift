import ArgumentParser

@main
struct Flowcut: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowcut",
        abstract: "Review administrative procedures and make them shorter.",
        discussion: """
            Procedures are written in the .flow language (docs/language.md). \
            Exit codes: 0 fine, 1 the input has errors, 64 wrong usage.
            """,
        version: flowcutVersion,
        subcommands: [Analyze.self, Check.self, Format.self, Version.self],
        defaultSubcommand: nil
    )
}

let flowcutVersion = "0.1.0"

/// Where to read procedures from, shared by the commands.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or folders of .flow files (folders are searched recursively).")
    var paths: [String] = ["workflows"]
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print flowcut's version and the Graphviz library it is linked with.")

    func run() throws {
        Terminal.out("flowcut \(flowcutVersion)")
        Terminal.out("graphviz \(GraphvizInfo.version)")
    }
}

import ArgumentParser
import Flowcut

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring back the review that the last `flowcut analyze` replaced (DIR/.previous/).",
        discussion: "The review in the folder and the previous one trade places, so a second restore undoes the first.")

    @Option(help: "The review folder (as given to analyze --out).")
    var out: String = "output"

    func run() throws {
        do {
            let folder = try OutputFolder(out, inputs: [])
            try folder.restore()
        } catch {
            Terminal.fail(error.description)
            throw ExitCode(1)
        }
        Terminal.out("restored the previous review in \(Files.shown(out))/ (the one it replaced is now in \(Files.shown(out))/\(OutputFolder.previous)/)")
    }
}

import Foundation
import FlowcutCore
import FlowcutLanguage
import FlowcutRender

/// The one place that writes to the terminal.
enum Terminal {
    static func out(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    static func outBytes(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes raw text (already ending in a newline) to standard error.
    static func errRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Colour only on a terminal, and never when NO_COLOR is set.
    static let colorErrors: Bool = {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDERR_FILENO) != 0
    }()

    static func printDiagnostics(_ checked: CheckedFile) {
        guard !checked.diagnostics.isEmpty else { return }
        errRaw(DiagnosticText(colored: colorErrors).render(checked.diagnostics, in: checked.file))
    }

    /// `flowcut: error: …` for problems that are not in a file's text.
    static func fail(_ message: String) {
        err("flowcut: error: \(message)")
    }
}

enum GraphvizInfo {
    static var version: String { GraphvizLibrary.version() ?? "unavailable" }
}

/// "1 error", "2 warnings".
func plural(_ n: Int, _ word: String) -> String {
    "\(n) \(word)\(n == 1 ? "" : "s")"
}

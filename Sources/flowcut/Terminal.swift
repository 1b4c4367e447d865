import Flowcut
import FlowcutCore
import FlowcutLanguage
import FlowcutRender
import FlowcutReport
import Foundation

/// The one place that writes to the terminal.
enum Terminal {
    static func out(_ text: String, terminator: String = "\n") {
        // Straight from the string's memory: a portfolio's JSON is tens of
        // megabytes, and each copy on the way costs a tenth of a second.
        var text = text
        text.withUTF8 { write(STDOUT_FILENO, $0) }
        if !terminator.isEmpty { out(terminator, terminator: "") }
    }

    /// Ends the process now, with `code` (0 fine, 1 the input has errors),
    /// once everything is written: the analysis of a million steps leaves a
    /// gigabyte of values, and freeing them one by one on the way out took a
    /// tenth of a second; the system takes the memory back at once.
    static func finish(_ code: Int32) -> Never {
        exit(code)
    }

    static func outBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0) }
    }

    /// All of `bytes`, through partial writes and interruptions; stops
    /// quietly when the reader has gone (a closed pipe).
    private static func write(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard var at = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, at, left)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            at += n
            left -= n
        }
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// An import's findings, each naming its element or cell: the first 50
    /// one a line, then how many more (a model of 20 000 tasks without
    /// times would print 20 000 lines).
    static func importFindings(_ findings: [Diagnostic], in file: String) {
        let shown = 50
        let renderer = diagnosticText
        let source = SourceFile(path: file, bytes: [])
        var text = ""
        for finding in findings.prefix(shown) { text += renderer.render(finding, in: source) }
        if findings.count > shown {
            text +=
                isVietnamese
                ? "\(Files.shown(file)): cảnh báo: … và \(findings.count - shown) cảnh báo khác\n"
                : "\(Files.shown(file)): warning: … and \(findings.count - shown) more warnings\n"
        }
        errRaw(text)
    }

    /// Writes raw text (already ending in a newline) to standard error.
    static func errRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    /// Diagnostics and the commands' own lines in Vietnamese: `--lang vi`,
    /// else FLOWCUT_LANG=vi.
    private static let vietnamese = Locked(DefaultLanguage.value == .vi)
    static func speak(_ language: ReportLanguage) { vietnamese.withLock { $0 = language == .vi } }
    static var isVietnamese: Bool { vietnamese.withLock { $0 } }
    /// The renderer of diagnostics for standard error.
    static var diagnosticText: DiagnosticText { DiagnosticText(colored: colorErrors, vietnamese: isVietnamese) }

    /// Colour only on a terminal, and never when NO_COLOR is set.
    static let colorErrors: Bool = {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDERR_FILENO) != 0
    }()

    static func printDiagnostics(_ checked: CheckedFile) {
        guard !checked.diagnostics.isEmpty else { return }
        if checked.diagnostics.allSatisfy({ $0.place != nil }) {
            return importFindings(checked.diagnostics, in: checked.file.path)
        }
        errRaw(diagnosticText.render(checked.diagnostics, in: checked.file))
    }

    /// `FILE: note: …`: something left undone on purpose, not a problem.
    static func note(_ message: String) {
        err(message.replacingOccurrences(of: ": ", with: ": note: ", options: [], range: message.range(of: ": ")))
    }

    /// `flowcut: error: …` for problems that are not in a file's text.
    /// - Parameter translated: the message is in the language asked for
    ///   (else it is English, and so is its label).
    static func fail(_ message: String, translated: Bool = false) {
        err(translated && isVietnamese ? "flowcut: lỗi: \(message)" : "flowcut: error: \(message)")
    }
}

enum GraphvizInfo {
    static var version: String { Graphviz.version() ?? "unavailable" }
}

/// "1 error", "2 warnings".
func plural(_ n: Int, _ word: String) -> String {
    "\(n) \(word)\(n == 1 ? "" : "s")"
}

/// "analysing 7/13" on standard error, on a terminal only.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let shown: Bool
    private var done = 0
    private let lock = NSLock()

    init(total: Int, shown: Bool) {
        self.total = total
        self.shown = shown
    }

    func advance() {
        guard shown else { return }
        lock.withLock {
            done += 1
            let width = 30
            let filled = total > 0 ? done * width / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(bar) analysing \(done)/\(total)".utf8))
        }
    }

    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

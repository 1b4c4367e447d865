import Foundation
import Testing

/// What a reviewer's labels can hold never acts as markup, a terminal's
/// control sequence or a reordering of the text in anything flowcut writes.
struct HostileOutputCLITests {
    /// A name with an ESC sequence and a script, a label with Markdown's
    /// characters and a C0 control, one with a right-to-left override.
    static let hostile =
        "procedure \"Esc \u{1B}[31mred <script>alert(1)</script>\"\n"
        + "step a \"A *b* | c \u{01} _u_ `tick`\" 1h\n"
        + "step b \"B \u{202E}txet\" 1h\n"
        + "a -> b\n"

    static func project() throws -> URL { try CLITests.folder(with: "h.flow", hostile) }

    @Test func theTerminalNeverGetsAControlSequence() throws {
        let folder = try Self.project()
        let text = try CLITests.run(["analyze", "h.flow", "--runs", "10", "--no-output"], in: folder)
        #expect(text.status == 0)
        #expect(!text.stdout.unicodeScalars.contains("\u{1B}"))
        #expect(text.stdout.hasPrefix("Esc \\u{1b}[31mred <script>alert(1)</script>\n"))
        let check = try CLITests.run(["check", "h.flow"], in: folder)
        #expect(check.stdout.contains("h.flow: ok: \"Esc \\u{1b}[31mred <script>alert(1)</script>\""))
    }

    /// Markdown: `<` and `>` as entities, `* _ | ` [ ]` and backslash
    /// escaped, controls left out; the same in report.md.
    @Test func markdownHoldsNoMarkupFromTheLabels() throws {
        let folder = try Self.project()
        let md = try CLITests.run(["analyze", "h.flow", "--runs", "10", "--no-output", "--format", "markdown"], in: folder)
        #expect(md.stdout.contains("## Esc \\[31mred &lt;script&gt;alert(1)&lt;/script&gt;\n"), "\(md.stdout)")
        #expect(md.stdout.contains("a (A \\*b\\* \\| c  \\_u\\_ \\`tick\\`) → b (B txet)"), "\(md.stdout)")
        #expect(!md.stdout.contains("<script>"))
        #expect(try CLITests.run(["analyze", "h.flow", "--runs", "10", "--out", "out"], in: folder).status == 0)
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(!report.contains("<script>") && !report.unicodeScalars.contains("\u{1B}"))
        let page = try String(contentsOf: folder.appendingPathComponent("out/h/index.html"), encoding: .utf8)
        #expect(!page.unicodeScalars.contains("\u{202E}") && !page.unicodeScalars.contains("\u{01}"))
    }

    /// The BPMN export is well-formed XML whatever the labels hold: flowcut
    /// reads its own export back (the C0 control is left out, XML 1.0 has
    /// no way to write it).
    @Test func theBPMNExportReadsBack() throws {
        let folder = try Self.project()
        #expect(try CLITests.run(["export", "h.flow", "-o", "h.bpmn"], in: folder).status == 0)
        let back = try CLITests.run(["import", "h.bpmn", "-o", "back.flow"], in: folder)
        #expect(back.status == 0, "\(back.stderr)")
        let flow = try String(contentsOf: folder.appendingPathComponent("back.flow"), encoding: .utf8)
        #expect(flow.contains("\"A *b* | c  _u_ `tick`\""))
    }

    /// A file the system gives a size of 0 but that has content (/proc) is
    /// read to its end, not called empty.
    @Test func aFileOfUnknownSizeIsReadToItsEnd() throws {
        let r = try CLITests.run(["check", "/proc/self/status"])
        #expect(r.status == 1)
        #expect(!r.stderr.contains("the file is empty"), "\(r.stderr)")
        // Its first line is "Name:\t<the process>": read as a statement.
        #expect(r.stderr.contains("/proc/self/status:1:1: error: unknown statement 'Name'"), "\(r.stderr)")
    }
}

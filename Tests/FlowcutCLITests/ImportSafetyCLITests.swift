import Foundation
import Testing

/// `flowcut import` never writes a file that `check` rejects, and never
/// truncates the file `-o` names when it refuses.
struct ImportSafetyCLITests {
    static let regressions = CLITests.root.appendingPathComponent("Tests/Regressions")

    @Test(arguments: [
        (
            "bpmn/loop-without-exit.bpmn",
            "loop-without-exit.bpmn: task 'A' (id a): error: rework loop with no way out: A → B → A; the model needs a decision that leaves the loop"
        ),
        ("bpmn/no-task.bpmn", "the model has no task: only events, and flowcut imports tasks as steps"),
        ("csv/nul-in-cell.csv", "nul-in-cell.csv: line 2: the table holds a NUL byte (byte 103); it is not a text table: save it as UTF-8 CSV"),
        // Found by fuzz.sh (FuzzTable): the import wrote a time that check refuses.
        (
            "csv/duration-too-long.csv",
            "duration-too-long.csv: row 2, column 'Thời gian thực hiện': error: '444444444444444444444444444444445 ngày' is longer than a step may take: at most 1,000,000 working hours (125,000 days)"
        ),
        ("bpmn/unknown-encoding.bpmn", "line 1, column 1: the file declares the encoding 'bogus', which flowcut does not read; save it as UTF-8"),
    ])
    func aRefusedImportWritesNothing(_ file: String, _ message: String) throws {
        let folder = try CLITests.temporaryFolder()
        let target = folder.appendingPathComponent("existing.flow")
        try Data("procedure \"Mine\"\nstep s \"S\" 1h\n".utf8).write(to: target)
        let r = try CLITests.run(["import", Self.regressions.appendingPathComponent(file).path, "-o", target.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout == "")
        #expect(try String(contentsOf: target, encoding: .utf8) == "procedure \"Mine\"\nstep s \"S\" 1h\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["existing.flow"])
    }

    /// The printed warnings stay one line each though the model's IDs hold line breaks.
    @Test func warningsAboutIDsWithLineBreaksStayOneLine() throws {
        let r = try CLITests.run(["import", Self.regressions.appendingPathComponent("bpmn/id-with-line-break.bpmn").path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("id-with-line-break.bpmn: task a\\nstep injected2 \"Y\" 99w: warning: no duration (0 h): fill it in\n"))
        #expect(!r.stdout.contains("\nstep injected"))
        let check = try CLITests.temporaryFolder().appendingPathComponent("x.flow")
        try Data(r.stdout.utf8).write(to: check)
        #expect(try CLITests.run(["check", check.path]).status == 0)
    }
}

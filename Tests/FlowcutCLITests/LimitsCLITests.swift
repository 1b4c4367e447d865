import Foundation
import Testing

/// The limits (docs/reliability.md, "Limits"): each refusal names its flag,
/// exits as documented, and writes nothing.
struct LimitsCLITests {
    /// A rework loop that returns with 99.9999%: four steps, 140 bytes.
    static let loop = """
        procedure "Loop"
        step a "Receive" 1h
        step b "Review" 2h
        step c "Decide" 1h
        step d "Deliver" 1h
        start a
        a -> b
        b -> c
        c -> b 99.9999%
        c -> d

        """

    static func project() throws -> URL { try CLITests.folder(with: "loop.flow", loop) }

    /// Over --max-file-size the file is not read: exit 1, the review left
    /// byte for byte as the previous run wrote it.
    @Test func aFileOverTheSizeLimitLeavesTheReviewAsItWas() throws {
        let folder = try Self.project()
        #expect(try CLITests.run(["analyze", "loop.flow", "--runs", "20", "--out", "out"], in: folder).status == 0)
        let before = ReviewFolderTests.snapshot(folder.appendingPathComponent("out"))
        let r = try CLITests.run(["analyze", "loop.flow", "--runs", "20", "--out", "out", "--max-file-size", "100"], in: folder)
        #expect(r.status == 1)
        // The file's size is the text above's, in bytes (140).
        #expect(Self.loop.utf8.count == 140)
        #expect(r.stderr.contains("cannot read loop.flow: the file (140 bytes) is over the limit of 100 bytes; raise it with --max-file-size"), "\(r.stderr)")
        #expect(ReviewFolderTests.snapshot(folder.appendingPathComponent("out")) == before)
        #expect(try CLITests.run(["check", "loop.flow", "--max-file-size", "1K"], in: folder).status == 0)
        #expect(try CLITests.run(["check", "loop.flow", "--max-file-size", "12Q"], in: folder).status == 64)
    }

    /// 1 000 cases of 4 steps are 4 000 step-cases: over a limit of 100,
    /// refused before anything is analysed (exit 64, no folder made), with
    /// the most cases that fit (100 ÷ 4 = 25).
    @Test func tooManyCasesForTheStepCasesAreRefused() throws {
        let folder = try Self.project()
        let r = try CLITests.run(["analyze", "loop.flow", "--runs", "1000", "--max-step-cases", "100", "--out", "out"], in: folder)
        #expect(r.status == 64)
        #expect(
            r.stderr.contains(
                "loop.flow: --runs 1,000 cases of 4 steps is over the limit of 100 step-cases; ask for at most 25 cases, or raise the limit with --max-step-cases"
            ), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        #expect(try CLITests.run(["suggest", "loop.flow", "--runs", "1000", "--max-step-cases", "100"], in: folder).status == 64)
    }

    /// With at most 3 loop returns a case leaves only if `c` sends it to
    /// `d` within its first 4 visits: P = 1 − 0.999999⁴ ≈ 4·10⁻⁶ a case, so
    /// all 200 cases are stopped (the chance that one is not: 0.08%).
    @Test func stoppedCasesAreCountedAndExplainedInBothLanguages() throws {
        let folder = try Self.project()
        let en = try CLITests.run(["analyze", "loop.flow", "--runs", "200", "--max-loop-returns", "3", "--no-output", "--no-suggestions"], in: folder)
        #expect(en.status == 0)
        #expect(en.stdout.contains("no case completed: every one was stopped (see below)"), "\(en.stdout)")
        #expect(en.stdout.contains("\n  Cases stopped "))
        // 5 000 000 step runs: 1 000 000 000 step-cases ÷ 200 cases.
        #expect(
            en.stdout.contains(
                "200 of 200: stopped after more than 3 loop returns or 5,000,000 step runs in one case (--max-loop-returns, --max-step-cases); left out of the figures above"
            ), "\(en.stdout)")
        let vi = try CLITests.run(
            ["analyze", "loop.flow", "--runs", "200", "--max-loop-returns", "3", "--no-output", "--no-suggestions", "--lang", "vi"], in: folder)
        #expect(
            vi.stdout.contains("200/200 hồ sơ: dừng vì vượt quá 3 lần quay lại vòng lặp hoặc 5 000 000 lượt thực hiện bước trong một hồ sơ"), "\(vi.stdout)")
        let json = try CLITests.run(
            ["analyze", "loop.flow", "--runs", "200", "--max-loop-returns", "3", "--no-output", "--no-suggestions", "--format", "json"], in: folder)
        #expect(json.stdout.contains("\"expectedLeadTimeHours\": null"))
        #expect(json.stdout.contains("\"stoppedCases\": 200"))
    }

    /// Steps and text over their limits in `check`, and in an import: the
    /// import writes nothing and names the element.
    @Test func stepsAndTextOverTheirLimitsAreErrors() throws {
        let folder = try Self.project()
        let steps = try CLITests.run(["check", "loop.flow", "--max-steps", "3"], in: folder)
        #expect(steps.status == 1)
        #expect(
            steps.stderr.contains(
                "loop.flow:5:6: error: this is step 4: the file declares 4 steps, over the limit of 3; split the procedure, or raise the limit with --max-steps"
            ), "\(steps.stderr)")
        let model = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
            <startEvent id="s"/><task id="a" name="Tiếp nhận hồ sơ"/><endEvent id="e"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="e"/>
            </process></definitions>
            """
        try Data(model.utf8).write(to: folder.appendingPathComponent("m.bpmn"))
        let r = try CLITests.run(["import", "m.bpmn", "-o", "m.flow", "--max-text-length", "10"], in: folder)
        #expect(r.status == 1)
        // "Tiếp nhận hồ sơ" is 15 characters.
        #expect(
            r.stderr.contains(
                "m.bpmn: task 'Tiếp nhận hồ sơ' (id a): error: the step's name has 15 characters, over the limit of 10; shorten it, or raise the limit with --max-text-length"
            ), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.flow").path))
    }

    /// render refuses a process over --max-draw-steps before analysing it;
    /// the Graphviz input itself is still written.
    @Test func renderRefusesWhatItWouldTakeMinutesToDraw() throws {
        let folder = try Self.project()
        let r = try CLITests.run(["render", "loop.flow", "--max-draw-steps", "3", "-o", "l.svg"], in: folder)
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "loop.flow: 4 steps, more than flowcut draws (3); raise the limit with --max-draw-steps, or write the Graphviz input with --format dot"
            ), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("l.svg").path))
        let dot = try CLITests.run(["render", "loop.flow", "--max-draw-steps", "3", "--format", "dot", "--runs", "10"], in: folder)
        #expect(dot.status == 0 && dot.stdout.hasPrefix("digraph"))
    }
}

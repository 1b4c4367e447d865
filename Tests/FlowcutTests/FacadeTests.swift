import FlowcutAnalysis
import FlowcutCore
import FlowcutReport
import FlowcutSimulation
import FlowcutTiming
import Foundation
import Testing

@testable import Flowcut

/// What `flowcut analyze` does, done through the library alone, as the
/// README shows it.
struct FacadeTests {
    final class MemorySink: ReviewSink, @unchecked Sendable {
        var files: [String: [UInt8]] = [:]
        func write(_ bytes: [UInt8], to relative: String) throws { files[relative] = bytes }
    }

    /// 4 h intake + 4 h handoff + 1 d review; the file's proposal cuts the
    /// handoff: main lead time 16 h before, 12 h after (by hand).
    @Test func theREADMEPipeline() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowcut-facade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(
            """
            procedure "P"
            step receive "R" 4h intake
            step route "Ro" 4h handoff
            step review "Rv" 1d
            proposal "Cut"
              cut route

            """.utf8
        ).write(to: folder.appendingPathComponent("p.flow"))
        try Data("procedure \"Broken\"\nstep s \"S\" 2x\n".utf8).write(to: folder.appendingPathComponent("q.flow"))

        let sources = Flowcut.sources([folder.path])
        #expect(sources.files.map { ($0 as NSString).lastPathComponent } == ["p.flow", "q.flow"])
        #expect(sources.problems.isEmpty)
        var reports: [ProcedureReport] = []
        var failures: [(path: String, errors: Int)] = []
        for case .success(let file) in Flowcut.load(sources.files) {
            guard let w = file.workflow else {
                failures.append((file.file.path, file.diagnostics.errorCount))
                #expect(file.diagnostics.map(\.code) == [.unknownUnit])
                continue
            }
            let outcome = Flowcut.analyze(w, AnalysisRequest(runs: 0))
            #expect(outcome.before.mainLeadTime == 16)
            #expect(outcome.comparisons.first?.origin == .proposal("Cut"))
            #expect(outcome.comparisons.first?.after.mainLeadTime == 12)
            reports.append(Flowcut.report(outcome, path: file.file.path))
        }
        let review = Flowcut.review(reports, failures: failures)
        let sink = MemorySink()
        #expect(try review.write(to: sink) == 1)
        // No statistics: no scorecard.csv; procedure.docx only when asked for.
        #expect(
            sink.files.keys.sorted() == [
                "index.html", "p/after.svg", "p/before.svg", "p/index.html", "portfolio.json", "ranked.csv", "report.md", "review.docx",
            ])
        var office = review
        office.officeDocuments = true
        let officeSink = MemorySink()
        try office.write(to: officeSink)
        #expect(officeSink.files.keys.contains("p/procedure.docx"))
        #expect(officeSink.files["p/procedure.docx"].map { Array($0.prefix(4)) } == [0x50, 0x4B, 0x03, 0x04])
        // Its parts: the text, then both diagrams as PNG (Graphviz's cairo renderer).
        let parts = try Review.docxParts(reports[0], review.words)
        let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        #expect(parts.filter { $0.0.hasPrefix("word/media/") }.map(\.0) == ["word/media/image1.png", "word/media/image2.png"])
        #expect(parts.filter { $0.0.hasPrefix("word/media/") }.allSatisfy { $0.1.starts(with: pngSignature) })
        let document = String(decoding: try #require(parts.first { $0.0 == "word/document.xml" }).1, as: UTF8.self)
        #expect(document.contains("The process as published") && document.contains("The process after the changes"))
        // ranked.csv opens in Excel as UTF-8: it starts with a byte-order mark.
        #expect(sink.files["ranked.csv"].map { Array($0.prefix(3)) } == [0xEF, 0xBB, 0xBF])
        let json = try #require(JSONSerialization.jsonObject(with: Data(sink.files["portfolio.json"]!)) as? [String: Any])
        #expect((json["portfolio"] as? [String: Any])?["procedures"] as? Int == 1)
    }

    @Test func aMissingPathIsAProblemNotAFile() {
        let list = Flowcut.sources(["/nonexistent/flowcut/x.flow"])
        #expect(list.files.isEmpty)
        #expect(list.problems == ["no such file or folder: /nonexistent/flowcut/x.flow"])
    }
}

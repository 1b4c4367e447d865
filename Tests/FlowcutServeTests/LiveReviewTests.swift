import Flowcut
import FlowcutCore
import FlowcutReport
import Foundation
import Testing

@testable import FlowcutServe

/// How the live review follows its folder: only a changed content is
/// analysed again, and only its page is said to change.
struct LiveReviewTests {
    static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func onlyWhatChangedIsAnnounced() async throws {
        let (folder, file, live) = try await ServeRouteTests.served()
        #expect(await live.count == 1)
        // Nothing changed: nothing to tell.
        #expect(await live.refresh().isEmpty)
        // The same content written again (a new modification time): read,
        // hashed, found the same, not analysed again.
        let generation = await live.generation
        try Self.write(ServeRouteTests.fixture, file)
        #expect(await live.refresh().isEmpty)
        #expect(await live.generation == generation)
        // A new file: its page, and only it.
        try Self.write(ServeRouteTests.fixture.replacingOccurrences(of: "Cấp thử", with: "Thứ hai"), folder + "/hai.flow")
        #expect(await live.refresh() == ["hai"])
        #expect(await live.count == 2)
        // A file removed: its page is gone, and said so.
        try FileManager.default.removeItem(atPath: folder + "/hai.flow")
        #expect(await live.refresh() == ["hai"])
        #expect(await live.has("hai") == false)
    }

    @Test func aFileWithErrorsHasAPageThatSaysWhyAndFollowsItsMending() async throws {
        let (_, file, live) = try await ServeRouteTests.served()
        try Self.write(ServeRouteTests.fixture.replacingOccurrences(of: "by cv 2d", with: "by cv 2x"), file)
        #expect(await live.refresh() == ["thu"])
        let broken = try #require(try await live.procedureHTML("thu"))
        #expect(broken.contains("thu.flow:8:"), "the finding with its line")
        #expect(!broken.contains("<textarea"), "no editor for a file with errors")
        let answer = await live.whatIf("thu", draft: "proposal \"P\"\n  cut sign")
        #expect(answer.status == 409)
        try Self.write(ServeRouteTests.fixture, file)
        #expect(await live.refresh() == ["thu"])
        #expect(try await live.procedureHTML("thu")?.contains("<textarea id=\"draft\"") == true)
    }

    @Test func theVietnamesePageSpeaksVietnamese() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowcut-serve-vi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.write(ServeRouteTests.fixture, folder + "/thu.flow")
        let live = LiveReview(
            LiveReview.Settings(paths: [folder], request: AnalysisRequest(runs: 200), words: ReportLanguage.vi.words, token: ServeRouteTests.token))
        await live.refresh()
        let page = try #require(try await live.procedureHTML("thu"))
        for phrase in ["Thử phương án", "Lưu vào tệp", "Mỗi dòng một thay đổi"] {
            #expect(page.contains(phrase), "\(phrase)")
        }
        for english in ["Try a proposal", "Keep in the file", "What if", "Add a suggested change"] {
            #expect(!page.contains(english), "\(english)")
        }
    }

    /// The department's records joined as `analyze` joins them: the file's
    /// own 2024 line (25 online, 15 paper) gives way to the statistics'
    /// (30 online, 10 paper: Tests/Fixtures/records/thong-ke-06a.csv, the
    /// figures RecordsCLITests reads by hand).
    @Test func theRecordsAreJoinedToTheServedFiles() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let read = Flowcut.records([root.appendingPathComponent("Tests/Fixtures/records/thong-ke-06a.csv").path])
        #expect(read.problems.isEmpty)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowcut-serve-records-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.write(
            "procedure \"Cấp giấy phép lao động\"\n  code \"1.001806\"\n  deadline 5d\n  service full\n  dossiers 2024 online 25 paper 15\nstep s \"S\" 1d\n",
            folder + "/a.flow")
        let live = LiveReview(
            LiveReview.Settings(paths: [folder], request: AnalysisRequest(runs: 50), token: ServeRouteTests.token, records: read.records))
        await live.refresh()
        let page = try #require(try await live.procedureHTML("a"))
        #expect(page.contains("40 dossiers in 2024 (30 online, 10 paper)"))
        let review = await live.reviewHTML()
        #expect(review.contains("1.001806"))
    }

    /// The heartbeat reaches an open stream (a closed page's write then
    /// fails and its stream is forgotten).
    @Test func anOpenStreamHearsTheHeartbeat() async throws {
        let (_, _, live) = try await ServeRouteTests.served()
        let stream = await live.events()
        await live.beat(every: 0)
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == ": still here\n\n")
        #expect(await live.listenerCount == 1)
    }
}

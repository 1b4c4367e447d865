import Flowcut
import FlowcutCore
import FlowcutReport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowcutServe

/// Every route of `flowcut serve`, through Hummingbird's router test
/// framework, on a folder of its own (never the bundled workflows).
///
/// The fixture's numbers by hand (a working day is 8 h, one path, single
/// times): receive 4 h + review 2 d (16 h) + sign 1 d (8 h) + deliver 4 h
/// = 32 h main lead time. `cut sign` leaves 24 h; `shorten review 1d` and
/// `cut sign` leave 4 + 8 + 4 = 16 h.
struct ServeRouteTests {
    /// Tests/Fixtures/serve/thu.flow, which the browser test reads too.
    static let fixture = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/serve/thu.flow"), encoding: .utf8)

    static let token = "0123456789abcdef0123456789abcdef"

    /// A folder with the fixture as `thu.flow`, and its live review.
    static func served(_ text: String = fixture) async throws -> (folder: String, file: String, live: LiveReview) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowcut-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/thu.flow"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let live = LiveReview(LiveReview.Settings(paths: [folder], request: AnalysisRequest(runs: 200), token: token))
        await live.refresh()
        return (folder, file, live)
    }

    static func app(_ live: LiveReview, hosts: ReviewServer.Hosts = ReviewServer.Hosts()) -> some ApplicationProtocol {
        Application(router: ReviewServer.router(live, hosts: hosts))
    }

    static func post(_ body: String, token: String? = Self.token, origin: String? = nil) -> (HTTPFields, ByteBuffer) {
        var h = HTTPFields()
        h[.contentType] = "application/json"
        if let token { h[ReviewServer.tokenHeader] = token }
        if let origin { h[.origin] = origin }
        return (h, ByteBuffer(string: body))
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any] ?? [:]
    }

    static func draftJSON(_ slug: String, _ draft: String, base: String? = nil) -> String {
        var object: [String: String] = ["slug": slug, "draft": draft]
        if let base { object["base"] = base }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func theReviewAndThePageAreServed() async throws {
        let (_, _, live) = try await Self.served()
        try await Self.app(live).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                let page = String(buffer: r.body)
                #expect(page.contains("href=\"thu/index.html\""))
                #expect(page.contains("data-token=\"\(Self.token)\""))
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(r.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
            }
            try await client.execute(uri: "/thu", method: .get) { r in
                #expect(r.status == .movedPermanently)
                #expect(r.headers[.location] == "/thu/")
            }
            try await client.execute(uri: "/thu/", method: .get) { r in
                #expect(r.status == .ok)
                let page = String(buffer: r.body)
                // The file's proposal in the editor, as written (escaped).
                #expect(page.contains("<textarea id=\"draft\""))
                #expect(page.contains("proposal &quot;Bỏ ký&quot;\n  cut sign</textarea>"))
                #expect(page.contains("<script src=\"/flowcut.js\"></script>"))
            }
            try await client.execute(uri: "/thu/before.svg", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "image/svg+xml")
                #expect(String(buffer: r.body).contains("<svg"))
            }
            try await client.execute(uri: "/flowcut.js", method: .get) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("EventSource('/events')"))
            }
            try await client.execute(uri: "/nothing/", method: .get) { r in #expect(r.status == .notFound) }
        }
    }

    @Test func aPathWithDotDotIsRefused() async throws {
        let (_, _, live) = try await Self.served()
        try await Self.app(live).test(.router) { client in
            for uri in ["/../thu.flow", "/thu/../../etc/passwd", "/%2e%2e/thu.flow", "/thu/%2E%2E%2Fthu.flow"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .badRequest, "\(uri)")
                    #expect(!String(buffer: r.body).contains("procedure"), "\(uri): no file's content")
                }
            }
        }
    }

    @Test func aWhatIfWithASyntaxErrorGivesTheDiagnosticAtItsRange() async throws {
        let (_, _, live) = try await Self.served()
        try await Self.app(live).test(.router) { client in
            // Line 2 of the draft: "  cut sgn" — `sgn` at columns 7 to 10 (by hand: two spaces, "cut", a space).
            let (h, b) = Self.post(Self.draftJSON("thu", "proposal \"P\"\n  cut sgn"))
            try await client.execute(uri: "/api/whatif", method: .post, headers: h, body: b) { r in
                #expect(r.status == .ok)
                let answer = try Self.json(r)
                #expect(answer["errors"] as? Int == 1)
                #expect(answer["figures"] == nil, "no figures for a draft with errors")
                let d = (answer["diagnostics"] as? [[String: Any]])?.first
                #expect(d?["code"] as? String == "E322")
                #expect(d?["line"] as? Int == 2)
                #expect(d?["column"] as? Int == 7)
                #expect(d?["endColumn"] as? Int == 10)
                #expect((d?["message"] as? String)?.contains("did you mean 'sign'") == true)
            }
        }
    }

    @Test func aWhatIfRedrawsWithTheHandComputedLeadTime() async throws {
        let (_, _, live) = try await Self.served()
        try await Self.app(live).test(.router) { client in
            let (h, b) = Self.post(Self.draftJSON("thu", "proposal \"P\"\n  shorten review 1d\n  cut sign"))
            try await client.execute(uri: "/api/whatif", method: .post, headers: h, body: b) { r in
                #expect(r.status == .ok)
                let answer = try Self.json(r)
                #expect(answer["errors"] as? Int == 0)
                #expect((answer["before"] as? [String: Any])?["mainLeadTimeHours"] as? Double == 32)
                #expect((answer["after"] as? [String: Any])?["mainLeadTimeHours"] as? Double == 16)
                let figures = answer["figures"] as? String ?? ""
                #expect(figures.contains("<figure class=\"after\">"))
                #expect(figures.contains("id=\"numbers\""))
            }
        }
    }

    @Test func aWriteWithoutTheTokenOrFromAnotherSiteIsRefused() async throws {
        let (_, file, live) = try await Self.served()
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let base = contentHash(Array(before))
        try await Self.app(live).test(.router) { client in
            for (token, origin) in [(nil, nil), ("wrong", nil), (Self.token, "http://evil.example")] as [(String?, String?)] {
                let (h, b) = Self.post(Self.draftJSON("thu", "proposal \"P\"\n  cut review", base: base), token: token, origin: origin)
                try await client.execute(uri: "/api/keep", method: .post, headers: h, body: b) { r in
                    #expect(r.status == .forbidden)
                }
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func keepAfterAnOutsideEditIsRefusedAndTheFileUnchanged() async throws {
        let (_, file, live) = try await Self.served()
        let base = contentHash(Array(Self.fixture.utf8))
        // Somebody edits the file after the page was loaded.
        let edited = Self.fixture + "# edited outside\n"
        try Data(edited.utf8).write(to: URL(fileURLWithPath: file))
        try await Self.app(live).test(.router) { client in
            let (h, b) = Self.post(Self.draftJSON("thu", "proposal \"P\"\n  cut review", base: base))
            try await client.execute(uri: "/api/keep", method: .post, headers: h, body: b) { r in
                #expect(r.status == .conflict)
                let answer = try Self.json(r)
                #expect(answer["conflict"] as? Bool == true)
            }
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == edited)
    }

    @Test func keepWritesTheProposalFormattedInOneStep() async throws {
        let (folder, file, live) = try await Self.served()
        let base = contentHash(Array(Self.fixture.utf8))
        try await Self.app(live).test(.router) { client in
            let (h, b) = Self.post(Self.draftJSON("thu", "proposal \"Họp\"\n cut sign \"ủy quyền\"\n  shorten review 1d", base: base))
            try await client.execute(uri: "/api/keep", method: .post, headers: h, body: b) { r in
                #expect(r.status == .ok)
                let answer = try Self.json(r)
                #expect(answer["written"] as? Bool == true)
                #expect(answer["base"] as? String != base)
            }
        }
        let kept = try String(contentsOfFile: file, encoding: .utf8)
        // The canonical layout (docs/language.md): statements indented by
        // two, reasons aligned in a column.
        #expect(kept.hasSuffix("proposal \"Họp\"\n  cut sign           \"ủy quyền\"\n  shorten review 1d\n"))
        #expect(kept.hasPrefix("procedure \"Cấp thử\"\n"))
        // Nothing else left in the folder (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["thu.flow"])
    }

    @Test func theEventsStreamTellsWhichPageChanged() async throws {
        let (_, file, live) = try await Self.served()
        try await Self.app(live).test(.router) { client in
            async let body = client.execute(uri: "/events", method: .get) { String(buffer: $0.body) }
            while await live.listenerCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
            try Data((Self.fixture + "# edited\n").utf8).write(to: URL(fileURLWithPath: file))
            let changed = await live.refresh()
            #expect(changed == ["thu"])
            await live.close()
            let text = try await body
            #expect(text.contains("event: changed\ndata: "))
            #expect(text.contains("\"slugs\": [\"thu\"]"))
        }
    }

    @Test func anotherHostNameIsRefused() async throws {
        let (_, _, live) = try await Self.served()
        let hosts = ReviewServer.Hosts()
        hosts.allow(host: "127.0.0.1", port: 8765)
        try await Self.app(live, hosts: hosts).test(.router) { client in
            var h = HTTPFields()
            h[HTTPField.Name("Host")!] = "evil.example:8765"
            try await client.execute(uri: "/", method: .get, headers: h) { r in #expect(r.status == .forbidden) }
            h[HTTPField.Name("Host")!] = "localhost:8765"
            try await client.execute(uri: "/", method: .get, headers: h) { r in #expect(r.status == .ok) }
        }
    }
}

extension ServeRouteTests {
    @Test func boundToAnotherAddressAnyHostNameIsTaken() async throws {
        let (_, _, live) = try await Self.served()
        let hosts = ReviewServer.Hosts()
        hosts.allow(host: "0.0.0.0", port: 8765)
        try await Self.app(live, hosts: hosts).test(.router) { client in
            var h = HTTPFields()
            h[HTTPField.Name("Host")!] = "192.168.1.20:8765"
            try await client.execute(uri: "/", method: .get, headers: h) { r in #expect(r.status == .ok) }
        }
    }
}

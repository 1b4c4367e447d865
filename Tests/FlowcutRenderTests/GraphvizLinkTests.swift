import Testing

@testable import FlowcutRender

/// Proves the in-process link to libgvc before rendering lands: a context
/// opens, reports its version, and is freed.
struct GraphvizLinkTests {
    @Test func libgvcAnswersWithItsVersion() throws {
        let version = try #require(GraphvizLibrary.version())
        // Debian 12's libgraphviz-dev reports 2.43.0 (GRAPHVIZ.md); any x.y.z will do elsewhere.
        let parts = version.split(separator: ".")
        #expect(parts.count >= 2)
        #expect(parts.allSatisfy { Int($0) != nil })
    }
}

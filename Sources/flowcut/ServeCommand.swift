import ArgumentParser
import Dispatch
import Flowcut
import FlowcutCore
import FlowcutReport
import FlowcutServe
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the review as a live local web application: pages follow the files, proposals are tried and kept.",
        discussion: """
            Binds to 127.0.0.1 unless --host says otherwise, and prints its address. \
            Each procedure's page has a proposal editor: the numbers and diagrams follow as one types, \
            and "Keep" writes the proposal into the .flow file (formatted, in one step; refused if the \
            file changed on disk meanwhile). Stop it with Ctrl-C. See docs/serve.md.
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "Port to listen on (0: any free port).")
    var port: Int = 8765

    @Option(help: "Address to bind to. Another than 127.0.0.1 or ::1 lets other machines read the review.")
    var host: String = "127.0.0.1"

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup(title: "Limits") var limits: ReadLimitOptions

    @OptionGroup(title: "The department's records") var records: RecordsOptions

    @Flag(help: "Run no suggestion rule.")
    var noSuggestions = false

    @Option(help: "Language of the pages: en or vi (default: FLOWCUT_LANG, else en).")
    var lang: ReportLanguage = DefaultLanguage.value

    func validate() throws {
        try DefaultLanguage.validate()
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535, not \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host takes an address, such as 127.0.0.1") }
    }

    func run() throws {
        Terminal.speak(lang)
        let sources = Flowcut.sources(input.paths)
        guard sources.problems.isEmpty else {
            for problem in sources.problems { Terminal.fail(problem) }
            Terminal.finish(1)
        }
        // The department's records, as `analyze` reads them (--stats, or a folder's review.yaml).
        let recordSettings = records.settings(inputs: input.paths)
        let read = Flowcut.records(recordSettings.stats, limits: limits.applied())
        let problems = recordSettings.problems + read.problems.map(\.description)
        for (path, findings) in read.findings where !findings.isEmpty { Terminal.importFindings(findings, in: path) }
        guard problems.isEmpty else {
            for problem in problems { Terminal.fail(problem) }
            Terminal.finish(1)
        }
        let request = simulation.request(suggestions: !noSuggestions, limits: limits.applied())
        let settings = LiveReview.Settings(
            paths: input.paths, request: request, words: lang.words, limits: limits.applied(), token: Self.token(), records: read.records,
            targets: recordSettings.targets)
        let live = LiveReview(settings)
        let host = self.host
        let port = self.port
        let vi = lang == .vi
        let failure = Locked<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let count = await live.refresh().count
            do {
                try await ReviewServer.run(live, host: host, port: port) { address in
                    Terminal.out(
                        vi
                            ? "flowcut serve: \(count) thủ tục tại \(address) (Ctrl-C để dừng)"
                            : "flowcut serve: \(count) procedure\(count == 1 ? "" : "s") at \(address) (Ctrl-C to stop)")
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) {
            Terminal.fail(
                message.contains("Address already in use") || message.contains("EADDRINUSE")
                    ? "cannot listen on \(host):\(port): the port is in use; choose another with --port (0: any free port)"
                    : "cannot serve on \(host):\(port): \(message)")
            Terminal.finish(1)
        }
    }

    /// 128 random bits as hex, from the system's generator.
    static func token() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(g.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

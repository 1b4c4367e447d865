import Flowcut
import FlowcutCore
import FlowcutReport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// `flowcut serve`: the live review over HTTP (Hummingbird).
///
///     GET  /                      the department's review
///     GET  /<procedure>/          a procedure's page, with the proposal editor
///     GET  /<procedure>/before.svg, after.svg
///     GET  /flowcut.js            the pages' script
///     GET  /events                server-sent events: `changed` with the slugs
///     POST /api/whatif            {slug, draft} → findings, figures
///     POST /api/keep              {slug, draft, base} → written, or 409
///
/// Only the procedures served have addresses: no path names a file. Every
/// POST needs the session's token (`X-Flowcut-Token`) and, from a browser,
/// the page's own origin; every request from a browser must name the
/// server's own host (no other site's name pointed at loopback reads it).
public enum ReviewServer {
    /// The Host header values that reach the server (set once it is bound);
    /// nil accepts any (tests without a socket).
    public final class Hosts: Sendable {
        let allowed = Locked<Set<String>?>(nil)
        public init() {}

        /// Bound to loopback, only loopback's names; bound to another
        /// address (`--host`), the user meant other machines to reach it,
        /// under whatever name they use: any.
        public func allow(host: String, port: Int) {
            let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
            guard loopback else { return allowed.withLock { $0 = nil } }
            var names: Set<String> = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
            names.insert((host.contains(":") ? "[\(host)]" : host) + ":\(port)")
            allowed.withLock { $0 = names }
        }

        func accepts(_ host: String?) -> Bool {
            allowed.withLock { names in
                guard let names else { return true }
                guard let host else { return true }  // not a browser: browsers always send it
                return names.contains(host.lowercased())
            }
        }
    }

    public static let tokenHeader = HTTPField.Name("X-Flowcut-Token")!

    /// Every route of the live review.
    public static func router(_ live: LiveReview, hosts: Hosts = Hosts()) -> Router<BasicRequestContext> {
        let router = Router()
        let x = live.settings.words
        router.add(middleware: Guard(hosts: hosts, token: live.settings.token, words: x))
        router.get("/") { _, _ in html(await live.reviewHTML()) }
        router.post("api/whatif") { request, context -> Response in
            let body: WhatIfRequest
            do { body = try await request.decode(as: WhatIfRequest.self, context: context) } catch {
                return badRequest(x[live: .badRequest])
            }
            return json(await live.whatIf(body.slug, draft: body.draft))
        }
        router.post("api/keep") { request, context -> Response in
            let body: KeepRequest
            do { body = try await request.decode(as: KeepRequest.self, context: context) } catch {
                return badRequest(x[live: .badRequest])
            }
            return json(await live.keep(body.slug, draft: body.draft, base: body.base))
        }
        router.get("**") { request, _ -> Response in
            guard let parts = pathParts(request.uri.path) else {
                return problem(.badRequest, x[live: .pathWithDots])
            }
            switch parts.count {
            case 1 where parts[0] == "index.html":
                return html(await live.reviewHTML())
            case 1 where "/" + parts[0] == LivePage.scriptPath:
                return Response(
                    status: .ok, headers: headers("text/javascript; charset=utf-8"), body: ResponseBody(byteBuffer: ByteBuffer(string: LivePage.javascript)))
            case 1 where parts[0] == "events":
                return await events(live)
            case 1:
                // Relative links (before.svg) need the slash.
                guard await live.has(parts[0]) else { return problem(.notFound, x[live: .noSuchPage]) }
                var h = headers("text/plain; charset=utf-8")
                h[.location] = "/" + parts[0] + "/"
                return Response(status: .movedPermanently, headers: h)
            case 2 where parts[1] == "index.html" || parts[1].isEmpty:
                guard let page = try await live.procedureHTML(parts[0]) else { return problem(.notFound, x[live: .noSuchPage]) }
                return html(page)
            case 2 where parts[1] == "before.svg" || parts[1] == "after.svg":
                guard let svg = try await live.diagram(parts[0], after: parts[1] == "after.svg") else { return problem(.notFound, x[live: .noSuchPage]) }
                return Response(status: .ok, headers: headers("image/svg+xml"), body: ResponseBody(byteBuffer: ByteBuffer(bytes: svg)))
            default:
                return problem(.notFound, x[live: .noSuchPage])
            }
        }
        return router
    }

    /// The path's parts, percent-decoded; nil when one is `.` or `..` (or
    /// holds a slash or NUL once decoded). "/a/" gives ["a", ""].
    static func pathParts(_ path: String) -> [String]? {
        var parts: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            guard let part = String(raw).removingPercentEncoding, part != ".", part != "..", !part.contains("/"), !part.contains("\0"), !part.contains("\\")
            else { return nil }
            parts.append(part)
        }
        return parts
    }

    struct WhatIfRequest: Decodable {
        var slug: String
        var draft: String
    }

    struct KeepRequest: Decodable {
        var slug: String
        var draft: String
        var base: String
    }

    /// The session's checks, before any route.
    struct Guard: RouterMiddleware {
        typealias Context = BasicRequestContext
        let hosts: Hosts
        let token: String
        let words: Words

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            let host = request.headers[HTTPField.Name("Host")!] ?? request.head.authority
            guard hosts.accepts(host) else {
                return problem(.forbidden, words[live: .otherHost])
            }
            if request.method != .get && request.method != .head {
                if let origin = request.headers[.origin] {
                    guard let host, origin.lowercased() == "http://" + host.lowercased() else {
                        return problem(.forbidden, words[live: .otherSite] + " (\(origin))")
                    }
                }
                if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
                    return problem(.forbidden, words[live: .otherSite])
                }
                guard request.headers[ReviewServer.tokenHeader] == token else {
                    return problem(.forbidden, words[live: .noToken])
                }
            }
            return try await next(request, context)
        }
    }

    static func headers(_ type: String) -> HTTPFields {
        var h = HTTPFields()
        h[.contentType] = type
        h[.cacheControl] = "no-store"
        h[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        h[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        h[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        return h
    }

    static func html(_ page: String) -> Response {
        Response(status: .ok, headers: headers("text/html; charset=utf-8"), body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ answer: LiveReview.Answer) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers("application/json; charset=utf-8"),
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.json.bytes())))
    }

    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(LiveReview.Answer(status: status.code, json: .object([("message", .string(message))])))
    }

    static func badRequest(_ message: String) -> Response { problem(.badRequest, message) }

    static func events(_ live: LiveReview) async -> Response {
        let stream = await live.events()
        var h = headers("text/event-stream; charset=utf-8")
        h[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: h,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 1000\n: flowcut\n\n"))
                for await event in stream {
                    try await writer.write(ByteBuffer(string: event))
                }
                try await writer.finish(nil)
            })
    }

    /// Serves `live` on `host:port` (0: a free port) until SIGINT or
    /// SIGTERM, following the served folders meanwhile.
    /// - Parameter onRunning: called with the address once the server listens.
    public static func run(_ live: LiveReview, host: String, port: Int, onRunning: @escaping @Sendable (String) -> Void) async throws {
        let hosts = Hosts()
        var logger = Logger(label: "flowcut-serve")
        logger.logLevel = .critical
        let app = Application(
            router: router(live, hosts: hosts),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                hosts.allow(host: host, port: bound)
                let shown = host.contains(":") ? "[\(host)]" : host
                onRunning("http://\(shown):\(bound)/")
            },
            logger: logger)
        // Shut down in reverse order: the follow first, which ends the
        // pages' event streams, then the server, which waits for its
        // requests to end.
        let group = ServiceGroup(services: [app, Follow(live: live)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    /// Follows the files while the server runs; at shutdown ends the pages'
    /// event streams, so that the server can stop.
    struct Follow: Service {
        let live: LiveReview

        func run() async throws {
            await withGracefulShutdownHandler {
                await cancelWhenGracefulShutdown { await live.follow() }
            } onGracefulShutdown: {
                Task { await live.close() }
            }
        }
    }
}

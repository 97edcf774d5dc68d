import AsyncHTTPClient
import CrisisTestSupport
import Foundation
import NIOSSL
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Issue 15 as a customer meets it: a real `crisis serve` on the team's store, read over real HTTP, with the
/// page, the event stream, the Atom feed and the Statuspage JSON checked byte for byte for anything from the
/// technical channel or another customer.
@Suite(.serialized)
struct ServeEndToEndTests {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton)

    @Test func theSharedPageShowsTheBusinessChannelAndNothingElseInAnyByte() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        #expect(address.hasPrefix("http://example.invalid/s/") && address.hasSuffix("/"), "\(address)")
        try team.serve()
        defer { team.stopServer() }
        let page = team.base + ServedTeam.path(of: address)

        let html = try await Self.client.fetch(page)
        #expect(html.status == 200)
        for expected in ["Checkout failing for EU cards", "We found the cause: a bad deploy. Rolling back now.",
                         "Card payments fail for about 30% of EU customers", "Dana Ito", "+49 30 1234 567",
                         "Next update by", "class=\"countdown\"", "Update 1", "Opened", "<noscript><meta http-equiv=\"refresh\""] {
            #expect(html.body.contains(expected), "the page shows \(expected)")
        }
        let csp = html.headers.first(name: "Content-Security-Policy") ?? ""
        #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"))
        #expect(html.headers.first(name: "Referrer-Policy") == "no-referrer")
        #expect(html.headers.first(name: "X-Content-Type-Options") == "nosniff")
        #expect(!html.body.contains("<script>") && !html.body.contains("style="), "no inline script or style")

        // Every way out: the page (both views), its assets, the feed, every JSON document, the stream, errors.
        var everything = [html]
        for suffix in ["?view=wall", "feed.atom", "api/v2/incidents.json", "api/v2/incidents/unresolved.json",
                       "api/v2/status.json", "nothing-here"] {
            everything.append(try await Self.client.fetch(page + suffix))
        }
        for asset in ["/assets/page.css", "/assets/page.js", "/healthz", "/", "/s/", "/api/v2/status.json"] {
            everything.append(try await Self.client.fetch(team.base + asset))
        }
        let stream = EventStreamReader(client: Self.client, url: page + "events")
        defer { stream.close() }
        #expect(await stream.wait { !$0.messages.isEmpty }, "the stream sends the page at once")
        let streamed = stream.messages.map(\.data).joined()
        for response in everything {
            #expect(!response.everything.contains(ServedTeam.canary), "no technical entry leaves: \(response.body.prefix(200))")
            #expect(!response.everything.contains(ServedTeam.otherCustomerSecret), "no other customer's words leave")
            #expect(!response.everything.contains("INC-2"), "no other customer's incident id leaves")
        }
        #expect(!streamed.contains(ServedTeam.canary) && !streamed.contains(ServedTeam.otherCustomerSecret))
        #expect(streamed.contains("Rolling back now."))
    }

    @Test func theAtomFeedIsWellFormedAndCarriesEveryUpdate() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        try team.ok(["brief", "Hostile </content><script>alert(1)</script> ]]> &amp; \u{1}\u{8}\u{B} \u{202E}rtl end", "--next", "15m", "--incident", "INC-1"])
        let address = try team.shareACME()
        try team.serve()
        defer { team.stopServer() }
        let feed = try await Self.client.fetch(team.base + ServedTeam.path(of: address) + "feed.atom")
        #expect(feed.status == 200)
        #expect(feed.headers.first(name: "Content-Type")?.hasPrefix("application/atom+xml") == true)
        let parser = XMLParser(data: Data(feed.body.utf8))
        let counter = EntryCounter()
        parser.delegate = counter
        #expect(parser.parse(), "strict XML parse: \(parser.parserError.map { "\($0)" } ?? "")")
        // The opening notice and two briefings.
        #expect(counter.entries == 3)
        #expect(counter.text.contains("Hostile </content><script>alert(1)</script> ]]> &amp;"), "hostile text survives as text")
        #expect(!feed.body.contains(ServedTeam.canary))
    }

    @Test func statuspageClientsFindTheFieldsTheyReadAndOurNextUpdate() async throws {
        let team = try ServedTeam()
        let base = try team.servingACME()
        defer { team.stopServer() }
        let incidents = try await Self.client.fetch(base + "api/v2/incidents.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(incidents.body.utf8)) as? [String: Any])
        let pageInfo = try #require(document["page"] as? [String: Any])
        #expect(pageInfo["id"] is String && pageInfo["name"] is String && pageInfo["url"] is String && pageInfo["updated_at"] is String)
        let list = try #require(document["incidents"] as? [[String: Any]])
        #expect(list.count == 1, "ACME's incidents only")
        let incident = try #require(list.first)
        #expect(incident["name"] as? String == "Checkout failing for EU cards")
        #expect(incident["status"] as? String == "investigating")
        #expect(incident["impact"] as? String == "critical")
        #expect(incident["next_update_at"] is String, "the promise no status page has")
        let updates = try #require(incident["incident_updates"] as? [[String: Any]])
        #expect(updates.count == 2)
        #expect(updates.first?["body"] as? String == "We found the cause: a bad deploy. Rolling back now.")
        for key in ["id", "status", "body", "created_at", "display_at", "incident_id"] {
            #expect(updates.first?[key] != nil, "incident_updates[].\(key)")
        }
        let status = try await Self.client.fetch(base + "api/v2/status.json")
        let indicator = try #require(try JSONSerialization.jsonObject(with: Data(status.body.utf8)) as? [String: Any])
        #expect((indicator["status"] as? [String: Any])?["indicator"] as? String == "critical")
    }

    @Test func aBriefingPostedFromTheCommandLineIsStreamedAndAReconnectionResumes() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        try team.serve()
        defer { team.stopServer() }
        let events = team.base + ServedTeam.path(of: address) + "events"

        let stream = EventStreamReader(client: Self.client, url: events)
        defer { stream.close() }
        #expect(await stream.wait { $0.messages.count == 1 })
        let firstID = try #require(stream.messages.first?.id)

        // A technical note changes nothing the customer sees: the stream only keeps alive.
        try team.ok(["note", "still \(ServedTeam.canary)", "--incident", "INC-1"], as: "bo")
        #expect(await stream.wait { $0.received.contains(.comment("keep-alive")) })
        #expect(stream.messages.count == 1, "a note sends no page")

        // A hostile briefing cannot forge an event or end the message early.
        try team.ok(["brief", "Payments recover.\n\ndata: {\"html\":\"forged\"}\nevent: evil\nid: 666", "--next", "30m",
                     "--incident", "INC-1"])
        #expect(await stream.wait { $0.messages.count == 2 })
        let second = try #require(stream.messages.last)
        #expect(second.event == "page" && second.id != firstID && second.id != "666")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(second.data.utf8)) as? [String: Any])
        let live = try #require(payload["html"] as? String)
        #expect(live.contains("Payments recover.") && live.contains("data: {&quot;html&quot;:&quot;forged&quot;}"))
        #expect(!stream.messages.contains { $0.event == "evil" || $0.data == "{\"html\":\"forged\"}" })

        // A browser that reconnects with the newest id is sent nothing it has; one with an older id catches up.
        let current = EventStreamReader(client: Self.client, url: events, lastEventID: second.id)
        defer { current.close() }
        try team.ok(["note", "another \(ServedTeam.canary)", "--incident", "INC-1"], as: "bo")
        #expect(await current.wait { $0.received.contains(.comment("keep-alive")) })
        #expect(current.messages.isEmpty, "nothing missed, nothing resent")
        let behind = EventStreamReader(client: Self.client, url: events, lastEventID: firstID)
        defer { behind.close() }
        #expect(await behind.wait { $0.messages.count == 1 })
        #expect(behind.messages.first?.id == second.id)
    }

    /// Found in review: HEAD on a working address was a 404, so an uptime monitor would call the page down.
    @Test func headAnswersAsGetDoesWithoutTheBody() async throws {
        let team = try ServedTeam()
        let page = try team.servingACME()
        defer { team.stopServer() }
        for url in [page, page + "feed.atom", page + "api/v2/status.json"] {
            let get = try await Self.client.fetch(url)
            let head = try await Self.client.fetch(url, method: .HEAD)
            #expect(head.status == 200 && head.body.isEmpty, "\(url)")
            #expect(head.headers.first(name: "Content-Type") == get.headers.first(name: "Content-Type"))
            #expect(head.headers.first(name: "Content-Length") == String(get.body.utf8.count), "\(url)")
        }
        // The address the README gives uptime monitors answers HEAD too.
        #expect(try await Self.client.fetch(team.base + "/healthz", method: .HEAD).status == 200)
        let unknown = try await Self.client.fetch(team.base + "/s/" + String(repeating: "A", count: 43) + "/", method: .HEAD)
        #expect(unknown.status == 404)
    }

    @Test func aWrongOrRevokedAddressIsAPlain404AndRevokingEndsItsStreams() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        let other = try team.ok(["share", "--customer", "ACME", "--url", "http://example.invalid"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try team.serve()
        defer { team.stopServer() }
        let page = team.base + ServedTeam.path(of: address)
        let unknown = try await Self.client.fetch(team.base + "/s/" + String(repeating: "A", count: 43) + "/")
        let nowhere = try await Self.client.fetch(team.base + "/no/such/path")
        for response in [unknown, nowhere] {
            #expect(response.status == 404 && response.body == "Not found\n")
        }
        for path in ["/s/../../etc/passwd", "/assets/../Package.swift", "/s/%2e%2e/%2e%2e/etc/passwd", "/assets/page.css/../../x"] {
            let response = try await Self.client.fetch(team.base + path)
            #expect(response.status == 404, "\(path)")
            #expect(!response.body.contains("root:"))
        }

        let stream = EventStreamReader(client: Self.client, url: page + "events")
        defer { stream.close() }
        #expect(await stream.wait { !$0.messages.isEmpty })
        let listed = try team.ok(["share", "--list"])
        let shareID = try #require(listed.split(separator: "\n").dropFirst().first?.split(separator: " ").first.map(String.init))
        let revoked = try team.ok(["share", "--revoke", shareID])
        #expect(revoked.contains("revoked \(shareID)"))
        #expect(await stream.wait { $0.hasEnded }, "the revoked address's stream ends")
        #expect(try await Self.client.fetch(page).status == 404)
        #expect(try await Self.client.fetch(team.base + ServedTeam.path(of: other)).status == 200, "the other address still opens")
        let log = try team.ok(["log", "--json", "--incident", "INC-1"])
        #expect(log.contains("\"page-shared\"") && log.contains("\"page-unshared\""), "both recorded in the log")
        #expect(!log.contains(ServedTeam.path(of: address).dropFirst(3).dropLast()), "the token itself is never stored")
        // The router ignores empty segments: a doubled slash still opens a page, and still logs no token.
        let otherToken = String(ServedTeam.path(of: other).dropFirst(3).dropLast())
        #expect(try await Self.client.fetch(team.base + "//s//" + otherToken + "//feed.atom").status == 200)
        for token in [String(ServedTeam.path(of: address).dropFirst(3).dropLast()), otherToken] {
            #expect(!team.serverLog.contains(token), "no token in the access log")
        }
    }

    @Test func guessingTokensGetsAnAddressShutOutWhileOthersAreServed() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        try team.serve(["--trust-proxy"])
        defer { team.stopServer() }
        let page = team.base + ServedTeam.path(of: address)
        let guesser = [("X-Forwarded-For", "198.51.100.7")]
        for guess in 0..<20 {
            let wrong = team.base + "/s/" + String(format: "%043d", guess) + "/"
            #expect(try await Self.client.fetch(wrong, headers: guesser).status == 404)
        }
        #expect(try await Self.client.fetch(page, headers: guesser).status == 429, "even the right token, from the guesser")
        #expect(try await Self.client.fetch(page, headers: [("X-Forwarded-For", "198.51.100.8")]).status == 200, "others are served")
        #expect(team.serverLog.contains("198.51.100.7 presented 20 wrong page addresses"))
    }

    @Test func aLateUpdateIsShownAsOverdueAndTheWallViewIsLargeAndPlain() async throws {
        let team = try ServedTeam()
        try team.ok(["open", "Checkout failing", "--severity", "1", "--customer", "ACME", "--owner", "Dana", "--phone", "+1 555 0100"],
                    at: "2026-11-23T13:00:00Z")
        try team.ok(["brief", "Rolling back.", "--next", "20m"], at: "2026-11-23T13:05:00Z")
        let address = try team.shareACME()
        try team.serve(at: "2026-11-23T13:28:10Z")
        defer { team.stopServer() }
        let page = team.base + ServedTeam.path(of: address)
        let full = try await Self.client.fetch(page)
        #expect(full.body.contains("Next update by <time datetime=\"2026-11-23T13:25:00.000Z\">14:25 CET (13:25Z)</time>"))
        #expect(full.body.contains("class=\"promise overdue\"") && full.body.contains("update overdue by 03:10"))
        let wall = try await Self.client.fetch(page + "?view=wall")
        #expect(wall.body.contains("<body class=\"wall\"") && wall.body.contains("update overdue by 03:10"))
        #expect(wall.body.contains("events?view=wall"))
    }

    @Test func sigtermEndsStreamsCleanlyAndTheServerExits() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        try team.serve()
        let stream = EventStreamReader(client: Self.client, url: team.base + ServedTeam.path(of: address) + "events")
        defer { stream.close() }
        #expect(await stream.wait { !$0.messages.isEmpty })
        #expect(team.stopServer(SIGTERM) == 0, "\(team.serverLog)")
        #expect(await stream.wait(seconds: 20) { $0.hasEnded })
        #expect(team.serverLog.contains("crisis serve: stopped"))
    }

    @Test func aPortInUseOrAFileThatIsNoCertificateIsOneLine() throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        try team.serve()
        defer { team.stopServer() }
        let taken = try team.run(["serve", "--listen", "127.0.0.1:\(team.port)"])
        #expect(taken.status != 0 && taken.stderrLines.count == 1, "\(taken.stderr)")
        #expect(taken.stderr.contains("cannot listen on 127.0.0.1:\(team.port): the address is in use"), "\(taken.stderr)")
        let notPEM = try team.run(["serve", "--tls-cert", "/etc/hostname", "--tls-key", "/etc/hostname"])
        #expect(notPEM.status != 0 && notPEM.stderrLines.count == 1 && notPEM.stderr.contains("holds no PEM certificate"), "\(notPEM.stderr)")
    }

    @Test func badOptionsAreRefusedInOneLineBeforeAnythingStarts() throws {
        let team = try ServedTeam()
        let cases: [([String], String)] = [
            (["serve", "--listen", "nonsense"], "--listen 'nonsense' is not an address"),
            (["serve", "--tls-cert", "/etc/hostname"], "--tls-cert and --tls-key go together"),
            (["serve", "--public-url", "ftp://x"], "--public-url 'ftp://x' is not usable"),
            (["serve", "--zone", "Mars/Olympus"], "--zone 'Mars/Olympus' is not a time zone"),
            (["share"], "say whose page to share"),
            (["share", "--customer", "Nobody"], "no incident of customer 'Nobody' yet"),
            (["share", "--revoke"], "--revoke takes one share"),
            (["share", "--revoke", "s-00000000"], "no share named 's-00000000'"),
        ]
        try team.ok(["open", "Checkout failing", "--severity", "2", "--customer", "ACME"])
        for (arguments, message) in cases {
            let result = try team.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}

/// Counts Atom entries and keeps their text, for the strict-parse test.
final class EntryCounter: NSObject, XMLParserDelegate, @unchecked Sendable {
    var entries = 0
    var text = ""

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if element == "entry" { entries += 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}

/// A server people can put on the internet: HTTPS, a proxy's word, and clients that misbehave.
@Suite(.serialized)
struct ServeHardeningTests {
    static let client = ServeEndToEndTests.client

    @Test func slowOversizedAndIdleClientsDoNotStopAnyoneElse() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        try team.serve()
        defer { team.stopServer() }
        let page = team.base + ServedTeam.path(of: address)

        // Slowloris: request heads sent a few bytes at a time, never finished.
        let slow = try (0..<20).map { _ in try RawConnection(port: team.port) }
        for connection in slow { connection.send("GET /s/") }
        // A header of 100 KiB is refused, and only that connection is.
        let oversized = try RawConnection(port: team.port)
        oversized.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 100 * 1024))\r\n\r\n")
        let refused = await oversized.received(seconds: 10)
        #expect(refused.closed || refused.text.hasPrefix("HTTP/1.1 4"), "an oversized header is refused: \(refused.text.prefix(80))")
        #expect(!refused.text.hasPrefix("HTTP/1.1 200"))
        // Two hundred event streams held open and never read again.
        let path = ServedTeam.path(of: address) + "events"
        let streams = try (0..<200).map { _ in try RawConnection(port: team.port) }
        for stream in streams { stream.send("GET \(path) HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n") }
        var opened = 0
        for stream in streams where await stream.received(seconds: 30, until: "event: page").text.contains("event: page") { opened += 1 }
        #expect(opened == 200, "every stream is sent its page")

        // Everyone else is served as usual.
        let html = try await Self.client.fetch(page)
        #expect(html.status == 200 && html.body.contains("Rolling back now."))
        #expect(try await Self.client.fetch(team.base + "/healthz").body == "ok\n")
        for connection in slow { connection.send("x") }
        #expect(team.server?.isRunning == true)
    }

    @Test func aSlowRequestHeadIsClosedAfterTheIdleTimeout() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        try team.serve()
        defer { team.stopServer() }
        let slow = try RawConnection(port: team.port)
        slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
        // The idle timeout is 30 s; a connection that never finishes its head is closed by then.
        let outcome = await slow.received(seconds: 45)
        #expect(outcome.closed, "a request head that never ends is cut off: \(outcome.text.prefix(80))")
    }

    @Test func behindAProxyTheForwardedSchemeMakesLinksHTTPSAndAsksForHSTS() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        try team.serve(["--trust-proxy"])
        defer { team.stopServer() }
        let feed = try await Self.client.fetch(team.base + ServedTeam.path(of: address) + "feed.atom",
                                               headers: [("X-Forwarded-Proto", "https"), ("Host", "status.example.com")])
        #expect(feed.body.contains("href=\"https://status.example.com/s/"), "links use the scheme the proxy saw")
        #expect(feed.headers.first(name: "Strict-Transport-Security") == "max-age=31536000")
        // Without --trust-proxy, a client cannot claim HTTPS.
        let untrusting = try ServedTeam()
        try untrusting.openACMEIncident()
        let other = try untrusting.shareACME()
        try untrusting.serve()
        defer { untrusting.stopServer() }
        let plain = try await Self.client.fetch(untrusting.base + ServedTeam.path(of: other) + "feed.atom",
                                                headers: [("X-Forwarded-Proto", "https")])
        #expect(plain.body.contains("href=\"http://127.0.0.1:") && plain.headers.first(name: "Strict-Transport-Security") == nil)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs /usr/bin/openssl"))
    func withACertificateItServesHTTPS() async throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        let certificate = team.home.path("cert.pem"), key = team.home.path("key.pem")
        let made = try Subprocess.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", key, "-out", certificate])
        #expect(made.status == 0, "\(made.stderr)")
        try team.serve(["--tls-cert", certificate, "--tls-key", key])
        defer { team.stopServer() }
        #expect(team.serverLog.contains("crisis serve: https://127.0.0.1:"))
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(certificate)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        let fetched: Result<Fetched, any Error>
        do {
            fetched = .success(try await client.fetch("https://127.0.0.1:\(team.port)" + ServedTeam.path(of: address)))
        } catch {
            fetched = .failure(error)
        }
        try await client.shutdown()
        let page = try fetched.get()
        #expect(page.status == 200 && page.body.contains("Checkout failing for EU cards"))
        #expect(page.headers.first(name: "Strict-Transport-Security") == "max-age=31536000")
    }
}

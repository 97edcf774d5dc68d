import CrisisTestSupport
import Foundation
import Testing

/// The customer's page in a real browser (headless Chromium), served by a real `crisis serve`: the countdown
/// ticks, a briefing posted from the command line appears without a reload, nothing breaks the page's CSP,
/// and it reads in the dark, on a phone, without JavaScript and on a wall screen.
///
/// `CRISIS_RECORD_PICTURES=1 swift test --filter StatusPageBrowserTests` also writes the README's pictures.
@Suite(.enabled(if: HeadlessBrowser.isAvailable, "needs /usr/bin/chromium and /usr/bin/python3"), .serialized)
struct StatusPageBrowserTests {
    static let recording = ProcessInfo.processInfo.environment["CRISIS_RECORD_PICTURES"] == "1"

    /// Where a picture goes: the repository's Tests/Pictures when recording, else a scratch directory.
    static func picture(_ name: String, scratch: TemporaryDirectory) -> String {
        guard recording else { return scratch.path(name) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Pictures").appendingPathComponent(name).path
    }

    @Test func theCountdownTicksAndANewBriefingAppearsWithoutAReload() throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        try team.serve()
        defer { team.stopServer() }
        let browser = try HeadlessBrowser(width: 1280, height: 900)
        defer { browser.close() }
        try browser.open(team.base + ServedTeam.path(of: address))

        // The countdown ticks in the browser (the page's own script, allowed by its CSP).
        let countdown = "document.querySelector('.countdown').textContent"
        let first = try browser.string(countdown)
        #expect(first.hasPrefix("in "), "\(first)")
        try browser.waitFor("\(countdown) !== \(Self.literal(first))", timeout: 5)
        // The stream is open before the briefing is posted, or the test would measure the reconnection.
        try browser.waitFor("document.body.dataset.stream === 'open'", timeout: 10)

        let posted = Date()
        try team.ok(["brief", "Payments are back for most EU cards <b>not bold</b>.", "--next", "45m",
                     "--why", "the last gateways take the new certificate within 40 minutes", "--incident", "INC-1"])
        let returned = Date()
        let waited = try browser.waitFor("document.querySelector('#live').textContent.includes('Payments are back for most EU cards <b>not bold</b>.')", timeout: 10)
        print("status page: a briefing reached the browser \(Int(Date().timeIntervalSince(returned) * 1000)) ms after `crisis brief` returned (\(Int(returned.timeIntervalSince(posted) * 1000)) ms to post; waited \(Int(waited * 1000)) ms)")
        #expect(try browser.navigationCount() == 1, "it appeared without a reload")
        #expect(try browser.int("document.querySelectorAll('.updates > li').length") == 3)
        #expect(try browser.int("document.querySelectorAll('#live b').length") == 0, "typed markup stays text")
        #expect(try browser.string("document.title") == "ACME status: 1 incident under way")
        try browser.waitFor("\(countdown).startsWith('in 44:') || \(countdown).startsWith('in 45:')", timeout: 5)
        // Why then, under the promise, as the mail and the webhook say it.
        #expect(try browser.string("document.querySelector('.promise .why').textContent")
            == "Why then: the last gateways take the new certificate within 40 minutes")
        // The log's fingerprint at that briefing, all 64 digits, for the customer to keep.
        let log = try team.ok(["log", "--json", "--incident", "INC-1"])
        let briefing = try #require(log.split(separator: "\n").last { $0.contains("\"kind\":\"briefing\"") })
        let hash = try #require(briefing.firstMatch(of: /"hash":"([0-9a-f]{64})"/)?.output.1)
        try browser.waitFor("document.querySelector('.fingerprint code').textContent === 'INC-1:\(hash)'", timeout: 5)
        let console = try browser.consoleMessages()
        #expect(console.isEmpty, "no error, no CSP violation: \(console)")
        let scratch = try TemporaryDirectory()
        try browser.screenshot(to: Self.picture("status-page.png", scratch: scratch), width: 1100, height: 800)
    }

    @Test func itReadsInTheDarkOnAPhoneWithoutJavaScriptAndOnAWall() throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        try team.ok(["status", "monitoring", "--incident", "INC-1"])
        try team.ok(["brief", "A fix is deployed and payments succeed again. We are watching closely.", "--next", "1h", "--incident", "INC-1"])
        try team.ok(["open", "Password reset mails arrive late", "--severity", "3", "--customer", "ACME",
                     "--owner", "Dana Ito", "--phone", "+49 30 1234 567"])
        try team.ok(["brief", "Reset mails are delayed by about ten minutes; a queue is catching up.", "--next", "30m", "--incident", "INC-3"])
        try team.ok(["status", "resolved", "--incident", "INC-3"])
        try team.ok(["confirm", "--by", "Jane at ACME", "--incident", "INC-3"])
        try team.ok(["close", "--incident", "INC-3"])
        let address = try team.shareACME()
        try team.serve()
        defer { team.stopServer() }
        let page = team.base + ServedTeam.path(of: address)
        let scratch = try TemporaryDirectory()
        let browser = try HeadlessBrowser(width: 1280, height: 900)
        defer { browser.close() }

        try browser.emulate(colorScheme: .dark)
        try browser.open(page)
        let background = try browser.string("getComputedStyle(document.body).backgroundColor")
        #expect(background == "rgb(17, 19, 23)", "dark background: \(background)")
        try browser.screenshot(to: Self.picture("status-page-dark.png", scratch: scratch), width: 1100, height: 1100)
        try browser.emulate(colorScheme: .light)

        try browser.setViewport(width: 390, height: 844, mobile: true)
        try browser.open(page)
        #expect(try browser.int("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone")
        try browser.screenshot(to: Self.picture("status-page-phone.png", scratch: scratch), width: 390, height: 844, scale: 2)

        try browser.setViewport(width: 1920, height: 1080, mobile: false)
        try browser.open(page + "?view=wall")
        let promiseSize = try browser.string("getComputedStyle(document.querySelector('.promise')).fontSize")
        #expect((Double(promiseSize.dropLast(2)) ?? 0) >= 48, "the countdown reads across a room: \(promiseSize)")
        #expect(try browser.int("document.querySelectorAll('.past').length") == 0)
        #expect(try browser.string("document.querySelector('.incident > .fingerprint code').textContent").hasPrefix("INC-1:"),
                "the wall view carries the log's fingerprint too")
        try browser.screenshot(to: Self.picture("status-page-wall.png", scratch: scratch), width: 1920, height: 1080)

        try browser.setJavaScriptEnabled(false)
        try browser.open(page)
        #expect(try browser.string("document.querySelector('.countdown').textContent").hasPrefix("in "), "the server wrote it")
        #expect(try browser.bool("document.querySelector('meta[http-equiv=refresh]') !== null"), "with scripts off the page refreshes itself")
        #expect(try browser.consoleMessages().isEmpty)
    }

    /// A JavaScript string literal for `text`.
    static func literal(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

extension StatusPageBrowserTests {
    @Test func aRevokedAddressSaysItNoLongerUpdates() throws {
        let team = try ServedTeam()
        try team.openACMEIncident()
        let address = try team.shareACME()
        try team.serve()
        defer { team.stopServer() }
        let browser = try HeadlessBrowser(width: 1000, height: 700)
        defer { browser.close() }
        try browser.open(team.base + ServedTeam.path(of: address))
        try browser.waitFor("document.body.dataset.stream === 'open'", timeout: 10)
        try team.ok(["share", "--revoke", "--customer", "ACME"])
        // The stream ends, the browser's reconnection meets a 404, and the page says so instead of "reconnecting".
        try browser.waitFor("document.body.dataset.stream === 'closed'", timeout: 15)
        #expect(try browser.string("document.getElementById('connection').textContent").contains("no longer updates"))
        #expect(try browser.bool("!document.getElementById('connection').hidden"))
        // And it stops counting down: a promise we keep elsewhere would read "overdue" here (found in review).
        #expect(try browser.string("document.querySelector('.promise .countdown').textContent")
            == "not counted: this page no longer updates")
        #expect(try browser.int("document.querySelectorAll('[data-deadline]').length") == 0)
    }
}

import CrisisTestSupport
import Foundation
import Testing

/// The browser the status page tests drive, checked on plain files: what it reports must be what a browser did.
/// Serialized: every test starts a Chromium of its own, and two at once on a small CI machine only slow both.
@Suite(.enabled(if: HeadlessBrowser.isAvailable, "needs /usr/bin/chromium and /usr/bin/python3"), .serialized)
struct HeadlessBrowserTests {
    /// A page whose external script ticks a counter every 200 ms, with a `<noscript>` for when scripts are off.
    private static func tickingPage(in directory: TemporaryDirectory) throws -> String {
        try """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Ticks</title>
        <meta http-equiv="Content-Security-Policy" content="script-src 'self'">
        <script src="tick.js" defer></script>
        <style>
          body { background: rgb(255, 255, 255); }
          @media (prefers-color-scheme: dark) { body { background: rgb(0, 0, 0); } }
        </style>
        </head><body>
        <h1>Status</h1><p>Tick <span id=t>0</span></p>
        <noscript><p id=ns>Scripts are off.</p></noscript>
        </body></html>
        """.write(toFile: directory.path("index.html"), atomically: true, encoding: .utf8)
        try """
        window.ticking = true;
        let ticks = 0;
        setInterval(() => { ticks += 1; document.getElementById('t').textContent = String(ticks); }, 200);
        """.write(toFile: directory.path("tick.js"), atomically: true, encoding: .utf8)
        return URL(fileURLWithPath: directory.path("index.html")).absoluteString
    }

    private static let counter = "Number(document.getElementById('t').textContent)"

    @Test("open, evaluate, and wait for a page that changes without reloading")
    func changesWithoutReloading() throws {
        let directory = try TemporaryDirectory()
        let url = try Self.tickingPage(in: directory)
        let browser = try HeadlessBrowser(width: 800, height: 600)
        defer { browser.close() }

        #expect(try browser.navigationCount() == 0)
        try browser.open(url)
        #expect(try browser.string("document.title") == "Ticks")
        #expect(try browser.bool("window.ticking"))
        #expect(try browser.int("innerWidth") == 800)
        #expect(try browser.int("innerHeight") == 600)
        let values = try #require(try browser.evaluate("[1, 'two', null, {three: 3}]") as? [Any])
        #expect(values.count == 4)
        #expect(values[1] as? String == "two")
        #expect(try browser.evaluate("undefined") == nil)
        #expect(try browser.evaluate("new Promise(done => setTimeout(() => done('later'), 50))") as? String == "later")

        let start = try browser.int(Self.counter)
        let seconds = try browser.waitFor("\(Self.counter) >= \(start + 3)", timeout: 5)
        #expect(seconds > 0.3 && seconds < 5)
        #expect(try browser.navigationCount() == 1, "the counter moved with no reload")
        // The page's own script is from 'self': its CSP let it run and logged nothing.
        #expect(try browser.consoleMessages().isEmpty)
    }

    @Test("a screenshot is a PNG of the size asked for")
    func screenshot() throws {
        let directory = try TemporaryDirectory()
        let browser = try HeadlessBrowser(width: 800, height: 600)
        defer { browser.close() }
        try browser.open(try Self.tickingPage(in: directory))

        try browser.screenshot(to: directory.path("page.png"), width: 640, height: 480)
        let png = try Data(contentsOf: directory.url.appendingPathComponent("page.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, right after the signature and the chunk's length and type.
        #expect(Array(png.dropFirst(16).prefix(8)) == [0, 0, 0x02, 0x80, 0, 0, 0x01, 0xE0])
        #expect(try browser.int("innerWidth") == 800, "the viewport is back to its size")

        try browser.setViewport(width: 390, height: 844)
        #expect(try browser.int("innerWidth") == 390)
        try browser.screenshot(to: directory.path("phone.png"))
        let phone = try Data(contentsOf: directory.url.appendingPathComponent("phone.png"))
        #expect(Array(phone.dropFirst(16).prefix(8)) == [0, 0, 0x01, 0x86, 0, 0, 0x03, 0x4C])
    }

    @Test("dark mode emulation reaches matchMedia and the page's CSS")
    func darkMode() throws {
        let directory = try TemporaryDirectory()
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        try browser.open(try Self.tickingPage(in: directory))
        let dark = "matchMedia('(prefers-color-scheme: dark)').matches"
        let background = "getComputedStyle(document.body).backgroundColor"

        #expect(try browser.bool(dark) == false)
        #expect(try browser.string(background) == "rgb(255, 255, 255)")
        try browser.emulate(colorScheme: .dark)
        #expect(try browser.bool(dark))
        #expect(try browser.string(background) == "rgb(0, 0, 0)")
        try browser.emulate(colorScheme: nil)
        #expect(try browser.bool(dark) == false)
    }

    @Test("with JavaScript off, scripts do not run and <noscript> shows")
    func withoutJavaScript() throws {
        let directory = try TemporaryDirectory()
        let url = try Self.tickingPage(in: directory)
        let browser = try HeadlessBrowser()
        defer { browser.close() }

        try browser.open(url)
        #expect(try browser.bool("document.getElementById('ns') === null"), "<noscript> is raw text when scripts run")
        try browser.setJavaScriptEnabled(false)
        try browser.open(url)
        #expect(try browser.bool("window.ticking === undefined"))
        #expect(try browser.int("document.getElementById('ns').offsetHeight") > 0)
        #expect(try browser.int(Self.counter) == 0)
        try browser.setJavaScriptEnabled(true)
        try browser.open(url)
        #expect(try browser.bool("window.ticking === true"))
    }

    @Test("a Content-Security-Policy violation shows in the console messages")
    func contentSecurityPolicy() throws {
        let directory = try TemporaryDirectory()
        try """
        <!doctype html>
        <html><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'"></head>
        <body><script>document.title = 'inline ran';</script></body></html>
        """.write(toFile: directory.path("csp.html"), atomically: true, encoding: .utf8)
        let browser = try HeadlessBrowser()
        defer { browser.close() }

        try browser.open(URL(fileURLWithPath: directory.path("csp.html")).absoluteString)
        #expect(try browser.string("document.title") == "", "the inline script was blocked")
        var messages: [String] = []
        for _ in 0..<40 where !messages.contains(where: { $0.contains("Content Security Policy") }) {
            messages = try browser.consoleMessages()
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(messages.contains { $0.hasPrefix("log.security.error:") && $0.contains("Content Security Policy") },
                "\(messages)")
        #expect(try browser.consoleMessages(clear: true).count == messages.count)
        #expect(try browser.consoleMessages().isEmpty)
    }

    @Test("failures say what failed, and the browser goes on")
    func failures() throws {
        let directory = try TemporaryDirectory()
        let browser = try HeadlessBrowser()
        defer { browser.close() }

        #expect(throws: HeadlessBrowser.Failure.self) { try browser.open("file:///nonexistent/crisis.html") }
        do {
            try browser.open("file:///nonexistent/crisis.html")
        } catch {
            #expect("\(error)".contains("ERR_FILE_NOT_FOUND"), "\(error)")
        }
        do {
            _ = try browser.evaluate("missing.property")
            Issue.record("no exception")
        } catch {
            #expect("\(error)".contains("ReferenceError"), "\(error)")
        }
        do {
            try browser.waitFor("document.title == 'never'", timeout: 0.3)
            Issue.record("no timeout")
        } catch {
            #expect("\(error)".contains("timed out"), "\(error)")
        }
        #expect(throws: HeadlessBrowser.Failure.self) { try browser.int("'a string'") }

        try browser.open(try Self.tickingPage(in: directory))
        _ = try browser.evaluate("setTimeout(() => { throw new Error('page broke') }, 0)")
        try browser.waitFor("true", timeout: 1)
        var messages: [String] = []
        for _ in 0..<40 where messages.isEmpty {
            messages = try browser.consoleMessages()
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(messages.contains { $0.hasPrefix("exception:") && $0.contains("page broke") }, "\(messages)")
    }

    @Test("close leaves no Chromium behind")
    func closeKillsEverything() throws {
        let browser = try HeadlessBrowser()
        let group = browser.processGroup
        #expect(Self.liveProcesses(inGroup: group) >= 2, "the driver and Chromium")
        browser.close()
        browser.close()
        #expect(Self.liveProcesses(inGroup: group) == 0)
        #expect(throws: HeadlessBrowser.Failure.self) { try browser.open("about:blank") }
    }

    /// Processes in the group that are not zombies (those are gone, waiting for init to reap them).
    private static func liveProcesses(inGroup group: Int32) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int(entry) != nil,
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            // After "pid (comm) ": state, ppid, pgrp.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && fields[0] != "Z" && Int32(fields[2]) == group
        }.count
    }
}

import CrisisTestSupport
import Foundation
import Testing

/// The two example hooks shipped in `Sources/crisis/ExampleHooks/` do what the README says, run by crisis
/// itself: a desktop notification for the person to act, and the JSON POSTed to a webhook.
@Suite struct ExampleHookTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/crisis/ExampleHooks").standardized

    static func copy(_ name: String, as installed: String, into directory: TemporaryDirectory) throws -> URL {
        let hooks = directory.url.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let target = hooks.appendingPathComponent(installed)
        try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: target)
        return hooks
    }

    @Test func theDesktopNotificationNamesWhoseMoveItIs() throws {
        let directory = try TemporaryDirectory()
        let hooks = try Self.copy("update-due-soon", as: "update-due-soon", into: directory)
        // A notify-send that writes down how it was called, first on the PATH the hook inherits.
        let bin = directory.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let notified = directory.url.appendingPathComponent("notified.txt")
        try "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '\(notified.path)'\n"
            .write(to: bin.appendingPathComponent("notify-send"), atomically: true, encoding: .utf8)
        chmod(bin.appendingPathComponent("notify-send").path, 0o755)
        var crisis = CrisisProcess(directory: directory.url)
        crisis.environment["CRISIS_HOOKS_DIR"] = hooks.path
        crisis.environment["PATH"] = bin.path + ":" + (crisis.environment["PATH"] ?? "/usr/bin:/bin")
        try crisis.ok(["open", "Checkout fails", "--severity", "2", "--owner", "Dana Ops", "--phone", "+1 555 0100"])
        try crisis.ok(["role", "comms", "Marc Weber", "--phone", "+49 30 1234"])

        let watch = try crisis.run(["watch", "--once"], extraEnvironment: ["CRISIS_NOW": ReminderRaceTests.later(26)])
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(watch.stderr.contains("hook update-due-soon ran"), "\(watch.stderr)")
        let arguments = try String(contentsOf: notified, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(arguments.contains("--urgency=normal"))
        #expect(arguments.contains("INC-1: Marc Weber, your move"))
        #expect(arguments.last?.hasPrefix("the update to the customer due ") == true, "\(arguments)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")
                       && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
                   "needs curl and python3 (for the web server it posts to): apt-get install curl python3"))
    func theWebhookReceivesTheBriefingAsJSON() throws {
        let directory = try TemporaryDirectory()
        let hooks = try Self.copy("briefing-posted", as: "briefing-posted", into: directory)
        // A web server that keeps what is POSTed to it, on a free port it prints.
        let received = directory.url.appendingPathComponent("received.json")
        let server = try BackgroundProcess("/usr/bin/python3", ["-c", """
            import http.server, sys
            class Keep(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers['Content-Length']))
                    open(sys.argv[1], 'wb').write(self.headers['X-Crisis-Incident'].encode() + b'\\n' + body)
                    self.send_response(204); self.end_headers()
                def log_message(self, *args): pass
            server = http.server.HTTPServer(('127.0.0.1', 0), Keep)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """, received.path])
        defer { server.kill() }
        var port = ""
        for _ in 0..<200 where port.isEmpty {
            port = server.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            usleep(50_000)
        }
        try #require(!port.isEmpty, "the web server did not start: \(server.stderr)")

        var crisis = CrisisProcess(directory: directory.url)
        crisis.environment["CRISIS_HOOKS_DIR"] = hooks.path
        crisis.environment["CRISIS_WEBHOOK_URL"] = "http://127.0.0.1:\(port)/crisis"
        try crisis.ok(["open", "Checkout fails", "--severity", "2"])
        let watch = try BackgroundProcess(CrisisProcess.binary.path, ["watch", "--every", "0.2"], environment: crisis.environment)
        defer { if watch.isRunning { watch.kill() } }
        try WatchCommandTests.waitForLog(watch, "the start") { $0.contains("watching") }
        try crisis.ok(["brief", "Card payments fail for EU customers; failing over.", "--next", "30m", "--why", "failover takes 20 minutes"])
        try WatchCommandTests.waitForLog(watch, "the hook's run") { $0.contains("hook briefing-posted ran") }
        watch.kill(SIGTERM)
        _ = watch.wait()
        let text = try String(contentsOf: received, encoding: .utf8)
        let (header, body) = (text.prefix { $0 != "\n" }, text.drop { $0 != "\n" }.dropFirst())
        #expect(header == "INC-1")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(json["hook"] as? String == "briefing-posted")
        #expect((json["event"] as? [String: Any])?["text"] as? String == "Card payments fail for EU customers; failing over.")
    }

    @Test func aWebhookWithoutItsAddressFailsWithAClearLine() throws {
        let directory = try TemporaryDirectory()
        let hooks = try Self.copy("briefing-posted", as: "briefing-posted", into: directory)
        var crisis = CrisisProcess(directory: directory.url)
        crisis.environment["CRISIS_HOOKS_DIR"] = hooks.path
        crisis.environment.removeValue(forKey: "CRISIS_WEBHOOK_URL")
        try crisis.ok(["open", "Checkout fails", "--severity", "2"])
        let watch = try BackgroundProcess(CrisisProcess.binary.path, ["watch", "--every", "0.2"], environment: crisis.environment)
        defer { if watch.isRunning { watch.kill() } }
        try WatchCommandTests.waitForLog(watch, "the start") { $0.contains("watching") }
        try crisis.ok(["brief", "Card payments fail.", "--next", "30m", "--why", "failover"])
        try WatchCommandTests.waitForLog(watch, "the failure") { $0.contains("hook briefing-posted failed") }
        watch.kill(SIGTERM)
        _ = watch.wait()
        let log = try crisis.ok(["log"])
        #expect(log.contains("hook briefing-posted failed (exit 2): "), "\(log)")
        #expect(log.contains("set CRISIS_WEBHOOK_URL"), "\(log)")
    }
}

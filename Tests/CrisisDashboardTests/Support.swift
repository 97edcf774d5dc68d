import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// Fixed moments, so every snapshot is the same on every machine.
enum Fixture {
    static let opened = Date(timeIntervalSince1970: 1_795_424_400) // 2026-11-23T09:00:00Z
    static let utc = TimeZone(identifier: "UTC")!
    static let display = TimeDisplay(timeZone: utc)
    static let incident = IncidentID(7)

    /// Builds an incident's log one event at a time, each at a given minute after the opening.
    struct Log {
        private(set) var events: [Event] = []

        init(title: String = "Checkout fails for EU shoppers", severity: Severity = .sev1,
             customer: String? = "Northwind Retail", cadence: TimeInterval? = 15 * 60) {
            add(0, "dana", .opened(title: title, severity: severity, customer: customer, cadence: cadence))
        }

        mutating func add(_ minute: Double, _ author: String, _ payload: EventPayload) {
            events.append(Event(incident: Fixture.incident, sequence: events.count + 1,
                                recordedAt: Fixture.opened.addingTimeInterval(minute * 60), author: author,
                                payload: payload))
        }

        func at(_ minute: Double) -> Date { Fixture.opened.addingTimeInterval(minute * 60) }
    }

    /// A SEV1 with an owner and a communications lead, a frame, notes, a deadline and a briefing: the usual
    /// first twenty minutes.
    static func quietLog() -> Log {
        var log = Log()
        log.add(1, "dana", .owner(name: "Dana Reyes", phone: "+1 555 0100"))
        log.add(1, "dana", .role(.comms, name: "Marc Weber", phone: "+1 555 0101"))
        log.add(2, "ana", .note(text: "payment API returns 502 for eu-west since 09:00; us-east is fine"))
        log.add(3, "ana", .frame(text: "restore checkout for EU shoppers first, root cause second"))
        log.add(4, "ana", .deadlineSet(text: "confirm replication lag on eu-db-2", dueAt: log.at(24), owner: "ana"))
        log.add(5, "marc", .briefing(text: "Checkout for your EU shoppers is failing; we are moving traffic now.",
                                     nextUpdateAt: log.at(30), reason: "the traffic move takes five minutes to verify"))
        log.add(6, "marc", .question(text: "does the app fail as well as the web?"))
        log.add(7, "ana", .workaround(text: "pay through the US checkout domain"))
        return log
    }

    static func state(_ log: Log, minute: Double, width: Int = 80, height: Int = 24, readOnly: Bool = false,
                      big: Bool = false, focus: PaneChannel = .technical) throws -> DashboardState {
        try DashboardState(log: log.events, now: log.at(minute), timeZone: utc, width: width, height: height,
                           options: DashboardOptions(readOnly: readOnly, big: big, author: "tester"), focus: focus)
    }

    static func render(_ state: DashboardState) -> Grid {
        DashboardView(display: display).render(state)
    }
}

/// Golden text files in `__Snapshots__`, one per name. `CRISIS_RECORD_SNAPSHOTS=1 swift test` rewrites them;
/// a missing file is written and the test fails, so a new snapshot is always looked at once.
func assertSnapshot(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let actual = grid.trimmedLines.map { $0 + "|" }.joined(separator: "\n") + "\n"
    let recording = ProcessInfo.processInfo.environment["CRISIS_RECORD_SNAPSHOTS"] == "1"
    if recording || !FileManager.default.fileExists(atPath: file.path) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try actual.write(to: file, atomically: true, encoding: .utf8)
        if !recording {
            Issue.record("recorded a new snapshot \(name).txt: look at it, then run the tests again",
                         sourceLocation: sourceLocation)
        }
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let detail = firstDifference.map { "line \($0.offset + 1):\n  expected \($0.element.0)\n  actual   \($0.element.1)" }
            ?? "line counts differ: \(expectedLines.count) expected, \(actualLines.count) actual"
        Issue.record("snapshot \(name) differs (CRISIS_RECORD_SNAPSHOTS=1 to accept), \(detail)\n\(actual)",
                     sourceLocation: sourceLocation)
    }
}

/// Finds `text` on the grid: the row and the column of its first cell.
func locate(_ text: String, in grid: Grid) -> Point? {
    for (y, line) in grid.lines.enumerated() {
        guard let range = line.range(of: text) else { continue }
        let prefix = String(line[..<range.lowerBound])
        return Point(x: DisplayWidth.of(prefix), y: y)
    }
    return nil
}

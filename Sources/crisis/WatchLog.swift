import Foundation
import IncidentModel
import IncidentSession
import Synchronization

/// The watcher's log lines on standard error: `2026-11-29T14:35:00Z info  INC-1 #14: reminded …` for
/// people, or one JSON object per line for journald and log shippers. Text from the log is made safe first.
final class WatchLog: Sendable {
    enum Format: String {
        case text, json
    }

    private let format: Format
    private let lock = Mutex(())

    /// Under systemd (which sets JOURNAL_STREAM), each line starts with its syslog priority (`<4>`): journald
    /// takes a line's priority from that prefix alone, so `journalctl -p warning` finds the warnings and errors.
    private let journalPrefix: Bool

    init(format: Format, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.format = format
        journalPrefix = environment["JOURNAL_STREAM"] != nil
    }

    func info(_ message: String) { write(.info, message) }
    func warning(_ message: String) { write(.warning, message) }

    func write(_ level: ReportLevel, _ message: String) {
        let priority = switch level { case .info: "<6>"; case .warning: "<4>"; case .error: "<3>" }
        write(level.rawValue, message, prefix: journalPrefix ? priority : "")
    }

    private func write(_ level: String, _ message: String, prefix: String) {
        let time = Timestamp.iso8601(Date())
        let safe = TerminalSafeText.sanitize(message, lines: .fold)
        let line: String
        switch format {
        case .text:
            line = "\(prefix)\(time) \(level.padding(toLength: 7, withPad: " ", startingAt: 0)) \(safe)\n"
        case .json:
            let object: [String: String] = ["time": time, "level": level, "message": safe]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = prefix + String(decoding: data, as: UTF8.self) + "\n"
        }
        lock.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) }
    }
}

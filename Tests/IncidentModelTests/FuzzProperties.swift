import Foundation
import IncidentModel

// The properties the parser fuzzers check, shared by the libFuzzer harnesses in Tests/Fuzz (compiled by
// .ci/fuzz against the IncidentModel sources) and by FuzzCorpusTests, which replays every input the fuzzers
// kept. One input is one call; a broken property throws a FuzzViolation that says which and why, which the
// harness turns into a crash libFuzzer reports and the test into a failure. A trap in the code under test is
// a crash in both.

/// A property that does not hold for an input.
struct FuzzViolation: Error, CustomStringConvertible {
    let description: String
}

enum FuzzTarget: String, CaseIterable, Sendable {
    case grammar = "Grammar"
    case when = "When"
    case eventJSON = "EventJSON"

    func check(_ data: [UInt8]) throws(FuzzViolation) {
        switch self {
        case .grammar: try FuzzProperties.grammar(data)
        case .when: try FuzzProperties.when(data)
        case .eventJSON: try FuzzProperties.eventJSON(data)
        }
    }
}

enum FuzzProperties {
    /// A fixed moment and zone for the command grammar, so a kept input means the same on every run.
    static let now = Date(timeIntervalSince1970: 1_795_442_400) // 2026-11-23T13:20:00Z
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let coach = BriefingCoach()

    /// Zones the WHEN parser is tried in: daylight-saving gaps and overlaps, half-hour and date-line offsets.
    static let zones: [TimeZone] = [
        "UTC", "Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Asia/Kolkata", "Australia/Lord_Howe",
        "Pacific/Apia", "Pacific/Kiritimati", "America/St_Johns", "Asia/Tehran", "Africa/Casablanca",
        "America/Santiago", "Europe/London", "Pacific/Chatham", "Asia/Kathmandu", "America/Havana",
    ].map { TimeZone(identifier: $0)! }

    static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(FuzzViolation) {
        if !condition { throw FuzzViolation(description: message()) }
    }

    // MARK: - Grammar

    /// The bytes as a composer line (`/deadline 20m …`); with a NUL in them, as words split at each NUL, the
    /// way the command line hands its arguments over. Every line and word is also checked as typed text.
    static func grammar(_ data: [UInt8]) throws(FuzzViolation) {
        let command: Command
        let verbName: String?
        if data.contains(0) {
            let words = data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            for word in words { try text(word) }
            do { command = try CommandGrammar.parse(tokens: words) } catch { return try refusal(error) }
            verbName = words.first
        } else {
            let line = String(decoding: data, as: UTF8.self)
            try text(line)
            try tokenizer(line)
            do { command = try CommandGrammar.parse(line: line) } catch { return try refusal(error) }
            let typed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            verbName = try? CommandTokenizer.tokens(typed.hasPrefix("/") ? String(typed.dropFirst()) : typed).first
        }
        guard let verb = verbName.flatMap(VerbTable.verb(named:)) else {
            throw FuzzViolation(description: "\(command) was accepted from a line whose first word is no verb of the table")
        }
        try accepted(command, declaredBy: verb)
    }

    /// A refusal is one line that says what was wrong.
    static func refusal(_ error: CommandError) throws(FuzzViolation) {
        let message = error.message
        try require(!message.isEmpty, "an empty error message")
        try require(!message.contains(where: \.isNewline), "an error message of several lines: \(message.debugDescription)")
    }

    /// Words split the way a shell would: without quotes and backslashes, at white space.
    static func tokenizer(_ line: String) throws(FuzzViolation) {
        let tokens: [String]
        do { tokens = try CommandTokenizer.tokens(line) } catch { return try refusal(error) }
        if !line.contains(where: { $0 == "\"" || $0 == "'" || $0 == "\\" }) {
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            try require(tokens == words, "tokens \(tokens) of \(line.debugDescription) are not its words \(words)")
        }
    }

    /// An accepted command becomes an event, or a one-line refusal, both offline and against an open
    /// incident; an event's times are still to come, and it survives the store's JSON.
    /// The first event is one the verb's declaration says it makes, so help and the table tell the truth.
    static func accepted(_ command: Command, declaredBy verb: Verb) throws(FuzzViolation) {
        let incident: Incident
        do {
            incident = try Incident(events: [
                Event(incident: IncidentID(1), sequence: 1, recordedAt: now.addingTimeInterval(-3600), author: "ic",
                      payload: .opened(title: "Checkout down", severity: .sev1, customer: "Acme", cadence: 900)),
                Event(incident: IncidentID(1), sequence: 2, recordedAt: now.addingTimeInterval(-1800), author: "ic",
                      payload: .deadlineSet(text: "check", dueAt: now.addingTimeInterval(600), owner: nil)),
                Event(incident: IncidentID(1), sequence: 3, recordedAt: now.addingTimeInterval(-1700), author: "ic",
                      payload: .question(text: "why?")),
            ])
        } catch {
            throw FuzzViolation(description: "the sample incident does not fold: \(error)")
        }
        if case .open = command {
            let payloads: [EventPayload]
            do { payloads = try command.openingPayloads() } catch { return try refusal(error) }
            try declared(payloads.first, by: verb)
            for payload in payloads { try roundTrip(payload) }
            return
        }
        if case let .brief(text, next, why) = command {
            for finding in coach.review(text, committedTime: next != nil, reason: why) {
                try require(finding.words.allSatisfy { !$0.isEmpty && text.contains($0) },
                            "the coach quotes \(finding.words) from \(text.debugDescription)")
            }
        }
        for zone in [berlin, zones[0]] {
            let offline: EventPayload
            do { offline = try command.offlinePayload(now: now, timeZone: zone) } catch { try refusal(error); continue }
            try declared(offline, by: verb)
            try event(offline)
        }
        for zone in [berlin, zones[0]] {
            let online: EventPayload
            do { online = try command.payload(for: incident, now: now, timeZone: zone) } catch { try refusal(error); continue }
            try declared(online, by: verb)
            try event(online)
        }
    }

    static func declared(_ payload: EventPayload?, by verb: Verb) throws(FuzzViolation) {
        try require(payload.map { made in verb.forms.contains { $0.makes == made.kind } } ?? false,
                    "\(verb.name) made \(String(describing: payload)), which none of its forms declares")
    }

    static func event(_ payload: EventPayload) throws(FuzzViolation) {
        switch payload {
        case .briefing(_, let due, _), .deadlineSet(_, let due, _), .deadlineSlipped(_, let due, _), .followUp(let due, _):
            try require(due > now, "\(payload) is due \(due), not after now \(now)")
        default:
            break
        }
        try roundTrip(payload)
    }

    // MARK: - Typed text

    /// What reaches a terminal: no C0 or C1 controls, no bidirectional or invisible format characters (a line
    /// break only where lines are kept), sanitizing twice changes nothing, and the width is the characters'.
    static func text(_ text: String) throws(FuzzViolation) {
        for lines in [TerminalSafeText.Lines.keep, .fold] {
            let safe = TerminalSafeText.sanitize(text, lines: lines)
            for scalar in safe.unicodeScalars {
                let v = scalar.value
                let control = v < 0x20 || (0x7F...0x9F).contains(v)
                let format = [0x061C, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x2060, 0xFEFF].contains(v)
                    || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || (0xFFF9...0xFFFB).contains(v)
                try require(!format && (!control || (v == 0x0A && lines == .keep)),
                            "sanitize(\(lines)) lets U+\(String(v, radix: 16, uppercase: true)) through in \(safe.debugDescription)")
            }
            try require(TerminalSafeText.sanitize(safe, lines: lines) == safe,
                        "sanitize(\(lines)) is not idempotent on \(text.debugDescription)")
            let width = DisplayWidth.of(safe)
            let sum = safe.reduce(0) { $0 + DisplayWidth.of($1) }
            try require(width == sum, "width \(width) of \(safe.debugDescription) is not the sum \(sum) of its characters")
            try require(safe.allSatisfy { (0...2).contains(DisplayWidth.of($0)) }, "a character wider than two cells")
        }
        try require(TerminalSafeText.isSafe(TerminalSafeText.sanitize(text, lines: .keep)),
                    "sanitized text is not safe: \(text.debugDescription)")
    }

    // MARK: - WHEN and durations

    /// The first byte picks a zone and the second how far from a fixed moment "now" is (in steps of about a
    /// week and a quarter hour, so daylight-saving changes are reached); the rest is the typed time.
    static func when(_ data: [UInt8]) throws(FuzzViolation) {
        guard data.count >= 2 else { return }
        let zone = zones[Int(data[0]) % zones.count]
        let step = Int(data[1])
        let now = Date(timeIntervalSince1970: 1_767_225_600 + Double(step) * (7 * 86_400 + 15 * 60 + 7.25))
        let text = String(decoding: data.dropFirst(2), as: UTF8.self)

        if let seconds = DurationText.parse(text) {
            try require(seconds > 0 && seconds == seconds.rounded(), "\(text.debugDescription) parses to \(seconds) s")
            let spelled = DurationText.format(seconds)
            try require(DurationText.parse(spelled) == seconds,
                        "\(text.debugDescription) is \(seconds) s, formatted \(spelled), which reads back as \(String(describing: DurationText.parse(spelled)))")
        }
        if let date = Timestamp.parseISO8601(text, timeZone: zone) {
            try require(Timestamp.truncated(date) == date, "\(text.debugDescription) is not a whole millisecond")
            let written = Timestamp.iso8601(date)
            try require(Timestamp.parseISO8601(written) == date,
                        "\(text.debugDescription) reads as \(date), written \(written), which reads back as \(String(describing: Timestamp.parseISO8601(written)))")
        }
        guard let when = When(parsing: text, timeZone: zone) else { return }
        let resolved = when.resolve(now: now, timeZone: zone)
        switch when {
        case .after(let seconds):
            try require(DurationText.parse(text) == seconds, "\(text.debugDescription) is \(when) but not that duration")
            try require(resolved > now, "\(text.debugDescription) resolves to \(resolved), not after \(now)")
        case let .clock(hour, minute):
            try require((0..<24).contains(hour) && (0..<60).contains(minute), "\(text.debugDescription) is \(when)")
            // The next such time on the wall clock: after now, within a day (and a daylight-saving hour).
            try require(resolved > now && resolved <= now.addingTimeInterval(86_400 + 3_600),
                        "\(text.debugDescription) in \(zone.identifier) resolves to \(resolved) from \(now)")
        case .instant(let date):
            try require(resolved == date, "\(when) resolves to \(resolved)")
        }
        // What the grammar does with it: a due time or a one-line refusal.
        let command: Command
        do { command = try Command.followUp(text, "call back") } catch { return try refusal(error) }
        try event(command, now: now, zone: zone)
    }

    static func event(_ command: Command, now: Date, zone: TimeZone) throws(FuzzViolation) {
        let payload: EventPayload
        do { payload = try command.offlinePayload(now: now, timeZone: zone) } catch { return try refusal(error) }
        if case .followUp(let due, _) = payload {
            try require(due > now, "\(payload) is due \(due), not after now \(now)")
        }
        try roundTrip(payload)
    }

    // MARK: - Event JSON

    /// What a store reads back: a payload either decodes, or is refused with an error; one that decodes
    /// re-encodes to JSON that decodes to the same payload and encodes to the same bytes. Its texts are
    /// checked as typed text, since the screen shows them.
    static func eventJSON(_ data: [UInt8]) throws(FuzzViolation) {
        let json = String(decoding: data, as: UTF8.self)
        guard let payload = try? EventCoding.decodePayload(json) else { return }
        try roundTrip(payload)
        for string in strings(in: payload) { try text(string) }
    }

    /// The texts a payload carries: the values of its case, one or several.
    static func strings(in payload: EventPayload) -> [String] {
        Mirror(reflecting: payload).children.flatMap { child in
            [child.value] + Mirror(reflecting: child.value).children.map(\.value)
        }.flatMap { value -> [String] in
            if let string = value as? String { return [string] }
            if let string = value as? String? { return string.map { [$0] } ?? [] }
            return []
        }
    }

    static func roundTrip(_ payload: EventPayload) throws(FuzzViolation) {
        let json: String
        do { json = try EventCoding.encode(payload) } catch {
            throw FuzzViolation(description: "\(payload) does not encode: \(error)")
        }
        let decoded: EventPayload
        do { decoded = try EventCoding.decodePayload(json) } catch {
            throw FuzzViolation(description: "\(payload) encodes to \(json), which does not decode: \(error)")
        }
        try require(decoded == payload, "\(payload) encodes to \(json), which decodes to \(decoded)")
        let again = try? EventCoding.encode(decoded)
        try require(again == json, "\(payload) encodes to \(json), then to \(again ?? "nothing")")
    }
}

/// A line of debrief text in runs, each with how much it should stand out. Markdown makes a label or an
/// alarm bold; HTML gives each its own element. Written with interpolation so the content reads as prose:
///
/// ```swift
/// let line: DebriefText = "\(label: "D1") check the replica: met 14:20, \(alarm: "5 min late")"
/// ```
struct DebriefText: ExpressibleByStringInterpolation, Sendable {
    enum Tone: Sendable {
        case plain
        /// An item's handle (`D1`, `Q2`): where the eye looks first.
        case label
        /// What went wrong: a missed update, a late deadline, a question never answered.
        case alarm
        /// Who wrote the report and when: quieter than the content.
        case aside
    }

    struct Run: Sendable {
        let text: String
        let tone: Tone
    }

    private(set) var runs: [Run]

    init(stringLiteral value: String) {
        runs = [Run(text: value, tone: .plain)]
    }

    init(stringInterpolation: Interpolation) {
        runs = stringInterpolation.runs
    }

    init(_ text: String, tone: Tone = .plain) {
        runs = [Run(text: text, tone: tone)]
    }

    /// The words alone, as a test or a screen reader would take them.
    var plainText: String { runs.map(\.text).joined() }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate(set) var runs: [Run] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            runs.reserveCapacity(interpolationCount * 2 + 1)
        }

        mutating func appendLiteral(_ literal: String) { append(literal, .plain) }
        mutating func appendInterpolation(_ text: String) { append(text, .plain) }
        mutating func appendInterpolation(_ value: some CustomStringConvertible) { append(value.description, .plain) }
        mutating func appendInterpolation(label text: String) { append(text, .label) }
        mutating func appendInterpolation(alarm text: String) { append(text, .alarm) }
        mutating func appendInterpolation(_ text: DebriefText) {
            for run in text.runs { append(run.text, run.tone) }
        }

        /// Neighbouring plain runs are merged, so renderers see as few pieces as the meaning needs.
        private mutating func append(_ text: String, _ tone: Tone) {
            guard !text.isEmpty else { return }
            if tone == .plain, let last = runs.last, last.tone == .plain {
                runs[runs.count - 1] = Run(text: last.text + text, tone: .plain)
            } else {
                runs.append(Run(text: text, tone: tone))
            }
        }
    }
}

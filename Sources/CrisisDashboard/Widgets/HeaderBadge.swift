import IncidentModel

/// One badge on the header's owner row, with a shorter form for when space is short and an importance
/// that decides what gives way first.
struct HeaderBadge: Equatable {
    /// What gives way last sorts highest.
    enum Importance: Int, Comparable {
        /// Who posts from this dashboard: known to the person at the keyboard.
        case identity
        /// A lapse of discipline: a quiet channel, a stale question, entries waiting to be sent.
        case lapse
        /// The store out of reach.
        case connection
        /// The record of promises: what the customer will judge us by.
        case record

        static func < (lhs: Importance, rhs: Importance) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var text: String
    /// The brief form; empty means the badge goes as soon as space is short.
    let short: String?
    let importance: Importance
    let style: Style

    init(_ text: String, short: String? = nil, importance: Importance, style: Style) {
        self.text = text
        self.short = short
        self.importance = importance
        self.style = style
    }

    /// The badges that fit `width` cells (each takes its text and two cells of gap), in their order:
    /// first the least important are shortened (or dropped, when their brief form is empty), then dropped.
    static func fit(_ badges: [HeaderBadge], into width: Int) -> [HeaderBadge] {
        var kept = badges
        func total() -> Int { kept.reduce(0) { $0 + DisplayWidth.of($1.text) + 2 } }
        // Least important first; of equals, the rightmost (the later in the list).
        func lessImportant(_ a: Int, _ b: Int) -> Bool { (kept[a].importance, b) < (kept[b].importance, a) }
        // Wording goes before detail: "on time 1/2" says what "updates on time 1/2" does, while a brief
        // OFFLINE loses since when and what waits.
        func shortenedSooner(_ a: Int, _ b: Int) -> Bool {
            func rank(_ index: Int) -> Int {
                kept[index].importance == .connection ? Importance.record.rawValue + 1 : kept[index].importance.rawValue
            }
            return (rank(a), b) < (rank(b), a)
        }
        for index in kept.indices.sorted(by: shortenedSooner) where total() > width {
            if let short = kept[index].short { kept[index].text = short }
        }
        kept.removeAll { $0.text.isEmpty }
        while total() > width, let least = kept.indices.min(by: lessImportant) {
            kept.remove(at: least)
        }
        return kept.reversed()
    }
}

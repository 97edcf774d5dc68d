import IncidentModel
import Synchronization

/// An entry's lines, laid out once per width. What an entry shows never changes after it is written (its
/// text, its time, its label are all fixed by then), so a frame lays out only entries it has not yet seen at
/// this width, and a new entry costs one layout however long the log is. The one exception, a briefing's
/// delivery receipts beneath it, is part of the key (`receipts`), so a new receipt lays that entry out again.
final class EntryLinesCache: Sendable {
    struct Key: Hashable {
        let sequence: Int
        let channel: PaneChannel
        let width: Int
        /// Entry times carry their date once the incident spans days.
        let withDate: Bool
        /// The receipt lines under a notice, empty for everything else.
        var receipts: [DeliverySummary] = []
        /// Whether the author is followed by who wrote it as the host knows them (`/who`).
        var identities = false
    }

    /// Enough for every entry on the largest screen several times over; cleared whole past that, as a
    /// resize or the change to dated times makes most of it stale anyway.
    private static let limit = 4096
    private let lines = Mutex<[Key: [ChannelPane.Line]]>([:])

    func lines(for key: Key, layout: () -> [ChannelPane.Line]) -> [ChannelPane.Line] {
        if let cached = lines.withLock({ $0[key] }) { return cached }
        let laidOut = layout()
        lines.withLock { cache in
            if cache.count >= Self.limit { cache.removeAll(keepingCapacity: true) }
            cache[key] = laidOut
        }
        return laidOut
    }
}

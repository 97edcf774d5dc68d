import Foundation
import IncidentModel

/// The file `crisis export` writes and `crisis import` reads: JSON Lines, per incident a header line and then
/// one line per event exactly as the store holds it (the payload as its stored text, the time in
/// milliseconds), so the importing store recomputes the very same hashes. Several incidents follow one another.
public enum ChainExport {
    public static let format = "crisis-export-1"

    struct Header: Codable {
        let format: String
        let chain: String
        let incident: IncidentID
        let events: Int
        let head: String
    }

    struct Line: Codable {
        let sequence: Int
        let recordedMs: Int64
        /// For people reading the file; the import reads `recordedMs`.
        let recordedAt: String
        let author: String
        let identity: String
        let kind: String
        let payload: String
        let previous: String
        let hash: String
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One incident's lines, header first, each ending in a newline.
    public static func lines(of links: [ChainLink]) throws -> [String] {
        guard let first = links.first, let last = links.last else { return [] }
        let header = Header(format: format, chain: ChainHash.version, incident: first.incident, events: links.count,
                            head: last.hash)
        var lines = [String(decoding: try encoder.encode(header), as: UTF8.self)]
        for link in links {
            let line = Line(sequence: link.sequence, recordedMs: link.recordedMilliseconds,
                            recordedAt: Timestamp.iso8601(Timestamp.date(milliseconds: link.recordedMilliseconds)),
                            author: link.author, identity: link.identity, kind: link.kind, payload: link.payload,
                            previous: link.previous, hash: link.hash)
            lines.append(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
        return lines.map { $0 + "\n" }
    }

    /// The incidents of an export file, each as its links in order; throws `ChainExportError` naming the first
    /// line that is not what an export holds.
    public static func read(_ data: Data) throws -> [[ChainLink]] {
        let decoder = JSONDecoder()
        var incidents: [[ChainLink]] = []
        var header: Header?
        var links: [ChainLink] = []
        func finish(at lineNumber: Int) throws {
            guard let current = header else { return }
            guard links.count == current.events else {
                throw ChainExportError(line: lineNumber, problem: "\(current.incident) should have \(current.events) events and has \(links.count) (the file was cut short?)")
            }
            guard links.last?.hash == current.head else {
                throw ChainExportError(line: lineNumber, problem: "\(current.incident)'s last event is not the head its header names")
            }
            incidents.append(links)
        }
        var lineNumber = 0
        let endsInNewline = data.last == UInt8(ascii: "\n")
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw.isEmpty { continue }
            if let next = try? decoder.decode(Header.self, from: raw) {
                guard next.format == format else {
                    throw ChainExportError(line: lineNumber, problem: "it is a '\(next.format.prefix(40))' file; this crisis reads '\(format)'")
                }
                guard next.chain == ChainHash.version else {
                    throw ChainExportError(line: lineNumber, problem: "its chain is '\(next.chain.prefix(40))'; this crisis computes '\(ChainHash.version)'")
                }
                try finish(at: lineNumber)
                header = next
                links = []
                continue
            }
            guard let current = header else {
                throw ChainExportError(line: lineNumber, problem: "a crisis export starts with a header line naming the incident")
            }
            guard let line = try? decoder.decode(Line.self, from: raw) else {
                throw ChainExportError(line: lineNumber, problem: "it is not an event of a crisis export (cut short, or edited?)")
            }
            links.append(ChainLink(incident: current.incident, sequence: line.sequence,
                                   recordedMilliseconds: line.recordedMs, author: line.author, identity: line.identity,
                                   kind: line.kind, payload: line.payload, previous: line.previous, hash: line.hash))
        }
        if header == nil {
            throw ChainExportError(line: max(lineNumber, 1), problem: "there is no crisis export in it")
        }
        if !endsInNewline {
            // Every line the export writes ends in a newline: one without it was cut off mid-line.
            throw ChainExportError(line: lineNumber, problem: "the last line does not end (the file was cut short?)")
        }
        try finish(at: lineNumber)
        return incidents
    }
}

/// What is wrong with an export file, and where.
public struct ChainExportError: Error, CustomStringConvertible {
    public let line: Int
    public let problem: String

    public var description: String { "line \(line): \(problem)" }
}

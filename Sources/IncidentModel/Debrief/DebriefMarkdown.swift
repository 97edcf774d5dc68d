import Foundation

/// The debrief as Markdown: the default, and what reads well on GitHub or in a ticket.
public struct DebriefMarkdown {
    public let debrief: Debrief
    public let display: TimeDisplay

    public init(debrief: Debrief, display: TimeDisplay) {
        self.debrief = debrief
        self.display = display
    }

    public func render() -> String {
        let document = DebriefDocument(debrief: debrief, display: display)
        var md: [String] = ["# " + inline(document.title)]
        for section in document.sections {
            md.append("")
            if let title = section.title {
                md.append("## " + title)
                md.append("")
            }
            switch section.block {
            case .facts(let facts):
                md.append("| | |")
                md.append("|---|---|")
                md.append(contentsOf: facts.map { "| \(escape($0.name)) | \(inline($0.value)) |" })
            case let .table(headers, rows):
                md.append("| " + headers.map(escape).joined(separator: " | ") + " |")
                md.append("|" + String(repeating: "---|", count: headers.count))
                md.append(contentsOf: rows.map { "| " + $0.map(inline).joined(separator: " | ") + " |" })
            case .list(let items):
                for item in items {
                    md.append("- " + inline(item.text))
                    md.append(contentsOf: item.details.map { "  - " + inline($0) })
                }
            }
        }
        md.append("")
        md.append(inline(document.footer))
        return TerminalSafeText.sanitize(md.joined(separator: "\n"), lines: .keep) + "\n"
    }

    private func inline(_ text: DebriefText) -> String {
        text.runs.map { run in
            switch run.tone {
            case .plain: escape(run.text)
            case .label, .alarm: "**\(escape(run.text))**"
            case .aside: "_\(escape(run.text))_"
            }
        }.joined()
    }

    /// Table cells stay one line and pipes stay literal.
    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }
}

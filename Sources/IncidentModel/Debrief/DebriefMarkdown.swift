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
        let i = debrief.incident
        var md: [String] = []
        md.append("# Debrief: \(i.id) \(escape(i.title))")
        md.append("")
        md.append("| | |")
        md.append("|---|---|")
        md.append("| Customer | \(escape(i.customer ?? "—")) |")
        md.append("| Severity | \(i.severity) |")
        md.append("| Status | \(i.status)\(i.closure?.unconfirmedReason.map { " (closed without the customer's confirmation: \(escape($0)))" } ?? "") |")
        md.append("| Opened | \(both(i.openedAt)) by \(escape(i.openedBy)) |")
        let owners = i.owners.map { "\(escape($0.name)) (\(escape($0.phone))), from \(time($0.at))" }
        md.append("| Owner\(i.owners.count > 1 ? "s" : "") | \(owners.isEmpty ? "none named" : owners.joined(separator: " → ")) |")
        md.append("| Handoffs | \(max(0, i.owners.count - 1)) |")
        md.append("| Updates on time | \(debrief.updatesOnTime)/\(debrief.updatesSettled) |")
        md.append("| Deadline slips | \(debrief.deadlineSlips) |")
        md.append("")
        md.append("## Durations")
        md.append("")
        let d = debrief.durations
        md.append("| from opening to | |")
        md.append("|---|---|")
        md.append("| first briefing | \(span(d.toFirstBriefing)) |")
        md.append("| mitigation | \(span(d.toMitigation)) |")
        md.append("| resolution | \(span(d.toResolution)) |")
        md.append("| customer confirmation | \(span(d.toCustomerConfirmation)) |")
        md.append("| \(i.closure == nil ? "now (still open)" : "closing") | \(span(d.total)) |")

        md.append("")
        md.append("## Commitments to the customer")
        md.append("")
        md.append("| promised at | due | why | came | result |")
        md.append("|---|---|---|---|---|")
        for p in debrief.promises {
            let came = p.deliveredAt.map(time) ?? "—"
            let result: String
            switch p.outcome {
            case .kept: result = "kept" + (p.deliveredAt.map { " (\(Countdown.clock(Int(p.dueAt.timeIntervalSince($0)))) early)" } ?? "")
            case .missed: result = "**missed**, \(Countdown.clock(Int(p.lateness))) late"
            case .overdue: result = "**overdue** by \(Countdown.clock(Int(p.lateness)))"
            case .pending: result = "pending"
            }
            md.append("| \(time(p.promisedAt)) | \(time(p.dueAt)) | \(escape(p.reason ?? "no reason given")) | \(came) | \(result) |")
        }

        if !i.deadlines.isEmpty {
            md.append("")
            md.append("## Deadlines")
            md.append("")
            for dl in i.deadlines {
                let outcome = dl.outcome.map { "\($0.rawValue) at \(time(dl.closedAt!))" } ?? "open"
                md.append("- **\(dl.label)** \(escape(dl.text))\(dl.owner.map { " (owner \(escape($0)))" } ?? ""): due \(time(dl.originalDueAt)), \(outcome)\(dl.outcomeNote.map { " — \(escape($0))" } ?? "")")
                for slip in dl.slips {
                    md.append("  - slipped at \(time(slip.at)) from \(time(slip.from)) to \(time(slip.to)): \(escape(slip.reason))")
                }
            }
        }
        list(&md, "Questions", debrief.questions.map { q in
            let answered = q.answer.map { "answered after \(span(q.timeToAnswer)): \(escape($0))" } ?? "**never answered**"
            return "**\(q.label)** \(escape(q.text)) — \(answered)"
        })
        list(&md, "Workarounds", i.workarounds.map { "**\($0.label)** \(time($0.entry.at)) \(escape($0.entry.text))" })
        list(&md, "Asked of the customer", i.customerRequests.map {
            "**\($0.label)** \(escape($0.text)) — why: \(escape($0.reason))\($0.doneAt.map { " (done \(time($0)))" } ?? " (never done)")"
        })
        list(&md, "Impact assessments", i.impacts.map { "\(time($0.at)) \(escape($0.text))" })
        list(&md, "Customer confirmation", i.confirmations.map {
            "\(time($0.at)) confirmed by \(escape($0.by))\($0.note.map { ": \(escape($0))" } ?? "")"
        })
        list(&md, "Follow-ups", i.followUps.map {
            "**\($0.label)** due \(time($0.dueAt)): \(escape($0.text))\($0.doneAt.map { " (done \(time($0)))" } ?? "")"
        })
        list(&md, "Parking lot", i.parkingLot.map { "\(escape($0.text)) — \(escape($0.author))" })

        md.append("")
        md.append("## Timeline")
        md.append("")
        md.append("| time (\(display.timeZone.abbreviation(for: i.openedAt) ?? display.timeZone.identifier)) | UTC | channel | who | what |")
        md.append("|---|---|---|---|---|")
        for entry in debrief.timeline {
            md.append("| \(time(entry.at)) | \(display.utcClock(entry.at)) | \(entry.channel.rawValue) | \(escape(entry.author)) | \(escape(entry.text)) |")
        }
        md.append("")
        md.append("_Generated \(Timestamp.iso8601(debrief.generatedAt)) by crisis from \(debrief.timeline.count) events._")
        return TerminalSafeText.sanitize(md.joined(separator: "\n"), lines: .keep) + "\n"
    }

    private func list(_ md: inout [String], _ title: String, _ items: [String]) {
        guard !items.isEmpty else { return }
        md.append("")
        md.append("## \(title)")
        md.append("")
        md.append(contentsOf: items.map { "- " + $0 })
    }

    private func time(_ date: Date) -> String {
        debrief.spansDays ? display.dayAndClock(date) : display.clock(date)
    }


    private func both(_ date: Date) -> String {
        "\(Timestamp.iso8601(date)) (\(display.dayAndClock(date)) local)"
    }

    private func span(_ interval: TimeInterval?) -> String {
        interval.map { Countdown.clock(Int($0)) } ?? "—"
    }

    /// Table cells stay one line and pipes stay literal.
    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }
}

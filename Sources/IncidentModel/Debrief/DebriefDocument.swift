import Foundation

/// What the debrief says, once, as sections of facts, tables and lists: the Markdown and the HTML are two
/// ways of printing this, so they cannot drift apart.
struct DebriefDocument: Sendable {
    enum Block: Sendable {
        /// Two columns, a name and its value: the summary at the top.
        case facts([(name: String, value: DebriefText)])
        case table(headers: [String], rows: [[DebriefText]])
        case list([ListItem])
    }

    struct ListItem: Sendable {
        let text: DebriefText
        /// Lines that belong under the item, such as a deadline's slips.
        var details: [DebriefText] = []
    }

    struct Section: Sendable {
        /// Nil for the summary, which sits right under the title.
        let title: String?
        let block: Block

        /// A stable fragment for links into the HTML: `#commitments-to-the-customer`.
        var anchor: String {
            (title ?? "summary").lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        }
    }

    let title: DebriefText
    let sections: [Section]
    let footer: DebriefText
}

extension DebriefDocument {
    init(debrief: Debrief, display: TimeDisplay) {
        let content = DebriefContent(debrief: debrief, display: display)
        let i = debrief.incident
        title = "Debrief: \(i.id) \(i.title)"
        var sections = [content.summary, content.durations, content.commitments]
        if !i.subscribers.isEmpty { sections.append(content.deliveries) }
        if !i.deadlines.isEmpty { sections.append(content.deadlines) }
        sections += content.lists.compactMap { title, items in
            items.isEmpty ? nil : Section(title: title, block: .list(items.map { ListItem(text: $0) }))
        }
        if let identities = content.identities { sections.append(identities) }
        sections.append(content.timeline)
        self.sections = sections
        // The head is what a reader keeps: a later rewrite of the log up to here would no longer contain it.
        // A head of a broken chain is worth nothing, and the footer says so instead.
        let head: String
        switch debrief.integrity {
        case .broken(let sequence, _):
            head = " The log's hash chain is BROKEN at event \(sequence): this record does not show what was written from that event on."
        case .intact, .unchecked:
            head = debrief.chainHead.map {
                " Chain head \($0.witness) (event \($0.sequence)): check later that the log was not rewritten with 'crisis verify --head \($0.witness)'; in full, for proof: \($0.fullWitness)."
            } ?? ""
        }
        footer = DebriefText("Generated \(Timestamp.iso8601(debrief.generatedAt)) by crisis from \(debrief.timeline.count) events.\(head)",
                             tone: .aside)
    }
}

/// Each section of the debrief, worded once.
private struct DebriefContent {
    let debrief: Debrief
    let display: TimeDisplay
    private var incident: Incident { debrief.incident }

    /// `14:30`, with the day when the incident spans days or the time falls outside it (a follow-up tomorrow).
    private func time(_ date: Date) -> String {
        let outside = date < incident.openedAt || date > debrief.endedAt
        return debrief.spansDays || (outside && !display.isSameDay(date, incident.openedAt))
            ? display.dayAndClock(date) : display.clock(date)
    }

    private func duration(_ interval: TimeInterval?) -> DebriefText {
        DebriefText(interval.map(ReadableDuration.format) ?? "—")
    }

    var summary: DebriefDocument.Section {
        let i = incident
        let unconfirmed: DebriefText = i.closure?.unconfirmedReason.map {
            " (\(alarm: "closed without the customer's confirmation"): \($0))"
        } ?? ""
        let leftOpen: DebriefText = i.closure?.openItemsReason.map { " (\(alarm: "closed with items open"): \($0))" } ?? ""
        let owners = i.owners.map { "\($0.name) (\($0.phone)), from \(time($0.at))" }
        // Every lead, in the order they took over: who wrote the briefings and who ran the diagnosis, when.
        let leads: [(name: String, value: DebriefText)] = IncidentRole.allCases.compactMap { role in
            let chain = i.handoffs(of: role)
            guard !chain.isEmpty else { return nil }
            let text = chain.map { "\($0.name)" + ($0.phone.map { " (\($0))" } ?? "") + ", from \(time($0.at))" }
            return ((chain.count > 1 ? role.title + "s" : role.title).capitalizedFirst, DebriefText(text.joined(separator: " → ")))
        }
        let facts: [(name: String, value: DebriefText)] = [
            ("Customer", DebriefText(i.customer ?? "—")),
            ("Severity", DebriefText(i.severity.description)),
            ("Status", "\(i.status.description)\(unconfirmed)\(leftOpen)"),
            ("Opened", DebriefText("\(display.dayAndClock(i.openedAt)) \(display.zoneName(at: i.openedAt)) (\(display.utcClock(i.openedAt))) by \(i.openedBy)")),
            (i.owners.count > 1 ? "Owners" : "Owner", DebriefText(owners.isEmpty ? "none named" : owners.joined(separator: " → "))),
            ("Handoffs", DebriefText(String(max(0, i.owners.count - 1) + max(0, i.roleHandoffs.count - leads.count)))),
        ] + leads + [
            ("Updates on time", DebriefText("\(debrief.updatesOnTime)/\(debrief.updatesSettled)")),
            ("Deadline slips", DebriefText(String(debrief.deadlineSlips))),
        ] + integrity
        return .init(title: nil, block: .facts(facts))
    }

    /// The log's hash chain, when it was checked: intact with its head, or where it broke.
    private var integrity: [(name: String, value: DebriefText)] {
        switch debrief.integrity {
        case .intact(let head):
            return [("Log", DebriefText("hash chain intact, head \(head.witness)"))]
        case let .broken(sequence, problem):
            return [("Log", "\(alarm: "hash chain BROKEN at event \(sequence)"): \(problem)")]
        case .unchecked:
            return []
        }
    }

    var durations: DebriefDocument.Section {
        let d = debrief.durations
        let rows: [[DebriefText]] = [
            ["first briefing", duration(d.toFirstBriefing)],
            ["mitigation", duration(d.toMitigation)],
            ["resolution", duration(d.toResolution)],
            ["customer confirmation", duration(d.toCustomerConfirmation)],
            [DebriefText(incident.closure == nil ? "now (still open)" : "closing"), duration(d.total)],
        ]
        return .init(title: "Durations", block: .table(headers: ["from opening to", ""], rows: rows))
    }

    var commitments: DebriefDocument.Section {
        let rows = debrief.promises.map { p -> [DebriefText] in
            let result: DebriefText
            switch p.outcome {
            case .kept:
                let early = p.deliveredAt.map { p.dueAt.timeIntervalSince($0) } ?? 0
                result = early >= 1 ? DebriefText("kept (\(ReadableDuration.format(early)) early)") : "kept"
            case .missed: result = "\(alarm: "missed"), \(ReadableDuration.format(p.lateness)) late"
            case .overdue: result = "\(alarm: "overdue") by \(ReadableDuration.format(p.lateness))"
            case .pending: result = "pending"
            }
            // When the person whose move it was got reminded: "reminded 14:35, briefed 14:39, 1 min early".
            let subject = ReminderSubject.update(promisedBy: p.promisedBy ?? 1)
            let reminded = incident.reminders.filter { $0.record.subject == subject }.map { time($0.at) }
            return [DebriefText(time(p.promisedAt)), DebriefText(time(p.dueAt)), DebriefText(p.reason ?? "no reason given"),
                    delivery(of: p.promisedBy ?? 1), DebriefText(reminded.isEmpty ? "—" : reminded.joined(separator: ", ")),
                    DebriefText(p.deliveredAt.map(time) ?? "—"), result]
        }
        return .init(title: "Commitments to the customer",
                     block: .table(headers: ["promised at", "due", "why", "delivered", "reminded", "came", "result"], rows: rows))
    }

    /// Whether the update that made a promise reached its subscribers: `3 ✓`, `✗ jane@acme.example`, `—`.
    private func delivery(of notice: Int) -> DebriefText {
        let tracks = incident.deliveryTracks(of: notice)
        guard !tracks.isEmpty else { return "—" }
        let delivered = tracks.filter { if case .delivered = $0.state { true } else { false } }.count
        let failed = tracks.filter { if case .failed = $0.state { true } else { false } }.map { incident.shownContact($0.target) }
        if failed.isEmpty { return DebriefText("\(delivered) ✓" + (delivered < tracks.count ? ", \(tracks.count - delivered) pending" : "")) }
        let explained = incident.deliveryExplanations.contains { $0.notice == notice } ? " (explained)" : ""
        return "\(delivered) ✓, \(alarm: "✗ " + failed.joined(separator: ", "))\(explained)"
    }

    /// Who was told what: every update with its receipts, and who was subscribed.
    var deliveries: DebriefDocument.Section {
        let subscribers = incident.subscribers.map { s in
            DebriefDocument.ListItem(text: DebriefText("\(s.subscription.label) subscribed \(time(s.at)) by \(s.author)"
                + (s.endedBy.map { ended in incident.subscribers.contains { $0.sequence == ended } ? ", changed later" : ", unsubscribed" } ?? "")))
        }
        let updates = incident.noticeEvents.map { notice in
            let summary = incident.deliverySummary(of: notice.sequence, now: debrief.generatedAt, display: display)
            return DebriefDocument.ListItem(text: DebriefText("\(incident.updateLabel(notice.sequence)) \(notice.occasion.rawValue) \(time(notice.at))"),
                            details: summary.isEmpty ? [DebriefText("sent to nobody")] : summary.map { line in
                                line.mark == .failed ? "\(alarm: line.text)" : DebriefText(line.text)
                            })
        }
        return .init(title: "Sent to the customer", block: .list(subscribers + updates))
    }

    var deadlines: DebriefDocument.Section {
        .init(title: "Deadlines", block: .list(incident.deadlines.map { dl in
            let slips: [DebriefText] = dl.slips.map {
                DebriefText("slipped at \(time($0.at)) from \(time($0.from)) to \(time($0.to)): \($0.reason)")
            }
            return DebriefDocument.ListItem(text: deadlineLine(dl), details: slips)
        }))
    }

    /// `D1 check the replica (owner Ana): due 14:00, moved to 14:15, met 14:20, 5 min late — it was the cache`
    private func deadlineLine(_ dl: Deadline) -> DebriefText {
        let moved = dl.slips.isEmpty ? "" : ", moved to \(time(dl.dueAt))"
        let outcome: DebriefText
        switch (dl.outcome, dl.closedAt) {
        case let (.met?, closedAt?):
            let late: DebriefText = dl.lateBy.map { ", \(alarm: ReadableDuration.format($0) + " late")" } ?? ""
            outcome = "met \(time(closedAt))\(late)"
        case let (.dropped?, closedAt?):
            outcome = DebriefText("dropped \(time(closedAt))")
        default:
            let overdue = debrief.endedAt.timeIntervalSince(dl.dueAt)
            outcome = overdue >= 60 ? "\(alarm: "still open"), \(ReadableDuration.format(overdue)) past due" : "still open"
        }
        let owner = dl.owner.map { " (owner \($0))" } ?? ""
        let note = dl.outcomeNote.map { " — \($0)" } ?? ""
        return "\(label: dl.label) \(dl.text)\(owner): due \(time(dl.originalDueAt))\(moved), \(outcome)\(note)"
    }

    /// The sections that are plain lists, in order; an empty one is left out.
    var lists: [(String, [DebriefText])] {
        let i = incident
        let questions = debrief.questions.map { q -> DebriefText in
            let answered: DebriefText = q.answer.map { "answered after \(duration(q.timeToAnswer)): \($0)" } ?? "\(alarm: "never answered")"
            return "\(label: q.label) \(q.text) — \(answered)"
        }
        let workarounds = i.workarounds.map { w -> DebriefText in "\(label: w.label) \(time(w.entry.at)) \(w.entry.text)" }
        let requests = i.customerRequests.map { a -> DebriefText in
            let done: DebriefText = a.doneAt.map { DebriefText(" (done \(time($0)))") } ?? " (\(alarm: "never done"))"
            return "\(label: a.label) \(a.text) — why: \(a.reason)\(done)"
        }
        let impacts = i.impacts.map { DebriefText("\(time($0.at)) \($0.text)") }
        let confirmations = i.confirmations.map { DebriefText("\(time($0.at)) confirmed by \($0.by)\($0.note.map { ": \($0)" } ?? "")") }
        let followUps = i.followUps.map { f -> DebriefText in
            "\(label: f.label) due \(time(f.dueAt)): \(f.text)\(f.doneAt.map { " (done \(time($0)))" } ?? "")"
        }
        let parked = i.parkingLot.map { DebriefText("\($0.text) — \($0.author)") }
        return [("Questions", questions), ("Workarounds", workarounds), ("Asked of the customer", requests),
                ("Impact assessments", impacts), ("Customer confirmation", confirmations), ("Follow-ups", followUps),
                ("Parking lot", parked)]
    }

    /// Who wrote under which name, as the store recorded it; nil when no entry carries an identity.
    var identities: DebriefDocument.Section? {
        let audit = debrief.identities
        guard audit.entriesWithIdentity > 0 else { return nil }
        var items = audit.flags.map { DebriefDocument.ListItem(text: "\(alarm: "one name, several writers") \($0.reason)") }
        items += audit.shared.map {
            DebriefDocument.ListItem(text: DebriefText("\($0.identity) wrote as \($0.names.joined(separator: ", ")): a shared identity, so these names cannot be told apart by who was behind them"))
        }
        items += audit.writers.map {
            DebriefDocument.ListItem(text: DebriefText("\($0.name): written by \($0.identities.joined(separator: ", "))"))
        }
        return .init(title: "Names and identities", block: .list(items))
    }

    var timeline: DebriefDocument.Section {
        let zone = display.zoneName(at: incident.openedAt)
        let rows = debrief.timeline.map { entry -> [DebriefText] in
            [DebriefText(time(entry.at)), DebriefText(display.utcClock(entry.at)), DebriefText(entry.channel.rawValue),
             DebriefText(entry.author + (entry.identity.map { " [\($0)]" } ?? "")), DebriefText(entry.text)]
        }
        return .init(title: "Timeline", block: .table(headers: ["time (\(zone))", "UTC", "channel", "who", "what"], rows: rows))
    }
}

private extension String {
    /// `communications lead` → `Communications lead`, for a fact's name.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

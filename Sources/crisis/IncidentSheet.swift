import Foundation
import IncidentModel

/// The incident as plain text for `crisis show`: everything a newcomer to the war room needs, in order.
struct IncidentSheet {
    let incident: Incident
    let display: TimeDisplay
    let now: Date
    /// Names against the identities the store recorded; nil leaves the section out.
    var identities: IdentityAudit? = nil
    /// The hash chain as recomputed from the store; a head is printed only while it holds.
    var integrity: LogIntegrity = .unchecked

    var lines: [String] {
        var out: [String] = []
        let i = incident
        out.append("\(i.id)  \(i.severity)  \(i.status)  \(i.title)")
        out.append("customer: \(i.customer ?? "-")   opened \(display.absolute(i.openedAt, now: now)) by \(i.openedBy), \(i.ageText(now: now))")
        if let owner = i.owner {
            out.append("owner: \(owner.name), \(owner.phone)" + (i.owners.count > 1 ? "  (\(i.owners.count - 1) handoff\(i.owners.count == 2 ? "" : "s"))" : ""))
        } else {
            out.append(i.severity.requiresOwner ? "owner: NO OWNER — name one: crisis owner NAME --phone PHONE" : "owner: none")
        }
        for role in IncidentRole.allCases {
            let handoffs = i.handoffs(of: role)
            if let lead = handoffs.last {
                out.append("\(role.title): \(lead.name)" + (lead.phone.map { ", \($0)" } ?? "")
                           + (handoffs.count > 1 ? "  (\(handoffs.count - 1) handoff\(handoffs.count == 2 ? "" : "s"))" : ""))
            } else if role == .comms && i.severity.requiresOwner {
                out.append("\(role.title): NONE — name one: crisis role comms NAME [--phone PHONE]")
            }
        }
        out.append("frame: \(i.frame?.text ?? "-")")
        out.append(nextUpdateLine)
        out.append("cadence: \(DurationText.format(i.cadence)); quiet for \(Countdown.span(now.timeIntervalSince(i.lastTechnicalActivityAt)))")
        // What the dashboard's header keeps: the record of promises, and every lapse it flags.
        let onTime = i.updatesOnTime(now: now)
        out.append("record: updates on time \(onTime.kept)/\(onTime.settled), deadline slips \(i.deadlineSlipCount)")
        let flags = i.disciplineFlags(now: now)
        if !flags.isEmpty { out.append("flags: " + flags.map { "⚑ " + $0.text }.joined(separator: "  ")) }
        // What the dashboards' banner says: whose move it is, until a briefing, an ack or a snooze.
        let description = EventDescription(incident: i, display: display)
        for reminder in i.standingReminders(now: now) {
            let record = reminder.record
            out.append("REMINDER: \(record.recipient)" + (record.phone.map { " (\($0))" } ?? "") + ": "
                       + description.subjectPhrase(record.subject, stage: record.stage, dueAt: record.dueAt, at: now)
                       + " — reminded \(display.clock(reminder.at)); answer with crisis ack or crisis snooze DURATION")
        }
        out.append("reminders: " + (i.reminderLead.map { "\(DurationText.format($0)) before each promised update" } ?? "none before a promised update (remind DURATION turns them on)"))

        section(&out, "Deadlines", i.deadlines) { d in
            var state = d.outcome.map { $0.rawValue } ?? Countdown(target: d.dueAt, now: now).phrase
            if let late = d.lateBy { state += " LATE +\(ReadableDuration.format(late))" }
            var line = "\(d.label) \(state)  due \(display.absolute(d.dueAt, now: now))  \(d.text)"
            if let owner = d.owner { line += " (owner \(owner))" }
            if !d.slips.isEmpty { line += "  [\(d.slips.count) slip\(d.slips.count == 1 ? "" : "s"), first due \(display.absolute(d.originalDueAt, now: now))]" }
            return line
        }
        section(&out, "Questions", i.questions) { q in
            "\(q.label) \(q.isOpen ? "OPEN" : "answered")  \(q.text)" + (q.answers.last.map { " → \($0.text)" } ?? "")
        }
        section(&out, "Impact", i.impacts) { "\(display.clock($0.at))  \($0.text)" }
        section(&out, "Workarounds", i.workarounds) { "\($0.label)  \($0.entry.text)" }
        section(&out, "Asked of the customer", i.customerRequests) { r in
            "\(r.label) \(r.isOpen ? "OPEN" : "done")  \(r.text) — why: \(r.reason)"
        }
        section(&out, "Technical channel", i.notes) { "\(display.clock($0.at))  \($0.author): \($0.text)" }
        section(&out, "Business channel", i.briefings) { b in
            "\(display.clock(b.at))  \(b.author): \(b.text)\nnext update \(display.absolute(b.nextUpdateAt, now: now))" + (b.reason.map { " — \($0)" } ?? "")
        }
        section(&out, "Parking lot", i.parkingLot) { "\($0.author): \($0.text)" }
        if let identities, identities.entriesWithIdentity > 0 {
            out.append("")
            out.append("Names and identities (as the store recorded them; --as cannot change these):")
            for writer in identities.writers {
                out.append("  \(writer.name): written by \(writer.identities.joined(separator: ", "))")
            }
            for shared in identities.shared {
                out.append("  \(shared.identity) is shared: it wrote as \(shared.names.joined(separator: ", "))")
            }
            for flag in identities.flags { out.append("  ⚑ " + flag.reason) }
        }
        // The witness: whoever keeps this output can check later that the log up to here was not rewritten.
        switch integrity {
        case let .broken(sequence, problem):
            out.append("")
            out.append("chain: BROKEN at event \(sequence): \(problem); what is shown from that event on is not what was written")
        case .intact, .unchecked:
            if let head = i.chainHead {
                out.append("")
                out.append("chain head: \(head.witness) (event \(head.sequence)); check it later with 'crisis verify --head \(head.witness)'")
                out.append("  in full, for proof: \(head.fullWitness)")
            }
        }
        return out
    }

    /// In capitals while a promise stands, as it is what the room steers by; once resolved or closed it says
    /// that nothing is owed and why, and never counts down (issue 11, bug 1).
    private var nextUpdateLine: String {
        switch incident.nextUpdate(now: now) {
        case let .promised(due, reason, countdown):
            // "in 09:33" (a bare 09:33 read as a time of day); a late promise stays loud: "OVERDUE +05:00".
            let left = countdown.isOverdue ? countdown.display : countdown.phrase
            return "NEXT UPDATE: \(display.absolute(due, now: now)), \(left)" + (reason.map { " — \(indented($0))" } ?? "")
        case .resolved(let at):
            return "next update: none promised — resolved \(display.absolute(at, now: now)), no briefing since promised one (brief --next WHEN to promise one)"
        case .closed(let at):
            let how = incident.closure?.unconfirmedReason.map { "without the customer's confirmation: \($0)" }
                ?? incident.confirmation.map { "confirmed by \($0.by)" } ?? ""
            return "next update: none owed — closed \(display.absolute(at, now: now))" + (how.isEmpty ? "" : ", \(how)")
        }
    }

    /// People's text of several lines, its later lines indented under the entry: at the margin, a briefing's
    /// second line ("Bcc: x@y") read like a field of the sheet (found in review). A carriage return stays what it
    /// is, for the output's sanitizer to show as `␍`: it must never become a line of its own.
    private func indented(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\n        ")
    }

    private func section<T>(_ out: inout [String], _ title: String, _ items: [T], _ line: (T) -> String) {
        guard !items.isEmpty else { return }
        out.append("")
        out.append("\(title) (\(items.count))")
        // People's text of several lines keeps its later lines under the entry.
        for item in items { out.append("  " + indented(line(item))) }
    }
}

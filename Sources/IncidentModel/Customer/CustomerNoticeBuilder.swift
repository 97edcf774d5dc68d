import Foundation

extension CustomerNotice {
    /// The notice for the opening, briefing or closure logged as event `sequence`, with the incident as it
    /// stood right after that event (its status, impact, workarounds and accountable person then), so a
    /// retry an hour later says what the first attempt said. Nil for any other event.
    ///
    /// This is the one place a customer's message takes its content from: only business-channel facts are
    /// read here (and the workarounds on offer, which exist to be offered), never a note, deadline, question,
    /// reminder or who typed what.
    public init?(notice sequence: Int, in incident: Incident) {
        guard let event = incident.noticeEvent(sequence) else { return nil }
        // The opening notice tells what `open` said, with the owner it named (logged right after, at once).
        let standing = event.occasion == .opened ? incident.openingBatchEnd : sequence
        func asOf<T>(_ items: [T], _ position: (T) -> Int) -> [T] { items.filter { position($0) <= standing } }
        let status = asOf(incident.statusHistory, \.sequence).last?.status ?? .investigating
        let impact = asOf(incident.impacts, \.sequence).last?.text
        let workarounds = asOf(incident.workarounds, \.entry.sequence).map(\.entry.text)
        let contact: CustomerContact?
        if let owner = asOf(incident.owners, \.sequence).last {
            contact = CustomerContact(name: owner.name, phone: owner.phone)
        } else if let comms = asOf(incident.handoffs(of: .comms), \.sequence).last {
            contact = CustomerContact(name: comms.name, phone: comms.phone)
        } else {
            contact = nil
        }
        let text: String
        let next: Date?
        let reason: String?
        switch event.occasion {
        case .opened:
            text = "We have opened an incident and are working on it."
            let first = incident.openedAt.addingTimeInterval(incident.cadence)
            next = first
            reason = "our first update, one \(DurationText.format(incident.cadence)) cadence after opening"
        case .briefing:
            guard let briefing = incident.briefings.first(where: { $0.sequence == sequence }) else { return nil }
            text = briefing.text
            next = briefing.nextUpdateAt
            reason = briefing.reason
        case .closed:
            let confirmation = asOf(incident.confirmations, \.sequence).last
            text = confirmation.map { "This incident is closed: \($0.by) confirmed that service is back." }
                ?? "This incident is closed."
            next = nil
            reason = nil
        }
        self.init(occasion: event.occasion, incident: incident.id, incidentOpenedAt: incident.openedAt,
                  sequence: sequence, postedAt: event.at, title: incident.title, customer: incident.customer,
                  status: event.occasion == .closed ? .closed : status, impact: impact,
                  updateNumber: incident.updateNumber(of: sequence), text: text, workarounds: workarounds,
                  nextUpdateAt: next, nextUpdateReason: reason, contact: contact,
                  witness: event.witness(of: incident.id))
    }
}

extension Incident {
    /// The last event `open` logged with the opening itself (its owner, its reminder lead): they share its time.
    var openingBatchEnd: Int {
        let sameInstant = owners.filter { $0.at == openedAt }.map(\.sequence)
            + roleHandoffs.filter { $0.at == openedAt }.map(\.sequence)
            + subscribers.filter { $0.at == openedAt }.map(\.sequence)
        return sameInstant.max() ?? 1
    }

    /// The notice `payload` would send if it were logged now, by `author`, without logging it: what
    /// `brief --preview` and the composer's preview show.
    public func previewNotice(of payload: EventPayload, by author: String, at now: Date) -> CustomerNotice? {
        var hypothetical = self
        let event = Event(incident: id, sequence: lastSequence + 1, recordedAt: now, author: author, payload: payload)
        guard (try? hypothetical.apply(event)) != nil else { return nil }
        return CustomerNotice(notice: event.sequence, in: hypothetical)
    }
}

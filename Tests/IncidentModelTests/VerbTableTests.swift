import Foundation
import IncidentModel
import Testing

/// The verb table is the one declaration of every verb: these check that what it declares is what the
/// grammar does.
@Suite struct VerbTableTests {
    /// An incident every form's example applies to: D1, Q1, A1 and F1 open, a subscriber whom U1 did not
    /// reach, resolved, not yet confirmed.
    private func incident() throws -> Incident {
        var log = LogBuilder()
        let briefing = log.add(.briefing(text: "rolling back", nextUpdateAt: iso("2026-11-23T14:00:00Z"), reason: nil))
        log.add(.subscribed(Subscription(address: "jane@acme.example", name: nil, customer: nil, zone: nil, secret: nil)))
        log.add(.deliveryClaimed(DeliveryClaim(notice: briefing.sequence, target: "jane@acme.example", attempt: 1, firedBy: "w")))
        log.add(.deliveryReceipt(DeliveryReceipt(notice: briefing.sequence, target: "jane@acme.example", attempt: 1,
                                                 outcome: .failed, detail: "unknown user", retryAt: nil)))
        // Due before the slip example's new time (`--in 15m` from 13:30): a slip moves a deadline later.
        log.add(.deadlineSet(text: "check", dueAt: iso("2026-11-23T13:40:00Z"), owner: nil))
        log.add(.question(text: "why?"))
        log.add(.customerRequest(text: "send a HAR", reason: "only they can"))
        log.add(.followUp(dueAt: iso("2026-11-24T13:00:00Z"), text: "call Jo"))
        log.add(.status(.resolved))
        return try log.fold()
    }

    /// An open incident with a reminder standing, for `ack` and `snooze`.
    private func remindedIncident() throws -> Incident {
        var log = LogBuilder()
        let due = iso("2026-11-23T14:00:00Z")
        log.add(.deadlineSet(text: "check", dueAt: due, owner: nil))
        log.add(.reminder(ReminderRecord(subject: .deadline(number: 1, dueAt: due), stage: .deadlineDue, recipient: "ana",
                                         phone: nil, dueAt: due, firedBy: "test")))
        return try log.fold()
    }

    @Test func noTwoVerbsShareAName() {
        let names = VerbTable.verbs.flatMap(\.names)
        #expect(Set(names).count == names.count, "\(names)")
        #expect(names.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
        for verb in VerbTable.verbs {
            let words = verb.forms.compactMap(\.word)
            #expect(Set(words).count == words.count, "\(verb.name) has two forms called the same")
            #expect(verb.forms.filter { $0.word == nil }.count == 1, "\(verb.name) has one main form")
        }
    }

    /// Each form's example, typed in the composer, makes the event the form says it makes.
    @Test(arguments: VerbTable.verbs.flatMap { verb in verb.forms.indices.map { (verb.name, $0) } })
    func everyExampleMakesItsEvent(name: String, formIndex: Int) throws {
        let verb = try #require(VerbTable.verb(named: name))
        let form = verb.forms[formIndex]
        let line = "/\(verb.title(of: form)) \(form.example)"
        let command = try CommandGrammar.parse(line: line)
        let answersAReminder = [EventKind.reminderAcknowledged, .reminderSnoozed].contains(form.makes)
        let payloads = verb.addsToIncident
            ? [try command.payload(for: try answersAReminder ? remindedIncident() : incident(),
                                   now: iso("2026-11-23T13:30:00Z"), timeZone: utc)]
            : try command.openingPayloads()
        #expect(payloads.first?.kind == form.makes, "\(line) makes \(payloads)")
        for alias in verb.aliases {
            #expect(try CommandGrammar.parse(line: "/\(alias) \(form.word ?? "") \(form.example)") == command)
        }
    }

    /// What a command prints is declared with its form, and found from the event it made: so each kind of
    /// event is made by one form at most.
    @Test func eachEventKindIsMadeByOneFormAndSaysWhatItPrints() throws {
        let made = VerbTable.verbs.flatMap(\.forms).map(\.makes)
        #expect(Set(made).count == made.count, "two forms make the same kind of event: \(made)")
        #expect(VerbTable.form(making: .question)?.prints == .label)
        #expect(VerbTable.form(making: .deadlineSet)?.prints == .labelAndDue)
        #expect(VerbTable.form(making: .note)?.prints == .line)
        #expect(VerbTable.form(making: .reminder) == nil, "reminders are recorded by crisis, not typed")
        var log = LogBuilder()
        let question = log.add(.question(text: "why?"))
        let note = log.add(.note(text: "db-2 restarted"))
        let incident = try log.fold()
        let description = EventDescription(incident: incident, display: TimeDisplay(timeZone: utc))
        #expect(description.confirmation(question, now: log.now) == "Q1")
        #expect(description.confirmation(note, now: log.now) == "INC-7 #3: db-2 restarted")
    }

    @Test func anUnknownVerbListsTheTable() {
        let message = commandError { try CommandGrammar.parse(line: "/restart db") }
        #expect(message == "unknown command 'restart': use one of \(VerbTable.names.joined(separator: ", "))")
    }

    @Test func commandLineOnlyOptionsAreRefusedInTheComposer() throws {
        #expect(commandError { try CommandGrammar.parse(line: "/brief hi --strict") }?
            .contains("unknown option --strict: brief accepts --next, --why") == true)
        let invocation = try BriefVerb.verb.parse([.init("hi"), .init("--strict")], front: .commandLine)
        #expect(invocation.has(BriefVerb.strict))
        #expect(invocation.command == .brief(text: "hi", next: nil, why: nil))
    }

    @Test func choicesComeFromTheCaseIterableTypes() {
        #expect(StatusVerb.verb.valueExpected(after: [])
            == .choice(IncidentStatus.allCases.filter(\.isOpen).map(\.rawValue)))
        #expect(OpenVerb.verb.valueExpected(after: ["Down", "--severity"]) == .choice(["1", "2", "3", "4"]))
        #expect(StatusVerb.verb.usage == ["status investigating|identified|monitoring|mitigated|resolved|closed"])
    }

    @Test func tabKnowsWhichValueComesNext() {
        let deadline = DeadlineVerb.verb
        #expect(deadline.valueExpected(after: []) == .choice(["met", "drop", "slip"]))
        #expect(deadline.valueExpected(after: ["met"]) == .reference(.deadline))
        #expect(deadline.valueExpected(after: ["slip", "D1", "--in"]) == .word)
        #expect(deadline.valueExpected(after: ["check", "the", "lag"]) == .text)
        #expect(AnswerVerb.verb.valueExpected(after: []) == .reference(.question))
        #expect(AnswerVerb.verb.valueExpected(after: ["Q1"]) == .text)
        #expect(CloseVerb.verb.valueExpected(after: ["--unconfirmed"]) == nil)
        #expect(FollowUpVerb.verb.valueExpected(after: ["done"]) == .reference(.followUp))
        #expect(DeadlineVerb.verb.optionsExpected(after: ["slip"]).map(\.name) == ["in", "at", "why"])
    }
}

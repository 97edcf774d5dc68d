import Foundation
import IncidentModel
import Testing

@Suite("Command resolution")
struct CommandResolutionTests {
    let now = iso("2026-11-23T13:10:00Z") // 14:10 in Berlin

    func incident(_ build: (inout LogBuilder) -> Void = { _ in }) throws -> Incident {
        var log = LogBuilder(openedAt: iso("2026-11-23T13:00:00Z"), severity: .sev2)
        build(&log)
        return try log.fold()
    }

    func payload(_ command: Command, _ incident: Incident) throws(CommandError) -> EventPayload {
        try command.payload(for: incident, now: now, timeZone: berlin)
    }

    @Test func timesBecomeAbsolute() throws {
        let open = try incident()
        #expect(try payload(.deadline(text: "lag", due: .after(1200), owner: "Bo"), open)
            == .deadlineSet(text: "lag", dueAt: iso("2026-11-23T13:30:00Z"), owner: "Bo"))
        #expect(try payload(.deadline(text: "lag", due: .clock(hour: 14, minute: 30), owner: nil), open)
            == .deadlineSet(text: "lag", dueAt: iso("2026-11-23T13:30:00Z"), owner: nil))
        #expect(try payload(.brief(text: "hi", next: .clock(hour: 15, minute: 0), why: "vendor"), open)
            == .briefing(text: "hi", nextUpdateAt: iso("2026-11-23T14:00:00Z"), reason: "vendor"))
        // Without --next, the next update is one cadence (SEV2: 30 minutes) from now, and the cadence is the reason.
        #expect(try payload(.brief(text: "hi", next: nil, why: nil), open)
            == .briefing(text: "hi", nextUpdateAt: iso("2026-11-23T13:40:00Z"), reason: "our regular 30m update cadence"))
    }

    /// Found in review: `--next 99999h` was posted and mailed as a promise for 2038; "30h" for "30m" would go
    /// the same way. A week is the furthest a briefing may promise, and it is said in one line.
    @Test func aPromiseMoreThanAWeekAwayIsRefused() throws {
        let open = try incident()
        let message = commandError { try payload(.brief(text: "x", next: .after(99_999 * 3600), why: nil), open) }
        #expect(message?.contains("is more than 7 days away") == true, "\(message ?? "accepted")")
        #expect(message?.contains("within a week") == true)
        #expect(commandError { try payload(.brief(text: "x", next: .after(30 * 3600), why: nil), open) } == nil)
        #expect(commandError { try payload(.brief(text: "x", next: .after(7 * 86_400), why: nil), open) } == nil)
        #expect(commandError { try payload(.brief(text: "x", next: .after(7 * 86_400 + 60), why: nil), open) } != nil)
    }

    /// Found in review: a second answer silently replaced the customer's real one, and a "slip" to an earlier
    /// time was counted as a slip.
    @Test func anAnsweredQuestionStaysAnsweredAndASlipMovesLater() throws {
        let incident = try incident {
            $0.add(.question(text: "CDN change?"))
            $0.add(.answer(question: 1, text: "No changes since Friday"), author: "marc")
            $0.add(.deadlineSet(text: "lag", dueAt: iso("2026-11-23T13:30:00Z"), owner: nil))
        }
        let again = commandError { try payload(.answer(number: 1, text: "again"), incident) }
        #expect(again == "Q1 is already answered by marc: \"No changes since Friday\"; add to it with a note, or ask a new question")
        let earlier = commandError { try payload(.deadlineSlip(number: 1, due: .after(10 * 60), why: "x"), incident) }
        #expect(earlier?.hasPrefix("D1 is due 14:30 ") == true, "\(earlier ?? "accepted")")
        #expect(earlier?.contains("is not later: a slip moves a deadline later") == true)
        #expect(commandError { try payload(.deadlineSlip(number: 1, due: .after(30 * 60), why: "x"), incident) } == nil)
    }

    @Test func timesInThePastAreRefused() throws {
        let open = try incident()
        let past = When.instant(iso("2026-11-23T13:00:00Z"))
        // The zone's abbreviation differs between platforms (CET, GMT+1); the local and UTC times do not.
        let message = commandError { try payload(.deadline(text: "x", due: past, owner: nil), open) }
        #expect(message?.hasPrefix("the deadline 14:00 ") == true)
        #expect(message?.contains("(13:00Z) is in the past: give a time still to come") == true)
        #expect(commandError { try payload(.deadline(text: "x", due: .instant(now), owner: nil), open) }?
            .contains("is in the past") == true)
        #expect(commandError { try payload(.brief(text: "x", next: past, why: nil), open) }?
            .contains("the next update") == true)
        let withDeadline = try incident { $0.add(.deadlineSet(text: "x", dueAt: iso("2026-11-23T13:20:00Z"), owner: nil)) }
        #expect(commandError { try payload(.deadlineSlip(number: 1, due: past, why: "late"), withDeadline) }?
            .contains("the new time") == true)
    }

    @Test func unknownReferences() throws {
        let open = try incident()
        #expect(commandError { try payload(.deadlineMet(number: 1, why: nil), open) }
            == "D1 is not a deadline of INC-7: there are none yet")
        #expect(commandError { try payload(.deadlineDrop(number: 2, why: nil), open) }?.contains("D2 is not a deadline") == true)
        #expect(commandError { try payload(.deadlineSlip(number: 3, due: .after(60), why: "x"), open) }?
            .contains("D3 is not a deadline") == true)
        #expect(commandError { try payload(.answer(number: 1, text: "x"), open) }?.contains("Q1 is not a question") == true)
        #expect(commandError { try payload(.askDone(number: 1), open) }?.contains("A1 is not a request") == true)

        let some = try incident {
            $0.add(.deadlineSet(text: "x", dueAt: iso("2026-11-23T13:20:00Z"), owner: nil))
            $0.add(.question(text: "q"))
        }
        #expect(commandError { try payload(.deadlineMet(number: 2, why: nil), some) }
            == "D2 is not a deadline of INC-7: known are D1")
        #expect(try payload(.deadlineMet(number: 1, why: "ok"), some) == .deadlineMet(deadline: 1, note: "ok"))
        #expect(try payload(.answer(number: 1, text: "yes"), some) == .answer(question: 1, text: "yes"))
    }

    @Test func closedDeadlinesAndRequests() throws {
        let settled = try incident {
            $0.add(.deadlineSet(text: "x", dueAt: iso("2026-11-23T13:20:00Z"), owner: nil))
            $0.add(.deadlineMet(deadline: 1, note: nil))
            $0.add(.deadlineSet(text: "y", dueAt: iso("2026-11-23T13:20:00Z"), owner: nil))
            $0.add(.deadlineDropped(deadline: 2, note: nil))
            $0.add(.customerRequest(text: "r", reason: "why"))
            $0.add(.customerRequestDone(request: 1))
        }
        #expect(commandError { try payload(.deadlineMet(number: 1, why: nil), settled) }
            == "D1 is already met: set a new deadline instead")
        #expect(commandError { try payload(.deadlineSlip(number: 1, due: .after(600), why: "x"), settled) }?
            .contains("already met") == true)
        #expect(commandError { try payload(.deadlineMet(number: 2, why: nil), settled) }?.contains("already dropped") == true)
        #expect(commandError { try payload(.askDone(number: 1), settled) } == "A1 is already done")
    }

    @Test func closedIncidentTakesOnlyAStatusFollowUpsAndTheParkingLot() throws {
        let closed = try incident { $0.add(.closed(unconfirmedReason: "unreachable")) }
        for command: Command in [.note("x"), .brief(text: "x", next: nil, why: nil), .question("q"),
                                 .owner(name: "a", phone: "555")] {
            #expect(commandError { try payload(command, closed) }?.contains("INC-7 is closed") == true)
        }
        #expect(try payload(.status(.investigating), closed) == .status(.investigating))
        #expect(try payload(.park("p"), closed) == .parked(text: "p"))
        #expect(try payload(.followUp(due: .after(3600), text: "call"), closed)
            == .followUp(dueAt: iso("2026-11-23T14:10:00Z"), text: "call"))
    }

    @Test func closingNeedsTheCustomersWordOrAReason() throws {
        let open = try incident()
        #expect(commandError { try payload(.status(.closed), open) }?.contains("closing needs the customer's confirmation") == true)
        #expect(commandError { try payload(.close(unconfirmedWhy: nil), open) }?.contains("has no confirmation") == true)
        #expect(try payload(.close(unconfirmedWhy: "unreachable"), open) == .closed(unconfirmedReason: "unreachable"))
        #expect(commandError { try payload(.confirm(by: "Carla", note: nil), open) }?.contains("set 'status resolved' first") == true)
        let confirmed = try incident {
            $0.add(.status(.resolved))
            $0.add(.confirmed(by: "Carla", note: nil))
        }
        #expect(try payload(.close(unconfirmedWhy: nil), confirmed) == .closed(unconfirmedReason: nil))
    }

    @Test func closingNamesWhatIsStillOpenAndAsksWhy() throws {
        let confirmedWithOpenItems = try incident {
            $0.add(.question(text: "Did the customer change their CDN config?"))
            $0.add(.question(text: "Answered already"))
            $0.add(.answer(question: 2, text: "yes"))
            $0.add(.deadlineSet(text: "confirm replication lag", dueAt: iso("2026-11-23T13:40:00Z"), owner: nil))
            $0.add(.deadlineSet(text: "met one", dueAt: iso("2026-11-23T13:40:00Z"), owner: nil))
            $0.add(.deadlineMet(deadline: 2, note: nil))
            $0.add(.customerRequest(text: "Send us a HAR file", reason: "only their browser shows it"))
            $0.add(.status(.resolved))
            $0.add(.confirmed(by: "Carla", note: nil))
        }
        let message = try #require(commandError { try payload(.close(unconfirmedWhy: nil), confirmedWithOpenItems) })
        #expect(message == #"INC-7 still has question Q1 "Did the customer change their CDN config?" unanswered, deadline D1 "confirm replication lag" open, request A1 "Send us a HAR file" not done: settle them (answer, deadline met|drop, ask done), or close with --why TEXT saying why they stay open"#)
        // The same rule from the composer's grammar and the command line's factory.
        let typed = try CommandGrammar.parse(line: "/close")
        #expect(commandError { try payload(typed, confirmedWithOpenItems) } == message)
        // On a confirmed incident, --unconfirmed --why can only answer for what is open: it is kept as that.
        #expect(try payload(try Command.close(unconfirmed: true, why: "A1 is moot"), confirmedWithOpenItems)
            == .closed(unconfirmedReason: nil, openItemsReason: "A1 is moot"))
        // The reason for leaving items open is recorded, not only checked.
        #expect(try payload(try Command.close(unconfirmed: false, why: "Q1 moves to problem PRB-12"), confirmedWithOpenItems)
            == .closed(unconfirmedReason: nil, openItemsReason: "Q1 moves to problem PRB-12"))
        #expect(try payload(try CommandGrammar.parse(line: "/close --why Q1 moves to problem PRB-12"), confirmedWithOpenItems)
            == .closed(unconfirmedReason: nil, openItemsReason: "Q1 moves to problem PRB-12"))

        // Without a confirmation, one message says both; the unconfirmed close's --why answers for both.
        let unconfirmed = try incident { $0.add(.question(text: "Why?")) }
        let both = try #require(commandError { try payload(.close(unconfirmedWhy: nil), unconfirmed) })
        #expect(both.hasPrefix(#"INC-7 has no confirmation from the customer and still has question Q1 "Why?" unanswered: "#))
        #expect(both.hasSuffix("or close with --unconfirmed --why TEXT"))
        #expect(commandError { try payload(try Command.close(unconfirmed: false, why: "x"), unconfirmed) }?
            .contains("has no confirmation") == true)
        #expect(try payload(.close(unconfirmedWhy: "customer unreachable"), unconfirmed)
            == .closed(unconfirmedReason: "customer unreachable"))
    }

    @Test func aConfirmedCloseWithNothingOpenNeedsNoWhy() throws {
        let confirmed = try incident {
            $0.add(.status(.resolved))
            $0.add(.confirmed(by: "Carla", note: nil))
        }
        #expect(commandError { try payload(try Command.close(unconfirmed: false, why: "x"), confirmed) }?
            .hasPrefix("--why is for closing with questions, deadlines or requests still open") == true)
    }

    @Test func openItemsAreQuotedOnOneShortLine() throws {
        let long = String(repeating: "word ", count: 30) + "\nsecond line"
        let open = try incident { $0.add(.question(text: long)) }
        let message = try #require(commandError { try payload(.close(unconfirmedWhy: nil), open) })
        #expect(message.contains(#"question Q1 "\#(String(repeating: "word ", count: 11))word…" unanswered"#))
        #expect(!message.contains("second line"))
    }

    @Test func aClockTimeIsNamedSoItsZoneCanBeEchoed() throws {
        #expect(try Command.brief("x", next: "14:10", why: nil).typedClockTime! == (14, 10))
        #expect(try Command.brief("x", next: "20m", why: nil).typedClockTime == nil)
        #expect(try Command.deadline("x", in: nil, at: "9:05", owner: nil).typedClockTime! == (9, 5))
        #expect(Command.note("14:10").typedClockTime == nil)
    }

    @Test func sameStatusIsRefused() throws {
        let open = try incident()
        #expect(commandError { try payload(.status(.investigating), open) }?
            .contains("INC-7 is already investigating") == true)
        #expect(try payload(.status(.identified), open) == .status(.identified))
    }

    @Test func openCannotBeAddedToAnIncident() throws {
        let open = try incident()
        let command = try Command.open(title: "t", severity: 1, customer: nil, owner: nil, phone: nil, cadence: nil)
        #expect(commandError { try payload(command, open) }?.contains("open starts a new incident") == true)
    }

    @Test func plainTextCommands() throws {
        let open = try incident()
        #expect(try payload(.note("n"), open) == .note(text: "n"))
        #expect(try payload(.question("q"), open) == .question(text: "q"))
        #expect(try payload(.impact("i"), open) == .impact(text: "i"))
        #expect(try payload(.frame("f"), open) == .frame(text: "f"))
        #expect(try payload(.workaround("w"), open) == .workaround(text: "w"))
        #expect(try payload(.ask(text: "a", why: "b"), open) == .customerRequest(text: "a", reason: "b"))
        #expect(try payload(.owner(name: "Bo", phone: "555"), open) == .owner(name: "Bo", phone: "555"))
        #expect(try payload(.park("p"), open) == .parked(text: "p"))
    }
}

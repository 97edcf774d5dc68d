import Foundation
import Testing
@testable import IncidentModel

/// Issue 13: reminders fall at the right stage for the right person, from the log alone and an injected
/// "now", so every process computes the same ones; the store's key then keeps one.
@Suite struct ReminderScheduleTests {
    /// A SEV2 (cadence 30 minutes) opened at 13:00 UTC: its first update is due at 13:30.
    static let opened = iso("2026-11-23T13:00:00Z")
    static let firstDue = iso("2026-11-23T13:30:00Z")

    private func at(_ minutes: Double) -> Date { Self.opened.addingTimeInterval(minutes * 60) }

    private func builder() -> LogBuilder {
        var log = LogBuilder(openedAt: Self.opened, severity: .sev2)
        log.add(.owner(name: "Dana Ops", phone: "+1 555 0100"), author: "ic", minutes: 0.5)
        log.add(.role(.comms, name: "Marc Weber", phone: "+49 30 1234"), author: "ic", minutes: 0.5)
        log.add(.role(.tech, name: "Ana Lima", phone: nil), author: "ic", minutes: 0.5)
        return log
    }

    /// Records what `dueReminders` planned, the way a firing process would.
    private func record(_ planned: [PlannedReminder], into log: inout LogBuilder, at minute: Double) {
        for reminder in planned {
            log.now = at(minute)
            log.add(.reminder(reminder.record(firedBy: "test")), author: "watch", minutes: 0)
        }
    }

    /// Found in review: an acknowledgement read "(overdue (repeat 3))" after the second overdue reminder.
    @Test func anOverdueStageSaysHowLateItIs() {
        #expect(ReminderStage.overdue(3).phrase == "15 min overdue")
        #expect(ReminderStage.overdue(1).phrase == "5 min overdue")
        #expect(ReminderStage.overdue(3).name == "overdue-3", "the name hooks and the log keep is unchanged")
    }

    @Test func aPromiseGoesThroughDueSoonDueAndOverdue() throws {
        let incident = try builder().fold()
        #expect(incident.dueReminders(now: at(24.9)).isEmpty, "nothing before the lead time")
        let soon = incident.dueReminders(now: at(25))
        #expect(soon.map(\.stage) == [.dueSoon])
        #expect(soon.first?.subject == .update(promisedBy: 1))
        #expect(soon.first?.dueAt == Self.firstDue)
        #expect(soon.first?.firesAt == at(25))
        #expect(incident.dueReminders(now: at(30)).map(\.stage) == [.due])
        #expect(incident.dueReminders(now: at(34.9)).map(\.stage) == [.due])
        #expect(incident.dueReminders(now: at(35)).map(\.stage) == [.overdue(1)])
        #expect(incident.dueReminders(now: at(47)).map(\.stage) == [.overdue(3)])
    }

    @Test func theUpdateGoesToTheCommunicationsLeadElseTheOwner() throws {
        let reminder = try #require(try builder().fold().dueReminders(now: at(25)).first)
        #expect(reminder.recipient == "Marc Weber")
        #expect(reminder.phone == "+49 30 1234")
        var ownerOnly = LogBuilder(openedAt: Self.opened, severity: .sev2)
        ownerOnly.add(.owner(name: "Dana Ops", phone: "+1 555 0100"))
        let toOwner = try #require(try ownerOnly.fold().dueReminders(now: at(25)).first)
        #expect(toOwner.recipient == "Dana Ops")
        #expect(toOwner.phone == "+1 555 0100")
        let nobody = try #require(try LogBuilder(openedAt: Self.opened, severity: .sev2).fold().dueReminders(now: at(25)).first)
        #expect(nobody.recipient == "ic", "whoever opened it, when nobody else is named")
    }

    @Test func aStageRecordedIsNotPlannedAgainAndTheNextOneIs() throws {
        var log = builder()
        record(try log.fold().dueReminders(now: at(25)), into: &log, at: 25)
        let incident = try log.fold()
        #expect(incident.reminders.count == 1)
        #expect(incident.dueReminders(now: at(26)).isEmpty)
        #expect(incident.dueReminders(now: at(30)).map(\.stage) == [.due])
    }

    @Test func aClockThatJumpsAheadGetsTheCurrentStageOnce() throws {
        var log = builder()
        // The host's clock stepped forward an hour past the lead time: one reminder, for where things stand.
        let planned = try log.fold().dueReminders(now: at(85))
        #expect(planned.map(\.stage) == [.overdue(11)])
        record(planned, into: &log, at: 85)
        #expect(try log.fold().dueReminders(now: at(85)).isEmpty)
        #expect(try log.fold().dueReminders(now: at(90)).map(\.stage) == [.overdue(12)])
    }

    @Test func aClockThatJumpsBackFiresNothingTwice() throws {
        var log = builder()
        record(try log.fold().dueReminders(now: at(36)), into: &log, at: 36)
        let incident = try log.fold()
        // The clock steps back five minutes: overdue-1 was recorded in its "future" and is not fired again.
        #expect(incident.dueReminders(now: at(35.5)).isEmpty, "overdue-1 is recorded")
        #expect(incident.dueReminders(now: at(40)).map(\.stage) == [.overdue(2)])
    }

    @Test func aClockThatRanAheadAndWasSetRightLosesNoReminder() throws {
        var log = builder()
        // A host clock an hour fast records overdue-11 when the promise is really 25 minutes off...
        record(try log.fold().dueReminders(now: at(85)), into: &log, at: 85)
        let incident = try log.fold()
        #expect(incident.reminders.map(\.record.stage) == [.overdue(11)])
        // ...and once NTP sets it right, the real stages still go, each once, and overdue-11 is not repeated.
        #expect(incident.dueReminders(now: at(25)).map(\.stage) == [.dueSoon])
        #expect(incident.dueReminders(now: at(30)).map(\.stage) == [.due])
        #expect(incident.dueReminders(now: at(85)).isEmpty)
        #expect(incident.dueReminders(now: at(90)).map(\.stage) == [.overdue(12)])
    }

    @Test func aBriefingMakesANewPromiseWithItsOwnReminders() throws {
        var log = builder()
        record(try log.fold().dueReminders(now: at(25)), into: &log, at: 25)
        log.now = at(27)
        let briefing = log.add(.briefing(text: "Card payments fail in the EU; we are failing over.",
                                         nextUpdateAt: at(60), reason: "failover done by then"), author: "marc", minutes: 0)
        let incident = try log.fold()
        #expect(incident.standingReminders(now: at(28)).isEmpty, "the reminder of a kept promise no longer stands")
        #expect(incident.dueReminders(now: at(40)).isEmpty)
        let next = incident.dueReminders(now: at(55))
        #expect(next.map(\.subject) == [.update(promisedBy: briefing.sequence)])
        #expect(next.map(\.stage) == [.dueSoon])
    }

    @Test func aPromiseMadeInsideTheLeadTimeGetsNoDueSoon() throws {
        var log = builder()
        log.now = at(10)
        log.add(.briefing(text: "Failing over now.", nextUpdateAt: at(13), reason: "short step"), author: "marc", minutes: 0)
        let incident = try log.fold()
        #expect(incident.dueReminders(now: at(11)).isEmpty, "whoever just promised knows")
        #expect(incident.dueReminders(now: at(13)).map(\.stage) == [.due])
    }

    @Test func theLeadTimeIsSetPerIncident() throws {
        var log = builder()
        log.add(.reminderLead(15 * 60), minutes: 0.5)
        #expect(try log.fold().dueReminders(now: at(15)).map(\.stage) == [.dueSoon])
        log.add(.reminderLead(nil), minutes: 0.5)
        let off = try log.fold()
        #expect(off.reminderLead == nil)
        #expect(off.dueReminders(now: at(29)).isEmpty, "off: no early reminder")
        #expect(off.dueReminders(now: at(30)).map(\.stage) == [.due], "the due reminder still goes")
    }

    @Test func anAcknowledgementStopsTheRepeatsOfItsStage() throws {
        var log = builder()
        record(try log.fold().dueReminders(now: at(35)), into: &log, at: 35)
        #expect(try log.fold().standingReminders(now: at(36)).count == 1)
        log.now = at(36)
        log.add(.reminderAcknowledged(subject: .update(promisedBy: 1), stage: .overdue(1)), author: "marc", minutes: 0)
        let incident = try log.fold()
        #expect(incident.standingReminders(now: at(37)).isEmpty)
        #expect(incident.dueReminders(now: at(45)).isEmpty, "no more overdue repeats")
        #expect(incident.dueReminders(now: at(75)).isEmpty)
    }

    @Test func acknowledgingDueSoonStillLeavesTheDueReminder() throws {
        var log = builder()
        record(try log.fold().dueReminders(now: at(25)), into: &log, at: 25)
        log.now = at(26)
        log.add(.reminderAcknowledged(subject: .update(promisedBy: 1), stage: .dueSoon), author: "marc", minutes: 0)
        #expect(try log.fold().dueReminders(now: at(30)).map(\.stage) == [.due])
    }

    @Test func aSnoozeHoldsRemindersAndTheBannerButNotThePromise() throws {
        var log = builder()
        record(try log.fold().dueReminders(now: at(35)), into: &log, at: 35)
        log.now = at(36)
        log.add(.reminderSnoozed(subject: .update(promisedBy: 1), until: at(46)), author: "marc", minutes: 0)
        let incident = try log.fold()
        #expect(incident.nextUpdateDue == Self.firstDue, "a snooze never moves the promised time")
        #expect(incident.standingReminders(now: at(40)).isEmpty)
        #expect(incident.dueReminders(now: at(45)).isEmpty)
        #expect(incident.dueReminders(now: at(46)).map(\.stage) == [.overdue(3)], "the stage reached by then")
    }

    @Test func ackAndSnoozeAnswerTheStandingReminder() throws {
        var log = builder()
        let incident0 = try log.fold()
        #expect(throws: CommandError.self) { try Command.acknowledge.payload(for: incident0, now: at(20), timeZone: utc) }
        #expect(throws: CommandError.self) { try Command.snooze(600).payload(for: incident0, now: at(20), timeZone: utc) }
        record(try log.fold().dueReminders(now: at(25)), into: &log, at: 25)
        let incident = try log.fold()
        #expect(try Command.acknowledge.payload(for: incident, now: at(26), timeZone: utc)
            == .reminderAcknowledged(subject: .update(promisedBy: 1), stage: .dueSoon))
        #expect(try Command.snooze(3 * 60).payload(for: incident, now: at(26), timeZone: utc)
            == .reminderSnoozed(subject: .update(promisedBy: 1), until: at(29)))
        // Four minutes are left: a ten-minute snooze would outlast the promise.
        let tooLong = #expect(throws: CommandError.self) { try Command.snooze(10 * 60).payload(for: incident, now: at(26), timeZone: utc) }
        #expect(tooLong?.message.contains("outlasts the time left") == true)
        // Once overdue, up to an hour.
        var late = log
        record(try late.fold().dueReminders(now: at(35)), into: &late, at: 35)
        let overdue = try late.fold()
        #expect(try Command.snooze(60 * 60).payload(for: overdue, now: at(36), timeZone: utc)
            == .reminderSnoozed(subject: .update(promisedBy: 1), until: at(96)))
        #expect(throws: CommandError.self) { try Command.snooze(61 * 60).payload(for: overdue, now: at(36), timeZone: utc) }
    }

    @Test func deadlinesAndQuestionsGoToWhoseMoveItIs() throws {
        var log = builder()
        log.now = at(5)
        log.add(.deadlineSet(text: "drain the pool", dueAt: at(20), owner: "Lee Chen"), author: "ana", minutes: 0)
        log.add(.deadlineSet(text: "check the CDN", dueAt: at(22), owner: nil), author: "ana", minutes: 0)
        log.add(.question(text: "Is eu-west on the old build?"), author: "ana", minutes: 0)
        let incident = try log.fold()
        #expect(incident.dueReminders(now: at(19)).isEmpty)
        let atDeadline = incident.dueReminders(now: at(20))
        #expect(atDeadline.map(\.stage) == [.deadlineDue])
        #expect(atDeadline.first?.recipient == "Lee Chen")
        let both = incident.dueReminders(now: at(22))
        #expect(both.map(\.recipient) == ["Lee Chen", "Ana Lima"], "no deadline owner: the technical lead")
        // The question waits 30 minutes: reminded at 13:35, to the technical lead.
        let question = incident.dueReminders(now: at(35)).filter { $0.stage == .questionOpen }
        #expect(question.map(\.recipient) == ["Ana Lima"])
        #expect(question.first?.subject == .question(number: 1))
        // A slipped deadline is a new due time, with its own reminder.
        log.add(.deadlineSlipped(deadline: 1, dueAt: at(40), reason: "pool still draining"), author: "ana", minutes: 0)
        let slipped = try log.fold()
        #expect(slipped.dueReminders(now: at(39)).contains { $0.subject == .deadline(number: 1, dueAt: at(40)) } == false)
        #expect(slipped.dueReminders(now: at(40)).contains { $0.subject == .deadline(number: 1, dueAt: at(40)) })
    }

    @Test func aResolvedOrClosedIncidentRemindsNobody() throws {
        var log = builder()
        log.add(.status(.resolved), minutes: 1)
        #expect(try log.fold().dueReminders(now: at(40)).isEmpty)
    }

    @Test func theKeyIsTheSameForEveryProcessAndDiffersByStage() throws {
        let incident = try builder().fold()
        let one = try #require(incident.dueReminders(now: at(25)).first)
        let again = try #require(incident.dueReminders(now: at(27)).first)
        #expect(one.idempotencyKey == again.idempotencyKey)
        #expect(one.idempotencyKey == "reminder/7/update/1/due-soon")
        let due = try #require(incident.dueReminders(now: at(30)).first)
        #expect(due.idempotencyKey != one.idempotencyKey)
    }

    @Test(arguments: ["update/12", "deadline/2/1796000400000", "question/3"])
    func subjectsReadBackAsWritten(key: String) throws {
        #expect(try #require(ReminderSubject(key: key)).key == key)
    }

    @Test(arguments: ["due-soon", "due", "overdue-1", "overdue-12", "deadline-due", "question-open"])
    func stagesReadBackAsWritten(name: String) throws {
        #expect(try #require(ReminderStage(name: name)).name == name)
        #expect(ReminderStage(name: "overdue-0") == nil)
        #expect(ReminderSubject(key: "update/x") == nil)
    }
}

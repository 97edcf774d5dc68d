import Foundation
import IncidentModel
import IncidentSession
import IncidentStore

/// The demo's incident and the two people who keep working it: an engineer who reports, and an account
/// manager who briefs the customer shortly before every promised update, so a newcomer sees the promise
/// kept, and, every fourth briefing, one let slip on purpose: the alarm shows, then the late briefing
/// apologises and the countdown recovers. Every time is relative to now, and the demo runs on its own short
/// cadence (30 times the pace), so it never drifts into an overdue state nobody explains.
///
/// Each of them posts through a session of their own, as every front end does: the demo's lines reach the
/// store the way a person's would.
struct DemoScript: Sendable {
    static let commander = "dana"
    static let engineer = "ana"
    static let accountManager = "marc"

    /// Seconds between the engineer's posts.
    let pace: TimeInterval
    let clock: any IncidentClock
    let timeZone: TimeZone
    /// A session per person of the script, by name.
    private let sessions: [String: IncidentSession]

    init(pace: TimeInterval, store: any IncidentStore, clock: any IncidentClock, timeZone: TimeZone) throws {
        self.pace = pace
        self.clock = clock
        self.timeZone = timeZone
        var sessions: [String: IncidentSession] = [:]
        for name in [Self.commander, Self.engineer, Self.accountManager] {
            sessions[name] = try IncidentSession(store: store, author: name, clock: clock, timeZone: timeZone,
                                                 queuesWhenOffline: false)
        }
        self.sessions = sessions
    }

    /// How far ahead each briefing promises the next one.
    var promiseWindow: TimeInterval { (30 * pace).rounded() }
    /// How long before the promised time the account manager briefs, and how late the late one is.
    var margin: TimeInterval { max(1, (5 * pace).rounded()) }

    /// A SEV1 for a retailer whose EU checkout is down, a few minutes old.
    func open() async throws -> IncidentID {
        let opening = try Command.open(title: "Checkout fails for EU shoppers", severity: 1, customer: "Northwind Retail",
                                       owner: "Dana Reyes", phone: "+1 555 0100",
                                       cadence: DurationText.format(promiseWindow))
        let events = try await session(Self.commander).openIncident(try opening.openingPayloads())
        let id = events[0].incident
        let began = TimeDisplay(timeZone: timeZone).clock(clock.now.addingTimeInterval(-7 * 60))
        for (author, line) in [
            // Each channel has its lead (behavior 5): the account manager briefs, the engineer diagnoses.
            (Self.commander, "role comms Marc Weber --phone +1 555 0101"),
            (Self.commander, "role tech Ana Lima"),
            (Self.engineer, "note payment API returns 502 for eu-west since \(began); us-east is fine"),
            (Self.engineer, "frame restore checkout for EU shoppers first, root cause second"),
            (Self.accountManager, "impact all EU web and app checkouts fail: about 40% of all Northwind orders"),
        ] {
            try await post(line, as: author, to: id)
        }
        return id
    }

    /// What the engineer and the account manager do, in order, one step per pace; after it, progress reports.
    func engineerSteps() -> [(author: String, line: String)] {
        let push = TimeDisplay(timeZone: timeZone).clock(clock.now.addingTimeInterval(-9 * 60))
        return [
            (Self.engineer, "note 502s began the same minute as the \(push) config push to eu-west"),
            (Self.engineer, "deadline \(DurationText.format(6 * pace)) confirm replication lag on eu-db-2"),
            (Self.accountManager, "question does Northwind see failures in the app as well as on the web?"),
            (Self.engineer, "note replication lag on eu-db-2 is 45 s and rising"),
            (Self.engineer, "deadline slip D1 --in \(DurationText.format(8 * pace)) --why lag metrics arrive late: the monitoring backlog is 2 minutes"),
            (Self.accountManager, "answer Q1 yes, both fail: the app uses the same payment API"),
            (Self.engineer, "workaround EU shoppers can pay through the US checkout domain"),
            (Self.accountManager, "ask send two failing order ids from this morning --why only their logs show the request id we need"),
            (Self.engineer, "deadline met D1 --why lag confirmed at 45 s, caused by the config push"),
            (Self.engineer, "note rolling back the config push on eu-west"),
            (Self.engineer, "status identified"),
            (Self.engineer, "deadline \(DurationText.format(12 * pace)) verify eu-west error rate below 1% after the rollback"),
        ]
    }

    /// The engineer's line once the script is told, if any: the error rate falls as the rollback lands, D2
    /// is met when it reaches 0%, the status moves to monitoring, and then a check every fifth step.
    func progressReport(_ number: Int) -> String? {
        switch number {
        case 0..<10: "note eu-west checkout error rate now \(38 - 4 * number)%"
        case 10: "deadline met D2 --why error rate at 0% since the rollback finished"
        case 11: "status monitoring"
        case _ where number % 5 == 0: "note eu-west checkout error rate still at 0%, watching"
        default: nil
        }
    }

    /// What the account manager posts now, if anything: a briefing shortly before the promise falls due, or,
    /// for every fourth briefing, only once it is `margin` overdue, with an apology.
    func briefing(for incident: Incident, now: Date) -> String? {
        guard case .promised(_, _, let countdown) = incident.nextUpdate(now: now) else { return nil }
        let number = incident.briefings.count + 1
        let lateOnPurpose = number % 4 == 3
        guard countdown.remaining <= (lateOnPurpose ? -margin : margin) else { return nil }
        let texts = [
            "Checkout for your EU shoppers is failing. We have isolated it to one region and are moving its traffic now.",
            "We found the cause, a configuration change in one region, and are rolling it back. Paying through the US checkout works meanwhile.",
            "Sorry this update is late. The rollback is complete and EU checkouts are recovering; we are watching error rates.",
            "EU checkouts are succeeding again. We keep watching before we call this resolved.",
        ]
        let text = texts[(number - 1) % texts.count]
        let why = lateOnPurpose ? "we will confirm the error rate has held" : "that is when the next check completes"
        return "brief \(text) --next \(DurationText.format(promiseWindow)) --why \(why)"
    }

    /// Runs until cancelled: one step per pace.
    func play(incident id: IncidentID) async {
        let steps = engineerSteps()
        var number = 0
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Int(pace * 1000)))
            } catch {
                return
            }
            await step(number, of: steps, incident: id)
            number += 1
        }
    }

    /// The engineer's next line, then the account manager's briefing if one is due. A refused line (a
    /// deadline already met, say) is skipped: the demo goes on.
    func step(_ number: Int, of steps: [(author: String, line: String)], incident id: IncidentID) async {
        let line: (author: String, line: String)? = number < steps.count
            ? steps[number] : progressReport(number - steps.count).map { (Self.engineer, $0) }
        if let line { try? await post(line.line, as: line.author, to: id) }
        let accountManager = session(Self.accountManager)
        if let incident = try? await accountManager.incident(id), let briefing = briefing(for: incident, now: clock.now) {
            try? await post(briefing, as: Self.accountManager, to: id)
        }
    }

    /// Posts one line as typed in the composer, through the same grammar and the person's session.
    func post(_ line: String, as author: String, to id: IncidentID) async throws {
        _ = try await session(author).post(try CommandGrammar.parse(line: line), to: id)
    }

    private func session(_ name: String) -> IncidentSession {
        guard let session = sessions[name] else { preconditionFailure("\(name) is not one of the demo's people") }
        return session
    }
}

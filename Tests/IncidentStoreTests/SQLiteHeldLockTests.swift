import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentStore
import Synchronization
import Testing

/// A lock another process holds stalls only the appends that wait for it: they wait on threads of their own,
/// so Swift's cooperative threads (as many as the machine has cores) go on following, reading and ticking.
@Suite(.enabled(if: SQLiteShell.isAvailable, "sqlite3 is not installed: apt-get install sqlite3"))
struct SQLiteHeldLockTests {
    @Test func appendsWaitingForAHeldLockFreezeNoOtherTask() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("crisis.db")
        // Longer than the lock is held, so the appends wait rather than give up: what the test watches is
        // everything else while they wait.
        let store = try SQLiteIncidentStore(path: path, create: true, busyTimeout: 300)
        let incidentA = try await store.openIncident(author: "ic", payloads: openingPayloads("A"))[0].incident
        let incidentB = try await store.openIncident(author: "ic", payloads: openingPayloads("B"))[0].incident

        let lock = try SQLiteLockHolder(path)
        // Not a cooperative thread: if the waiting appends did freeze them, this still lets the lock go, and
        // the test then fails on what did not happen meanwhile instead of hanging. Generous, as the whole
        // `swift test` shares the cooperative pool, and other tests wait for processes on it.
        let releasedByWatchdog = Atomic(false)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 120)
            if lock.release() { releasedByWatchdog.store(true, ordering: .relaxed) }
        }

        // A task on a timer, and a reader of another incident, each counting how far it got.
        let progress = Progress()
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(5))
                progress.ticks.add(1, ordering: .relaxed)
            }
        }
        let reader = Task {
            while !Task.isCancelled {
                if (try? await store.events(of: incidentB, after: 0).count) == 2 { progress.answers.add(1, ordering: .relaxed) }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        defer {
            ticker.cancel()
            reader.cancel()
        }

        // More appends than the cooperative pool has threads, each started in turn: `Task.immediate` runs
        // up to the append's first suspension, so they queue in this order.
        let count = ProcessInfo.processInfo.activeProcessorCount * 2 + 2
        var appends: [Task<Event, any Error>] = []
        for n in 1...count {
            appends.append(Task.immediate { [store] in
                let event = try await store.append(EventDraft(incident: incidentA, author: "bo", payload: .note(text: "waiting \(n)")))
                progress.completed.add(1, ordering: .relaxed)
                return event
            })
        }

        // Progress, not time: the ticker and the reader each get 25 turns while every append waits.
        let (ticksBefore, answersBefore) = (progress.ticks.load(ordering: .relaxed), progress.answers.load(ordering: .relaxed))
        while progress.ticks.load(ordering: .relaxed) - ticksBefore < 25 || progress.answers.load(ordering: .relaxed) - answersBefore < 25 {
            guard !releasedByWatchdog.load(ordering: .relaxed) else { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let stillWaiting = count - progress.completed.load(ordering: .relaxed)
        let watchdogReleased = releasedByWatchdog.load(ordering: .relaxed)
        let lockWasHeld = lock.process.isRunning
        lock.release()
        print("while \(count) appends waited for the lock: \(progress.ticks.load(ordering: .relaxed) - ticksBefore) ticks, \(progress.answers.load(ordering: .relaxed) - answersBefore) reads of another incident")

        #expect(!watchdogReleased,
                "the ticker (\(progress.ticks.load(ordering: .relaxed) - ticksBefore) turns) and the reader (\(progress.answers.load(ordering: .relaxed) - answersBefore)) stalled while appends waited")
        #expect(lockWasHeld && stillWaiting == count, "every append waited for the lock (\(stillWaiting) of \(count) still did)")

        // Once the lock is free, every append completes, in the order they were made.
        var events: [Event] = []
        for append in appends { events.append(try await append.value) }
        #expect(events.map(\.sequence) == Array(3...(2 + count)))
        #expect(events.map(\.payload) == (1...count).map { EventPayload.note(text: "waiting \($0)") })
        #expect(lock.process.wait() == 0, "\(lock.process.stderr)")
    }
}

/// How far each task got, counted across threads.
private final class Progress: Sendable {
    let ticks = Atomic(0)
    let answers = Atomic(0)
    let completed = Atomic(0)
}

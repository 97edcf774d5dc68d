import Foundation
import IncidentModel
import IncidentStore
import Synchronization

/// Posts a dashboard's entries one at a time, in the order they were typed, each after whatever already
/// waits in the person's outbox. One task per Enter let two quick Enters race on PostgreSQL, and let a line
/// typed after a reconnect land before older lines still waiting in the outbox.
final class PostingLine: Sendable {
    private struct Job: Sendable {
        let draft: EventDraft
        let text: String?
    }

    private let continuation: AsyncStream<Job>.Continuation
    /// Jobs handed over and not yet finished: the loop's fast path may post on its own thread only when none are.
    /// A class around the mutex, so the worker task can share it.
    private final class Count: Sendable {
        let value = Mutex(0)
    }

    private let waiting = Count()
    private let worker: Task<Void, Never>

    init(store: any IncidentStore, follower: StoreFollower, inbox: Inbox) {
        let (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
        self.continuation = continuation
        let waiting = self.waiting
        worker = Task {
            for await job in jobs {
                await Self.post(job, store: store, follower: follower, inbox: inbox)
                waiting.value.withLock { $0 -= 1 }
            }
        }
    }

    deinit {
        continuation.finish()
        worker.cancel()
    }

    /// Whether nothing is being posted: then a new entry may be appended at once without overtaking one.
    var isIdle: Bool { waiting.value.withLock { $0 == 0 } }

    /// Queues `draft` behind every entry handed over before it.
    func submit(_ draft: EventDraft, text: String?) {
        waiting.value.withLock { $0 += 1 }
        continuation.yield(Job(draft: draft, text: text))
    }

    private static func post(_ job: Job, store: any IncidentStore, follower: StoreFollower, inbox: Inbox) async {
        // Older lines first: while the outbox cannot be sent, this one waits behind them in it.
        if await !follower.outboxIsClear() {
            if await !follower.keepForLater(job.draft, after: nil) {
                inbox.post(.postFailed("not posted: the outbox cannot be written", text: job.text))
            }
            return
        }
        do {
            let event = try await store.append(job.draft)
            inbox.post(.posted(event))
            await follower.catchUp()
        } catch let error as StoreError where error.isRetryable {
            if await !follower.keepForLater(job.draft, after: error) {
                inbox.post(.postFailed("not posted: \(error)", text: job.text))
            }
        } catch {
            inbox.post(.postFailed("not posted: \(error)", text: job.text))
        }
    }
}

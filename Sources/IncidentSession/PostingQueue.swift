import Foundation
import Synchronization

/// Runs a session's writes one at a time, in the order they were handed over, from async code and from a
/// screen's loop alike: handing over is synchronous, so the order is the order of the calls. One task per
/// entry let two quick Enters race on PostgreSQL.
final class PostingQueue: Sendable {
    typealias Job = @Sendable () async -> Void

    private let continuation: AsyncStream<Job>.Continuation
    private let waiting = Mutex(0)
    private let worker: Task<Void, Never>

    init() {
        let (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
        self.continuation = continuation
        worker = Task {
            for await job in jobs {
                await job()
            }
        }
    }

    deinit {
        continuation.finish()
    }

    /// Whether nothing is being written or waits to be: a write may then happen on the caller's thread
    /// without overtaking one.
    var isIdle: Bool { waiting.withLock { $0 == 0 } }

    /// Queues `job` behind every job handed over before it.
    func enqueue(_ job: @escaping Job) {
        waiting.withLock { $0 += 1 }
        continuation.yield { [self] in
            await job()
            waiting.withLock { $0 -= 1 }
        }
    }

    /// Runs `body` in turn and returns what it returns.
    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<T, any Error>) in
            enqueue {
                do { done.resume(returning: try await body()) } catch { done.resume(throwing: error) }
            }
        }
    }
}

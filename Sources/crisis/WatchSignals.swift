import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM, SIGINT and SIGHUP for a long-running watcher, turned from handlers into values it waits for
/// between looks: a signal never interrupts a look halfway, and a reload happens between two looks.
final class WatchSignals {
    enum Received: Equatable, Sendable {
        case timeout
        case terminate(String)
        case reload
    }

    /// What arrived and not yet taken, shared with the handlers.
    private final class Arrivals: Sendable {
        let pending = Mutex<[Received]>([])
        let wake = DispatchSemaphore(value: 0)
    }

    private let arrivals = Arrivals()
    /// Kept, or the handlers would go with them.
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for (number, received) in [(SIGTERM, Received.terminate("SIGTERM")), (SIGINT, .terminate("SIGINT")), (SIGHUP, .reload)] {
            signal(number, SIG_IGN) // Delivered to the source below instead of ending the process.
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [arrivals] in
                arrivals.pending.withLock { $0.append(received) }
                arrivals.wake.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Waits up to `seconds` for a signal.
    func wait(seconds: Double) async -> Received {
        if let first = take() { return first }
        let wake = arrivals.wake
        _ = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: wake.wait(timeout: .now() + seconds)) }
        }
        return take() ?? .timeout
    }

    private func take() -> Received? {
        arrivals.pending.withLock { pending in pending.isEmpty ? nil : pending.removeFirst() }
    }
}

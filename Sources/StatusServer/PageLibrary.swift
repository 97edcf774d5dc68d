import Foundation
import IncidentModel
import IncidentStore
import ServiceLifecycle
import StatusPage

/// What `crisis serve` knows: every incident, folded, and the shares that stand, kept current by following
/// the store once for the whole process (on PostgreSQL, one LISTEN connection however many browsers watch).
/// Browsers that follow a page (`open(_:)`) are handed the page again whenever anything is logged; a share
/// that is revoked ends the streams it opened.
public actor PageLibrary: Service {
    private let store: any IncidentStore
    private let clock: @Sendable () -> Date
    /// Subscribed before the first read, so nothing logged between the read and the subscription is missed.
    private let changes: AsyncStream<Void>
    private var incidents: [IncidentID: Incident] = [:]
    private var shares = ShareDirectory(incidents: [])
    private var followers: [UUID: Follower] = [:]
    /// Incidents whose log would not fold, with the length it had then: reported once, read again when it grows.
    private var unreadable: [IncidentID: Int] = [:]
    private var ended = false
    /// Said when the store cannot be read, and when it can again.
    private let report: @Sendable (String) -> Void

    /// Whether the last look at the store succeeded: `/healthz` says so to a load balancer.
    public private(set) var isHealthy = true

    /// How often every stream is handed its page even when nothing changed: it then sends a comment line,
    /// which keeps proxies and NAT from dropping a quiet connection.
    public static let keepAliveInterval: Duration = .seconds(15)

    private struct Follower {
        let customer: String
        let share: String
        let continuation: AsyncStream<CustomerPage>.Continuation
    }

    /// The store's change signal ended while the server was meant to run: it cannot follow any more.
    public struct StoppedFollowing: Error, CustomStringConvertible {
        public let description = "the store's change signal ended, so pages would go stale: restart crisis serve"
    }

    public init(store: any IncidentStore, clock: @escaping @Sendable () -> Date = Date.init,
                report: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.clock = clock
        self.report = report
        changes = store.changes()
    }

    /// Reads everything logged so far: the server answers nothing before this has been done once.
    public func load() async throws {
        try await catchUp()
    }

    /// Follows the store until a graceful shutdown (SIGTERM), then ends every stream so the server can close
    /// its connections cleanly. The server's group stops this service first (see `StatusServer`).
    public func run() async throws {
        let stoppedEarly = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.followStore() }
            group.addTask { await self.keepAlive(); return false }
            let followEnded = await group.next() ?? false
            group.cancelAll()
            return followEnded
        }
        endAll()
        if stoppedEarly { throw StoppedFollowing() }
    }

    /// The share `token` opens, its customer's page now, and the page again at every change, until the share
    /// is revoked or the server stops; nil for a wrong, malformed or revoked token. One step, so no change can
    /// fall between the first page and the stream. Only the newest page waits for a slow reader.
    public func open(_ token: ShareToken) -> (share: PageShare, page: CustomerPage, updates: AsyncStream<CustomerPage>)? {
        guard let (share, page) = page(for: token) else { return nil }
        let (stream, continuation) = AsyncStream.makeStream(of: CustomerPage.self, bufferingPolicy: .bufferingNewest(1))
        if ended {
            continuation.finish()
        } else {
            let id = UUID()
            followers[id] = Follower(customer: share.customer.lowercased(), share: share.id, continuation: continuation)
            continuation.onTermination = { _ in Task { await self.unfollow(id) } }
        }
        return (share, page, stream)
    }

    /// The share `token` opens and its customer's page now, or nil: a wrong, malformed or revoked token.
    public func page(for token: ShareToken) -> (share: PageShare, page: CustomerPage)? {
        guard let share = shares.share(for: token) else { return nil }
        return (share, CustomerPage(customer: share.customer, incidents: Array(incidents.values), now: clock()))
    }

    /// True when the change signal ended by itself (not by a graceful shutdown).
    private func followStore() async -> Bool {
        for await _ in changes.cancelOnGracefulShutdown() {
            do {
                try await catchUp()
                if !isHealthy { report("the store answers again") }
                isHealthy = true
            } catch {
                if isHealthy {
                    report("the store cannot be read (\(TerminalSafeText.sanitize("\(error)"))): pages show what was read last")
                }
                isHealthy = false
            }
        }
        return !Task.isCancelled && !(Task.isShuttingDownGracefully)
    }

    private func keepAlive() async {
        while (try? await Task.sleep(for: Self.keepAliveInterval)) != nil {
            notifyFollowers()
        }
    }

    private func unfollow(_ id: UUID) {
        followers[id] = nil
    }

    private func endAll() {
        ended = true
        for follower in followers.values { follower.continuation.finish() }
        followers = [:]
    }

    /// Reads what is new in every incident, then tells each follower. Whatever was read is applied even when a
    /// later read fails (the next look goes on from there), and an incident whose log cannot be folded is
    /// reported and skipped rather than stopping every page.
    private func catchUp() async throws {
        var changed = false
        defer {
            if changed {
                shares = ShareDirectory(incidents: Array(incidents.values))
                notifyFollowers()
            }
        }
        for summary in try await store.incidents() {
            let known = incidents[summary.id]
            guard known.map({ summary.eventCount > $0.lastSequence }) ?? true,
                  unreadable[summary.id] != summary.eventCount else { continue }
            do {
                if var incident = known {
                    for event in try await store.events(of: summary.id, after: incident.lastSequence) { try incident.apply(event) }
                    incidents[summary.id] = incident
                } else {
                    incidents[summary.id] = try await store.incident(summary.id)
                }
                changed = true
            } catch let error as FoldError {
                unreadable[summary.id] = summary.eventCount
                report("\(summary.id) cannot be read (\(error)): its pages show what was read before")
            }
        }
    }

    private func notifyFollowers() {
        let standing = Set(shares.active.map(\.id))
        let now = clock()
        var pages: [String: CustomerPage] = [:]
        for (id, follower) in followers {
            guard standing.contains(follower.share) else {
                // Revoked: the stream ends, and the browser's reconnection meets a 404.
                follower.continuation.finish()
                followers[id] = nil
                continue
            }
            let page = pages[follower.customer]
                ?? CustomerPage(customer: follower.customer, incidents: Array(incidents.values), now: now)
            pages[follower.customer] = page
            // Every change is handed on; each stream sends it only if its page's version moved.
            follower.continuation.yield(page)
        }
    }
}

import Foundation
import IncidentModel
import IncidentStore
import ServiceLifecycle
import StatusPage

/// What `crisis serve` knows: every incident, folded, and the shares that stand, kept current by following
/// the store once for the whole process (on PostgreSQL, one LISTEN connection however many browsers watch).
/// Browsers that follow a page (`follow(_:)`) are handed the page again whenever its content
/// changes; a share that is revoked ends the streams it opened.
public actor PageLibrary: Service {
    private let store: any IncidentStore
    private let clock: @Sendable () -> Date
    private var incidents: [IncidentID: Incident] = [:]
    private var shares = ShareDirectory(incidents: [])
    private var followers: [UUID: Follower] = [:]
    private var ended = false
    /// Said when the store cannot be read, and when it can again.
    private let report: @Sendable (String) -> Void

    private struct Follower {
        let customer: String
        let share: String
        let continuation: AsyncStream<CustomerPage>.Continuation
    }

    public init(store: any IncidentStore, clock: @escaping @Sendable () -> Date = Date.init,
                report: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.clock = clock
        self.report = report
    }

    /// Reads everything logged so far: the server answers nothing before this has been done once.
    public func load() async throws {
        try await catchUp()
    }

    /// Follows the store until a graceful shutdown (SIGTERM), then ends every stream so the server can close
    /// its connections cleanly.
    public func run() async throws {
        let changes = store.changes()
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.followStore(changes) }
                group.addTask { await self.keepAlive() }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            Task { await self.endAll() }
        }
        endAll()
    }

    /// Whether the last look at the store succeeded: `/healthz` says so to a load balancer.
    public private(set) var isHealthy = true

    /// How often every stream is handed its page even when nothing changed: it then sends a comment line,
    /// which keeps proxies and NAT from dropping a quiet connection.
    public static let keepAliveInterval: Duration = .seconds(15)

    private func followStore(_ changes: AsyncStream<Void>) async {
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
    }

    private func keepAlive() async {
        while (try? await Task.sleep(for: Self.keepAliveInterval)) != nil {
            notifyFollowers()
        }
    }

    /// The share `token` opens and its customer's page now, or nil: a wrong, malformed or revoked token.
    public func page(for token: ShareToken) -> (share: PageShare, page: CustomerPage)? {
        guard let share = shares.share(for: token) else { return nil }
        return (share, CustomerPage(customer: share.customer, incidents: Array(incidents.values), now: clock()))
    }

    /// The page of `share`'s customer each time its content changes, until the share is revoked or the server
    /// stops. Only the newest page waits for a slow reader: an older one is of no use to it.
    public func follow(_ share: PageShare) -> AsyncStream<CustomerPage> {
        let (stream, continuation) = AsyncStream.makeStream(of: CustomerPage.self, bufferingPolicy: .bufferingNewest(1))
        guard !ended else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        followers[id] = Follower(customer: share.customer.lowercased(), share: share.id, continuation: continuation)
        continuation.onTermination = { _ in Task { await self.unfollow(id) } }
        return stream
    }

    /// How many browsers follow a page now.
    public var followerCount: Int { followers.count }

    private func unfollow(_ id: UUID) {
        followers[id] = nil
    }

    private func endAll() {
        ended = true
        for follower in followers.values { follower.continuation.finish() }
        followers = [:]
    }

    /// Reads what is new in every incident, then tells each follower whose page changed.
    private func catchUp() async throws {
        var changed = false
        for summary in try await store.incidents() {
            if let known = incidents[summary.id] {
                guard summary.eventCount > known.lastSequence else { continue }
                var incident = known
                for event in try await store.events(of: summary.id, after: known.lastSequence) { try incident.apply(event) }
                incidents[summary.id] = incident
            } else {
                incidents[summary.id] = try await store.incident(summary.id)
            }
            changed = true
        }
        guard changed else { return }
        shares = ShareDirectory(incidents: Array(incidents.values))
        notifyFollowers()
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

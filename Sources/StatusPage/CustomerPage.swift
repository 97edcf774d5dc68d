import Foundation
import IncidentModel

/// Everything one customer's status page shows, as of `now`: their open incidents and their past ones,
/// each as told to them. Every rendering (HTML, Atom, Statuspage JSON, the event stream) is made from this,
/// and this is made from business-channel notices only.
public struct CustomerPage: Equatable, Sendable {
    /// The customer's name as the incidents give it (the newest incident's spelling).
    public let customer: String
    public let now: Date
    /// Open incidents, newest first.
    public let open: [PageIncident]
    /// Closed incidents, newest first, at most `pastLimit`.
    public let past: [PageIncident]

    /// How many past incidents a page lists (Statuspage's incidents.json lists 50).
    public static let pastLimit = 50

    /// The page of `customer` out of `incidents` (any customer's: only those of `customer`, matched without
    /// case, are read).
    public init(customer: String, incidents: [Incident], now: Date) {
        let own = incidents.filter { $0.customer?.lowercased() == customer.lowercased() }
            .sorted { ($0.openedAt, $0.id) > ($1.openedAt, $1.id) }
        let shown = own.compactMap { PageIncident($0, now: now) }
        self.customer = own.first?.customer ?? customer
        self.now = now
        open = shown.filter(\.isOpen)
        past = Array(shown.filter { !$0.isOpen }.prefix(Self.pastLimit))
        version = Self.version(customer: self.customer, incidents: open + past)
    }

    public init(customer: String, now: Date, open: [PageIncident], past: [PageIncident]) {
        self.customer = customer
        self.now = now
        self.open = open
        self.past = past
        version = Self.version(customer: customer, incidents: open + past)
    }

    /// Open first, then past: both newest first.
    public var incidents: [PageIncident] { open + past }

    /// When anything on the page last changed; nil for a customer with no incident yet.
    public var updatedAt: Date? { incidents.map(\.updatedAt).max() }

    /// Names this page's content, not its clock: it changes when a notice is posted, an incident opens or
    /// closes, and never when only `now` moves. The event stream's `id`, so a browser reconnecting with
    /// `Last-Event-ID` is sent the page only if it missed something. A digest, so it tells nothing about how
    /// many events the log holds. Computed once: a thousand streams compare it on every change.
    public let version: String

    static func version(customer: String, incidents: [PageIncident]) -> String {
        var text = customer.lowercased()
        for incident in incidents {
            text += "|\(incident.id):" + incident.updates.map { "\($0.sequence)" }.joined(separator: ",")
        }
        return SHA256Hex.of(text, bytes: 12)
    }
}

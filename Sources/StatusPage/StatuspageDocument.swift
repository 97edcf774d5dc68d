import Foundation
import IncidentModel

/// One customer's page as the JSON of Atlassian Statuspage's public API v2, so the widgets, bots and
/// monitoring integrations that already read Statuspage read crisis too:
///
///     /api/v2/incidents.json             StatuspageDocument.incidents(page, pageURL: url, unresolvedOnly: false)
///     /api/v2/incidents/unresolved.json  StatuspageDocument.incidents(page, pageURL: url, unresolvedOnly: true)
///     /api/v2/status.json                StatuspageDocument.status(page, pageURL: url)
///     /api/v2/summary.json               StatuspageDocument.summary(page, pageURL: url)
///
/// Made from the page alone (the business channel). Keys are sorted, so the same page gives the same bytes.
/// Times are UTC with milliseconds (`2026-11-29T13:40:00.000Z`).
public enum StatuspageDocument {
    /// How many incidents `incidents.json` lists, as Statuspage's does.
    public static let incidentLimit = 50

    /// `{page, incidents}`: every open incident, then the most recent past ones up to `incidentLimit` in all,
    /// newest first; only the open ones when `unresolvedOnly`.
    public static func incidents(_ page: CustomerPage, pageURL: String, unresolvedOnly: Bool) throws -> Data {
        try encoded(IncidentList(page: StatuspagePage(page, pageURL: pageURL),
                                 incidents: listed(page, pageURL: pageURL, unresolvedOnly: unresolvedOnly)))
    }

    /// `{page, status: {indicator, description}}`: `none` and "All Systems Operational" when nothing is
    /// open, else the impact of the worst open incident.
    public static func status(_ page: CustomerPage, pageURL: String) throws -> Data {
        try encoded(StatusDocument(page: StatuspagePage(page, pageURL: pageURL), status: PageStatus(page)))
    }

    /// `{page, components, incidents, scheduled_maintenances, status}`: the status and the open incidents at
    /// once. crisis has neither components nor maintenances, so both lists are empty.
    public static func summary(_ page: CustomerPage, pageURL: String) throws -> Data {
        try encoded(Summary(page: StatuspagePage(page, pageURL: pageURL),
                            incidents: listed(page, pageURL: pageURL, unresolvedOnly: true),
                            status: PageStatus(page)))
    }

    /// The incidents a document lists. Statuspage's `incidents.json` always includes every unresolved
    /// incident, so the open ones are taken first and past ones fill the list up to the limit.
    static func listed(_ page: CustomerPage, pageURL: String, unresolvedOnly: Bool) -> [StatuspageIncident] {
        let open = Array(page.open.prefix(incidentLimit))
        let past = unresolvedOnly ? [] : Array(page.past.prefix(incidentLimit - open.count))
        let pageID = StatuspagePage.id(customer: page.customer)
        return (open + past)
            .sorted { ($0.openedAt, $0.id) > ($1.openedAt, $1.id) }
            .map { StatuspageIncident(incident: $0, pageURL: pageURL, pageID: pageID) }
    }

    private static func encoded(_ document: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        // Slashes stay escaped (`<\/script>`), so the JSON can also sit inside an HTML <script> unharmed.
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(document)
    }

    private struct IncidentList: Encodable {
        let page: StatuspagePage
        let incidents: [StatuspageIncident]
    }

    private struct StatusDocument: Encodable {
        let page: StatuspagePage
        let status: PageStatus
    }

    private struct Summary: Encodable {
        let page: StatuspagePage
        let incidents: [StatuspageIncident]
        let status: PageStatus

        private enum CodingKeys: String, CodingKey {
            case page, components, incidents, status
            case scheduledMaintenances = "scheduled_maintenances"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(page, forKey: .page)
            try container.encode([String](), forKey: .components)
            try container.encode(incidents, forKey: .incidents)
            try container.encode([String](), forKey: .scheduledMaintenances)
            try container.encode(status, forKey: .status)
        }
    }

    /// `{indicator, description}`.
    struct PageStatus: Encodable {
        let indicator: StatuspageImpact
        let description: String

        init(_ page: CustomerPage) {
            indicator = page.open.map { StatuspageImpact($0.severity) }.max() ?? .none
            description = indicator.statusDescription
        }
    }
}

extension KeyedEncodingContainer {
    /// A time as Statuspage writes one (`2026-11-29T13:40:00.000Z`), or null: Statuspage's clients expect
    /// the key either way.
    mutating func encodeStatuspageTime(_ date: Date?, forKey key: Key) throws {
        if let date {
            try encode(Timestamp.iso8601(date), forKey: key)
        } else {
            try encodeNil(forKey: key)
        }
    }
}

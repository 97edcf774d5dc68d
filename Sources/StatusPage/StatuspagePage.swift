import Foundation
import IncidentModel

/// The `page` object every Statuspage document starts with: which page this is and when it last changed.
struct StatuspagePage: Encodable {
    let id: String
    let name: String
    let url: String
    let updatedAt: Date

    init(_ page: CustomerPage, pageURL: String) {
        id = Self.id(customer: page.customer)
        name = page.customer
        url = pageURL
        updatedAt = page.updatedAt ?? page.now
    }

    /// Twelve hex digits of the lowercased name's SHA-256: as opaque as Statuspage's own page ids, and the
    /// same for every spelling of the customer's name the page itself accepts.
    static func id(customer: String) -> String {
        SHA256Hex.of(customer.lowercased(), bytes: 6)
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, url
        case timeZone = "time_zone"
        case updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        // Every time in these documents is UTC, so that is the zone the page says it is in.
        try container.encode("Etc/UTC", forKey: .timeZone)
        try container.encodeStatuspageTime(updatedAt, forKey: .updatedAt)
    }
}

import Foundation
import IncidentModel

/// Notices for the webhook tests, at fixed times so bodies and signatures are reproducible.
enum WebhookFixtures {
    static let opened = Date(timeIntervalSince1970: 1_795_442_709.5)
    static let posted = Date(timeIntervalSince1970: 1_795_444_509.123)
    static let next = Date(timeIntervalSince1970: 1_795_446_309)

    static func briefing(text: String = "Card payments fail for EU customers; we are failing over.",
                         title: String = "Checkout fails", customer: String? = "Acme GmbH",
                         impact: String? = "EU card payments fail", workarounds: [String] = ["Pay by invoice"],
                         reason: String? = "the failover takes twenty minutes",
                         contact: CustomerContact? = CustomerContact(name: "Dana Reyes", phone: "+49 30 1234567"))
        -> CustomerNotice {
        CustomerNotice(occasion: .briefing, incident: IncidentID(12), incidentOpenedAt: opened, sequence: 40,
                       postedAt: posted, title: title, customer: customer, status: .identified, impact: impact,
                       updateNumber: 3, text: text, workarounds: workarounds, nextUpdateAt: next,
                       nextUpdateReason: reason, contact: contact)
    }

    static func closure() -> CustomerNotice {
        CustomerNotice(occasion: .closed, incident: IncidentID(12), incidentOpenedAt: opened, sequence: 77,
                       postedAt: posted, title: "Checkout fails", customer: nil, status: .closed, impact: nil,
                       updateNumber: 4, text: "Resolved.", workarounds: [], nextUpdateAt: nil,
                       nextUpdateReason: nil, contact: nil)
    }
}

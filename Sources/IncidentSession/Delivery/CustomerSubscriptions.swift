import Foundation
import IncidentModel
import IncidentStore

/// The contacts subscribed to every incident of a customer (`subscribe --customer`), found in the logs of
/// that customer's earlier incidents: a new incident of the customer starts with them, in its opening batch.
public enum CustomerSubscriptions {
    /// The subscriptions that stand for `customer`: for each address, the latest customer-wide subscribe or
    /// unsubscribe across the customer's incidents decides.
    public static func standing(for customer: String, in store: any IncidentStore) async throws -> [Subscription] {
        var latest: [String: (at: Date, subscription: Subscription?)] = [:]
        for summary in try await store.incidents() where summary.customer?.lowercased() == customer.lowercased() {
            for event in try await store.events(of: summary.id, after: 0) {
                let address: String, subscription: Subscription?
                switch event.payload {
                case .subscribed(let given) where given.customer?.lowercased() == customer.lowercased():
                    (address, subscription) = (given.address.lowercased(), given)
                case .unsubscribed(let given, let scope?) where scope.lowercased() == customer.lowercased():
                    (address, subscription) = (given.lowercased(), nil)
                default:
                    continue
                }
                if let known = latest[address], known.at > event.recordedAt { continue }
                latest[address] = (event.recordedAt, subscription)
            }
        }
        return latest.values.sorted { $0.at < $1.at }.compactMap(\.subscription)
    }
}

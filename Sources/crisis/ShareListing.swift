import Foundation

/// One row of `crisis share --list --json`.
struct ShareListing: Encodable {
    let share: String
    let customer: String
    let label: String?
    let sharedAt: Date?
    let sharedBy: String?
}

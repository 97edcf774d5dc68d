/// How a status page is laid out: for a person at a desk or on a phone, or for a wall screen across a room
/// (`?view=wall`: large type, open incidents and the countdown only).
public enum PageView: String, Sendable, CaseIterable {
    case full
    case wall

    /// The view a `view` query value asks for; anything unknown gets the full page rather than an error.
    public init(query: String?) {
        self = query.flatMap(PageView.init(rawValue:)) ?? .full
    }
}

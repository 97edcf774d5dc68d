/// What recomputing the incident's hash chain found, for the reports that print its head: a head is worth
/// keeping only while the chain holds, so a broken one is said where the head would be.
public enum LogIntegrity: Sendable, Equatable, Encodable {
    /// Every link matches; the head is the last event's.
    case intact(ChainHead)
    /// The first event that does not match, and what the verifier could tell of why.
    case broken(sequence: Int, problem: String)
    /// Not checked (the events carried no hashes).
    case unchecked
}

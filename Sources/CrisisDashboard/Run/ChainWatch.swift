import IncidentModel
import IncidentStore

/// Checks the open incident's hash chain off the screen's thread: the whole log when the dashboard opens, then
/// only what each new event adds, reading the rows exactly as stored. The first link that does not match is
/// reported once; a read that fails is left to the follow, which already says when the store is away.
final class ChainWatch: Sendable {
    private let wanted: AsyncStream<Int>.Continuation
    private let task: Task<Void, Never>

    init(store: any IncidentStore, incident: IncidentID, report: @escaping @Sendable (ChainBreak) -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        wanted = continuation
        task = Task {
            var verifier = ChainVerifier(incident: incident)
            var checkedThrough = 0
            for await sequence in stream where sequence > checkedThrough || checkedThrough == 0 {
                guard let links = try? await store.chain(of: incident, after: checkedThrough) else { continue }
                for link in links { verifier.add(link) }
                checkedThrough = links.last?.sequence ?? checkedThrough
                if let problem = verifier.firstBreak {
                    report(problem)
                    return
                }
            }
        }
        continuation.yield(0)
    }

    /// The screen has shown events through `sequence`: check the links it has not checked yet.
    func sawEvents(through sequence: Int) {
        wanted.yield(sequence)
    }

    func stop() {
        wanted.finish()
        task.cancel()
    }
}

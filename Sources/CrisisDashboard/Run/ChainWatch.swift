import IncidentModel
import IncidentStore

/// Checks the open incident's hash chain off the screen's thread: the whole log once the first frame is up,
/// then only what each new event adds, reading the rows exactly as stored, a page at a time so a long log
/// costs no more memory than a page. The first link that does not match is reported once. A read that fails
/// (the store is away; the follow says so) is tried again a little later, so a quiet incident is still checked.
final class ChainWatch: Sendable {
    /// Links read and checked at a time.
    static let page = 2_000
    /// How long to wait before reading again after a read failed.
    static let retry: Duration = .seconds(5)

    private let wanted: AsyncStream<Int>.Continuation
    private let task: Task<Void, Never>

    init(store: any IncidentStore, incident: IncidentID, report: @escaping @Sendable (ChainBreak) -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        wanted = continuation
        task = Task(priority: .utility) {
            var verifier = ChainVerifier(incident: incident)
            var checkedThrough = 0
            for await target in stream {
                while checkedThrough < target, !Task.isCancelled {
                    guard let links = try? await store.chain(of: incident, after: checkedThrough, limit: Self.page) else {
                        try? await Task.sleep(for: Self.retry)
                        continue
                    }
                    guard let last = links.last else { break }
                    for link in links { verifier.add(link) }
                    checkedThrough = last.sequence
                    if let problem = verifier.firstBreak {
                        report(problem)
                        return
                    }
                }
            }
        }
    }

    /// The screen shows events through `sequence`: check the links not checked yet.
    func sawEvents(through sequence: Int) {
        wanted.yield(sequence)
    }

    func stop() {
        wanted.finish()
        task.cancel()
    }
}

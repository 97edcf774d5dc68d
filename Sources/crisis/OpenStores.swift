import IncidentSession
import Synchronization

/// The sessions this process opened, so `main` can close their connections on every way out.
enum OpenStores {
    private static let sessions = Mutex<[IncidentSession]>([])

    static func track(_ session: IncidentSession) {
        sessions.withLock { $0.append(session) }
    }

    static func closeAll() async {
        for session in sessions.withLock({ list in defer { list = [] }; return list }) {
            await session.close()
        }
    }
}

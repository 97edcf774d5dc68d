import IncidentSession
import IncidentStore
import Synchronization

/// The sessions and stores this process opened, so `main` can close their connections on every way out.
enum OpenStores {
    private static let sessions = Mutex<[IncidentSession]>([])
    private static let stores = Mutex<[any IncidentStore]>([])

    static func track(_ session: IncidentSession) {
        sessions.withLock { $0.append(session) }
    }

    static func track(_ store: any IncidentStore) {
        stores.withLock { $0.append(store) }
    }

    static func closeAll() async {
        for session in sessions.withLock({ list in defer { list = [] }; return list }) {
            await session.close()
        }
        for store in stores.withLock({ list in defer { list = [] }; return list }) {
            await store.close()
        }
    }
}

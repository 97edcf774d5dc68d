import IncidentStore
import Synchronization

/// The stores this process opened, so `main` can close their connections on every way out.
enum OpenStores {
    private static let stores = Mutex<[any IncidentStore]>([])

    static func track(_ store: any IncidentStore) {
        stores.withLock { $0.append(store) }
    }

    static func closeAll() async {
        for store in stores.withLock({ list in defer { list = [] }; return list }) {
            await store.close()
        }
    }
}

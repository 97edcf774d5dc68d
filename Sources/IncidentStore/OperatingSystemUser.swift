#if canImport(Glibc)
import Glibc
#endif

/// Who this process runs as, by its real user id: what an SQLite store records beside the name given with
/// `--as`, which anyone can type. The real uid, not the effective one, so a setuid wrapper does not hide who ran it.
enum OperatingSystemUser {
    static let current: String = {
        let uid = getuid()
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        if getpwuid_r(uid, &entry, &buffer, buffer.count, &found) == 0, let found, let name = found.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        // A uid with no name in the password database (a container's arbitrary user) is still someone.
        return "uid \(uid)"
    }()
}

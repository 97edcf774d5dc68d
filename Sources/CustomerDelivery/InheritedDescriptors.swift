import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a process crisis starts (a hook, the host's sendmail, in the tests a tmux server) inherits: its
/// standard streams and nothing else.
///
/// SwiftNIO opens its sockets without close-on-exec, so without this a hook or a sendmail started while crisis
/// holds its PostgreSQL connection would hold that connection too, and keep the server's slot taken after crisis
/// let it go (or exited). Every descriptor from 3 up is marked close-on-exec just before a child is started; a
/// descriptor opened by another thread in the instant between is the only one that could slip through.
public enum InheritedDescriptors {
    public static func closeOnExec() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for entry in entries {
            guard let descriptor = Int32(entry), descriptor > 2 else { continue }
            let flags = fcntl(descriptor, F_GETFD)
            // A descriptor already closed (the listing's own) answers -1: nothing to do.
            if flags >= 0, flags & FD_CLOEXEC == 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}

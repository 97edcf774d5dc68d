import CustomerDelivery
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A child started by crisis gets its three streams and nothing else: not a socket SwiftNIO opened (without
/// close-on-exec) for the store's PostgreSQL connection.
@Suite struct InheritedDescriptorsTests {
    @Test func everyDescriptorFromThreeUpIsMarkedCloseOnExec() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket > 2)
        defer { close(socket) }
        #expect(fcntl(socket, F_GETFD) & FD_CLOEXEC == 0, "a socket opened as SwiftNIO opens it")
        InheritedDescriptors.closeOnExec()
        #expect(fcntl(socket, F_GETFD) & FD_CLOEXEC != 0)
        // The standard streams are left as they are.
        #expect(fcntl(STDERR_FILENO, F_GETFD) & FD_CLOEXEC == 0)
    }

    /// Through a real child: /bin/sh lists the descriptors it was given.
    @Test func aSpawnedChildHoldsOnlyItsStreams() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket > 2)
        defer { close(socket) }
        let child = try SpawnedProcess(path: "/bin/sh", arguments: ["-c", "ls /proc/$$/fd"], environment: [:])
        child.feed(Data())
        let listing = child.standardOutput.readDataToEndOfFile()
        _ = child.wait(timeout: 10)
        let descriptors = String(decoding: listing, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        #expect(descriptors.contains(0) && descriptors.contains(2), "\(descriptors)")
        #expect(!descriptors.contains(Int(socket)), "\(descriptors)")
    }
}

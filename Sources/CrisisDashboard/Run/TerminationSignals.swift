import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP only write a byte to a pipe that the loop polls; the loop then restores the
/// terminal on its own thread. Cleaning up inside a signal handler is not safe.
enum TerminationSignals {
    // nonisolated(unsafe): written once before the handlers are installed, only read by them afterwards.
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1
    nonisolated(unsafe) private static var readDescriptorValue: Int32 = -1

    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers (once) and returns the descriptor that becomes readable when one fires.
    static func install() throws(DashboardError) -> Int32 {
        if readDescriptorValue >= 0 { return readDescriptorValue }
        let descriptors = try WakePipe.make()
        readDescriptorValue = descriptors.read
        writeDescriptor = descriptors.write
        for number in signals {
            signal(number) { _ in
                var byte: UInt8 = 1
                _ = write(TerminationSignals.writeDescriptor, &byte, 1)
            }
        }
        signal(SIGPIPE, SIG_IGN)
        return readDescriptorValue
    }

    /// While another program has the terminal (the editor), Ctrl-C belongs to it.
    static func ignoringInterrupts<T>(_ body: () throws -> T) rethrows -> T {
        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        return try body()
    }
}

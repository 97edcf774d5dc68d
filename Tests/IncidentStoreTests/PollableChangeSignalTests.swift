import CrisisTestSupport
import Foundation
import IncidentModel
@testable import IncidentStore
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The change signal a dashboard's loop polls: a commit's announcement wakes it once, the pages a commit writes
/// wake it once between them (not once a page), and a write nobody announces is still looked at, on the
/// trailing signals' schedule, read from an injected clock.
@Suite struct PollableChangeSignalTests {
    let directory: TemporaryDirectory
    let database: String
    let wal: String
    let clock = Milliseconds()

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.path("crisis.db")
        wal = directory.path("crisis.db-wal")
        for path in [database, wal] { #expect(FileManager.default.createFile(atPath: path, contents: Data())) }
    }

    func makeSignal() throws -> PollableChangeSignal {
        let clock = clock
        return try #require(PollableChangeSignal(directory: directory.url.path, announced: "crisis.db",
                                                 written: ["crisis.db-wal"], milliseconds: { clock.now.withLock { $0 } }))
    }

    /// What a commit does to the WAL: a frame header and a page, one system call each.
    func writePage(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND)
        defer { close(descriptor) }
        let page = [UInt8](repeating: 7, count: 4096)
        _ = page.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    func announce() {
        #expect(utimensat(AT_FDCWD, database, nil, 0) == 0)
    }

    func isReadable(_ signal: PollableChangeSignal) -> Bool {
        var descriptor = pollfd(fd: signal.descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 1
    }

    func advance(_ milliseconds: UInt64) {
        clock.now.withLock { $0 += milliseconds }
    }

    @Test func aCommitWakesFollowersOnceForItsPagesAndOnceForItsAnnouncement() throws {
        let signal = try makeSignal()
        #expect(!isReadable(signal))
        writePage(wal)
        #expect(isReadable(signal), "the first page wakes the follower")
        #expect(signal.check() == .nothing, "nothing is visible before the announcement")
        #expect(signal.millisecondsToNextTrailer() == 250)
        for _ in 0..<9 { writePage(wal) }
        #expect(!isReadable(signal), "the commit's further pages wake nobody")
        announce()
        #expect(isReadable(signal))
        #expect(signal.check() == .look, "the announcement is looked at at once")
        #expect(signal.millisecondsToNextTrailer() == nil, "an announced commit needs no trailing signals")
        writePage(wal)
        #expect(isReadable(signal), "after the look, the next commit's first page wakes the follower again")
    }

    @Test func aWriteNobodyAnnouncesIsLookedAtOnTheTrailingSignals() throws {
        let signal = try makeSignal()
        writePage(wal) // Another program's commit: no announcement follows.
        #expect(signal.check() == .nothing)
        advance(249)
        #expect(signal.check() == .nothing)
        advance(1)
        #expect(signal.check() == .look, "250 ms after the write")
        writePage(wal)
        #expect(isReadable(signal), "writes are watched again from the first look on")
        #expect(signal.check() == .nothing)
        #expect(signal.millisecondsToNextTrailer() == 250, "a new write starts the trailing signals again")
        for delay: UInt64 in [250, 1000, 3000] {
            #expect(signal.check() == .nothing)
            advance(delay)
            #expect(signal.check() == .look, "after \(delay) ms more")
        }
        #expect(signal.millisecondsToNextTrailer() == nil)
        advance(60_000)
        #expect(signal.check() == .nothing)
    }

    @Test func anAnnouncementFollowedByAnotherWriteIsLookedAtAndTheWriteTrailed() throws {
        let signal = try makeSignal()
        writePage(wal)
        announce()
        writePage(wal) // The next writer's first page, in the same batch of events.
        #expect(signal.check() == .look)
        #expect(signal.millisecondsToNextTrailer() == 250)
        writePage(wal)
        #expect(isReadable(signal), "the look widened the watch again")
    }

    @Test func aRemovedDirectoryEndsTheWatch() throws {
        let signal = try makeSignal()
        try FileManager.default.removeItem(atPath: directory.url.path)
        #expect(signal.check() == .closed)
    }
}

/// The signal's clock in the tests: moved by hand.
final class Milliseconds: Sendable {
    let now = Mutex<UInt64>(1_000_000)
}

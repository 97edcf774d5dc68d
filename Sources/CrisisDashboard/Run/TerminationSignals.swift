import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The signals that end, stop and continue the dashboard only write their number to a pipe that the loop
/// polls; the loop then restores or retakes the terminal on its own thread. Cleaning up inside a signal
/// handler is not safe, and curses' own SIGTSTP handler would draw from whichever thread the signal hits:
/// installing ours first keeps curses from installing its.
enum TerminationSignals {
    // nonisolated(unsafe): written once before the handlers are installed, only read by them afterwards.
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1
    nonisolated(unsafe) private static var readDescriptorValue: Int32 = -1

    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT]

    /// What the signals that arrived since the last look ask of the loop.
    struct Arrivals: Equatable {
        /// SIGINT, SIGTERM or SIGHUP: restore the terminal and leave.
        var terminate = false
        /// SIGTSTP: give the terminal back, stop, and take it again when continued.
        var stop = false
        /// SIGCONT: someone stopped and continued us (SIGSTOP, then fg): the screen needs drawing whole.
        var resumed = false
    }

    /// Installs the handlers (once) and returns the descriptor that becomes readable when one fires.
    static func install() throws(DashboardError) -> Int32 {
        if readDescriptorValue >= 0 { return readDescriptorValue }
        let descriptors = try WakePipe.make()
        readDescriptorValue = descriptors.read
        writeDescriptor = descriptors.write
        for number in signals { catchSignal(number) }
        signal(SIGPIPE, SIG_IGN)
        return readDescriptorValue
    }

    private static func catchSignal(_ number: Int32) {
        signal(number) { number in
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(TerminationSignals.writeDescriptor, &byte, 1)
        }
    }

    // nonisolated(unsafe): set once before our SIGWINCH handler is installed, only read by it afterwards.
    nonisolated(unsafe) private static var cursesResizeHandler: (@convention(c) (Int32) -> Void)?
    // nonisolated(unsafe): only the screen's thread installs, one screen at a time.
    nonisolated(unsafe) private static var resizeWakeInstalled = false

    /// Curses learns of a resize in its own SIGWINCH handler, which runs on the main thread and so does not
    /// wake the loop's poll(): the resize would be drawn only at the next tick, up to a second later. Ours
    /// calls curses' handler, then wakes the loop. Call once the screen exists (curses installs its handler then).
    /// Once per process: the board and each incident opened from it share one screen, and a second install
    /// would take our own handler for curses' and call itself until the stack ran out.
    static func wakeOnResize() {
        guard !resizeWakeInstalled else { return }
        resizeWakeInstalled = true
        var current = sigaction()
        sigaction(SIGWINCH, nil, &current)
        if let handler = current.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) > 1 {
            cursesResizeHandler = handler // Neither SIG_DFL nor SIG_IGN: a function to call.
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            TerminationSignals.cursesResizeHandler?(number)
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(TerminationSignals.writeDescriptor, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &action, nil)
    }

    /// Acts on the signals that arrived, for a loop drawing on `screen`: the terminal is given back while the
    /// process is stopped and taken again when it continues. Nil means end now (SIGINT, SIGTERM or SIGHUP:
    /// restore and leave); otherwise whether the screen must be measured and drawn whole again.
    static func answer(on screen: CursesScreen) -> Bool? {
        let signals = drain()
        if signals.terminate { return nil }
        if signals.stop {
            screen.stopped { stopUntilContinued(wholeGroup: false) }
        } else if signals.resumed {
            screen.resume()
        }
        return signals.stop || signals.resumed
    }

    /// Reads what the handlers wrote.
    static func drain() -> Arrivals {
        var arrivals = Arrivals()
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readDescriptorValue, &bytes, bytes.count)
            guard count > 0 else { break }
            for byte in bytes.prefix(count) {
                switch Int32(byte) {
                case SIGTSTP: arrivals.stop = true
                case SIGCONT: arrivals.resumed = true
                case SIGWINCH: break // Only a wake-up: curses reports the resize as a key.
                default: arrivals.terminate = true
                }
            }
        }
        return arrivals
    }

    /// Stops the process as SIGTSTP would have by default (the shell gets the terminal back), and returns
    /// once it is continued. With `wholeGroup`, the rest of the job (a pipeline) stops too, as it would on a
    /// Ctrl-Z the terminal turned into a signal.
    static func stopUntilContinued(wholeGroup: Bool) {
        if wholeGroup {
            signal(SIGTSTP, SIG_IGN)
            kill(0, SIGTSTP)
        }
        signal(SIGTSTP, SIG_DFL)
        // The loop's thread was started with the signals blocked (they go to the main thread's handlers):
        // let this one through. raise() sends it to this very thread, so the process stops before it returns.
        var only = sigset_t()
        var previous = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, SIGTSTP)
        pthread_sigmask(SIG_UNBLOCK, &only, &previous)
        raise(SIGTSTP)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        catchSignal(SIGTSTP)
    }

    /// While another program has the terminal (the editor), Ctrl-C belongs to it, and a Ctrl-Z stops it and
    /// us alike.
    static func ignoringInterrupts<T>(_ body: () throws -> T) rethrows -> T {
        let previous = signal(SIGINT, SIG_IGN)
        signal(SIGTSTP, SIG_DFL)
        defer {
            signal(SIGINT, previous)
            catchSignal(SIGTSTP)
        }
        return try body()
    }
}

import CNcurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The terminal, through ncursesw: shows a `Grid` by drawing only the cells that changed since the last
/// frame, and reads keys. The only code that touches curses; every call happens on the loop's thread.
final class CursesScreen {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let theme: Theme
    private var previous: Grid?
    private var pairs: [PairKey: Int16] = [:]
    private let colourMode: ColourMode
    private var isOpen = true

    private struct PairKey: Hashable {
        let foreground: Int
        let background: Int
    }

    private enum ColourMode {
        case none, eight, full
    }

    /// Takes over the terminal. Throws (leaving it untouched) when the terminal type is unknown.
    init(theme: Theme) throws(DashboardError) {
        setlocale(LC_ALL, "")
        guard let screen = newterm(nil, crisis_stdout(), crisis_stdin()) else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw DashboardError("cannot drive this terminal (TERM=\(term)): set TERM to a known type such as xterm-256color")
        }
        self.screen = screen
        set_term(screen)
        guard let window = crisis_stdscr() else {
            endwin()
            delscreen(screen)
            throw DashboardError("the terminal has no screen to draw on")
        }
        self.window = window
        self.theme = theme
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        if has_colors() {
            start_color()
            use_default_colors()
            colourMode = crisis_colors() >= 256 ? .full : .eight
        } else {
            colourMode = .none
        }
        // Until curses has once been left and resumed, it writes to the terminal at every cursor movement:
        // a frame went out as a dozen small writes, each one waking whoever reads the terminal. Leaving and
        // resuming before anything is drawn makes every frame one write.
        def_prog_mode()
        endwin()
        reset_prog_mode()
        doupdate()
        // Bracketed paste: a pasted e-mail arrives as one piece of text, not as many Enters.
        writeControl("\u{1B}[?2004h")
    }

    var width: Int { Int(getmaxx(window)) }
    var height: Int { Int(getmaxy(window)) }

    /// Gives the terminal back as it was: paste mode off, cursor visible, main screen restored.
    func close() {
        guard isOpen else { return }
        isOpen = false
        writeControl("\u{1B}[?2004l")
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    deinit {
        close()
    }

    // MARK: - Drawing

    /// Shows `grid`, writing only the cells that differ from the frame before.
    func show(_ grid: Grid) {
        let full = previous == nil || previous!.width != grid.width || previous!.height != grid.height
        if full { werase(window) }
        for y in 0..<grid.height {
            // Most rows of most frames are as they were: a row compared whole is skipped whole.
            if !full {
                let row = y * grid.width..<(y + 1) * grid.width
                if grid.cells[row] == previous!.cells[row] { continue }
            }
            var x = 0
            while x < grid.width {
                let cell = grid[x, y]
                if !full, previous![x, y] == cell {
                    x += 1
                    continue
                }
                if cell.isContinuation {
                    x += 1
                    continue
                }
                // A run of changed cells in one style is one move and one write.
                var text: [wchar_t] = []
                let style = cell.style
                let start = x
                while x < grid.width {
                    let next = grid[x, y]
                    if next.style != style { break }
                    if !full, previous![x, y] == next, !next.isContinuation { break }
                    if next.isPrintableASCII {
                        text.append(wchar_t(bitPattern: next.code))
                    } else {
                        // Exactly the cells the grid gave it, as curses and the terminal count them.
                        let cells = x + 1 < grid.width && grid[x + 1, y].isContinuation ? 2 : 1
                        text.append(contentsOf: TerminalCells.text(next.text, cells: cells).unicodeScalars.map {
                            wchar_t(bitPattern: $0.value)
                        })
                    }
                    x += 1
                }
                text.append(0)
                wmove(window, Int32(y), Int32(start))
                apply(style)
                // Writing the bottom-right cell returns ERR but draws: nothing to handle.
                _ = waddwstr(window, text)
            }
        }
        if let cursor = grid.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        previous = grid
    }

    /// The terminal's bell (or its visible flash, as the terminal is set up).
    func bell() {
        beep()
    }

    /// The next frame is drawn whole (after the editor, or Ctrl-L).
    func invalidate() {
        previous = nil
        clearok(window, true)
    }

    private func apply(_ style: Style) {
        let look = theme.look(style.role)
        var attributes = crisis_a_normal()
        if look.bold || style.bold { attributes |= crisis_a_bold() }
        if look.reverse != style.reverse { attributes |= crisis_a_reverse() }
        wattr_set(window, attributes, pair(for: look), nil)
    }

    private func pair(for look: Theme.Look) -> Int16 {
        let key: PairKey
        switch colourMode {
        case .none: return 0
        case .eight: key = PairKey(foreground: look.foreground8, background: look.background8)
        case .full: key = PairKey(foreground: look.foreground, background: look.background)
        }
        if key.foreground < 0 && key.background < 0 { return 0 }
        if let cached = pairs[key] { return cached }
        let number = Int16(pairs.count + 1)
        guard Int(number) < crisis_color_pairs() else { return 0 }
        init_pair(number, Int16(key.foreground), Int16(key.background))
        pairs[key] = number
        return number
    }

    // MARK: - Input

    /// Everything the terminal has ready, without waiting; a resize comes as `nil` in the list.
    func readAvailable() -> (inputs: [RawInput], resized: Bool) {
        var inputs: [RawInput] = []
        var resized = false
        wtimeout(window, 0)
        while inputs.count < 65_536 {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if Int32(character) == KEY_RESIZE {
                    resized = true
                } else if let key = Self.key(Int32(character)) {
                    inputs.append(.key(key))
                }
            } else if let scalar = Unicode.Scalar(UInt32(character)) {
                inputs.append(.scalar(scalar))
            }
        }
        return (inputs, resized)
    }

    private static func key(_ code: Int32) -> Key? {
        switch code {
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 12): .function(Int(code - KEY_F0))
        default: nil
        }
    }

    // MARK: - Leaving the screen for a while

    /// Hands the terminal to another program (the editor) and takes it back afterwards.
    func suspend<T>(_ body: () throws -> T) rethrows -> T {
        writeControl("\u{1B}[?2004l")
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            writeControl("\u{1B}[?2004h")
            invalidate()
        }
        return try body()
    }

    /// Gives the terminal back while the process is stopped (SIGTSTP, Ctrl-Z), and takes it again, at the
    /// size it has by then, when it continues (fg).
    func stopped(_ body: () -> Void) {
        suspend(body)
        adoptTerminalSize()
    }

    /// After someone else stopped and continued the process (SIGSTOP, then fg): the shell had the terminal
    /// and wrote on it, so the modes are set again and everything is drawn whole, at the current size.
    func resume() {
        reset_prog_mode()
        writeControl("\u{1B}[?2004h")
        adoptTerminalSize()
        invalidate()
    }

    /// A resize while stopped sent SIGWINCH to the shell, not to us: ask the terminal itself.
    private func adoptTerminalSize() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard crisis_terminal_size(STDOUT_FILENO, &rows, &columns) == 0, rows > 0, columns > 0,
              is_term_resized(rows, columns) else { return }
        resizeterm(rows, columns)
        invalidate()
    }

    private func writeControl(_ sequence: String) {
        fflush(crisis_stdout())
        // write(2), not FileHandle: on a terminal that hung up (its window closed) FileHandle.write traps,
        // and the dashboard must still leave quietly. What cannot be written there needs no restoring.
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}

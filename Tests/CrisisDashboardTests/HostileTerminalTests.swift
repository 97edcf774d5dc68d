import CrisisDashboard
import Foundation
import IncidentModel
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 6, terminal safety and terminal faults: text that attacks the terminal (escape sequences, bidi
/// overrides, invisible characters, invalid UTF-8, Zalgo, emoji, a 10 000-character word) posted from another
/// process onto an open dashboard, the same text printed by the command line, and a terminal that is shrunk,
/// resized a hundred times a second, signalled and stopped. The real binary runs in an isolated tmux server;
/// every wait is a bounded poll on what the screen shows.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed: apt-get install tmux"))
struct HostileTerminalTests {
    /// Escape sequences of every family, each followed by a space so the pane wraps between them.
    static let escapes = [
        "\u{1B}[2J", "\u{1B}[H", "\u{1B}[5;5H", "\u{1B}[3A", "\u{1B}]0;pwned\u{07}", "\u{1B}]2;pwned2\u{1B}\\",
        "\u{1B}]52;c;aGVsbG8=\u{07}", "\u{1B}P+q544e\u{1B}\\", "\u{1B}c", "\u{9B}2J", "\u{9D}0;c1title\u{07}",
        "bell\u{07}", "abc\u{08}\u{08}X", "left\rRIGHT",
    ]
    /// How each one must look: visible, inert.
    static let neutralized = [
        "␛[2J", "␛[H", "␛[5;5H", "␛[3A", "␛]0;pwned␇", "␛]2;pwned2␛\\", "␛]52;c;aGVsbG8=␇", "␛P+q544e␛\\", "␛c",
        "<U+009B>2J", "<U+009D>0;c1title␇", "bell␇", "abc␈␈X", "left␍RIGHT",
    ]

    @Test func escapeSequencesPostedFromAnotherProcessNeverReachTheTerminal() throws {
        try Hostile.withDashboard { world, tmux in
            let attack = Self.escapes.joined(separator: " ")
            try world.crisis(["note", "N1 " + attack])
            try world.crisis(["brief", "B1 " + attack, "--next", "40m", "--why", "W1 " + Self.escapes[0]])
            try world.crisis(["frame", "F1 " + Self.escapes[0] + Self.escapes[4]])
            try tmux.waitFor("every sequence neutralized in both panes") { screen in
                Self.neutralized.allSatisfy { screen.components(separatedBy: $0).count >= 3 }
                    && screen.contains("F1 ␛[2J␛]0;pwned␇") && screen.contains("why: W1 ␛[2J")
            }
            try Hostile.expectIntact(tmux, width: 100, height: 30)
        }
    }

    @Test func escapeSequencesPrintedByShowLogAndDebriefStayInert() throws {
        try Hostile.withDashboard(startDashboard: false) { world, tmux in
            try world.crisis(["note", "N1 " + Self.escapes.joined(separator: " ")])
            try world.crisis(["question", "Q " + Self.escapes[0] + Self.escapes[6]])
            let crisis = world.binary.path
            try tmux.type("echo before-marker; \(crisis) show; \(crisis) log; \(crisis) debrief; echo after-$((6*7))",
                          enter: true)
            try tmux.waitFor("the three outputs") { $0.contains("after-42") }
            let history = try tmux.history()
            #expect(history.contains("before-marker"), "nothing cleared the pane")
            for token in Self.neutralized {
                #expect(history.components(separatedBy: token).count >= 4, "\(token) in show, log and debrief")
            }
            #expect(history.contains("Q ␛[2J␛]52;c;aGVsbG8=␇"))
            #expect(!history.unicodeScalars.contains { $0.value == 0x1B || (0x80..<0xA0).contains($0.value) })
            try Hostile.expectUntouched(tmux)
            // The shell is where it was: the prompt follows the last line, nothing moved the cursor.
            let rows = try tmux.rows().filter { !$0.isEmpty }
            #expect(rows.suffix(2).first == "after-42", "\(rows.suffix(3))")
            #expect(rows.last == "ht$")
        }
    }

    static let invisible: [(scalar: String, name: String)] = [
        ("\u{202A}", "<U+202A>"), ("\u{202B}", "<U+202B>"), ("\u{202C}", "<U+202C>"), ("\u{202D}", "<U+202D>"),
        ("\u{202E}", "<U+202E>"), ("\u{2066}", "<U+2066>"), ("\u{2067}", "<U+2067>"), ("\u{2068}", "<U+2068>"),
        ("\u{2069}", "<U+2069>"), ("\u{200B}", "<U+200B>"), ("\u{2060}", "<U+2060>"), ("\u{FEFF}", "<U+FEFF>"),
    ]

    @Test func bidiOverridesAndZeroWidthCharactersAreNamedNotObeyed() throws {
        // "pay invoice.exe" that would read as "pay invoiceexe.pdf", and a name with hidden joins.
        let text = "R1 pay \u{202E}fdp.exe invoice " + Self.invisible.map { "x" + $0.scalar + "y" }.joined(separator: " ")
        let hidden = Set(Self.invisible.map { $0.scalar.unicodeScalars.first!.value })
        try Hostile.withDashboard { world, tmux in
            try world.crisis(["note", text])
            try world.crisis(["brief", text, "--next", "40m", "--why", "R2 \u{202E}reverse"])
            try tmux.waitFor("the names in both panes") { screen in
                Self.invisible.allSatisfy { screen.components(separatedBy: "x" + $0.name + "y").count >= 3 }
            }
            let screen = try tmux.capture()
            #expect(screen.contains("pay <U+202E>fdp.exe invoice"))
            #expect(screen.contains("why: R2 <U+202E>reverse"))
            #expect(!screen.unicodeScalars.contains { hidden.contains($0.value) })
            try Hostile.expectIntact(tmux, width: 100, height: 30)

            for command in [["show"], ["log"], ["debrief"]] {
                let output = try world.crisis(command)
                #expect(output.contains("pay <U+202E>fdp.exe invoice"), "crisis \(command[0])")
                #expect(Self.invisible.allSatisfy { output.contains("x" + $0.name + "y") }, "crisis \(command[0])")
                #expect(!output.unicodeScalars.contains { hidden.contains($0.value) }, "crisis \(command[0])")
            }
        }
    }

    static let zalgo = "Z̴̢̧̛̛͓̺̗̗̙̀̀̂̈́̀̈́a̸̢̧̰̦͍̯͊̄͊̍̕l̶̡̛̠̘̹͈͊̈́̑͌̋g̷̢̛̖̳̙̓̀͊͠o"
    static let wide = "中文字 한국어 ｆｕｌｌ 👍🏽 ❤️ 🇪🇺 🇩🇪 👨‍👩‍👧 🧑🏿‍🚀 🏳️‍🌈 1️⃣ 🇪 ☔️ e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}"

    @Test func invalidUTF8CombiningMarksWideCharactersAndEmojiKeepTheBordersInOneColumn() throws {
        try Hostile.withDashboard(title: "Hostile 👨‍👩‍👧 ❤️ \(Self.zalgo) 中文") { world, tmux in
            // Bytes that are not UTF-8 can only come from a shell: a lone continuation byte, an overlong
            // encoding, a truncated sequence, 0xFF.
            try world.shell("\(world.binary.path) note \"$(printf 'U1 bad \\200 \\300\\257 \\342\\202 \\377 end-u1')\"")
            try world.crisis(["note", "Z1 " + String(repeating: Self.zalgo + " ", count: 4) + "end-z1"])
            for number in 1...4 { try world.crisis(["note", "E\(number) " + Self.wide + " end-e\(number)"]) }
            try world.crisis(["brief", "E5 " + Self.wide + " " + Self.zalgo + " end-e5", "--next", "40m",
                              "--why", "E6 " + Self.wide])
            try tmux.waitFor("every hostile note") { screen in
                ["end-u1", "end-z1", "end-e4", "end-e5"].allSatisfy(screen.contains)
            }
            try Hostile.expectIntact(tmux, width: 100, height: 30)
            let screen = try tmux.capture()
            #expect(screen.contains("U1 bad � �� � � end-u1") || screen.contains("U1 bad �"), "invalid bytes shown as �")
            #expect(screen.contains("中文字 한국어 ｆｕｌｌ"))
        }
    }

    @Test func aTenThousandCharacterWordAndA16KiBNoteWrapInsideTheirPane() throws {
        try Hostile.withDashboard { world, tmux in
            let word = String(repeating: "0123456789", count: 1_000)
            try world.crisis(["note", "L1" + word])
            try tmux.waitFor("the long word") { $0.contains("ana L1012345678901") }
            try Hostile.expectIntact(tmux, width: 100, height: 30)
            // The technical pane (49 cells, one of margin) is filled with the word, wrapped where it must be.
            let rows = try tmux.rows()
            let wrapped = rows.filter { $0.hasPrefix("       ") && $0.contains("0123456789") }
            #expect(wrapped.count >= 10, "\(rows.joined(separator: "\n"))")
            for row in wrapped {
                let text = String(Hostile.cells(of: row, from: 7, to: 48)).trimmingCharacters(in: .whitespaces)
                #expect(text.count == 41 && text.allSatisfy(\.isNumber), "a full row of the word: \(row)")
            }

            let sixteenKiB = String(String(repeating: "crisis ", count: 2_341).prefix(16 * 1024 - 6)) + "end-16"
            #expect(sixteenKiB.utf8.count == 16 * 1024)
            try world.crisis(["note", sixteenKiB])
            try world.crisis(["note", "after-16k still following"])
            try tmux.waitFor("the note after the 16 KiB one") { $0.contains("after-16k still following") }
            try Hostile.expectIntact(tmux, width: 100, height: 30)
        }
    }

    // MARK: - Terminal faults

    @Test func tinyTerminalsDownToOneCellAndBackToAFullLayout() throws {
        try Hostile.withDashboard { world, tmux in
            try tmux.run(["resize-window", "-x", "40", "-y", "12"])
            try tmux.waitFor("the essentials at 40x12") { screen in
                screen.contains("NEXT UPDATE") && screen.contains("Owner Dana Reyes") && screen.contains("note›")
            }
            // Each smaller size shows exactly what the view renders for it (the too-small message, cut).
            // tmux refuses 0; at 1x1 curses cannot write the only cell (it is the bottom-right one) and the
            // screen stays blank: the sizes after it show the dashboard lived through it.
            try tmux.run(["resize-window", "-x", "1", "-y", "1"])
            for (width, height) in [(39, 11), (20, 5), (10, 2), (2, 1), (1, 3), (1, 1), (3, 1)] {
                try tmux.run(["resize-window", "-x", "\(width)", "-y", "\(height)"])
                if width == 1 && height == 1 { continue }
                let expected = Fixture.render(try Fixture.state(Fixture.quietLog(), minute: 0, width: width,
                                                                height: height)).trimmedLines
                try tmux.waitFor("the too-small screen at \(width)x\(height)") { _ in
                    ((try? tmux.rows()) ?? []).prefix(height) == expected[...]
                }
            }
            try world.crisis(["note", "posted while the terminal was tiny"])
            try tmux.run(["resize-window", "-x", "100", "-y", "30"])
            try tmux.waitFor("the full layout again") { $0.contains("posted while the terminal was tiny") }
            try Hostile.expectIntact(tmux, width: 100, height: 30)
        }
    }

    @Test func aHundredResizesInAboutASecondEndInTheLayoutOfTheFinalSize() throws {
        try Hostile.withDashboard { world, tmux in
            let started = Date()
            try world.shell(Hostile.resizeStorm(tmux, final: (90, 28)))
            let seconds = Date().timeIntervalSince(started)
            print("100 resizes took \(String(format: "%.2f", seconds)) s")
            try Hostile.expectIntact(tmux, width: 90, height: 28)
            try world.crisis(["note", "still following after the storm"])
            try tmux.waitFor("a note after the storm") { $0.contains("still following after the storm") }
            try Hostile.expectIntact(tmux, width: 90, height: 28)
        }
    }

    @Test(arguments: ["TERM", "HUP", "INT"])
    func aSignalInTheMiddleOfAResizeStormRestoresTheTerminal(signal: String) throws {
        try Hostile.withDashboard(startDashboard: false) { world, tmux in
            let pidFile = try Hostile.startDashboardWithPid(world, tmux)
            let pid = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            try world.shell(Hostile.resizeStorm(tmux, final: (100, 30), midway: "kill -\(signal) \(pid)"))
            try tmux.waitFor("the shell after SIG\(signal)") { screen in
                !screen.contains("NEXT UPDATE") && screen.contains("exit=0")
            }
            try Hostile.expectRestored(tmux)
        }
    }

    /// Ctrl-Z as a key (the dashboard reads the terminal raw, so the terminal sends no signal) and SIGTSTP
    /// sent by another process: the shell gets a restored terminal; `fg` brings back a whole, working
    /// dashboard, at the size the terminal has by then.
    @Test(arguments: ["C-z", "SIGTSTP"])
    func stopThenFgRestoresTheShellAndThenTheDashboard(how: String) throws {
        try Hostile.withDashboard(startDashboard: false) { world, tmux in
            // No "; echo exit=$?" after it: a shell goes on with the list when a job stops.
            let pidFile = try Hostile.startDashboardWithPid(world, tmux, thenEchoExit: false)
            let pid = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            if how == "C-z" {
                try tmux.keys(["C-z"])
            } else {
                try world.shell("kill -TSTP \(pid)")
            }
            try tmux.waitFor("the shell with the dashboard stopped") { screen in
                !screen.contains("NEXT UPDATE") && screen.contains("Stopped")
            }
            try Hostile.expectRestored(tmux, exited: false)

            try world.crisis(["note", "posted while stopped"])
            try tmux.run(["resize-window", "-x", "90", "-y", "28"])
            try tmux.type("fg", enter: true)
            try tmux.waitFor("the dashboard again") { $0.contains("posted while stopped") }
            #expect(try tmux.query("#{alternate_on}") == "1")
            try Hostile.expectIntact(tmux, width: 90, height: 28)
            // Keys arrive one by one again (raw mode), and the follower still follows.
            try tmux.type("typed after fg")
            try tmux.waitFor("the composer") { $0.contains("note› typed after fg") }
            try tmux.keys(["C-u"])
            try world.crisis(["note", "posted after fg"])
            try tmux.waitFor("a note after fg") { $0.contains("posted after fg") }
            try Hostile.expectIntact(tmux, width: 90, height: 28)

            // An empty composer and nothing waiting: Ctrl-C quits at once.
            try tmux.keys(["C-c"])
            try tmux.waitFor("the shell") { !$0.contains("NEXT UPDATE") }
            try tmux.type("echo exit=$?", enter: true)
            try tmux.waitFor("the dashboard's exit status") { $0.contains("exit=0") }
            try Hostile.expectRestored(tmux)
        }
    }

    /// SIGSTOP cannot be caught: the shell takes the terminal, sets its own modes and writes on the
    /// dashboard's screen. SIGCONT (fg) takes the terminal back and redraws it whole. (bash: dash would read
    /// the raw terminal the dashboard left, where Enter does not end a line.)
    @Test func sigstopThenFgRedrawsEverything() throws {
        try Hostile.withDashboard(startDashboard: false, shell: "bash --norc --noprofile") { world, tmux in
            let pidFile = try Hostile.startDashboardWithPid(world, tmux, thenEchoExit: false)
            let pid = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            try world.shell("kill -STOP \(pid)")
            try tmux.waitFor("the shell's report") { $0.contains("Stopped") }
            try tmux.type("fg", enter: true)
            try world.crisis(["note", "posted after SIGCONT"])
            try tmux.waitFor("the note after fg") { $0.contains("posted after SIGCONT") && !$0.contains("Stopped") }
            try Hostile.expectIntact(tmux, width: 100, height: 30)
            try tmux.type("typed after SIGCONT")
            try tmux.waitFor("the composer, key by key") { $0.contains("note› typed after SIGCONT") }
        }
    }

    /// The window is closed under the dashboard (tmux kills the pane: the terminal hangs up). It must end,
    /// not crash writing to a terminal that is gone, nor linger.
    @Test func aTerminalThatHangsUpEndsTheDashboardQuietly() throws {
        try Hostile.withDashboard(startDashboard: false) { world, tmux in
            // The wrapper outlives the hang-up (it ignores SIGHUP; the dashboard sets its own handler) to
            // write down how the dashboard ended.
            let status = world.directory.appendingPathComponent("status").path
            try tmux.type("sh -c 'trap \"\" HUP; \(world.binary.path) dashboard --as tester; echo $? > \(status)'",
                          enter: true)
            try tmux.waitFor("the dashboard") { $0.contains("NEXT UPDATE") && $0.contains(Hostile.keep) }
            try tmux.run(["kill-pane"])
            var ended: String?
            for _ in 0..<400 {
                ended = try? String(contentsOfFile: status, encoding: .utf8)
                if ended?.hasSuffix("\n") == true { break }
                usleep(50_000)
            }
            #expect(ended == "0\n", "the dashboard's exit status after the hang-up: \(ended ?? "none")")
        }
    }

    // MARK: - Without a terminal

    @Test func everyRowOfAHostileGridIsDrawnInExactlyItsWidth() throws {
        var log = Fixture.quietLog()
        log.add(8, "ana", .note(text: "Z1 " + String(repeating: Self.zalgo + " ", count: 3)))
        for number in 0..<4 { log.add(9 + Double(number), "ana", .note(text: "E\(number) " + Self.wide)) }
        log.add(13, "ana", .note(text: Self.escapes.joined(separator: " ")))
        log.add(14, "bo", .note(text: Self.invisible.map { "x" + $0.scalar + "y" }.joined(separator: " ") + "\u{378}\u{E0041}"))
        for (width, height) in [(80, 24), (100, 30), (41, 12)] {
            let grid = Fixture.render(try Fixture.state(log, minute: 15, width: width, height: height))
            let layout = DashboardLayout(try Fixture.state(log, minute: 15, width: width, height: height))
            for y in 0..<grid.height {
                // What the backend writes for the row takes exactly the row, as curses and the terminal count.
                var drawn = 0
                for x in 0..<grid.width where !grid[x, y].isContinuation {
                    let cells = x + 1 < grid.width && grid[x + 1, y].isContinuation ? 2 : 1
                    let text = TerminalCells.text(grid[x, y].text, cells: cells)
                    drawn += Hostile.width(of: text)
                    #expect(text.unicodeScalars.count <= TerminalCells.scalarsPerCell)
                }
                #expect(drawn == grid.width, "row \(y) at \(width)x\(height): \(grid.lines[y])")
                if !layout.isStacked, layout.technical.y..<layout.technical.maxY ~= y {
                    #expect(grid[layout.technical.maxX, y].text == "│", "the border on row \(y): \(grid.lines[y])")
                }
            }
        }
    }

    @Test func aCellIsSimplifiedUntilTheTerminalAgreesOnItsWidth() {
        _ = Hostile.utf8Locale
        #expect(TerminalCells.text("a", cells: 1) == "a")
        #expect(TerminalCells.text("中", cells: 2) == "中")
        #expect(TerminalCells.text("🇪🇺", cells: 2) == "🇪🇺", "two one-cell indicators")
        #expect(TerminalCells.text("👨‍👩‍👧", cells: 2) == "👨", "a ZWJ sequence curses would count as six")
        #expect(TerminalCells.text("👍🏽", cells: 2) == "👍", "a skin tone curses would count as two more")
        #expect(TerminalCells.text("❤️", cells: 2) == "❤ ", "VS16 asks for two cells curses does not know about")
        #expect(TerminalCells.text("🇪", cells: 2) == "🇪 ")
        #expect(TerminalCells.text(Self.zalgo.first.map(String.init)!, cells: 1).unicodeScalars.count == 5)
        #expect(TerminalCells.text("\u{1B}", cells: 1) == "\u{FFFD}", "a control character never reaches curses")
        #expect(TerminalCells.text("\u{9B}", cells: 1) == "\u{FFFD}")
        #expect(TerminalCells.text("\u{378}", cells: 1) == "\u{FFFD}", "an unassigned code point")
        #expect(TerminalCells.text("\u{301}", cells: 1) == "◌\u{301}", "a mark with nothing to sit on")
        #expect(TerminalCells.text("", cells: 1) == "")
    }
}

/// The shared moves and checks of the hostile-terminal tests.
enum Hostile {
    /// wcwidth needs a UTF-8 locale in this process, as the dashboard sets one for itself.
    static let utf8Locale: Bool = setlocale(LC_CTYPE, "C.UTF-8") != nil

    static let title = "crisis-test-title"
    static let keep = "KEEP-BUSINESS briefing stays readable"

    /// An incident with an owner and a briefing, a 100x30 pane with a known title, the clipboard open to
    /// OSC 52 (so a leak would show), and the dashboard running in it unless `startDashboard` is false.
    static func withDashboard(title incidentTitle: String = "Hostile input", startDashboard: Bool = true,
                              shell: String = "sh", _ body: (World, Tmux) throws -> Void) throws {
        _ = utf8Locale
        let world = try World()
        defer { world.tearDown() }
        try world.crisis(["open", incidentTitle, "--severity", "2", "--owner", "Dana Reyes", "--phone", "+1 555 0100"])
        try world.crisis(["brief", keep, "--next", "30m", "--why", "the test says so"])
        let tmux = try Tmux(width: 100, height: 30, environment: world.environment)
        defer { tmux.kill() }
        try tmux.startShell(width: 100, height: 30, prompt: "ht$ ", shell: shell)
        try tmux.run(["set-option", "-s", "set-clipboard", "on"])
        try tmux.run(["select-pane", "-T", title])
        if startDashboard {
            try tmux.type("\(world.binary.path) dashboard --as tester; echo exit=$?", enter: true)
            try tmux.waitFor("the dashboard") { $0.contains("NEXT UPDATE") && $0.contains(keep) }
        }
        try body(world, tmux)
    }

    /// Starts the dashboard as a job of the shell whose pid is in the returned file.
    static func startDashboardWithPid(_ world: World, _ tmux: Tmux, thenEchoExit: Bool = true) throws -> String {
        let pidFile = world.directory.appendingPathComponent("dashboard.pid").path
        // exec keeps the shell's pid, so the pid file names the dashboard itself.
        try tmux.type("sh -c 'echo $$ > \(pidFile); exec \(world.binary.path) dashboard --as tester'" + (thenEchoExit ? "; echo exit=$?" : ""),
                      enter: true)
        try tmux.waitFor("the dashboard") { $0.contains("NEXT UPDATE") && $0.contains(keep) }
        return pidFile
    }

    /// A shell script: 100 resizes between two sizes as fast as tmux takes them, `midway` after the 50th,
    /// then the final size.
    static func resizeStorm(_ tmux: Tmux, final: (width: Int, height: Int), midway: String = ":") -> String {
        let client = "\(Tmux.executable!) -L \(tmux.socket) -f /dev/null"
        return """
        i=0; while [ $i -lt 50 ]; do \
        \(client) resize-window -x 50 -y 15; \(client) resize-window -x 130 -y 45; \
        i=$((i+1)); if [ $i -eq 25 ]; then \(midway); fi; done; \
        \(client) resize-window -x \(final.width) -y \(final.height)
        """
    }

    /// The pane's title and tmux's paste buffers (where OSC 52 lands) are as the test left them.
    static func expectUntouched(_ tmux: Tmux, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try tmux.query("#{pane_title}") == title, "the title is the test's", sourceLocation: sourceLocation)
        #expect(try tmux.output(["list-buffers"]).isEmpty, "no clipboard buffer", sourceLocation: sourceLocation)
    }

    /// Waits until the dashboard's layout at `width`x`height` is whole, then checks the title and clipboard:
    /// the header on the first row, the pane divider in its column on every pane row, no row wider than the
    /// terminal, the briefing readable in the other pane, the composer in place. A screen that was cleared,
    /// scrolled or misaligned behind curses' back stays so (curses redraws only what it changed), so the
    /// bounded wait ends in a failure that shows the screen.
    static func expectIntact(_ tmux: Tmux, width: Int, height: Int,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        var problems: [String] = []
        var rows: [String] = []
        for _ in 0..<400 {
            rows = (try? tmux.rows()) ?? []
            problems = layoutProblems(rows, width: width, height: height)
            if problems.isEmpty { break }
            usleep(50_000)
        }
        let shown = rows.enumerated().map { String(format: "%2d|", $0.offset) + $0.element }.joined(separator: "\n")
        #expect(problems.isEmpty, "\(problems.joined(separator: "; "))\n\(shown)", sourceLocation: sourceLocation)
        try expectUntouched(tmux, sourceLocation: sourceLocation)
    }

    static func layoutProblems(_ rows: [String], width: Int, height: Int) -> [String] {
        guard rows.count >= height else { return ["\(rows.count) rows, not \(height)"] }
        var problems: [String] = []
        if !rows[0].hasPrefix(" INC-1 ") { problems.append("the header is not on the first row") }
        if let wide = rows.firstIndex(where: { Self.width(of: $0) > width }) { problems.append("row \(wide) overflows") }
        if !rows.joined(separator: "\n").contains("KEEP-BUSINESS briefing") { problems.append("the briefing is not readable") }
        if !rows[height - 2].hasPrefix(" note›") { problems.append("the composer is not on row \(height - 2)") }
        // Side by side: panes from row 3 to the strip (3 rows from the bottom), divider at (width - 1) / 2.
        let divider = (width - 1) / 2
        if !(rows[3].hasPrefix("─ TECHNICAL") && rows[3].contains("│─ BUSINESS")) { problems.append("no pane titles") }
        let broken = (3..<(height - 3)).filter { cells(of: rows[$0], from: divider, to: divider + 1) != "│" }
        if !broken.isEmpty { problems.append("the divider left column \(divider) on rows \(broken)") }
        return problems
    }

    /// After the dashboard left (or stopped): the main screen, a shell that echoes what is typed, and
    /// bracketed paste off (a paste arrives bare, without `ESC [200~`).
    static func expectRestored(_ tmux: Tmux, exited: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try tmux.query("#{alternate_on}") == "0", "the alternate screen was left", sourceLocation: sourceLocation)
        try tmux.run(["set-buffer", "-b", "probe", "pasted-\("probe")"])
        try tmux.run(["paste-buffer", "-p", "-d", "-b", "probe"])
        try tmux.waitFor("the paste") { $0.contains("pasted-probe") }
        try tmux.keys(["C-u"])
        try tmux.type("echo back-$((40+2))", enter: true)
        try tmux.waitFor("a working shell") { $0.contains("echo back-$((40+2))") && $0.contains("\nback-42") }
        let screen = try tmux.capture()
        #expect(!screen.contains("200~"), "bracketed paste is off\n\(screen)", sourceLocation: sourceLocation)
        #expect(try tmux.query("#{pane_title}") == title, sourceLocation: sourceLocation)
    }

    /// The cells a string takes on the terminal: tmux and curses add up wcwidth, scalar by scalar.
    static func width(of text: String) -> Int {
        _ = utf8Locale
        return text.unicodeScalars.reduce(0) { $0 + max(0, TerminalCells.systemWidth($1)) }
    }

    /// The characters of `row` (as captured) that lie in the columns `from..<to`.
    static func cells(of row: String, from: Int, to: Int) -> Substring {
        var column = 0
        var start: String.Index?
        var index = row.unicodeScalars.startIndex
        while index < row.unicodeScalars.endIndex {
            if column >= from, start == nil { start = index }
            if column >= to { break }
            column += max(0, TerminalCells.systemWidth(row.unicodeScalars[index]))
            index = row.unicodeScalars.index(after: index)
        }
        guard let start else { return "" }
        return Substring(row.unicodeScalars[start..<index])
    }
}

import CustomerDelivery
import Foundation
import IncidentModel

extension DashboardState {
    /// The one place the dashboard changes, bubbletea style: a key, a store change, a tick or a resize
    /// comes in; the state changes; what must happen outside (an append, the editor, quitting) comes out.
    public mutating func update(_ event: DashboardEvent) -> [Effect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .storeEvents(let events):
            do {
                try fold(events)
            } catch {
                status = StatusMessage("the log cannot be followed: \(error)", kind: .error)
            }
            return []
        case .tick(let date):
            now = date
            // A question being asked keeps its guidance ("Enter keeps the cadence …") however long it takes.
            if composer.mode == .entry, let status, !status.stands(since: statusSince, now: now) { self.status = nil }
            return []
        case let .resize(width, height):
            self.width = width
            self.height = height
            return []
        case .chainBroken(let problem):
            chainBreak = problem
            return []
        case .posted(let event):
            if event.sequence == incident.lastSequence + 1 { try? fold([event]) }
            let description = EventDescription(incident: incident, display: TimeDisplay(timeZone: timeZone))
            let said = event.sequence <= incident.lastSequence
                ? description.confirmation(event, now: now) : "\(incident.id) #\(event.sequence) posted"
            status = StatusMessage("posted: " + said + coachVerdict(on: event))
            // A webhook's secret, made for a subscription typed here, is shown where it stays until read: the
            // status line would cut it, and nothing shows it again.
            if event.author == options.author, case .subscribed(let subscription) = event.payload, let secret = subscription.secret {
                overlay = .notice(title: "webhook signing secret, shown this once", lines: [
                    "\(subscription.label) is subscribed to \(incident.id).", "",
                    "Give the receiver this secret; it checks each delivery's Crisis-Signature header with it:", "",
                    "  " + secret, "",
                    "crisis never shows it again (see the README: Webhooks).",
                ])
            }
            return []
        case let .postFailed(message, text):
            status = StatusMessage(message, kind: .error)
            if let text, composer.editor.isEmpty, composer.mode == .entry {
                composer.editor.replace(with: text)
            }
            return []
        case let .connection(connection, queued):
            if connection != self.connection {
                switch connection {
                case .online:
                    status = StatusMessage(self.queued > 0 && queued == 0 ? "back online: the outbox is sent" : "back online")
                case .offline(_, let reason):
                    // A full server is not an outage: the reason says what happens, and that it happens by itself.
                    status = StatusMessage(connection.isWaitingForConnectionSlot
                                           ? "\(reason); entries wait in the outbox, and it attaches once a connection is free"
                                           : "offline: \(reason)", kind: .error)
                }
            }
            self.connection = connection
            self.queued = queued
            return []
        case .queuedOffline(let queued):
            self.queued = queued
            status = StatusMessage(connection.isWaitingForConnectionSlot
                                   ? "the server is full: saved in the outbox (\(queued) waiting); it is sent once a connection is free"
                                   : "offline: saved in the outbox (\(queued) waiting); it is sent when the store is back")
            return []
        case .editorFinished(let text):
            guard let text, !text.allSatisfy(\.isWhitespace) else {
                status = StatusMessage("nothing saved in the editor: nothing posted")
                return []
            }
            var trimmed = text
            while trimmed.last?.isNewline == true { trimmed.removeLast() }
            composer.editor.replace(with: trimmed)
            return submit()
        }
    }

    /// What the coach says of a briefing this dashboard just posted, as the CLI's `brief` says it after
    /// posting: the finding stays in the status line instead of vanishing with the composer's text.
    private func coachVerdict(on event: Event) -> String {
        guard event.author == options.author, case let .briefing(text, nextUpdateAt, reason) = event.payload else { return "" }
        let findings = BriefingCoach.bundled.review(text, commitment: BriefingCommitment(
            nextUpdateAt: nextUpdateAt, chosen: true, reason: reason, cadence: incident.cadence, now: event.recordedAt))
        guard let first = findings.first else { return "" }
        return " · coach: " + first.summary + (findings.count > 1 ? " (+\(findings.count - 1) more)" : "")
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if let overlay {
            return answer(overlay, with: key)
        }
        if case .control("c") = key {
            let nothingToLose = composer.editor.isEmpty && composer.mode == .entry && queued == 0
            if options.readOnly || nothingToLose { return [.quit] }
            overlay = .confirmQuit
            return []
        }
        if options.readOnly {
            return handleReadOnly(key)
        }
        let editing = !composer.editor.isEmpty || composer.mode != .entry
        switch key {
        case .character, .paste, .backspace, .delete: composer.typeOverOffer()
        case .enter, .escape, .tab, .backTab, .function, .pageUp, .pageDown, .control("l"), .control("p"): break
        default: composer.keepOffer()
        }
        // Every printable key types, `q` and `?` too: a word that starts with them must never quit or lose
        // characters (issue 11, bugs 4 and 5). Help is F1 or /help; quitting is Ctrl-C or /quit.
        switch key {
        case .function(1):
            overlay = .help
        case .function:
            break
        case .character(let character):
            composer.stopBrowsingHistory()
            composer.editor.insert(String(character))
        case .paste(let text):
            composer.stopBrowsingHistory()
            composer.editor.insert(Self.normalizedLineBreaks(text))
        case .enter:
            return submit()
        case .tab, .backTab:
            if composer.mode == .entry { focus = focus.other }
        case .escape:
            if options.fromBoard && !editing && overlay == nil { return [.backToBoard] }
            cancelBriefing()
        case .backspace: composer.editor.deleteBackward()
        case .delete: composer.editor.deleteForward()
        case .left: composer.editor.moveLeft()
        case .right: composer.editor.moveRight()
        case .home: editing ? composer.editor.moveHome() : scrollToOldest(focus)
        case .end: editing ? composer.editor.moveEnd() : scrollToNewest(focus)
        case .up: composer.historyBack()
        case .down: composer.historyForward()
        case .pageUp: scrollBack(focus)
        case .pageDown: scrollForward(focus)
        case .control("a"): composer.editor.moveHome()
        case .control("e"): composer.editor.moveEnd()
        case .control("u"): composer.editor.killToStart()
        case .control("k"): composer.editor.killToEnd()
        case .control("w"): composer.editor.killWordBackward()
        case .control("l"): break // the backend redraws everything on Ctrl-L
        case .control("p"): previewBriefing()
        case .control: break
        }
        return []
    }

    /// Ctrl-P: the briefing being written (plain text in the business channel, any step of its questions,
    /// or a `/brief` line), as the customer would receive it; nothing is posted or sent.
    private mutating func previewBriefing() {
        let text = composer.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let command: Result<Command, CommandError>
        switch composer.mode {
        case .entry where text.hasPrefix("/"):
            command = Result { () throws(CommandError) in try CommandGrammar.parse(line: text) }
        case .entry:
            guard focus == .business, !text.isEmpty else {
                status = StatusMessage("Ctrl-P previews a briefing: write it in the business channel (Tab), or /brief TEXT")
                return
            }
            command = Result { () throws(CommandError) in try Command.brief(text, next: nil, why: nil) }
        case .briefingNextUpdate(let briefing):
            command = Result { () throws(CommandError) in try Command.brief(briefing, next: text.isEmpty ? nil : text, why: nil) }
        case let .briefingReason(briefing, next):
            command = Result { () throws(CommandError) in try Command.brief(briefing, next: next, why: text.isEmpty ? nil : text) }
        }
        do throws(CommandError) {
            let made = try command.get()
            guard case .brief = made else {
                status = StatusMessage("Ctrl-P previews a briefing: /brief TEXT [--next WHEN] [--why TEXT]", kind: .error)
                return
            }
            let payload = try made.payload(for: incident, now: now, timeZone: timeZone)
            guard let notice = incident.previewNotice(of: payload, by: options.author, at: now) else { return }
            // The sender as this dashboard's deliveries have it.
            guard let from = options.mailFrom ?? (try? MailAddress(address: "crisis@localhost", displayName: "crisis")) else { return }
            overlay = .notice(title: "what the customer would receive",
                              lines: NoticePreview(notice, subscribers: incident.activeSubscribers.map(\.subscription), from: from).lines)
        } catch {
            status = StatusMessage(error.message, kind: .error)
        }
    }

    /// Shows or hides, beside each entry's name, who wrote it as the host or the server knows them.
    private mutating func toggleIdentities() {
        showsIdentities.toggle()
        status = StatusMessage(showsIdentities
            ? "showing who wrote each entry as the host knows them (OS user or database role) in brackets; \(options.readOnly ? "w" : "/who") hides it"
            : "identities hidden; \(options.readOnly ? "w" : "/who") shows them again")
    }

    private mutating func handleReadOnly(_ key: Key) -> [Effect] {
        switch key {
        case .character("q"): return [.quit]
        case .character("b") where options.fromBoard: return [.backToBoard]
        case .escape where options.fromBoard: return [.backToBoard]
        case .character("?"), .function(1): overlay = .help
        case .character("w"): toggleIdentities()
        case .tab, .backTab: focus = focus.other
        case .pageUp: scrollBack(focus)
        case .pageDown: scrollForward(focus)
        case .up: scrollBy(focus, entries: 1)
        case .down: scrollBy(focus, entries: -1)
        case .home: scrollToOldest(focus)
        case .end: scrollToNewest(focus)
        default: break
        }
        return []
    }

    private mutating func answer(_ overlay: Overlay, with key: Key) -> [Effect] {
        self.overlay = nil
        switch overlay {
        case .help, .notice:
            return []
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"), .control("c"):
                return [.quit]
            default:
                return []
            }
        }
    }

    // MARK: - Posting

    /// Enter: a `/verb` line, or an entry for the focused channel, or the next step of a briefing.
    private mutating func submit() -> [Effect] {
        let text = composer.editor.text
        switch composer.mode {
        case .entry:
            let trimmed = EntryText.trimmed(text)
            if trimmed.isEmpty { return [] }
            if trimmed.hasPrefix("/") { return runCommandLine(trimmed, original: text) }
            if focus == .technical {
                return post(Result { () throws(CommandError) in try Command.note(validating: text) }, original: text)
            }
            do throws(CommandError) {
                _ = try EntryText.validated(text, "the briefing")
            } catch {
                status = StatusMessage(error.message, kind: .error)
                return []
            }
            composer.mode = .briefingNextUpdate(text: text)
            let cadence = DurationText.format(incident.cadence)
            composer.offer(cadence)
            status = StatusMessage("when is the next update? Enter keeps the cadence (\(cadence)), or type a time; Esc goes back to the text")
            return []
        case .briefingNextUpdate(let briefing):
            let next = EntryText.trimmed(text)
            guard When(parsing: next, timeZone: timeZone) != nil else {
                status = StatusMessage("'\(next)' is not a time: use \(When.accepted)", kind: .error)
                return []
            }
            composer.mode = .briefingReason(text: briefing, next: next)
            composer.editor.replace(with: "")
            status = StatusMessage("why then? the customer is told the reason for the time (Enter to skip)")
            return []
        case let .briefingReason(briefing, next):
            let why = EntryText.trimmed(text)
            let command = Result { () throws(CommandError) in
                try Command.brief(briefing, next: next, why: why.isEmpty ? nil : why)
            }
            let effects = post(command, original: briefing)
            if !effects.isEmpty { composer.mode = .entry }
            return effects
        }
    }

    private mutating func runCommandLine(_ line: String, original: String) -> [Effect] {
        let words = line.dropFirst().split(separator: " ", maxSplits: 1)
        switch words.first.map({ $0.lowercased() }) {
        case "help"?:
            composer.remember(original)
            composer.editor.replace(with: "")
            overlay = .help
            return []
        case "quit"?:
            return [.quit]
        case "who"?:
            composer.remember(original)
            composer.editor.replace(with: "")
            toggleIdentities()
            return []
        case "board"? where options.fromBoard:
            composer.editor.replace(with: "")
            return [.backToBoard]
        case "edit"?:
            let start = words.count > 1 ? String(words[1]) : ""
            composer.remember(original)
            composer.editor.replace(with: "")
            return [.openEditor(start)]
        default:
            return post(Result { () throws(CommandError) in try CommandGrammar.parse(line: line) }, original: original)
        }
    }

    /// Checks the command against the incident as it stands and asks for its append.
    private mutating func post(_ command: Result<Command, CommandError>, original: String) -> [Effect] {
        do throws(CommandError) {
            let payload = try command.get().payload(for: incident, now: now, timeZone: timeZone)
            // A line that gives a webhook's secret is not kept in the history (nor its file).
            // (Searched as bytes: Foundation's String.contains costs more than the rest of the line's checks.)
            if !original.utf8.contains("--secret".utf8) { composer.remember(original) }
            composer.editor.replace(with: "")
            status = StatusMessage("posting…")
            return [.append(payload, text: original)]
        } catch {
            status = StatusMessage(error.message, kind: .error)
            return []
        }
    }

    private mutating func cancelBriefing() {
        switch composer.mode {
        case .entry:
            status = nil
        case .briefingNextUpdate(let text), .briefingReason(let text, _):
            composer.mode = .entry
            composer.editor.replace(with: text)
            status = StatusMessage("briefing not posted: edit it and press Enter again")
        }
    }

    static func normalizedLineBreaks(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    // MARK: - Scrolling

    /// How many entries PgUp/PgDn move: about half of what the pane shows, at least one.
    func pageSize(_ pane: PaneChannel) -> Int {
        let rows = DashboardLayout(self).entryArea(of: pane).height
        return max(1, rows / 2)
    }

    private mutating func scrollBy(_ pane: PaneChannel, entries: Int) {
        var paneScroll = scroll(of: pane)
        let context = RenderContext(state: self, display: TimeDisplay(timeZone: timeZone))
        let deepest = ChannelPane(context, channel: pane).deepestScroll()
        paneScroll.entriesBelow = min(max(0, paneScroll.entriesBelow + entries), deepest)
        if paneScroll.entriesBelow < paneScroll.unseen { paneScroll.unseen = paneScroll.entriesBelow }
        scroll[pane] = paneScroll
    }

    private mutating func scrollBack(_ pane: PaneChannel) { scrollBy(pane, entries: pageSize(pane)) }
    private mutating func scrollForward(_ pane: PaneChannel) { scrollBy(pane, entries: -pageSize(pane)) }
    private mutating func scrollToOldest(_ pane: PaneChannel) { scrollBy(pane, entries: Int.max / 2) }
    private mutating func scrollToNewest(_ pane: PaneChannel) { scroll[pane] = PaneScroll() }
}

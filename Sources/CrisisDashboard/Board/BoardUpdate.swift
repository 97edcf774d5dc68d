import Foundation
import IncidentModel

extension BoardState {
    /// The one place the board changes.
    public mutating func update(_ event: BoardEvent) -> [BoardEffect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .incidents(let digests):
            let arrived = Set(digests.map(\.id)).subtracting(incidents.map(\.id))
            let left = incidents.filter { old in !digests.contains { $0.id == old.id } }
            if loaded, let new = digests.first(where: { arrived.contains($0.id) }) {
                status = StatusMessage("opened: \(new.id) \(new.severity) \(TerminalSafeText.sanitize(new.title))")
            } else if loaded, let gone = left.first {
                status = StatusMessage("closed: \(gone.id) \(TerminalSafeText.sanitize(gone.title))")
            }
            // The chosen row stays chosen while its incident is open; once closed, its neighbour takes over.
            if let selected, !digests.contains(where: { $0.id == selected }) {
                let index = selectedIndex
                incidents = digests
                let rows = rows
                self.selected = rows.isEmpty ? nil : rows[min(index, rows.count - 1)].id
            } else {
                incidents = digests
            }
            loaded = true
            problem = nil
            return []
        case .readFailed(let message):
            problem = message
            return []
        case .tick(let date):
            now = date
            if let status, !status.stands(since: statusSince, now: now) { self.status = nil }
            return []
        case let .resize(width, height):
            self.width = width
            self.height = height
            return []
        }
    }

    private mutating func handle(_ key: Key) -> [BoardEffect] {
        if showsHelp {
            showsHelp = false
            return []
        }
        if case .control("c") = key { return [.quit] }
        if prompt != nil { return handlePrompt(key) }
        let rows = rows
        switch key {
        case .up, .character("k"): choose(rows, selectedIndex - 1)
        case .down, .character("j"): choose(rows, selectedIndex + 1)
        case .home, .character("g"): choose(rows, 0)
        case .end, .character("G"): choose(rows, rows.count - 1)
        case .pageUp: choose(rows, selectedIndex - 10)
        case .pageDown: choose(rows, selectedIndex + 10)
        case .enter:
            guard rows.indices.contains(selectedIndex) else { return [] }
            return [.open(rows[selectedIndex].id)]
        case .character(let digit) where digit.isASCII && ("1"..."9").contains(digit):
            let index = Int(String(digit))! - 1
            guard rows.indices.contains(index) else {
                status = StatusMessage("there is no row \(digit): \(rows.count) incident\(rows.count == 1 ? "" : "s") on the board", kind: .error)
                return []
            }
            selected = rows[index].id
            return [.open(rows[index].id)]
        case .character("/"):
            prompt = LineEditor("/")
        case .character("?"), .function(1):
            showsHelp = true
        case .character("q"):
            return [.quit]
        case .escape:
            status = nil
        default:
            break
        }
        return []
    }

    private mutating func choose(_ rows: [IncidentDigest], _ index: Int) {
        guard !rows.isEmpty else { return }
        selected = rows[max(0, min(rows.count - 1, index))].id
    }

    private mutating func handlePrompt(_ key: Key) -> [BoardEffect] {
        guard var editor = prompt else { return [] }
        switch key {
        case .character(let character): editor.insert(String(character))
        case .paste(let text): editor.insert(text.replacingOccurrences(of: "\n", with: " "))
        case .backspace:
            if editor.text == "/" {
                prompt = nil
                return []
            }
            editor.deleteBackward()
        case .delete: editor.deleteForward()
        case .left: editor.moveLeft()
        case .right: editor.moveRight()
        case .home, .control("a"): editor.moveHome()
        case .end, .control("e"): editor.moveEnd()
        case .control("u"): editor.killToStart()
        case .control("w"): editor.killWordBackward()
        case .escape:
            prompt = nil
            return []
        case .enter:
            prompt = nil
            return run(editor.text)
        default: break
        }
        prompt = editor
        return []
    }

    /// A `/` command typed on the board.
    private mutating func run(_ line: String) -> [BoardEffect] {
        // Read once, as the composer reads a line: quotes group (`/filter "Acme Retail"`).
        let words: [String]
        do {
            words = try CommandTokenizer.tokens(String(line.dropFirst()))
        } catch {
            status = StatusMessage(error.message, kind: .error)
            return []
        }
        switch words.first?.lowercased() {
        case nil:
            return []
        case "incident", "open", "i":
            guard words.count == 2, let id = IncidentID(parsing: words[1]) else {
                status = StatusMessage("/incident takes one incident, like /incident 12 or /incident INC-12", kind: .error)
                return []
            }
            // Any incident, open or closed, filtered or not: the commander may need to look back at one.
            selected = rows.contains { $0.id == id } ? id : selected
            return [.open(id)]
        case "filter":
            do {
                filter = try BoardFilter.parse(Array(words.dropFirst()))
            } catch {
                status = StatusMessage(error.message, kind: .error)
                return []
            }
            status = StatusMessage(filter.isEmpty ? "showing every open incident" : "showing \(filter.summary)")
            return [.saveFilter(filter)]
        case "help":
            showsHelp = true
            return []
        case "quit", "q":
            return [.quit]
        default:
            status = StatusMessage("'/\(TerminalSafeText.sanitize(words[0]))' is not a board command: /incident N, /filter …, /help or /quit", kind: .error)
            return []
        }
    }
}

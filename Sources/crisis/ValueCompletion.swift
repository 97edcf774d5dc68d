import ArgumentParser
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore

/// What Tab offers for each kind of value, in every shell argument-parser writes a script for:
/// `source <(crisis --generate-completion-script bash)`.
///
/// Fixed word lists come from the model's `CaseIterable` types, so a new channel completes without a change
/// here; a verb's words are completed from its declaration (`VerbCompletion`). Incident ids and the labels of the current incident (D1, Q2, A1, F1) are read from the store when
/// Tab is pressed, honouring `--db`, `--incident` and their environment variables on the line being typed.
enum ValueCompletion {
    static let channels = CompletionKind.list([Channel.technical, .business].map(\.rawValue))
    static let debriefFormats = CompletionKind.list(DebriefFormat.allCases.map(\.rawValue))
    /// Every theme `--theme` would find by name: the built-in ones and those in the themes directories.
    static let themes = CompletionKind.custom { _, _, prefix in
        matching(DashboardCommand.themeLoader().availableNames(), prefix)
    }

    /// `INC-3` for every incident in the store, open ones first.
    static let incidentIDs = CompletionKind.custom { words, _, prefix in
        await withStore(words) { store in
            let all = try await store.incidents()
            let ordered = all.filter(\.isOpen).reversed() + all.filter { !$0.isOpen }.reversed()
            return matching(ordered.map(\.id.description), prefix)
        }
    }

    /// The labels of the current incident's items a verb taking `item` would accept.
    static func labels(of item: ItemReference, words: [String], prefix: String) async -> [String] {
        await withStore(words) { store in
            // The incident the command would use, chosen the way the session chooses it.
            let id = try await IncidentChoice(option: value(of: "--incident", in: words),
                                              environment: ProcessInfo.processInfo.environment).resolve(in: store)
            return matching(labels(of: item, in: try await store.incident(id)), prefix)
        }
    }

    private static func labels(of item: ItemReference, in incident: Incident) -> [String] {
        switch item {
        case .deadline:
            // Deadlines still waiting for an outcome.
            return incident.deadlines.filter(\.isOpen).map(\.label)
        case .question:
            // Questions still unanswered, else every question (a later answer may correct an earlier one).
            let open = incident.questions.filter(\.isOpen).map(\.label)
            return open.isEmpty ? incident.questions.map(\.label) : open
        case .request:
            return incident.customerRequests.filter(\.isOpen).map(\.label)
        case .followUp:
            return incident.followUps.filter(\.isOpen).map(\.label)
        }
    }

    /// Runs `read` on the store the line being completed would use; any failure completes nothing, as
    /// Tab is no place for an error message.
    private static func withStore(_ words: [String],
                                  _ read: (any IncidentStore) async throws -> [String]) async -> [String] {
        let environment = ProcessInfo.processInfo.environment
        guard let address = try? StoreAddress.resolve(option: value(of: "--db", in: words), environment: environment),
              let store = try? await address.open(create: false, environment: environment) else { return [] }
        let found = (try? await read(store)) ?? []
        await store.close()
        return found
    }

    /// The value given to `option` on the line (`--db PATH` or `--db=PATH`), unquoted, `~` expanded.
    static func value(of option: String, in words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == option, index + 1 < words.count {
                found = words[index + 1]
            } else if word.hasPrefix(option + "=") {
                found = String(word.dropFirst(option.count + 1))
            }
        }
        return found.map(unquoted)
    }

    /// A shell word as typed (`"~/a b.db"`, `'x'`, `a\ b`) as the program would receive it, roughly:
    /// enough for the paths and ids people put on a command line.
    private static func unquoted(_ word: String) -> String {
        var out = ""
        var quote: Character?
        var escaped = false
        for character in word {
            if escaped { out.append(character); escaped = false; continue }
            switch (character, quote) {
            case ("\\", nil), ("\\", "\""): escaped = true
            case ("\"", nil), ("'", nil): quote = character
            case (let c, let q?) where c == q: quote = nil
            default: out.append(character)
            }
        }
        return out
    }

    /// Candidates starting with what was typed, ignoring case, so `d` offers `D1`.
    static func matching(_ candidates: [String], _ prefix: String) -> [String] {
        let typed = unquoted(prefix).lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(typed) }
    }
}

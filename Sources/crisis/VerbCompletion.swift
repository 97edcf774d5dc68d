import ArgumentParser
import IncidentModel

/// What Tab offers after `crisis VERB`: read from the verb's declaration, so a new verb, option or status
/// completes without a change here. Fixed words come from the declaration's choices (statuses, severities),
/// references (D1, Q2, A1, F1) from the current incident in the store.
enum VerbCompletion {
    static func words(of verb: Verb) -> CompletionKind {
        .custom { words, index, prefix in
            let typed = typedArguments(words, upTo: index, of: verb)
            if prefix.hasPrefix("-") {
                return ValueCompletion.matching(verb.optionsExpected(after: typed).map { "--\($0.name)" }, prefix)
            }
            switch verb.valueExpected(after: typed) {
            case .choice(let names)?:
                return ValueCompletion.matching(names, prefix)
            case .reference(let item)?:
                return await ValueCompletion.labels(of: item, words: words, prefix: prefix)
            case .text?, .word?, nil:
                return []
            }
        }
    }

    /// The words after the verb and before the one being completed, without the options every command takes
    /// (`--incident 1`), which the shell's script completes itself.
    static func typedArguments(_ words: [String], upTo index: Int, of verb: Verb) -> [String] {
        let before = Array(words.prefix(max(0, min(index, words.count))))
        guard let verbIndex = before.indices.dropFirst().first(where: { verb.names.contains(before[$0].lowercased()) })
        else { return [] }
        var typed: [String] = []
        var position = verbIndex + 1
        while position < before.count {
            let word = before[position]
            if GlobalOptions.optionsWithValues.contains(word) {
                position += 2
                continue
            }
            if !GlobalOptions.flags.contains(word) && !GlobalOptions.optionsWithValues.contains(where: { word.hasPrefix($0 + "=") }) {
                typed.append(word)
            }
            position += 1
        }
        return typed
    }
}

import Foundation
import IncidentModel
import Testing

/// The Grammar fuzzer's dictionary (Tests/Fuzz/Grammar.dict) holds the words the verb table declares, so
/// libFuzzer builds lines out of real verbs and options. It is written from the table; this test fails when
/// it is stale, and `CRISIS_WRITE_FUZZ_DICT=1 swift test --filter GrammarDictionaryTests` writes it anew.
@Suite struct GrammarDictionaryTests {
    private static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fuzz/Grammar.dict").standardized

    /// Shapes of values no declaration spells out: references, durations, times, statuses the table does not
    /// offer (`closed`).
    private static let shapes = ["--", "D1", "Q1", "A1", "F1", "20m", "1h30m", "14:30", "2026-11-23T14:30:00Z", "closed"]

    /// Verbs and aliases, the words that pick forms, options, choices: in table order, each once.
    static var words: [String] {
        var words: [String] = []
        for verb in VerbTable.verbs {
            words += verb.names
            for form in verb.forms {
                words += form.word.map { [$0] } ?? []
                words += form.options.map { "--\($0.name)" }
                for case .choice(let names) in form.positionals.map(\.value) + form.options.compactMap(\.value) {
                    words += names
                }
            }
        }
        var seen = Set<String>()
        return (words + shapes).filter { seen.insert($0).inserted }
    }

    static var dictionary: String {
        "# libFuzzer dictionary for the Grammar target, written from the verb table by GrammarDictionaryTests:\n"
            + "# verbs, the words that pick their forms, options and choices, then the shapes of times and references.\n"
            + words.enumerated().map { "w\($0.offset)=\"\($0.element)\"\n" }.joined()
    }

    @Test func theDictionaryHoldsTheTablesWords() throws {
        if ProcessInfo.processInfo.environment["CRISIS_WRITE_FUZZ_DICT"] == "1" {
            try Self.dictionary.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        let kept = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(kept == Self.dictionary, "Tests/Fuzz/Grammar.dict is stale: run CRISIS_WRITE_FUZZ_DICT=1 swift test --filter GrammarDictionaryTests")
    }
}

import Foundation
import Testing

/// Replays every input the parser fuzzers kept (Tests/Fuzz/Corpus/<Target>/: the seeds, what `.ci/fuzz` merged
/// in, and the inputs that once crashed or broke a property) against the same properties the fuzzers check.
@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    static func inputs(_ target: FuzzTarget) throws -> [URL] {
        let directory = corpus.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.hasDirectoryPath }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("every kept input keeps its properties", arguments: FuzzTarget.allCases)
    func corpusHolds(target: FuzzTarget) throws {
        let inputs = try Self.inputs(target)
        #expect(!inputs.isEmpty, "no inputs in Tests/Fuzz/Corpus/\(target.rawValue)")
        for input in inputs {
            let data = try Data(contentsOf: input)
            #expect(throws: Never.self, "\(target.rawValue)/\(input.lastPathComponent)") {
                try target.check(Array(data))
            }
        }
    }

    @Test("the corpus stays small")
    func corpusIsSmall() throws {
        for target in FuzzTarget.allCases {
            let inputs = try Self.inputs(target)
            #expect(inputs.count <= 600, "\(target.rawValue) keeps \(inputs.count) inputs")
            for input in inputs {
                let size = try input.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
                #expect(size <= 4096, "\(target.rawValue)/\(input.lastPathComponent) is \(size) bytes")
            }
        }
    }
}

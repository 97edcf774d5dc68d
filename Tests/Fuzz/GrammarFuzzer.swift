// libFuzzer entry point for the Grammar target; the properties are in
// Tests/IncidentModelTests/FuzzProperties.swift, shared with FuzzCorpusTests. Built and run by .ci/fuzz.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        try FuzzTarget.grammar.check(Array(UnsafeBufferPointer(start: data, count: size)))
    } catch {
        fatalError("Grammar property violated: \(error)")
    }
    return 0
}

// libFuzzer entry point for the EventJSON target; the properties are in
// Tests/IncidentModelTests/FuzzProperties.swift, shared with FuzzCorpusTests. Built and run by .ci/fuzz.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        try FuzzTarget.eventJSON.check(Array(UnsafeBufferPointer(start: data, count: size)))
    } catch {
        fatalError("EventJSON property violated: \(error)")
    }
    return 0
}

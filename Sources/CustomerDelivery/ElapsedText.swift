import IncidentModel
/// How long a delivery took, the way receipts say it: `84 ms`, `1.2 s`, `10 s`.
enum ElapsedText {
    static func of(_ elapsed: Duration) -> String {
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        guard milliseconds >= 1000 else { return "\(milliseconds) ms" }
        let tenths = milliseconds % 1000 / 100
        return tenths == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds / 1000).\(tenths) s"
    }
}

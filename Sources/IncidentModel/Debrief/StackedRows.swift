/// Rows for marks laid out along one line: each goes into the first row where it overlaps nothing, so two
/// promises or deadlines that run at the same time are drawn one above the other instead of one over the other.
struct StackedRows {
    private var rowEnds: [Double] = []
    let gap: Double

    init(gap: Double) {
        self.gap = gap
    }

    var count: Int { max(1, rowEnds.count) }

    /// The row for a mark spanning `start...end`, in the order marks are placed.
    mutating func place(_ start: Double, _ end: Double) -> Int {
        if let row = rowEnds.firstIndex(where: { $0 + gap <= start }) {
            rowEnds[row] = end
            return row
        }
        rowEnds.append(end)
        return rowEnds.count - 1
    }
}

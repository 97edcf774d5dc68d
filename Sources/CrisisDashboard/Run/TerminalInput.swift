/// The keyboard as a screen's loop reads it: keys decoded across reads (an escape sequence may arrive in
/// pieces), whether the terminal was resized, and the end of the terminal noticed.
struct TerminalInput {
    private var decoder = KeyDecoder()
    private var emptyReads = 0

    /// Reads what the terminal has. `readable` is whether poll() said it was: a readable terminal that yields
    /// nothing, again and again, is at end of file.
    mutating func read(_ screen: CursesScreen, readable: Bool) throws(DashboardError) -> (keys: [Key], resized: Bool) {
        let input = screen.readAvailable()
        if readable && input.inputs.isEmpty && !input.resized {
            emptyReads += 1
            if emptyReads >= 100 { throw DashboardError("the terminal stopped sending input") }
        } else {
            emptyReads = 0
        }
        return (decoder.decode(input.inputs), input.resized)
    }
}

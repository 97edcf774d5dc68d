/// A key press (or a whole bracketed paste) as the dashboard understands it, whatever the terminal sent.
public enum Key: Equatable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, named by the lower-case letter: `.control("a")` is Ctrl-A.
    case control(Character)
    case enter, tab, backTab, escape, backspace, delete
    case left, right, up, down, home, end, pageUp, pageDown
    /// F1 to F12, by number: F1 opens the help in every mode.
    case function(Int)
    /// A bracketed paste: one piece of text, line breaks and all.
    case paste(String)
}

/// What a piece of the screen means. Themes map each role to colours, so widgets never name a colour.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    /// Ordinary text on the terminal's own background.
    case text
    /// The header band: incident, severity, clocks.
    case header
    /// The frame line: what we are trying to do right now.
    case frame
    /// Titles and accents of the technical channel.
    case technical
    /// Titles and accents of the business channel.
    case business
    /// A countdown in its last five minutes.
    case warning
    /// Overdue promises and a missing owner.
    case alarm
    /// Times, authors and hints that should recede.
    case muted
    /// Pane borders and dividers.
    case border
    /// The focused pane's title.
    case focus
    /// The composer line.
    case composer
    /// The status line at the bottom.
    case status
    /// A calm countdown.
    case countdown
}

/// How one cell is drawn: a role, plus emphasis that does not depend on the theme.
public struct Style: Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var reverse: Bool

    public init(_ role: StyleRole = .text, bold: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
    }

    public static let plain = Style()

    public var emphasized: Style { Style(role, bold: true, reverse: reverse) }
}

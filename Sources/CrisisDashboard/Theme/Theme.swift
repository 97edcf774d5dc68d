/// Colours for each style role, for 256-colour terminals and for 8-colour ones. Widgets only name roles;
/// the backend asks the theme what a role looks like.
public struct Theme: Equatable, Sendable {
    /// One role's look. Colours are terminal colour numbers; -1 is the terminal's own colour.
    public struct Look: Equatable, Sendable {
        public var foreground: Int
        public var background: Int
        public var foreground8: Int
        public var background8: Int
        public var bold: Bool
        public var reverse: Bool

        public init(foreground: Int = -1, background: Int = -1, foreground8: Int = -1, background8: Int = -1,
                    bold: Bool = false, reverse: Bool = false) {
            self.foreground = foreground
            self.background = background
            self.foreground8 = foreground8
            self.background8 = background8
            self.bold = bold
            self.reverse = reverse
        }

        /// The same look with no colour at all, for NO_COLOR and monochrome terminals.
        public var withoutColour: Look {
            Look(bold: bold, reverse: reverse)
        }
    }

    public var name: String
    public var looks: [StyleRole: Look]

    public init(name: String, looks: [StyleRole: Look]) {
        self.name = name
        self.looks = looks
    }

    public func look(_ role: StyleRole) -> Look {
        looks[role] ?? looks[.text] ?? Look()
    }

    /// The theme with every colour taken out (NO_COLOR): emphasis stays, so alarms still stand out.
    public var withoutColour: Theme {
        Theme(name: name, looks: looks.mapValues(\.withoutColour))
    }

    /// The names of the colours of 8-colour terminals, as theme files write them.
    public static let colourNames: [String: Int] = [
        "default": -1, "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
    ]
}

extension Theme {
    /// Used when no themes directory can be found: the same as `themes/default.toml`.
    public static let builtIn = Theme(name: "default", looks: [
        .text: Look(),
        .header: Look(foreground: 231, background: 24, foreground8: 7, background8: 4, bold: false),
        .frame: Look(foreground: 229, foreground8: 3),
        .technical: Look(foreground: 81, foreground8: 6),
        .business: Look(foreground: 215, foreground8: 3),
        .warning: Look(foreground: 220, foreground8: 3, bold: true),
        .alarm: Look(foreground: 196, foreground8: 1, bold: true),
        .muted: Look(foreground: 245, foreground8: 7),
        .border: Look(foreground: 240, foreground8: 4),
        .focus: Look(foreground: 231, background: 31, foreground8: 7, background8: 6, bold: true),
        .composer: Look(),
        .status: Look(foreground: 250, foreground8: 7),
        .countdown: Look(foreground: 120, foreground8: 2, bold: true),
    ])
}

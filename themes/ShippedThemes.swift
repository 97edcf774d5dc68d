/// The four themes that ship with crisis, compiled into the binary so a `crisis` copied onto the PATH
/// alone still has them (issue 11, bug 8). The `.toml` files beside this one are the source: a themes
/// directory found at run time (CRISIS_THEMES_DIR, beside the executable, …) still overrides them.
public enum ShippedThemes {
    /// Theme name to its TOML text.
    public static let all: [String: String] = [
        "default": String(decoding: PackageResources.default_toml, as: UTF8.self),
        "high-contrast": String(decoding: PackageResources.high_contrast_toml, as: UTF8.self),
        "light": String(decoding: PackageResources.light_toml, as: UTF8.self),
        "mono": String(decoding: PackageResources.mono_toml, as: UTF8.self),
    ]

    public static var names: [String] { all.keys.sorted() }
}

import Foundation

/// The page's stylesheet and script, served from `/assets/` (the Content-Security-Policy allows scripts and
/// styles from the server itself and nowhere else, so the page carries neither inline).
public enum PageAssets {
    public static let stylesheet = String(decoding: PackageResources.page_css, as: UTF8.self)
    public static let script = String(decoding: PackageResources.page_js, as: UTF8.self)
    /// A clock face: without an icon a browser asks for /favicon.ico and logs the 404 as an error.
    public static let icon = String(decoding: PackageResources.favicon_svg, as: UTF8.self)

    /// Changes whenever either file changes: pages ask for `page.css?v=…`, so a browser never mixes an old
    /// script with a new page.
    public static let version: String = {
        SHA256Hex.of(Data(PackageResources.page_css + PackageResources.page_js + PackageResources.favicon_svg), bytes: 6)
    }()
}

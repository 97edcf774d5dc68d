import CrisisDashboard
import Foundation
import Testing

/// Themes: every shipped file reads, a broken one is reported with file and line, NO_COLOR is honoured.
@Suite struct ThemeTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    private func loader(_ environment: [String: String] = [:]) -> ThemeLoader {
        ThemeLoader(environment: ["CRISIS_THEMES_DIR": Self.themes.path].merging(environment) { $1 },
                    executablePath: "/nonexistent/bin/crisis", currentDirectory: "/nonexistent")
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func shippedThemesLoadWithEveryRole(name: String) throws {
        let theme = try loader().load(name: name)
        #expect(theme.name == name)
        #expect(Set(theme.looks.keys) == Set(StyleRole.allCases))
    }

    @Test func theBuiltInDefaultIsTheDefaultFile() throws {
        #expect(try loader().load(name: "default") == Theme.builtIn)
    }

    /// Issue 11, bug 8: a binary copied onto the PATH alone lost `high-contrast`, the wall's theme.
    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func withoutAThemesDirectoryTheShippedThemesAreBuiltIn(name: String) throws {
        let alone = ThemeLoader(environment: [:], executablePath: "/nonexistent/bin/crisis", currentDirectory: "/nonexistent")
        #expect(alone.candidateDirectories().isEmpty)
        #expect(try alone.load(name: name) == loader().load(name: name))
        #expect(try alone.load(name: nil) == Theme.builtIn)
        #expect(throws: ThemeError.self) { try alone.load(name: "neon") }
    }

    @Test func aThemesDirectoryOverridesTheBuiltInTheme() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "name = \"mono\"\n[roles.alarm]\nreverse = true\n".write(
            to: directory.appendingPathComponent("mono.toml"), atomically: true, encoding: .utf8)
        let theme = try loader(["CRISIS_THEMES_DIR": directory.path]).load(name: "mono")
        #expect(theme.look(.alarm).reverse)
        #expect(theme != (try loader().load(name: "mono")))
    }

    @Test func crisisThemeChoosesAndTheOptionWins() throws {
        #expect(try loader(["CRISIS_THEME": "light"]).load(name: nil).name == "light")
        #expect(try loader(["CRISIS_THEME": "light"]).load(name: "mono").name == "mono")
    }

    @Test func noColorTakesTheColourOutButKeepsEmphasis() throws {
        let theme = try loader(["NO_COLOR": "1"]).load(name: "default")
        #expect(theme.look(.alarm) == Theme.Look(bold: true))
        #expect(theme.looks.values.allSatisfy { $0.foreground == -1 && $0.background == -1 && $0.foreground8 == -1 })
    }

    @Test func anUnknownThemeListsTheAvailableOnes() {
        #expect {
            try loader().load(name: "neon")
        } throws: { error in
            let message = (error as? ThemeError)?.message ?? ""
            return message.contains("theme 'neon' not found") && message.contains("high-contrast")
        }
    }

    @Test func aSyntaxErrorNamesTheFileAndLine() {
        #expect {
            try ThemeFile.parse("name = \"x\"\n[roles.text]\nfg = = 3\n", file: "themes/broken.toml")
        } throws: { error in
            (error as? ThemeError)?.message.hasPrefix("themes/broken.toml:3:") == true
        }
    }

    @Test func aBadValueNamesTheFileLineAndKey() {
        let text = "name = \"x\"\n\n[roles.header]\nfg = 231\nbg = 300\n"
        #expect(throws: ThemeError("themes/x.toml:5: roles.header.bg = 300 is not a colour: use 0-255 or \"default\"")) {
            try ThemeFile.parse(text, file: "themes/x.toml")
        }
        #expect(throws: ThemeError.self) { try ThemeFile.parse("[roles.sparkle]\nfg = 1\n", file: "t.toml") }
        #expect(throws: ThemeError.self) { try ThemeFile.parse("[roles.text]\nfg8 = \"purple\"\n", file: "t.toml") }
    }
}

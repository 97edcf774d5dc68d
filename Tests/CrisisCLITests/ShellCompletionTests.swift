import CrisisTestSupport
import Foundation
import Testing

/// `crisis --version`, the help the man page is made from, and Tab in bash completing values: the script
/// is sourced the way the README says, and the line is completed the way bash does when Tab is pressed.
@Suite struct ShellCompletionTests {
    /// Sources the completion script and asks it for the candidates at the end of `line`, as Tab would.
    private static let pressTab = #"""
        source <(crisis --generate-completion-script bash) || exit 2
        line="$1"
        read -ra COMP_WORDS <<< "$line"
        [[ "$line" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="$line"
        COMP_POINT=${#line}
        function=$(complete -p crisis | sed -E 's/.*-F ([^ ]+).*/\1/')
        "$function" crisis "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
        """#

    private func tab(_ crisis: CrisisProcess, _ line: String,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        var environment = crisis.environment
        environment["PATH"] = CrisisProcess.binary.deletingLastPathComponent().path + ":/usr/bin:/bin"
        let result = try Subprocess.run("/bin/bash", ["-c", Self.pressTab, "tab", line], environment: environment)
        #expect(result.status == 0, "\(line): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    @Test func versionIsPrinted() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        let version = try crisis.ok(["--version"])
        #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." }, "\(version)")
        #expect(try crisis.ok(["status", "--version"]) == version)
    }

    @Test func fixedValuesComplete() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        #expect(try tab(crisis, "crisis status ") == ["investigating", "identified", "monitoring", "mitigated", "resolved"])
        #expect(try tab(crisis, "crisis status mi") == ["mitigated"])
        #expect(try tab(crisis, "crisis open Down --severity ") == ["1", "2", "3", "4"])
        #expect(try tab(crisis, "crisis log --channel ") == ["technical", "business"])
        #expect(try tab(crisis, "crisis debrief --format ") == ["markdown", "json", "html"])
        #expect(try tab(crisis, "crisis dashboard --channel b") == ["business"])
        // The shipped themes are offered even from a directory with no themes folder: they are built in.
        #expect(try tab(crisis, "crisis dashboard --theme ") == ["default", "high-contrast", "light", "mono"])
        #expect(try tab(crisis, "crisis dashboard --theme h") == ["high-contrast"])
    }

    @Test func incidentIdsAndLabelsCompleteFromTheStore() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        // No database yet: nothing to offer, and nothing created.
        #expect(try tab(crisis, "crisis show --incident ").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: crisis.environment["CRISIS_DB"]!))

        try crisis.ok(at: "09:00", ["open", "Slow search", "--severity", "3"])
        try crisis.ok(at: "09:01", ["question", "Which region?"])
        try crisis.ok(at: "09:02", ["question", "Since when?"])
        try crisis.ok(at: "09:03", ["answer", "Q1", "EU"])
        try crisis.ok(at: "09:04", ["deadline", "check the CDN", "--in", "1h"])
        try crisis.ok(at: "09:05", ["deadline", "check DNS", "--in", "1h"])
        try crisis.ok(at: "09:06", ["deadline", "drop", "D1"])
        try crisis.ok(at: "09:07", ["ask", "Send a HAR file", "--why", "only their browser shows it"])
        try crisis.ok(at: "09:08", ["follow-up", "1d", "Call Jo"])
        try crisis.ok(at: "09:09", ["open", "Late emails", "--severity", "4"])

        #expect(try tab(crisis, "crisis show --incident ") == ["INC-2", "INC-1"])
        #expect(try tab(crisis, "crisis log --incident INC-1") == ["INC-1"])
        // Two incidents are open: the labels come from the one named on the line.
        #expect(try tab(crisis, "crisis deadline met ").isEmpty)
        #expect(try tab(crisis, "crisis deadline met --incident 1 ") == ["D2"])
        #expect(try tab(crisis, "crisis deadline slip --incident INC-1 D") == ["D2"])
        #expect(try tab(crisis, "crisis answer --incident 1 ") == ["Q2"])
        #expect(try tab(crisis, "crisis ask done --incident 1 ") == ["A1"])
        #expect(try tab(crisis, "crisis follow-up done --incident 1 ") == ["F1"])
        var chosen = crisis
        chosen.environment["CRISIS_INCIDENT"] = "INC-1"
        #expect(try tab(chosen, "crisis deadline drop ") == ["D2"])
        // --db on the line is the store Tab reads.
        var elsewhere = crisis
        elsewhere.environment["CRISIS_DB"] = directory.url.appendingPathComponent("other.db").path
        #expect(try tab(elsewhere, "crisis show --incident ").isEmpty)
        #expect(try tab(elsewhere, "crisis show --db \(crisis.environment["CRISIS_DB"]!) --incident ") == ["INC-2", "INC-1"])
    }

    @Test func theHelpTheManPageIsMadeFromNamesEveryCommand() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        // `swift package plugin generate-manual` reads this dump to write crisis.1.
        let dump = try crisis.ok(["--experimental-dump-help"])
        let tool = try #require(JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        let command = try #require(tool["command"] as? [String: Any])
        let names = (command["subcommands"] as? [[String: Any]])?.compactMap { $0["commandName"] as? String } ?? []
        for verb in ["open", "brief", "close", "list", "show", "dashboard", "debrief"] {
            #expect(names.contains(verb), "\(verb) is missing from \(names)")
        }
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import IncidentModel

/// The HTML debrief is a document, not Markdown in a box; self-contained; and inert for any text people type.
@Suite struct DebriefHTMLTests {
    @Test func sectionsAreHeadingsTablesAndListsNotMarkdown() throws {
        let script = DebriefScript.threeHourSEV1()
        let html = try script.html()
        #expect(!html.contains("<pre"))
        for markdown in ["|---", "| |", "**", "## ", "_Generated"] {
            #expect(!html.contains(markdown), "Markdown \(markdown) in the HTML")
        }
        #expect(html.contains("<h1>Debrief: INC-7 Checkout failing</h1>"))
        #expect(html.contains("<th scope=\"col\">promised at</th>"))
        #expect(html.contains("<tr><td>first briefing</td><td>8 min</td></tr>"))
        #expect(html.contains("<li><strong class=\"label\">Q1</strong> Did the 12:55 deploy touch payments?"))
        #expect(html.contains("<dt>Updates on time</dt><dd>3/5</dd>"))
        // Every section of the Markdown is a heading of the HTML.
        let markdownHeadings = try script.markdown().split(separator: "\n").filter { $0.hasPrefix("## ") }.map { $0.dropFirst(3) }
        #expect(markdownHeadings.count >= 10)
        for heading in markdownHeadings {
            #expect(html.contains("<h2>\(heading)</h2>"), "no <h2> for \(heading)")
        }
    }

    /// Found in review: a deadline set for tomorrow and dropped a minute later stretched the chart's axis to the
    /// next morning, and a 16-minute incident took 2 % of it.
    @Test func aFarDueTimeDoesNotStretchTheTimeline() throws {
        var log = LogBuilder(openedAt: iso("2026-11-23T13:00:00Z"))
        log.add(.deadlineSet(text: "vendor patch", dueAt: iso("2026-11-24T09:00:00Z"), owner: nil), minutes: 2)
        log.add(.deadlineDropped(deadline: 1, note: "set by mistake"), minutes: 1)
        log.add(.briefing(text: "Fixed.", nextUpdateAt: iso("2026-11-23T13:35:00Z"), reason: nil), minutes: 2)
        log.add(.status(.resolved), minutes: 5)
        log.add(.confirmed(by: "Jo", note: nil), minutes: 2)
        log.add(.closed(unconfirmedReason: nil), minutes: 4)                   // 13:16
        let debrief = try Debrief(events: log.events, now: iso("2026-11-23T14:00:00Z"), timeZone: utc)
        let html = DebriefHTML(debrief: debrief, display: TimeDisplay(timeZone: utc)).render()
        let svg = try #require(html.range(of: "<svg").flatMap { start in html.range(of: "</svg>").map { html[start.lowerBound..<$0.upperBound] } })
        #expect(!svg.contains("Nov 24"), "the axis stays on the day the incident happened")
        #expect(!svg.contains("09:00"), "and stops soon after it ended, not at tomorrow's due time")
    }

    /// What still stands is drawn whole: mid-incident, an open deadline and a pending promise set the axis.
    @Test func aStandingDeadlineAndPromiseStayOnTheTimeline() throws {
        var log = LogBuilder(openedAt: iso("2026-11-23T13:00:00Z"))
        log.add(.deadlineSet(text: "decide", dueAt: iso("2026-11-23T13:27:00Z"), owner: nil), minutes: 1)
        log.add(.briefing(text: "Switching.", nextUpdateAt: iso("2026-11-23T13:42:00Z"), reason: nil), minutes: 1)
        let debrief = try Debrief(events: log.events, now: iso("2026-11-23T13:03:00Z"), timeZone: utc)
        let html = DebriefHTML(debrief: debrief, display: TimeDisplay(timeZone: utc)).render()
        let svg = try #require(html.range(of: "<svg").flatMap { start in html.range(of: "</svg>").map { html[start.lowerBound..<$0.upperBound] } })
        #expect(svg.contains(">13:40<"), "the axis reaches the promise due 13:42")
    }

    @Test func aDeadlineMetLateIsMarkedLate() throws {
        let html = try DebriefScript.threeHourSEV1().html()
        #expect(html.contains("met 14:05, <strong class=\"alarm\">5 min late</strong>"))
        #expect(html.contains("<strong class=\"alarm\">missed</strong>, 5 min late"))
    }

    @Test func selfContainedAndScriptFree() throws {
        let html = try DebriefScript.threeHourSEV1().html()
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(html.contains("@media print"))
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "https?:|//[a-z]", options: .regularExpression) == nil)
        for fetch in ["<script", "<link", "<img", "<iframe", "<object", "src=", "url(", "@import", "@font-face"] {
            #expect(!html.lowercased().contains(fetch), "\(fetch) in the page")
        }
        #expect(html.range(of: "<[^>]*\\son[a-z]+=", options: .regularExpression) == nil, "an event handler attribute")
    }

    @Test func hostileTextIsInert() throws {
        let hostile = "</style><script>alert(1)</script>\"><img src=x onerror=alert(2)>]]><!-- '\u{1B}[31m\u{07}\u{0}\u{202E}\u{FFFE}&amp;"
        let html = try DebriefScript.threeHourSEV1(hostile: hostile).html()
        for markup in ["<script", "<img", "<!--", "]]>", "</style><"] {
            #expect(!html.contains(markup), "\(markup) came through")
        }
        #expect(html.components(separatedBy: "</style>").count == 2, "only the stylesheet's own end tag")
        #expect(html.contains("&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;]]&gt;"))
        #expect(html.contains("&amp;amp;"))
        #expect(html.contains("␛[31m␇␀"), "controls show as symbols")
        let forbidden = html.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || $0 == "\u{202E}" || $0 == "\u{FFFE}" }
        #expect(forbidden.isEmpty, "raw controls in the page: \(forbidden.map(\.value))")
        // The SVG, where the same text sits in titles and labels, is well-formed XML.
        let svg = try #require(html.range(of: "<svg").flatMap { start in html.range(of: "</svg>").map { html[start.lowerBound..<$0.upperBound] } })
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test func aFreshIncidentRendersWhole() throws {
        let html = try DebriefScript().html()
        #expect(html.contains("<tr><td>now (still open)</td><td>3 h 20 min</td></tr>"))
        #expect(html.contains("class=\"promise overdue\""))
        #expect(html.contains("<h2>Timeline</h2>") && html.hasSuffix("</html>\n"))
        #expect(!html.contains("<h2>Deadlines</h2>"), "an empty section is left out, as in the Markdown")
    }

    @Test func durationsInTheHTMLReadAsDurations() throws {
        let html = try DebriefScript.threeHourSEV1().html()
        #expect(html.contains("<td>mitigation</td><td>1 h 20 min</td>"))
        #expect(html.contains("answered after 58 min"))
    }
}

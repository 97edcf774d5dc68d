import Foundation

/// The debrief as one self-contained HTML page for a post-incident review: the same sections as the
/// Markdown as real headings, tables and lists, the timeline as inline SVG, and a stylesheet that reads on
/// a screen and prints to PDF. Nothing is fetched and nothing runs: no script, no external fonts or images,
/// and a Content-Security-Policy that forbids them anyway; every string from people is escaped.
public struct DebriefHTML {
    public let debrief: Debrief
    public let display: TimeDisplay

    public init(debrief: Debrief, display: TimeDisplay) {
        self.debrief = debrief
        self.display = display
    }

    public func render() -> String {
        let document = DebriefDocument(debrief: debrief, display: display)
        let i = debrief.incident
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="crisis">
            <title>\(HTMLEscaping.escape(document.title.plainText))</title>
            <style>
            \(Self.stylesheet)
            </style>
            </head>
            <body>
            <header>
            <p class="kicker"><span class="severity sev\(i.severity.rawValue)">\(i.severity)</span> <span class="state \(i.status)">\(i.status)</span> Post-incident debrief</p>
            <h1>\(inline(document.title))</h1>
            <nav aria-label="Sections">\(navigation(document))</nav>
            </header>

            """
        for (index, section) in document.sections.enumerated() {
            html += "<section id=\"\(section.anchor)\">\n"
            if let title = section.title { html += "<h2>\(HTMLEscaping.escape(title))</h2>\n" }
            html += block(section.block, in: section)
            html += "</section>\n"
            if index == 0 {
                html += """
                    <section id="at-a-glance">
                    <h2>At a glance</h2>
                    <figure class="chart">
                    \(DebriefTimelineChart(debrief: debrief, display: display).render())
                    </figure>
                    </section>

                    """
            }
        }
        html += "<footer>\(inline(document.footer))</footer>\n</body>\n</html>\n"
        return html
    }

    private func navigation(_ document: DebriefDocument) -> String {
        let titled = document.sections.compactMap { section in section.title.map { (section.anchor, $0) } }
        return ([("at-a-glance", "At a glance")] + titled)
            .map { "<a href=\"#\($0.0)\">\(HTMLEscaping.escape($0.1))</a>" }.joined(separator: " ")
    }

    private func block(_ block: DebriefDocument.Block, in section: DebriefDocument.Section) -> String {
        var html = ""
        switch block {
        case .facts(let facts):
            html += "<dl class=\"facts\">\n"
            for fact in facts {
                // A long value (owners after a handoff, the opening's two clocks) gets two cards' width.
                let wide = fact.value.plainText.count > 32 ? " class=\"wide\"" : ""
                html += "<div\(wide)><dt>\(HTMLEscaping.escape(fact.name))</dt><dd>\(inline(fact.value))</dd></div>\n"
            }
            html += "</dl>\n"
        case let .table(headers, rows):
            html += "<table class=\"columns-\(headers.count)\">\n<thead><tr>"
            html += headers.map { "<th scope=\"col\">\(HTMLEscaping.escape($0))</th>" }.joined()
            html += "</tr></thead>\n<tbody>\n"
            for row in rows {
                html += "<tr>" + row.map { "<td>\(inline($0))</td>" }.joined() + "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        case .list(let items):
            html += "<ul>\n"
            for item in items {
                html += "<li>\(inline(item.text))"
                if !item.details.isEmpty {
                    html += "<ul>" + item.details.map { "<li>\(inline($0))</li>" }.joined() + "</ul>"
                }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        return html
    }

    private func inline(_ text: DebriefText) -> String {
        text.runs.map { run in
            let content = HTMLEscaping.escapeKeepingLines(run.text)
            switch run.tone {
            case .plain: return content
            case .label: return "<strong class=\"label\">\(content)</strong>"
            case .alarm: return "<strong class=\"alarm\">\(content)</strong>"
            case .aside: return "<small>\(content)</small>"
            }
        }.joined()
    }
}

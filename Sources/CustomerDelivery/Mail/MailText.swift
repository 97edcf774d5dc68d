import IncidentModel
import Foundation

/// The two bodies of a notice mail: plain text, and HTML that says the same.
///
/// The HTML is for Gmail and Outlook, which drop `<style>` blocks and external resources: one table, at
/// most 640 pixels wide, inline styles, no images, no links, no scripts. Every piece of people's text is
/// escaped as data (`<`, `>`, `&`, both quotes), so nothing in a briefing becomes a tag, an attribute, a
/// comment or a URL.
enum MailText {
    static func plain(_ words: NoticeWording) -> String {
        var blocks: [String] = []
        var heading = [words.title, words.reference]
        if let customer = words.customer { heading.append(customer) }
        heading.append(words.status)
        blocks.append(heading.joined(separator: "\n"))
        if let impact = words.impact { blocks.append("Impact: " + impact) }
        blocks.append(words.text)
        if !words.workarounds.isEmpty {
            blocks.append((["Workarounds on offer:"] + words.workarounds.map { "- " + $0 }).joined(separator: "\n"))
        }
        blocks.append(nextUpdateLines(words).joined(separator: "\n"))
        if let contact = words.contact { blocks.append(contact) }
        blocks.append("-- \n" + words.unsubscribe + (words.fingerprint.map { "\n\n" + $0 } ?? ""))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    static func html(_ words: NoticeWording) -> String {
        let paragraph = "margin:0 0 14px 0;"
        let small = "margin:0 0 14px 0;color:#555555;font-size:13px;"
        var rows: [String] = []
        rows.append("<h1 style=\"margin:0 0 6px 0;font-size:20px;line-height:1.3;color:#111111;\">\(escape(words.title))</h1>")
        var heading = [words.reference]
        if let customer = words.customer { heading.append(customer) }
        heading.append(words.status)
        rows.append("<p style=\"\(small)\">\(heading.map(escape).joined(separator: "<br>"))</p>")
        if let impact = words.impact {
            rows.append("<p style=\"\(paragraph)\"><strong>Impact:</strong> \(escape(impact))</p>")
        }
        rows.append("<p style=\"\(paragraph)\">\(escape(words.text))</p>")
        if !words.workarounds.isEmpty {
            rows.append("<p style=\"margin:0 0 4px 0;\"><strong>Workarounds on offer:</strong></p>")
            rows.append("<ul style=\"margin:0 0 14px 0;padding-left:20px;\">"
                + words.workarounds.map { "<li>\(escape($0))</li>" }.joined() + "</ul>")
        }
        let next = nextUpdateLines(words).map(escape)
        rows.append("<p style=\"\(paragraph)padding:10px 12px;background:#f3f5f8;border-left:3px solid #3b6ea5;\">"
            + "<strong>\(next[0])</strong>" + next.dropFirst().map { "<br>" + $0 }.joined() + "</p>")
        if let contact = words.contact { rows.append("<p style=\"\(paragraph)\">\(escape(contact))</p>") }
        rows.append("<p style=\"\(small)border-top:1px solid #dddddd;padding-top:10px;\">\(escape(words.unsubscribe))</p>")
        if let fingerprint = words.fingerprint {
            rows.append("<p style=\"\(small)word-break:break-all;\">\(escape(fingerprint))</p>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(words.subject))</title>
            </head>
            <body style="margin:0;padding:0;background:#f4f4f4;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4;">
            <tr><td align="center" style="padding:16px 8px;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background:#ffffff;border:1px solid #dddddd;">
            <tr><td style="padding:20px 24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222222;">
            \(rows.joined(separator: "\n"))
            </td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>

            """
    }

    /// The promise and why, or the sentence that stands for it.
    private static func nextUpdateLines(_ words: NoticeWording) -> [String] {
        if let next = words.nextUpdate { return [next] + (words.nextUpdateReason.map { [$0] } ?? []) }
        return [words.noNextUpdate ?? ""]
    }

    /// Text as HTML data: the five characters that could open markup or end an attribute are escaped, and
    /// line breaks (already the only controls left) become `<br>`. Scalar by scalar, not by Character: a
    /// combining mark after `<` makes one Character that is not `<`, yet the `<` is still there.
    static func escape(_ text: String) -> String {
        // The project's one HTML escaping (debrief and mail alike); a line break people typed stays one.
        HTMLEscaping.escapeKeepingLines(text)
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import IncidentModel
import StatusPage
import Testing

/// The feed is well-formed XML whatever people typed, has one entry per notice with ids that never change,
/// and carries the business channel of this customer's incidents alone.
@Suite struct AtomFeedTests {
    static let pageURL = "https://status.example/acme?token=a&b"
    static let feedURL = "https://status.example/acme.atom?token=a&b"

    func feed(_ page: CustomerPage, zone: TimeZone = PageFixtures.berlin) -> String {
        AtomFeed(page: page, pageURL: Self.pageURL, feedURL: Self.feedURL, zone: zone).xml
    }

    /// `text` as the feed says it: the same as the page, the mail and every terminal show it, through the one
    /// sanitizer (controls as visible symbols, bidirectional overrides named), so nothing XML forbids remains.
    static func asTheFeedSays(_ text: String) -> String {
        // The two noncharacters XML forbids, which terminals show but XML cannot carry, are named by HTMLEscaping.
        TerminalSafeText.sanitize(text, lines: .keep)
            .replacingOccurrences(of: "\u{FFFE}", with: "<U+FFFE>").replacingOccurrences(of: "\u{FFFF}", with: "<U+FFFF>")
    }

    // MARK: Well-formed, whatever the text

    @Test func theParserUsedHereRefusesWhatXMLForbids() {
        // Without this, a lenient parser would make every well-formedness test below pass for nothing.
        for bad in ["<a>\u{1}</a>", "<a>]]></a>", "<a>&amp</a>", "<a>\u{FFFE}</a>", "<a><b></a>", "<a>", "<a/><b/>"] {
            #expect(FeedReader(bad).error != nil, "parsed \(bad.debugDescription)")
        }
    }

    @Test func aFeedWithHostileTextParsesAndSaysTheTextAsTyped() throws {
        let now = PageFixtures.now
        let incidents = try PageFixtures.acmeWithCanary(now: now) + [PageFixtures.hostile(now: now)]
        let xml = feed(CustomerPage(customer: "Acme", incidents: incidents, now: now))
        let reader = FeedReader(xml)
        #expect(reader.error == nil, "\(reader.error.map { "\($0)" } ?? "")")

        let hostile = try #require(reader.entries.first { $0.title.hasPrefix("INC-9 · Update 1") })
        // What a reader shows: the markup as text, controls as visible symbols, CR LF as LF.
        let shown = Self.asTheFeedSays(PageFixtures.hostileText)
        #expect(hostile.content.contains("briefing " + shown))
        #expect(hostile.content.contains("Impact: impact " + shown))
        #expect(hostile.content.contains("- workaround " + shown))
        #expect(hostile.title.contains("</content><script>alert(1)</script> ]]> &amp;"))
        #expect(hostile.title.contains("🔥👩🏽‍💻 <U+202E>txet desrever<U+202C>"), "a bidirectional override is named, not obeyed")
        #expect(!xml.contains("<script>") && !xml.contains("]]>"))
    }

    @Test func everyControlCharacterAloneStillMakesAWellFormedFeed() throws {
        for value in UInt32(0)...0x1F {
            let text = "x" + String(Unicode.Scalar(value)!) + "y"
            let page = CustomerPage(customer: "Acme", incidents: [try PageFixtures.hostile(text)], now: PageFixtures.now)
            let reader = FeedReader(feed(page))
            #expect(reader.error == nil, "U+\(String(value, radix: 16)) broke the feed")
        }
    }

    @Test func escapedTextIsWellFormedInContentAndInAttributes() {
        let escaped = HTMLEscaping.escape(PageFixtures.hostileText)
        let content = FeedReader("<a>\(escaped)</a>")
        #expect(content.error == nil)
        let doubleQuoted = FeedReader("<a b=\"\(escaped)\"/>")
        let singleQuoted = FeedReader("<a b='\(escaped)'/>")
        #expect(doubleQuoted.error == nil && singleQuoted.error == nil)
        #expect(doubleQuoted.attributes["b"]?.contains("</content><script>alert(1)</script> ]]> &amp; \"quoted\" 'single'") == true)
    }

    // MARK: The feed and its entries

    @Test func theFeedNamesTheCustomerAndLinksThePageAndItself() throws {
        let page = try PageFixtures.acmePage()
        let reader = FeedReader(feed(page))
        #expect(reader.error == nil)
        #expect(reader.feedID == "tag:crisis,2026:customer/acme")
        #expect(reader.feedTitle == "Acme status")
        // The newest notice on the page: INC-7's update 2, 35 minutes before now.
        #expect(reader.feedUpdated == "2026-11-29T13:25:00Z")
        #expect(reader.authorName == "crisis")
        #expect(reader.links.contains(FeedReader.Link(rel: "self", href: Self.feedURL, type: "application/atom+xml")))
        #expect(reader.links.contains(FeedReader.Link(rel: "alternate", href: Self.pageURL, type: "text/html")))
    }

    @Test func anEmptyPageIsAFeedUpdatedNowWithNoEntries() {
        let page = CustomerPage(customer: "Initech", incidents: [], now: PageFixtures.now)
        let reader = FeedReader(feed(page))
        #expect(reader.error == nil)
        #expect(reader.feedUpdated == "2026-11-29T14:00:00Z")
        #expect(reader.entries.isEmpty)
    }

    @Test func oneEntryPerNoticeNewestFirst() throws {
        let page = try PageFixtures.acmePage()
        let reader = FeedReader(feed(page))
        // INC-7: opening and two updates. INC-5: opening, two updates and the closure.
        #expect(reader.entries.count == page.incidents.map(\.updates.count).reduce(0, +))
        #expect(reader.entries.map(\.title) == [
            "INC-7 · Update 2 · Checkout failing for EU cards",
            "INC-7 · Update 1 · Checkout failing for EU cards",
            "INC-7 · Opened · Checkout failing for EU cards",
            "INC-5 · Closed · Login outage",
            "INC-5 · Update 2 · Login outage",
            "INC-5 · Update 1 · Login outage",
            "INC-5 · Opened · Login outage",
        ])
        let updated = reader.entries.map(\.updated)
        #expect(updated == updated.sorted(by: >))
        #expect(reader.entries.allSatisfy { $0.published == $0.updated })
        #expect(reader.entries[0].updated == "2026-11-29T13:25:00Z")
        let pageLink = FeedReader.Link(rel: "alternate", href: Self.pageURL, type: "text/html")
        #expect(reader.entries.allSatisfy { $0.links == [pageLink] })
    }

    @Test func anUpdateSaysWhereTheIncidentStandsAndWhenWeSpeakNext() throws {
        let reader = FeedReader(feed(try PageFixtures.acmePage()))
        let update = try #require(reader.entries.first)
        #expect(update.content == """
            A new certificate is rolling out; most EU payments succeed again.

            Status: mitigated
            Impact: Card payments from the EU fail at checkout.
            Workarounds:
            - Pay by invoice, or with a card issued outside the EU.
            Contact: Jane Doe, +49 30 1234 5678
            Next update by 15:25 CET (14:25Z)
            """)
        let opening = try #require(reader.entries.first { $0.title.hasPrefix("INC-7 · Opened") })
        // Opened at 12:40Z; a SEV2's first update is due one 30-minute cadence later.
        #expect(opening.content.hasSuffix("Contact: Jane Doe, +49 30 1234 5678\nNext update by 14:10 CET (13:10Z)"))
        #expect(opening.content.contains("Status: investigating"))
    }

    @Test func theClosureSaysNoFurtherUpdateIsPlanned() throws {
        let reader = FeedReader(feed(try PageFixtures.acmePage()))
        let closure = try #require(reader.entries.first { $0.title.hasPrefix("INC-5 · Closed") })
        #expect(closure.content.hasPrefix("This incident is closed: Bob at Acme confirmed that service is back."))
        #expect(closure.content.contains("Status: closed"))
        #expect(closure.content.hasSuffix("No further update is planned: this incident is closed."))
        #expect(!closure.content.contains("Next update"))
    }

    @Test func aPromiseOnAnotherLocalDaySaysTheDay() throws {
        // Posted 22:40 CET on the 29th, promising 00:30 CET on the 30th.
        let opened = PageFixtures.date("2026-11-29T21:30:00Z")
        let incident = try PageFixtures.incident(id: 3, customer: "Acme", openedAt: opened, events: [
            PageFixtures.at(10, .briefing(text: "Still on it.", nextUpdateAt: PageFixtures.date("2026-11-29T23:30:00Z"),
                                          reason: nil)),
        ])
        let page = CustomerPage(customer: "Acme", incidents: [incident], now: opened.addingTimeInterval(15 * 60))
        let reader = FeedReader(feed(page))
        #expect(reader.entries.first?.content.hasSuffix("Next update by Mon Nov 30 00:30 CET (23:30Z)") == true)
        #expect(reader.entries.last?.content.hasSuffix("Next update by 23:00 CET (22:00Z)") == true)
    }

    @Test func aReaderOnUTCIsNotToldUTCTwice() throws {
        let reader = FeedReader(feed(try PageFixtures.acmePage(), zone: PageFixtures.utc))
        let content = try #require(reader.entries.first?.content)
        #expect(content.contains("Next update by 14:25 "))
        #expect(!content.contains("(14:25Z)"))
    }

    // MARK: Ids

    @Test func idsAreTheSameOnEveryRenderAndUniqueOnThePage() throws {
        let first = FeedReader(feed(try PageFixtures.acmePage()))
        // Served from elsewhere, to a reader in another zone: the same notices keep the same ids.
        let again = FeedReader(AtomFeed(page: try PageFixtures.acmePage(), pageURL: "https://other.example/",
                                        feedURL: "https://other.example/feed", zone: PageFixtures.utc).xml)
        // An hour later, the page asked for as `ACME`: the same again, the feed's own id too.
        let incidents = try PageFixtures.acmeWithCanary(now: PageFixtures.now)
        let third = FeedReader(feed(CustomerPage(customer: "ACME", incidents: incidents,
                                                 now: PageFixtures.now.addingTimeInterval(3600))))
        #expect(first.entries.map(\.id) == again.entries.map(\.id))
        #expect(first.entries.map(\.id) == third.entries.map(\.id))
        #expect(first.feedID == third.feedID)
        #expect(Set(first.entries.map(\.id)).count == first.entries.count)
        // tag:crisis,2026:INC-7/<second INC-7 opened>/u<update>: update 2 (event 18; the event never shows).
        let opened = Int(PageFixtures.now.addingTimeInterval(-80 * 60).timeIntervalSince1970)
        #expect(first.entries.first?.id == "tag:crisis,2026:INC-7/\(opened)/u2")
    }

    @Test func aCustomerNameOfAnyKindMakesAValidTagURI() throws {
        let incident = try PageFixtures.incident(id: 1, customer: "Ünïcode & Co/ <x> 🔥", openedAt: PageFixtures.now)
        let page = CustomerPage(customer: "ünïcode & co/ <x> 🔥", incidents: [incident], now: PageFixtures.now)
        let reader = FeedReader(feed(page))
        #expect(reader.error == nil)
        let id = try #require(reader.feedID)
        #expect(id == "tag:crisis,2026:customer/%C3%BCn%C3%AFcode%20%26%20co%2F%20%3Cx%3E%20%F0%9F%94%A5")
        #expect(URL(string: id) != nil)
        #expect(reader.feedTitle == "Ünïcode & Co/ <x> 🔥 status")
    }

    // MARK: Only the business channel of this customer

    @Test func nothingTechnicalAndNothingOfAnotherCustomerReachesTheFeed() throws {
        let incidents = try PageFixtures.acmeWithCanary(now: PageFixtures.now)
        // The fixtures do carry both, so their absence below means something.
        #expect(incidents.contains { $0.notes.contains { $0.text.contains(PageFixtures.canary) } })
        #expect(incidents.contains { $0.title.contains(PageFixtures.globexSecret) })
        let xml = feed(CustomerPage(customer: "Acme", incidents: incidents, now: PageFixtures.now))
        #expect(!xml.contains(PageFixtures.canary))
        #expect(!xml.contains(PageFixtures.globexSecret))
        #expect(!xml.contains("the new certificate is being issued"), "the promise's reason is not in the feed")
    }
}

/// Reads a feed with Foundation's XMLParser (libxml2): whether it is well-formed, and what a feed reader
/// would take from it. On Linux the parser lets a mismatched end tag (`<a><b></a>`) and an unclosed root
/// (`<a>`) through, so the reader checks nesting itself and wants the root element closed.
private final class FeedReader: NSObject, XMLParserDelegate {
    struct Link: Equatable {
        let rel: String
        let href: String
        let type: String
    }

    struct Entry {
        var id = "", title = "", updated = "", published = "", content = ""
        var links: [Link] = []
    }

    private(set) var error: (any Error)?
    private(set) var feedID: String?
    private(set) var feedTitle: String?
    private(set) var feedUpdated: String?
    private(set) var authorName: String?
    private(set) var links: [Link] = []
    private(set) var entries: [Entry] = []
    /// The attributes of the first element, for single-element documents.
    private(set) var attributes: [String: String] = [:]

    private var path: [String] = []
    private var rootClosed = false
    private var text = ""
    private var entry: Entry?

    init(_ xml: String) {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
        if error == nil && !rootClosed { error = CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = error ?? parseError
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if path.isEmpty { attributes = attributeDict }
        path.append(elementName)
        text = ""
        if path == ["feed", "entry"] { entry = Entry() }
        if elementName == "link" {
            let link = Link(rel: attributeDict["rel"] ?? "", href: attributeDict["href"] ?? "",
                            type: attributeDict["type"] ?? "")
            if entry != nil { entry?.links.append(link) } else { links.append(link) }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        guard path.last == elementName else {
            let mismatch = "</\(elementName)> closes <\(path.last ?? "")>"
            error = error ?? CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: mismatch])
            parser.abortParsing()
            return
        }
        switch path {
        case ["feed", "id"]: feedID = text
        case ["feed", "title"]: feedTitle = text
        case ["feed", "updated"]: feedUpdated = text
        case ["feed", "author", "name"]: authorName = text
        case ["feed", "entry", "id"]: entry?.id = text
        case ["feed", "entry", "title"]: entry?.title = text
        case ["feed", "entry", "updated"]: entry?.updated = text
        case ["feed", "entry", "published"]: entry?.published = text
        case ["feed", "entry", "content"]: entry?.content = text
        case ["feed", "entry"]: entry.map { entries.append($0) }; entry = nil
        default: break
        }
        path.removeLast()
        rootClosed = path.isEmpty
        text = ""
    }
}

import Foundation
import IncidentModel
import StatusPage
import Testing

/// The JSON reads as Statuspage's API v2 to a client that knows only Statuspage: its field names, its types,
/// null where it writes null, its status words; and it holds this customer's business channel alone.
@Suite struct StatuspageDocumentTests {
    static let pageURL = "https://status.example/acme"

    typealias Object = [String: Any]

    /// Parsed the way a client would: JSONSerialization, no knowledge of our types.
    func object(_ data: Data) throws -> Object {
        try #require(try JSONSerialization.jsonObject(with: data) as? Object)
    }

    func incidents(_ page: CustomerPage, unresolvedOnly: Bool = false) throws -> [Object] {
        let document = try object(StatuspageDocument.incidents(page, pageURL: Self.pageURL, unresolvedOnly: unresolvedOnly))
        return try #require(document["incidents"] as? [Object])
    }

    func status(_ page: CustomerPage) throws -> Object {
        let document = try object(StatuspageDocument.status(page, pageURL: Self.pageURL))
        return try #require(document["status"] as? Object)
    }

    /// `2026-11-29T13:40:00.000Z`, as Statuspage writes every time.
    static func isStatuspageTime(_ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil
    }

    static func isNull(_ object: Object, _ key: String) -> Bool {
        object.keys.contains(key) && object[key] is NSNull
    }

    static func time(_ minutes: Double, after start: Date) -> String {
        Timestamp.iso8601(start.addingTimeInterval(minutes * 60))
    }

    // MARK: Shape

    @Test func thePageObjectHasStatuspagesFields() throws {
        for data in [
            try StatuspageDocument.incidents(try PageFixtures.acmePage(), pageURL: Self.pageURL, unresolvedOnly: false),
            try StatuspageDocument.incidents(try PageFixtures.acmePage(), pageURL: Self.pageURL, unresolvedOnly: true),
            try StatuspageDocument.status(try PageFixtures.acmePage(), pageURL: Self.pageURL),
            try StatuspageDocument.summary(try PageFixtures.acmePage(), pageURL: Self.pageURL),
        ] {
            let page = try #require(try object(data)["page"] as? Object)
            let id = try #require(page["id"] as? String)
            #expect(id.count == 12 && id.allSatisfy(\.isHexDigit))
            #expect(page["name"] as? String == "Acme")
            #expect(page["url"] as? String == Self.pageURL)
            #expect(page["time_zone"] as? String == "Etc/UTC")
            #expect(page["updated_at"] as? String == "2026-11-29T13:25:00.000Z", "INC-7's update 2")
        }
    }

    @Test func anOpenIncidentReadsAsStatuspagesIncident() throws {
        let page = try PageFixtures.acmePage()
        let opened = PageFixtures.now.addingTimeInterval(-80 * 60)
        let incident = try #require(try incidents(page).first)
        #expect(incident["id"] as? String == "INC-7")
        #expect(incident["name"] as? String == "Checkout failing for EU cards")
        #expect(incident["status"] as? String == "monitoring", "mitigated, in Statuspage's words")
        #expect(incident["impact"] as? String == "major", "SEV2")
        #expect(incident["created_at"] as? String == Self.time(0, after: opened))
        #expect(incident["started_at"] as? String == Self.time(0, after: opened))
        #expect(incident["updated_at"] as? String == Self.time(45, after: opened))
        #expect(incident["monitoring_at"] as? String == Self.time(45, after: opened), "the first notice saying mitigated")
        #expect(Self.isNull(incident, "resolved_at"))
        #expect(incident["shortlink"] as? String == Self.pageURL)
        let pageObject = try #require(try object(StatuspageDocument.status(page, pageURL: Self.pageURL))["page"] as? Object)
        #expect(incident["page_id"] as? String == pageObject["id"] as? String)
        #expect((incident["components"] as? [Any])?.isEmpty == true)
        #expect(incident["next_update_at"] as? String == Self.time(105, after: opened))

        let updates = try #require(incident["incident_updates"] as? [Object])
        #expect(updates.count == 3)
        #expect(updates.map { $0["id"] as? String } == ["INC-7-u2", "INC-7-u1", "INC-7-u0"], "newest first")
        #expect(updates.map { $0["status"] as? String } == ["monitoring", "identified", "investigating"])
        #expect(updates.map { $0["body"] as? String } == [
            "A new certificate is rolling out; most EU payments succeed again.",
            "We found the cause: an expired certificate on one payment gateway.",
            "We have opened an incident and are working on it.",
        ])
        #expect(updates.map { $0["next_update_at"] as? String }
            == [Self.time(105, after: opened), Self.time(45, after: opened), Self.time(30, after: opened)])
        for update in updates {
            #expect(update["incident_id"] as? String == "INC-7")
            for key in ["created_at", "updated_at", "display_at"] {
                #expect(Self.isStatuspageTime(update[key]), "\(key): \(update[key] ?? "missing")")
                #expect(update[key] as? String == update["created_at"] as? String)
            }
            #expect(Self.isNull(update, "affected_components"))
            #expect(update["deliver_notifications"] as? Bool == true)
        }
        #expect(updates.first?["display_at"] as? String == Self.time(45, after: opened))
    }

    @Test func aClosedIncidentIsResolvedWithNothingMorePromised() throws {
        let opened = PageFixtures.now.addingTimeInterval(-2 * 24 * 60 * 60)
        let incident = try #require(try incidents(try PageFixtures.acmePage()).last)
        #expect(incident["id"] as? String == "INC-5")
        #expect(incident["status"] as? String == "resolved")
        #expect(incident["impact"] as? String == "critical", "SEV1")
        #expect(incident["resolved_at"] as? String == Self.time(90, after: opened))
        #expect(incident["monitoring_at"] as? String == Self.time(50, after: opened), "update 2 said monitoring")
        #expect(Self.isNull(incident, "next_update_at"))
        let updates = try #require(incident["incident_updates"] as? [Object])
        #expect(updates.count == 4)
        #expect(updates.first?["status"] as? String == "resolved")
        #expect(updates.first.map { Self.isNull($0, "next_update_at") } == true)
    }

    @Test func everyTimeIsUTCWithMilliseconds() throws {
        for incident in try incidents(try PageFixtures.acmePage()) {
            for key in ["created_at", "updated_at", "started_at"] {
                #expect(Self.isStatuspageTime(incident[key]), "\(key): \(incident[key] ?? "missing")")
            }
            for key in ["monitoring_at", "resolved_at", "next_update_at"] {
                #expect(Self.isNull(incident, key) || Self.isStatuspageTime(incident[key]), "\(key)")
            }
        }
    }

    @Test func anIncidentWithoutMonitoringSaysNullNotNothing() throws {
        let incident = try PageFixtures.incident(id: 2, customer: "Acme", openedAt: PageFixtures.now)
        let page = CustomerPage(customer: "Acme", incidents: [incident], now: PageFixtures.now)
        let listed = try #require(try incidents(page).first)
        #expect(Self.isNull(listed, "monitoring_at"))
        #expect(Self.isNull(listed, "resolved_at"))
        #expect(Self.isStatuspageTime(listed["next_update_at"]))
    }

    // MARK: Status words

    @Test(arguments: [
        (IncidentStatus.investigating, "investigating"), (.identified, "identified"), (.monitoring, "monitoring"),
        (.mitigated, "monitoring"), (.resolved, "resolved"),
    ])
    func crisisStatusesReadAsStatuspages(_ status: IncidentStatus, _ expected: String) throws {
        let opened = PageFixtures.now.addingTimeInterval(-60 * 60)
        let incident = try PageFixtures.incident(id: 4, customer: "Acme", openedAt: opened, events: [
            PageFixtures.at(1, .status(status)),
            PageFixtures.at(2, .briefing(text: "Where we are.", nextUpdateAt: PageFixtures.now, reason: nil)),
        ])
        let listed = try #require(try incidents(CustomerPage(customer: "Acme", incidents: [incident], now: PageFixtures.now)).first)
        #expect(listed["status"] as? String == expected)
    }

    @Test func theStatusIsTheLatestNoticesNotTheLogs() throws {
        // Identified after the last briefing: the customer has not been told yet, so neither is the API.
        let opened = PageFixtures.now.addingTimeInterval(-60 * 60)
        let incident = try PageFixtures.incident(id: 4, customer: "Acme", openedAt: opened, events: [
            PageFixtures.at(2, .briefing(text: "Looking.", nextUpdateAt: PageFixtures.now, reason: nil)),
            PageFixtures.at(3, .status(.identified)),
        ])
        let listed = try #require(try incidents(CustomerPage(customer: "Acme", incidents: [incident], now: PageFixtures.now)).first)
        #expect(listed["status"] as? String == "investigating")
    }

    @Test(arguments: [
        ([Severity.sev1], "critical", "Major Service Outage"),
        ([.sev2], "major", "Partial System Outage"),
        ([.sev3], "minor", "Minor Service Outage"),
        ([.sev4], "minor", "Minor Service Outage"),
        ([.sev4, .sev1, .sev3], "critical", "Major Service Outage"),
        ([], "none", "All Systems Operational"),
    ])
    func theIndicatorIsTheWorstOpenIncidents(_ severities: [Severity], _ indicator: String, _ description: String) throws {
        let open = try severities.enumerated().map { index, severity in
            try PageFixtures.incident(id: index + 1, customer: "Acme", severity: severity,
                                      openedAt: PageFixtures.now.addingTimeInterval(Double(-index - 1) * 600))
        }
        let pageStatus = try status(CustomerPage(customer: "Acme", incidents: open, now: PageFixtures.now))
        #expect(pageStatus["indicator"] as? String == indicator)
        #expect(pageStatus["description"] as? String == description)
        if let incident = try incidents(CustomerPage(customer: "Acme", incidents: open, now: PageFixtures.now)).first {
            #expect(["critical", "major", "minor"].contains(incident["impact"] as? String ?? ""))
        }
    }

    @Test func closedIncidentsLeaveTheStatusOperational() throws {
        // Acme's SEV1 is closed and its SEV2 open: major. Without the open one, nothing.
        #expect(try status(try PageFixtures.acmePage())["indicator"] as? String == "major")
        let closedOnly = try PageFixtures.acmeWithCanary(now: PageFixtures.now).filter { !$0.isOpen }
        let pageStatus = try status(CustomerPage(customer: "Acme", incidents: closedOnly, now: PageFixtures.now))
        #expect(pageStatus["indicator"] as? String == "none")
        #expect(pageStatus["description"] as? String == "All Systems Operational")
    }

    // MARK: Which incidents

    @Test func unresolvedListsTheOpenIncidentsAlone() throws {
        let page = try PageFixtures.acmePage()
        #expect(try incidents(page).map { $0["id"] as? String } == ["INC-7", "INC-5"])
        let unresolved = try incidents(page, unresolvedOnly: true)
        #expect(unresolved.map { $0["id"] as? String } == ["INC-7"])
        #expect(unresolved.allSatisfy { Self.isNull($0, "resolved_at") })
    }

    @Test func theListIsNewestFirstAndKeepsEveryOpenIncidentWithinFifty() throws {
        // An open incident older than sixty closed ones: it is listed, and the oldest closed ones make room.
        let start = PageFixtures.date("2026-01-01T00:00:00Z")
        var all = [try PageFixtures.incident(id: 1, customer: "Acme", openedAt: start)]
        for number in 2...61 {
            all.append(try PageFixtures.incident(
                id: number, customer: "Acme", openedAt: start.addingTimeInterval(Double(number) * 3600),
                events: [PageFixtures.at(10, .closed(unconfirmedReason: "fixture", openItemsReason: nil))]))
        }
        let listed = try incidents(CustomerPage(customer: "Acme", incidents: all, now: PageFixtures.now))
        #expect(listed.count == StatuspageDocument.incidentLimit)
        #expect(listed.first?["id"] as? String == "INC-61")
        #expect(listed.last?["id"] as? String == "INC-1", "the open one, oldest, last")
        #expect(listed.dropLast().last?["id"] as? String == "INC-13", "49 closed: INC-61 down to INC-13")
        let created = listed.compactMap { $0["created_at"] as? String }
        #expect(created == created.sorted(by: >))
    }

    // MARK: Only the business channel of this customer, exactly as typed

    @Test func nothingTechnicalAndNothingOfAnotherCustomerReachesTheJSON() throws {
        let incidents = try PageFixtures.acmeWithCanary(now: PageFixtures.now)
        #expect(incidents.contains { $0.notes.contains { $0.text.contains(PageFixtures.canary) } })
        let page = CustomerPage(customer: "Acme", incidents: incidents, now: PageFixtures.now)
        for data in [
            try StatuspageDocument.incidents(page, pageURL: Self.pageURL, unresolvedOnly: false),
            try StatuspageDocument.incidents(page, pageURL: Self.pageURL, unresolvedOnly: true),
            try StatuspageDocument.status(page, pageURL: Self.pageURL),
            try StatuspageDocument.summary(page, pageURL: Self.pageURL),
        ] {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(PageFixtures.canary))
            #expect(!text.contains(PageFixtures.globexSecret))
            #expect(!text.contains("Globex"))
        }
    }

    @Test func hostileTextComesBackExactlyAsTyped() throws {
        let hostile = PageFixtures.hostileText
        let page = CustomerPage(customer: "Acme", incidents: [try PageFixtures.hostile(hostile)], now: PageFixtures.now)
        let data = try StatuspageDocument.incidents(page, pageURL: Self.pageURL, unresolvedOnly: false)
        let incident = try #require(try incidents(page).first)
        #expect(incident["name"] as? String == "title " + hostile)
        let updates = try #require(incident["incident_updates"] as? [Object])
        #expect(updates.first?["body"] as? String == "briefing " + hostile)
        // And it is text in a string, never markup: no raw `</script>` for a page that embeds the JSON.
        #expect(!String(decoding: data, as: UTF8.self).contains("</script>"))
    }

    @Test func theSamePageGivesTheSameBytesWithSortedKeys() throws {
        let page = try PageFixtures.acmePage()
        let one = try StatuspageDocument.incidents(page, pageURL: Self.pageURL, unresolvedOnly: false)
        let two = try StatuspageDocument.incidents(try PageFixtures.acmePage(), pageURL: Self.pageURL, unresolvedOnly: false)
        #expect(one == two)
        let text = String(decoding: one, as: UTF8.self)
        #expect(text.hasPrefix(#"{"incidents":[{"components":[],"created_at":"#))
    }

    @Test func theSummaryHasTheStatusAndTheOpenIncidents() throws {
        let summary = try object(StatuspageDocument.summary(try PageFixtures.acmePage(), pageURL: Self.pageURL))
        #expect((summary["components"] as? [Any])?.isEmpty == true)
        #expect((summary["scheduled_maintenances"] as? [Any])?.isEmpty == true)
        #expect((summary["incidents"] as? [Object])?.map { $0["id"] as? String } == ["INC-7"])
        #expect((summary["status"] as? Object)?["indicator"] as? String == "major")
    }
}

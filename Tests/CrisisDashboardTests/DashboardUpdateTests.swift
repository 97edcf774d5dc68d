import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// `update(state, event)`: keys, store changes, ticks and resizes, without a terminal.
@Suite struct DashboardUpdateTests {
    private func state(focus: PaneChannel = .technical, readOnly: Bool = false) throws -> DashboardState {
        try Fixture.state(Fixture.quietLog(), minute: 12, focus: focus)
    }

    private func type(_ text: String, into state: inout DashboardState) {
        for character in text { _ = state.update(.key(.character(character))) }
    }

    @Test func tabMovesFocusBetweenTheChannels() throws {
        var state = try state()
        _ = state.update(.key(.tab))
        #expect(state.focus == .business)
        _ = state.update(.key(.tab))
        #expect(state.focus == .technical)
    }

    @Test func enterInTheTechnicalChannelPostsANote() throws {
        var state = try state()
        type("lag is 45 s", into: &state)
        let effects = state.update(.key(.enter))
        #expect(effects == [.append(.note(text: "lag is 45 s"), text: "lag is 45 s")])
        #expect(state.composer.editor.isEmpty)
        #expect(state.composer.history == ["lag is 45 s"])
    }

    @Test func enterInTheBusinessChannelAsksForTheNextUpdateAndWhy() throws {
        var state = try state(focus: .business)
        type("We are moving traffic.", into: &state)
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.composer.mode == .briefingNextUpdate(text: "We are moving traffic."))
        #expect(state.composer.editor.text == "15m", "the cadence is offered")
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.composer.mode == .briefingReason(text: "We are moving traffic.", next: "15m"))
        type("the move takes ten minutes", into: &state)
        let effects = state.update(.key(.enter))
        let due = Fixture.quietLog().at(12 + 15)
        #expect(effects == [.append(.briefing(text: "We are moving traffic.", nextUpdateAt: due,
                                              reason: "the move takes ten minutes"), text: "We are moving traffic.")])
        #expect(state.composer.mode == .entry)
    }

    /// As a person answers: the offered cadence goes as the first key is typed, so "45m" is 45m, not "15m45m"
    /// (found in a live run: the account manager's own time was appended to the offer and refused).
    @Test func typingATimeReplacesTheOfferedCadence() throws {
        var state = try state(focus: .business)
        type("Update.", into: &state)
        _ = state.update(.key(.enter))
        #expect(state.composer.offered)
        type("45m", into: &state)
        #expect(state.composer.editor.text == "45m")
        #expect(!state.composer.offered)
        _ = state.update(.key(.enter))
        #expect(state.composer.mode == .briefingReason(text: "Update.", next: "45m"))
        #expect(state.status?.kind != .error)
    }

    @Test func movingInTheOfferKeepsItForEditingAndBackspaceTakesItAway() throws {
        var state = try state(focus: .business)
        type("Update.", into: &state)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.home))
        type("1", into: &state)
        #expect(state.composer.editor.text == "115m", "after a move the offer is ordinary text")
        _ = state.update(.key(.escape))
        _ = state.update(.key(.enter))
        #expect(state.composer.offered, "asked again, offered again")
        _ = state.update(.key(.backspace))
        #expect(state.composer.editor.isEmpty && !state.composer.offered)
        // Pasted text replaces it too; the reason's question starts with nothing offered.
        _ = state.update(.key(.paste("14:30")))
        _ = state.update(.key(.enter))
        #expect(state.composer.mode == .briefingReason(text: "Update.", next: "14:30"))
        #expect(!state.composer.offered && state.composer.editor.isEmpty)
    }

    /// Found in review: "briefing not posted", or "posted: … in 36:35", stood for minutes as if still true.
    @Test func aMessageThatOnlyInformsGoesAfterAWhileAnErrorAndAQuestionStay() throws {
        var state = try state(focus: .business)
        type("Update.", into: &state)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.escape))
        #expect(state.status?.text.contains("briefing not posted") == true)
        _ = state.update(.tick(state.now.addingTimeInterval(9)))
        #expect(state.status != nil, "still there to be read")
        _ = state.update(.tick(state.now.addingTimeInterval(2)))
        #expect(state.status == nil, "gone after ten seconds")
        // The question's guidance stays while it is asked.
        _ = state.update(.key(.enter))
        _ = state.update(.tick(state.now.addingTimeInterval(60)))
        #expect(state.status?.text.contains("when is the next update?") == true)
        // An error stays until something replaces it.
        _ = state.update(.key(.control("u")))
        type("soonish", into: &state)
        _ = state.update(.key(.enter))
        _ = state.update(.tick(state.now.addingTimeInterval(60)))
        #expect(state.status?.kind == .error)
    }

    @Test func aBadNextUpdateTimeIsRefusedAndAskedAgain() throws {
        var state = try state(focus: .business)
        type("Update.", into: &state)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.control("u")))
        type("soonish", into: &state)
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.status?.kind == .error)
        #expect(state.status?.text.contains("'soonish' is not a time") == true)
        #expect(state.composer.mode == .briefingNextUpdate(text: "Update."))
    }

    @Test func escapeLeavesTheBriefingQuestionsWithTheTextBack() throws {
        var state = try state(focus: .business)
        type("Update.", into: &state)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.escape))
        #expect(state.composer.mode == .entry)
        #expect(state.composer.editor.text == "Update.")
    }

    @Test func slashVerbsGoThroughTheGrammar() throws {
        var state = try state()
        type("/deadline 20m check the failover", into: &state)
        let effects = state.update(.key(.enter))
        let due = Fixture.quietLog().at(32)
        #expect(effects == [.append(.deadlineSet(text: "check the failover", dueAt: due, owner: nil),
                                    text: "/deadline 20m check the failover")])
    }

    @Test func aCommandErrorShowsInTheStatusLineAndKeepsTheText() throws {
        var state = try state()
        type("/answer Q9 yes", into: &state)
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.status == StatusMessage("Q9 is not a question of INC-7: known are Q1", kind: .error))
        #expect(state.composer.editor.text == "/answer Q9 yes")
        let grid = Fixture.render(state)
        #expect(grid.lines.last?.contains("Q9 is not a question of INC-7") == true)
    }

    @Test func editHelpAndQuitCommands() throws {
        var state = try state()
        type("/edit first words", into: &state)
        #expect(state.update(.key(.enter)) == [.openEditor("first words")])
        #expect(state.update(.editorFinished("a long\nstack trace\n")) == [
            .append(.note(text: "a long\nstack trace"), text: "a long\nstack trace"),
        ])
        type("/help", into: &state)
        _ = state.update(.key(.enter))
        #expect(state.overlay == .help)
        _ = state.update(.key(.character("x")))
        #expect(state.overlay == nil)
        #expect(state.composer.editor.isEmpty, "the key that closes help is not typed")
    }

    /// Issue 11, bug 4: `?abc` in an empty composer left `bc`. Every printable key types; F1 is help.
    @Test func questionMarkAlwaysTypesAndF1ShowsHelp() throws {
        var state = try state()
        type("?abc", into: &state)
        #expect(state.composer.editor.text == "?abc")
        #expect(state.overlay == nil)
        _ = state.update(.key(.control("u")))
        _ = state.update(.key(.function(1)))
        #expect(state.overlay == .help)
        _ = state.update(.key(.escape))
        #expect(state.overlay == nil)
    }

    /// Issue 11, bug 5: "quick fix…" typed into an empty composer asked to quit, and `y` quit.
    @Test func qAndYTypeAWordAndNeverQuit() throws {
        var state = try state()
        for character in "qy quick fix" {
            #expect(state.update(.key(.character(character))).isEmpty)
        }
        #expect(state.overlay == nil)
        #expect(state.composer.editor.text == "qy quick fix")
    }

    @Test func ctrlCQuitsAtOnceWhenEmptyAndAsksWhenTextWouldBeLost() throws {
        var state = try state()
        #expect(state.update(.key(.control("c"))) == [.quit])
        type("half a note", into: &state)
        #expect(state.update(.key(.control("c"))).isEmpty)
        #expect(state.overlay == .confirmQuit)
        #expect(Fixture.render(state).lines.last?.contains("lose the text") == true)
        #expect(state.update(.key(.character("n"))).isEmpty)
        #expect(state.composer.editor.text == "half a note")
        _ = state.update(.key(.control("c")))
        #expect(state.update(.key(.character("y"))) == [.quit])
    }

    @Test func readOnlyHasNoComposerAndQQuitsAtOnce() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 12, readOnly: true)
        _ = state.update(.key(.character("x")))
        #expect(state.composer.editor.isEmpty)
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.update(.key(.character("q"))) == [.quit])
    }

    @Test func upAndDownWalkTheHistoryAndKeepTheDraft() throws {
        var state = try state()
        for line in ["first", "second"] {
            type(line, into: &state)
            _ = state.update(.key(.enter))
        }
        type("draft", into: &state)
        _ = state.update(.key(.up))
        #expect(state.composer.editor.text == "second")
        _ = state.update(.key(.up))
        #expect(state.composer.editor.text == "first")
        _ = state.update(.key(.up))
        #expect(state.composer.editor.text == "first", "history stops at the oldest")
        _ = state.update(.key(.down))
        #expect(state.composer.editor.text == "second")
        _ = state.update(.key(.down))
        #expect(state.composer.editor.text == "draft")
    }

    @Test func aPasteIsOneEntryWithItsLineBreaks() throws {
        var state = try state()
        _ = state.update(.key(.paste("Dear team,\r\nwe see errors.\r\nRegards")))
        let effects = state.update(.key(.enter))
        #expect(effects == [.append(.note(text: "Dear team,\nwe see errors.\nRegards"),
                                    text: "Dear team,\nwe see errors.\nRegards")])
    }

    @Test func aFailedAppendShowsWhyAndGivesTheTextBack() throws {
        var state = try state()
        _ = state.update(.postFailed("not posted: the disk is full", text: "my note"))
        #expect(state.status == StatusMessage("not posted: the disk is full", kind: .error))
        #expect(state.composer.editor.text == "my note")
    }

    @Test func storeEventsAreFoldedOnceEvenWhenSignalledTwice() throws {
        var state = try state()
        let next = Fixture.quietLog().events.count + 1
        let event = Event(incident: Fixture.incident, sequence: next, recordedAt: Fixture.quietLog().at(12),
                          author: "bo", payload: .note(text: "from another terminal"))
        _ = state.update(.storeEvents([event]))
        _ = state.update(.storeEvents([event]))
        #expect(state.incident.notes.last?.text == "from another terminal")
        #expect(state.log.count == next)
        #expect(state.entries(of: .technical).last == event)
        #expect(!state.entries(of: .business).contains(event))
    }

    @Test func scrolledUpPanesCountNewEntriesAndEndFollowsAgain() throws {
        var log = Fixture.quietLog()
        for index in 1...30 { log.add(8 + Double(index) / 10, "ana", .note(text: "note \(index)")) }
        var state = try Fixture.state(log, minute: 12)
        _ = state.update(.key(.pageUp))
        let back = state.scroll(of: .technical).entriesBelow
        #expect(back > 0)
        #expect(!Fixture.render(state).lines.joined().contains("note 30"), "the newest is below the view")
        var sequence = state.incident.lastSequence
        for index in 1...3 {
            sequence += 1
            _ = state.update(.storeEvents([Event(incident: Fixture.incident, sequence: sequence,
                                                 recordedAt: log.at(12), author: "bo",
                                                 payload: .note(text: "late \(index)"))]))
        }
        #expect(state.scroll(of: .technical) .unseen == 3)
        #expect(state.scroll(of: .technical).entriesBelow == back + 3, "what the reader looks at stays put")
        #expect(Fixture.render(state).lines.contains { $0.contains("↓ 3 new") })
        _ = state.update(.key(.end))
        #expect(state.scroll(of: .technical).isFollowing)
        let lines = Fixture.render(state).lines
        #expect(!lines.contains { $0.contains("new ·") })
        #expect(lines.contains { $0.contains("late 3") })
    }

    /// Issue 11, bug 6: PgUp or Home on a pane whose entries fit showed one entry above 30 empty rows.
    @Test func scrollingAPaneThatShowsEverythingLeavesItFull() throws {
        var log = Fixture.quietLog()
        for index in 1...11 { log.add(8 + Double(index) / 10, "ana", .note(text: "note \(index)")) }
        var state = try Fixture.state(log, minute: 12, width: 120, height: 40)
        let before = Fixture.render(state).lines
        for key in [Key.pageUp, .home] {
            _ = state.update(.key(key))
            #expect(state.scroll(of: .technical).isFollowing, "nothing is hidden, so nothing scrolls")
            #expect(Fixture.render(state).lines == before)
        }
    }

    @Test func scrollingBackStopsWhenTheOldestEntryReachesTheTop() throws {
        var log = Fixture.quietLog()
        for index in 1...60 { log.add(8 + Double(index) / 100, "ana", .note(text: "note \(index)")) }
        var state = try Fixture.state(log, minute: 12, width: 120, height: 40)
        _ = state.update(.key(.home))
        let lines = Fixture.render(state).lines
        let area = DashboardLayout(state).entryArea(of: .technical)
        // The pane is full from the oldest entry at the top to the row above the "more below" marker.
        func pane(_ row: Int) -> String { String(lines[row].prefix(area.width)).trimmingCharacters(in: .whitespaces) }
        #expect(pane(area.y).contains("opened SEV1"))
        #expect(!pane(area.maxY - 2).isEmpty)
        #expect(pane(area.maxY - 1).contains("more below"))
        _ = state.update(.key(.pageUp))
        #expect(Fixture.render(state).lines == lines, "Home went as far as the pane stays full")
    }

    /// The CLI warns after posting a briefing with no reason for its time; the dashboard says it too, after
    /// the "posted" confirmation, instead of the finding vanishing with the composer's text.
    @Test func thePostedBriefingKeepsTheCoachsFinding() throws {
        var state = try state()
        let sequence = state.incident.lastSequence + 1
        let briefing = Event(incident: Fixture.incident, sequence: sequence, recordedAt: state.now, author: "tester",
                             payload: .briefing(text: "Checkout works again for most shoppers.",
                                                nextUpdateAt: state.now.addingTimeInterval(1200), reason: nil))
        _ = state.update(.posted(briefing))
        #expect(state.status?.text.contains("posted:") == true)
        #expect(state.status?.text.contains("coach: the next-update time comes with no reason") == true)

        let reasoned = Event(incident: Fixture.incident, sequence: sequence + 1, recordedAt: state.now, author: "tester",
                             payload: .briefing(text: "Checkout works again for most shoppers.",
                                                nextUpdateAt: state.now.addingTimeInterval(1200), reason: "the fix rolls out by then"))
        _ = state.update(.posted(reasoned))
        #expect(state.status?.text.contains("coach:") == false)
    }

    @Test func homeAndEndMoveTheCursorWhileTheComposerHoldsText() throws {
        var state = try state()
        type("abc", into: &state)
        _ = state.update(.key(.home))
        #expect(state.composer.editor.cursor == 0)
        #expect(state.scroll(of: .technical).isFollowing)
        _ = state.update(.key(.end))
        #expect(state.composer.editor.cursor == 3)
    }

    @Test func ticksMoveTheCountdownAndResizesTheLayout() throws {
        var state = try state()
        _ = state.update(.tick(Fixture.quietLog().at(12.5)))
        #expect(Fixture.render(state).lines.contains { $0.contains("17:30") })
        _ = state.update(.resize(width: 50, height: 14))
        let grid = Fixture.render(state)
        #expect(grid.width == 50 && grid.height == 14)
        #expect(DashboardLayout(state).isStacked)
    }

    @Test func theComposerCursorSitsAfterWideCharacters() throws {
        var state = try state()
        type("中文🚀", into: &state)
        _ = state.update(.key(.left))
        let grid = Fixture.render(state)
        let start = try #require(locate("中文🚀", in: grid))
        #expect(grid.cursor == Point(x: start.x + 4, y: start.y))
    }
}

/// Issue 11: `/edit` merged a stack trace's own indentation into the entry's wrapping indent.
@Suite struct MultiLineEntryTests {
    @Test func aStackTraceKeepsItsIndentationAndWrapsUnderIt() throws {
        var log = Fixture.quietLog()
        log.add(8, "ana", .note(text: "crash in checkout:\n    at PaymentClient.charge(order:) in PaymentClient.swift line 120 while retrying the call to the provider\n  caused by: timeout"))
        let state = try Fixture.state(log, minute: 9, width: 120, height: 40)
        let lines = Fixture.render(state).lines
        let area = DashboardLayout(state).entryArea(of: .technical)
        let pane = lines.map { String($0.prefix(area.width)) }
        let frame = try #require(pane.firstIndex { $0.contains("at PaymentClient") })
        let hanging = pane[frame].prefix { $0 == " " }.count
        #expect(hanging >= 8, "four spaces of its own on top of the entry's indent: \(pane[frame])")
        // The wrapped rest of that frame hangs under its own text, not back at the entry's indent.
        #expect(pane[frame + 1].prefix { $0 == " " }.count == hanging, "\(pane[frame + 1])")
        let cause = try #require(pane.first { $0.contains("caused by") })
        #expect(cause.prefix { $0 == " " }.count == hanging - 2)
    }
}

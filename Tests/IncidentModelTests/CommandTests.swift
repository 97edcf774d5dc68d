import Foundation
import IncidentModel
import Testing

@Suite("Command factories")
struct CommandTests {
    @Test func emptyAndWhitespaceTextIsRefused() {
        #expect(commandError { try Command.note(validating: "") } == "the note is empty: give the text to record")
        #expect(commandError { try Command.note(validating: "  \t\n ") }?.contains("is empty") == true)
        #expect(commandError { try Command.question(validating: "") }?.contains("the question is empty") == true)
        #expect(commandError { try Command.impact(validating: " ") }?.contains("is empty") == true)
        #expect(commandError { try Command.frame(validating: "\n") }?.contains("is empty") == true)
        #expect(commandError { try Command.workaround(validating: "") }?.contains("is empty") == true)
        #expect(commandError { try Command.park(validating: "") }?.contains("is empty") == true)
        #expect(commandError { try Command.brief(" ", next: nil, why: nil) }?.contains("the briefing is empty") == true)
        #expect(commandError { try Command.brief("ok", next: nil, why: " ") }?.contains("(--why) is empty") == true)
        #expect(commandError { try Command.answer("Q1", "") }?.contains("the answer is empty") == true)
    }

    @Test func sixteenKiBMeasuredInUTF8Bytes() throws {
        let limit = EntryText.maximumBytes
        #expect(limit == 16_384)
        let ascii = String(repeating: "a", count: limit)
        #expect(try Command.note(validating: ascii) == .note(ascii))
        let message = commandError { try Command.note(validating: ascii + "a") }
        #expect(message == "the note is 16385 bytes long: at most 16384 bytes (16 KiB) are accepted")

        // 8192 two-byte characters are 16384 bytes but only 8192 characters.
        let accented = String(repeating: "é", count: limit / 2)
        #expect(accented.utf8.count == limit)
        #expect(try Command.note(validating: accented) == .note(accented))
        #expect(commandError { try Command.note(validating: accented + "a") }?.contains("16385 bytes") == true)
        // 5462 three-byte characters: 16386 bytes in only 5462 characters.
        let euros = String(repeating: "€", count: 5462)
        #expect(commandError { try Command.note(validating: euros) }?.contains("16386 bytes") == true)
        let emoji = String(repeating: "🚨", count: limit / 4)
        #expect(try Command.park(validating: emoji) == .park(emoji))
        #expect(commandError { try Command.park(validating: emoji + "!") } != nil)
        // Every text-bearing factory applies the limit, reasons included.
        #expect(commandError { try Command.ask("x", why: ascii + "a") }?.contains("the reason (--why)") == true)
        #expect(commandError { try Command.brief("x", next: nil, why: ascii + "a") } != nil)
    }

    @Test func deadlineDueTimes() throws {
        #expect(try Command.deadline("check lag", in: "20m", at: nil, owner: nil)
            == .deadline(text: "check lag", due: .after(1200), owner: nil))
        #expect(try Command.deadline("check lag", in: nil, at: "14:30", owner: "Bo")
            == .deadline(text: "check lag", due: .clock(hour: 14, minute: 30), owner: "Bo"))
        #expect(commandError { try Command.deadline("x", in: "20m", at: "14:30", owner: nil) }
            == "a deadline takes --in or --at, not both")
        #expect(commandError { try Command.deadline("x", in: nil, at: nil, owner: nil) }?.contains("needs a due time") == true)
        #expect(commandError { try Command.deadline("x", in: "14:30", at: nil, owner: nil) }?.contains("--in '14:30' is not a duration") == true)
        #expect(commandError { try Command.deadline("x", in: "0m", at: nil, owner: nil) } != nil)
        #expect(commandError { try Command.deadline("x", in: nil, at: "soon", owner: nil) }?.contains("--at 'soon' is not a time") == true)
    }

    @Test func slipNeedsAReason() throws {
        #expect(commandError { try Command.deadlineSlip("D1", in: "20m", at: nil, why: nil) }?.contains("a slip needs --why") == true)
        #expect(commandError { try Command.deadlineSlip("D1", in: "20m", at: nil, why: "  ") }?.contains("is empty") == true)
        #expect(commandError { try Command.deadlineSlip("D1", in: "20m", at: "14:00", why: "x") }
            == "a deadline slip takes --in or --at, not both")
        #expect(try Command.deadlineSlip("d4", in: nil, at: "14:00", why: "vendor")
            == .deadlineSlip(number: 4, due: .clock(hour: 14, minute: 0), why: "vendor"))
    }

    @Test("references", arguments: ["D0", "Q1", "D", "", "D-1", "D1.5", "D 1", "D12345678901", "one"])
    func badDeadlineReferences(reference: String) {
        #expect(commandError { try Command.deadlineMet(reference, why: nil) }?.contains("is not a deadline") == true)
    }

    @Test func askNeedsAReason() throws {
        #expect(commandError { try Command.ask("send logs", why: nil) }?.contains("needs --why") == true)
        #expect(try Command.ask("send logs", why: "only they have them") == .ask(text: "send logs", why: "only they have them"))
        #expect(try Command.askDone("A3") == .askDone(number: 3))
        #expect(commandError { try Command.askDone("Q3") }?.contains("is not a request") == true)
    }

    @Test func severity() throws {
        for bad in [0, 5, -1] {
            #expect(commandError {
                try Command.open(title: "t", severity: bad, customer: nil, owner: nil, phone: nil, cadence: nil)
            } == "severity \(bad) is not known: use 1, 2, 3 or 4")
        }
        #expect(commandError {
            try Command.open(title: "t", severity: nil, customer: nil, owner: nil, phone: nil, cadence: nil)
        }?.contains("needs --severity") == true)
        #expect(commandError {
            try Command.open(title: "", severity: 1, customer: nil, owner: nil, phone: nil, cadence: nil)
        }?.contains("the title is empty") == true)
        #expect(commandError {
            try Command.open(title: "t", severity: 1, customer: nil, owner: nil, phone: nil, cadence: "soon")
        }?.contains("cadence 'soon'") == true)
    }

    @Test func ownerAndPhone() throws {
        #expect(try Command.owner("Ana", phone: "+1 (555) 010-0 x12") == .owner(name: "Ana", phone: "+1 (555) 010-0 x12"))
        #expect(commandError { try Command.owner("Ana", phone: nil) }?.contains("owner needs --phone") == true)
        for bad in ["ask Bo", "12", "555-0100; rm -rf", "+1 555 0100\u{1B}[2J", String(repeating: "1", count: 41)] {
            #expect(commandError { try Command.owner("Ana", phone: bad) }?.contains("is not a phone number") == true,
                    "\(bad)")
        }
        #expect(commandError {
            try Command.open(title: "t", severity: 1, customer: nil, owner: "Ana", phone: nil, cadence: nil)
        }?.contains("--owner needs --phone") == true)
        #expect(commandError {
            try Command.open(title: "t", severity: 1, customer: nil, owner: nil, phone: "555 0100", cadence: nil)
        }?.contains("--phone needs --owner") == true)
        #expect(commandError {
            try Command.open(title: "t", severity: 1, customer: nil, owner: "Ana", phone: "call me", cadence: nil)
        }?.contains("is not a phone number") == true)
    }

    @Test func status() throws {
        #expect(try Command.status("RESOLVED") == .status(.resolved))
        let message = commandError { try Command.status("done") }
        #expect(message == "status 'done' is not known: use one of investigating, identified, monitoring, mitigated, resolved, closed")
    }

    @Test func openingPayloads() throws {
        let open = try Command.open(title: "Checkout down", severity: 2, customer: "Acme", owner: "Ana",
                                    phone: "555 0100", cadence: "45m")
        #expect(try open.openingPayloads() == [
            .opened(title: "Checkout down", severity: .sev2, customer: "Acme", cadence: 2700),
            .owner(name: "Ana", phone: "555 0100"),
        ])
        let bare = try Command.open(title: "t", severity: 4, customer: nil, owner: nil, phone: nil, cadence: nil)
        #expect(try bare.openingPayloads() == [.opened(title: "t", severity: .sev4, customer: nil, cadence: nil)])
        #expect(commandError { try Command.note("x").openingPayloads() } != nil)
    }
}

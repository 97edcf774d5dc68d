import Foundation
import Testing
@testable import IncidentModel

/// Each coach rule fires on the habit it names, and none fires on a clean briefing.
@Suite struct BriefingCoachTests {
    let coach = BriefingCoach()
    let clean = "We have restored checkout for all shoppers. Our next step is to verify every payment taken since 13:50."

    private func rules(_ text: String, committedTime: Bool = false, reason: String? = nil) -> [String] {
        coach.review(text, committedTime: committedTime, reason: reason).map(\.rule)
    }

    @Test func aCleanBriefingHasNoFindings() {
        #expect(coach.review(clean, committedTime: true, reason: "the verification takes 20 minutes").isEmpty)
    }

    @Test(arguments: ["I think the fix will work", "Maybe by noon", "It should be fixed soon",
                      "We'll try a restart", "Hopefully this holds", "It is probably the database"])
    func hedgingFires(text: String) {
        #expect(rules(text) == ["hedging"])
    }

    @Test(arguments: ["This is not our fault", "It's the vendor's issue", "The problem is on your side",
                      "Your firewall blocks it", "This is outside our control"])
    func blameFires(text: String) {
        #expect(rules(text).contains("blame"))
    }

    @Test(arguments: ["Host db-eu-2 is down", "Traffic to 10.0.4.12:5432 drops", "We see ECONNRESET",
                      "A NullPointerException in the payment service", "We ran kubectl rollout undo",
                      "HTTP 503 from the gateway", "Error ORA-00600 on the primary",
                      "at com.acme.Pay.charge(Pay.java:42)", "api.payments.internal is unreachable"])
    func technicalDetailFires(text: String) {
        #expect(rules(text).contains("technical-detail"), "\(text)")
    }

    @Test func aCommitmentWithoutAReasonFires() {
        #expect(rules(clean, committedTime: true, reason: nil) == ["missing-reason"])
        #expect(rules(clean, committedTime: true, reason: "  ") == ["missing-reason"])
        #expect(rules(clean, committedTime: false, reason: nil).isEmpty)
    }

    private func commitment(in seconds: TimeInterval, chosen: Bool = true, reason: String? = "the rollback ends then",
                            cadence: TimeInterval? = 1200) -> BriefingCommitment {
        let now = iso("2026-11-23T14:20:00Z")
        return BriefingCommitment(nextUpdateAt: now.addingTimeInterval(seconds), chosen: chosen, reason: reason,
                                  cadence: cadence, now: now)
    }

    @Test func noTimeAndNoReasonFires() {
        // `brief TEXT` with neither --next nor --why: the cadence sets the time, and nobody said why.
        #expect(coach.review(clean, commitment: commitment(in: 1200, chosen: false, reason: nil)).map(\.rule)
            == ["no-commitment"])
        #expect(coach.review(clean, commitment: commitment(in: 1200, chosen: false, reason: "our regular updates")).isEmpty)
        #expect(coach.review(clean, commitment: commitment(in: 1200, chosen: true, reason: nil)).map(\.rule)
            == ["missing-reason"])
    }

    @Test func aPromiseFarBeyondTheCadenceFires() throws {
        // "--next 14:10" typed at 14:20 on a SEV1: tomorrow's 14:10, 23h50m away on a 20-minute cadence.
        let findings = coach.review(clean, commitment: commitment(in: 23 * 3600 + 50 * 60))
        #expect(findings.map(\.rule) == ["far-promise"])
        let finding = try #require(findings.first)
        #expect(finding.message.hasPrefix("the next update is 23h50m away, far beyond the 20m cadence: check the time"))
        // Within three cadences, or within the hour, is a judgement call the coach leaves alone.
        #expect(coach.review(clean, commitment: commitment(in: 3 * 1200)).isEmpty)
        #expect(coach.review(clean, commitment: commitment(in: 3 * 1200 + 1)).map(\.rule) == ["far-promise"])
        #expect(coach.review(clean, commitment: commitment(in: 50 * 60, cadence: 300)).isEmpty)
        #expect(coach.review(clean, commitment: commitment(in: 61 * 60, cadence: 300)).map(\.rule) == ["far-promise"])
        // No cadence known (lint without an incident): no judgement.
        #expect(coach.review(clean, commitment: commitment(in: 86_000, cadence: nil)).isEmpty)
    }

    @Test func onlyWhatWillNotHappenFires() {
        #expect(rules("We can't restore the old data today.") == ["negative-only"])
        // Saying what will happen instead keeps the coach quiet.
        #expect(rules("We can't restore the old data today; instead we will rebuild it from backups by 18:00.").isEmpty)
    }

    @Test func findingsNameTheWordsAsWrittenAndTheFix() throws {
        let finding = try #require(coach.review("i THINK so, maybe", committedTime: false).first)
        #expect(finding.words == ["i THINK", "maybe"])
        #expect(finding.message.contains("\"i THINK\""))
        #expect(finding.message.contains("behavior 8"))
    }

    @Test func wordsInsideOtherWordsDoNotFire() {
        #expect(rules("Mighty effort by the team; we have restored service.").isEmpty)
        #expect(rules("We are maybelline's supplier").isEmpty)
    }

    @Test func curlyApostrophesCount() {
        #expect(rules("We’ll try again").contains("hedging"))
        #expect(rules("It’s not our fault").contains("blame"))
    }

    @Test func everyBundledRuleHasWordsOrPatternsThatCompile() throws {
        let rules = CoachRules.bundled
        #expect(Set(rules.rules.map(\.id)) == ["hedging", "blame", "technical-detail", "negative-only"])
        for rule in rules.rules {
            #expect(!(rule.phrases.isEmpty && rule.patterns.isEmpty))
            for pattern in rule.patterns {
                #expect(throws: Never.self) { try NSRegularExpression(pattern: pattern) }
            }
        }
    }
}

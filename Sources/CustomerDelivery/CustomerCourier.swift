import Foundation
import IncidentModel

/// The courier `crisis watch` and the dashboards deliver with: mail through the host's sendmail, webhooks
/// signed and posted over HTTPS, both set up from the environment (`CRISIS_MAIL_FROM`, `CRISIS_SENDMAIL`,
/// `CRISIS_SENDMAIL_TIMEOUT`, `CRISIS_CA_FILE`, `CRISIS_WEBHOOK_TIMEOUT`).
public struct CustomerCourier: NoticeCourier {
    public let mail: MailSettings
    public let webhooks: WebhookPoster.Configuration
    private let environment: [String: String]
    /// False where deliveries are a side job (a dashboard): mail is left to a process that has sendmail.
    private let servesAll: Bool

    /// Refuses a bad setting at once, in one line naming the variable: a process that delivers should not
    /// start and then fail every delivery for a typo. `servesAll` (`crisis watch`, whose job this is) takes
    /// on mail even without a sendmail, so the failure is recorded and flagged rather than left unsaid.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, servesAll: Bool) async throws {
        mail = try MailSettings.fromEnvironment(environment)
        webhooks = try .fromEnvironment(environment)
        self.environment = environment
        self.servesAll = servesAll
        // A CA file that cannot be read is a setting error too; the poster checks it as it starts.
        try await WebhookPoster.with(webhooks) { _ in }
    }

    public func serves(_ channel: DeliveryChannel) -> Bool {
        servesAll || channel == .webhook || Sendmail(settings: mail, environment: environment).canRun
    }

    public func deliver(_ notice: CustomerNotice, to subscription: Subscription, attempt: Int) async -> CourierOutcome {
        switch subscription.channel {
        case .mail: return await mail(notice, to: subscription)
        case .webhook: return await post(notice, to: subscription)
        }
    }

    private func mail(_ notice: CustomerNotice, to subscription: Subscription) async -> CourierOutcome {
        let recipient: MailAddress
        do {
            recipient = try MailAddress(address: subscription.address, displayName: subscription.name)
        } catch {
            return .failed("not an address mail can go to: \(error)", temporary: false)
        }
        let message = MailMessage(notice, from: mail.from, to: recipient, zone: subscription.timeZone)
        let sendmail = Sendmail(settings: mail, environment: environment)
        // sendmail blocks until the MTA has the message: off the cooperative threads, which must not wait.
        let outcome = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: sendmail.send(message)) }
        }
        return outcome.isAccepted ? .delivered(outcome.description)
            : .failed(outcome.description, temporary: outcome.isTemporary)
    }

    private func post(_ notice: CustomerNotice, to subscription: Subscription) async -> CourierOutcome {
        do {
            let url = try WebhookURL(subscription.address, allowPrivate: subscription.allowPrivate)
            let secret = try WebhookSecret(parsing: subscription.secret ?? "")
            let payload = try WebhookPayload(notice)
            // A client per attempt: deliveries are minutes apart, and nothing is left to shut down after.
            let outcome = try await WebhookPoster.with(webhooks) { poster in
                await poster.post(payload, to: url, secret: secret)
            }
            // The receipt names the subscriber already: its detail is what happened.
            switch outcome {
            case let .delivered(status, elapsed): return .delivered("\(status) in \(ElapsedText.of(elapsed))")
            case let .failed(reason, temporary, _): return .failed(reason, temporary: temporary)
            }
        } catch let error as CommandError {
            return .failed(error.message, temporary: false)
        } catch {
            return .failed("the webhook could not be made: \(error)", temporary: false)
        }
    }
}

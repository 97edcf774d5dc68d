import IncidentModel

/// What one attempt at a delivery came to, and whether trying again can help.
public enum WebhookOutcome: Sendable, Equatable {
    /// The receiver answered 2xx: it has the update.
    case delivered(status: Int, elapsed: Duration)
    /// Temporary: 5xx, 408, 429, a timeout, a refused or reset connection, DNS. Worth retrying on the
    /// `DeliveryRetryPolicy` schedule. Permanent: any other 4xx, a redirect, TLS trust, a private address; the
    /// same request would fail the same way until someone changes the subscription or the receiver.
    case failed(reason: String, isTemporary: Bool, elapsed: Duration)

    public var isDelivered: Bool {
        if case .delivered = self { return true }
        return false
    }

    /// From the start of the attempt (the DNS check included) to its outcome.
    public var elapsed: Duration {
        switch self {
        case .delivered(_, let elapsed), .failed(_, _, let elapsed): elapsed
        }
    }

    public var isTemporaryFailure: Bool {
        if case .failed(_, let temporary, _) = self { return temporary }
        return false
    }

    /// `webhook to hooks.acme.example: 200 in 84 ms`, `webhook to hooks.acme.example: 500 (internal error: …)`
    public func line(to url: WebhookURL) -> String {
        switch self {
        case .delivered(let status, let elapsed): "webhook to \(url.displayHost): \(status) in \(ElapsedText.of(elapsed))"
        case .failed(let reason, _, _): "webhook to \(url.displayHost): \(reason)"
        }
    }
}

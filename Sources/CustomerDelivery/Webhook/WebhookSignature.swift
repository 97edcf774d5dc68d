import Crypto
import Foundation
import IncidentModel

/// How a receiver knows a delivery came from crisis and is fresh: Stripe's scheme.
///
/// ```
/// Crisis-Signature: t=1795442709,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
/// Crisis-Delivery: inc12-1795442709-40
/// Crisis-Event: incident.briefing
/// ```
///
/// `v1` is the hex HMAC-SHA256, keyed with the secret's text (`whsec_…`), of `<t>.<raw body>`. The timestamp
/// is inside what is signed, so a captured delivery replayed later is refused by its age; a receiver checks the
/// signature on the raw bytes before parsing them. A header may carry several `v1` (while a secret is being
/// replaced); one that matches is enough.
public enum WebhookSignature {
    public static let signatureHeader = "Crisis-Signature"
    public static let deliveryHeader = "Crisis-Delivery"
    public static let eventHeader = "Crisis-Event"
    /// Five minutes, as Stripe: long enough for clocks a little apart, short enough to make a replay useless.
    public static let defaultTolerance: Duration = .seconds(300)

    /// Why a receiver refuses a delivery.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// No `t=` or no `v1=` in the header, or one that is not a number or not hex.
        case malformed
        /// Signed `seconds` away from now, more than the tolerance (replayed, or a clock far off).
        case outsideTolerance(seconds: Int)
        /// No `v1` is the HMAC of this body under this secret.
        case mismatch

        public var description: String {
            switch self {
            case .malformed: "malformed \(WebhookSignature.signatureHeader) header: expected t=<unix seconds>,v1=<hex>"
            case .outsideTolerance(let seconds): "signed \(seconds) s away from now: too old, or a clock is off"
            case .mismatch: "signature does not match the body and the secret"
            }
        }
    }

    /// `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
    public static func header(body: Data, secret: WebhookSecret, at time: Date) -> String {
        let seconds = Int(time.timeIntervalSince1970.rounded(.down))
        let code = HMAC<SHA256>.authenticationCode(for: signed(seconds, body), using: secret.key)
        return "t=\(seconds),v1=\(code.map { String(format: "%02x", $0) }.joined())"
    }

    /// The three headers of a delivery, signed at `time` (each attempt signs anew, so a retry is fresh).
    public static func headers(for payload: WebhookPayload, secret: WebhookSecret, at time: Date) -> [(name: String, value: String)] {
        [
            (signatureHeader, header(body: payload.body, secret: secret, at: time)),
            (deliveryHeader, payload.deliveryID),
            (eventHeader, payload.type),
        ]
    }

    /// What a receiver written in Swift does with a delivery before believing it.
    ///
    /// ```swift
    /// try WebhookSignature.verify(header: request.headers["Crisis-Signature"], body: rawBody, secret: secret)
    /// ```
    public static func verify(header: String?, body: Data, secret: WebhookSecret, now: Date = Date(),
                              tolerance: Duration = defaultTolerance) throws(Refusal) {
        var timestamp: Int?
        var codes: [Data] = []
        for field in (header ?? "").split(separator: ",") {
            let parts = field.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "t": timestamp = Int(parts[1])
            case "v1": if let code = Self.bytes(hex: parts[1]) { codes.append(code) }
            default: continue // later schemes (v2…) are for later receivers
            }
        }
        guard let timestamp, !codes.isEmpty else { throw .malformed }
        let age = Int(now.timeIntervalSince1970.rounded(.down)) - timestamp
        guard age.magnitude <= tolerance.components.seconds.magnitude else { throw .outsideTolerance(seconds: age) }
        let message = signed(timestamp, body)
        // isValidAuthenticationCode compares in constant time: how long a wrong guess takes says nothing.
        guard codes.contains(where: { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: message, using: secret.key) })
        else { throw .mismatch }
    }

    private static func signed(_ seconds: Int, _ body: Data) -> Data {
        Data("\(seconds).".utf8) + body
    }

    private static func bytes(hex: String) -> Data? {
        // ASCII only: Character.isHexDigit also takes fullwidth digits, which UInt8(_:radix:) does not.
        let digits = Array(hex.utf8)
        guard digits.count == 64, digits.allSatisfy({ (48...57).contains($0) || (97...102).contains($0 | 0x20) })
        else { return nil }
        var bytes = Data(capacity: 32)
        for pair in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[pair..<pair + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}

extension WebhookSecret {
    /// The HMAC key: the secret's text as shown, `whsec_` included, as Stripe does.
    var key: SymmetricKey { SymmetricKey(data: Data(text.utf8)) }
}

import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// How this host sends mail, from the environment:
///
/// - `CRISIS_MAIL_FROM`: the sender, `name@example.com` or `Name <name@example.com>`; default
///   `crisis <crisis@HOSTNAME>`.
/// - `CRISIS_SENDMAIL`: the sendmail-compatible command and its arguments, split on spaces and run without
///   a shell (`msmtp -C /etc/msmtprc-crisis`); default `/usr/sbin/sendmail`, else `/usr/lib/sendmail`.
/// - `CRISIS_SENDMAIL_TIMEOUT`: seconds sendmail may take to accept a message, 0.1 to 600; default 30.
public struct MailSettings: Equatable, Sendable {
    public let from: MailAddress
    /// The program and the arguments that come before `-t -i -f FROM`.
    public let sendmailCommand: [String]
    public let timeout: TimeInterval

    /// Where sendmail lives by tradition: Debian's MTAs install the first, old Unix had the second.
    public static let standardSendmailPaths = ["/usr/sbin/sendmail", "/usr/lib/sendmail"]

    public init(from: MailAddress, sendmailCommand: [String], timeout: TimeInterval = 30) {
        self.from = from
        self.sendmailCommand = sendmailCommand
        self.timeout = timeout
    }

    /// Reads the settings above; a bad value is a one-line error naming the variable and what it accepts.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       hostname: String = MailSettings.hostname(),
                                       isExecutable: (String) -> Bool = FileManager.default.isExecutableFile(atPath:))
        throws -> MailSettings {
        let from: MailAddress
        if let raw = environment["CRISIS_MAIL_FROM"], !raw.isEmpty {
            do {
                from = try MailAddress(parsing: raw)
            } catch let error as CommandError {
                throw CommandError("CRISIS_MAIL_FROM: \(error.message)")
            }
        } else {
            // A hostname that is no mail domain (an underscore, a container id) must not stop the mail.
            if let here = try? MailAddress(address: "crisis@" + hostname, displayName: "crisis") {
                from = here
            } else {
                from = try MailAddress(address: "crisis@localhost", displayName: "crisis")
            }
        }
        let command: [String]
        if let raw = environment["CRISIS_SENDMAIL"] {
            command = raw.split(separator: " ").map(String.init)
            guard !command.isEmpty else {
                throw CommandError("CRISIS_SENDMAIL is empty: give a sendmail-compatible command, "
                    + "such as /usr/sbin/sendmail or msmtp -C /etc/msmtprc")
            }
            guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw CommandError("CRISIS_SENDMAIL '\(TerminalSafeText.sanitize(raw))' holds a control character: give a command and "
                    + "its arguments separated by spaces, such as msmtp -C /etc/msmtprc")
            }
        } else {
            command = [standardSendmailPaths.first(where: isExecutable) ?? standardSendmailPaths[0]]
        }
        var timeout: TimeInterval = 30
        if let raw = environment["CRISIS_SENDMAIL_TIMEOUT"] {
            guard let seconds = TimeInterval(raw.trimmingCharacters(in: .whitespaces)), seconds.isFinite,
                  seconds >= 0.1, seconds <= 240 else {
                throw CommandError("CRISIS_SENDMAIL_TIMEOUT '\(TerminalSafeText.sanitize(raw))' is not understood: "
                    + "use a number of seconds from 0.1 to 240 (a delivery claimed longer ago than DeliveryTrack.claimLapse is taken over)")
            }
            timeout = seconds
        }
        return MailSettings(from: from, sendmailCommand: command, timeout: timeout)
    }

    /// This host's name, as gethostname gives it.
    public static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

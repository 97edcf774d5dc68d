import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server on a free loopback port (Debian's python3-aiosmtpd) that keeps every message it is
/// given, and an msmtprc pointing at it: `sendmailCommand` is a sendmail that really talks SMTP, for
/// `CRISIS_SENDMAIL`.
///
/// Each message lands in `mailbox` as `NNNN.eml` (the bytes exactly as they came over SMTP) with
/// `NNNN.envelope.json` beside it (`mail_from`, `rcpt_tos`), each written whole before it appears.
/// Recipients whose address starts with `refused` are refused with a 550, for the tests of bounces.
public final class MailCatcher: Sendable {
    public static let msmtp = "/usr/bin/msmtp"
    public static let python = "/usr/bin/python3"

    /// Whether msmtp and aiosmtpd are installed; tests that need them are skipped, saying so, when not.
    public static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: msmtp),
              FileManager.default.isExecutableFile(atPath: python) else { return false }
        return (try? Subprocess.run(python, ["-c", "import aiosmtpd"]).status) == 0
    }()

    /// Why `isAvailable` is false, for the skip.
    public static let unavailable = "needs msmtp and python3-aiosmtpd: apt-get install msmtp python3-aiosmtpd"

    public let port: Int
    /// The directory the messages land in.
    public let mailbox: String
    /// The msmtp configuration: this server, no TLS, no authentication.
    public let msmtprc: String
    private let directory: TemporaryDirectory
    private let server: BackgroundProcess

    /// `msmtp -C …/msmtprc`
    public var sendmailCommand: [String] { [Self.msmtp, "-C", msmtprc] }
    /// The same, as `CRISIS_SENDMAIL` takes it (the temporary path has no spaces).
    public var sendmailCommandLine: String { sendmailCommand.joined(separator: " ") }

    /// Starts the server and waits until it listens; `from` is msmtp's default sender.
    public init(from: String = "crisis@crisis.test") throws {
        directory = try TemporaryDirectory()
        mailbox = directory.path("mailbox")
        try FileManager.default.createDirectory(atPath: mailbox, withIntermediateDirectories: false)
        let portFile = directory.path("port")
        server = try BackgroundProcess(Self.python, ["-c", Self.serverScript, mailbox, portFile])
        // The server binds port 0 and writes the port it got once it listens: no race for a free port.
        let deadline = Date().addingTimeInterval(15)
        var port: Int?
        while port == nil {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0) }
            guard port == nil else { break }
            guard server.isRunning else {
                throw Subprocess.Failure(description: "the SMTP server did not start: \(server.stderr)")
            }
            guard Date() < deadline else {
                server.kill()
                throw Subprocess.Failure(description: "the SMTP server did not listen within 15 s: \(server.stderr)")
            }
            usleep(20_000)
        }
        self.port = port!
        msmtprc = directory.path("msmtprc")
        let configuration = """
            defaults
            auth off
            tls off
            syslog off
            timeout 10
            account default
            host 127.0.0.1
            port \(self.port)
            domain crisis.test
            from \(from)

            """
        // msmtp refuses a configuration others may read.
        guard FileManager.default.createFile(atPath: msmtprc, contents: Data(configuration.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            server.kill()
            throw Subprocess.Failure(description: "cannot write \(msmtprc)")
        }
    }

    deinit {
        server.kill(SIGTERM)
        server.wait()
    }

    /// The messages delivered so far, oldest first (paths of the `.eml` files).
    public func messages() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mailbox)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().map { mailbox + "/" + $0 }
    }

    /// Waits (a bounded poll) until at least `count` messages have arrived; throws with what did when not.
    @discardableResult
    public func waitForMessages(_ count: Int, timeout: TimeInterval = 10) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let found = messages()
            if found.count >= count { return found }
            guard Date() < deadline else {
                throw Subprocess.Failure(description: "\(found.count) of \(count) messages arrived: \(server.stderr)")
            }
            usleep(20_000)
        }
    }

    /// The server: aiosmtpd's SMTP protocol on a socket this script binds itself (port 0), with a handler
    /// that keeps exact bytes and the envelope, which aiosmtpd's own Mailbox handler would rewrite.
    private static let serverScript = #"""
        import asyncio, json, os, sys
        from aiosmtpd.smtp import SMTP

        mailbox, port_file = sys.argv[1], sys.argv[2]

        def write_whole(path, data):
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.rename(path + ".tmp", path)

        class Catcher:
            count = 0

            async def handle_RCPT(self, server, session, envelope, address, options):
                if address.startswith("refused"):
                    return "550 5.1.1 no such user here"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                Catcher.count += 1
                base = os.path.join(mailbox, "%04d" % Catcher.count)
                write_whole(base + ".envelope.json",
                            json.dumps({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}).encode())
                write_whole(base + ".eml", envelope.original_content or envelope.content)
                return "250 OK kept"

        async def main():
            catcher = Catcher()
            server = await asyncio.get_running_loop().create_server(
                lambda: SMTP(catcher, hostname="catcher.test"), "127.0.0.1", 0)
            write_whole(port_file, str(server.sockets[0].getsockname()[1]).encode())
            await server.serve_forever()

        asyncio.run(main())
        """#
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// How crisis reaches a server: a TCP connection it opens itself, so it can ask the kernel to watch it.
///
/// A dashboard sends nothing while nothing changes, so without help a connection that a NAT box or a
/// firewall dropped in silence would look alive for hours (Linux's default keepalive starts after two).
/// Keepalive probes after 20 s of silence, every 10 s, given up after 3 unanswered, keep state tables warm
/// and find a dead peer within 50 s; `TCP_USER_TIMEOUT` bounds a write left unacknowledged the same way.
/// The connection then closes, the follower says "offline", and the session connects again.
enum PostgresTransport {
    static let keepaliveIdleSeconds = 20
    static let keepaliveIntervalSeconds = 10
    static let keepaliveProbes = 3
    /// The most a dead peer can go unnoticed, idle or writing.
    static var deadPeerSeconds: Int {
        keepaliveIdleSeconds + keepaliveIntervalSeconds * keepaliveProbes
    }

    /// The name a crisis connection goes by in `pg_stat_activity`: "crisis" and the command, so an
    /// administrator (and crisis, at the server's limit) can count crisis's sessions and tell them apart.
    static let applicationName: String = {
        let arguments = CommandLine.arguments
        guard let program = arguments.first.map({ ($0 as NSString).lastPathComponent }), program == "crisis" else {
            return "crisis"
        }
        let command = arguments.dropFirst().first { !$0.hasPrefix("-") }
        return ["crisis", command?.prefix(20).filter { $0.isLetter || $0 == "-" }].compactMap { $0 }.joined(separator: " ")
    }()

    /// Opens a connection to `address` and logs in.
    static func connect(_ address: PostgresAddress, tls: PostgresConnection.Configuration.TLS, id: Int,
                        logger: Logger) async throws -> PostgresConnection {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount.seconds(5))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelOption(.tcpOption(NIOBSDSocket.Option(rawValue: TCP_KEEPIDLE)), value: keepaliveIdleSeconds)
            .channelOption(.tcpOption(NIOBSDSocket.Option(rawValue: TCP_KEEPINTVL)), value: keepaliveIntervalSeconds)
            .channelOption(.tcpOption(NIOBSDSocket.Option(rawValue: TCP_KEEPCNT)), value: keepaliveProbes)
            .channelOption(.tcpOption(NIOBSDSocket.Option(rawValue: TCP_USER_TIMEOUT)), value: deadPeerSeconds * 1000)
            .connect(host: address.host, port: address.port).get()
        var configuration = PostgresConnection.Configuration(
            establishedChannel: channel, tls: tls, username: address.user, password: address.password,
            database: address.database)
        configuration.options.connectTimeout = TimeAmount.seconds(5)
        // The name to check a certificate against, as PostgresNIO would for a host it connected itself (an
        // address literal is not a valid SNI name).
        if !isAddressLiteral(address.host) { configuration.options.tlsServerName = address.host }
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        do {
            // On the channel's own event loop: PostgresNIO sets up its handlers there.
            return try await PostgresConnection.connect(on: channel.eventLoop, configuration: configuration, id: id,
                                                        logger: logger).get()
        } catch {
            // A refused login leaves the socket to whoever opened it.
            try? await channel.close()
            throw error
        }
    }

    /// The TLS the URL's `sslmode` asks for, set up as libpq sets it up.
    static func tls(for address: PostgresAddress) throws -> PostgresConnection.Configuration.TLS {
        do {
            var settings = TLSConfiguration.makeClientConfiguration()
            switch address.sslMode {
            case .disable:
                return .disable
            case .allow, .prefer, .require:
                // As in libpq: these encrypt but do not check the certificate.
                settings.certificateVerification = .none
                let context = try NIOSSLContext(configuration: settings)
                return address.sslMode == .require ? .require(context) : .prefer(context)
            case .verifyCA:
                settings.certificateVerification = .noHostnameVerification
                return .require(try NIOSSLContext(configuration: settings))
            case .verifyFull:
                settings.certificateVerification = .fullVerification
                return .require(try NIOSSLContext(configuration: settings))
            }
        } catch {
            throw StoreError.badAddress("TLS cannot be set up for \(address.displayName): \(error)")
        }
    }

    private static func isAddressLiteral(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}

import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import IncidentStore
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// `crisis serve`: the customers' status pages over HTTP(S), for as long as the process runs. SIGTERM or
/// SIGINT stop it gracefully: streams end cleanly, requests under way finish, then it exits.
public struct StatusServer: Sendable {
    public let settings: ServeSettings
    public let store: any IncidentStore
    public let log: AccessLog
    /// "Now" for the pages' countdowns: the session's clock, so `CRISIS_NOW` replays an incident here too.
    public let clock: @Sendable () -> Date

    public init(settings: ServeSettings, store: any IncidentStore, log: AccessLog = AccessLog(),
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.settings = settings
        self.store = store
        self.log = log
        self.clock = clock
    }

    /// Reads the store, starts listening, and serves until a signal ends it. `started` hears the port bound
    /// (the one asked for, or the one the system chose for port 0).
    public func run(started: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let library = PageLibrary(store: store, clock: clock, report: { [log] line in log.note(line) })
        try await library.load()
        let routes = StatusRoutes(library: library, settings: settings, limiter: TokenGuessLimiter(), log: log)
        var logger = Logger(label: "crisis-serve")
        // Hummingbird's own request logging would write tokens; the access log writes what is safe.
        logger.logLevel = .warning
        let http1 = HTTPServerBuilder.http1(configuration: .init(
            idleTimeout: .seconds(Int64(settings.idleTimeout)),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100)))
        let server: HTTPServerBuilder
        if let certificate = settings.tlsCertificate, let key = settings.tlsKey {
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            server = try .tls(http1, tlsConfiguration: tls)
        } else {
            server = http1
        }
        let app = Application(
            router: routes.router(),
            server: server,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil,
                                 availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections)),
            onServerRunning: { channel in started(channel.localAddress?.port ?? 0) },
            logger: logger)
        // A group shuts its services down last first: the library ends every event stream, and only then does
        // the server wait for its connections to close (with the library inside the application, the server
        // would wait for streams that only the library's shutdown ends).
        let group = ServiceGroup(configuration: .init(
            services: [app, library], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE || error.errnoCode == EACCES {
            let reason = error.errnoCode == EADDRINUSE ? "the address is in use (another crisis serve?)" : "permission denied"
            throw ServeSettings.Invalid(description: "cannot listen on \(settings.host):\(settings.port): \(reason): choose another with --listen")
        }
    }
}

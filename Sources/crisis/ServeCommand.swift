import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore
import StatusServer
#if canImport(Glibc)
import Glibc
#endif

/// `crisis serve`: each customer's live status page, with its Atom feed and Statuspage-shaped JSON, for the
/// addresses `crisis share` gave out. Follows the store once for every browser; SIGTERM stops it gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve customers' live status pages, Atom feeds and Statuspage-shaped JSON over HTTP(S).",
        discussion: """
            Customers reach their page only through an address from 'crisis share --customer NAME'.
            On the internet, use --tls-cert/--tls-key, or a reverse proxy with --trust-proxy (see the README).
            One access-log line per request goes to stderr, with tokens left out.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Address and port to listen on (port 0: any free port).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain: serve HTTPS.", valueName: "file"))
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key for --tls-cert.", valueName: "file"))
    var tlsKey: String?
    @Flag(help: "Behind a reverse proxy: believe its X-Forwarded-Proto and X-Forwarded-For.")
    var trustProxy = false
    @Option(help: ArgumentHelp("The address customers use, for links in feeds and JSON. Default: CRISIS_PUBLIC_URL, else the request's Host.", valueName: "url"))
    var publicURL: String?
    @Option(help: ArgumentHelp("Time zone for the pages' local times (UTC follows in brackets). Default: TZ.", valueName: "zone"))
    var zone: String?
    @Option(help: ArgumentHelp("Connections open at once, event streams included (1 to 100000).", valueName: "n"))
    var maxConnections = 4096

    func validate() throws {
        _ = try settings()
    }

    func run() async throws {
        let settings = try settings()
        let session = try await CommandContext.session(global)
        let store = try session.store()
        Self.allowManyConnections(settings.maxConnections)
        let clock = session.clock
        let server = StatusServer(settings: settings, store: store, clock: { clock.now })
        let scheme = settings.usesTLS ? "https" : "http"
        let storeName = session.storeName
        do {
            try await server.run { port in
                Output.note("crisis serve: \(scheme)://\(settings.host.contains(":") ? "[\(settings.host)]" : settings.host):\(port)"
                    + " serves the shared status pages of \(storeName); SIGTERM or Ctrl-C stops it")
            }
        } catch let error as ServeSettings.Invalid {
            throw CommandError(error.description)
        } catch let error as PageLibrary.StoppedFollowing {
            throw CommandError(error.description)
        }
        Output.note("crisis serve: stopped")
    }

    private func settings() throws -> ServeSettings {
        var timeZone = TimeZone.current
        if let zone {
            guard let named = TimeZone(identifier: zone) else {
                throw ValidationError("--zone '\(zone)' is not a time zone: use an IANA name such as Europe/Berlin or UTC")
            }
            timeZone = named
        }
        do {
            return try ServeSettings(
                listen: listen, tlsCertificate: tlsCert, tlsKey: tlsKey, trustProxy: trustProxy,
                publicURL: publicURL ?? ProcessInfo.processInfo.environment["CRISIS_PUBLIC_URL"],
                zone: timeZone, maxConnections: maxConnections)
        } catch let invalid as ServeSettings.Invalid {
            throw ValidationError(invalid.description)
        }
    }

    /// A thousand browsers following pages are a thousand open files: the soft limit (often 1024) is raised
    /// toward the hard one, as far as the connections allowed need.
    static func allowManyConnections(_ connections: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let wanted = rlim_t(connections + 256)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = min(wanted, limit.rlim_max)
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

import CustomerDelivery
import ArgumentParser
import Dispatch
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore
#if canImport(Glibc)
import Glibc
#endif

/// `crisis watch`: the headless watcher for a host where no dashboard is open. It follows every open
/// incident, records reminders and runs hooks, and runs for days: a store that goes away is waited for,
/// SIGHUP re-reads the hooks' configuration, SIGTERM and SIGINT end it after the current look.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow every open incident headless: record reminders and run hooks (for systemd, cron or a tmux pane).")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("How log lines are written: text for people, json for journald and log shippers.",
                               valueName: "text|json"))
    var logFormat: String = "text"
    @Option(help: ArgumentHelp("Seconds between looks (0.2 to 60).", valueName: "seconds"))
    var every: Double = 1
    @Flag(help: "Look once and exit: for cron, and for scripts that want reminders recorded now.")
    var once = false

    func validate() throws {
        guard WatchLog.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format '\(logFormat)' is not known: use text or json")
        }
        guard every >= 0.2, every <= 60 else {
            throw ValidationError("--every \(every) is out of range: use 0.2 to 60 seconds")
        }
    }

    func run() async throws {
        let log = WatchLog(format: WatchLog.Format(rawValue: logFormat) ?? .text)
        let signals = WatchSignals()
        var hooks = try HookRunner.standard()
        // Mail and webhook settings are read now: a typo in one stops the watch at once, in one line.
        var courier = try await CustomerCourier(servesAll: true)
        // A store that does not answer yet (a boot where the database comes up later) is waited for, as one
        // that goes away later is: a unit restarted over and over would give up.
        var offline: String?
        var session: IncidentSession?
        while session == nil {
            do {
                session = try await CommandContext.session(global)
            } catch where StoreErrorClass(of: error) != .retryable || once {
                throw error
            } catch {
                let reason = TerminalSafeText.sanitize("\(error)")
                if offline != reason { log.warning("\(reason): trying again every \(Self.seconds(every))") }
                offline = reason
                if case .terminate(let name) = await signals.wait(seconds: every) {
                    log.info("\(name): stopping")
                    return
                }
            }
        }
        guard let session else { return }
        let watcher = IncidentWatcher(session: session, firer: makeFirer(session: session, hooks: hooks, courier: courier, log: log))
        log.info("watching \(session.storeName); hooks in \(hooks.directory.path) (\(Self.hookList(hooks)))")
        while true {
            do {
                try await watcher.look(now: session.clock.now)
                if let reason = offline {
                    log.info("the store answers again (it was out of reach: \(reason))")
                    offline = nil
                }
            } catch {
                let reason = TerminalSafeText.sanitize("\(error)")
                if offline == nil { log.warning("the store cannot be read (\(reason)): trying again") }
                offline = reason
                if once { throw ExitCode(1) }
            }
            if once {
                await watcher.finishDeliveries()
                return
            }
            switch await signals.wait(seconds: every) {
            case .timeout:
                continue
            case .terminate(let name):
                log.info("\(name): stopping once the deliveries under way have their receipts")
                await watcher.finishDeliveries()
                return
            case .reload:
                do {
                    hooks = try HookRunner.standard()
                    courier = try await CustomerCourier(servesAll: true)
                    await watcher.use(makeFirer(session: session, hooks: hooks, courier: courier, log: log))
                    log.info("SIGHUP: configuration read again; hooks in \(hooks.directory.path) (\(Self.hookList(hooks)))")
                } catch {
                    log.warning("SIGHUP: the new configuration is not usable (\(error)); keeping the old one")
                }
            }
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private func makeFirer(session: IncidentSession, hooks: HookRunner, courier: CustomerCourier,
                           log: WatchLog) -> ReminderFirer {
        ReminderFirer(session: session, program: "crisis watch", hooks: hooks, courier: courier) { level, line in log.write(level, line) }
    }

    /// `update-due-soon, briefing-posted`, or `none yet`.
    static func hookList(_ hooks: HookRunner) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: hooks.directory.path))?
            .filter { !$0.hasPrefix(".") }.sorted() ?? []
        return names.isEmpty ? "none yet" : names.joined(separator: ", ")
    }
}

import CustomerDelivery
import IncidentModel
import Testing

struct WebhookURLTests {
    @Test func anHTTPSAddressWithAHostIsAccepted() throws {
        let url = try WebhookURL("https://Hooks.Acme.example/crisis?team=eu")
        #expect(url.host == "hooks.acme.example")
        #expect(url.displayHost == "hooks.acme.example")
        #expect(try WebhookURL("https://hooks.acme.example:8443/x").displayHost == "hooks.acme.example:8443")
        #expect(try WebhookURL("https://203.0.113.9/x").host == "203.0.113.9")
        #expect(try WebhookURL("https://[2001:db8::9]/x").displayHost == "[2001:db8::9]")
    }

    /// Each refusal is one line that says what was wrong and what is accepted.
    @Test(arguments: [
        ("http://hooks.acme.example/crisis", "webhooks need https:// (TLS), not http://"),
        ("ftp://hooks.acme.example/crisis", "webhooks need https:// (TLS), not ftp://"),
        ("https://user:pw@hooks.acme.example/", "put no credentials in the URL; the signature authenticates crisis"),
        ("https://token@hooks.acme.example/", "put no credentials in the URL"),
        ("https:///crisis", "has no host"),
        ("https://hooks.acme.example/crisis#top", "a webhook URL has no #fragment"),
        ("hooks.acme.example/crisis", "is not a URL"),
        ("https://hooks.acme.example/cri sis", "is not a URL"),
        ("https://hooks.acme.example/\ncrisis", "is not a URL"),
        ("", "is not a URL"),
    ])
    func aMalformedAddressIsRefusedWithOneLine(text: String, mentions: String) {
        let error = #expect(throws: CommandError.self) { try WebhookURL(text, allowPrivate: true) }
        let message = error?.message ?? ""
        #expect(message.contains(mentions), "\(message)")
        #expect(!message.contains("\n"))
        let saysWhatIsAccepted = message.contains("https://hooks.example.com/crisis") || message.contains("https://host/path")
        #expect(saysWhatIsAccepted, "\(message)")
    }

    @Test func aRefusalNeverRepeatsThePassword() {
        let error = #expect(throws: CommandError.self) { try WebhookURL("https://alice:hunter2@hooks.acme.example/") }
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test(arguments: [
        ("https://127.0.0.1/", "loopback"), ("https://127.8.9.10:8443/", "loopback"), ("https://localhost/", "loopback"),
        ("https://LOCALHOST./", "loopback"), ("https://api.localhost/", "loopback"), ("https://[::1]/", "loopback"),
        ("https://10.1.2.3/", "private"), ("https://172.16.0.1/", "private"), ("https://172.31.255.255/", "private"),
        ("https://192.168.1.1/", "private"), ("https://100.64.0.1/", "CGNAT"), ("https://100.127.255.254/", "CGNAT"),
        ("https://169.254.169.254/latest/meta-data", "link-local"), ("https://[fe80::1]/", "link-local"),
        ("https://[fd00::1]/", "unique-local"), ("https://[fc00::1]/", "unique-local"),
        ("https://0.0.0.0/", "unspecified"), ("https://[::]/", "unspecified"),
        ("https://[::ffff:127.0.0.1]/", "loopback"), ("https://[::ffff:10.0.0.1]/", "private"),
        // Numeric shorthands that getaddrinfo (and browsers) read as 127.0.0.1.
        ("https://2130706433/", "loopback"), ("https://0x7f000001/", "loopback"), ("https://127.1/", "loopback"),
        ("https://224.0.0.1/", "multicast"),
    ])
    func aPrivateAddressIsRefusedUnlessAllowed(text: String, kind: String) throws {
        let error = #expect(throws: CommandError.self) { try WebhookURL(text) }
        let message = error?.message ?? ""
        #expect(message.contains("is a private address (\(kind)); pass --allow-private to post inside your network"),
                "\(message)")
        let allowed = try WebhookURL(text, allowPrivate: true)
        #expect(allowed.allowsPrivate)
    }

    @Test(arguments: ["https://172.32.0.1/", "https://100.128.0.1/", "https://192.169.0.1/", "https://8.8.8.8/",
                      "https://[2001:db8::1]/", "https://hooks.10.example/", "https://localhost.example/"])
    func aPublicAddressIsAccepted(text: String) throws {
        #expect(try WebhookURL(text).allowsPrivate == false)
    }

    /// --allow-private lifts the private-address refusal, nothing else.
    @Test func allowingPrivateAddressesStillRefusesTheRest() {
        #expect(throws: CommandError.self) { try WebhookURL("http://10.0.0.7/crisis", allowPrivate: true) }
        #expect(throws: CommandError.self) { try WebhookURL("https://u:p@10.0.0.7/crisis", allowPrivate: true) }
        #expect(throws: CommandError.self) { try WebhookURL("https://10.0.0.7/crisis#x", allowPrivate: true) }
    }

    /// A public name that resolves inside the network is refused the same way, at send time.
    @Test func aNameResolvingToAPrivateAddressIsRefused() {
        let refusal = WebhookResolver.privateRefusal(host: "hooks.acme.example", addresses: ["203.0.113.9", "127.0.0.1"])
        #expect(refusal?.message
            == "hooks.acme.example resolves to 127.0.0.1, which is a private address (loopback); pass --allow-private to post inside your network")
        #expect(WebhookResolver.privateRefusal(host: "h", addresses: ["fe80::1%eth0"])?.message.contains("link-local") == true)
        #expect(WebhookResolver.privateRefusal(host: "hooks.acme.example", addresses: ["203.0.113.9", "2001:db8::9"]) == nil)
    }

    @Test func theSystemResolverFindsLocalhostAndReportsAnUnknownName() async throws {
        let local = try await WebhookResolver.system.addresses("localhost").get()
        #expect(local.contains { $0 == "127.0.0.1" || $0 == "::1" }, "\(local)")
        let unknown = await WebhookResolver.system.addresses("no-such-host.invalid")
        guard case .failure(let error) = unknown else { Issue.record("resolved \(unknown)"); return }
        #expect(error.message.hasPrefix("DNS: cannot resolve no-such-host.invalid"), "\(error.message)")
    }
}

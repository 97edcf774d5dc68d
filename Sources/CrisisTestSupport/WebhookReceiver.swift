import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTPS server on a free loopback port for webhook tests: Python's `http.server` behind `ssl`, with a
/// certificate for 127.0.0.1 and localhost signed by a CA made for it alone (`caFile`), answering a scripted
/// sequence of responses and recording every request.
///
/// It checks each delivery's signature itself, with Python's `hmac`, in the way the README shows customers:
/// the test then knows that a receiver not written in Swift accepts what crisis signs.
///
/// Tests that need it are `.enabled(if: WebhookReceiver.isAvailable, WebhookReceiver.unavailable)`, so without
/// python3 or openssl they report themselves skipped.
public final class WebhookReceiver: @unchecked Sendable {
    // @unchecked: every stored property is a `let` of a Sendable or thread-safe type (BackgroundProcess locks).

    /// One scripted answer, used by one request, in order; once the script is used up, every request gets 200.
    public enum Response: Sendable {
        case status(Int, body: String = "")
        case redirect(Int, location: String)
        /// Waits this long before answering 200: longer than the client's timeout, it is a hang.
        case delay(seconds: Double)
    }

    /// A request as the server saw it.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        /// Names lowercased; a repeated header keeps its last value.
        public let headers: [String: String]
        public let body: Data
        /// "valid", or why Python's check refused the signature; nil when the receiver was given no secret.
        public let signature: String?
    }

    public static let python = executable("python3")
    public static let openssl = executable("openssl")
    public static var isAvailable: Bool { python != nil && openssl != nil }
    public static let unavailable = "needs python3 and openssl (an HTTPS receiver with its own CA): apt-get install python3 openssl"

    public let port: Int
    /// The PEM certificate of the CA that signed this receiver's certificate, and of nothing else.
    public let caFile: String
    /// `https://127.0.0.1:<port>`
    public var baseURL: String { "https://127.0.0.1:\(port)" }

    private let directory: TemporaryDirectory
    private let server: BackgroundProcess
    private let log: String

    /// Starts the server; `secret` (the text, `whsec_…`) makes it check signatures.
    public init(responses: [Response] = [], secret: String? = nil) throws {
        guard let python = Self.python, let openssl = Self.openssl else {
            throw Subprocess.Failure(description: Self.unavailable)
        }
        directory = try TemporaryDirectory()
        caFile = directory.path("ca.pem")
        log = directory.path("requests.jsonl")
        try Self.makeCertificates(openssl: openssl, in: directory)
        let script = directory.path("receiver.py")
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        let scripted = try JSONSerialization.data(withJSONObject: responses.map(\.json))
        try scripted.write(to: directory.url.appendingPathComponent("responses.json"))
        var arguments = [script, directory.path("leaf.pem"), directory.path("leaf.key"),
                         directory.path("responses.json"), log]
        if let secret { arguments.append(secret) }
        server = try BackgroundProcess(python, arguments)
        var printed = ""
        for _ in 0..<400 where printed.isEmpty {
            printed = server.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if printed.isEmpty { usleep(25_000) }
        }
        guard let port = Int(printed) else {
            server.kill()
            throw Subprocess.Failure(description: "the webhook receiver did not start: \(server.stderr)")
        }
        self.port = port
    }

    deinit {
        stop()
    }

    /// Ends the server: its port then refuses connections.
    public func stop() {
        server.kill()
        server.wait()
    }

    /// Every request so far, in the order they arrived.
    public func requests() throws -> [Request] {
        guard FileManager.default.fileExists(atPath: log) else { return [] }
        let text = try String(contentsOfFile: log, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let method = object["method"] as? String, let path = object["path"] as? String,
                  let headers = object["headers"] as? [String: String],
                  let body = (object["body_base64"] as? String).flatMap({ Data(base64Encoded: $0) })
            else { throw Subprocess.Failure(description: "the receiver wrote an odd line: \(line)") }
            return Request(method: method, path: path, headers: headers, body: body,
                           signature: object["signature"] as? String)
        }
    }

    /// The server's standard error: Python's tracebacks, for a failure message.
    public var stderr: String { server.stderr }

    private static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = ["/usr/bin", "/usr/local/bin"] + path.split(separator: ":").map(String.init)
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A CA, and a leaf for 127.0.0.1 and localhost signed by it: the CA goes in CRISIS_CA_FILE, the way a
    /// team would trust its own CA; a certificate trusted directly would not exercise chain building.
    private static func makeCertificates(openssl: String, in directory: TemporaryDirectory) throws {
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try run(openssl, ["req", "-x509"] + curve + [
            "-keyout", directory.path("ca.key"), "-out", directory.path("ca.pem"), "-days", "2",
            "-subj", "/CN=crisis test CA \(UUID().uuidString.prefix(8))",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try run(openssl, ["req"] + curve + [
            "-keyout", directory.path("leaf.key"), "-out", directory.path("leaf.csr"), "-subj", "/CN=localhost",
        ])
        try """
            subjectAltName=IP:127.0.0.1,DNS:localhost
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth

            """.write(toFile: directory.path("leaf.ext"), atomically: true, encoding: .utf8)
        try run(openssl, [
            "x509", "-req", "-in", directory.path("leaf.csr"), "-CA", directory.path("ca.pem"),
            "-CAkey", directory.path("ca.key"), "-set_serial", "\(UInt32.random(in: 1...UInt32.max))",
            "-days", "2", "-extfile", directory.path("leaf.ext"), "-out", directory.path("leaf.pem"),
        ])
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let result = try Subprocess.run(executable, arguments)
        guard result.status == 0 else {
            throw Subprocess.Failure(description: "\(executable) \(arguments.prefix(2).joined(separator: " ")) failed: \(result.stderr)")
        }
    }

    /// Arguments: certificate, key, responses (JSON), request log (JSON lines), and the secret when signatures
    /// are to be checked. Prints the port once it listens.
    private static let script = #"""
        import base64, hashlib, hmac, http.server, json, ssl, sys, threading, time

        cert, key, responses_file, log_file = sys.argv[1:5]
        secret = sys.argv[5] if len(sys.argv) > 5 else None
        responses = json.load(open(responses_file))
        lock = threading.Lock()


        def verify(header, body, secret, tolerance=300):
            """What a customer's receiver does: the README shows this function."""
            fields = {}
            for part in (header or "").split(","):
                name, _, value = part.strip().partition("=")
                fields.setdefault(name, []).append(value)
            try:
                timestamp = int(fields["t"][0])
            except (KeyError, ValueError):
                return "no timestamp"
            if abs(time.time() - timestamp) > tolerance:
                return "too old"
            signed = str(timestamp).encode() + b"." + body
            expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
            if any(hmac.compare_digest(expected, given) for given in fields.get("v1", [])):
                return "valid"
            return "mismatch"


        class Receiver(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                record = {
                    "method": self.command,
                    "path": self.path,
                    "headers": {name.lower(): value for name, value in self.headers.items()},
                    "body_base64": base64.b64encode(body).decode(),
                    "signature": verify(self.headers.get("Crisis-Signature"), body, secret) if secret else None,
                }
                with lock:
                    answer = responses.pop(0) if responses else {"status": 200, "body": ""}
                    with open(log_file, "a") as log:
                        log.write(json.dumps(record) + "\n")
                if "delay" in answer:
                    time.sleep(answer["delay"])
                    answer = {"status": 200, "body": ""}
                payload = answer.get("body", "").encode()
                self.send_response(answer["status"])
                if "location" in answer:
                    self.send_header("Location", answer["location"])
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_PUT = do_POST

            def log_message(self, *args):
                pass


        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client that gave up (timeout, refused certificate) is part of the tests


        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server = Server(("127.0.0.1", 0), Receiver)
        # The handshake happens in the request's thread, not in accept(): one slow client stalls no other.
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#
}

extension WebhookReceiver.Response {
    var json: [String: Any] {
        switch self {
        case .status(let status, let body): ["status": status, "body": body]
        case .redirect(let status, let location): ["status": status, "location": location]
        case .delay(let seconds): ["delay": seconds]
        }
    }
}

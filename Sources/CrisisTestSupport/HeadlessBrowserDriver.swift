// The Python side of HeadlessBrowser: CrisisTestSupport has no resources, so the script lives here as text,
// written to a temporary file and run with /usr/bin/python3 (stdlib only). Edit it as Python; to try it by hand:
//   /usr/bin/python3 driver.py --width 800 --height 600, then type {"cmd": "open", "url": "https://…"} and so on.
enum HeadlessBrowserDriver {
    static let python = #"""
"""Drives a headless Chromium over the DevTools protocol on --remote-debugging-pipe (stdlib only).

Usage: python3 driver.py [--chromium PATH] [--width W] [--height H] [--timeout S] [--profile DIR]

Chromium reads NUL-terminated JSON messages from its fd 3 and writes replies and events to its fd 4.
This script attaches to the one page and serves commands, one JSON object a line on stdin, one JSON
reply line on stdout each ({"ok": true, ...} or {"ok": false, "error": "..."}). The first line it
prints is the start-up reply: {"ok": true, "ready": true, ...} or the reason the browser did not start.
End of input or {"cmd": "quit"} closes the browser (and removes its profile unless --profile named it).
"""

import base64
import collections
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time


USAGE = "usage: driver.py [--chromium PATH] [--width W] [--height H] [--timeout S] [--profile DIR]"


class Failure(Exception):
    pass


class Chromium:
    def __init__(self, binary, width, height, timeout, profile):
        self.timeout = timeout
        self.width, self.height = width, height
        self.lock = threading.Condition()
        self.write_lock = threading.Lock()
        self.replies = {}
        self.waiting = set()         # ids of the commands whose replies someone waits for
        self.next_id = 0
        self.closed = False          # fd 4 reached its end: the browser is gone
        self.status = None           # its exit status once reaped
        self.stderr_tail = collections.deque(maxlen=40)
        self.console = []
        self.navigations = 0
        self.lifecycle = []          # (loaderId, name) of the frames' lifecycle events, newest last
        self.crashed = None
        self.session = None
        self.viewport = None         # the metrics of the page, restored after a screenshot of another size
        self.own_profile = not profile
        self.profile = profile or tempfile.mkdtemp(prefix="crisis-chromium-")
        arguments = [
            binary,
            "--headless",
            "--no-sandbox",                     # root in a container has no usable user namespace sandbox
            "--disable-gpu",
            "--disable-dev-shm-usage",          # a container's /dev/shm is often 64 MB
            "--remote-debugging-pipe",
            "--user-data-dir=" + self.profile,
            "--window-size=%d,%d" % (width, height),
            "--hide-scrollbars",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--disable-breakpad",
            "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows",
            "--disable-renderer-backgrounding",
            "--force-color-profile=srgb",
            "--mute-audio",
            "--password-store=basic",
            "about:blank",
        ]
        to_chromium_r, self.to_chromium = os.pipe()
        self.from_chromium, from_chromium_w = os.pipe()
        self.stderr, stderr_w = os.pipe()
        devnull = os.open(os.devnull, os.O_RDWR)
        try:
            self.pid = os.posix_spawn(binary, arguments, dict(os.environ), file_actions=[
                (os.POSIX_SPAWN_DUP2, devnull, 0),
                (os.POSIX_SPAWN_DUP2, devnull, 1),
                (os.POSIX_SPAWN_DUP2, stderr_w, 2),
                (os.POSIX_SPAWN_DUP2, to_chromium_r, 3),
                (os.POSIX_SPAWN_DUP2, from_chromium_w, 4),
            ], setsigdef=(signal.SIGPIPE, signal.SIGINT, signal.SIGTERM))
        except OSError as error:
            raise Failure("cannot start %s: %s" % (binary, error))
        finally:
            for fd in (to_chromium_r, from_chromium_w, stderr_w, devnull):
                os.close(fd)
        self.started = time.monotonic()
        threading.Thread(target=self._read_messages, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- the pipe -----------------------------------------------------------------------------

    def _read_messages(self):
        buffer = b""
        while True:
            try:
                chunk = os.read(self.from_chromium, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            while True:
                end = buffer.find(b"\0")
                if end < 0:
                    break
                raw, buffer = buffer[:end], buffer[end + 1:]
                try:
                    message = json.loads(raw)
                except ValueError:
                    continue
                with self.lock:
                    if "id" in message:
                        if message["id"] in self.waiting:
                            self.replies[message["id"]] = message
                    else:
                        self._event(message)
                    self.lock.notify_all()
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    def _read_stderr(self):
        with os.fdopen(self.stderr, "rb") as lines:
            for line in lines:
                self.stderr_tail.append(line.decode(errors="replace"))

    def _event(self, message):
        # Called with the lock held, on the reader thread: never wait for a reply here.
        method = message.get("method", "")
        params = message.get("params", {})
        if self.session is not None and message.get("sessionId") not in (None, self.session):
            return
        if method == "Page.frameNavigated":
            frame = params.get("frame", {})
            if not frame.get("parentId"):
                self.navigations += 1
        elif method == "Page.lifecycleEvent":
            # A loader id names one navigation of one frame: "load" for the one `open` started is its end.
            self.lifecycle.append((params.get("loaderId"), params.get("name")))
            del self.lifecycle[:-50]
        elif method == "Page.loadEventFired":
            self.lifecycle.append((None, "loadEventFired"))
            del self.lifecycle[:-50]
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(describe(argument) for argument in params.get("args", []))
            self.console.append("console.%s: %s" % (params.get("type", "log"), text))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exception = details.get("exception", {})
            text = exception.get("description") or details.get("text", "exception")
            where = details.get("url", "")
            if where:
                text += " (%s:%d)" % (where, details.get("lineNumber", 0) + 1)
            self.console.append("exception: " + text)
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            text = "log.%s.%s: %s" % (entry.get("source", "other"), entry.get("level", "info"),
                                      entry.get("text", ""))
            if entry.get("url"):
                text += " (%s)" % entry["url"]
            self.console.append(text)
        elif method == "Page.javascriptDialogOpening":
            # A dialog blocks the page, and with it every later command: answer it at once.
            self.console.append("dialog.%s: %s" % (params.get("type", "alert"), params.get("message", "")))
            self.next_id += 1
            threading.Thread(target=self._send, daemon=True, args=(
                self.next_id, "Page.handleJavaScriptDialog", {"accept": True}, self.session)).start()
        elif method in ("Inspector.targetCrashed", "Target.targetCrashed"):
            self.crashed = "the page crashed"
            self.console.append("crash: the page crashed")
        elif method == "Target.detachedFromTarget" and params.get("sessionId") == self.session:
            self.crashed = "the page was detached (closed)"

    def _send(self, identifier, method, params, session):
        message = {"id": identifier, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        with self.write_lock:
            try:
                while data:
                    data = data[os.write(self.to_chromium, data):]
            except OSError:
                pass  # the reader sees the end too, and the caller reports it

    def call(self, method, params=None, timeout=None, page=True):
        """Sends one command and waits for its reply; its result, or Failure."""
        timeout = self.timeout if timeout is None else timeout
        with self.lock:
            if self.closed:
                raise self.died()
            if page and self.crashed:
                raise Failure(self.crashed)
            self.next_id += 1
            identifier = self.next_id
            self.waiting.add(identifier)
            session = self.session if page else None
        try:
            self._send(identifier, method, params or {}, session)
            deadline = time.monotonic() + timeout
            with self.lock:
                while identifier not in self.replies:
                    remaining = deadline - time.monotonic()
                    if self.closed:
                        raise self.died()
                    if remaining <= 0:
                        raise Failure("%s: no reply from chromium in %.1f s" % (method, timeout))
                    self.lock.wait(min(remaining, 0.5))
                reply = self.replies.pop(identifier)
        finally:
            with self.lock:
                self.waiting.discard(identifier)
                self.replies.pop(identifier, None)
        if "error" in reply:
            error = reply["error"]
            raise Failure("%s: %s%s" % (method, error.get("message", "error"),
                                        (" (%s)" % error["data"]) if error.get("data") else ""))
        return reply.get("result", {})

    def died(self):
        deadline = time.monotonic() + 2
        while self.status is None and time.monotonic() < deadline:
            self.reap()
            if self.status is None:
                time.sleep(0.05)
        status = "still running" if self.status is None else "exit status %s" % self.status
        tail = "".join(self.stderr_tail).strip()
        return Failure("chromium closed the DevTools pipe (%s); stderr tail:\n%s" % (status, tail or "(empty)"))

    def reap(self):
        if self.status is None:
            try:
                pid, raw = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.status = -1
                return
            if pid == self.pid:
                self.status = os.waitstatus_to_exitcode(raw)

    # -- the page -----------------------------------------------------------------------------

    def attach(self):
        self.call("Browser.getVersion", page=False)
        deadline = time.monotonic() + self.timeout
        while True:
            targets = self.call("Target.getTargets", page=False).get("targetInfos", [])
            pages = [target for target in targets if target.get("type") == "page"]
            if pages:
                break
            if time.monotonic() > deadline:
                raise Failure("chromium opened no page in %.1f s" % self.timeout)
            time.sleep(0.05)
        attached = self.call("Target.attachToTarget", {"targetId": pages[0]["targetId"], "flatten": True},
                             page=False)
        with self.lock:
            self.session = attached["sessionId"]
        self.call("Page.enable")
        self.call("Page.setLifecycleEventsEnabled", {"enabled": True})
        self.call("Runtime.enable")
        self.call("Log.enable")
        # The window is taller than the page it shows (new headless keeps room for a toolbar): pin the
        # viewport itself to the size asked for.
        self.viewport = {"width": self.width, "height": self.height, "scale": 1, "mobile": False}
        self.set_metrics(**self.viewport)
        # about:blank may still be committing: let it settle, then count navigations from here.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if self.evaluate("document.readyState")[0] == "complete":
                break
            time.sleep(0.05)
        with self.lock:
            self.navigations = 0
            self.lifecycle = []

    def open(self, url, timeout):
        started = time.monotonic()
        result = self.call("Page.navigate", {"url": url}, timeout)
        if result.get("errorText"):
            raise Failure("cannot open %s: %s" % (url, result["errorText"]))
        loader = result.get("loaderId")
        if loader:  # none for a navigation within the document, which has no load event
            deadline = started + timeout
            with self.lock:
                while (loader, "load") not in self.lifecycle:
                    if self.closed:
                        raise self.died()
                    if self.crashed:
                        raise Failure(self.crashed)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise Failure("%s did not finish loading in %.1f s" % (url, timeout))
                    self.lock.wait(min(remaining, 0.5))
        return {"seconds": round(time.monotonic() - started, 3)}

    def evaluate(self, js, timeout=None, quiet=False):
        """(value, type) of the expression, awaited and returned by value; Failure on a JS exception."""
        timeout = self.timeout if timeout is None else timeout
        try:
            # Chromium stops a script still running at its timeout (an endless loop would wedge the page);
            # it then answers "Internal error".
            result = self.call("Runtime.evaluate", {"expression": js, "returnByValue": True, "awaitPromise": True,
                                                     "userGesture": True, "timeout": int(timeout * 1000)},
                               timeout + 2)
        except Failure as failure:
            if quiet or self.closed:
                raise
            raise Failure("%s: %s (timeout %.1f s)"
                          % (shorten(js), failure, timeout))
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            exception = details.get("exception", {})
            text = exception.get("description") or details.get("text", "?")
            raise Failure(("JavaScript exception: %s" if quiet else "%s: JavaScript exception: %%s" % shorten(js)) % text)
        remote = result.get("result", {})
        if "value" in remote:
            return remote["value"], remote.get("type", "undefined")
        if "unserializableValue" in remote:
            return remote["unserializableValue"], remote.get("type", "number")
        return None, remote.get("type", "undefined")

    def wait(self, js, timeout):
        probe = ("(async () => { const v = await (%s\n); let d; try { d = JSON.stringify(v); } catch (e) {} "
                 "return [!!v, d === undefined ? String(v) : d]; })()" % js)
        started = time.monotonic()
        last = "(not evaluated)"
        while True:
            remaining = started + timeout - time.monotonic()
            try:
                (truthy, shown), _ = self.evaluate(probe, max(remaining, 0.1) + 1, quiet=True)
                if truthy:
                    return {"seconds": round(time.monotonic() - started, 3), "value": shown}
                last = shown
            except Failure as failure:
                if self.closed:
                    raise
                last = str(failure)
            if time.monotonic() - started >= timeout:
                raise Failure("timed out after %.1f s waiting for %s; last value: %s" % (timeout, shorten(js), last))
            time.sleep(0.05)

    def set_metrics(self, width, height, scale=1, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})

    def screenshot(self, path, width, height, scale):
        sized = width is not None and height is not None
        if sized:
            self.set_metrics(width, height, scale)
        try:
            data = base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])
        finally:
            if sized:
                self.set_metrics(**self.viewport)
        with open(path, "wb") as file:
            file.write(data)
        return {"path": path, "bytes": len(data)}

    def quit(self):
        if not self.closed:
            try:
                self.call("Browser.close", timeout=3, page=False)
            except Failure:
                pass
        deadline = time.monotonic() + 3
        while self.status is None and time.monotonic() < deadline:
            self.reap()
            if self.status is None:
                time.sleep(0.05)
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
            os.waitpid(self.pid, 0)
            self.status = -signal.SIGKILL
        if self.own_profile:
            shutil.rmtree(self.profile, ignore_errors=True)


def shorten(js):
    js = " ".join(js.split())
    return "`%s`" % (js if len(js) <= 160 else js[:157] + "...")


def describe(remote):
    if "value" in remote:
        value = remote["value"]
        return value if isinstance(value, str) else json.dumps(value)
    return remote.get("unserializableValue") or remote.get("description") or remote.get("type", "?")


def serve(browser):
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        request = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not a JSON object")
            command = request.get("cmd")
            timeout = float(request.get("timeout", browser.timeout))
            if command == "open":
                reply = browser.open(request["url"], timeout)
            elif command == "eval":
                value, kind = browser.evaluate(request["js"], timeout)
                reply = {"value": value, "type": kind}
            elif command == "wait":
                reply = browser.wait(request["js"], float(request.get("timeout", 5)))
            elif command == "screenshot":
                reply = browser.screenshot(request["path"], request.get("width"), request.get("height"),
                                           request.get("scale", 1))
            elif command == "emulate":
                parameters = {"media": request.get("type", ""), "features": request.get("media", [])}
                browser.call("Emulation.setEmulatedMedia", parameters)
                reply = {}
            elif command == "viewport":
                browser.viewport = {"width": int(request["width"]), "height": int(request["height"]),
                                    "scale": request.get("scale", 1), "mobile": bool(request.get("mobile", False))}
                browser.set_metrics(**browser.viewport)
                reply = {}
            elif command == "javascript":
                browser.call("Emulation.setScriptExecutionDisabled", {"value": not request.get("enabled", True)})
                reply = {}
            elif command == "console":
                with browser.lock:
                    reply = {"messages": list(browser.console)}
                    if request.get("clear"):
                        browser.console = []
            elif command == "navigations":
                with browser.lock:
                    reply = {"count": browser.navigations}
            elif command == "quit":
                reply = {}
            else:
                raise Failure("unknown command %r" % (command,))
            reply = dict(reply, ok=True)
        except Failure as failure:
            reply = {"ok": False, "error": str(failure)}
        except (KeyError, TypeError, ValueError) as error:
            reply = {"ok": False, "error": "bad request %s: %s: %s" % (line.strip()[:200].decode(errors="replace"),
                                                                        type(error).__name__, error)}
        except Exception as error:  # a bug here: say so and go on serving
            reply = {"ok": False, "error": "driver error: %s: %s" % (type(error).__name__, error)}
        if isinstance(request, dict) and "id" in request:
            reply["id"] = request["id"]
        respond(reply)
        if reply.get("ok") and request.get("cmd") == "quit":
            return


def respond(reply):
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()


def main():
    # Descriptors the test process left open without close-on-exec (a pipe another test waits on to end) are
    # not ours to keep open, nor Chromium's. Python opens its own non-inheritable: close the inheritable ones.
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2:
            try:
                if os.get_inheritable(fd):
                    os.close(fd)
            except OSError:
                pass
    options = {"--chromium": "/usr/bin/chromium", "--width": "1280", "--height": "800", "--timeout": "30",
               "--profile": ""}
    arguments = sys.argv[1:]
    while arguments:
        name = arguments.pop(0)
        if name not in options or not arguments:
            respond({"ok": False, "error": USAGE})
            return 2
        options[name] = arguments.pop(0)
    browser = None
    try:
        browser = Chromium(options["--chromium"], int(options["--width"]), int(options["--height"]),
                           float(options["--timeout"]), options["--profile"])
        browser.attach()
        version = browser.call("Browser.getVersion", page=False)
        respond({"ok": True, "ready": True, "product": version.get("product"), "pid": browser.pid,
                 "seconds": round(time.monotonic() - browser.started, 3)})
        serve(browser)
        return 0
    except Failure as failure:
        respond({"ok": False, "error": str(failure)})
        return 1
    finally:
        if browser is not None:
            browser.quit()


if __name__ == "__main__":
    sys.exit(main())
"""#
}

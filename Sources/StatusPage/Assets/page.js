// The customer's status page, in their browser: the countdown to our next update ticks every second, and
// new updates arrive over Server-Sent Events without a reload. Without this script the page still works: it
// reloads itself every 30 seconds (a <noscript> refresh).
(function () {
  "use strict";

  var body = document.body;
  var live = document.getElementById("live");
  var connection = document.getElementById("connection");
  // The server's clock, not the viewer's, decides whether we are late: the offset is taken from every page
  // the server sends.
  var skew = 0;

  function syncClock(serverNow) {
    var at = Date.parse(serverNow || "");
    if (!isNaN(at)) { skew = at - Date.now(); }
  }

  function two(n) { return n < 10 ? "0" + n : String(n); }

  // MM:SS, or H:MM:SS from an hour up: the same clock the terminal dashboard shows.
  function clock(milliseconds) {
    var s = Math.max(0, Math.floor(milliseconds / 1000));
    var hours = Math.floor(s / 3600), minutes = Math.floor((s % 3600) / 60), seconds = s % 60;
    return hours > 0 ? hours + ":" + two(minutes) + ":" + two(seconds) : two(minutes) + ":" + two(seconds);
  }

  function tick() {
    var now = Date.now() + skew;
    var countdowns = document.querySelectorAll("[data-deadline]");
    for (var i = 0; i < countdowns.length; i++) {
      var countdown = countdowns[i];
      var due = Date.parse(countdown.getAttribute("data-deadline"));
      if (isNaN(due)) { continue; }
      var promise = countdown.closest(".promise");
      // Whole seconds, rounded the way the server rounds, so a reload never jumps back a second.
      var remaining = Math.ceil((due - now) / 1000) * 1000;
      if (remaining >= 0) {
        countdown.textContent = "in " + clock(remaining);
        if (promise) { promise.classList.remove("overdue"); }
      } else {
        countdown.textContent = "update overdue by " + clock(now - due);
        if (promise) { promise.classList.add("overdue"); }
      }
    }
  }

  function show(message) {
    var data;
    try { data = JSON.parse(message.data); } catch (e) { return; }
    if (typeof data.html !== "string") { return; }
    // The server escaped every word people typed; this HTML is the server's own markup.
    live.innerHTML = data.html;
    if (typeof data.title === "string") { document.title = data.title; }
    syncClock(data.now);
    tick();
  }

  syncClock(body.getAttribute("data-server-now"));
  tick();
  var ticker = window.setInterval(tick, 1000);

  // A page that no longer hears our updates stops counting: left ticking, it would call a promise we kept
  // "overdue" (found in review).
  function stopCounting() {
    window.clearInterval(ticker);
    var countdowns = document.querySelectorAll("[data-deadline]");
    for (var i = 0; i < countdowns.length; i++) {
      countdowns[i].removeAttribute("data-deadline");
      countdowns[i].textContent = "not counted: this page no longer updates";
      var promise = countdowns[i].closest(".promise");
      if (promise) { promise.classList.remove("overdue"); }
    }
  }

  if (window.EventSource && body.getAttribute("data-events")) {
    var source = new EventSource(body.getAttribute("data-events"));
    source.addEventListener("page", show);
    // data-stream says whether the page is live: for the reader's banner, and for tests to wait on.
    source.addEventListener("open", function () {
      connection.hidden = true;
      body.classList.remove("offline");
      body.setAttribute("data-stream", "open");
    });
    // EventSource reconnects by itself, sending Last-Event-ID; the server then sends only what was missed.
    source.addEventListener("error", function () {
      connection.hidden = false;
      body.classList.add("offline");
      // CLOSED: the server answered with an error (a revoked address is a 404), and EventSource gives up.
      if (source.readyState === EventSource.CLOSED) {
        connection.textContent = "This page no longer updates. Reload it, or ask us for its new address.";
        stopCounting();
        body.setAttribute("data-stream", "closed");
      } else {
        body.setAttribute("data-stream", "reconnecting");
      }
    });
  }
}());

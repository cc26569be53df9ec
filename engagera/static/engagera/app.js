// Engagera's only script besides htmx. It holds no user-facing text: every message comes
// from the page, translated by the server, in data- attributes.
"use strict";

// Keep focus sensible after a card is swapped.
document.addEventListener("htmx:afterSwap", function (event) {
  var card = event.detail.target;
  if (card && card.classList && card.classList.contains("item-card")) {
    var fresh = document.getElementById(card.id);
    var button = fresh && fresh.querySelector(".logged button, .log-button");
    if (button) { button.focus(); }
  }
});

// A table wider than the screen scrolls inside its box; keyboard users must be able to
// focus that box to scroll it (WCAG 2.1.1). Only while it really scrolls: otherwise it
// would be an empty stop in the Tab order.
function markScrollableTables() {
  document.querySelectorAll(".table-wrap").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
    } else {
      box.removeAttribute("tabindex");
    }
  });
}
if (window.ResizeObserver) {
  var tableObserver = new ResizeObserver(markScrollableTables);
  var observeTables = function () {
    document.querySelectorAll(".table-wrap").forEach(function (box) { tableObserver.observe(box); });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", observeTables);
  } else {
    observeTables();
  }
  document.addEventListener("htmx:afterSettle", observeTables);
}

// Home screen and offline start: the service worker caches the static files only.
if ("serviceWorker" in navigator && document.body && document.body.dataset.serviceWorker) {
  navigator.serviceWorker.register(document.body.dataset.serviceWorker).catch(function () {});
}

// Logging while briefly offline. A log form whose request cannot reach the server is kept
// in localStorage and sent again when the connection returns. The form's one-time token
// goes with it, so the server records it once however often it arrives.
var QUEUE_KEY = "engagera.pendingLogs";

function readQueue() {
  try {
    var queue = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
    return Array.isArray(queue) ? queue : [];
  } catch (e) {
    return [];
  }
}

function writeQueue(queue) {
  if (queue.length) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
  } else {
    localStorage.removeItem(QUEUE_KEY);
  }
}

function localToday() {
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
}

function queueLog(form) {
  var fields = form.elements;
  var day = fields.day;
  var entry = {
    url: form.getAttribute("hx-post") || form.action,
    token: fields.token.value,
    // A date the person picked wins; otherwise the day they tapped, on their own clock.
    day: day && day.value && day.value !== day.defaultValue ? day.value : localToday(),
    note: fields.note ? fields.note.value : "",
  };
  var queue = readQueue().filter(function (queued) { return queued.token !== entry.token; });
  queue.push(entry);
  writeQueue(queue);
  showQueuedNotice(form);
}

function showQueuedNotice(form) {
  var card = form.closest(".item-card");
  var text = form.dataset.queuedText;
  if (!card || !text) { return; }
  var notice = card.querySelector(".queued-notice");
  if (!notice) {
    notice = document.createElement("p");
    notice.className = "message warning queued-notice";
    notice.setAttribute("role", "status");
    form.parentNode.insertBefore(notice, form);
  }
  notice.textContent = text;
}

document.addEventListener("htmx:sendError", function (event) {
  var form = event.detail.elt;
  if (form && form.classList && form.classList.contains("log-form")) {
    queueLog(form);
  }
});

function csrfToken() {
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch (e) {
    return "";
  }
}

var sending = false;

function sendQueued() {
  var queue = readQueue();
  if (sending || !queue.length || !navigator.onLine) { return; }
  sending = true;
  var sendOne = function (entry) {
    var body = new URLSearchParams({ token: entry.token, day: entry.day, note: entry.note || "" });
    return fetch(entry.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      // A redirect (an expired session sends to sign-in) is not a success: keep the entry.
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
    }).then(function (response) {
      if (!response.ok) { return; }
      writeQueue(readQueue().filter(function (queued) { return queued.token !== entry.token; }));
      var card = document.querySelector(".item-card .log-form[hx-post='" + entry.url + "']");
      card = card && card.closest(".item-card");
      return response.text().then(function (html) {
        if (card && window.htmx) {
          window.htmx.swap(card, html, { swapStyle: "outerHTML" });
        }
      });
    }).catch(function () { /* still offline: try again at the next 'online' event */ });
  };
  queue.reduce(function (previous, entry) {
    return previous.then(function () { return sendOne(entry); });
  }, Promise.resolve()).then(function () { sending = false; });
}

window.addEventListener("online", sendQueued);
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", sendQueued);
} else {
  sendQueued();
}

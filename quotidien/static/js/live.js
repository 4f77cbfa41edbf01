/* A live page ("En direct") gains its new entries without a reload: the page asks its
   JSON answer every few seconds (data-live-interval), while the tab is shown; the answer
   is a 304 when nothing changed. Without this script the page lists its entries all the
   same, and a reload shows the new ones. */
(function () {
  "use strict";
  var live = document.querySelector("[data-live]");
  if (!live || !window.fetch) {
    return;
  }
  var list = live.querySelector("[data-live-entries]");
  var status = live.querySelector("[data-live-status]");
  var summary = live.querySelector("[data-live-summary]");
  var essentials = live.querySelector("[data-live-essentials]");
  var updated = live.querySelector("[data-live-updated]");
  var interval = Math.max(1, Number(live.dataset.liveInterval) || 30) * 1000;
  var etag = null;
  var timer = null;

  function announce(count) {
    var text = count === 1 ? status.dataset.one : status.dataset.many.replace("%(count)s", count);
    status.textContent = text;
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  // A day marker with no entry of its day left under it (its only one became key):
  // followed by another marker, or by nothing.
  function dropLoneMarkers() {
    list.querySelectorAll("[data-live-day]").forEach(function (marker) {
      var next = marker.nextElementSibling;
      if (!next || next.hasAttribute("data-live-day")) {
        marker.remove();
      }
    });
  }

  function apply(data) {
    var added = 0;
    if (summary) {
      summary.innerHTML = data.summary;
    }
    if (updated && typeof data.updated === "string") {
      updated.innerHTML = data.updated;
      updated.hidden = !data.updated;
    }
    if (essentials) {
      essentials.innerHTML = data.essentials;
      // An entry made key leaves the timeline for "L’essentiel".
      essentials.querySelectorAll("[id]").forEach(function (key) {
        var twin = list.querySelector("[id='" + key.id + "']");
        if (twin) {
          twin.remove();
        }
      });
      dropLoneMarkers();
    }
    // Oldest first, each new one put on top: the newest ends first. An entry of the day
    // heading the timeline goes under its marker; one of a new day, under a new marker.
    data.entries.slice().reverse().forEach(function (entry) {
      var shown = document.getElementById(entry.id);
      if (!shown) {
        var top = list.firstElementChild;
        var node = fragment(entry.html);
        if (top && top.dataset.liveDay === entry.day) {
          list.insertBefore(node, top.nextElementSibling);
        } else {
          list.insertBefore(node, top);
          if (entry.day_html) {
            list.insertBefore(fragment(entry.day_html), node);
          }
        }
        added += 1;
      } else if (shown.dataset.updated !== entry.updated_at && list.contains(shown)) {
        shown.replaceWith(fragment(entry.html));
      }
    });
    var empty = list.querySelector("[data-live-empty]");
    if (empty && data.entries.length) {
      empty.remove();
    }
    if (added) {
      announce(added);
    }
    if (data.closed) {
      live.querySelector("[data-live-ended]").hidden = false;
      stop();
    }
  }

  function poll() {
    var headers = etag ? {"If-None-Match": etag} : {};
    fetch(live.dataset.live, {headers: headers, credentials: "same-origin"})
      .then(function (response) {
        if (response.status !== 200) {
          return null;
        }
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) {
        if (data) {
          apply(data);
        }
      })
      .catch(function () {
        // Offline for a while: the next round asks again.
      });
  }

  function start() {
    if (!timer) {
      timer = window.setInterval(poll, interval);
    }
  }

  function stop() {
    window.clearInterval(timer);
    timer = null;
    document.removeEventListener("visibilitychange", onVisibility);
  }

  function onVisibility() {
    if (document.hidden) {
      window.clearInterval(timer);
      timer = null;
    } else {
      poll();
      start();
    }
  }

  document.addEventListener("visibilitychange", onVisibility);
  if (!document.hidden) {
    start();
  }
})();

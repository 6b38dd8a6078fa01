/* The page of a background export, kept current while the file is prepared.
 *
 * A <meta http-equiv="refresh"> would reload the whole page every few seconds and take a
 * screen reader's place and the keyboard focus back to the top (WCAG 2.2.1). Instead,
 * while #job-detail carries data-refresh="SECONDS", this fetches the same page, puts its
 * status into the role="status" paragraph (read out when it changes) and swaps in its
 * details, keeping the focus on the link that had it. Without JavaScript the page offers
 * "Refresh now". Loaded from the site itself: the Content-Security-Policy allows no
 * inline script.
 */
(function () {
  "use strict";

  var detail = document.getElementById("job-detail");
  var status = document.getElementById("job-status");
  if (!detail || !status || !window.fetch || !window.DOMParser) {
    return;
  }
  var auto = document.getElementById("job-auto");
  if (auto) {
    auto.hidden = false;
  }

  function schedule() {
    var seconds = Number(detail.getAttribute("data-refresh"));
    if (seconds > 0) {
      window.setTimeout(update, seconds * 1000);
    }
  }

  function focusedLink() {
    var active = document.activeElement;
    return active && detail.contains(active) ? active.getAttribute("href") : null;
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var freshDetail = fresh.getElementById("job-detail");
    var freshStatus = fresh.getElementById("job-status");
    if (!freshDetail || !freshStatus) {
      return;
    }
    if (freshStatus.textContent !== status.textContent) {
      status.innerHTML = freshStatus.innerHTML;
      document.title = fresh.title;
    }
    if (freshDetail.innerHTML !== detail.innerHTML) {
      var href = focusedLink();
      detail.innerHTML = freshDetail.innerHTML;
      var again = href && detail.querySelector('a[href="' + CSS.escape(href) + '"]');
      if (again) {
        again.focus();
      }
    }
    detail.setAttribute("data-refresh", freshDetail.getAttribute("data-refresh") || "0");
    var hint = document.getElementById("job-auto");
    if (hint) {
      hint.hidden = false;
    }
  }

  function update() {
    window
      .fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        if (html) {
          swap(html);
        }
      })
      .catch(function () {
        /* The server did not answer this time: try again at the next tick. */
      })
      .then(schedule);
  }

  schedule();
})();

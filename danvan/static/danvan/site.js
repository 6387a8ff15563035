// The few behaviours pages need, bound here so that no page carries an inline script
// (the Content-Security-Policy allows scripts from this site only).
document.addEventListener("click", function (event) {
  var copy = event.target.closest("[data-copy]");
  if (copy) {
    var source = document.getElementById(copy.getAttribute("data-copy"));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim());
      copy.setAttribute("aria-live", "polite");
      copy.textContent = copy.getAttribute("data-copied") || copy.textContent;
    }
  }
  var back = event.target.closest("[data-back]");
  if (back && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

// A form is sent once: its buttons are disabled while the request runs (a double click on a slow
// link would otherwise send it twice; the server also refuses a second post of the same form).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.hasAttribute("hx-post") || form.hasAttribute("hx-get")) return; // htmx: hx-disabled-elt does it
  if (form.dataset.sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "1";
  window.setTimeout(function () {
    form.querySelectorAll("button, input[type=submit]").forEach(function (button) { button.disabled = true; });
  }, 0);
});
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    delete form.dataset.sending;
    form.querySelectorAll("button, input[type=submit]").forEach(function (button) { button.disabled = false; });
  });
});

// On a phone a list is shown as cards: each cell is labelled with its column's header (site.css
// shows the label before the value), here rather than in every template.
function labelCells(root) {
  root.querySelectorAll(".table-wrap > table:not(.matrix)").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody > tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) cell.setAttribute("data-label", heads[i]);
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { labelCells(document); });
document.addEventListener("htmx:afterSettle", function () { labelCells(document); });

// A form that came back with errors: bring the summary into view and hand it the focus.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});

// A report saves as it is typed (htmx). When a save cannot reach the server the text stays in the
// page and the status says so; the next change sends everything again.
function saveFailed(event) {
  var state = document.getElementById("save-state");
  var form = event.target.closest ? event.target.closest("#report-form") : null;
  if (!state || !form) return;
  state.textContent = form.getAttribute("data-unsaved") || "";
  state.className = "small errors";
}
document.addEventListener("htmx:sendError", saveFailed);
document.addEventListener("htmx:responseError", saveFailed);

// A picker's search finds: a box ticked there joins the chosen ones, so the next search keeps it.
document.addEventListener("change", function (event) {
  var box = event.target;
  var results = box.closest ? box.closest("[data-pick-results]") : null;
  if (!results || !box.checked) return;
  var chosen = results.closest("[data-pick]").querySelector("[data-pick-chosen]");
  if (chosen) chosen.appendChild(box.closest("label"));
});
// Enter in a picker's search looks the words up; it does not send the form around it.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" || !event.target.matches || !event.target.matches("[data-pick] input[type=search]")) return;
  event.preventDefault();
  event.target.dispatchEvent(new Event("search"));
});

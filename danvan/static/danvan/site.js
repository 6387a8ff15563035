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

// argmap: copy buttons for the citation block of a paragraph page, and
// plain copies of essay text.
//
// Loaded as a deferred script from the site itself (the site's Content-Security-Policy allows
// scripts from the site itself only, never inline). Without this file, or
// without JavaScript, the buttons stay hidden and the citations remain
// plain text that one click selects (user-select: all).
(function () {
  "use strict";

  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copied(button, ok) {
    button.textContent = ok ? "Copied" : "Press Ctrl+C to copy";
    window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
  }

  function copy(button) {
    var el = document.getElementById(button.getAttribute("data-copy"));
    if (!el) {
      return;
    }
    var text = el.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { copied(button, true); },
        function () { select(el); copied(button, false); }
      );
      return;
    }
    select(el);
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    copied(button, ok);
  }

  // Essay text copied into a word processor brings the words only: the
  // browser would otherwise paste the role colours along (it copies
  // computed styles). The markers are generated content, so the selected
  // text is the essay's own; it goes on the clipboard as plain text and as
  // unstyled HTML, one <p> a paragraph.
  function escapeHTML(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  document.addEventListener("copy", function (e) {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !e.clipboardData) {
      return;
    }
    var node = sel.getRangeAt(0).commonAncestorContainer;
    var el = node.nodeType === 1 ? node : node.parentElement;
    var inText = el && (el.closest(".para, .essay-body, .essay-head, blockquote") ||
      el.querySelector(".para"));
    if (!inText) {
      return;
    }
    var text = sel.toString();
    var html = text.split(/\n\s*\n/).map(function (p) {
      return "<p>" + escapeHTML(p.trim()) + "</p>";
    }).join("");
    e.clipboardData.setData("text/plain", text);
    e.clipboardData.setData("text/html", html);
    e.preventDefault();
  });

  var buttons = document.querySelectorAll("button.copy[data-copy]");
  for (var i = 0; i < buttons.length; i++) {
    (function (button) {
      button.addEventListener("click", function () { copy(button); });
      button.hidden = false;
    })(buttons[i]);
  }
})();

// exportgraph web UI: small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Classify form: the parameters the chosen kind's entries use (the others on request), drawn
  // by the server (GET /classify/parameters) when the kind or the choice changes; values already
  // typed stay, in their field or, where the new kind has no such field, with theirs.
  function relevantParameters() {
    var kind = document.getElementById("kind");
    var all = document.getElementById("show-all-parameters");
    var grid = document.getElementById("param-grid");
    var button = document.getElementById("show-fields");
    if (!kind || !all || !grid || !window.fetch || !window.URLSearchParams) return;
    if (button) button.hidden = true;
    var asked = 0;
    function filled() {
      var values = new URLSearchParams();
      grid.querySelectorAll("input, select").forEach(function (el) {
        if (el.name && el.value) values.append(el.name, el.value);
      });
      return values;
    }
    function swap(html) {
      var fresh = document.createElement("div");
      fresh.innerHTML = html;
      grid.querySelectorAll(".field").forEach(function (old) {
        var input = old.querySelector("input");
        var unit = old.querySelector("select");
        if (!(input && input.value) && !(unit && unit.value)) return;
        var same = fresh.querySelector("#" + CSS.escape(old.id));
        if (!same) { fresh.appendChild(old); return; }
        if (input) same.querySelector("input").value = input.value;
        if (unit && same.querySelector("select")) same.querySelector("select").value = unit.value;
      });
      grid.replaceChildren.apply(grid, Array.prototype.slice.call(fresh.childNodes));
    }
    function update() {
      var every = all.checked ? "1" : "0";
      if (kind.value === grid.getAttribute("data-kind") && every === grid.getAttribute("data-every")) return;
      var query = filled();
      query.set("kind", kind.value);
      if (all.checked) query.set("all", "1");
      var mine = ++asked;
      fetch("/classify/parameters?" + query.toString()).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (html === null || mine !== asked) return;
        swap(html);
        grid.setAttribute("data-kind", kind.value);
        grid.setAttribute("data-every", every);
      });
    }
    kind.addEventListener("change", update);
    all.addEventListener("change", update);
  }

  // Agreement check: read a chosen file into the text area so it can be reviewed before sending.
  function agreementFile() {
    var file = document.getElementById("agreement-file");
    var text = document.getElementById("agreement-text");
    if (!file || !text || !window.FileReader) return;
    file.addEventListener("change", function () {
      if (!file.files || !file.files[0]) return;
      var reader = new FileReader();
      reader.onload = function () { text.value = String(reader.result || ""); };
      reader.readAsText(file.files[0]);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    relevantParameters();
    agreementFile();
  });
})();

// Agreement check: the example link fills the text area instead of leaving the page.
document.addEventListener("DOMContentLoaded", function () {
  var link = document.getElementById("example-link");
  var text = document.getElementById("agreement-text");
  var format = document.getElementById("format");
  if (!link || !text || !window.fetch) return;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    fetch(link.href).then(function (r) { return r.text(); }).then(function (body) {
      text.value = body;
      if (format) format.value = "application/json";
      text.focus();
    });
  });
});

// GET forms: leave empty fields out of the address, so a bookmarked answer stays readable.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('form[method="get"]').forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.value === "" && field.type !== "checkbox") {
          field.disabled = true;
          setTimeout(function () { field.disabled = false; }, 0);
        }
      });
    });
  });
});

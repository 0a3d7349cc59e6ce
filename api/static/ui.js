// exportgraph web UI: small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Classify form: show the parameters the chosen kind's entries use, the others on request.
  function relevantParameters() {
    var kind = document.getElementById("kind");
    var all = document.getElementById("show-all-parameters");
    if (!kind || !all) return;
    function update() {
      var fields = document.querySelectorAll("[data-used-by]");
      var anyRelevant = false;
      fields.forEach(function (f) {
        var used = (f.getAttribute("data-used-by") || "").split(" ");
        if (used.indexOf(kind.value) >= 0) anyRelevant = true;
      });
      fields.forEach(function (f) {
        var used = (f.getAttribute("data-used-by") || "").split(" ");
        var relevant = used.indexOf(kind.value) >= 0;
        var hasValue = !!(f.querySelector("input") || {}).value;
        f.hidden = anyRelevant && !relevant && !all.checked && !hasValue;
      });
    }
    all.closest(".show-all").hidden = false;
    kind.addEventListener("change", update);
    all.addEventListener("change", update);
    update();
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

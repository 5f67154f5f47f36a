// shipready HTML report: the findings filters. The page is complete without this script; it
// only hides and shows findings that are already rendered, and never builds HTML from text.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var section = document.getElementById("findings");
  var filters = document.getElementById("filters");
  if (!section || !filters) {
    return;
  }
  var findings = Array.prototype.slice.call(section.querySelectorAll(".finding"));
  var boxes = Array.prototype.slice.call(filters.querySelectorAll("input[type=checkbox]"));
  var text = document.getElementById("filter-text");
  var count = document.getElementById("findings-count");
  var empty = document.getElementById("filter-empty");
  var reset = document.getElementById("filter-reset");
  // Lower-cased text of each finding, computed once.
  var haystacks = findings.map(function (finding) {
    return finding.textContent.toLowerCase();
  });

  function checked(name) {
    var values = {};
    boxes.forEach(function (box) {
      if (box.name === name && box.checked) {
        values[box.value] = true;
      }
    });
    return values;
  }

  function plural(n) {
    return n === 1 ? "" : "s";
  }

  function apply() {
    var severities = checked("severity");
    var areas = checked("area");
    var needle = text.value.trim().toLowerCase();
    var shown = 0;
    findings.forEach(function (finding, i) {
      var visible =
        severities[finding.dataset.severity] === true &&
        areas[finding.dataset.area] === true &&
        (needle === "" || haystacks[i].indexOf(needle) !== -1);
      finding.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    section.querySelectorAll(".sev-group, .group").forEach(function (group) {
      group.hidden = group.querySelector(".finding:not([hidden])") === null;
    });
    count.textContent =
      shown === findings.length
        ? findings.length + " finding" + plural(findings.length)
        : shown + " of " + findings.length + " finding" + plural(findings.length);
    count.dataset.shown = String(shown);
    empty.hidden = shown !== 0;
  }

  boxes.forEach(function (box) {
    box.addEventListener("change", apply);
  });
  text.addEventListener("input", apply);
  reset.addEventListener("click", function () {
    boxes.forEach(function (box) {
      box.checked = true;
    });
    text.value = "";
    apply();
  });
  apply();
})();

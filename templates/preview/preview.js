"use strict";
// Filters of the course preview: show only the items (and their facts and units) that match.
(function () {
  var form = document.getElementById("filters");
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  var facts = Array.prototype.slice.call(document.querySelectorAll(".fact"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".unit-items"));
  var units = Array.prototype.slice.call(document.querySelectorAll(".unit"));
  var shown = document.getElementById("shown");
  var nothing = document.getElementById("nothing");

  function chosen() {
    return {
      unit: form.elements.unit.value,
      kind: form.elements.kind.value,
      type: form.elements.type.value,
      warning: form.elements.warning.value
    };
  }

  function matches(el, f) {
    var codes = el.dataset.codes ? el.dataset.codes.split(" ") : [];
    if (f.unit && el.dataset.unit !== f.unit) return false;
    if (f.kind && el.dataset.kind !== f.kind) return false;
    if (f.type && el.dataset.type !== f.type) return false;
    if (f.warning === "any" && codes.length === 0) return false;
    if (f.warning === "none" && codes.length > 0) return false;
    if (f.warning.charAt(0) === "c" && codes.indexOf(f.warning.slice(1)) < 0) return false;
    return true;
  }

  function anyVisible(root, selector) {
    return Array.prototype.some.call(root.querySelectorAll(selector), function (el) { return !el.hidden; });
  }

  function apply() {
    var f = chosen();
    var count = 0;
    items.forEach(function (item) {
      item.hidden = !matches(item, f);
      if (!item.hidden) count += 1;
    });
    facts.forEach(function (fact) {
      // A fact shows while one of its items does; a fact without items, while it matches itself.
      fact.hidden = fact.querySelector(".item") ? !anyVisible(fact, ".item") : !matches(fact, f);
    });
    groups.forEach(function (group) { group.hidden = !anyVisible(group, ".item"); });
    units.forEach(function (unit) { unit.hidden = !anyVisible(unit, ".fact, .unit-items"); });
    shown.textContent = shown.dataset.of.replace("{shown}", count).replace("{num}", items.length);
    nothing.hidden = count > 0 || anyVisible(document, ".fact");
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();

/*
 * Long selects: a <select data-tenantry-searchable> (50 choices or more, from
 * core/forms.py's LongSelect) becomes a box to type in that narrows the options, GOV.UK's
 * accessible-autocomplete. It is loaded only on pages that have one. The select stays in the
 * form, hidden, and is what is sent; without JavaScript it is an ordinary select.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-tenantry-searchable]"));
  if (!selects.length || !script || !window.Promise || !window.tenantryLoadScript) return;

  var load = window.tenantryLoadScript;  // load-script.js, loaded just before this

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  function escaped(text) {
    var holder = document.createElement("div");
    holder.textContent = text;
    return holder.innerHTML;
  }

  function enhance(select) {
    var texts = select.dataset;
    var empty = Array.prototype.filter.call(select.options, function (option) { return !option.value; })[0];
    // Each choice keeps its own option, so two members of the same name stay two choices.
    var choices = Array.prototype.filter.call(select.options, function (option) { return option.value; })
      .map(function (option) { return { label: option.textContent, option: option }; });
    var invalid = select.classList.contains("govuk-select--error");
    // Hidden, it cannot be pointed at by the browser's own check, which would then stop the
    // form being sent without a word: the server checks it and names it instead.
    select.removeAttribute("required");
    var id = select.id;

    function choose(choice) {
      if (choice) { choice.option.selected = true; return; }
      // Nothing confirmed: what the box holds decides. The choice already made when it still
      // reads the same (the box was only passed through); otherwise none, so the form says what
      // is missing rather than keeping a choice out of sight.
      var input = document.getElementById(id);
      var typed = input ? input.value : "";
      var current = select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
      if (current && current.value && current.textContent === typed) return;
      var match = choices.filter(function (each) { return each.label === typed; })[0];
      if (match) match.option.selected = true;
      else if (empty) empty.selected = true;
      else select.selectedIndex = -1;
    }

    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      // Options appear as one types: all of a council's blocks at once would be no help, and
      // slow to draw on an old phone.
      showAllValues: false,
      source: function (query, populate) {
        var wanted = query.toLowerCase();
        populate(choices.filter(function (each) { return each.label.toLowerCase().indexOf(wanted) !== -1; }));
      },
      templates: {
        inputValue: function (choice) { return choice ? choice.label : ""; },
        suggestion: function (choice) { return choice ? escaped(choice.label) : ""; }
      },
      inputClasses: "govuk-input" + (invalid ? " govuk-input--error" : ""),
      onConfirm: choose,
      tNoResults: function () { return texts.noResults; },
      tStatusNoResults: function () { return texts.noResults; },
      tStatusResults: function (count) { return fill(texts.results, { count: count }); },
      tStatusSelectedOption: function (option, count, index) {
        return fill(texts.highlighted, { option: option, position: index + 1, count: count });
      },
      tAssistiveHint: function () { return texts.hint; }
    });
  }

  var stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = script.dataset.css;
  document.head.appendChild(stylesheet);
  load(script.dataset.autocomplete).then(function () {
    selects.forEach(enhance);
  }).catch(function () {
    // The plain selects stay, and work.
  });
})();

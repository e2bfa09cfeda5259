// Type-ahead pickers: every <select data-picker> and <input data-picker="tags"> that
// palermo.core.widgets renders becomes a Tom Select. Runs on page load and on every htmx swap.
// Without JavaScript the plain select still works.
(() => {
  const enhance = (element) => {
    if (element.tomselect || !window.TomSelect) return;
    const kind = element.dataset.picker;
    const empty = element.dataset.pickerEmpty || "";
    const settings = {
      maxOptions: 200,
      // Tom Select reads the direction from the select's computed style, so Urdu pages
      // open the list and place the tags right to left by themselves.
      render: {
        no_results: () => {
          const div = document.createElement("div");
          div.className = "no-results";
          div.textContent = empty;
          return div;
        },
      },
    };
    if (kind === "many" || kind === "tags") {
      settings.plugins = ["remove_button"];
      // Clear the typed text after each choice, so the next name can be typed at once.
      settings.onItemAdd = function onItemAdd() {
        this.setTextboxValue("");
        this.refreshOptions(false);
      };
    }
    if (kind === "one") {
      // A single choice is made: close the list so it no longer covers the next field.
      settings.closeAfterSelect = true;
      if (!element.required) settings.allowEmptyOption = true;
    }
    if (kind === "tags") {
      const suggestions = JSON.parse(element.dataset.pickerOptions || "[]");
      Object.assign(settings, {
        delimiter: ",",
        persist: false,
        create: true,
        createOnBlur: true,
        options: suggestions.map((name) => ({ value: name, text: name })),
      });
    }
    const url = element.dataset.pickerUrl;
    if (url) {
      Object.assign(settings, {
        valueField: "value",
        labelField: "text",
        searchField: ["text"],
        loadThrottle: 250,
        shouldLoad: (query) => query.length >= 1,
        load: (query, callback) => {
          const address = new URL(url, window.location.href);
          address.searchParams.set("q", query);
          fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" })
            .then((response) => (response.ok ? response.json() : { results: [] }))
            .then((data) => callback(data.results))
            .catch(() => callback());
        },
      });
    }
    const picker = new window.TomSelect(element, settings);
    // Tom Select points the field's <label> at its own text box; the original select, kept
    // for assistive technology, is named by the same label so it is never left unlabelled.
    const label =
      document.getElementById(`${element.id}-ts-label`) ||
      document.querySelector(`label[for="${picker.control_input.id}"]`);
    if (label) {
      if (!label.id) label.id = `${element.id}-label`;
      element.setAttribute("aria-labelledby", label.id);
    }
  };
  const enhanceAll = (root) => {
    if (root.matches && root.matches("select[data-picker], input[data-picker]")) enhance(root);
    root.querySelectorAll("select[data-picker], input[data-picker]").forEach(enhance);
  };
  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  document.addEventListener("htmx:load", (event) => enhanceAll(event.target));
})();

// Draws the Vega-Lite charts of a page: every <div class="vega-chart" data-spec-id="ID"> gets
// the spec held in <script type="application/json" id="ID"> (Django's json_script filter).
// The Content-Security-Policy forbids eval and inline styles, so Vega interprets its
// expressions (`ast: true`, with the interpreter bundled in vega-embed) and vega-embed must
// not inject its stylesheet (`defaultStyle: false`). Each chart's table holds the same numbers.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.vegaEmbed) return;
  document.querySelectorAll(".vega-chart[data-spec-id]").forEach((element) => {
    const source = document.getElementById(element.dataset.specId);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    window
      .vegaEmbed(element, spec, {
        actions: false,
        renderer: "svg",
        ast: true,
        defaultStyle: false,
        // vega-tooltip would inject a stylesheet too; Vega's own tooltips are title attributes.
        tooltip: false,
      })
      .then(() => {
        element.dataset.rendered = "true";
      })
      .catch((error) => {
        element.dataset.rendered = "error";
        console.error(error);
      });
  });
});

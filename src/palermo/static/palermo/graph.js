// The graph page of a network collection: Cytoscape draws the elements the server returns
// (graph/elements.json, filtered), adds a node's neighbours on double-click or from the
// selection, highlights a path (graph/path.json), lists the selection in a table linked to
// the entities' pages, and exports the view (PNG from the canvas; FtM lines through the
// server, which checks the export rule). No inline script or eval: the CSP stays strict.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("network");
  if (!root || !window.cytoscape) return;
  const strings = JSON.parse(document.getElementById("graph-strings").textContent);
  const status = document.getElementById("graph-status");
  const names = document.getElementById("graph-names");
  const tableBody = document.querySelector("#graph-selection tbody");
  const format = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key]);
  const say = (text) => {
    status.textContent = text;
  };

  const COLOURS = {
    Person: ["#0d6efd", "ellipse"],
    Company: ["#198754", "round-rectangle"],
    Organization: ["#198754", "round-rectangle"],
    LegalEntity: ["#198754", "round-rectangle"],
    PublicBody: ["#6f42c1", "hexagon"],
    Address: ["#fd7e14", "diamond"],
    Vessel: ["#495057", "triangle"],
    Vehicle: ["#495057", "triangle"],
  };
  const colour = (node) => (COLOURS[node.data("schema")] || ["#6c757d", "ellipse"])[0];
  const shape = (node) => (COLOURS[node.data("schema")] || ["#6c757d", "ellipse"])[1];

  // Overlapping nodes mid-layout make Cytoscape warn about edges it cannot draw yet.
  window.cytoscape.warnings(false);
  const cy = window.cytoscape({
    container: document.getElementById("graph-canvas"),
    boxSelectionEnabled: true,
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "background-color": colour,
          shape: shape,
          width: "mapData(degree, 0, 12, 18, 44)",
          height: "mapData(degree, 0, 12, 18, 44)",
          "font-size": 11,
          "font-family": "system-ui, sans-serif",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-wrap": "ellipsis",
          "text-max-width": 140,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.8,
          "text-background-padding": 1,
        },
      },
      {
        selector: "edge",
        style: {
          width: 1.5,
          "line-color": "#adb5bd",
          "target-arrow-color": "#adb5bd",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          "font-size": 9,
          color: "#495057",
        },
      },
      {
        selector: "edge[schema = 'Payment']",
        style: {
          label: "data(label)",
          "line-color": "#b08800",
          "target-arrow-color": "#b08800",
          width: 2.5,
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.8,
        },
      },
      { selector: "edge[schema = 'Ownership']", style: { "line-color": "#198754", "target-arrow-color": "#198754" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#212529" } },
      { selector: ".on-path", style: { "line-color": "#dc3545", "target-arrow-color": "#dc3545", "background-color": "#dc3545", width: 4, "z-index": 10 } },
      { selector: "node.on-path", style: { width: 36, height: 36 } },
      { selector: ".focused", style: { "border-width": 5, "border-color": "#dc3545" } },
    ],
  });
  root.cy = cy; // for tests and the browser console

  const layout = () => {
    cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 80, padding: 20 }).run();
  };

  const refreshNames = () => {
    names.replaceChildren(
      ...cy
        .nodes()
        .map((node) => node.data("label"))
        .sort()
        .map((label) => {
          const option = document.createElement("option");
          option.value = label;
          return option;
        }),
    );
  };

  const entityUrl = (id) => `${root.dataset.entityUrl}${encodeURIComponent(id)}/`;

  const refreshSelection = () => {
    const selected = cy.nodes(":selected");
    const rows = selected.map((node) => {
      const row = document.createElement("tr");
      const name = document.createElement("td");
      const link = document.createElement("a");
      link.href = entityUrl(node.id());
      link.textContent = node.data("label");
      link.dir = "auto";
      name.append(link);
      const kind = document.createElement("td");
      kind.textContent = node.data("kind");
      const degree = document.createElement("td");
      degree.className = "text-end";
      degree.textContent = String(node.degree(false));
      const community = document.createElement("td");
      community.textContent = node.data("community") ?? "—";
      row.append(name, kind, degree, community);
      return row;
    });
    if (!rows.length) {
      const row = document.createElement("tr");
      const cell = document.createElement("td");
      cell.colSpan = 4;
      cell.className = "text-body-secondary";
      cell.textContent = strings.nothingSelected;
      row.append(cell);
      rows.push(row);
    }
    tableBody.replaceChildren(...rows);
  };

  const fetchJson = async (url) => {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || strings.failed);
    return body;
  };

  const shown = () => say(format(strings.shown, { shown: cy.nodes().length, links: cy.edges().length }));

  const load = async () => {
    const form = document.getElementById("graph-filters");
    const query = new URLSearchParams(new FormData(form));
    say(strings.loading);
    try {
      const body = await fetchJson(`${root.dataset.elementsUrl}?${query}`);
      cy.elements().remove();
      cy.add(body.elements);
      layout();
      refreshNames();
      refreshSelection();
      if (!cy.nodes().length) say(strings.empty);
      else if (body.message) say(body.message);
      else shown();
      root.dataset.loaded = "true";
    } catch (error) {
      say(error.message);
    }
  };

  const addElements = (elements) => {
    const fresh = cy.collection();
    for (const group of ["nodes", "edges"]) {
      for (const element of elements[group]) {
        if (!cy.getElementById(element.data.id).length) fresh.merge(cy.add(element));
      }
    }
    if (fresh.length) {
      layout();
      refreshNames();
    }
    return fresh;
  };

  const expand = async (nodes) => {
    for (const node of nodes) {
      const body = await fetchJson(`${root.dataset.neighboursUrl}?id=${encodeURIComponent(node.id())}`);
      addElements(body.elements);
    }
    shown();
  };

  const byName = (name) => {
    const wanted = name.trim().toLocaleLowerCase();
    if (!wanted) return cy.collection();
    const exact = cy.nodes().filter((node) => node.data("label").toLocaleLowerCase() === wanted);
    if (exact.length) return exact[0];
    const partial = cy.nodes().filter((node) => node.data("label").toLocaleLowerCase().includes(wanted));
    return partial.length ? partial[0] : cy.collection();
  };

  document.getElementById("graph-filters").addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  document.getElementById("graph-search").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("graph-find");
    const node = byName(input.value);
    cy.nodes().removeClass("focused");
    if (!node.length) {
      say(format(strings.notFound, { name: input.value }));
      return;
    }
    cy.nodes().unselect();
    node.select().addClass("focused");
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
    root.dataset.focused = node.id();
    say(node.data("label"));
  });
  document.getElementById("graph-path").addEventListener("submit", async (event) => {
    event.preventDefault();
    const source = byName(document.getElementById("path-from").value);
    const target = byName(document.getElementById("path-to").value);
    cy.elements().removeClass("on-path");
    if (!source.length || !target.length) {
      say(strings.chooseTwo);
      return;
    }
    try {
      const query = new URLSearchParams({ source: source.id(), target: target.id() });
      const body = await fetchJson(`${root.dataset.pathUrl}?${query}`);
      if (!body.path.length) {
        say(body.message);
        return;
      }
      addElements(body.elements);
      const ids = [...body.elements.nodes, ...body.elements.edges].map((element) => `#${CSS.escape(element.data.id)}`);
      const path = cy.$(ids.join(", "));
      path.addClass("on-path");
      cy.fit(path, 40);
      root.dataset.path = body.path.join(" ");
      say(format(strings.pathFound, { hops: body.path.length - 1 }));
    } catch (error) {
      say(error.message);
    }
  });
  document.getElementById("graph-expand").addEventListener("click", () => expand(cy.nodes(":selected")));
  document.getElementById("graph-fit").addEventListener("click", () => cy.fit(undefined, 20));
  document.getElementById("graph-png").addEventListener("click", () => {
    const link = document.createElement("a");
    link.href = cy.png({ full: true, scale: 2, bg: "#ffffff" });
    link.download = "network.png";
    document.body.append(link);
    link.click();
    link.remove();
  });
  const exportForm = document.getElementById("graph-export");
  if (exportForm) {
    exportForm.addEventListener("submit", () => {
      const ids = new Set();
      cy.nodes().forEach((node) => ids.add(node.id()));
      cy.edges().forEach((edge) => ids.add(edge.data("entity")));
      exportForm.elements.ids.value = JSON.stringify([...ids]);
    });
  }
  cy.on("select unselect", "node", refreshSelection);
  cy.on("dbltap", "node", (event) => expand([event.target]));
  load();
});

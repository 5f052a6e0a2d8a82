/* graphkit map: filters, search, tooltips and details for a vis-network graph.
 *
 * All data comes from the JSON island #gk-data. Every piece of text from the data is put
 * into the page with textContent (never innerHTML), and links only get an href through
 * the DOM property when their scheme is http or https.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("gk-data").textContent);
  var meta = data.meta;
  var DIM_FONT = "#b9bfc6";
  var FONT = "#1f2328";

  var byId = new Map();
  var adjacency = new Map();
  var baseColor = new Map(); // kept as JSON: vis may merge updates into stored objects
  data.nodes.forEach(function (n) {
    byId.set(n.id, n);
    baseColor.set(n.id, JSON.stringify(n.color));
    adjacency.set(n.id, []);
  });
  var edgeById = new Map();
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    adjacency.get(e.from).push(e.id);
    if (e.to !== e.from) adjacency.get(e.to).push(e.id);
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var visibleNodes = null; // null: everything visible
  var visibleEdges = null;
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return visibleNodes === null || visibleNodes.has(n.id); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return visibleEdges === null || visibleEdges.has(e.id); }
  });

  var container = document.getElementById("gk-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  var api = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    meta: meta, ready: false, search: search, focusNode: focusNode,
    showEdge: showEdgeDetails, showNode: showNodeDetails
  };
  window.graphkit = api;

  /* ---------- small DOM helpers ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function safeUrl(value) {
    if (!value) return null;
    try {
      var url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (err) {
      return null;
    }
  }

  function swatch(color) {
    var s = el("span", "gk-swatch");
    s.style.background = color;
    return s;
  }

  function typeColor(type) {
    return (meta.type_colors && meta.type_colors[type]) || "#9aa0a6";
  }

  function typeLabel(type) {
    return (meta.type_labels && meta.type_labels[type]) || type;
  }

  function relationLabel(name) {
    return (meta.relation_labels && meta.relation_labels[name]) || name;
  }

  /* ---------- tooltips and details ---------- */

  function nodeSummary(n, full) {
    var box = el("div");
    box.appendChild(el("div", "gk-head", n.gk.label));
    var type = el("div", "gk-type");
    type.appendChild(swatch(typeColor(n.gk.type)));
    type.appendChild(document.createTextNode(typeLabel(n.gk.type)));
    box.appendChild(type);
    var names = el("ul", "gk-names");
    n.gk.names.forEach(function (pair) {
      var li = el("li", null, pair[0]);
      if (pair[1]) li.appendChild(el("span", "gk-lang", " @" + pair[1]));
      names.appendChild(li);
    });
    box.appendChild(names);
    var facts = [];
    if (n.gk.jurisdiction) facts.push("jurisdiction " + n.gk.jurisdiction);
    if (n.gk.iso) facts.push("ISO " + n.gk.iso);
    if (n.gk.articles !== null) facts.push(n.gk.articles + " article(s)");
    if (n.gk.first_seen) facts.push("first seen " + n.gk.first_seen);
    if (n.gk.community !== null) facts.push("community " + n.gk.community);
    if (n.gk.centrality !== null) facts.push("centrality " + Number(n.gk.centrality).toPrecision(3));
    if (facts.length) box.appendChild(el("div", "gk-facts", facts.join(" · ")));
    if (full) box.appendChild(el("div", "gk-muted", n.gk.iri));
    return box;
  }

  function evidenceBlock(item, withLinks) {
    var ev = data.articles[item[1]] || {};
    var block = el("div", "gk-evidence");
    block.appendChild(el("q", null, item[0] || ""));
    var source = el("div", "gk-source");
    var href = safeUrl(ev.url);
    var name = ev.title || ev.url || ev.article || "article";
    if (withLinks && href) {
      var a = el("a", null, name);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      source.appendChild(a);
    } else {
      source.appendChild(el("span", null, name));
    }
    if (ev.date) source.appendChild(document.createTextNode(" · " + ev.date));
    block.appendChild(source);
    return block;
  }

  function edgeSummary(e, full) {
    var box = el("div");
    var a = byId.get(e.from), b = byId.get(e.to);
    box.appendChild(el("div", "gk-head", a.gk.label + (meta.directed ? " → " : " — ") + b.gk.label));
    var facts = [];
    if (e.gk.kinds.length) facts.push("kinds: " + e.gk.kinds.join(", "));
    if (e.gk.predicates.length) facts.push("relations: " + e.gk.predicates.map(relationLabel).join(", "));
    facts.push("weight " + e.gk.weight);
    if (e.gk.years.length) facts.push("years " + e.gk.years.join(", "));
    box.appendChild(el("div", "gk-facts", facts.join(" · ")));
    var shown = full ? e.gk.evidence : e.gk.evidence.slice(0, 3);
    shown.forEach(function (ev) { box.appendChild(evidenceBlock(ev, full)); });
    var more = e.gk.evidence.length - shown.length + e.gk.more_evidence;
    if (more > 0) box.appendChild(el("div", "gk-muted", "+ " + more + " more sentence(s)" + (full ? "" : " — click the edge")));
    return box;
  }

  var tooltip = document.getElementById("gk-tooltip");

  function showTooltip(content, pointer) {
    clear(tooltip);
    tooltip.appendChild(content);
    tooltip.hidden = false;
    var wrap = tooltip.parentNode.getBoundingClientRect();
    var x = pointer.x + 14, y = pointer.y + 14;
    if (x + tooltip.offsetWidth > wrap.width) x = Math.max(0, pointer.x - tooltip.offsetWidth - 14);
    if (y + tooltip.offsetHeight > wrap.height) y = Math.max(0, wrap.height - tooltip.offsetHeight - 4);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  var details = document.getElementById("gk-details");
  var detailsBody = document.getElementById("gk-details-body");

  function showDetails(content) {
    clear(detailsBody);
    detailsBody.appendChild(content);
    details.hidden = false;
  }

  function showNodeDetails(id) {
    var n = byId.get(id);
    var box = nodeSummary(n, true);
    var partners = neighbours(id);
    box.appendChild(el("h3", "gk-muted", partners.length + " linked entit" + (partners.length === 1 ? "y" : "ies")));
    var list = el("ul", "gk-neigh");
    partners.slice(0, 200).forEach(function (pid) {
      var li = el("li");
      var button = el("button", null, byId.get(pid).gk.label);
      button.type = "button";
      button.addEventListener("click", function () { focusNode(pid); });
      li.appendChild(button);
      list.appendChild(li);
    });
    box.appendChild(list);
    box.appendChild(pageLink("/entity/" + pageId(n.gk.iri), "Open its page"));
    showDetails(box);
    saveState();
  }

  function showEdgeDetails(id) {
    var e = edgeById.get(id);
    var box = edgeSummary(e, true);
    box.appendChild(pageLink("/edge?a=" + encodeURIComponent(pageId(byId.get(e.from).gk.iri)) +
      "&b=" + encodeURIComponent(pageId(byId.get(e.to).gk.iri)), "Open the evidence page"));
    showDetails(box);
    saveState();
  }

  /* ---------- the workbench's pages (when served) and the state in the URL ---------- */

  var served = location.protocol === "http:" || location.protocol === "https:";

  function pageId(iri) {
    var at = String(iri).indexOf("/ccg/resource/");
    return at < 0 ? String(iri) : String(iri).slice(at + "/ccg/resource/".length);
  }

  function pageLink(href, text) {
    if (!served) return document.createDocumentFragment();
    var a = el("a", "gk-page-link", text);
    a.href = href;
    a.target = "_top";  // out of the workbench's frame, onto the page itself
    return a;
  }

  var restoring = false;

  function saveState() {
    if (restoring || !window.history || !history.replaceState) return;
    var q = new URLSearchParams();
    var off = [];
    typeBoxes.forEach(function (box, key) { if (!box.checked) off.push(key); });
    if (off.length) q.set("hide", off.join(","));
    if (countrySelect.value) q.set("country", countrySelect.value);
    if (kindSelect.value) q.set("kind", kindSelect.value);
    if (meta.years && (Number(yearFrom.value) !== meta.years[0] || Number(yearTo.value) !== meta.years[1])) {
      q.set("years", yearFrom.value + "-" + yearTo.value);
    }
    var sel = network.getSelectedNodes();
    var selEdges = network.getSelectedEdges();
    if (sel.length) q.set("node", byId.get(sel[0]).gk.iri);
    else if (selEdges.length === 1) q.set("edge", selEdges[0]);
    history.replaceState(null, "", "#" + q.toString());
  }

  function restoreState() {
    var q = new URLSearchParams(location.hash.slice(1));
    if (!Array.from(q.keys()).length) return;
    restoring = true;
    var hide = new Set((q.get("hide") || "").split(",").filter(Boolean));
    typeBoxes.forEach(function (box, key) { box.checked = !hide.has(key); });
    if (q.get("country")) countrySelect.value = q.get("country");
    if (q.get("kind")) kindSelect.value = q.get("kind");
    var years = (q.get("years") || "").split("-");
    if (meta.years && years.length === 2) { yearFrom.value = years[0]; yearTo.value = years[1]; }
    applyFilters();
    var iri = q.get("node");
    if (iri) {
      data.nodes.forEach(function (n) { if (n.gk.iri === iri) focusNode(n.id); });
    } else if (q.get("edge") !== null && edgeById.has(Number(q.get("edge")))) {
      network.selectEdges([Number(q.get("edge"))]);
      showEdgeDetails(Number(q.get("edge")));
    }
    restoring = false;
  }

  /* ---------- neighbourhood highlight ---------- */

  var dimmed = false;

  function edgeShown(eid) {
    return visibleEdges === null || visibleEdges.has(eid);
  }

  function neighbours(id) {
    var seen = new Set();
    adjacency.get(id).forEach(function (eid) {
      if (!edgeShown(eid)) return;
      var e = edgeById.get(eid);
      seen.add(e.from === id ? e.to : e.from);
    });
    seen.delete(id);
    return Array.from(seen).sort(function (p, q) { return byId.get(q).size - byId.get(p).size; });
  }

  function highlight(id) {
    var keep = new Set(neighbours(id));
    keep.add(id);
    nodes.update(data.nodes.map(function (n) {
      var on = keep.has(n.id);
      var color = on ? JSON.parse(baseColor.get(n.id)) : { background: "#e6e8eb", border: "#d5d9de" };
      return { id: n.id, color: color, font: { color: on ? FONT : DIM_FONT } };
    }));
    dimmed = true;
  }

  function unhighlight() {
    if (!dimmed) return;
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: JSON.parse(baseColor.get(n.id)), font: { color: FONT } };
    }));
    dimmed = false;
  }

  /* ---------- filters ---------- */

  var typeBoxes = new Map();
  var countrySelect = document.getElementById("gk-country");
  var kindSelect = document.getElementById("gk-kind");
  var yearFrom = document.getElementById("gk-year-from");
  var yearTo = document.getElementById("gk-year-to");
  var yearLabel = document.getElementById("gk-year-label");
  var status = document.getElementById("gk-status");

  function buildFilters() {
    var types = document.getElementById("gk-types");
    meta.types.forEach(function (t) {
      var row = el("label", "gk-row");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = t.key;
      box.addEventListener("change", applyFilters);
      typeBoxes.set(t.key, box);
      row.appendChild(box);
      if (meta.color_by === "type") row.appendChild(swatch(t.color));
      row.appendChild(el("span", null, typeLabel(t.key)));
      row.appendChild(el("span", "gk-count", t.count));
      types.appendChild(row);
    });
    if (meta.color_by !== "type") buildLegend();
    meta.countries.forEach(function (c) {
      var option = el("option", null, c);
      option.value = c;
      countrySelect.appendChild(option);
    });
    meta.kinds.forEach(function (k) {
      var option = el("option", null, k);
      option.value = k;
      kindSelect.appendChild(option);
    });
    countrySelect.addEventListener("change", applyFilters);
    kindSelect.addEventListener("change", applyFilters);
    [yearFrom, yearTo].forEach(function (input) {
      if (meta.years) {
        input.min = meta.years[0];
        input.max = meta.years[1];
        input.step = 1;
      } else {
        input.disabled = true;
      }
      input.addEventListener("input", applyFilters);
    });
    resetYears();
    document.getElementById("gk-reset").addEventListener("click", resetFilters);
  }

  function buildLegend() {
    var section = document.getElementById("gk-legend-section");
    var legend = document.getElementById("gk-legend");
    document.getElementById("gk-legend-title").textContent = "Colour: " + meta.color_by;
    meta.legend.forEach(function (item) {
      var row = el("div", "gk-row");
      row.appendChild(swatch(item.color));
      row.appendChild(el("span", null, item.key));
      row.appendChild(el("span", "gk-count", item.count));
      legend.appendChild(row);
    });
    section.hidden = false;
  }

  function resetYears() {
    if (!meta.years) {
      yearLabel.textContent = "(none)";
      return;
    }
    yearFrom.value = meta.years[0];
    yearTo.value = meta.years[1];
    yearLabel.textContent = meta.years[0] + "–" + meta.years[1];
  }

  function resetFilters() {
    typeBoxes.forEach(function (box) { box.checked = true; });
    countrySelect.value = "";
    kindSelect.value = "";
    resetYears();
    applyFilters();
  }

  function yearRange() {
    if (!meta.years) return null;
    var lo = Number(yearFrom.value), hi = Number(yearTo.value);
    if (lo > hi) { var t = lo; lo = hi; hi = t; }
    yearLabel.textContent = lo + "–" + hi;
    return lo === meta.years[0] && hi === meta.years[1] ? null : [lo, hi];
  }

  function edgePasses(e, kind, years) {
    if (kind && e.gk.kinds.indexOf(kind) < 0) return false;
    if (!years) return true;
    return e.gk.years.some(function (y) { return y >= years[0] && y <= years[1]; });
  }

  function applyFilters() {
    var types = new Set();
    typeBoxes.forEach(function (box, key) { if (box.checked) types.add(key); });
    var country = countrySelect.value, kind = kindSelect.value, years = yearRange();
    var edgeFilter = Boolean(kind || years);
    var active = edgeFilter || Boolean(country) || types.size !== typeBoxes.size;
    hideTooltip();
    unhighlight();
    network.unselectAll();
    if (!active) {
      visibleNodes = null;
      visibleEdges = null;
    } else {
      computeVisible(types, country, kind, years, edgeFilter);
    }
    nodeView.refresh();
    edgeView.refresh();
    updateStatus();
    saveState();
  }

  function computeVisible(types, country, kind, years, edgeFilter) {
    var typed = new Set();
    data.nodes.forEach(function (n) { if (types.has(n.gk.type)) typed.add(n.id); });
    var shownEdges = new Set(), shownNodes = new Set();
    var home = null;
    if (country) {
      home = new Set();
      typed.forEach(function (id) {
        var g = byId.get(id).gk;
        if (g.jurisdiction === country || g.iso === country) home.add(id);
      });
    }
    data.edges.forEach(function (e) {
      if (!typed.has(e.from) || !typed.has(e.to) || !edgePasses(e, kind, years)) return;
      if (home && !home.has(e.from) && !home.has(e.to)) return;
      shownEdges.add(e.id);
      shownNodes.add(e.from);
      shownNodes.add(e.to);
    });
    if (home) home.forEach(function (id) { if (!edgeFilter) shownNodes.add(id); });
    else if (!edgeFilter) typed.forEach(function (id) { shownNodes.add(id); });
    visibleNodes = shownNodes;
    visibleEdges = shownEdges;
  }

  function updateStatus() {
    var n = nodeView.length, m = edgeView.length;
    status.textContent = n.toLocaleString("en") + " of " + data.nodes.length.toLocaleString("en") +
      " nodes, " + m.toLocaleString("en") + " of " + data.edges.length.toLocaleString("en") + " edges shown";
  }

  /* ---------- search ---------- */

  var searchInput = document.getElementById("gk-search");
  var results = document.getElementById("gk-results");
  var index = data.nodes.map(function (n) {
    return {
      id: n.id,
      keys: n.gk.names.map(function (p) { return p[0].toLowerCase(); }).concat([n.gk.label.toLowerCase()])
    };
  });

  function search(query, limit) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var rank = 9;
      entry.keys.forEach(function (k) {
        if (k === q) rank = Math.min(rank, 0);
        else if (k.indexOf(q) === 0) rank = Math.min(rank, 1);
        else if (k.indexOf(q) > 0) rank = Math.min(rank, 2);
      });
      if (rank < 9) hits.push([rank, -byId.get(entry.id).size, entry.id]);
    });
    hits.sort(function (p, q2) { return p[0] - q2[0] || p[1] - q2[1]; });
    return hits.slice(0, limit || 12).map(function (h) { return h[2]; });
  }

  function showResults() {
    var ids = search(searchInput.value, 12);
    clear(results);
    ids.forEach(function (id, i) {
      var n = byId.get(id);
      var li = el("li", i === 0 ? "gk-active" : null, n.gk.label);
      var q = searchInput.value.trim().toLowerCase();
      var matched = n.gk.names.filter(function (p) {
        return p[0].toLowerCase().indexOf(q) >= 0 && p[0] !== n.gk.label;
      })[0];
      li.appendChild(el("div", "gk-sub", typeLabel(n.gk.type) + (matched ? " · " + matched[0] : "")));
      li.addEventListener("mousedown", function (ev) {
        ev.preventDefault();
        pick(id);
      });
      results.appendChild(li);
    });
    results.hidden = ids.length === 0;
  }

  function pick(id) {
    results.hidden = true;
    focusNode(id);
  }

  function focusNode(id) {
    if (!byId.has(id)) return false;
    if (visibleNodes !== null && !visibleNodes.has(id)) resetFilters();
    hideTooltip();
    network.selectNodes([id]);
    highlight(id);
    showNodeDetails(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    return true;
  }

  searchInput.addEventListener("input", showResults);
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var ids = search(searchInput.value, 1);
      if (ids.length) pick(ids[0]);
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  searchInput.addEventListener("blur", function () { results.hidden = true; });

  /* ---------- network events ---------- */

  network.on("hoverNode", function (p) { showTooltip(nodeSummary(byId.get(p.node), false), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("hoverEdge", function (p) { showTooltip(edgeSummary(edgeById.get(p.edge), false), p.pointer.DOM); });
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) {
      highlight(p.nodes[0]);
      showNodeDetails(p.nodes[0]);
    } else if (p.edges.length) {
      unhighlight();
      showEdgeDetails(p.edges[0]);
    } else {
      unhighlight();
      details.hidden = true;
      saveState();
    }
  });
  document.getElementById("gk-details-close").addEventListener("click", function () {
    details.hidden = true;
    unhighlight();
    network.unselectAll();
    saveState();
  });

  function markReady() {
    if (api.ready) return;
    api.ready = true;
    document.getElementById("gk-loading").hidden = true;
    document.body.setAttribute("data-ready", "1");
  }

  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  buildFilters();
  updateStatus();
  restoreState();
})();

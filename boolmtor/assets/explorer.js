/* boolmtor explorer: shows the precomputed conditions embedded in #data (no network, no build
   step). Every number shown comes from the package (bm.attractors / bm.response /
   bm.predict_markers); this script only looks conditions up and derives phenotypes and node
   scores from the attractors, as boolmtor.results.Attractor does. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var INDEX = {};
  D.order.forEach(function (n, i) { INDEX[n] = i; });
  var BASE = {};  // level node -> its graded node
  D.nodes.forEach(function (n) { n.levels.forEach(function (l) { BASE[l] = n.id; }); });
  var DRUGS = {};
  D.manifest.drugs.forEach(function (d) { DRUGS[d.name] = d; });
  var BGS = {};
  D.manifest.backgrounds.forEach(function (b) { BGS[b.name] = b; });
  var state = { env: null, bgs: [], ko: [], oe: [], drugs: ["", ""] };
  var cy = null, selected = null;

  // ------------------------------------------------------------------ helpers
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "cls") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }
  function fmt(v, digits) {
    if (v === null || v === undefined) return "–";
    var s = v.toFixed(digits === undefined ? 3 : digits);
    return v < 0 ? s : "+" + s;
  }
  function plain(v) { return v === null || v === undefined ? "–" : v.toFixed(3); }
  function sortedJoin(xs) { return xs.slice().sort().join("+"); }
  function keyOf(s) {
    var alts = s.ko.map(function (n) { return "KO:" + n; })
      .concat(s.oe.map(function (n) { return "OE:" + n; }));
    var drugs = s.drugs.filter(function (d) { return d; });
    return [s.env || "", sortedJoin(s.bgs), sortedJoin(alts), sortedJoin(drugs)].join("|");
  }
  function copy(s) {
    return { env: s.env, bgs: s.bgs.slice(), ko: s.ko.slice(), oe: s.oe.slice(),
             drugs: s.drugs.slice() };
  }
  function has(s) { return Object.prototype.hasOwnProperty.call(D.conditions, keyOf(s)); }
  function without(xs, x) { return xs.filter(function (y) { return y !== x; }); }

  // ------------------------------------------------------------------ attractors
  function decode(ref) {
    var row = D.attractors[ref[0]];
    return { pattern: row[0], acts: row[1], size: row[2], weight: ref[1],
             error: ref.length > 2 ? ref[2] : 0 };
  }
  function activity(a, node) {
    var c = a.pattern.charAt(INDEX[node]);
    return c === "*" ? a.acts[node] : Number(c);
  }
  function levelsOf(node) { return D.levels[node] || [node]; }
  function level(a, node) {  // Attractor.level: 0..k when constant, else "osc"
    var sum = 0, ls = levelsOf(node);
    for (var i = 0; i < ls.length; i++) {
      var c = a.pattern.charAt(INDEX[ls[i]]);
      if (c === "*") return "osc";
      sum += Number(c);
    }
    return sum;
  }
  function score(a, node) {  // Attractor.score: mean activity of the level nodes
    var ls = levelsOf(node), t = 0;
    ls.forEach(function (l) { t += activity(a, l); });
    return t / ls.length;
  }
  function scores(atts) {  // boolmtor.scores: weighted mean (equal weights if any is unknown)
    var w = atts.map(function (a) { return a.weight; });
    if (w.some(function (x) { return x === null; })) w = atts.map(function () { return 1; });
    var total = w.reduce(function (x, y) { return x + y; }, 0), out = {};
    D.nodes.forEach(function (n) {
      var t = 0;
      atts.forEach(function (a, i) { t += w[i] * score(a, n.id); });
      out[n.id] = t / total;
    });
    return out;
  }

  // ------------------------------------------------------------------ colours
  // viridis, 11 stops (matplotlib), perceptually uniform and colour-blind safe
  var VIRIDIS = ["#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c",
                 "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725"];
  function hex(c) { return [1, 3, 5].map(function (i) { return parseInt(c.substr(i, 2), 16); }); }
  function viridis(v) {
    v = Math.max(0, Math.min(1, v)) * (VIRIDIS.length - 1);
    var i = Math.min(Math.floor(v), VIRIDIS.length - 2), f = v - i;
    var a = hex(VIRIDIS[i]), b = hex(VIRIDIS[i + 1]);
    return "rgb(" + a.map(function (x, k) { return Math.round(x + f * (b[k] - x)); })
      .join(",") + ")";
  }

  // ------------------------------------------------------------------ controls
  function option(value, text) { return el("option", { value: value, text: text }); }
  function buildControls() {
    var env = $("env");
    D.manifest.environments.forEach(function (e) {
      var inputs = Object.keys(e.inputs).map(function (k) { return k + "=" + e.inputs[k]; });
      var o = option(e.name || "", e.name || "inputs free");
      o.dataset.label = o.textContent;
      o.title = inputs.join(", ");
      env.appendChild(o);
    });
    state.env = D.manifest.environments[0].name;
    var bgs = $("bgs");
    if (!D.manifest.backgrounds.length) {
      $("bg-box").appendChild(el("p", { cls: "hint", text: "This model has no manifest " +
        "backgrounds: use knockouts and overexpressions." }));
    }
    D.manifest.backgrounds.forEach(function (b) {
      var alts = Object.keys(b.alterations).map(function (k) { return k + "=" + b.alterations[k]; });
      var box = el("input", { type: "checkbox", value: b.name, id: "bg-" + b.name });
      var lab = el("label", { "for": "bg-" + b.name, title: alts.join(", ") + (b.ref ? "; " + b.ref : "") },
                   [box, " " + b.name]);
      bgs.appendChild(lab);
      box.addEventListener("change", function () {
        state.bgs = box.checked ? state.bgs.concat([b.name]) : without(state.bgs, b.name);
        update();
      });
    });
    ["drug1", "drug2"].forEach(function (id, k) {
      var sel = $(id);
      var none = option("", k === 0 ? "none (untreated)" : "none");
      none.dataset.label = none.textContent;
      sel.appendChild(none);
      var groups = {};
      D.manifest.drugs.forEach(function (d) {
        if (!groups[d["class"]]) {
          groups[d["class"]] = el("optgroup", { label: d["class"] });
          sel.appendChild(groups[d["class"]]);
        }
        var o = option(d.name, d.name);
        o.dataset.label = d.name;
        groups[d["class"]].appendChild(o);
      });
      if (!D.manifest.drugs.length) {
        sel.disabled = true;
        none.textContent = none.dataset.label = "none (the model has no drugs)";
      }
      sel.addEventListener("change", function () { state.drugs[k] = sel.value; update(); });
    });
    var body = $("alts").tBodies[0];
    D.alterable.forEach(function (n) {
      var tr = el("tr", { "data-node": n });
      tr.appendChild(el("th", { scope: "row", text: n }));
      [["ko", "knock out "], ["oe", "overexpress "]].forEach(function (kind) {
        var box = el("input", { type: "checkbox", value: n, id: kind[0] + "-" + n,
                                "aria-label": kind[1] + n });
        box.addEventListener("change", function () {
          var other = kind[0] === "ko" ? "oe" : "ko";
          state[kind[0]] = box.checked ? state[kind[0]].concat([n]) : without(state[kind[0]], n);
          if (box.checked && state[other].indexOf(n) >= 0) {
            state[other] = without(state[other], n);
            $(other + "-" + n).checked = false;
          }
          update();
        });
        tr.appendChild(el("td", {}, [box]));
      });
      body.appendChild(tr);
    });
    env.addEventListener("change", function () { state.env = env.value || null; update(); });
    $("reset").addEventListener("click", function () {
      state = { env: state.env, bgs: [], ko: [], oe: [], drugs: ["", ""] };
      document.querySelectorAll("#controls input[type=checkbox]").forEach(function (b) {
        b.checked = false;
      });
      $("drug1").value = ""; $("drug2").value = "";
      update();
    });
  }

  function mark(node, available, labelled) {
    node.classList.toggle("np", !available);
    if (labelled) {
      node.textContent = node.dataset.label + (available ? "" : " (not precomputed)");
    } else if (available) {
      node.removeAttribute("aria-description");
    } else {
      node.setAttribute("aria-description", "not precomputed");
    }
  }
  function greyOut() {  // each choice, tried from the current state
    Array.prototype.forEach.call($("env").options, function (o) {
      var s = copy(state); s.env = o.value || null; mark(o, has(s), true);
    });
    D.manifest.backgrounds.forEach(function (b) {
      var s = copy(state);
      s.bgs = state.bgs.indexOf(b.name) >= 0 ? without(s.bgs, b.name) : s.bgs.concat([b.name]);
      mark($("bg-" + b.name).parentNode, has(s), false);
    });
    ["drug1", "drug2"].forEach(function (id, k) {
      Array.prototype.forEach.call($(id).options, function (o) {
        var s = copy(state); s.drugs[k] = o.value; mark(o, has(s), true);
      });
    });
    D.alterable.forEach(function (n) {
      ["ko", "oe"].forEach(function (kind) {
        var s = copy(state), other = kind === "ko" ? "oe" : "ko";
        s[kind] = state[kind].indexOf(n) >= 0 ? without(s[kind], n) : s[kind].concat([n]);
        s[other] = without(s[other], n);
        var box = $(kind + "-" + n);
        box.parentNode.classList.toggle("np", !has(s));
        box.setAttribute("aria-description", has(s) ? "" : "not precomputed");
      });
    });
  }

  // ------------------------------------------------------------------ commands
  function q(x) { return /^[A-Za-z0-9_.:=\/+-]+$/.test(x) ? x : "'" + x.replace(/'/g, "'\\''") + "'"; }
  function modelArg() { return D.model.arg ? " " + q(D.model.arg) : ""; }
  function tierOf(s) {
    var drugs = s.drugs.filter(function (d) { return d; });
    var alts = s.ko.length + s.oe.length;
    var main = D.manifest.tumour_environments.length ?
      D.manifest.tumour_environments.indexOf(s.env) >= 0 :
      s.env === D.manifest.environments[0].name;
    if (alts === 0 && s.bgs.length <= 1 && drugs.length <= 1)
      return main || !drugs.length ? "single" : "other environments";
    if (alts === 1 && !s.bgs.length && !drugs.length)
      return main ? "alterations" : "other environments";
    if (alts === 0 && s.bgs.length === 2 && drugs.length <= 1) return "background pairs";
    if (alts === 0 && s.bgs.length <= 1 && drugs.length === 2) return "drug pairs";
    if (alts === 1 && !s.bgs.length && drugs.length === 1 && main) return "alterations under drugs";
    if (alts === 2 && !s.bgs.length && !drugs.length && main) return "alteration pairs";
    return null;
  }
  function commands(s) {
    var drugs = s.drugs.filter(function (d) { return d; });
    var env = s.env ? " --env " + q(s.env) : "";
    var bgs = s.bgs.map(function (b) { return " --background " + q(b); }).join("");
    var out = [];
    if (drugs.length && !s.ko.length && !s.oe.length && s.env) {
      out.push("boolmtor response" + modelArg() + drugs.map(function (d) {
        return " --drug " + q(d); }).join("") + bgs + env);
    } else {
      out.push("boolmtor attractors" + modelArg() + env + bgs +
        s.ko.map(function (n) { return " --knockout " + q(n); }).join("") +
        s.oe.map(function (n) { return " --overexpress " + q(n); }).join("") +
        drugs.map(function (d) { return " --drug " + q(d); }).join(""));
    }
    var tier = tierOf(s);
    if (tier) {
      var tiers = D.budget.included.map(function (t) { return t[0]; });
      if (tiers.indexOf(tier) < 0) tiers.push(tier);
      out.push("boolmtor explore" + modelArg() + " -o explorer.html" +
        tiers.map(function (t) { return " --tier " + q(t); }).join("") +
        " --max-conditions " + (D.budget.max_conditions * 10));
    }
    return out;
  }

  // ------------------------------------------------------------------ tables
  function table(id, head, rows, caption) {
    var t = $(id);
    t.textContent = "";
    if (caption) t.appendChild(el("caption", { text: caption }));
    t.appendChild(el("thead", {}, [el("tr", {}, head.map(function (h) {
      return el("th", { scope: "col", text: h });
    }))]));
    var body = el("tbody");
    rows.forEach(function (r) { body.appendChild(r); });
    t.appendChild(body);
  }
  function attractorRows(id, atts, caption) {
    var rows = atts.map(function (a, i) {
      var pheno = {};
      D.readouts.forEach(function (r) { pheno[r] = level(a, r); });
      var tr = el("tr", { "data-weight": a.weight === null ? "" : String(a.weight),
                          "data-phenotype": JSON.stringify(pheno), "data-pattern": a.pattern });
      tr.appendChild(el("td", { cls: "num", text: String(i + 1) }));
      tr.appendChild(el("td", { cls: "num", text: a.weight === null ? "–" :
        a.weight.toFixed(3) + (a.error >= 0.0005 ? " ± " + a.error.toFixed(3) : "") }));
      tr.appendChild(el("td", { text: a.size === 1 ? "fixed point" : a.size + " states" }));
      if (!D.readouts.length) {  // no readouts: the state, one character per node
        tr.appendChild(el("td", { cls: "pattern", text: a.pattern }));
      }
      D.readouts.forEach(function (r) {
        var top = levelsOf(r).length;
        var v = pheno[r];
        tr.appendChild(el("td", { cls: "num", "data-readout": r,
          text: v === "osc" ? "osc" : (top > 1 ? v + "/" + top : String(v)) }));
      });
      return tr;
    });
    table(id, ["#", "weight", "kind"].concat(D.readouts.length ? D.readouts :
      ["state (0/1/* per node: " + D.order.join(" ") + ")"]), rows, caption);
  }

  function showResponse(r, drugs) {
    var box = $("response");
    box.textContent = "";
    $("response-box").hidden = !r;
    if (!r) return;
    function metric(name, value, id) {
      return el("span", { cls: "metric", id: id }, [name + " ", el("b", { text: value })]);
    }
    box.appendChild(el("p", {}, [
      metric("efficacy", fmt(r.efficacy), "m-efficacy"),
      metric("GR", fmt(r.gr), "m-gr"),
      metric("cytostatic part", fmt(r.cytostatic), "m-cytostatic"),
      metric("cytotoxic part", fmt(r.cytotoxic), "m-cytotoxic")]));
    box.appendChild(el("p", { id: "m-description", cls: r.kind ? "eff-" + r.kind : "",
      text: drugs.join(" + ") + ": " + r.description + (r.exact ? "" : " (weights estimated)") }));
  }

  function showPhenotype(sc, r) {
    var rows = D.readouts.map(function (n) {
      var tr = el("tr", { "data-readout": n });
      tr.appendChild(el("th", { scope: "row", text: n }));
      if (r) {
        tr.appendChild(el("td", { cls: "num", text: plain(r.untreated[n]) }));
        tr.appendChild(el("td", { cls: "num", text: plain(r.treated[n]) }));
        tr.appendChild(el("td", { cls: "num", text: fmt(r.treated[n] - r.untreated[n]) }));
      } else {
        tr.appendChild(el("td", { cls: "num", text: plain(sc[n]) }));
      }
      return tr;
    });
    table("phenotype", r ? ["readout", "untreated", "treated", "change"] : ["readout", "score"],
          rows, "Readout scores: weighted mean over the attractors (level / top level)");
  }

  function showActivity(sc) {
    var rows = D.nodes.map(function (n) {
      var b = el("button", { type: "button", cls: "link", text: n.id });
      b.addEventListener("click", function () { showNode(n.id, true); });
      return el("tr", {}, [el("th", { scope: "row" }, [b]),
        el("td", { cls: "num", text: plain(sc[n.id]) }),
        el("td", { text: n.kind })]);
    });
    table("activity", ["node", "activity", "kind"], rows);
  }

  function forcedBy(s) {  // nodes fixed by the chosen condition, and by what
    var out = {};
    function put(node, why) { var b = BASE[node] || node; out[b] = (out[b] ? out[b] + "; " : "") + why; }
    var env = D.manifest.environments.filter(function (e) { return e.name === s.env; })[0];
    if (env) Object.keys(env.inputs).forEach(function (n) { put(n, "environment " + (s.env || "")); });
    s.bgs.forEach(function (b) { Object.keys(BGS[b].alterations).forEach(function (n) { put(n, b); }); });
    s.drugs.forEach(function (d) {
      if (d) Object.keys(DRUGS[d].targets).forEach(function (n) { put(n, d); });
    });
    s.ko.forEach(function (n) { put(n, "knockout"); });
    s.oe.forEach(function (n) { put(n, "overexpression"); });
    return out;
  }

  function showClasses(s) {
    var box = $("classes");
    box.textContent = "";
    var reps = D.manifest.representatives;
    if (!reps.length) { box.appendChild(el("p", { cls: "hint", text: "The model has no drugs." })); return; }
    var rows = [], missing = 0;
    reps.forEach(function (d) {
      var t = copy(s); t.drugs = [d, ""]; t.ko = []; t.oe = [];  // the background's table
      var c = D.conditions[keyOf(t)];
      if (!c) { missing++; return; }
      var r = c.r;
      rows.push({ d: d, r: r });
    });
    var best = rows.length ? Math.max.apply(null, rows.map(function (x) { return x.r.efficacy; })) : 0;
    var trs = rows.map(function (x) {
      var r = x.r, top = r.efficacy >= best - 1e-9 && best > 0.1;
      return el("tr", { "data-drug": x.d }, [
        el("th", { scope: "row", text: DRUGS[x.d]["class"] + (top ? " ★" : "") }),
        el("td", { text: x.d }), el("td", { cls: "num", text: fmt(r.efficacy) }),
        el("td", { cls: "num", text: fmt(r.gr) }), el("td", { cls: "num", text: fmt(r.cytostatic) }),
        el("td", { cls: "num", text: fmt(r.cytotoxic) }),
        el("td", { cls: r.kind ? "eff-" + r.kind : "", text: r.description })]);
    });
    if (!rows.length) {
      box.appendChild(el("p", { cls: "hint", text: "No drug class was precomputed for these " +
        "backgrounds in this environment." }));
      return;
    }
    var where = [s.env || "inputs free"].concat(s.bgs.length ? s.bgs : ["wild type"]).join(" + ");
    var t = el("table", { id: "classes-table" });
    box.appendChild(t);
    table("classes-table", ["class", "drug", "efficacy", "GR", "cytostatic", "cytotoxic", "kind"],
          trs, "One drug per class, in " + where + (s.ko.length + s.oe.length ?
          " (alterations ignored)" : "") + "; ★ the largest efficacy (ties share it)");
    if (missing) box.appendChild(el("p", { cls: "hint", text: missing +
      " classes not precomputed for this background." }));
  }

  function showMarkers(s) {
    var box = $("markers");
    box.textContent = "";
    if (!s.bgs.length) {
      box.appendChild(el("p", { cls: "hint", text: D.manifest.backgrounds.length ?
        "Choose a background to see whether it is a sensitizing or resistance marker " +
        "for each drug class." : "The model has no manifest backgrounds." }));
      return;
    }
    s.bgs.forEach(function (b) {
      var rows = (D.markers[b] || []).map(function (m) {
        return el("tr", { "data-drug": m.drug }, [
          el("th", { scope: "row", text: DRUGS[m.drug]["class"] }), el("td", { text: m.drug }),
          el("td", { cls: m.effect, text: m.effect }), el("td", { cls: "num", text: fmt(m.score) }),
          el("td", { cls: "num", text: fmt(m.cytostatic) }), el("td", { cls: "num", text: fmt(m.cytotoxic) }),
          el("td", { text: (m.note || "") + (m.independent_in.length ? " grows without the " +
            "wild type in " + m.independent_in.join(", ") : "") })]);
      });
      var t = el("table", { id: "markers-" + b });
      box.appendChild(t);
      table(t.id, ["class", "drug", "effect", "score", "cytostatic", "cytotoxic", "note"], rows,
            b + ": efficacy change against the wild type (bm.predict_markers, tumour environments)");
    });
  }

  // ------------------------------------------------------------------ node details
  function showNode(id, focus) {
    var n = D.nodes.filter(function (x) { return x.id === id; })[0];
    if (!n) return;
    selected = id;
    if (cy) { cy.nodes().unselect(); cy.getElementById(id).select(); }
    var box = $("node");
    box.textContent = "";
    $("node-h").textContent = "Node " + id;
    box.appendChild(el("p", {}, [n.kind + (n.levels.length > 1 ? ", levels 0–" +
      n.levels.length + " (" + n.levels.join(", ") + ")" : "") + (n.where ? "; " : ""),
      n.where ? el("code", { text: n.where }) : ""]));
    n.levels.forEach(function (l) {
      box.appendChild(el("code", { cls: "rule", text: l + " = " + n.rules[l] }));
    });
    var regs = D.edges.filter(function (e) { return e[1] === id; }).map(function (e) {
      return (e[2] > 0 ? "→ " : "⊣ ") + e[0]; });
    if (regs.length) box.appendChild(el("p", { text: "Regulators: " + regs.join(", ") }));
    function list(title, items) {
      if (!items.length) return;
      box.appendChild(el("h3", { text: title }));
      box.appendChild(el("ul", {}, items.map(function (x) { return el("li", { text: x }); })));
    }
    list("References (# ref:)", n.refs);
    list("Modelling choices (# choice:)", n.choices);
    if (!n.refs.length && !n.choices.length)
      box.appendChild(el("p", { cls: "hint", text: "No # ref: or # choice: notes on this rule." }));
    if (focus) $("node-box").focus();
  }

  // ------------------------------------------------------------------ graph
  function width(label) { return 14 + 7.2 * (label.length + 5); }  // name and " 0.00"
  function buildGraph() {
    if (typeof cytoscape === "undefined") return;
    if (typeof cytoscapeDagre !== "undefined") cytoscape.use(cytoscapeDagre);
    var elements = D.nodes.map(function (n) {
      return { data: { id: n.id, label: n.id, kind: n.kind, color: "#dddddd", text: "#000000",
                       forced: false, w: width(n.id) } };
    }).concat(D.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e[0], target: e[1],
                       sign: e[2] > 0 ? "plus" : "minus" } };
    }));
    cy = cytoscape({
      container: $("cy"), elements: elements, maxZoom: 1.3,  // small graphs stay readable
      boxSelectionEnabled: false, autounselectify: false,
      style: [
        { selector: "node", style: { "label": "data(label)", "background-color": "data(color)",
          "color": "data(text)", "text-valign": "center", "text-halign": "center",
          "font-size": 12, "width": "data(w)", "height": 26,
          "shape": "round-rectangle", "border-width": 1, "border-color": "#333" } },
        { selector: "node[kind = 'input']", style: { "shape": "hexagon" } },
        { selector: "node[kind = 'readout']", style: { "shape": "ellipse", "font-weight": "bold" } },
        { selector: "node[?forced]", style: { "border-width": 5, "border-color": "#E69F00",
          "border-style": "double" } },
        { selector: "node:selected", style: { "overlay-color": "#E69F00", "overlay-opacity": 0.35,
          "overlay-padding": 5 } },
        { selector: "edge", style: { "width": 1.4, "curve-style": "bezier",
          "line-color": "#0072B2", "target-arrow-color": "#0072B2",
          "target-arrow-shape": "triangle", "arrow-scale": 0.9 } },
        { selector: "edge[sign = 'minus']", style: { "line-color": "#D55E00",
          "target-arrow-color": "#D55E00", "target-arrow-shape": "tee", "line-style": "dashed" } }
      ],
      layout: typeof cytoscapeDagre !== "undefined" ?
        { name: "dagre", rankDir: "TB", nodeSep: 12, rankSep: 38, edgeSep: 6 } :
        { name: "breadthfirst", directed: true }
    });
    cy.on("tap", "node", function (evt) { showNode(evt.target.id(), false); });
    var order = D.nodes.map(function (n) { return n.id; });
    $("cy").addEventListener("keydown", function (ev) {
      var i = selected ? order.indexOf(selected) : -1;
      if (ev.key === "ArrowRight" || ev.key === "ArrowDown") i = (i + 1) % order.length;
      else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") i = (i - 1 + order.length) % order.length;
      else if (ev.key === "Enter" || ev.key === " ") { if (selected) showNode(selected, true); ev.preventDefault(); return; }
      else return;
      ev.preventDefault();
      selected = order[i];
      cy.nodes().unselect();
      cy.getElementById(selected).select();
      $("status").textContent = "Node " + selected + " (Enter: rule and references)";
    });
    var legend = $("legend"), stops = [];
    for (var k = 10; k >= 0; k--) stops.push(viridis(k / 10) + " " + (100 - k * 10) + "%");
    legend.appendChild(el("div", {}, ["activity"]));
    var bar = el("span", { cls: "bar" });
    bar.style.background = "linear-gradient(" + stops.join(",") + ")";
    legend.appendChild(el("div", {}, [bar, el("span", { text: " 1 (on)" })]));
    legend.appendChild(el("div", { text: "0 (off) at the bottom" }));
    legend.appendChild(el("p", { text: "→ activates (blue)" }));
    legend.appendChild(el("p", { text: "⊣ inhibits (vermillion, dashed)" }));
    legend.appendChild(el("p", { text: "double orange border: fixed by the condition" }));
  }
  function colourGraph(sc, forced) {
    if (!cy) return;
    cy.batch(function () {
      D.nodes.forEach(function (n) {
        var v = sc ? sc[n.id] : null, node = cy.getElementById(n.id);
        node.data("color", v === null ? "#dddddd" : viridis(v));
        node.data("text", v === null || v > 0.6 ? "#000000" : "#ffffff");
        node.data("forced", forced && forced[n.id] ? true : false);
        node.data("label", n.id + (v === null ? "" : " " + v.toFixed(2)));
      });
    });
  }

  // ------------------------------------------------------------------ update
  function describe(s) {
    var drugs = s.drugs.filter(function (d) { return d; });
    var parts = [s.env || "inputs free"];
    parts.push(s.bgs.length ? s.bgs.join(" + ") : "wild type");
    if (s.ko.length) parts.push("knockout " + s.ko.join(", "));
    if (s.oe.length) parts.push("overexpression " + s.oe.join(", "));
    parts.push(drugs.length ? drugs.join(" + ") : "untreated");
    return parts.join(" · ");
  }
  function update() {
    greyOut();
    var c = D.conditions[keyOf(state)];
    var drugs = state.drugs.filter(function (d) { return d; });
    $("found").hidden = !c;
    $("missing").hidden = !!c;
    showClasses(state);
    showMarkers(state);
    if (!c) {
      var m = $("missing");
      m.textContent = "";
      m.appendChild(el("p", { text: "This condition was not precomputed (the page holds " +
        Object.keys(D.conditions).length + " conditions; it is kept under " +
        (D.budget.max_bytes / 1e6) + " MB). Compute it with:" }));
      commands(state).forEach(function (cmd) { m.appendChild(el("p", {}, [el("code", { text: cmd })])); });
      $("status").textContent = describe(state) + ": not precomputed";
      colourGraph(null, null);
      return;
    }
    var atts = c.a.map(decode);
    var sc = scores(atts);
    var pheno = D.readouts.map(function (r) { return r + " " + plain(sc[r]); }).join(", ");
    $("status").textContent = describe(state) + " — " + atts.length + " attractor" +
      (atts.length === 1 ? "" : "s") + "; " + pheno +
      (c.r ? "; efficacy " + fmt(c.r.efficacy) + " (" + c.r.description + ")" : "");
    showResponse(c.r, drugs);
    showPhenotype(sc, c.r);
    attractorRows("attractors", atts, drugs.length ?
      "Treated attractors; weights carried over from the untreated attractors" :
      "Weight: share of the state space that ends in the attractor");
    var u = D.conditions[keyOf({ env: state.env, bgs: state.bgs, ko: state.ko, oe: state.oe,
                                 drugs: ["", ""] })];
    $("untreated-box").hidden = !(c.r && u);
    if (c.r && u) attractorRows("untreated-attractors", u.a.map(decode));
    showActivity(sc);
    colourGraph(sc, forcedBy(state));
  }

  // ------------------------------------------------------------------ start
  document.title = "boolmtor explorer: " + D.model.name;
  $("title").textContent = "boolmtor explorer: " + D.model.name;
  var b = D.budget;
  $("about").textContent = "Model " + D.model.name + " (version " + D.model.version + ", " +
    D.nodes.length + " nodes). " + Object.keys(D.conditions).length +
    " conditions precomputed in " + b.seconds + " s (" + b.computations + " distinct computations, " +
    "budget " + b.max_conditions + "): " + b.included.map(function (t) { return t[0]; }).join(", ") +
    (b.left_out.length ? "; not precomputed: " + b.left_out.join(", ") : "") + ".";
  $("footer").appendChild(el("p", { text: "Attractors: asynchronous update, exact (biodivine-aeon), " +
    "weighted by the share of the state space that ends in each (bm.attractors(weights=True)); " +
    "with drugs, the treated network starts from the untreated attractors (bm.response). " +
    "The page is self-contained: no server, no network. Graph: Cytoscape.js with dagre " +
    "(MIT licences, see boolmtor/assets/vendor/)." }));
  buildControls();
  buildGraph();
  update();
  window.boolmtorExplorer = { data: D, state: function () { return copy(state); }, key: function () {
    return keyOf(state); } };
})();

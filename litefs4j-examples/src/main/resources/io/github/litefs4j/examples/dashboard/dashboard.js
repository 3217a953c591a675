// The dashboard's page: renders what the demo pushes over server-sent events (GET /events)
// and sends the buttons' actions as POST /api/... . No library, no build step.
"use strict";

const COLORS = ["#1f7a3d", "#2456a6", "#b26a00", "#7a3d9a", "#a12a2a"];
const $ = (id) => document.getElementById(id);
let lastState = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function fmt(ms) {
  if (ms === null || ms === undefined) return "?";
  return ms >= 10000 ? (ms / 1000).toFixed(1) + " s" : ms + " ms";
}

function haltText(node) {
  if (!node.running) return "-";
  if (node.role === "PRIMARY") return "not reported on the primary";
  switch (node.halt) {
    case "HELD": return "HELD on this node (by some process here; LiteFS does not say which)";
    case "NONE": return "none";
    default: return "no database yet";
  }
}

function renderNodes(state) {
  const box = $("nodes");
  box.replaceChildren();
  state.nodes.forEach((n) => {
    const role = n.role === "DISCONNECTED" ? "NO PRIMARY" : n.role;
    const lag = n.lagMillis === null ? (n.lagNote || "?") : fmt(n.lagMillis);
    const last = n.hasLastRow === null ? "-" : (n.hasLastRow ? "yes" : "not yet");
    const card = el("article", { class: "node", id: "node-" + n.name, "data-role": n.role,
        "data-rows": n.rows === null ? "" : String(n.rows),
        "data-has-last-row": n.hasLastRow === null ? "" : String(n.hasLastRow) },
      el("h3", {}, n.name, el("span", { class: "role", "data-testid": "role" }, role)),
      el("dl", {},
        el("dt", {}, "primary"), el("dd", { "data-testid": "primary-hostname" },
            n.primaryHostname ? n.primaryHostname + (n.role === "PRIMARY" ? " (itself)" : "") : "none known"),
        el("dt", {}, "TXID"), el("dd", { "data-testid": "txid", title: n.position || "" },
            n.txid === null ? "-" : String(n.txid)),
        el("dt", { title: "the .lag file, sampled once a second" }, "lag"), el("dd", { "data-testid": "lag" }, lag),
        el("dt", { title: "F_OFD_GETLK on the -lock file, sampled once a second" }, "HALT"), el("dd", { "data-testid": "halt" }, haltText(n)),
        el("dt", {}, "rows"), el("dd", { "data-testid": "rows" }, n.rows === null ? "-" : String(n.rows)),
        el("dt", {}, "last row"), el("dd", { "data-testid": "last-row" }, last),
        el("dt", {}, "HTTP"), el("dd", {}, n.http)));
    box.append(card);
  });
}

function renderNodeSelect(state) {
  const select = $("write-node");
  const chosen = select.value;
  const names = state.nodes.map((n) => n.name).join(",");
  if (select.dataset.names !== names) {
    select.replaceChildren(...state.nodes.map((n) => el("option", { value: n.name }, n.name)));
    select.dataset.names = names;
    if (chosen) select.value = chosen;
  }
  for (const option of select.options) {
    const n = state.nodes.find((x) => x.name === option.value);
    option.textContent = n.name + " (" + (n.running ? n.role.toLowerCase() : "down") + ")";
  }
}

function renderWrite(w) {
  const box = $("write-result");
  box.classList.remove("error");
  if (!w) return;
  const reached = Object.entries(w.reachedMillis)
    .map(([node, ms]) => node + (ms === null ? ": NO" : ": " + ms + " ms")).join(", ");
  box.dataset.appliedOn = w.appliedOn;
  box.dataset.via = w.via;
  box.dataset.mark = w.mark;
  box.dataset.everyNode = String(w.allMillis !== null);
  box.textContent = "Row #" + w.id + " '" + w.text + "' written through " + w.via +
    ", applied on " + w.appliedOn + " (TXID " + w.txid + ") in " + w.tookMillis + " ms. " +
    (w.allMillis !== null ? "Every running node had it " + w.allMillis + " ms later"
                          : "Not on every node") + " [" + reached + "]. " + w.how + ".";
}

function renderState(state) {
  lastState = state;
  $("primary").textContent = state.primary || "none agreed";
  $("lease").textContent = state.canFailOver ? "Consul lease: the primary can move"
                                             : "static lease: the primary cannot move";
  $("writer").textContent = "Writes: " + state.writer + ". Table " + state.table + ".";
  renderNodes(state);
  renderNodeSelect(state);
  if (state.lastWrite && $("write-result").dataset.mark !== state.lastWrite.mark) renderWrite(state.lastWrite);
  drawCharts(state);
}

function addEvent(e) {
  const list = $("events");
  const time = new Date(e.t).toLocaleTimeString([], { hour12: false }) + "." + String(e.t % 1000).padStart(3, "0");
  list.prepend(el("li", { class: "k-" + e.kind },
    el("span", { class: "t" }, time), el("span", { class: "src" }, e.source), " " + e.text));
  while (list.children.length > 150) list.lastChild.remove();
}

function axes(ctx, w, h, max, label) {
  ctx.clearRect(0, 0, w, h);
  ctx.strokeStyle = "#dde1e6"; ctx.fillStyle = "#6b7480"; ctx.font = "11px sans-serif";
  for (let i = 0; i <= 4; i++) {
    const y = 8 + (h - 24) * i / 4;
    ctx.beginPath(); ctx.moveTo(40, y); ctx.lineTo(w, y); ctx.stroke();
    ctx.fillText(String(Math.round(max * (4 - i) / 4)), 2, y + 4);
  }
  ctx.fillText("-60 s", 40, h - 2); ctx.fillText("now", w - 24, h - 2); ctx.fillText(label, w / 2 - 20, h - 2);
}

function drawCharts(state) {
  const hist = state.history;
  const x = (t, w) => 40 + (w - 44) * (1 - (hist.now - t) / hist.windowMillis);
  const lag = $("lag-chart").getContext("2d"), lw = lag.canvas.width, lh = lag.canvas.height;
  let max = 1000;
  hist.lag.forEach((s) => Object.values(s.lag).forEach((v) => { if (v !== null && v > max) max = v; }));
  axes(lag, lw, lh, max, "lag");
  const names = state.nodes.map((n) => n.name);
  names.forEach((name, i) => {
    lag.strokeStyle = COLORS[i % COLORS.length]; lag.lineWidth = 2; lag.beginPath();
    let drawing = false;
    hist.lag.forEach((s) => {
      const v = s.lag[name];
      if (v === null || v === undefined) { drawing = false; return; }
      const px = x(s.t, lw), py = 8 + (lh - 24) * (1 - Math.max(0, v) / max);
      if (drawing) lag.lineTo(px, py); else lag.moveTo(px, py);
      drawing = true;
    });
    lag.stroke();
  });
  const repl = $("repl-chart").getContext("2d"), rw = repl.canvas.width, rh = repl.canvas.height;
  let rmax = 10;
  hist.replication.forEach((s) => { if (s.ms !== null && s.ms > rmax) rmax = s.ms; });
  axes(repl, rw, rh, rmax, "replication");
  hist.replication.forEach((s) => {
    const px = x(s.t, rw);
    const i = names.indexOf(s.via);
    repl.fillStyle = s.ms === null ? "#a12a2a" : COLORS[i % COLORS.length];
    const py = s.ms === null ? 8 : 8 + (rh - 24) * (1 - s.ms / rmax);
    repl.beginPath(); repl.arc(px, py, 4, 0, 2 * Math.PI); repl.fill();
  });
  $("legend").replaceChildren(...names.map((n, i) =>
    el("span", {}, el("i", { style: "background:" + COLORS[i % COLORS.length] }), n)),
    el("span", {}, "dots: writes, coloured by the node written through; red: not on every node"));
}

async function post(path, body, resultBox) {
  const buttons = document.querySelectorAll("button");
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const response = await fetch(path, { method: "POST", body: new URLSearchParams(body || {}) });
    const json = await response.json();
    if (!response.ok) throw new Error(json.error || response.statusText);
    return json;
  } catch (e) {
    resultBox.classList.add("error");
    resultBox.textContent = e.message;
    return null;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

$("write-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("write-result").textContent = "writing through " + $("write-node").value + "...";
  const w = await post("/api/write", { node: $("write-node").value, text: $("write-text").value }, $("write-result"));
  if (w) renderWrite(w);
});

for (const [id, path] of [["kill-primary", "/api/kill-primary"], ["restart", "/api/restart"], ["handoff", "/api/handoff"]]) {
  $(id).addEventListener("click", async () => {
    const box = $("action-result");
    box.classList.remove("error");
    box.textContent = "...";
    const r = await post(path, {}, box);
    if (r) box.textContent = r.message;
  });
}

function connect() {
  const source = new EventSource("/events");
  source.addEventListener("open", () => {
    $("live").textContent = "live";
    $("live").classList.remove("off");
    $("events").replaceChildren(); // the server sends the recent events again first
  });
  source.addEventListener("error", () => { $("live").textContent = "reconnecting..."; $("live").classList.add("off"); });
  source.addEventListener("state", (m) => renderState(JSON.parse(m.data)));
  source.addEventListener("log", (m) => addEvent(JSON.parse(m.data)));
  source.addEventListener("write", (m) => renderWrite(JSON.parse(m.data)));
}
connect();

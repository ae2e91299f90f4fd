// ArchMcp web view: sorting and filtering of tables, "copy as Markdown", and the static site's search. Every page
// reads without it. Knowledge text is only ever set as textContent, never as HTML.
"use strict";

function sortable(table) {
  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach((th, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(h => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const numeric = th.dataset.type === "number";
      const key = row => {
        const cell = row.cells[column];
        const value = cell.dataset.value ?? cell.textContent.trim();
        return numeric ? (value === "" ? Infinity : Number(value)) : value.toLowerCase();
      };
      const rows = Array.from(table.tBodies[0].rows);
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(r => table.tBodies[0].appendChild(r));
    });
  });
}

function filterable(table) {
  const id = table.id + "-filter";
  const field = document.createElement("div");
  field.className = "field";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = "Filter this table";
  const input = document.createElement("input");
  input.type = "search";
  input.id = id;
  field.append(label, input);
  table.closest(".table").before(field);
  const caption = table.caption;
  const total = caption ? caption.textContent : "";
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of table.tBodies[0].rows) {
      const text = row.textContent.toLowerCase();
      const match = words.every(w => text.includes(w));
      row.hidden = !match;
      if (match) shown++;
    }
    if (caption) caption.textContent = words.length ? `${shown} shown of ${total}` : total;
  });
}

function copyButton(button) {
  const source = document.getElementById(button.dataset.copy);
  const status = button.nextElementSibling;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value);
    } catch {
      source.select();
      document.execCommand("copy");
    }
    if (status) status.textContent = "Copied.";
  });
}

function staticSearch(script) {
  const index = JSON.parse(script.textContent);
  const params = new URLSearchParams(location.search);
  const form = document.querySelector("form[role=search]");
  for (const name of ["q", "kind", "status", "tag", "root"]) {
    if (form.elements[name] && params.has(name)) form.elements[name].value = params.get(name);
  }
  const query = (params.get("q") || "").toLowerCase().split(/\W+/).filter(Boolean);
  const results = document.getElementById("results");
  if (query.length === 0) return;
  const want = name => (params.get(name) || "").toLowerCase();
  const hits = index
    .filter(d => !want("kind") || d.kind === want("kind"))
    .filter(d => !want("status") || d.status === want("status"))
    .filter(d => !want("root") || d.root.toLowerCase() === want("root"))
    .filter(d => !want("tag") || d.tags.some(t => t.toLowerCase() === want("tag")))
    .map(d => {
      const title = (d.id + " " + d.title).toLowerCase();
      const text = (title + " " + d.tags.join(" ") + " " + d.text).toLowerCase();
      return { d, found: query.every(w => text.includes(w)), score: query.filter(w => title.includes(w)).length };
    })
    .filter(h => h.found)
    .sort((a, b) => b.score - a.score)
    .slice(0, 20);
  const heading = document.createElement("h2");
  heading.textContent = `${hits.length} ${hits.length === 1 ? "result" : "results"}`;
  const list = document.createElement("ol");
  list.className = "cards";
  for (const { d } of hits) {
    const card = document.createElement("li");
    card.className = "card";
    const h = document.createElement("h3");
    const a = document.createElement("a");
    a.href = d.url;
    a.textContent = d.title;
    h.appendChild(a);
    const meta = document.createElement("p");
    meta.className = "badges";
    for (const b of [d.kind, d.status].filter(Boolean)) {
      const span = document.createElement("span");
      span.className = "badge" + (b === d.status ? " status-" + b : "");
      span.textContent = b;
      meta.append(span, " ");
    }
    const snippet = document.createElement("p");
    snippet.className = "snippet";
    snippet.textContent = d.text.length > 240 ? d.text.slice(0, 240) + " …" : d.text;
    const cite = document.createElement("p");
    cite.className = "cite";
    const code = document.createElement("code");
    code.textContent = `${d.path}:${d.line}`;
    cite.appendChild(code);
    card.append(h, meta, snippet, cite);
    list.appendChild(card);
  }
  results.replaceChildren(heading, list);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table[data-sortable]").forEach(sortable);
  document.querySelectorAll("table[data-filterable]").forEach(filterable);
  document.querySelectorAll("button[data-copy]").forEach(copyButton);
  const index = document.getElementById("search-index");
  if (index) staticSearch(index);
});

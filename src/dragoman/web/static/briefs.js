// Briefs: start one (draft or blank) and edit one. Every change goes to /api/briefs and the page reloads, so
// what the analyst sees is what is stored (and freshly checked).
"use strict";
(function () {
  const { api, flash } = window.Dragoman;
  const editor = document.getElementById("brief-editor");
  const briefId = editor ? editor.dataset.brief : null;
  const base = briefId ? "/api/briefs/" + briefId : null;

  function fields(form) {
    const out = {};
    new FormData(form).forEach((value, key) => { if (String(value).trim()) out[key] = String(value).trim(); });
    return out;
  }

  async function send(method, url, body, done) {
    try {
      const result = await api(method, url, body);
      if (done) done(result); else window.location.reload();
    } catch (error) {
      flash(error.message);
    }
  }

  function onSubmit(id, handler) {
    const form = document.getElementById(id);
    if (form) form.addEventListener("submit", (event) => { event.preventDefault(); handler(form); });
  }

  // ---- the list: start a brief
  const open = (result) => window.location.assign("/briefs/" + result.id);
  onSubmit("draft-brief", (form) => { flash("Drafting…"); send("POST", "/api/briefs", fields(form), open); });
  onSubmit("blank-brief", (form) => send("POST", "/api/briefs", fields(form), open));
  if (!editor) return;

  // ---- the editor
  onSubmit("brief-title", (form) => {
    const f = fields(form);
    send("PATCH", base, { title: f.title || "", subtitle: f.subtitle || null });
  });
  onSubmit("add-excerpt", (form) => {
    const f = fields(form);
    send("POST", base + "/excerpts", { document: f.document, sentence: Number(f.sentence || 0), text: f.text || null });
  });
  onSubmit("pull-quote", (form) => {
    const f = fields(form);
    send("PATCH", base, { pull_quote: f.text ? { text: f.text, excerpt_id: f.excerpt_id } : null });
  });
  onSubmit("image", (form) => {
    const chosen = form.querySelector("input[name=image]:checked");
    send("PATCH", base, { image: chosen && chosen.value ? { path_or_url: chosen.value } : null });
  });
  const quoteFrom = document.querySelector("#pull-quote select[name=excerpt_id]");
  if (quoteFrom) quoteFrom.addEventListener("change", () => {
    const option = quoteFrom.selectedOptions[0];
    document.querySelector("#pull-quote textarea[name=text]").value = option ? option.dataset.english : "";
  });

  function analysis() {
    return Array.from(document.querySelectorAll("#analysis .paragraph")).map((para) => ({
      sentences: Array.from(para.querySelectorAll(".sentence")).map((row) => ({
        text: row.querySelector("textarea[name=text]").value,
        footnotes: row.querySelector("input[name=footnotes]").value.split(/[\s,]+/).filter(Boolean).map(Number),
        excerpts: Array.from(row.querySelector("select[name=excerpts]").selectedOptions).map((o) => o.value),
      })),
    }));
  }

  function order() {
    return {
      sources: Array.from(document.querySelectorAll("#sources .source")).map((s) => s.dataset.doc),
      excerpts: Array.from(document.querySelectorAll("#sources .excerpt")).map((e) => e.dataset.excerpt),
    };
  }

  function move(item, up) {
    const other = up ? item.previousElementSibling : item.nextElementSibling;
    if (!other) return false;
    if (up) item.parentNode.insertBefore(item, other); else item.parentNode.insertBefore(other, item);
    return true;
  }

  function blankSentence(paragraph) {
    const template = document.querySelector("#analysis .sentence");
    if (!template) { flash("Add the first sentence after the brief has one, or re-draft it."); return; }
    const row = template.cloneNode(true);
    row.querySelector("textarea").value = "";
    row.querySelector("input[name=footnotes]").value = "";
    row.querySelectorAll("option").forEach((o) => { o.selected = false; });
    row.querySelector(".check-result").textContent = "new: checked when saved";
    paragraph.insertBefore(row, paragraph.querySelector('[data-action="add-sentence"]'));
    row.querySelector("textarea").focus();
  }

  editor.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "redraft") { flash("Re-drafting…"); send("POST", base + "/redraft"); }
    if (action === "save-analysis") send("PATCH", base, { analysis: analysis() });
    if (action === "remove-sentence") button.closest(".sentence").remove();
    if (action === "add-sentence") blankSentence(button.closest(".paragraph"));
    if (action === "add-paragraph") {
      const paragraphs = document.querySelectorAll("#analysis .paragraph");
      if (!paragraphs.length) { flash("This brief has no analysis to extend yet."); return; }
      const paragraph = paragraphs[paragraphs.length - 1].cloneNode(true);
      paragraph.querySelectorAll(".sentence").forEach((row, i) => { if (i > 0) row.remove(); });
      document.getElementById("analysis").append(paragraph);
      const row = paragraph.querySelector(".sentence");
      row.querySelector("textarea").value = "";
      row.querySelector("input[name=footnotes]").value = "";
      row.querySelectorAll("option").forEach((o) => { o.selected = false; });
      row.querySelector(".check-result").textContent = "new: checked when saved";
    }
    if (action.startsWith("source-") && move(button.closest(".source"), action === "source-up")) {
      send("PATCH", base, { order: order() });
    }
    if (action.startsWith("excerpt-") && move(button.closest(".excerpt"), action === "excerpt-up")) {
      send("PATCH", base, { order: order() });
    }
  });
})();

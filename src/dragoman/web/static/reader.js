// Reader: read state, tags, notes, citations, an analyst's correction of a sentence's English, and excerpts
// (a whole sentence or the words selected in it) added to a brief. Text from the server is set with textContent.
"use strict";
(function () {
  const D = window.Dragoman;
  const article = document.querySelector("article.reader");
  if (!article) return;
  const docId = article.dataset.doc;
  const base = `/api/documents/${encodeURIComponent(docId)}`;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  async function setRead(button, read) {
    await D.api("POST", `${base}/read`, { read });
    article.dataset.read = read ? "1" : "0";
    if (button) {
      button.dataset.read = read ? "1" : "0";
      button.textContent = read ? "Mark unread" : "Mark read";
    }
  }

  // Opening a document counts as reading it.
  if (article.dataset.read === "0") {
    setRead(document.querySelector('.doc-marks [data-action="toggle-read"]'), true).catch(() => {});
  }

  function renderNotes(notes, canEdit) {
    const list = document.getElementById("notes-list");
    list.replaceChildren();
    for (const note of notes) {
      const item = el("li");
      item.dataset.note = note.id;
      item.append(el("span", note.text, "note-text"), " ", el("small", `${note.author}, ${note.at.slice(0, 16).replace("T", " ")}`, "muted"));
      if (canEdit) {
        const remove = el("button", "remove", "link");
        remove.type = "button";
        remove.dataset.action = "delete-note";
        remove.dataset.note = note.id;
        item.append(" ", remove);
      }
      list.append(item);
    }
  }

  function selectedCut(sentence) {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed) return null;
    const original = sentence.querySelector(".original");
    const range = selection.getRangeAt(0);
    if (!original.contains(range.startContainer) || !original.contains(range.endContainer)) return null;
    const text = selection.toString().trim();
    return text || null;
  }

  function showCite(box, c) {
    box.replaceChildren();
    const cap = c.capture;
    box.append(el("div", `Excerpt ${c.excerpt}`));
    box.append(el("div", `${c.outlet} (${c.descriptor}; ${c.grade}) · ${c.published || "undated"}`));
    if (cap) {
      box.append(el("code", `sha256 ${cap.sha256}`, "hash"));
      box.append(el("div", `${cap.warc} @ ${cap.offset}, ${cap.length} bytes, captured ${cap.captured}`, "muted"));
      box.append(el("div", cap.verified ? "✓ re-read from the archive: the bytes match their hash"
                                       : `✗ ${c.problem || "not verified"}`, cap.verified ? "ok" : "error"));
    } else {
      box.append(el("div", c.problem || "no archived capture", "error"));
    }
    box.hidden = false;
  }

  function startEdit(sentence) {
    const english = sentence.querySelector(".english");
    if (english.querySelector("textarea")) return;
    const shown = english.querySelector(".text");
    const area = el("textarea");
    area.rows = 3;
    area.value = shown.classList.contains("gloss") ? "" : shown.textContent;
    area.setAttribute("aria-label", `English for sentence ${Number(sentence.dataset.n) + 1}`);
    const save = el("button", "Save");
    save.type = "button";
    save.dataset.action = "save-edit";
    const cancel = el("button", "Cancel");
    cancel.type = "button";
    cancel.dataset.action = "cancel-edit";
    const box = el("div", undefined, "editing");
    box.append(area, save, " ", cancel);
    english.append(box);
    area.focus();
  }

  async function saveEdit(sentence) {
    const english = sentence.querySelector(".english");
    const box = english.querySelector(".editing");
    const text = box.querySelector("textarea").value.trim();
    if (!text) { D.flash("The English is empty."); return; }
    const view = await D.api("PUT", `${base}/sentences/${sentence.dataset.n}/translation`, { english: text });
    const shown = english.querySelector(".text");
    shown.textContent = view.english || "";
    shown.classList.remove("gloss");
    const p = view.provenance || {};
    english.querySelector(".prov").textContent = `analyst translation${p.note ? " · " + p.note : ""}`;
    box.remove();
    D.flash(`Sentence ${Number(sentence.dataset.n) + 1}: your English is saved and kept across re-runs.`);
  }

  async function addExcerpt(sentence) {
    const choice = document.getElementById("brief-choice");
    if (!choice || !choice.value) { D.flash("Pick a brief first."); return; }
    const body = { document: docId, sentence: Number(sentence.dataset.n) };
    const cut = selectedCut(sentence);
    if (cut) body.text = cut;
    await D.api("POST", `/api/briefs/${encodeURIComponent(choice.value)}/excerpts`, body);
    const title = choice.options[choice.selectedIndex].textContent;
    D.flash(`${cut ? "The selected words" : "Sentence " + (body.sentence + 1)} added to ${title}.`);
  }

  article.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const sentence = button.closest(".sentence");
    button.disabled = true;
    try {
      switch (button.dataset.action) {
        case "toggle-read":
          await setRead(button, button.dataset.read !== "1");
          break;
        case "save-tags": {
          const tags = document.getElementById("tags-input").value.split(",").map((t) => t.trim()).filter(Boolean);
          const result = await D.api("PUT", `${base}/tags`, { tags });
          const holder = article.querySelector(".doc-marks .tags");
          holder.replaceChildren("Tags: ");
          for (const tag of result.tags) {
            const link = el("a", tag, "tag");
            link.href = `/?tag=${encodeURIComponent(tag)}`;
            holder.append(link, " ");
          }
          if (!result.tags.length) holder.append(el("span", "none", "muted"));
          D.flash("Tags saved.");
          break;
        }
        case "add-note": {
          const input = document.getElementById("note-input");
          if (!input.value.trim()) { D.flash("The note is empty."); break; }
          const result = await D.api("POST", `${base}/notes`, { text: input.value });
          input.value = "";
          renderNotes(result.notes, true);
          D.flash("Note added.");
          break;
        }
        case "delete-note": {
          const result = await D.api("DELETE", `${base}/notes/${encodeURIComponent(button.dataset.note)}`);
          renderNotes(result.notes, true);
          break;
        }
        case "cite":
          showCite(sentence.querySelector(".cite-box"), await D.api("GET", `/api/cite/${encodeURIComponent(sentence.dataset.excerpt)}`));
          break;
        case "edit":
          startEdit(sentence);
          break;
        case "save-edit":
          await saveEdit(sentence);
          break;
        case "cancel-edit":
          sentence.querySelector(".editing").remove();
          break;
        case "excerpt":
          await addExcerpt(sentence);
          break;
      }
    } catch (error) {
      D.flash(`Could not do that: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  });
})();

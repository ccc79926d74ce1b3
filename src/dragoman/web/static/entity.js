// Entity page: an analyst's merge, split and undo. Each waits for the server, then reloads the page so what is
// shown is what the store now holds.
"use strict";
(function () {
  const D = window.Dragoman;
  const page = document.querySelector("article.entity");
  if (!page) return;
  const entity = page.dataset.entity;

  async function act(button) {
    switch (button.dataset.action) {
      case "merge": {
        const other = document.getElementById("merge-other").value.trim();
        if (!other) { D.flash("Name the entity to merge in."); return false; }
        const result = await D.api("POST", "/api/entities/merge", { keep: entity, other });
        D.flash(`Merged (merge #${result.merge}); undo it below if it was wrong.`);
        window.location.assign(`/entities/${encodeURIComponent(result.kept)}`);
        return true;
      }
      case "split": {
        const variants = [...page.querySelectorAll('input[name="variant"]:checked')].map((box) => box.value);
        if (!variants.length) { D.flash("Tick the spellings to split off."); return false; }
        const result = await D.api("POST", "/api/entities/split", { entity, variants });
        window.location.assign(`/entities/${encodeURIComponent(result.entity)}`);
        return true;
      }
      case "undo": {
        await D.api("POST", "/api/entities/undo", { merge: Number(button.dataset.merge) });
        window.location.reload();
        return true;
      }
    }
    return false;
  }

  page.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    button.disabled = true;
    let leaving = false;
    try {
      leaving = await act(button);
    } catch (error) {
      D.flash(`Could not do that: ${error.message}`);
    } finally {
      if (!leaving) button.disabled = false;
    }
  });
})();

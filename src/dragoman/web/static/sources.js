// Sources: an analyst's edit of an outlet's grade, descriptor and rationale (audited by the server).
"use strict";
document.addEventListener("click", async (event) => {
  const button = event.target.closest('[data-action="save-outlet"]');
  if (!button) return;
  const row = button.closest("tr[data-outlet]");
  const form = button.closest("details");
  const body = {
    reliability: form.querySelector('[name="reliability"]').value,
    descriptor: form.querySelector('[name="descriptor"]').value.trim(),
    rationale: form.querySelector('[name="rationale"]').value.trim(),
  };
  button.disabled = true;
  try {
    const saved = await window.Dragoman.api("PATCH", `/api/outlets/${encodeURIComponent(row.dataset.outlet)}`, body);
    const grade = row.querySelector(".grade");
    grade.textContent = saved.reliability;
    grade.className = `grade grade-${saved.reliability}`;
    grade.title = saved.grade_meaning;
    row.querySelector(".rationale").firstChild.textContent = `${saved.rationale} `;
    form.open = false;
    window.Dragoman.flash(`${saved.name}: saved (grade ${saved.reliability}).`);
  } catch (error) {
    window.Dragoman.flash(`Could not save: ${error.message}`);
  } finally {
    button.disabled = false;
  }
});

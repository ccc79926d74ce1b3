// Triage: mark a document read or unread without leaving the list.
"use strict";
document.addEventListener("click", async (event) => {
  const button = event.target.closest('[data-action="toggle-read"]');
  if (!button) return;
  const read = button.dataset.read !== "1";
  button.disabled = true;
  try {
    await window.Dragoman.api("POST", `/api/documents/${encodeURIComponent(button.dataset.doc)}/read`, { read });
    button.dataset.read = read ? "1" : "0";
    button.textContent = read ? "○" : "●";
    button.title = read ? "Read: mark unread" : "Unread: mark read";
    button.setAttribute("aria-label", read ? "mark unread" : "mark read");
    const row = button.closest("tr");
    row.classList.toggle("read", read);
    row.classList.toggle("unread", !read);
  } catch (error) {
    window.Dragoman.flash(`Could not change read state: ${error.message}`);
  } finally {
    button.disabled = false;
  }
});

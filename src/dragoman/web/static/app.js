// Shared by every page: JSON calls to /api with the page's CSRF token, a status line, and log out.
// No inline script is allowed (CSP), so pages wire their buttons with data-action attributes.
"use strict";
(function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  async function api(method, url, body) {
    const init = { method, credentials: "same-origin", headers: { "X-CSRF-Token": csrf(), Accept: "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const type = response.headers.get("content-type") || "";
    const data = type.includes("json") ? await response.json() : await response.text();
    if (!response.ok) throw new Error((data && data.error) || response.statusText);
    return data;
  }

  function flash(message) {
    const box = document.getElementById("flash");
    if (box) box.textContent = message;       // textContent: messages may quote untrusted text
  }

  document.addEventListener("click", async (event) => {
    const target = event.target.closest('[data-action="logout"]');
    if (!target) return;
    try { await api("POST", "/logout"); } catch (error) { /* already logged out */ }
    window.location.assign("/login");
  });

  window.Dragoman = { api, flash, csrf };
})();

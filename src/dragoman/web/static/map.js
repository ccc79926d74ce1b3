// The map page: Natural Earth countries as the base (no tiles), then places, events and facilities from /api.
// Everything is drawn on one canvas (circle markers), so thousands of places pan and zoom smoothly. Text from
// documents goes into popups through textContent only.
"use strict";
(function () {
  const box = document.getElementById("map");
  if (!box || !window.L) return;
  const status = document.getElementById("map-status");
  const renderer = L.canvas({ padding: 0.5 });
  const map = L.map(box, { preferCanvas: true, renderer, worldCopyJump: true, minZoom: 1, maxZoom: 12, fadeAnimation: false,
                           attributionControl: false }).setView([30, 20], 3);
  const layers = { places: L.layerGroup(), events: L.layerGroup(), facilities: L.layerGroup() };
  const drawn = { countries: 0, places: [], events: [], facilities: [] };
  const STYLE = {
    exact: { radius: 5, color: "#1f5fa8", weight: 1, fillColor: "#1f5fa8", fillOpacity: 0.85 },
    area: { radius: 9, color: "#1f5fa8", weight: 1.5, dashArray: "3 3", fillColor: "#1f5fa8", fillOpacity: 0.12 },
    event: { radius: 7, color: "#a8231f", weight: 2, fillColor: "#f2c94c", fillOpacity: 0.9 },
    facility: { radius: 4, color: "#3d2a5c", weight: 1, fillColor: "#ffffff", fillOpacity: 1 },
  };

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function documentLink(id, title, sentence) {
    const href = "/documents/" + encodeURIComponent(id) + (sentence === undefined ? "" : "#s" + sentence);
    return el("a", title || id, { href, dir: "auto" });      // Arabic titles read right to left
  }

  async function json(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  function placePopup(p) {
    const root = el("div", null, { class: "popup" });
    root.append(el("strong", p.name), el("div", p.precision === 1 ? "exact site or town" : "area centre: " + p.precision_meaning, { class: "muted" }));
    if (p.spellings && p.spellings.length) root.append(el("div", "written as: " + p.spellings.join(", "), { class: "muted" }));
    root.append(el("div", p.document_count + " document" + (p.document_count === 1 ? "" : "s")));
    const list = el("ul");
    p.documents.forEach((id, i) => { const li = el("li"); li.append(documentLink(id, p.titles[i])); list.append(li); });
    root.append(list);
    return root;
  }

  function eventPopup(story) {
    const root = el("div", null, { class: "popup" });
    root.append(el("strong", story.date + " · " + story.type + (story.mode ? " (" + story.mode + ")" : "")));
    root.append(el("div", (story.participants || []).join(", ") + (story.place ? " · " + story.place.name : "")));
    root.append(el("div", "credibility " + story.credibility.grade + ": " + story.credibility.label, { class: "muted" }));
    story.conflicts.forEach((c) => root.append(el("div", "⚠ " + c.note, { class: "conflict" })));
    const list = el("ul");
    story.sources.forEach((r) => {
      const li = el("li");
      li.append(documentLink(r.doc_id, r.outlet + ": " + (r.title_english || r.title || r.doc_id), (r.sentences || [])[0]));
      list.append(li);
    });
    root.append(list);
    return root;
  }

  function facilityPopup(p) {
    const root = el("div", null, { class: "popup" });
    root.append(el("strong", p.name), el("div", p.feature + (p.country ? " · " + p.country : ""), { class: "muted" }));
    root.append(el("a", "documents naming it", { href: "/?place=" + encodeURIComponent(p.name) }));
    return root;
  }

  // Rings that cross the antimeridian (Chukotka, Fiji) jump from +180 to -180; unwrapping the longitudes keeps
  // them from drawing a line across the whole map. Antarctica (ISO 010) runs to the pole and is left out.
  function unwrap(ring) {
    let shift = 0;
    return ring.map(([lon, lat], i) => {
      if (i > 0) {
        const previous = ring[i - 1][0];
        if (lon - previous > 180) shift -= 360; else if (previous - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  }

  function unwrapped(feature) {
    const g = feature.geometry;
    if (g && g.type === "Polygon") g.coordinates = g.coordinates.map(unwrap);
    if (g && g.type === "MultiPolygon") g.coordinates = g.coordinates.map((polygon) => polygon.map(unwrap));
    return feature;
  }

  async function drawCountries() {
    const topo = await json(box.dataset.countries);
    const countries = topojson.feature(topo, topo.objects.countries);
    countries.features = countries.features.filter((f) => f.id !== "010").map(unwrapped);
    L.geoJSON(countries, { renderer, interactive: false,
                           style: { color: "#9aa3ae", weight: 0.6, fillColor: "#eef0e6", fillOpacity: 1 } }).addTo(map);
    drawn.countries = countries.features.length;
  }

  async function drawPlaces() {
    const data = await json(box.dataset.places);
    data.features.forEach((f) => {
      const [lon, lat] = f.geometry.coordinates, p = f.properties;
      const marker = L.circleMarker([lat, lon], Object.assign({ renderer }, p.precision === 1 ? STYLE.exact : STYLE.area));
      marker.bindPopup(() => placePopup(p), { maxWidth: 360 }).addTo(layers.places);
      drawn.places.push({ name: p.name, lat, lon, precision: p.precision });
    });
    document.getElementById("count-places").textContent = "(" + data.features.length + (data.truncated ? "+" : "") + ")";
    return data.features;
  }

  async function drawEvents() {
    const data = await json(box.dataset.events);
    data.stories.filter((s) => s.place && s.place.lat !== null && s.place.lon !== null).forEach((s) => {
      L.circleMarker([s.place.lat, s.place.lon], Object.assign({ renderer }, STYLE.event))
        .bindPopup(() => eventPopup(s), { maxWidth: 380 }).addTo(layers.events);
      drawn.events.push({ name: s.type + " " + s.date, lat: s.place.lat, lon: s.place.lon });
    });
    document.getElementById("count-events").textContent = "(" + drawn.events.length + ")";
  }

  async function drawFacilities() {
    const data = await json(box.dataset.facilities);
    data.features.forEach((f) => {
      const [lon, lat] = f.geometry.coordinates, p = f.properties;
      L.circleMarker([lat, lon], Object.assign({ renderer }, STYLE.facility))
        .bindPopup(() => facilityPopup(p), { maxWidth: 320 }).addTo(layers.facilities);
      drawn.facilities.push({ name: p.name, lat, lon });
    });
    document.getElementById("count-facilities").textContent = "(" + data.features.length + ")";
  }

  document.querySelectorAll("input[data-layer]").forEach((box) => box.addEventListener("change", () => {
    const layer = layers[box.dataset.layer];
    if (box.checked) layer.addTo(map); else map.removeLayer(layer);
  }));

  async function start() {
    const started = performance.now();
    try {
      await drawCountries();
      const [places] = await Promise.all([drawPlaces(), drawEvents(), drawFacilities()]);
      layers.facilities.addTo(map);
      layers.places.addTo(map);
      layers.events.addTo(map);
      if (places.length) {
        map.fitBounds(L.latLngBounds(places.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]])),
                      { padding: [30, 30], maxZoom: 6 });
      }
      status.textContent = places.length ? "" : "No resolved place in the selected documents.";
    } catch (error) {
      status.textContent = "The map could not load its data: " + error.message;
    }
    drawn.ms = Math.round(performance.now() - started);
    box.dataset.ready = "1";
  }

  // For the browser tests and the bench: what was drawn, and where a named mark is on the screen.
  window.DragomanMap = {
    map, drawn,
    pointOf(name) {
      const hit = drawn.places.concat(drawn.facilities).find((d) => d.name === name);
      return hit ? map.latLngToContainerPoint([hit.lat, hit.lon]) : null;
    },
  };
  start();
})();

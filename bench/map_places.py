"""Does the map stay interactive with thousands of places? (issue 15: ≥ 2,000 places.)

Serves an empty workspace (local mode) with uvicorn, opens /map in Debian's Chromium through Playwright, and
answers /api/places with N synthetic places (a seeded mix of exact points and area centres, three documents
each). Measures, in the page: the time from navigation until everything is drawn, then the time of each pan
and zoom step until the canvas has been redrawn (two animation frames), and a click until its popup shows.

    .venv/bin/python bench/map_places.py --places 2000 5000 10000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
STEP = """async ([kind, count]) => {
  const map = DragomanMap.map, times = [];
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    if (kind === "pan") map.panBy([i % 2 ? -300 : 300, i % 3 ? 120 : -120], { animate: false });
    else map.setZoom(map.getZoom() + (i % 2 ? -1 : 1), { animate: false });
    await frame();
    times.push(performance.now() - t0);
  }
  return times;
}"""


def synthetic_places(count: int, seed: int = 15) -> dict:
    rng = random.Random(seed)
    features = []
    for i in range(count):
        lat, lon = rng.uniform(-55, 70), rng.uniform(-170, 170)
        precision = 1 if rng.random() < 0.7 else rng.choice((2, 3))
        docs = [f"d{rng.getrandbits(64):016x}" for _ in range(3)]
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {"name": f"Place {i}", "country": None, "feature": "city",
                                        "precision": precision, "precision_meaning": "", "gazetteer_id": None,
                                        "documents": docs, "titles": [f"Document {d}" for d in docs],
                                        "document_count": 3, "spellings": [f"Place {i}"]}})
    return {"type": "FeatureCollection", "features": features, "truncated": False}


def serve(root: Path):
    import uvicorn

    from dragoman.web import create_app
    config = uvicorn.Config(create_app(root), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def measure(browser, url: str, count: int) -> dict:
    body = json.dumps(synthetic_places(count))
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.route("**/api/places*", lambda route: route.fulfill(status=200, content_type="application/json", body=body))
    started = time.perf_counter()
    page.goto(f"{url}/map")
    page.wait_for_selector("#map[data-ready]", timeout=120_000)
    ready_s = time.perf_counter() - started
    drawn = page.evaluate("DragomanMap.drawn.places.length")
    page.evaluate("() => { DragomanMap.map.setView([20, 10], 3, {animate: false}); }")
    pans = page.evaluate(STEP, ["pan", 30])
    zooms = page.evaluate(STEP, ["zoom", 10])
    page.uncheck("input[data-layer=facilities]")
    point = page.evaluate("() => { const p = DragomanMap.pointOf('Place 0');"
                          " DragomanMap.map.setView(DragomanMap.map.containerPointToLatLng(p), 6, {animate: false});"
                          " const q = DragomanMap.pointOf('Place 0'); return {x: q.x, y: q.y}; }")
    box = page.locator("#map").bounding_box()
    clicked = time.perf_counter()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.locator(".leaflet-popup-content").wait_for(timeout=10_000)
    popup_ms = (time.perf_counter() - clicked) * 1000
    context.close()
    return {"places": drawn, "ready_s": round(ready_s, 2), "pan_ms_median": round(statistics.median(pans), 1),
            "pan_ms_max": round(max(pans), 1), "zoom_ms_median": round(statistics.median(zooms), 1),
            "zoom_ms_max": round(max(zooms), 1), "popup_ms": round(popup_ms, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, nargs="+", default=[2000, 5000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from dragoman.workspace import Workspace
    with tempfile.TemporaryDirectory(prefix="dragoman-map-bench-") as tmp:
        root = Path(tmp) / "ws"
        Workspace.open(root, create=True).store.con.close()
        server, thread, url = serve(root)
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
                for count in args.places:
                    print(json.dumps(measure(browser, url, count)), flush=True)
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    sys.exit(main())

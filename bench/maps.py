"""HTML size and Chromium load time of claim maps with 1,000 / 10,000 / 100,000 synthetic claims.

    .venv/bin/python bench/maps.py [--sizes 1000,10000,100000] [--repeat 2]
    .venv/bin/python bench/maps.py --screenshot maps/seed.html   # -> maps/seed-screenshot.png

Synthetic claims: made-up places in a 6x5 degree box, reported 1-5 times each by
different outlets (like real corroborated claims), sentences ~150-250 characters,
15% hedged, 5% located only to a region, dates over 18 months, 3% undated.
Load time = navigation start to the map being drawn (``window.frontmap`` ready and
the claim layer populated), in Debian's headless Chromium with the network blocked:
the normal page's CDN scripts are served from folium-offline's pinned copies, tile
requests are aborted.  Needs /usr/bin/chromium and the playwright package.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

CLAIMANTS = [
    ("Russian Defence Ministry", "ru_official"), ("Kremlin spokesman", "ru_official"),
    ("General Staff of Ukraine", "ua_official"), ("Ukrainian regional governor", "ua_official"),
    ("Institute for the Study of War", "independent"), ("an open-source analyst group", "independent"),
    ("a wire agency", "media"), ("a national broadcaster", "media"), ("a military blogger", "blogger"),
    ("local residents", "other"),
]
VERBS = {
    "capture": ("said its forces had taken full control of", "RU"),
    "withdrawal": ("said troops had pulled back from positions near", "UA"),
    "advance": ("reported that units advanced several hundred metres towards", "RU"),
    "attack": ("said drones and artillery struck the outskirts of", "RU"),
    "incursion": ("said a cross-border raid reached", "UA"),
    "other": ("said fighting continued around", None),
}
FILLER = [
    "after several days of heavy fighting", "according to a statement posted on Telegram",
    "though the claim could not be independently verified", "as reinforcements arrived from the north",
    "while civilians were evacuated from nearby villages", "citing intercepted radio traffic",
]


def synthetic_claims(n: int, seed: int = 7):
    """``n`` claim rows with the claims-table columns."""
    import geopandas as gpd
    import pandas as pd

    rng = random.Random(seed)
    n_places = max(50, min(2000, n // 25))
    places = [(f"Selo-{i}", 46.5 + rng.random() * 5, 33.0 + rng.random() * 6) for i in range(n_places)]
    day0 = dt.date(2024, 1, 1)
    rows = []
    while len(rows) < n:
        name, lat, lon = rng.choice(places)
        event = rng.choice(list(VERBS))
        verb, side = VERBS[event]
        if side and rng.random() < 0.35:
            side = "UA" if side == "RU" else "RU"
        undated = rng.random() < 0.03
        day = day0 + dt.timedelta(days=rng.randrange(545))
        area = rng.random() < 0.05
        for _ in range(rng.randint(1, 5)):
            if len(rows) >= n:
                break
            claimant, cls = rng.choice(CLAIMANTS)
            art = f"art-{rng.randrange(max(1, n // 4))}"
            sentence = f"The {claimant} {verb} {name} {rng.choice(FILLER)}, {rng.choice(FILLER)}."
            pub = day + dt.timedelta(days=rng.randint(0, 3))
            rows.append(dict(
                article=art, published=pub.isoformat(), url=f"https://news.example.org/{art}", outlet=f"Outlet {art[-2:]}",
                place=name, name=name, place_id=name, lat=lat, lon=lon, kind="admin2" if area else "settlement",
                coord_precision="area" if area else "point", admin1="UA.14", country="UA", event=event,
                controller=side if event in ("capture", "withdrawal") else None, actor=side, claimant=claimant,
                claimant_class=cls, hedged=rng.random() < 0.15,
                event_date=None if undated else day.isoformat(), date_precision="unknown" if undated else "day",
                date_start=None if undated else day.isoformat(), date_end=None if undated else day.isoformat(),
                sentence=sentence, sentence_start=0, sentence_end=len(sentence), mention_start=0, mention_end=0,
                confidence=0.8, claim_id=f"c{len(rows)}",
            ))
    df = pd.DataFrame(rows)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)


def load_time(browser, path: Path, *, serve_cdn: bool) -> tuple[float, int, int]:
    """Seconds from navigation to the drawn map; claim layers visible; console errors; slider move seconds."""
    from offlinefolium.elements import _res

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    tiles: set[str] = set()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and m.location.get("url") not in tiles else None)

    def route(r):
        url = r.request.url
        if url.startswith("file:"):
            return r.continue_()
        if serve_cdn and url in _res:
            return r.fulfill(status=200, body=_res[url],
                             content_type="text/css" if url.endswith(".css") else "application/javascript")
        tiles.add(url)
        return r.abort()

    page.route("**/*", route)
    t0 = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load", timeout=120_000)
    page.wait_for_function("() => window.frontmap && Object.values(window.frontmap.maps).every(s => s.timeline)",
                           timeout=120_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")  # painted
    elapsed = time.perf_counter() - t0
    visible = page.evaluate("() => window.frontmap.visible()")
    # one slider move to the middle of the range and back to the end (ms, the slower of the two)
    slide = page.evaluate("""() => { const st = Object.values(window.frontmap.maps)[0];
        if (!st.slider) { return 0; }
        const t0 = performance.now(); st.slider.setTime((st.slider.start + st.slider.end) / 2);
        const t1 = performance.now(); st.slider.setTime(st.slider.end);
        return Math.max(t1 - t0, performance.now() - t1); }""")
    page.close()
    return elapsed, visible, len(errors), slide / 1000


def screenshot(html: Path, png: Path, *, click: bool = True) -> None:
    """Open ``html`` in headless Chromium (network blocked, CDN files served locally) and save a PNG.

    With ``click``, a second screenshot (``NAME-popup.png``) shows the layer control
    expanded and the best-corroborated claim's popup open.
    """
    from offlinefolium.elements import _res
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(r):
            url = r.request.url
            if url.startswith("file:"):
                return r.continue_()
            if url in _res:
                return r.fulfill(status=200, body=_res[url],
                                 content_type="text/css" if url.endswith(".css") else "application/javascript")
            return r.abort()

        page.route("**/*", route)
        page.goto(html.resolve().as_uri(), wait_until="load")
        page.wait_for_function("() => window.frontmap && Object.values(window.frontmap.maps).every(s => s.timeline)")
        # the offline basemap: tiles cannot load here
        page.locator(".leaflet-control-layers-base label", has_text="Offline basemap").locator("input").evaluate(
            "el => el.click()")
        page.wait_for_timeout(600)
        page.screenshot(path=str(png))
        if click:
            page.locator(".leaflet-control-layers:not(.leaflet-timeline-control)").hover()
            page.evaluate("""() => {
                const st = Object.values(window.frontmap.maps)[0];
                // the best-corroborated point claim (else any claim)
                const layers = st.timeline.getLayers().slice().sort(
                    (a, b) => (!!a.feature.properties.r - !!b.feature.properties.r) || (b.feature.properties.n - a.feature.properties.n));
                if (layers.length) { layers[0].openPopup(); }
            }""")
            page.wait_for_timeout(400)
            page.screenshot(path=str(png.with_name(png.stem.replace("-screenshot", "") + "-popup.png")))
        browser.close()
    print(f"wrote {png} and its -popup twin ({len(errors)} page errors)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=2, help="browser loads per file (best is reported)")
    ap.add_argument("--keep", action="store_true", help="keep the generated HTML files")
    ap.add_argument("--screenshot", metavar="HTML", help="only save a screenshot of this map (next to it, -screenshot.png)")
    args = ap.parse_args()
    if args.screenshot:
        html = Path(args.screenshot)
        screenshot(html, html.with_name(html.stem + "-screenshot.png"))
        return 0
    import frontmap.render as fr

    have_browser = os.path.exists(CHROMIUM)
    if not have_browser:
        print(f"note: {CHROMIUM} missing: sizes only, no load times")
    out = Path(tempfile.mkdtemp(prefix="frontmap-bench-maps-"))
    rows = []
    pw = browser = None
    if have_browser:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            gdf = synthetic_claims(n)
            t0 = time.perf_counter()
            m = fr.map(gdf)  # with the shipped boundaries (outlines + offline basemap), as users get it
            p_html = fr.to_html(m, out / f"claims-{n}.html")
            build = time.perf_counter() - t0
            payload = m.frontmap_payload
            p_self = fr.to_html(gdf, out / f"claims-{n}-self.html", self_contained=True)
            row = {
                "claims": n, "markers": len(payload.features), "aggregated": payload.aggregated or "no",
                "build_s": build, "html_MB": p_html.stat().st_size / 1e6, "self_MB": p_self.stat().st_size / 1e6,
            }
            if browser is not None:
                best = min(load_time(browser, p_html, serve_cdn=True) for _ in range(args.repeat))
                best_self = min(load_time(browser, p_self, serve_cdn=False) for _ in range(args.repeat))
                row.update(load_s=best[0], visible=best[1], errors=best[2] + best_self[2], self_load_s=best_self[0],
                           slide_s=best[3])
            rows.append(row)
    finally:
        if browser is not None:
            browser.close()
            pw.stop()

    print(f"{'claims':>8} {'markers':>8} {'aggregated':>10} {'build s':>8} {'HTML MB':>8} {'load s':>7} "
          f"{'slide s':>7} {'visible':>8} {'errors':>6} {'self MB':>8} {'self load s':>11}")
    for r in rows:
        print(f"{r['claims']:>8} {r['markers']:>8} {r['aggregated']:>10} {r['build_s']:>8.2f} {r['html_MB']:>8.2f} "
              f"{r.get('load_s', float('nan')):>7.2f} {r.get('slide_s', float('nan')):>7.2f} {r.get('visible', 0):>8} "
              f"{r.get('errors', 0):>6} {r['self_MB']:>8.2f} {r.get('self_load_s', float('nan')):>11.2f}")
    print("target: 10,000 claims < 5 MB of HTML and open in < 3 s")
    if args.keep:
        print(f"(files kept in {out})")
    else:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

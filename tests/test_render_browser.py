"""The written HTML in a real headless Chromium (Debian's /usr/bin/chromium, never a downloaded one).

No network: the page's CDN scripts are served from the pinned copies in the
``folium-offline`` package (the same bytes the CDN URLs name), tile requests are
aborted (and their failed loads not counted as errors), anything else is aborted
and fails the test.  The self-contained file gets no help at all.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} not installed (apt-get install chromium)"),
]

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
gpd = pytest.importorskip("geopandas")

import frontmap.render as fr  # noqa: E402
from render_factory import XSS, claim, claims_gdf  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """One claims table written as a normal and a self-contained map."""
    rows = [
        claim(claim_id="early", date_start="2025-03-02", date_end="2025-03-02", event_date="2025-03-02",
              place="Dvorichna", name="Dvorichna", place_id="800001", lat=49.85, lon=37.68),
        claim(claim_id="mid", article="b", date_start="2025-03-15", date_end="2025-03-15", event_date="2025-03-15",
              controller="UA", actor="UA", claimant="General Staff of Ukraine", claimant_class="ua_official",
              place="Kupiansk", name="Kupiansk", place_id="800002", lat=49.71, lon=37.61),
        claim(claim_id="late", article="c", date_start="2025-03-28", date_end="2025-03-28", event_date="2025-03-28",
              place="Ozerne", name="Ozerne", place_id="800003", lat=48.95, lon=37.72, sentence=XSS),
        claim(claim_id="late2", article="d", date_start="2025-03-29", date_end="2025-03-29", event_date="2025-03-29",
              place="Lyman", name="Lyman", place_id="800004", lat=48.99, lon=37.80, event="advance"),
        claim(claim_id="area", article="e", place="Kharkiv Oblast", name="Kharkiv Oblast", place_id="a1:UA.07",
              kind="admin1", coord_precision="area", lat=49.6, lon=36.6, event="attack", controller=None,
              hedged=True, date_start="2025-03-10", date_end="2025-03-10", event_date="2025-03-10"),
        claim(claim_id="m", article="f", place="Kyiv", name="Kyiv", place_id="703448", lat=50.45, lon=30.52,
              event="mention", controller=None, actor=None, claimant=None, claimant_class=None),
    ]
    gdf = claims_gdf(rows)
    d = tmp_path_factory.mktemp("maps")
    many = claims_gdf([claim(claim_id=f"g{i}", article=f"g{i}", place=f"Village {i % 6}", name=f"Village {i % 6}",
                             place_id=f"9{i % 6}", lat=48.5 + (i % 6) * 0.2, lon=37.0 + (i % 3) * 0.3,
                             controller=("RU", "UA")[i % 4 == 0], actor=("RU", "UA")[i % 4 == 0],
                             event=("capture", "advance")[i % 2], date_start=f"2025-{1 + i % 9:02d}-{1 + i % 27:02d}",
                             date_end=None) for i in range(240)])
    evil = claims_gdf([claim(claim_id="x1", controller="<img src=x onerror=alert(7)>", claimant_class="<img src=y onerror=alert(8)>",
                             claimant="<svg onload=alert(9)>", place="<b onmouseover=alert(10)>Ozerne</b>", sentence=XSS,
                             url="https://ok.example/\"><script>alert(11)</script>")])
    return {
        "evil": fr.to_html(evil, d / "evil.html", boundaries=False, title="<img src=z onerror=alert(12)>"),
        "aggregated": fr.to_html(many, d / "agg.html", boundaries=False, aggregate_above=20),
        "normal": fr.to_html(gdf, d / "normal.html", boundaries=False, title="Browser test"),
        "self": fr.to_html(gdf, d / "self.html", boundaries=False, self_contained=True),
    }


class Session:
    """A page with its console errors, dialogs and the requests the route handler saw."""

    def __init__(self, browser, *, serve_cdn: bool):
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.external: list[str] = []
        self.tiles: set[str] = set()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        assets = {}
        if serve_cdn:
            from offlinefolium.elements import _res as assets  # the pinned copies of folium's CDN files

        def route(r):
            url = r.request.url
            if url.startswith("file:"):
                return r.continue_()
            if any(h in url for h in TILE_HOSTS):
                self.tiles.add(url)
                return r.abort()
            if url in assets:
                ctype = "text/css" if url.endswith(".css") else "application/javascript"
                return r.fulfill(status=200, body=assets[url], content_type=ctype)
            self.external.append(url)
            return r.abort()

        self.page.route("**/*", route)

    def _console(self, msg):
        if msg.type != "error":
            return
        if msg.location.get("url") in self.tiles:  # an aborted tile load, not a JS error
            return
        self.errors.append(msg.text)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path):
        self.page.goto(path.as_uri(), wait_until="load")
        self.page.wait_for_function("() => window.frontmap && Object.keys(window.frontmap.maps).length > 0")
        return self.page

    def visible(self) -> int:
        return self.page.evaluate("() => window.frontmap.visible()")

    def close(self):
        self.page.close()


@pytest.fixture
def session(browser):
    sessions = []

    def make(serve_cdn=True):
        s = Session(browser, serve_cdn=serve_cdn)
        sessions.append(s)
        return s

    yield make
    for s in sessions:
        s.close()


def test_no_console_errors_and_layer_control_lists_layers(session, pages):
    s = session()
    page = s.open(pages["normal"])
    overlays = [t.strip() for t in page.locator(".leaflet-control-layers-overlays label").all_inner_texts()]
    bases = [t.strip() for t in page.locator(".leaflet-control-layers-base label").all_inner_texts()]
    for name in ("Side: RU", "Side: UA", "Event: capture", "Event: advance", "Event: attack",
                 "Claimant: Russian officials", "Claimant: Ukrainian officials", "Place mentions (not claims)"):
        assert name in overlays
    assert "OpenStreetMap" in bases and "CartoDB Positron (light)" in bases
    assert page.locator(".fm-legend").is_visible()
    assert page.locator(".fm-title").inner_text().startswith("Browser test")
    assert s.visible() == 5  # every claim; the mention is off by default
    assert s.errors == [] and s.external == []
    assert s.tiles  # the OSM basemap asked for tiles (and was refused)


def test_slider_changes_what_is_visible(session, pages):
    s = session()
    page = s.open(pages["normal"])
    at_end = s.visible()
    slider = page.locator(".leaflet-timeline-control input[type=range]")
    lo = float(slider.get_attribute("min"))
    # move the slider to 2025-03-12 (UTC midnight) like a user dragging it
    target = lo + 10 * 86_400_000
    slider.evaluate("(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', {bubbles: true})); }", target)
    assert s.visible() == 2  # early (03-02) and the area claim (03-10); not 03-15, 03-28, 03-29
    assert s.visible() < at_end
    assert "2025-03-12" in page.locator(".leaflet-timeline-control output").inner_text()
    assert s.errors == []


def test_unticking_a_side_hides_its_claims(session, pages):
    s = session()
    page = s.open(pages["normal"])
    before = s.visible()
    page.locator(".leaflet-control-layers:not(.leaflet-timeline-control)").hover()
    page.locator(".leaflet-control-layers-overlays label", has_text="Side: UA").locator("input").click()
    assert s.visible() == before - 1
    page.locator(".leaflet-control-layers-overlays label", has_text="Place mentions").locator("input").click()
    assert s.visible() == before  # the mention came in
    assert s.errors == []


def test_popup_shows_script_as_text(session, pages):
    s = session()
    page = s.open(pages["normal"])
    # click the Ozerne marker where Leaflet draws it (once the opening fitBounds has settled)
    page.wait_for_function("() => { const k = Object.keys(window.frontmap.maps)[0]; return !window[k]._animatingZoom; }")
    page.wait_for_timeout(400)
    x, y = page.evaluate("""() => {
        const key = Object.keys(window.frontmap.maps)[0];
        const pt = window[key].latLngToContainerPoint([48.95, 37.72]);
        const box = window[key].getContainer().getBoundingClientRect();
        return [box.left + pt.x, box.top + pt.y];
    }""")
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert "<script>alert(1)</script>" in popup.inner_text()
    assert popup.locator("script").count() == 0
    assert "Ozerne" in popup.inner_text() and "Russian Defence Ministry" in popup.inner_text()
    link = popup.locator("a")
    assert link.first.get_attribute("href").startswith("https://")
    assert s.dialogs == [] and s.errors == []


def test_self_contained_renders_with_network_blocked(session, pages):
    s = session(serve_cdn=False)
    page = s.open(pages["self"])
    assert page.locator(".leaflet-container").count() == 1
    assert s.visible() == 5
    assert page.locator(".leaflet-control-layers-overlays label").count() >= 8
    # markers really drawn: the canvas renderer has painted pixels
    assert page.evaluate("() => document.querySelectorAll('canvas.leaflet-zoom-animated').length") >= 1
    assert s.external == [] and s.tiles == set()
    assert s.errors == []


def test_aggregated_markers_filter_and_popup(session, pages):
    s = session()
    page = s.open(pages["aggregated"])
    assert s.visible() == 6  # one marker per place
    page.locator(".leaflet-control-layers:not(.leaflet-timeline-control)").hover()
    page.locator(".leaflet-control-layers-overlays label", has_text="Side: RU").locator("input").click()
    # places with any UA claim stay (a marker lists every side claimed there)
    assert 0 < s.visible() < 6
    html = page.evaluate("""() => { const st = Object.values(window.frontmap.maps)[0];
        const l = st.timeline.getLayers()[0]; l.openPopup(); return document.querySelector('.leaflet-popup-content').innerText; }""")
    assert "aggregated by place" in html and "Claims" in html
    assert s.errors == []


def test_hostile_metadata_stays_text_everywhere(session, pages):
    s = session()
    page = s.open(pages["evil"])
    page.locator(".leaflet-control-layers:not(.leaflet-timeline-control)").hover()
    assert "<img src=y onerror=alert(8)>" in page.locator(".leaflet-control-layers-overlays").inner_text()
    assert "<img src=z onerror=alert(12)>" in page.locator(".fm-title").inner_text()
    page.evaluate("""() => { const st = Object.values(window.frontmap.maps)[0];
        const l = st.timeline.getLayers()[0]; l.openTooltip(); l.openPopup(); }""")
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "<svg onload=alert(9)>" in text and "<b onmouseover=alert(10)>Ozerne</b>" in text
    assert page.locator(".leaflet-popup-content img, .leaflet-popup-content svg, .leaflet-popup-content script, "
                        ".leaflet-tooltip img, .leaflet-control-layers img, .fm-title img").count() == 0
    page.wait_for_timeout(300)
    assert s.dialogs == [] and s.errors == []

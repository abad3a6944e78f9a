"""frontmap.render: payload, escaping, layers, self-contained output, static figures.

Claims come from tests/render_factory.py (exactly the claims-table columns,
sentences written for these tests).
"""

from __future__ import annotations

import json
import re

import pytest

gpd = pytest.importorskip("geopandas")
pytest.importorskip("folium")

import frontmap.render as fr  # noqa: E402
from frontmap.errors import FrontmapError, ValidationError  # noqa: E402
from frontmap.render._features import as_claims_frame, build_payload, safe_url  # noqa: E402
from render_factory import XSS, claim, claims_gdf  # noqa: E402


@pytest.fixture
def sample():
    return claims_gdf([
        claim(sentence=XSS),
        claim(article="isw-0413", outlet="ISW", claimant="Institute for the Study of War",
              claimant_class="independent", published="2025-04-13", claim_id="c2",
              url="javascript:alert(2)"),
        claim(article="ua-gs-0409", controller="UA", actor="UA", claimant="General Staff of Ukraine",
              claimant_class="ua_official", date_start="2025-04-09", date_end="2025-04-09",
              event_date="2025-04-09", claim_id="c3",
              sentence="Ukraine's General Staff said its forces still held Ozerne."),
        claim(place="Kharkiv Oblast", name="Kharkiv Oblast", place_id="a1:UA.07", kind="admin1",
              coord_precision="area", lat=49.5, lon=36.5, event="attack", controller=None, actor="RU",
              claimant="regional governor", claimant_class="ua_official", hedged=True,
              event_date="2025-04", date_precision="month", date_start="2025-04-01", date_end="2025-04-30",
              claim_id="c4", sentence="Russian forces reportedly shelled villages across Kharkiv region in April."),
        claim(place="Kupiansk", name="Kupiansk", place_id="700002", lat=49.71, lon=37.61, event="advance",
              controller=None, actor="UA", claimant="a war blogger", claimant_class="blogger",
              event_date=None, date_precision="unknown", date_start=None, date_end=None, claim_id="c5",
              sentence="A blogger wrote that Ukrainian units advanced near Kupiansk."),
        claim(place="Kyiv", name="Kyiv", place_id="703448", lat=50.45, lon=30.52, event="mention",
              controller=None, actor=None, claimant=None, claimant_class=None, claim_id="c6",
              sentence="Talks are expected in Kyiv next week."),
    ])


def page_of(m):
    return m.get_root().render()


# --- payload -----------------------------------------------------------------------------------

def test_same_claim_from_two_articles_is_one_feature_with_two_sources(sample):
    p = build_payload(as_claims_frame(sample))
    ru = [f for f in p.features if f["properties"].get("s") == "RU" and f["properties"]["e"] == "capture"]
    assert len(ru) == 1
    assert ru[0]["properties"]["n"] == 2
    assert len(ru[0]["properties"]["src"]) == 2


def test_every_string_is_html_escaped(sample):
    p = build_payload(as_claims_frame(sample))
    assert not any("<script>" in s for s in p.strings)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in s for s in p.strings)


def test_only_http_urls_become_links():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<b>x</b>") is None
    assert safe_url("//example.org/x") is None
    assert safe_url("http://exa mple.org/") is None
    assert safe_url(None) is None


def test_uncertainty_marks(sample):
    p = build_payload(as_claims_frame(sample))
    by_place = {p.strings[f["properties"]["pl"]]: f["properties"] for f in p.features}
    assert by_place["Kharkiv Oblast"]["r"] >= 50_000  # region-level claim: an area, not a pin
    assert by_place["Kharkiv Oblast"].get("h") == 1  # hedged
    assert "r" not in by_place["Kupiansk"]
    ozerne = [f["properties"] for f in p.features if p.strings[f["properties"]["pl"]] == "Ozerne"]
    assert all(o.get("x") == 1 for o in ozerne)  # both sides claim Ozerne: contested
    assert by_place["Kupiansk"]["k"] == "u"  # undated
    assert by_place["Kyiv"]["k"] == "m"  # mention, not a claim


def test_time_intervals(sample):
    p = build_payload(as_claims_frame(sample))
    day = 86_400_000
    assert p.end_ms - p.start_ms == 29 * day  # 2025-04-01 .. 2025-04-30
    for f in p.features:
        props = f["properties"]
        assert props["start"] <= props["end"]
        if props["k"] in ("u", "m"):
            assert props["start"] == p.start_ms  # always visible
    ua = next(f["properties"] for f in p.features if f["properties"].get("s") == "UA" and f["properties"]["e"] == "capture")
    assert ua["start"] - p.start_ms == 8 * day


def test_aggregation_above_threshold():
    rows = [claim(claim_id=f"c{i}", place_id=str(i % 7), lat=48 + (i % 7) * 0.1, date_start=f"2025-04-{1 + i % 28:02d}",
                  article=f"a{i}") for i in range(200)]
    df = as_claims_frame(claims_gdf(rows))
    full = build_payload(df, aggregate_above=10_000)
    agg = build_payload(df, aggregate_above=20)  # 28 distinct (place, day) claims
    assert full.aggregated is None and agg.aggregated == "month"
    assert len(agg.features) == 7 < len(full.features)
    assert sum(f["properties"]["m"] for f in agg.features) == 200


def test_aggregation_by_place_when_months_are_not_enough():
    rows = [claim(claim_id=f"c{i}", place_id=str(i % 5), lat=48 + (i % 5) * 0.1, article=f"a{i}",
                  date_start=f"2025-{1 + i % 12:02d}-01", event=("capture", "attack")[i % 2],
                  controller=("RU", "UA")[i % 3 == 0]) for i in range(300)]
    p = build_payload(as_claims_frame(claims_gdf(rows)), aggregate_above=10)
    assert p.aggregated == "place"
    assert len(p.features) == 5
    props = p.features[0]["properties"]
    assert isinstance(props["s"], list) and props["sc"] in props["s"]
    assert len(props["src"]) <= 3  # popups of aggregated markers stay small
    assert "capture" in p.strings[props["sum"]]


def test_missing_columns_are_reported():
    import pandas as pd

    with pytest.raises(ValidationError, match="lat/lon"):
        as_claims_frame(pd.DataFrame({"event": ["capture"]}))
    with pytest.raises(ValidationError):
        as_claims_frame([1, 2, 3])


def test_rows_without_coordinates_are_dropped():
    import pandas as pd

    df = pd.DataFrame([claim(), claim(lat=None, claim_id="x")]).drop(columns=[])
    assert len(as_claims_frame(df)) == 1


# --- folium map --------------------------------------------------------------------------------

def test_map_returns_folium_map_with_layers_and_slider(sample):
    import folium

    m = fr.map(sample, boundaries=False)
    assert isinstance(m, folium.Map)
    page = page_of(m)
    for name in ("Side: RU", "Side: UA", "Event: capture", "Event: attack", "Claimant: Russian officials",
                 "Claimant: Bloggers", "Undated claims", "Place mentions (not claims)", "OpenStreetMap",
                 "CartoDB Positron"):
        assert name in page, name
    assert "L.timelineSliderControl" in page
    assert "L.timeline(" in page
    # mentions are off by default, everything else on
    state = json.loads(re.search(r"window\.frontmap\.maps\[\"map_\w+\"\] = (\{.*?\});\n", page).group(1))
    assert state["on"]["k:m"] is False and state["on"]["s:RU"] is True


def test_untrusted_text_never_reaches_the_page_raw(sample):
    bad_title = "Front <img src=x onerror=alert(3)>"
    rows = [claim(sentence=XSS, place="<b>Ozerne</b>", outlet="<i>evil</i>", claimant="<svg onload=alert(4)>"),
            claim(claim_id="z", controller="<img src=y onerror=alert(5)>", claimant_class="<u>x</u>",
                  url="https://ok.example/\"><script>alert(6)</script>")]
    m = fr.map(claims_gdf(rows), title=bad_title, boundaries=False)
    page = page_of(m)

    def strings(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, dict):
            for v in x.values():
                yield from strings(v)
        elif isinstance(x, list):
            for v in x:
                yield from strings(v)

    # the page's script builds popups/tooltips from these: none may carry markup
    data = list(strings(m.frontmap_payload.features)) + m.frontmap_payload.strings
    assert data and not [v for v in data if "<" in v or '"' in v]
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "<svg onload" not in page and "<img src=y" not in page and "<u>x</u>" not in page
    assert "<script>alert(6)" not in page
    assert "<b>Ozerne" not in page and "<i>evil" not in page
    assert "javascript:alert" not in page


def test_layer_names_are_escaped():
    rows = [claim(claimant_class="<b>odd</b>")]
    page = page_of(fr.map(claims_gdf(rows), boundaries=False))
    assert "<b>odd</b>" not in page
    assert "\\u0026lt;b\\u0026gt;odd" in page  # escaped for HTML, then JSON-encoded for the script


def test_legend_title_and_attribution(sample):
    page = page_of(fr.map(sample, title="Kharkiv front", boundaries=False))
    assert "fm-legend" in page and "Contested" in page and "Hedged" in page
    assert "Kharkiv front" in page
    assert "2025-04-01 to 2025-04-30" in page
    assert "GeoNames" in page and "CC BY" in page and "Natural Earth" in page
    assert "openstreetmap.org/copyright" in page  # the tiles' own attribution


def test_at_snapshot_drops_later_claims_and_draws_areas(sample):
    from shapely.geometry import LineString, Polygon

    areas = gpd.GeoDataFrame({"side": ["RU", "UA"], "area_km2": [120.0, 80.0]},
                             geometry=[Polygon([(37, 48), (38, 48), (38, 49), (37, 49)]),
                                       Polygon([(36, 48), (37, 48), (37, 49), (36, 49)])], crs=4326)
    line = gpd.GeoDataFrame(geometry=[LineString([(37, 48), (37, 49)])], crs=4326)
    m = fr.map(sample, at="2025-04-10", control_areas=areas, front_line=line, boundaries=False)
    p = m.frontmap_payload
    # the RU capture claims start 2025-04-11: gone; the UA one (04-09) stays
    assert not any(f["properties"].get("s") == "RU" and f["properties"].get("e") == "capture" for f in p.features)
    page = page_of(m)
    assert "Control areas (2025-04-10)" in page and "Front line (2025-04-10)" in page
    assert "snapshot at 2025-04-10" in page


def test_boundaries_make_outlines_and_offline_basemap(sample):
    from shapely.geometry import Polygon

    countries = gpd.GeoDataFrame({"name": ["Ukraine"]}, geometry=[Polygon([(22, 44), (40, 44), (40, 52.5), (22, 52.5)])], crs=4326)
    admin1 = gpd.GeoDataFrame({"name": ["Kharkiv Oblast"]}, geometry=[Polygon([(35, 48.5), (38, 48.5), (38, 50.5), (35, 50.5)])], crs=4326)
    page = page_of(fr.map(sample, boundaries=(countries, admin1)))
    assert "Offline basemap" in page and "Region (oblast) outlines" in page and "Country borders" in page


def test_to_html_atomic_and_self_contained(sample, tmp_path):
    out = fr.to_html(sample, tmp_path / "m.html", boundaries=False)
    assert out.exists() and "cdn.jsdelivr.net" in out.read_text()
    sc = fr.to_html(sample, tmp_path / "sc.html", self_contained=True, boundaries=False)
    text = sc.read_text()
    assert not re.search(r'<script[^>]+src="https?:', text)
    assert not re.search(r'<link[^>]+href="https?:', text)
    assert "tile.openstreetmap.org" not in text  # no tile layer at all
    assert "L.timeline" in text and "leaflet" in text.lower()
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_unused_default_assets_are_dropped_but_kept_when_used(sample, tmp_path):
    import folium

    lean = fr.to_html(fr.map(sample, boundaries=False), tmp_path / "lean.html").read_text()
    assert "jquery" not in lean.lower() and "bootstrap" not in lean and "awesome-markers" not in lean
    assert "leaflet@1.9.3/dist/leaflet.js" in lean
    m = fr.map(sample, boundaries=False)
    folium.Marker([48.9, 37.7], icon=folium.Icon(color="green")).add_to(m)  # a user's own layer
    full = fr.to_html(m, tmp_path / "full.html", self_contained=True).read_text()
    assert "L.AwesomeMarkers" in full and "awesome-marker" in full and not re.search(r'<script[^>]+src="https?:', full)


def test_to_html_refuses_map_options_with_a_map(sample, tmp_path):
    m = fr.map(sample, boundaries=False)
    with pytest.raises(TypeError):
        fr.to_html(m, tmp_path / "x.html", title="nope")


def test_fragment_is_a_sandboxed_escaped_iframe(sample):
    frag = fr.fragment(sample, height=400, boundaries=False)
    assert frag.startswith("<iframe") and 'sandbox="allow-scripts' in frag
    assert "<script" not in frag  # the whole page is escaped into srcdoc
    assert "height:400px" in frag


def test_empty_claims_still_make_a_map(tmp_path):
    out = fr.to_html(claims_gdf([]), tmp_path / "empty.html", boundaries=False)
    assert "0 claims" in out.read_text()


@pytest.mark.parametrize("ext", ["png", "svg"])
def test_static_figure(sample, tmp_path, ext):
    out = fr.to_png(sample, tmp_path / f"fig.{ext}", boundaries=False, title="Kharkiv front")
    data = out.read_bytes()
    if ext == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    else:
        assert b"<svg" in data[:500] and b"Kharkiv front" in data


def test_static_figure_rejects_unknown_format(sample, tmp_path):
    with pytest.raises(FrontmapError, match="png"):
        fr.to_png(sample, tmp_path / "fig.bmp", boundaries=False)


def test_a_denied_capture_is_drawn_as_a_faded_mention_not_control():
    rows = [
        claim(),
        claim(article="ua-wire-0413", claim_id="c2", controller="RU", negated=True, claimant="General Staff",
              claimant_class="ua_official", sentence="The General Staff denied that Ozerne had fallen."),
    ]
    gdf = claims_gdf(rows)
    gdf["negated"] = [False, True]
    payload = build_payload(as_claims_frame(gdf))
    kinds = sorted(f["properties"]["k"] for f in payload.features)
    assert kinds == ["c", "m"]  # one control claim, one faded mention
    control = next(f for f in payload.features if f["properties"]["k"] == "c")
    assert control["properties"]["n"] == 1  # the denial is not counted as a second source


def test_a_places_latest_firm_claim_is_drawn_on_top():
    rows = [
        claim(claim_id="late", controller="RU", event_date="2025-04-11", date_start="2025-04-11", date_end="2025-04-11"),
        claim(claim_id="undated", controller="UA", actor="UA", event_date=None, date_precision="unknown",
              date_start=None, date_end=None, claimant="Kyiv Daily", claimant_class="media"),
        claim(claim_id="early", controller="UA", actor="UA", event_date="2025-03-01", date_start="2025-03-01",
              date_end="2025-03-01", article="other-0302", published="2025-03-02"),
    ]
    payload = build_payload(as_claims_frame(claims_gdf(rows)))
    order = [(f["properties"]["k"], f["properties"]["s"]) for f in payload.features]
    assert order == [("u", "UA"), ("c", "UA"), ("c", "RU")]  # undated first, the latest dated claim last (on top)


def test_a_later_claim_about_a_place_supersedes_the_earlier_one_on_the_slider():
    rows = [
        claim(claim_id="ua", controller="UA", actor="UA", event_date="2025-03-01", date_start="2025-03-01",
              date_end="2025-03-01", article="a1", published="2025-03-02"),
        claim(claim_id="ru", controller="RU", event_date="2025-04-11", date_start="2025-04-11", date_end="2025-04-11"),
        claim(claim_id="other-place", place="Kupiansk", name="Kupiansk", place_id="700002", lat=49.71, lon=37.61,
              event_date="2025-03-05", date_start="2025-03-05", date_end="2025-03-05"),
    ]
    p = build_payload(as_claims_frame(claims_gdf(rows)))
    by = {(p.strings[f["properties"]["pl"]], f["properties"]["s"]): f["properties"] for f in p.features}
    ua, ru, other = by[("Ozerne", "UA")], by[("Ozerne", "RU")], by[("Kupiansk", "RU")]
    assert ua["end"] == ru["start"] - 1  # the UA claim leaves the map when the RU claim arrives
    assert ru["end"] == other["end"] == p.end_ms + 86_400_000 - 1  # the rest stay to the end of the data

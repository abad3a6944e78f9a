"""Maps of control claims: a layered, time-aware HTML map and a static figure.

The last stage of the pipeline (``claims -> timeline/store -> query -> render``)::

    import frontmap.render as fr
    m = fr.map(claims)                      # a folium.Map: shows inline in Jupyter
    fr.to_html(m, "maps/claims.html")       # or fr.to_html(claims, path, self_contained=True)
    fr.to_png(claims, "maps/claims.png")    # matplotlib figure for PDF reports
    html = fr.fragment(m, height=500)       # an <iframe srcdoc=...> for a report page

What the HTML map draws
-----------------------
* One marker per distinct claim (same place, event, side and start day); its popup
  lists every source that made the claim.  Fill colour = side (controller, else
  actor).  A thick black ring marks a *contested* place (both sides claim it).
  Hedged claims are pale with a dashed outline.  Claims located only to a region
  (``coord_precision == "area"`` or kind admin1/admin2/country) are soft
  translucent circles, not pins.  The number on a marker is its source count.
* Layer control: filter toggles by side, event type and claimant class (a claim is
  shown when its side, its event *and* one of its claimants' classes are ticked),
  "Undated claims", "Place mentions (not claims)" (off by default), control areas
  and front line for the chosen date, region and country outlines, and three
  basemaps (OpenStreetMap, CartoDB Positron and an offline one drawn from the
  shipped boundaries).
* Time slider over event dates: a dated claim is visible from its ``date_start``
  onwards.  Undated claims are always visible (their own toggle; dotted outline).
  The map opens at the last date (or at ``at``).
* Past ``aggregate_above`` (5,000) markers, claims of the same place, side and
  event within a calendar month become one marker; if that is still too many,
  one marker per place (its popup counts claims by side and event and quotes
  three reports; it appears on the slider at the place's first claim).
  Measured with ``bench/maps.py``: 10,000 claims -> 3.8 MB, opens in ~1 s.
* Drawing order is fixed by panes (land < outlines < control areas < front line
  < claims), whatever the user toggles.

Every string from articles is ``html.escape``-d before it reaches the page.
folium and matplotlib are imported only inside these functions.
"""

from __future__ import annotations

import datetime as dt
import html
import hashlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontmap._io import atomic_open
from frontmap.errors import FrontmapError
from frontmap.render._features import (
    AREA_COLORS,
    CLAIMANT_CLASSES,
    MENTION_COLOR,
    SIDE_COLORS,
    SIDE_LABELS,
    Payload,
    as_claims_frame,
    build_payload,
    ms_to_iso,
)

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = ["map", "to_html", "to_png", "fragment", "SIDE_COLORS", "load_boundaries"]

log = logging.getLogger(__name__)

ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a> (CC BY 4.0)'
    ' · Boundaries: <a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener">Natural Earth</a>'
    " · Claims: frontmap"
)
CARTO_URL = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
CARTO_ATTR = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    ' &copy; <a href="https://carto.com/attributions">CARTO</a>'
)
#: above this many multi-source markers, source counts are not drawn as labels (size still shows them)
MAX_COUNT_LABELS = 1500
EVENT_LABELS = {
    "capture": "captured / took control",
    "withdrawal": "withdrew",
    "advance": "advanced",
    "attack": "attacked / struck",
    "incursion": "incursion",
    "other": "other event",
}


def _folium():
    try:
        import folium
        import folium.plugins
    except ImportError as exc:  # pragma: no cover - folium is a hard dependency
        raise FrontmapError("the HTML map needs folium 0.20: pip install 'folium==0.20.*'") from exc
    return folium


def _parse_day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise FrontmapError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def load_boundaries() -> tuple[gpd.GeoDataFrame | None, gpd.GeoDataFrame | None]:
    """The shipped ``(country_polygons, admin1_polygons)``, or ``(None, None)`` if not available.

    Missing boundaries never stop a map: the outlines and the offline basemap
    are left out with a warning.
    """
    try:
        from frontmap import boundaries
    except ImportError:
        log.warning("frontmap.boundaries is not available: drawing the map without region outlines")
        return None, None
    try:
        return boundaries.country_polygons(), boundaries.admin1_polygons()
    except (FrontmapError, OSError, ValueError) as exc:
        log.warning("shipped boundaries unusable (%s): drawing the map without region outlines", exc)
        return None, None


def _clip_simplify(gdf: gpd.GeoDataFrame | None, bounds: list[list[float]] | None, tolerance: float,
                   margin_deg: float = 10.0, *, lines: bool = False) -> dict | None:
    """Boundaries cropped to the data's box grown by ``margin_deg`` (or its own size), simplified, as GeoJSON.

    With ``lines``, the polygons' outlines are cropped instead (so the crop box
    never shows up as a border).
    """
    if gdf is None or len(gdf) == 0:
        return None
    import shapely

    g = gdf.to_crs(4326) if gdf.crs is not None and not gdf.crs.equals("EPSG:4326") else gdf
    if bounds is not None:
        (s, w), (n, e) = bounds
        margin = max(margin_deg, 1.5 * (n - s), 1.5 * (e - w))
        box = shapely.box(w - margin, s - margin, e + margin, n + margin)
        g = g[g.intersects(box)]
        if len(g) == 0:
            return None
        geoms = shapely.simplify(g.geometry.values, tolerance, preserve_topology=True)
        if lines:
            geoms = shapely.boundary(geoms)
        geoms = shapely.intersection(geoms, box)
    else:
        geoms = shapely.simplify(g.geometry.values, tolerance, preserve_topology=True)
        if lines:
            geoms = shapely.boundary(geoms)
    geoms = shapely.set_precision(geoms, 0.001)
    name_col = next((c for c in ("name", "admin1_name", "NAME", "country") if c in g.columns), None)
    feats = []
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            continue
        props = {"name": html.escape(str(g.iloc[i][name_col]))} if name_col else {}
        feats.append({"type": "Feature", "geometry": shapely.geometry.mapping(geom), "properties": props})
    return {"type": "FeatureCollection", "features": feats} if feats else None


def _area_layers(m: folium.Map, control_areas: Any, front_line: Any, label: str) -> None:
    folium = _folium()
    if control_areas is not None and len(control_areas):
        ca = control_areas.to_crs(4326) if control_areas.crs is not None else control_areas
        feats = []
        for row in ca.itertuples(index=False):
            side = str(getattr(row, "side", "") or "")
            area = getattr(row, "area_km2", None)
            tip = html.escape(f"{side} control" + (f", {float(area):,.0f} km²" if area is not None and area == area else ""))
            feats.append({"type": "Feature", "geometry": row.geometry.__geo_interface__, "properties": {"side": side, "tip": tip}})
        data = {"type": "FeatureCollection", "features": feats}
        folium.GeoJson(
            data,
            name=html.escape(f"Control areas ({label})"),
            style_function=lambda f: {
                "fillColor": AREA_COLORS.get(f["properties"]["side"], AREA_COLORS["none"]),
                "color": AREA_COLORS.get(f["properties"]["side"], AREA_COLORS["none"]),
                "weight": 1,
                "fillOpacity": 0.18,
            },
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
            show=True,
            pane="fm-areas",
        ).add_to(m)
    if front_line is not None and len(front_line):
        fl = front_line.to_crs(4326) if front_line.crs is not None else front_line
        data = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": g.__geo_interface__, "properties": {}} for g in fl.geometry if g is not None and not g.is_empty
        ]}
        folium.GeoJson(
            data,
            name=html.escape(f"Front line ({label})"),
            style_function=lambda f: {"color": "#111111", "weight": 3, "opacity": 0.9},
            show=True,
            interactive=False,
            pane="fm-front",
        ).add_to(m)


def _snapshot(claims: Any, at: Any, control_areas: Any, front_line: Any) -> tuple[Any, dt.date | None, Any, Any]:
    """The claims frame to draw, cut at ``at`` (claims up to that day, undated kept), with the
    control areas and front line of that day from :mod:`frontmap.timeline` unless given."""
    df = as_claims_frame(claims)
    at_day = _parse_day(at)
    if at_day is not None:
        starts = df["date_start"].astype("string").str.slice(0, 10)
        df = df[starts.isna() | (starts <= at_day.isoformat())].reset_index(drop=True)
        if control_areas is None and front_line is None:
            from frontmap import timeline

            gdf = getattr(claims, "gdf", claims)
            control_areas = timeline.control_areas(gdf, at_day)
            front_line = timeline.front_line(gdf, at_day, areas=control_areas)
    return df, at_day, control_areas, front_line


def map(  # noqa: A001 - the issue's public name
    claims: Any,
    *,
    title: str | None = None,
    at: dt.date | str | None = None,
    control_areas: Any = None,
    front_line: Any = None,
    boundaries: tuple[Any, Any] | None | bool = True,
    offline: bool = False,
    aggregate_above: int = 5000,
    width: str | int = "100%",
    height: str | int = "100%",
) -> folium.Map:
    """Build the layered, time-aware folium map of a claims table.

    Parameters
    ----------
    claims
        Claims GeoDataFrame (``frontmap.claims.extract``), ``frontmap.query.Claims``,
        or a DataFrame with ``lat``/``lon`` and the claims-table columns.
    title
        Map title; default "Control claims".
    at
        Snapshot day: only claims that started on or before it, the slider opens
        there, and (unless given) control areas / front line come from
        :mod:`frontmap.timeline` for that day.
    control_areas, front_line
        GeoDataFrames (``side``, ``area_km2``, geometry) / (geometry) to draw.
    boundaries
        ``True``: the shipped ``(countries, admin1)`` polygons if available;
        ``False``/``None``: none; or a ``(countries, admin1)`` tuple of GeoDataFrames.
    offline
        Draw no tile layers at all (the offline basemap is the only one); used for
        self-contained files.  Otherwise OpenStreetMap is the default basemap.
    aggregate_above
        Markers above which claims are aggregated (by place/side/event/month, then by place).

    Returns
    -------
    folium.Map
        Add your own layers before saving; ``m.get_root().render()`` gives the page.
    """
    folium = _folium()
    from folium.plugins import Timeline, TimelineSlider

    from frontmap.render._elements import ClaimLayers, Legend, MapTitle

    df, at_day, control_areas, front_line = _snapshot(claims, at, control_areas, front_line)
    payload: Payload = build_payload(df, aggregate_above=aggregate_above)

    bounds = payload.bounds or [[44.0, 22.0], [52.5, 40.5]]  # Ukraine when there is nothing to show
    center = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    m = folium.Map(location=center, zoom_start=6, tiles=None, prefer_canvas=True, control_scale=True,
                   width=width, height=height)
    # the map's name is baked into the claim layers' scripts below: make it follow the content
    # (the same claims give the same file; the other elements are numbered at render time)
    m._id = hashlib.sha1(repr((payload.features, bounds, title)).encode("utf-8")).hexdigest()[:32]
    # panes keep the drawing order whatever the user toggles: land < outlines < areas < front line < claims
    # claims: region areas, mentions, undated and hedged marks (fm-soft) under firm dated claims (fm-firm)
    for pane, z, events in (("fm-land", 250, False), ("fm-outlines", 380, False), ("fm-areas", 390, True),
                            ("fm-front", 395, False), ("fm-soft", 405, True), ("fm-firm", 410, True)):
        folium.map.CustomPane(pane, z_index=z, pointer_events=events).add_to(m)
    # leave room for the legend (top left), the title and the slider (bottom)
    m.fit_bounds(bounds, padding_top_left=(250, 70), padding_bottom_right=(60, 110), max_zoom=10)

    # basemaps
    if boundaries is True:
        countries, admin1 = load_boundaries()
    elif boundaries:
        countries, admin1 = boundaries
    else:
        countries, admin1 = None, None
    land = _clip_simplify(countries, payload.bounds, 0.04, margin_deg=40.0)
    borders = _clip_simplify(countries, payload.bounds, 0.02, margin_deg=25.0, lines=True)
    regions = _clip_simplify(admin1, payload.bounds, 0.015, margin_deg=12.0, lines=True)
    if not offline:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", show=True).add_to(m)
        folium.TileLayer(CARTO_URL, attr=CARTO_ATTR, name="CartoDB Positron (light)", subdomains="abcd",
                         max_zoom=20, show=False).add_to(m)
    if land is not None or offline:
        base = folium.FeatureGroup(name="Offline basemap (boundaries, no tiles)", overlay=False, show=offline)
        if land is not None:
            folium.GeoJson(land, style_function=lambda f: {"fillColor": "#f4f1ea", "fillOpacity": 1, "color": "#f4f1ea", "weight": 0},
                           interactive=False, pane="fm-land").add_to(base)
        base.add_to(m)
    if regions is not None:
        folium.GeoJson(regions, name="Region (oblast) outlines", interactive=False, pane="fm-outlines",
                       style_function=lambda f: {"color": "#8c8c8c", "weight": 0.8, "opacity": 0.8}).add_to(m)
    if borders is not None:
        folium.GeoJson(borders, name="Country borders", interactive=False, pane="fm-outlines",
                       style_function=lambda f: {"color": "#505050", "weight": 1.6, "opacity": 0.9}).add_to(m)

    label = at_day.isoformat() if at_day else "chosen date"
    _area_layers(m, control_areas, front_line, label)

    # filter toggles: empty FeatureGroups whose checkboxes switch the claim filter
    toggles: dict[str, Any] = {}
    on: dict[str, bool] = {}

    def toggle(key: str, name: str, show: bool = True) -> None:
        fg = folium.FeatureGroup(name=html.escape(name), show=show)
        fg.add_to(m)
        toggles[key] = fg
        on[key] = show

    for s in payload.sides:
        toggle(f"s:{s}", f"Side: {html.unescape(s) if s != 'none' else 'not stated'}")
    for e in payload.events:
        toggle(f"e:{e}", f"Event: {e}")
    for c in payload.classes:
        toggle(f"c:{c}", f"Claimant: {CLAIMANT_CLASSES.get(c, html.unescape(c))}")  # c is escaped; the name gets escaped once
    if payload.n_undated:
        toggle("k:u", "Undated claims (always shown)")
    if payload.n_mentions:
        toggle("k:m", "Place mentions (not claims)", show=False)

    key = m.get_name()
    tl = Timeline(
        {"type": "FeatureCollection", "features": payload.features},
        point_to_layer=folium.JsCode(f"window.frontmap.pointToLayer('{key}')"),
        filter=folium.JsCode(f"window.frontmap.filter('{key}')"),
        on_each_feature=folium.JsCode(f"window.frontmap.bind('{key}')"),
    )
    tl.control = False
    tl.add_to(m)
    slider = None
    assert payload.start_ms is not None and payload.end_ms is not None
    if payload.end_ms > payload.start_ms:
        slider = TimelineSlider(auto_play=False, start=payload.start_ms, end=payload.end_ms, date_options="YYYY-MM-DD",
                                show_ticks=len(payload.features) <= 20000, enable_keyboard_controls=True,
                                playback_duration=20000)
        slider.add_timelines(tl).add_to(m)

    n_labels = sum(1 for f in payload.features if f["properties"].get("n", 1) > 1 and f["properties"]["k"] != "m")
    state = {
        "S": payload.strings,
        "colors": SIDE_COLORS,
        "mention": MENTION_COLOR,
        "on": on,
        "labels": n_labels <= MAX_COUNT_LABELS,
    }

    first, last = ms_to_iso(payload.start_ms), ms_to_iso(payload.end_ms)
    parts = [f"{payload.n_claims} claims" + (f", {payload.n_mentions} place mentions" if payload.n_mentions else "")]
    if payload.n_claims - payload.n_undated or payload.n_undated == 0:
        parts.insert(0, f"events {first} to {last}" if first != last else f"events on {first}")
    if at_day:
        parts.append(f"snapshot at {at_day.isoformat()}")
    if payload.aggregated:
        parts.append("aggregated by month")
    MapTitle(title or "Control claims", " · ".join(parts), [ATTRIBUTION]).add_to(m)
    area_sides = [str(x) for x in control_areas["side"].unique()] if control_areas is not None and len(control_areas) else []
    Legend(_legend_sections(payload, area_sides, front_line is not None and len(front_line) > 0)).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    initial = min(payload.end_ms, _day_to_ms(at_day)) if at_day else payload.end_ms
    ClaimLayers(key, state, tl, slider, toggles, max(initial, payload.start_ms)).add_to(m)
    m.frontmap_payload = payload  # for callers that want the counts
    return m


def _day_to_ms(d: dt.date) -> int:
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp() * 1000)


def _legend_sections(payload: Payload, area_sides: list[str], has_line: bool) -> list[tuple[str, list[tuple[str, str, str]]]]:
    sides = [("dot", f"background:{SIDE_COLORS.get(s, SIDE_COLORS['none'])}", SIDE_LABELS.get(s, html.unescape(s)))
             for s in payload.sides]  # payload sides are escaped; the template escapes labels
    if not sides:
        sides = [("dot", f"background:{SIDE_COLORS[s]}", SIDE_LABELS[s]) for s in ("RU", "UA")]
    how = [
        ("dot", "background:#999;border:1px solid #555", "Claim at a point (bigger, numbered = more sources)"),
        ("dot", "background:rgba(120,120,120,0.18);border:1px solid #777;width:16px;height:16px", "Located only to a region (soft area)"),
        ("dot", "background:rgba(120,120,120,0.3);border:1.5px dashed #777", "Hedged (“reportedly”, “may have”)"),
        ("dot", "background:#999;border:3px solid #111", "Contested: both sides claim it"),
    ]
    if payload.n_undated:
        how.append(("dot", "background:#999;border:1.5px dotted #333", "Undated claim (always shown)"))
    if payload.n_mentions:
        how.append(("dot", f"background:{MENTION_COLOR};opacity:0.5;width:7px;height:7px", "Place mention, not a claim (off)"))
    sections = [("Side", sides), ("Marks", how)]
    areas = []
    areas += [("dot", f"background:{AREA_COLORS.get(s, AREA_COLORS['none'])};opacity:0.35;border-radius:2px",
               f"{s} control area") for s in sorted(area_sides)]
    if has_line:
        areas.append(("line", "", "Front line"))
    if areas:
        sections.append(("On the chosen date", areas))
    return sections


def _stable_ids(root: Any) -> None:
    """Number every element of the page in tree order instead of branca's random ids, so the
    same claims give the same file (diffable example maps, cacheable reports).  Names are only
    read at render time (``get_name()`` in the templates), so renaming before it is safe."""
    seen: set[int] = set()
    count = 0

    def walk(el: Any) -> None:
        nonlocal count
        if id(el) in seen:
            return
        seen.add(id(el))
        if type(el).__name__ != "Map":  # the map's own id is set from its content (see map())
            el._id = f"{count:08x}{hashlib.sha1(type(el).__name__.encode()).hexdigest()[:24]}"
        count += 1
        for child in list(getattr(el, "_children", {}).values()):
            walk(child)

    walk(root)


def _render_page(m: folium.Map, self_contained: bool) -> str:
    from frontmap.render._offline import drop_unused_assets, inline_assets

    root = m.get_root()
    _stable_ids(root)
    page = drop_unused_assets(root.render())
    if self_contained:
        page = inline_assets(page)
    return page


def to_html(claims_or_map: Any, path: str | os.PathLike[str], *, self_contained: bool = False, **map_kwargs: Any) -> Path:
    """Write the map as one HTML file (atomically).

    Parameters
    ----------
    claims_or_map
        A ``folium.Map`` (e.g. from :func:`map`, possibly with your own layers) or
        claims, which are passed to :func:`map` with ``map_kwargs``.
    path
        Output file; replaced only once the whole page is written.
    self_contained
        Inline Leaflet and every plugin's JS/CSS (from ``folium-offline``) and draw
        no tile layers, so the file opens with no network at all.

    Returns
    -------
    pathlib.Path
        The written path.
    """
    folium = _folium()
    if isinstance(claims_or_map, folium.Map):
        if map_kwargs:
            raise TypeError(f"map options {sorted(map_kwargs)} only apply when passing claims, not a folium.Map")
        m = claims_or_map
    else:
        m = map(claims_or_map, offline=self_contained or map_kwargs.pop("offline", False), **map_kwargs)
    page = _render_page(m, self_contained)
    with atomic_open(path, "w", encoding="utf-8") as fh:
        fh.write(page)
    log.info("wrote %s (%.1f kB)", path, len(page.encode("utf-8")) / 1024)
    return Path(path)


def fragment(claims_or_map: Any, *, width: str | int = "100%", height: str | int = 600,
             self_contained: bool = False, title: str | None = None, **map_kwargs: Any) -> str:
    """An ``<iframe srcdoc=...>`` embedding the map in a report page.

    The iframe is sandboxed (scripts run, but cannot reach the host page) and
    the whole map document is escaped into ``srcdoc``.
    """
    folium = _folium()
    if isinstance(claims_or_map, folium.Map):
        m = claims_or_map
    else:
        m = map(claims_or_map, title=title, offline=self_contained, **map_kwargs)
    page = _render_page(m, self_contained)
    w = f"{width}px" if isinstance(width, int) else str(width)
    h = f"{height}px" if isinstance(height, int) else str(height)
    return (
        f'<iframe class="frontmap-map" title="{html.escape(title or "frontmap claims map")}" '
        f'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" loading="lazy" '
        f'style="width:{html.escape(w)};height:{html.escape(h)};border:0" srcdoc="{html.escape(page, quote=True)}"></iframe>'
    )


def to_png(claims: Any, path: str | os.PathLike[str], *, format: str | None = None, **kwargs: Any) -> Path:  # noqa: A002
    """Write a static figure (PNG, SVG or PDF by extension or ``format``) for reports.

    Same colours and marks as the HTML map, with a legend, the shipped boundaries
    as background, and control areas / front line when given.  See
    :func:`frontmap.render._static.figure` for the keyword arguments.
    """
    from frontmap.render._static import save_figure

    return save_figure(claims, path, format=format, **kwargs)

"""Static figure (PNG/SVG/PDF) of a claims table with geopandas + matplotlib.

Same colours and marks as the HTML map: fill = side, black ring = contested,
pale dashed = hedged, translucent large disc = located only to a region,
size = number of sources.  matplotlib is imported here only (Agg backend).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import math
import os
from pathlib import Path
from typing import Any

from frontmap._io import atomic_path
from frontmap.errors import FrontmapError
from frontmap.render._features import AREA_COLORS, MENTION_COLOR, SIDE_COLORS, SIDE_LABELS, build_payload, ms_to_iso

log = logging.getLogger(__name__)

FORMATS = ("png", "svg", "pdf")


def _format_for(path: str | os.PathLike[str], format: str | None) -> str:  # noqa: A002
    fmt = (format or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise FrontmapError(f"cannot write a static figure as {fmt!r}; use a .png, .svg or .pdf path or format='png'")
    return fmt


def save_figure(
    claims: Any,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,  # noqa: A002
    title: str | None = None,
    at: dt.date | str | None = None,
    control_areas: Any = None,
    front_line: Any = None,
    boundaries: tuple[Any, Any] | None | bool = True,
    dpi: int = 150,
    figsize: tuple[float, float] = (12, 7.5),
) -> Path:
    """Draw ``claims`` and write the figure atomically; returns the path."""
    fmt = _format_for(path, format)
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from frontmap.render import _snapshot, load_boundaries

    df, at_day, control_areas, front_line = _snapshot(claims, at, control_areas, front_line)
    payload = build_payload(df, aggregate_above=20_000)
    if boundaries is True:
        countries, admin1 = load_boundaries()
    elif boundaries:
        countries, admin1 = boundaries
    else:
        countries, admin1 = None, None

    fig, ax = plt.subplots(figsize=figsize)
    try:
        if payload.bounds:
            (s, w), (n, e) = payload.bounds
        else:
            s, w, n, e = 44.0, 22.0, 52.5, 40.5
        pad = max(0.6, 0.15 * max(n - s, e - w))
        s, n, w, e = s - pad, n + pad, w - pad, e + pad
        # widen the short side so the map fills an axes about 1.25 times wider than tall
        coslat = max(0.2, math.cos(math.radians((s + n) / 2)))
        want = 1.25
        if (e - w) * coslat / (n - s) < want:
            grow = ((n - s) * want / coslat - (e - w)) / 2
            w, e = w - grow, e + grow
        else:
            grow = ((e - w) * coslat / want - (n - s)) / 2
            s, n = s - grow, n + grow
        xlim, ylim = (w, e), (s, n)
        ax.set_facecolor("#e6eef5")
        if countries is not None and len(countries):
            countries.to_crs(4326).cx[xlim[0] - 5 : xlim[1] + 5, ylim[0] - 5 : ylim[1] + 5].plot(
                ax=ax, color="#f4f1ea", edgecolor="#505050", linewidth=0.9, zorder=1)
        if admin1 is not None and len(admin1):
            admin1.to_crs(4326).cx[xlim[0] - 5 : xlim[1] + 5, ylim[0] - 5 : ylim[1] + 5].boundary.plot(
                ax=ax, color="#9a9a9a", linewidth=0.4, zorder=2)
        if control_areas is not None and len(control_areas):
            for side, grp in control_areas.to_crs(4326).groupby("side"):
                grp.plot(ax=ax, color=AREA_COLORS.get(side, AREA_COLORS["none"]), alpha=0.2, zorder=3)
        if front_line is not None and len(front_line):
            front_line.to_crs(4326).plot(ax=ax, color="#111111", linewidth=2.2, zorder=4)

        km_per_deg = 111.0
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import Ellipse

        points: dict[tuple, dict[str, list]] = {}  # one scatter call per mark style
        areas: list = []
        labels = []
        mention_xy = []
        for f in payload.features:
            p = f["properties"]
            lon, lat = f["geometry"]["coordinates"]
            if p["k"] == "m":
                mention_xy.append((lon, lat))
                continue
            col = SIDE_COLORS.get(p.get("sc") or p["s"], SIDE_COLORS["none"])
            hedged = p.get("h") == 1
            contested = bool(p.get("x"))
            undated = p["k"] == "u"
            if p.get("r"):
                r = p["r"] / 1000 / km_per_deg
                areas.append(Ellipse((lon, lat), 2 * r / max(0.2, math.cos(math.radians(lat))), 2 * r,
                                     facecolor=col, alpha=(0.12 if hedged else 0.24) / math.sqrt(p.get("o", 1)),
                                     edgecolor="#111111" if contested else col,
                                     linestyle=(0, (2, 2)) if hedged else "solid", linewidth=1.2))
                continue
            d = points.setdefault((hedged, contested, undated), {"x": [], "y": [], "s": [], "c": []})
            d["x"].append(lon)
            d["y"].append(lat)
            d["s"].append(30 + 50 * (max(1, p.get("n", 1)) - 1) ** 0.5)
            d["c"].append(col)
            if p.get("n", 1) > 1:
                labels.append((lon, lat, p["n"]))
        if mention_xy:
            xs, ys = zip(*mention_xy)
            ax.scatter(xs, ys, s=6, color=MENTION_COLOR, alpha=0.4, linewidths=0, zorder=5)
        if areas:
            ax.add_collection(PatchCollection(areas, match_original=True, zorder=5))
        # Undated and hedged marks first, so a place's dated, firm claims are drawn on top.
        for (hedged, contested, undated), d in sorted(points.items(), key=lambda kv: (not kv[0][2], not kv[0][0])):
            ax.scatter(d["x"], d["y"], s=d["s"], c=d["c"], alpha=0.35 if hedged else 0.85,
                       edgecolors="#111111" if contested else d["c"], linewidths=2.2 if contested else 0.8,
                       linestyle=(0, (2, 2)) if hedged else ((0, (1, 2)) if undated else "solid"), zorder=6)
        if len(labels) <= 400:  # numbers stay legible; past that, size alone shows corroboration
            for lon, lat, n_src in labels:
                ax.annotate(str(n_src), (lon, lat), ha="center", va="center", fontsize=6, color="white",
                            fontweight="bold", zorder=7)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_aspect(1 / coslat)
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        ax.tick_params(labelsize=7)

        handles = [Patch(facecolor=SIDE_COLORS.get(sd, SIDE_COLORS["none"]), label=SIDE_LABELS.get(sd, html.unescape(sd)))
                   for sd in (payload.sides or ["RU", "UA"])]
        handles += [
            Line2D([], [], marker="o", color="w", markerfacecolor="#999", markeredgecolor="#111", markeredgewidth=2,
                   markersize=8, label="Contested (both sides claim it)"),
            Line2D([], [], marker="o", color="w", markerfacecolor="#bbb", markeredgecolor="#777", alpha=0.6,
                   markersize=8, label="Hedged (pale)"),
            Patch(facecolor="#999", alpha=0.2, edgecolor="#777", label="Located only to a region"),
        ]
        if payload.n_mentions:
            handles.append(Line2D([], [], marker="o", color="w", markerfacecolor=MENTION_COLOR, alpha=0.5, markersize=4,
                                  label="Place mention (not a claim)"))
        if payload.n_undated:
            handles.append(Line2D([], [], marker="o", color="w", markerfacecolor="#999", markeredgecolor="#333",
                                  linestyle="none", markersize=8, label="Undated claim"))
        if control_areas is not None and len(control_areas):
            handles += [Patch(facecolor=AREA_COLORS.get(sd, AREA_COLORS["none"]), alpha=0.25, label=f"{sd} control area")
                        for sd in sorted(str(x) for x in control_areas["side"].unique())]
        if front_line is not None and len(front_line):
            handles.append(Line2D([], [], color="#111111", linewidth=2.2, label="Front line"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, framealpha=0.92,
                  borderaxespad=0)

        first, last = ms_to_iso(payload.start_ms), ms_to_iso(payload.end_ms)
        sub = f"{payload.n_claims} claims, events {first} to {last}" if first != last else f"{payload.n_claims} claims, events on {first}"
        if at_day:
            sub += f" · snapshot at {at_day.isoformat()}"
        ax.set_title(f"{title or 'Control claims'}\n", fontsize=13, fontweight="bold", loc="left")
        ax.text(0, 1.015, sub, transform=ax.transAxes, fontsize=8, color="#444")
        fig.text(0.99, 0.005, "Places: GeoNames (CC BY 4.0) · Boundaries: Natural Earth · frontmap",
                 ha="right", va="bottom", fontsize=6, color="#666")
        fig.tight_layout()
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=fmt, dpi=dpi)
    finally:
        plt.close(fig)
    log.info("wrote %s", path)
    return Path(path)

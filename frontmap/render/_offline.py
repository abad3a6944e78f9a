"""Self-contained HTML: inline every Leaflet/plugin script and stylesheet.

The pinned asset texts come from the ``folium-offline`` package (MIT licence;
it embeds Leaflet (BSD-2-Clause), leaflet.timeline, moment.js, jQuery, Bootstrap,
Leaflet.awesome-markers, Font Awesome Free CSS and MarkerCluster (all MIT) for
folium 0.20's exact CDN URLs).  Nothing is fetched from the network.
"""

from __future__ import annotations

import logging
import re

from frontmap.errors import FrontmapError

log = logging.getLogger(__name__)

_SCRIPT_RE = re.compile(r'<script\s+src="(https?://[^"]+)"\s*>\s*</script>', re.IGNORECASE)
_CSS_RE = re.compile(r'<link\s+rel="stylesheet"\s+href="(https?://[^"]+)"\s*/?>', re.IGNORECASE)

NOTICE = (
    "<!-- Self-contained map written by frontmap. Inlined third-party assets, those the page uses (from the "
    "folium-offline package, MIT): Leaflet 1.9.3 (BSD-2-Clause), leaflet.timeline 1.6.0 (MIT), moment.js 2.18.1 (MIT), "
    "jQuery 3.7.1 (MIT), Bootstrap 5.2.2 (MIT), Leaflet.awesome-markers 2.0.2 (MIT), "
    "Font Awesome Free 6.2.0 CSS (MIT), Bootstrap 3 glyphicons CSS (MIT), folium templates (MIT). -->\n"
)


class OfflineAssetError(FrontmapError, LookupError):
    """A script or stylesheet the map needs has no offline copy."""


def _assets() -> dict[str, str]:
    try:
        from offlinefolium.elements import _res  # noqa: PLC2701 - the package's asset table
    except ImportError as exc:
        raise OfflineAssetError(
            "--self-contained needs the 'folium-offline' package for the inlined Leaflet assets; "
            "install it with: pip install 'frontmap[offline]' (or pip install folium-offline==0.20.0.2)"
        ) from exc
    return _res


def inline_assets(page: str) -> str:
    """Replace every external ``<script src>``/stylesheet link in ``page`` by its inlined text.

    Raises
    ------
    OfflineAssetError
        If an asset has no offline copy (the message names the URL).
    """
    res = _assets()
    missing: list[str] = []

    def inline(tag: str):
        """A substitution that inlines the asset a <script src>/<link href> names as a <tag> element."""

        def sub(m: re.Match[str]) -> str:
            url = m.group(1)
            code = res.get(url)
            if code is None:
                missing.append(url)
                return m.group(0)
            return f"<{tag}>" + re.sub(f"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE) + f"</{tag}>"

        return sub

    out = _SCRIPT_RE.sub(inline("script"), page)
    out = _CSS_RE.sub(inline("style"), out)
    if missing:
        raise OfflineAssetError(
            "no offline copy of: " + ", ".join(sorted(set(missing)))
            + ". Remove the layer that needs it, or write the map without --self-contained."
        )
    out = out.replace("<!DOCTYPE html>", "<!DOCTYPE html>\n" + NOTICE, 1)
    log.debug("inlined assets; page is %d bytes", len(out))
    return out


# folium.Map always links these; a claims map uses none of them unless a user adds e.g. a folium.Icon
_AWESOME = ("Leaflet.awesome-markers", "fontawesome-free", "bootstrap-glyphicons", "leaflet.awesome.rotate")
_BOOTSTRAP = ("bootstrap@5", "bootstrap.bundle")
_JQUERY = ("jquery-3", "jquery.min.js")


def drop_unused_assets(page: str) -> str:
    """Remove folium's default jQuery/Bootstrap/awesome-markers links when nothing on the page uses them.

    Saves about 1.3 MB in a self-contained file and six requests online.
    Kept when the page calls ``L.AwesomeMarkers`` (folium.Icon), jQuery (``$(``,
    ``$.``, ``jQuery``) or Bootstrap (``bootstrap.``, ``data-bs-``, ``class="btn``).
    """
    links = _SCRIPT_RE.findall(page) + _CSS_RE.findall(page)
    body = _CSS_RE.sub("", _SCRIPT_RE.sub("", page))
    drop: set[str] = set()
    if "L.AwesomeMarkers" not in body:
        drop.update(u for u in links if any(k in u for k in _AWESOME))
    if not re.search(r"\$\(|\$\.|jQuery", body):
        drop.update(u for u in links if any(k in u for k in _JQUERY))
    if not re.search(r"bootstrap\.|data-bs-|class=\"[^\"]*\b(btn|navbar|card|container|row)\b", body):
        drop.update(u for u in links if any(k in u for k in _BOOTSTRAP))
    if not drop:
        return page

    def keep(m: re.Match[str]) -> str:
        return "" if m.group(1) in drop else m.group(0)

    return _CSS_RE.sub(keep, _SCRIPT_RE.sub(keep, page))

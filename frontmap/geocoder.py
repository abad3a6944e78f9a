"""A geopy-compatible geocoder over the offline gazetteer, and an opt-in online fallback.

:class:`OfflineGeocoder` has the shape of a geopy geocoder, so the usual geopy
tooling accepts it::

    from geopy.extra.rate_limiter import RateLimiter
    geocode = RateLimiter(OfflineGeocoder().geocode, min_delay_seconds=0)
    geopandas.tools.geocode(["Sudzha", "Pokrovsk"], provider=OfflineGeocoder)

Nothing here touches the network unless asked: :func:`online_geocode` (and
``OfflineGeocoder(online=True)``) fall back to OpenStreetMap Nominatim behind
geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`, with answers cached on disk.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from frontmap.gazetteer import Candidate, Gazetteer, Place, default_gazetteer

log = logging.getLogger(__name__)

__all__ = ["OfflineGeocoder", "online_geocode", "NOMINATIM_USER_AGENT"]

NOMINATIM_USER_AGENT = "frontmap (offline war-reporting geoparser; https://github.com/frontmap/frontmap)"


class OfflineGeocoder(Geocoder):
    """Geocode place names against frontmap's offline gazetteer, geopy style.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The gazetteer to use (default: :func:`frontmap.gazetteer.default_gazetteer`).
    country : str, optional
        Default country filter (ISO alpha-2) for every query.
    min_score : float
        Candidates scoring below this are not returned (fuzzy matches score < 0.45).
    online : bool
        Ask Nominatim (rate-limited, cached) when the gazetteer has no match.
    timeout, user_agent
        Accepted for geopy compatibility; only used by the online fallback.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        country: str | None = None,
        min_score: float = 0.0,
        online: bool = False,
        timeout: Any = DEFAULT_SENTINEL,
        user_agent: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(timeout=timeout, user_agent=user_agent or NOMINATIM_USER_AGENT, **kwargs)
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self.country = country
        self.min_score = min_score
        self.online = online
        self._country_names: dict[str, str] = {}

    def _country_name(self, cc: str) -> str:
        if cc not in self._country_names:
            try:
                self._country_names[cc] = self.gazetteer.get(f"cc:{cc}").name
            except KeyError:
                self._country_names[cc] = cc
        return self._country_names[cc]

    def _address(self, place: Place) -> str:
        parts = [place.name]
        if place.admin2 and place.kind in ("settlement", "airport", "facility"):
            parts.append(place.admin2)
        if place.admin1_name and place.admin1_name != place.name:
            parts.append(place.admin1_name)
        if place.kind != "country" and place.country:
            parts.append(self._country_name(place.country))
        return ", ".join(parts)

    def _location(self, cand: Candidate) -> Location:
        p = cand.place
        raw = {
            "place_id": p.place_id, "name": p.name, "lat": p.lat, "lon": p.lon, "kind": p.kind,
            "country": p.country, "admin1": p.admin1, "admin1_name": p.admin1_name, "admin2": p.admin2,
            "population": p.population, "source": p.source, "precision": p.precision,
            "feature_code": p.feature_code, "score": cand.score, "match": cand.match,
            "matched_name": cand.matched_name,
        }
        return Location(self._address(p), Point(p.lat, p.lon), raw)

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country: str | None = None,
        limit: int | None = None,
        near: tuple[float, float] | None = None,
        kinds: Any = None,
    ) -> Location | list[Location] | None:
        """Look a place name up.

        Parameters
        ----------
        query : str
            The place name (Latin or Cyrillic, any common spelling).
        exactly_one : bool
            Return the best :class:`geopy.location.Location` (or None) instead of a list.
        timeout
            Ignored offline (geopy signature).
        country : str, optional
            ISO alpha-2 code(s), comma-separated; overrides the instance default.
        limit : int, optional
            With ``exactly_one=False``: at most this many locations (default 10).
        near : (lat, lon), optional
            Prefer places near this point.
        kinds : iterable of str, optional
            Only these kinds of place.

        Returns
        -------
        geopy.location.Location, list of Location, or None
            ``location.raw`` holds the place fields plus ``score`` and ``match``.
        """
        if query is None or not str(query).strip():
            raise ValueError("query is empty; pass a place name such as 'Sudzha'")
        cands = self.gazetteer.candidates(str(query), country=country or self.country, near=near, kinds=kinds,
                                          limit=1 if exactly_one else (limit or 10))
        cands = [c for c in cands if c.score >= self.min_score]
        if not cands and self.online:
            loc = online_geocode(str(query), country=country or self.country)
            return loc if exactly_one or loc is None else [loc]
        if not cands:
            return None
        if exactly_one:
            return self._location(cands[0])
        return [self._location(c) for c in cands]

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        kinds: Any = ("settlement",),
        max_km: float | None = 50.0,
    ) -> Location | list[Location] | None:
        """The nearest settlement to a point, with its region in the address.

        Parameters
        ----------
        query : geopy Point, (lat, lon) tuple or "lat, lon" string
            The point.
        exactly_one : bool
            Return one Location rather than a one-element list.
        kinds : iterable of str, optional
            Kinds of place to consider (default settlements).
        max_km : float, optional
            None (no answer) when the nearest place is farther than this.
        """
        pt = Point(query)
        place = self.gazetteer.reverse(pt.latitude, pt.longitude, kinds=kinds, max_km=max_km)
        if place is None:
            return None
        loc = self._location(Candidate(place, 1.0, "exact", place.name))
        return loc if exactly_one else [loc]


# ---------------------------------------------------------------------------------------------
# online fallback (opt-in)

_CACHE_LOCK = threading.Lock()


def _cache_file() -> Path:
    base = os.environ.get("FRONTMAP_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "frontmap" / "nominatim.json"


def online_geocode(
    query: str,
    *,
    country: str | None = None,
    cache_path: str | os.PathLike[str] | None = None,
    user_agent: str = NOMINATIM_USER_AGENT,
    min_delay_seconds: float = 1.0,
) -> Location | None:
    """Ask OpenStreetMap Nominatim for a place (network; only when the user asked for it).

    Calls go through :class:`geopy.extra.rate_limiter.RateLimiter` (one per second,
    as Nominatim's usage policy asks) and answers, including "not found", are
    cached in a JSON file (``$FRONTMAP_CACHE`` or ``~/.cache/frontmap/nominatim.json``).

    Parameters
    ----------
    query : str
        The place name.
    country : str, optional
        ISO alpha-2 code(s) to restrict the search.
    cache_path : path, optional
        Cache file to use instead of the default.

    Returns
    -------
    geopy.location.Location or None
    """
    from geopy.exc import GeopyError
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    from frontmap._io import atomic_open

    path = Path(cache_path) if cache_path else _cache_file()
    key = f"{(country or '').upper()}|{query.strip().casefold()}"
    with _CACHE_LOCK:
        try:
            cache: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            cache = {}
        except ValueError:
            log.warning("ignoring unreadable geocoding cache %s", path)
            cache = {}
    if key in cache:
        hit = cache[key]
        return None if hit is None else Location(hit["address"], Point(hit["lat"], hit["lon"]), hit.get("raw") or {})
    nominatim = Nominatim(user_agent=user_agent)
    geocode = RateLimiter(nominatim.geocode, min_delay_seconds=min_delay_seconds, max_retries=2, swallow_exceptions=False)
    kwargs: dict[str, Any] = {"exactly_one": True}
    if country:
        kwargs["country_codes"] = [c.strip().lower() for c in country.split(",") if c.strip()]
    try:
        loc = geocode(query, **kwargs)
    except GeopyError as exc:
        log.warning("online geocoding of %r failed: %s", query, exc, exc_info=True)
        return None
    entry = None if loc is None else {"address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
                                      "raw": loc.raw if isinstance(loc.raw, dict) else {}}
    with _CACHE_LOCK:
        cache[key] = entry
        with atomic_open(path) as fh:
            json.dump(cache, fh, ensure_ascii=False)
    return loc

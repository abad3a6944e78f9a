"""frontmap: turn war reporting into maps.

The pipeline runs one way, one module per stage::

    articles -> mentions/resolve -> claims -> timeline/store -> query, render

Heavy libraries (geopandas, folium) load only when a function that needs them is
first used, so ``import frontmap`` and the ``frontmap geocode`` command start fast.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version as _metadata_version

try:
    __version__ = _metadata_version("frontmap")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

# public name -> module that defines it (imported on first attribute access)
_EXPORTS = {
    "FrontmapError": "frontmap.errors",
    "Gazetteer": "frontmap.gazetteer",
    "Place": "frontmap.gazetteer",
    "Candidate": "frontmap.gazetteer",
    "OfflineGeocoder": "frontmap.geocoder",
    "Article": "frontmap.articles",
    "read_articles": "frontmap.articles",
    "Mention": "frontmap.mentions",
    "find_places": "frontmap.mentions",
    "resolve": "frontmap.resolve",
    "Claim": "frontmap.claims",
    "extract": "frontmap.claims",
    "ClaimStore": "frontmap.store",
    "Claims": "frontmap.query",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'frontmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

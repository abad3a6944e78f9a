"""The frontmap error tree.

Every error frontmap raises on purpose is a :class:`FrontmapError`; leaves also
subclass the builtin that fits, so ``except ValueError`` keeps working.
Messages say what went wrong *and* what to do next.
"""

from __future__ import annotations


class FrontmapError(Exception):
    """Base class of every error frontmap raises on purpose."""


class GazetteerError(FrontmapError, OSError):
    """The gazetteer is missing, unreadable or of an unknown version."""


class PlaceNotFound(FrontmapError, LookupError):
    """A name matched no place; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()):
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no place named {name!r} in the gazetteer.{hint}")


class ArticleError(FrontmapError, ValueError):
    """An input article could not be read (empty, binary, undecodable, too big, bad header)."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class StoreError(FrontmapError, OSError):
    """The claim store is unreadable, locked, or written by an unknown schema version."""


class ValidationError(FrontmapError, ValueError):
    """A table does not meet a frontmap contract; the message lists every problem."""

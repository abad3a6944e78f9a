"""Read articles: plain text with a date header, JSON Lines, HTML, directories, stdin.

Every input becomes an :class:`Article` (id, text, publication date, provenance).
Bad input never passes silently: each problem is an :class:`~frontmap.errors.ArticleError`
naming the file and saying what is wrong.  With ``errors="skip"`` (the default) the
bad file is logged and skipped and the rest are read; pass a :class:`ReadReport` to
collect the skipped files.

Accepted shapes
---------------
* plain text whose first line is `` date YYYY-MM-DD`` (leading space optional), then a
  blank line and the text, or the text on the same line as the date;
* plain text without a header (the date is ``default_date`` or None);
* JSON Lines, one ``{"id", "date", "text"}`` object a line, optional ``url``, ``outlet``,
  ``title`` (files ending ``.jsonl``/``.ndjson``, or stdin starting with ``{``);
* HTML (``.html``/``.htm``, or text starting with ``<``): tags stripped, ``<script>`` and
  ``<style>`` dropped, entities unescaped, ``<title>`` kept as the title;
* a directory (read recursively in sorted order, hidden files and folders skipped);
* ``-`` for standard input.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Literal

from frontmap.errors import ArticleError

__all__ = ["Article", "ReadReport", "read_articles", "parse_text", "html_to_text"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5_000_000
#: Suffixes read when walking a directory (files named on the command line are always read).
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ""})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

# first line: " date 2025-03-13" (leading space optional), rest of line optional
_HEADER = re.compile(r"\A[ \t]?date[ \t]+(?P<token>\S+)[ \t]*(?P<rest>[^\n]*)(?:\n|\Z)")
_ISO_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its text and where/when it came from.

    Character offsets everywhere in frontmap (mentions, claims) index ``text``.
    """

    id: str
    text: str
    published: dt.date | None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass(slots=True)
class ReadReport:
    """What a :func:`read_articles` run read and skipped.

    Attributes
    ----------
    read : int
        Articles yielded.
    skipped : list of (source, problem)
        Inputs (files, or ``file:line`` for JSON Lines records) that were skipped.
    """

    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a log or a CLI footer."""
        if not self.skipped:
            return f"read {self.read} article(s)"
        return f"read {self.read} article(s), skipped {len(self.skipped)} bad input(s)"


def read_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    default_date: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    errors: Literal["skip", "raise"] = "skip",
    report: ReadReport | None = None,
) -> Iterator[Article]:
    """Read articles from files, directories or standard input.

    Parameters
    ----------
    paths : path or iterable of paths
        Files, directories (read recursively, sorted, hidden entries skipped) or ``"-"``
        for standard input.
    default_date : datetime.date, optional
        Publication date for articles that carry none.
    max_bytes : int
        Refuse files larger than this (checked before reading).
    errors : {"skip", "raise"}
        ``"skip"``: log a warning naming the file and its problem, record it in ``report``
        and go on; ``"raise"``: raise :class:`~frontmap.errors.ArticleError`.
    report : ReadReport, optional
        Filled in as the iterator runs: articles read and inputs skipped.

    Yields
    ------
    Article

    Raises
    ------
    ArticleError
        With ``errors="raise"``, on the first bad input.
    """
    if errors not in ("skip", "raise"):
        raise ValueError(f"errors must be 'skip' or 'raise', not {errors!r}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    report = report if report is not None else ReadReport()
    for raw in paths:
        for source in _expand(raw, errors=errors, report=report):
            try:
                for item in _read_source(source, default_date=default_date, max_bytes=max_bytes):
                    if isinstance(item, ArticleError):  # a bad record inside a good JSONL file
                        _skip(item, errors, report)
                        continue
                    report.read += 1
                    yield item
            except ArticleError as exc:
                _skip(exc, errors, report)


def _skip(exc: ArticleError, errors: str, report: ReadReport) -> None:
    if errors == "raise":
        raise exc
    log.warning("skipping %s", exc)
    report.skipped.append((exc.source, exc.problem))


def _expand(raw: str | os.PathLike[str], *, errors: str, report: ReadReport) -> Iterator[str | Path]:
    if str(raw) == "-":
        yield "-"
        return
    path = Path(raw)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path)
            if any(part.startswith(".") for part in rel.parts) or not child.is_file():
                continue
            if child.suffix.lower() not in ARTICLE_SUFFIXES:
                log.debug("not an article file, ignored: %s", child)
                continue
            yield child
    elif path.exists():
        yield path
    else:
        _skip(ArticleError(str(path), "no such file or directory; check the path"), errors, report)


def _read_source(
    source: str | Path, *, default_date: dt.date | None, max_bytes: int
) -> Iterator[Article | ArticleError]:
    if source == "-":
        name = "<stdin>"
        data = _read_capped(sys.stdin.buffer, name, max_bytes)
        stem, suffix = "stdin", ""
    else:
        path = Path(source)
        name = str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ArticleError(name, f"cannot read it ({exc.strerror}); check the path and permissions") from exc
        if size > max_bytes:
            raise ArticleError(
                name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; split it or raise max_bytes"
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ArticleError(name, f"cannot read it ({exc.strerror}); check the path and permissions") from exc
        stem, suffix = path.stem, path.suffix.lower()

    text = _decode(data, name)
    if not text.strip():
        raise ArticleError(name, "file is empty (no text after decoding); remove it or add the article text")
    if suffix in _JSONL_SUFFIXES or (not suffix and text.lstrip().startswith("{")):
        yield from _parse_jsonl(text, name, default_date=default_date)
    elif suffix in _HTML_SUFFIXES or (suffix not in {".txt", ".text", ".md"} and text.lstrip()[:1] == "<"):
        body, title = html_to_text(text)
        if not body.strip():
            raise ArticleError(name, "HTML file has no visible text; check that it is the article page")
        yield Article(id=stem, text=body, published=default_date, title=title, source=name)
    else:
        published, body = parse_text(text, name, default_date=default_date)
        if not body.strip():
            raise ArticleError(name, "file has a date header but no article text after it")
        yield Article(id=stem, text=body, published=published, source=name)


def _read_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArticleError(name, f"input is over the {max_bytes:,}-byte limit; split it or raise max_bytes")
    return data


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is reported, not guessed."""
    if not data:
        raise ArticleError(name, "file is empty (0 bytes); remove it or add the article text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as exc:
            raise ArticleError(name, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from exc
    if b"\x00" in data[:8192] or b"\x00" in data:
        raise ArticleError(name, "looks binary (contains NUL bytes); frontmap reads text, HTML or JSON Lines")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            name,
            f"is not valid UTF-8 (bad byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8, e.g. `iconv -f cp1251 -t utf-8`",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, source: str = "<text>", *, default_date: dt.date | None = None) -> tuple[dt.date | None, str]:
    """Split an optional `` date YYYY-MM-DD`` header off a plain-text article.

    Parameters
    ----------
    text : str
        The decoded file.
    source : str
        Name used in error messages.
    default_date : datetime.date, optional
        Returned when there is no header.

    Returns
    -------
    (date or None, body)
        The body is the text after the header: after the blank line, or the rest of
        the header line when the text follows the date on the same line.

    Raises
    ------
    ArticleError
        The first line is a date header whose date is not ``YYYY-MM-DD``.
    """
    m = _HEADER.match(text)
    if not m:
        return default_date, text
    token = m.group("token")
    if not any(ch.isdigit() for ch in token):
        return default_date, text  # prose that happens to start with "date ..."
    if not _ISO_DATE.match(token):
        raise ArticleError(source, f"malformed date header {token!r}; write the first line as ' date YYYY-MM-DD'")
    try:
        published = dt.date.fromisoformat(token)
    except ValueError as exc:
        raise ArticleError(source, f"date header {token!r} is not a real date ({exc})") from exc
    rest = m.group("rest")
    body = text[m.end():]
    if rest.strip():
        body = rest + ("\n" + body if body else "")
    else:
        body = body.lstrip("\n")
    return published, body


def _parse_date_field(value: object, where: str) -> dt.date:
    if isinstance(value, str):
        token = value.strip()
        try:
            return dt.date.fromisoformat(token[:10]) if len(token) >= 10 else dt.date.fromisoformat(token)
        except ValueError:
            pass
    raise ArticleError(where, f"date {value!r} is not an ISO date; write it as YYYY-MM-DD")


def _parse_jsonl(text: str, name: str, *, default_date: dt.date | None) -> Iterator[Article | ArticleError]:
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    seen = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen += 1
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleError(where, f"not valid JSON ({exc.msg}); each line must be one JSON object")
            continue
        if not isinstance(record, dict):
            yield ArticleError(where, "JSON line is not an object; expected {\"id\", \"date\", \"text\"}")
            continue
        body = record.get("text")
        if seen == 1 and "text" not in record:
            keys = ", ".join(sorted(map(str, record))[:6])
            raise ArticleError(name, f"JSON Lines records have no \"text\" field (keys: {keys}); not an articles file")
        if not isinstance(body, str) or not body.strip():
            yield ArticleError(where, "record has no \"text\" string; expected {\"id\", \"date\", \"text\"}")
            continue
        try:
            raw_date = record.get("date")
            published = default_date if raw_date in (None, "") else _parse_date_field(raw_date, where)
        except ArticleError as exc:
            yield exc
            continue
        ident = record.get("id")
        yield Article(
            id=str(ident) if ident not in (None, "") else f"{stem}:{lineno}",
            text=body,
            published=published,
            url=_opt_str(record.get("url")),
            outlet=_opt_str(record.get("outlet")),
            title=_opt_str(record.get("title")),
            source=where,
        )
    if not seen:
        raise ArticleError(name, "JSON Lines file has no records")


def _opt_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    _BLOCK = frozenset({
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "blockquote", "header", "footer", "figcaption", "pre", "hr", "dd", "dt",
    })

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text and title of an HTML page (stdlib parser; scripts and styles dropped).

    Returns
    -------
    (text, title or None)
        Paragraphs are separated by blank lines; runs of spaces are collapsed.
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    title = re.sub(r"\s+", " ", "".join(parser.title_parts)).strip() or None
    return "\n\n".join(paragraphs), title

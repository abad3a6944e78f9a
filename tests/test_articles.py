"""Reading articles: header styles, JSON Lines, HTML, directories, stdin, and every bad-input kind."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import sys

import pytest

from frontmap.articles import Article, ReadReport, html_to_text, parse_text, read_articles
from frontmap.errors import ArticleError

BODY = "Russian forces shelled Kostiantynivka overnight, the regional governor said."


def _one(path, **kw) -> Article:
    articles = list(read_articles(path, errors="raise", **kw))
    assert len(articles) == 1
    return articles[0]


def test_header_then_blank_line(tmp_path):
    f = tmp_path / "a1.txt"
    f.write_text(f" date 2024-10-02\n\n{BODY}\n", encoding="utf-8")
    art = _one(f)
    assert art.published == dt.date(2024, 10, 2)
    assert art.text.startswith("Russian forces")
    assert art.id == "a1"
    assert art.source == str(f)


def test_header_with_text_on_same_line(tmp_path):
    f = tmp_path / "same.txt"
    f.write_text(f" date 2025-03-13 {BODY}\n\nSecond paragraph.", encoding="utf-8")
    art = _one(f)
    assert art.published == dt.date(2025, 3, 13)
    assert art.text.startswith("Russian forces shelled")
    assert "Second paragraph." in art.text


def test_header_without_leading_space(tmp_path):
    f = tmp_path / "nospace.txt"
    f.write_text(f"date 2023-07-27\n\n{BODY}", encoding="utf-8")
    assert _one(f).published == dt.date(2023, 7, 27)


def test_plain_text_uses_default_date_or_none(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text(BODY, encoding="utf-8")
    assert _one(f).published is None
    assert _one(f, default_date=dt.date(2024, 1, 5)).published == dt.date(2024, 1, 5)
    assert _one(f).text == BODY


def test_prose_starting_with_word_date_is_not_a_header():
    published, body = parse_text("date palms grow along the Euphrates.")
    assert published is None and body.startswith("date palms")


def test_bom_and_crlf(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf date 2024-06-02\r\n\r\nTroops entered Vovchansk.\r\n")
    art = _one(f)
    assert art.published == dt.date(2024, 6, 2)
    assert art.text == "Troops entered Vovchansk.\n"


def test_cyrillic_text(tmp_path):
    f = tmp_path / "ru.txt"
    f.write_text(" date 2024-08-08\n\nВСУ вошли в Суджу Курской области.", encoding="utf-8")
    assert "Суджу" in _one(f).text


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Бахмут".encode("cp1251"), "not valid UTF-8"),
        (b" date 13/03/2025\n\nText.", "malformed date header"),
        (b" date 2025-02-30\n\nText.", "not a real date"),
        (b" date 2025-02-03\n\n", "no article text"),
    ],
)
def test_bad_inputs_raise_naming_the_file(tmp_path, content, needle):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        list(read_articles(f, errors="raise"))
    assert needle in str(info.value)
    assert str(f) in str(info.value)


def test_size_limit_checked(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(ArticleError, match="over the 1,000-byte limit"):
        list(read_articles(f, errors="raise", max_bytes=1000))
    assert len(list(read_articles(f, errors="raise", max_bytes=5000))) == 1


def test_missing_file(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        list(read_articles(tmp_path / "nope.txt", errors="raise"))


def test_jsonl_records(tmp_path):
    f = tmp_path / "feed.jsonl"
    rows = [
        {"id": "k1", "date": "2024-02-22", "text": "Troops left Avdiivka.", "url": "https://example.org/1",
         "outlet": "Example Wire", "title": "Withdrawal"},
        {"id": "k2", "date": "2024-02-23T10:00:00Z", "text": "Fighting near Lastochkyne."},
        {"date": None, "text": "Undated dispatch from Kherson."},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts = list(read_articles(f, errors="raise", default_date=dt.date(2024, 3, 1)))
    assert [a.id for a in arts] == ["k1", "k2", "feed:3"]
    assert arts[0].outlet == "Example Wire" and arts[0].url == "https://example.org/1"
    assert arts[0].title == "Withdrawal"
    assert arts[1].published == dt.date(2024, 2, 23)
    assert arts[2].published == dt.date(2024, 3, 1)


def test_jsonl_bad_record_skipped_rest_read(tmp_path, caplog):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "text": "Shelling in Nikopol."}\n{not json}\n{"id": "c", "text": "Drones over Sumy."}\n')
    report = ReadReport()
    with caplog.at_level(logging.WARNING):
        arts = list(read_articles(f, report=report))
    assert [a.id for a in arts] == ["a", "c"]
    assert report.skipped and report.skipped[0][0] == f"{f}:2"
    assert "not valid JSON" in caplog.text


def test_jsonl_without_text_field_is_one_error(tmp_path):
    f = tmp_path / "gold.jsonl"
    f.write_text('{"id": "x", "place": "Sudzha"}\n{"id": "y", "place": "Kursk"}\n')
    report = ReadReport()
    assert list(read_articles(f, report=report)) == []
    assert len(report.skipped) == 1 and "no \"text\" field" in report.skipped[0][1]


def test_html_strips_script_keeps_title(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>Fighting in Toretsk &amp; Pokrovsk</title>"
        "<style>p{color:red}</style></head><body>"
        "<script>var Moscow = 'not text';</script>"
        "<p>Ukrainian troops held positions in <b>Toretsk</b>&nbsp;on Friday.</p>"
        "<p>Shelling hit Kramatorsk &mdash; officials said.</p></body></html>",
        encoding="utf-8",
    )
    art = _one(f)
    assert art.title == "Fighting in Toretsk & Pokrovsk"
    assert "Moscow" not in art.text and "color" not in art.text
    assert "positions in Toretsk on Friday." in art.text
    assert "Kramatorsk \u2014 officials" in art.text
    assert "\n\n" in art.text


def test_html_to_text_paragraphs():
    text, title = html_to_text("<div>One<br>two</div><p>Three</p>")
    assert title is None
    assert text == "One two\n\nThree"


def test_directory_with_one_bad_file(tmp_path, caplog):
    (tmp_path / "b.txt").write_text(" date 2024-01-02\n\nStrikes on Odesa port.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Shelling of Kherson.", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.html").write_text("<p>Air raid alert in Lviv.</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Should not be read.", encoding="utf-8")
    hidden_dir = tmp_path / ".cache"
    hidden_dir.mkdir()
    (hidden_dir / "e.txt").write_text("Nor this.", encoding="utf-8")
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")
    report = ReadReport()
    with caplog.at_level(logging.WARNING):
        arts = list(read_articles(tmp_path, report=report))
    assert [a.id for a in arts] == ["a", "b", "d"]
    assert report.read == 3
    assert [s for s, _ in report.skipped] == [str(tmp_path / "c.txt")]
    assert "binary" in caplog.text and "c.txt" in caplog.text
    with pytest.raises(ArticleError, match="binary"):
        list(read_articles(tmp_path, errors="raise"))


def test_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(" date 2022-11-13\n\nRussian troops left Kherson city.".encode()))
    monkeypatch.setattr(sys, "stdin", fake)
    arts = list(read_articles("-", errors="raise"))
    assert len(arts) == 1
    assert arts[0].id == "stdin" and arts[0].published == dt.date(2022, 11, 13)
    assert arts[0].text.startswith("Russian troops")


def test_stdin_jsonl(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(b'{"id": "s1", "date": "2023-05-20", "text": "Bakhmut fell."}\n'))
    monkeypatch.setattr(sys, "stdin", fake)
    arts = list(read_articles(["-"], errors="raise"))
    assert arts[0].id == "s1" and arts[0].text == "Bakhmut fell."


def test_bad_errors_argument():
    with pytest.raises(ValueError):
        list(read_articles("x", errors="ignore"))

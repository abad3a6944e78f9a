"""Name keys: make the spellings war reporting uses for one place meet.

Two keys are derived from every name, at build time for the gazetteer and at
query time for the text:

* :func:`fold` -- the *folded* key: case, diacritics, apostrophes (’ ' ʼ ` and
  the soft/hard signs ь ъ), hyphens and spaces, and Cyrillic script (transliterated
  to Latin) all disappear.  ``"Кременчук"``, ``"Kremenchuk"`` and ``"kremen-chuk"``
  differ, but ``"Chasiv-Yar"``, ``"chasiv yar"`` and ``"Часів Яр"`` do not differ
  from their own folds of the gazetteer names.
* :func:`loose` -- the *translit* key: a lossy key on top of the folded one that
  lets Ukrainian and Russian romanisations of one Cyrillic name meet
  (Kupiansk/Kupyansk/Kupjansk, Avdiivka/Avdiyivka, Nikolayevo-Daryino/Nikolaevo-Darino).

:func:`split_region_suffix` recognises "Kursk Oblast", "the Donetsk region" or
"Pokrovsk raion" so the caller can look the stem up among regions.

This module is on the ``frontmap geocode`` start-up path: standard library only.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "loose", "keys", "translit_cyrillic", "strip_article", "split_region_suffix", "is_cyrillic",
           "similar_spelling"]

# Cyrillic -> Latin, one table for Russian and Ukrainian (and Belarusian) letters.
# The scheme only has to be consistent: gazetteer names and queries go through it alike.
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}
_CYR.update({k.upper(): v.capitalize() for k, v in list(_CYR.items())})
_CYR_TABLE = str.maketrans(_CYR)

# Latin letters that Unicode decomposition does not reduce to ASCII.
_LATIN_EXTRA = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
    "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n",
})

# apostrophes, primes and modifier letters that romanisations use for the soft sign
_APOSTROPHES = "'’‘`´ʼʹʻʽ′″\u02bc\u02b9\u0027\u2019\u00b4\u02c8\"“”"
_DROP_TABLE = str.maketrans("", "", _APOSTROPHES)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARTICLE = re.compile(r"^\s*the\s+", re.IGNORECASE)


def is_cyrillic(text: str) -> bool:
    """Whether ``text`` contains any Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


def translit_cyrillic(text: str) -> str:
    """Transliterate Cyrillic letters to Latin with frontmap's folding scheme.

    Parameters
    ----------
    text : str
        Any text; non-Cyrillic characters pass through unchanged.

    Returns
    -------
    str
        ``"Суджа"`` -> ``"Sudzha"``, ``"Часів Яр"`` -> ``"Chasiv Yar"``.
    """
    return text.translate(_CYR_TABLE)


def strip_article(text: str) -> str:
    """Drop a leading English article: ``"the Donetsk region"`` -> ``"Donetsk region"``."""
    return _ARTICLE.sub("", text, count=1)


def fold(text: str) -> str:
    """Fold a name to its matching key.

    Lower case; diacritics removed; apostrophes and soft/hard signs dropped;
    Cyrillic transliterated; every run of other characters (hyphens, dots,
    spaces) becomes one space.

    Parameters
    ----------
    text : str
        A place name as written (Latin or Cyrillic).

    Returns
    -------
    str
        The key, e.g. ``"Kup'yans'k"`` -> ``"kupyansk"``, ``"Chasiv-Yar"`` -> ``"chasiv yar"``.
        An empty string when nothing letter-like is left.
    """
    if text.isascii():  # fast path: most names in English text
        return _NON_ALNUM.sub(" ", text.translate(_DROP_TABLE).lower()).strip()
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_DROP_TABLE)
    if _CYRILLIC.search(text):
        text = text.translate(_CYR_TABLE)
    text = text.translate(_LATIN_EXTRA)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    return _NON_ALNUM.sub(" ", text).strip()


_DOUBLE = re.compile(r"([a-z])\1+")
_I_BETWEEN_VOWELS = re.compile(r"(?<=[aeou])i(?=[aeiou])")


def loose(key: str) -> str:
    """Reduce a folded key further so that romanisations of one name meet.

    Lossy on purpose and applied to both sides alike: ``j``/``y`` become ``i``,
    ``kh`` becomes ``h``, ``w`` becomes ``v``, doubled letters collapse, an ``i``
    between vowels disappears and ``ie`` becomes ``e``.  Used as a lower match
    tier than :func:`fold`.

    Parameters
    ----------
    key : str
        A key from :func:`fold`.

    Returns
    -------
    str
        e.g. ``"avdiyivka"``, ``"avdiivka"`` -> ``"avdivka"``; ``"kupjansk"``,
        ``"kupyansk"``, ``"kupiansk"`` -> ``"kupiansk"``.
    """
    s = key.replace("j", "y").replace("kh", "h").replace("w", "v").replace("y", "i")
    s = _DOUBLE.sub(r"\1", s)
    s = _I_BETWEEN_VOWELS.sub("", s)
    s = s.replace("ie", "e")
    return _DOUBLE.sub(r"\1", s)


def keys(text: str) -> tuple[str, str]:
    """Return ``(fold(text), loose(fold(text)))``."""
    f = fold(text)
    return f, loose(f)


# Words after a name that make it a region: "Kursk Oblast", "Donetsk region", "Pokrovsk raion".
_ADMIN1_WORDS = ("oblast", "oblasts", "oblasti", "region", "province", "krai", "kray", "republic", "state", "governorate", "voivodeship", "okrug")
_ADMIN2_WORDS = ("raion", "rayon", "district", "county", "hromada", "municipality")
_WATER_WORDS = ("river", "reservoir", "lake")
_SUFFIX = re.compile(r"^(?P<stem>.+?)[\s,]+(?P<word>" + "|".join(_ADMIN1_WORDS + _ADMIN2_WORDS + _WATER_WORDS) + r")\W*$",
                     re.IGNORECASE)


def split_region_suffix(text: str) -> tuple[str, str | None]:
    """Split a trailing region word off a name.

    Parameters
    ----------
    text : str
        A name as written, e.g. ``"the Kursk region"``.

    Returns
    -------
    tuple of (str, str or None)
        The stem and the level the word names: ``("Kursk", "admin1")`` for
        "Kursk Oblast", "Kursk region" or "the Kursk region"; ``("Pokrovsk",
        "admin2")`` for "Pokrovsk raion/district"; ``("Dnipro", "water")`` for
        "Dnipro river"; ``(text, None)`` otherwise.
    """
    text = strip_article(text.strip())
    # "oblast'" with the soft sign apostrophe
    m = _SUFFIX.match(text.rstrip("'’ʼ"))
    if not m:
        return text, None
    word = m.group("word").casefold()
    level = "admin1" if word in _ADMIN1_WORDS else "admin2" if word in _ADMIN2_WORDS else "water"
    return m.group("stem").strip(), level


def similar_spelling(alt: str, own: str) -> bool:
    """Whether an alternate name looks like a spelling of a place's own name (both folded):
    "warszawa" and "warsaw", "kiev" and "kyiv" do; a historical or colonial name that is also
    an English word or given name ("julia" for Plovdiv, "st james" for Vung Tau) does not.

    Examples
    --------
    >>> similar_spelling("warszawa", "warsaw"), similar_spelling("julia", "plovdiv")
    (True, False)
    """
    from rapidfuzz import fuzz

    return fuzz.ratio(alt, own) >= 60 or (len(alt) >= 4 and own.startswith(alt[:4]))

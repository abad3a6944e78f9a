"""Russian and Ukrainian case endings of place names: inflected form -> dictionary-form guesses.

War reporting in Russian and Ukrainian writes place names in whatever case the sentence
needs: "в Покровске", "біля Покровська", "под Авдеевкой", "у Часовому Яру", "к Великой
Новоселке".  The gazetteer knows the dictionary (nominative) forms.  This module guesses
them from the endings; it never decides that a guess is a place: :mod:`frontmap.mentions`
looks every guess up and the gazetteer decides.

The model, for both languages at once:

* noun endings of the three declensions and of plural names (Суми/Сумы: "у Сумах"),
  each tagged with the cases it can express (G genitive, D dative, A accusative,
  L locative, I instrumental);
* adjective endings (Великая/Велика, Новая/Нова, Кривой/Кривий, neuter village names in
  -ое/-е: Покровское/Покровське, Роботине) and possessive adjectives in -ов/-ев/-ин
  (Часов Яр: "Часова Яра", "Часовому Яру");
* consonant alternations: Ukrainian і in a closed last syllable is о/е in the other cases
  (Харків/Харкова, Ріг/Рогу, Часів/Часового, Миколаїв/Миколаєва), г/к/х become з/ц/с
  before -і (Розі, Новосілці), and the fleeting vowel of -ець/-ец/-ок (Кременець/Кременця);
* the case a preposition governs ("под" + instrumental, "біля" + genitive, "в" +
  locative or accusative), so that "в Покровском" (locative of the village Покровское)
  is not read as the instrumental of the city Покровск.

Standard library only.
"""

from __future__ import annotations

import functools
import itertools
import re

__all__ = ["CUES", "PREPOSITIONS", "town_from_adjective", "nominative_forms", "phrase_forms", "governed_cases", "is_adjective_form", "ALL_CASES"]

ALL_CASES = frozenset("NGDALI")

# (ending, replacements, cases the ending expresses) -- nouns
_NOUN_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # plural names (Суми/Сумы, Черкаси, Чернівці): "у Сумах", "до Чернівців", "над Сумами"
    ("ами", ("и", "ы", "і"), "I"), ("ями", ("і", "и"), "I"),
    ("ах", ("и", "ы", "і"), "L"), ("ях", ("і", "и"), "L"),
    ("ам", ("и", "ы", "і"), "D"), ("ям", ("і", "и"), "D"),
    ("ів", ("и", "і"), "G"), ("ов", ("ы", "и"), "G"),
    # -ець / -ец with the fleeting vowel (Кременець: Кременця, Кременцю, Кременцем, Кременці)
    ("цеві", ("ець",), "DL"), ("ця", ("ець",), "G"), ("цю", ("ець",), "D"), ("цем", ("ець",), "I"),
    ("ці", ("ка", "ець", "к"), "DL"),  # Новосілці, Кременці, Кременчуці
    ("ца", ("ец",), "G"), ("цу", ("ец",), "D"), ("цом", ("ец",), "I"), ("це", ("ец",), "L"),
    ("зі", ("га", "г"), "DL"), ("сі", ("ха", "х"), "DL"),  # Ризі, Розі; Пласі
    # -ок with the fleeting vowel (Городок: Городка, Городку, Городком, Городке)
    ("ка", ("ок",), "G"), ("ку", ("ок",), "DL"), ("ком", ("ок",), "I"), ("ке", ("ок",), "L"),
    # feminine -а/-я (Авдеевка, Балаклея, Керчь)
    ("ою", ("а",), "I"), ("ею", ("я", "а"), "I"), ("єю", ("я",), "I"),
    ("ой", ("а",), "I"), ("ей", ("я",), "I"), ("ёй", ("я",), "I"),
    ("ии", ("ия",), "GDL"), ("ії", ("ія",), "GDL"), ("ее", ("ея",), "DL"), ("еи", ("ея",), "G"),
    ("ї", ("я",), "GDL"),
    ("ю", ("я",), "A"), ("ю", ("ь", "й", "е"), "D"),
    ("у", ("а",), "A"), ("у", ("",), "GDL"), ("у", ("о",), "D"),
    ("и", ("а", "я"), "G"), ("и", ("ь",), "GDL"), ("ы", ("а",), "G"),
    ("е", ("а", "я"), "DL"), ("е", ("", "о", "ь", "й"), "L"),
    ("і", ("а", "я"), "GDL"), ("і", ("", "ь", "е", "о"), "L"),
    # masculine and neuter (Покровск/Покровськ, Бахмут, Мариуполь, Гуляйполе, Иваново)
    ("ові", ("",), "DL"), ("еві", ("ь", "й"), "DL"), ("єві", ("й",), "DL"),
    ("а", ("", "о"), "G"), ("я", ("ь", "й", "е"), "G"),
    ("ом", ("", "о"), "I"), ("ем", ("ь", "й", "е"), "I"), ("ём", ("ь",), "I"), ("єм", ("й",), "I"),
)
# adjectives (Великая/Велика, Кривой/Кривий, Покровское/Покровське, Роботине, Мирный/Мирний)
_ADJ_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("ого", ("ий", "ый", "ой", "ое", "е"), "GA"), ("ому", ("ий", "ый", "ой", "ое", "е"), "DL"),
    ("его", ("ий", "ее", "є"), "GA"), ("ему", ("ий", "ее", "є"), "DL"),
    ("ым", ("ый", "ое", "ой"), "I"), ("им", ("ий", "ое", "е"), "I"),
    ("ом", ("ий", "ый", "ой", "ое"), "L"), ("ем", ("ий", "ее"), "L"), ("ім", ("ий", "е"), "L"),
    ("ой", ("ая",), "GDLI"), ("ую", ("ая",), "A"), ("ою", ("ая", "а"), "I"),
    ("ої", ("а",), "G"), ("ій", ("а", "я"), "DL"), ("ей", ("яя",), "GDLI"), ("юю", ("яя",), "A"),
    ("у", ("а",), "A"),
)
# endings after which a stem in -ов/-ев/-ин is a possessive adjective's short form (Часов Яр):
# Ukrainian "Часового Яру", Russian "Часова Яра", "Часову Яру", "Часовым Яром", "Часовом Яре"
_POSSESSIVE_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("ого", ("",), "GA"), ("ому", ("",), "DL"), ("им", ("",), "I"), ("ім", ("",), "L"),
    ("а", ("",), "G"), ("у", ("",), "D"), ("ым", ("",), "I"), ("ом", ("",), "L"),
)
_POSSESSIVE_STEM = re.compile(r"(?:ов|ев|єв|ёв|ин|ін|ів|їв)$")
_VOWELS = frozenset("аеёиіїоуыэюяє")
# a word as written inside a phrase is in the nominative (or the accusative that equals it)
_AS_WRITTEN = frozenset("NA")
# letter sequences no Russian or Ukrainian word has: a guess holding one is dropped
_IMPOSSIBLE = re.compile(r"[кгх][яюыь]|[жшчщ][яюы]|[бвгґджзклмнпрстфхцчшщ]й|[аеёиіїоуыэюяєь]ь|[кгх]ы")
# Ukrainian і/ї in a closed last syllable alternates with о/е/є in the other cases
_ALTERNATION = re.compile(r"([оеє])([бвгґджзклмнпрстфхцчшщ])$")

# prepositions and the cases they govern (the case of the name after them)
_GOVERN: dict[str, str] = {}
for _words, _cases in (
    ("в во на", "LA"),
    ("у", "LAG"),  # Russian "у" + genitive (near), Ukrainian "у" = "в"
    ("при о об обо", "L"),
    (("из изо от ото до около возле близ вблизи вокруг из-под без для после кроме вдоль мимо среди "
      "севернее южнее западнее восточнее северо-западнее северо-восточнее юго-западнее юго-восточнее "
      "окрестностях окрестности районе окраинах окраине"), "G"),
    (("біля поблизу від з із зі до після навколо довкола серед край неподалік посеред вздовж повз "
      "північніше південніше західніше східніше околицях околиці околицями районі"), "G"),
    ("к ко", "D"),
    ("по", "DL"),
    ("под подо над надо за перед между меж", "IA"),
    ("під над за перед між поміж", "IA"),
    ("через сквозь про", "A"),
):
    for _w in _words.split():
        _GOVERN[_w] = "".join(sorted(set(_GOVERN.get(_w, "")) | set(_cases)))


PREPOSITIONS = frozenset(_GOVERN)

# words before a name that say it is a place: prepositions of place, what armies do to
# places, what a place is called ("село", "населенный пункт")
CUES = frozenset(
    """в во у на под під над за из изо от від з із зі до около возле близ вблизи вокруг біля поблизу
    навколо довкола неподалік к ко по через между між перед після после из-под севернее южнее западнее
    восточнее північніше південніше західніше східніше окрестностях околицях окраинах окраине околиці
    районе районі направлении напрямку сторону сторони боку окраин окраинам околиць подступах підступах
    освободили освобождено освобожден освобождён освобождена освободить освобождение взяли взят взята
    заняли занял заняла занято захватили захвачен захвачено штурмуют штурмовали атаковали атакуют
    обстреляли обстрел обстріл обстріляли ударили удар удары наступают наступление продвинулись
    продвижение вошли зашли отступили отошли оставили покинули держат удерживают контролируют
    окружили окружение звільнили звільнено звільнення звільнила захопили захоплено захопила
    окупували окупований окупованого зайняли зайнято штурмують штурмували атакували атакують
    обстрілюють наступають просунулися просування увійшли зайшли відступили відійшли залишили
    тримають утримують контролюють оточили оточення вдарили
    освободил освободила взял взяла захватил захватила атаковал атаковала атакует обстрелял обстреляла
    обстреливает обстреливают штурмует наступает продвинулся вошел вошёл вошла отступил отступила оставил
    звільнив звільнила захопив зайняв зайняла атакував атакувала атакує обстріляв обстріляла обстрілює
    штурмує наступає просунувся увійшов увійшла відступив відступила залишив вдарив вдарила
    село села селе селу селом селі поселок посёлок поселке посёлке поселка селище селища селищі
    город города городе городу місто міста місті місту деревня деревни деревне станица станицы
    пункт пункта пункте пунктом""".split()
)


def governed_cases(prev_word: str | None) -> frozenset[str]:
    """Cases a name can be in after ``prev_word`` (any case when it is no known preposition).

    Parameters
    ----------
    prev_word : str or None
        The word right before the name, as written.

    Returns
    -------
    frozenset of str
        Case letters: N nominative, G genitive, D dative, A accusative, L locative,
        I instrumental.
    """
    if not prev_word:
        return ALL_CASES
    cases = _GOVERN.get(prev_word.casefold())
    return ALL_CASES if cases is None else frozenset(cases)


def _apply(word: str, rules: tuple[tuple[str, tuple[str, ...], str], ...],
           out: dict[str, frozenset[str]], stem_shape: re.Pattern[str] | None = None) -> None:
    lower = word.casefold()
    for ending, repls, cases in rules:
        if not lower.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)]
        if len(stem) < 2 or not any(ch in _VOWELS for ch in stem.casefold()):
            continue
        if stem_shape is not None and not stem_shape.search(stem.casefold()):
            continue
        cset = frozenset(cases)
        for repl in repls:
            form = stem + repl
            out[form] = out.get(form, frozenset()) | cset


def _alternate(form: str) -> str | None:
    """The Ukrainian nominative of an oblique stem: Харков -> Харків, Рог -> Ріг, Миколаєв -> Миколаїв."""
    lower = form.casefold()
    m = _ALTERNATION.search(lower)
    if m is None or len(lower) < 3:
        return None
    vowel = "ї" if m.group(1) == "є" else "і"
    if form[-2].isupper():
        vowel = vowel.upper()
    return form[:-2] + vowel + form[-1]


@functools.lru_cache(maxsize=65536)
def nominative_forms(word: str, *, adjective: bool = True, noun: bool = True) -> tuple[tuple[str, frozenset[str]], ...]:
    """Dictionary-form guesses for one inflected Cyrillic word, with the cases each reading implies.

    Parameters
    ----------
    word : str
        One word as written ("Покровске", "Часовому", "Новосілці"); a hyphenated word
        ("Кам'янці-Дніпровській") is inflected part by part.
    adjective, noun : bool
        Which declensions to try.

    Returns
    -------
    tuple of (str, frozenset of str)
        Guesses (never the word itself), most regular first, each with the cases the
        ending expresses.  Only the gazetteer can say which, if any, is a place.
    """
    if "-" in word:
        parts = word.split("-")
        if len(parts) > 3:
            return ()
        options = []
        for p in parts:
            opts = [(p, ALL_CASES)] + [f for f in nominative_forms(p, adjective=adjective, noun=noun)]
            options.append(opts[:12])
        out_h: dict[str, frozenset[str]] = {}
        for combo in itertools.islice(itertools.product(*options), 1, 150):
            cases = functools.reduce(lambda a, b: a & b, (c for _, c in combo))
            if cases:
                form = "-".join(f for f, _ in combo)
                out_h[form] = out_h.get(form, frozenset()) | cases
        return tuple(out_h.items())
    if len(word) < 3:
        return ()
    out: dict[str, frozenset[str]] = {}
    if noun:
        _apply(word, _NOUN_RULES, out)
        # genitive plural with no ending: "из Сум", "до Черкас"
        if word[-1].casefold() not in _VOWELS and word[-1] not in "ьйЬЙ":
            for repl in ("ы", "и"):
                out.setdefault(word + repl, frozenset("G"))
    if adjective:
        _apply(word, _ADJ_RULES, out)
        _apply(word, _POSSESSIVE_RULES, out, _POSSESSIVE_STEM)
    for form, cases in list(out.items()):
        alt = _alternate(form)
        if alt is not None and alt not in out:
            out[alt] = cases
    out.pop(word, None)
    return tuple((f, c) for f, c in out.items() if len(f) >= 2 and not _IMPOSSIBLE.search(f.casefold()))


def phrase_forms(phrase: str, cases: frozenset[str] = ALL_CASES, *, limit: int = 160) -> list[tuple[str, frozenset[str]]]:
    """Dictionary-form guesses for an inflected name of one to three words.

    Words agree in case ("у Часовому Яру", "к Великой Новоселке"): a guess combines one
    reading per word and keeps the cases all of them share.  All but the last word are read
    as adjectives (Великая, Кривой, Часов), the last one as a noun or an adjective.

    Parameters
    ----------
    phrase : str
        Words separated by single spaces.
    cases : frozenset of str
        Cases the context allows (see :func:`governed_cases`).
    limit : int
        At most this many combinations are tried.

    Returns
    -------
    list of (str, frozenset of str)
        Guesses, not including the phrase itself, with the cases they imply (a subset of
        ``cases``).
    """
    words = phrase.split(" ")
    if len(words) > 3:
        return []
    options: list[list[tuple[str, frozenset[str]]]] = []
    for k, w in enumerate(words):
        last = k == len(words) - 1
        forms = nominative_forms(w, adjective=True, noun=last)
        options.append([(w, _AS_WRITTEN), *forms])
    out: dict[str, frozenset[str]] = {}
    for combo in itertools.islice(itertools.product(*options), 1, limit + 1):
        shared = functools.reduce(lambda a, b: a & b, (c for _, c in combo), cases)
        if not shared:
            continue
        form = " ".join(f for f, _ in combo)
        out[form] = out.get(form, frozenset()) | shared
    return list(out.items())


# adjectival endings of a word that is an adjective, not a name: plural adjectives (no
# settlement is called "Российские"), and adjectives formed from the name of a country or
# people in any form ("Украинская армия", "российских", "Українські", "Русские")
_PLURAL_ADJ = re.compile(r"(?:[ыи]е|[ыи]х|[ыи]ми|ські|цькі|зькі|ськими|цькими|ні)$")
_ADJ_ENDING = re.compile(r"(?:ий|ый|ой|ая|ое|ые|ие|ых|их|ым|им|ыми|ими|ого|ому|ом|ую|ою|ой|а|е|і|ої|ій|у|ім|ього|ьому)$")


def is_adjective_form(word: str, stems: frozenset[str]) -> bool:
    """Whether ``word`` is an adjective rather than a name.

    True for plural adjectival forms ("Российские", "Українські", "Военных") and for any
    adjectival form of a stem in ``stems`` ("Украинская", "российских", "Русский").

    Parameters
    ----------
    word : str
        One Cyrillic word.
    stems : frozenset of str
        Case-folded adjective stems ("украинск", "російськ") from the lexicon.

    Returns
    -------
    bool
    """
    low = word.casefold()
    if not _ADJ_ENDING.search(low):
        return False
    if any(low.startswith(s) for s in stems):
        return True
    m = _PLURAL_ADJ.search(low)
    if m is None:
        return False
    if m.group() == "ні":  # Ukrainian plural adjectives in -ні ("Збройні"); "Бородянні"? a noun is rarer
        return len(low) > 5
    return True


_TOWN_ADJ = re.compile(r"(?:ий|ый|ой|ая|ое|ого|ому|ом|ым|им|ім|ої|ій|ою|ую|ей|е|а|і|у)$")
_TOWN_SUFFIX = re.compile(r"(?:ськ|цьк|зьк|ск|цк|зк)$")


@functools.lru_cache(maxsize=8192)
def town_from_adjective(word: str) -> tuple[str, ...]:
    """Town names an adjective of a town can come from: "Покровском" -> Покровск, "Бахмутское" -> Бахмут.

    War reporting names fronts after towns ("на Покровском направлении", "на Лиманському
    напрямку").  The guesses cover towns in -ск/-ськ (the adjective keeps the suffix), towns
    that add it (Бахмут, Лиман, Херсон), towns in -о/-е/-ка/-ье/-жжя (Курахово/Курахове,
    Авдеевка, Запорожье/Запоріжжя) and the Ukrainian і/о alternation (Оріхів/Оріхівський).

    Parameters
    ----------
    word : str
        One adjective as written.

    Returns
    -------
    tuple of str
        Guesses; the gazetteer decides.
    """
    m = _TOWN_ADJ.search(word.casefold())
    if m is None:
        return ()
    stem = word[: len(word) - len(m.group())]
    s = _TOWN_SUFFIX.search(stem.casefold())
    if s is None or len(stem) - len(s.group()) < 3:
        return ()
    base = stem[: len(stem) - len(s.group())]
    out = [stem, base, base + "о", base + "е", base + "ка", base + "а", base + "ье"]
    if s.group() in ("зьк", "зк"):
        out += [base + "жжя", base + "жье"]
    if base.casefold().endswith("ж") and s.group() == "ск":
        out.append(base + "ье")
    alt = re.sub(r"([оеО])([бвгджзклмнпрстфхцчшщ])$", lambda mm: "і" + mm.group(2), base)
    if alt != base:
        out.append(alt)
    rev = re.sub(r"і([бвгджзклмнпрстфхцчшщ])$", lambda mm: "о" + mm.group(1), base)
    if rev != base:
        out += [rev + "е", rev + "о"]
    return tuple(dict.fromkeys(f for f in out if len(f) >= 3))

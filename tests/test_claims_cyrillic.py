"""Claims from Russian- and Ukrainian-language reporting.

The sentences are written for these tests in the shapes such reporting takes (Russian
defence-ministry bulletins, Ukrainian General Staff summaries, DeepState and Telegram
posts).  Most tests use hand-made places found by inflected spellings (no gazetteer), so
they exercise the claim lexicon and the claims stage alone; a few run the whole pipeline
on the shipped gazetteer.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from frontmap.articles import Article
from frontmap.claims import Claim, extract_article
from frontmap.gazetteer import Place
from frontmap.lexicon import _rx_heads, _rx_required, default_lexicon
from frontmap.mentions import Mention

PUBLISHED = dt.date(2025, 3, 13)  # a Thursday


def _place(pid: str, name: str, admin1: str, kind: str = "settlement", country: str = "UA") -> Place:
    return Place(
        place_id=pid, name=name, lat=48.0, lon=37.5, kind=kind, country=country, admin1=admin1, admin1_name=None,
        admin2=None, population=0, source="test", precision="point" if kind == "settlement" else "area",
        feature_code=None,
    )


ANDRIIVKA = _place("9101", "Andriivka", "UA.05")
POKROVSK = _place("9102", "Pokrovsk", "UA.05")
TORETSK = _place("9103", "Toretsk", "UA.05")
CHASIV_YAR = _place("9104", "Chasiv Yar", "UA.05")
VUHLEDAR = _place("9105", "Vuhledar", "UA.05")
KUPIANSK = _place("9106", "Kupiansk", "UA.07")
VOVCHANSK = _place("9107", "Vovchansk", "UA.07")
KHARKIV = _place("9108", "Kharkiv", "UA.07")
ROBOTYNE = _place("9109", "Robotyne", "UA.26")
MARIUPOL = _place("9110", "Mariupol", "UA.05")
HORLIVKA = _place("9111", "Horlivka", "UA.05")
SUDZHA = _place("9112", "Sudzha", "RU.41", country="RU")
DONETSK_OBLAST = _place("9113", "Donetsk Oblast", "UA.05", "admin1")
KURSK_OBLAST = _place("9114", "Kursk Oblast", "RU.41", "admin1", "RU")

# inflected spellings (Russian and Ukrainian stems) -> place
FORMS: dict[str, Place] = {
    r"Андреевк\w*|Андріївк\w*": ANDRIIVKA,
    r"Покровськ\w*|Покровск\w*": POKROVSK,
    r"Торецьк\w*|Торецк\w*": TORETSK,
    r"Часов\w* Яр\w*|Часів Яр": CHASIV_YAR,
    r"Вугледар\w*|Угледар\w*": VUHLEDAR,
    r"Куп[’']?янськ\w*|Купянск\w*": KUPIANSK,
    r"Вовчанськ\w*|Волчанск\w*": VOVCHANSK,
    r"Харків\w*|Харьков\w*": KHARKIV,
    r"Роботине|Работино": ROBOTYNE,
    r"Маріупол\w*|Мариупол\w*": MARIUPOL,
    r"Горлівк\w*|Горловк\w*": HORLIVKA,
    r"Судж\w*": SUDZHA,
    r"Донецьк\w* област\w*|Донецк\w* област\w*": DONETSK_OBLAST,
    r"Курськ\w* област\w*|Курск\w* област\w*": KURSK_OBLAST,
}


def _mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    for form, place in FORMS.items():
        for m in re.finditer(rf"(?<!\w)(?:{form})", text):
            level = "region" if place.kind == "admin1" else "settlement"
            out.append(Mention(m.start(), m.end(), m.group(0), place, 0.9, (), None, level))
    return sorted(out, key=lambda x: x.start)


def claims(text: str, published: dt.date | None = PUBLISHED) -> list[Claim]:
    art = Article(id="c1", text=text, published=published, outlet="Test Wire")
    return extract_article(art, mentions=_mentions(text))


def one(text: str, place: Place) -> Claim:
    got = [c for c in claims(text) if c.place_id == place.place_id]
    assert len(got) == 1, [(c.place, c.event, c.controller) for c in claims(text)]
    return got[0]


# ---------------------------------------------------------------- Russian MoD bulletins
def test_mod_liberated_by_grouping():
    c = one("Подразделения группировки войск «Центр» освободили населенный пункт Андреевка, "
            "сообщили в Минобороны России.", ANDRIIVKA)
    assert (c.event, c.controller, c.actor) == ("capture", "RU", "RU")
    assert c.claimant == "Минобороны России" and c.claimant_class == "ru_official"
    assert c.event_date == "2025-03-13" and c.date_basis == "article_date"


def test_mod_passive_participle_takes_the_claimants_side():
    c = one("В Минобороны России сообщили, что освобожден населенный пункт Андреевка.", ANDRIIVKA)
    assert (c.event, c.controller) == ("capture", "RU")
    assert c.claimant_class == "ru_official"


def test_southern_grouping_in_the_genitive_is_the_actor():
    c = one("В результате активных действий подразделений группировки «Южная» освобожден населенный пункт "
            "Андреевка.", ANDRIIVKA)
    assert (c.event, c.controller) == ("capture", "RU")


def test_oblast_that_locates_a_village_is_no_event_place():
    got = claims("Российские войска заняли Андреевку в Донецкой области, сообщили в Минобороны РФ.")
    assert [(c.place_id, c.event, c.controller) for c in got] == [(ANDRIIVKA.place_id, "capture", "RU")]


def test_ukrainian_genitive_oblast_is_no_event_place():
    got = claims("Українські військові звільнили Андріївку Донецької області, повідомили в Генштабі ЗСУ.")
    assert [(c.place_id, c.event, c.controller) for c in got] == [(ANDRIIVKA.place_id, "capture", "UA")]


def test_oblast_in_the_accusative_is_the_event_place():
    c = one("ВСУ вторглись в Курскую область, сообщил Герасимов.", KURSK_OBLAST)
    assert (c.event, c.controller, c.actor) == ("incursion", "UA", "UA")
    assert c.claimant == "Герасимов" and c.claimant_class == "ru_official"


def test_withdrawal_leaves_the_other_side():
    c = one("Украинские военные отошли из Торецка, заявил Конашенков.", TORETSK)
    assert (c.event, c.controller, c.actor) == ("withdrawal", "RU", "UA")
    assert c.claimant == "Конашенков"


def test_enemy_of_the_russian_ministry_is_ukraine():
    c = one("Противник отступил из Волчанска, заявил Конашенков.", VOVCHANSK)
    assert (c.event, c.controller, c.actor) == ("withdrawal", "RU", "UA")


def test_direction_is_no_event_place():
    assert claims("Российские войска продвинулись на Покровском направлении, сообщили в Минобороны России.") == []
    c = one("На Покровському напрямку окупанти штурмували Торецьк, повідомили в Генштабі.", TORETSK)
    assert (c.event, c.controller, c.claimant_class) == ("attack", "RU", "ua_official")


def test_holding_back_the_enemy_keeps_the_place():
    c = one("Сили оборони продовжують стримувати противника поблизу Суджі, повідомили в Генштабі.", SUDZHA)
    assert (c.event, c.controller, c.actor) == ("attack", "UA", "RU")


def test_denied_exit_is_a_negated_withdrawal():
    c = one("Украинская сторона опровергает информацию о выходе из Торецка.", TORETSK)
    assert (c.event, c.controller, c.actor, c.negated) == ("withdrawal", "RU", "UA", True)


def test_took_control_and_took():
    c = one("Российские войска взяли под контроль Торецк, заявили в Минобороны России.", TORETSK)
    assert (c.event, c.controller, c.trigger) == ("capture", "RU", "взяли под контроль")
    assert one("Российские войска взяли Торецк.", TORETSK).event == "capture"


def test_took_prisoner_is_no_capture():
    assert claims("Российские войска взяли в плен украинских военных под Торецком.") == []


def test_knocked_out_of_is_capture_by_the_subject():
    c = one("ВСУ выбили российских военных из Волчанска.", VOVCHANSK)
    assert (c.event, c.controller) == ("capture", "UA")


def test_advance_and_encirclement():
    c = one("Минобороны России сообщило, что российские подразделения продвинулись на окраины Покровска.", POKROVSK)
    assert (c.event, c.controller, c.claimant_class) == ("advance", "RU", "ru_official")
    c = one("Российская армия окружила Покровск, пишет Рыбар.", POKROVSK)
    assert (c.event, c.controller, c.claimant_class) == ("advance", "RU", "blogger")


def test_positions_near_a_town_are_an_advance():
    c = one("Российские войска заняли позиции под Покровском, сообщили в Минобороны России.", POKROVSK)
    assert (c.event, c.controller) == ("advance", "RU")
    c = one("Подразделения группировки «Север» улучшили положение в районе Волчанска.", VOVCHANSK)
    assert (c.event, c.controller) == ("advance", "RU")


def test_according_to_names_the_claimant():
    c = one("По данным Минобороны, российские военные вошли в Часов Яр.", CHASIV_YAR)
    assert (c.event, c.controller) == ("advance", "RU")
    assert c.claimant == "Минобороны" and c.claimant_class == "ru_official"


def test_as_reported_by_is_not_the_claimant_word():
    c = one("Как сообщает Генштаб ВСУ, российские войска атаковали Торецк.", TORETSK)
    assert (c.event, c.controller) == ("attack", "RU")
    assert c.claimant == "Генштаб ВСУ" and c.claimant_class == "ua_official"


# ---------------------------------------------------------------- Ukrainian General Staff, DeepState
def test_general_staff_repelled_attacks():
    c = one("Сили оборони відбили 12 атак окупантів у районі Покровська, повідомили в Генштабі ЗСУ.", POKROVSK)
    assert (c.event, c.controller, c.actor) == ("attack", "UA", "RU")
    assert c.claimant_class == "ua_official"


def test_enemy_of_the_general_staff_is_russia():
    c = one("Ворог штурмував Часів Яр, повідомили в Генштабі.", CHASIV_YAR)
    assert (c.event, c.controller, c.actor) == ("attack", "RU", "RU")


def test_ukrainian_withdrawal_with_a_purpose_clause():
    c = one("Сили оборони України вийшли з Вугледара, щоб уникнути оточення, повідомили в Генштабі ЗСУ.", VUHLEDAR)
    assert (c.event, c.controller, c.actor) == ("withdrawal", "RU", "UA")


def test_ukrainian_liberation():
    c = one("Українські військові звільнили Роботине.", ROBOTYNE)
    assert (c.event, c.controller) == ("capture", "UA")
    assert c.admin1 == "UA.26"


def test_deepstate_is_independent():
    c = one("Росіяни просунулися поблизу Торецька, повідомляє DeepState.", TORETSK)
    assert (c.event, c.controller, c.claimant_class) == ("advance", "RU", "independent")
    c = one("За даними аналітиків DeepState, окупанти захопили Покровськ.", POKROVSK)
    assert (c.event, c.controller, c.claimant_class) == ("capture", "RU", "independent")


def test_shelling_is_an_attack():
    c = one("Окупанти обстріляли Харків.", KHARKIV)
    assert (c.event, c.controller) == ("attack", "RU")
    c = one("Российские войска нанесли удар по Харькову.", KHARKIV)
    assert (c.event, c.controller) == ("attack", "RU")


# ---------------------------------------------------------------- status
@pytest.mark.parametrize(
    ("text", "place", "side"),
    [
        ("Населенный пункт Работино находится под контролем ВСУ.", ROBOTYNE, "UA"),
        ("Село Роботине перебуває під контролем Сил оборони.", ROBOTYNE, "UA"),
        ("Суджа находится под контролем российских войск, заявил Гладков.", SUDZHA, "RU"),
        ("Українські військові повністю контролюють Вовчанськ, заявив речник.", VOVCHANSK, "UA"),
        ("В окупованому Маріуполі пролунали вибухи.", MARIUPOL, "RU"),
    ],
)
def test_status(text, place, side):
    c = one(text, place)
    assert (c.event, c.controller) == ("other", side)


def test_temporarily_occupied_is_no_status():
    assert claims("У тимчасово окупованій Горлівці пролунали вибухи.") == []


# ---------------------------------------------------------------- hedges, denials, negation
def test_hedged_claims():
    c = one("Российские войска якобы вошли в Купянск, сообщают военкоры.", KUPIANSK)
    assert c.hedged and not c.negated and c.claimant_class == "blogger"
    c = one("Росіяни нібито захопили Часів Яр, але це не підтверджено.", CHASIV_YAR)
    assert (c.event, c.controller, c.hedged) == ("capture", "RU", True)
    assert not one("Росіяни захопили Часів Яр.", CHASIV_YAR).hedged


def test_denied_capture_keeps_the_claimed_controller():
    c = one("У Генштабі спростували заяви окупантів про захоплення Куп'янська.", KUPIANSK)
    assert (c.event, c.controller) == ("capture", "RU")
    assert c.negated and c.hedged and c.claimant_class == "ua_official"


def test_negated_event_word():
    c = one("ВСУ не отступали из Волчанска, заявили в Генштабе.", VOVCHANSK)
    assert (c.event, c.controller, c.negated) == ("withdrawal", "RU", True)
    assert not one("ВСУ отступали из Волчанска, заявили в Генштабе.", VOVCHANSK).negated


# ---------------------------------------------------------------- no control claim
@pytest.mark.parametrize(
    "text",
    [
        "Российские войска планируют захватить Покровск.",
        "Россияне хотят окружить Покровск до конца года.",
        "Росіяни будуть намагатися захопити Покровськ.",
        "Российские войска не смогли взять Торецк.",
        "Российские штурмовые группы находятся в Часовом Яре.",
        "Занятия в школах Харькова возобновились.",
        "Окружной суд Харькова вынес приговор.",
    ],
)
def test_no_claim(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Зеленский посетил позиции в районе Купянска.", KUPIANSK),
        ("Зеленський відвідав Харків і провів переговори з військовими.", KHARKIV),
        ("Сырский провел совещание в Харькове.", KHARKIV),
    ],
)
def test_visits_and_talks_are_mentions(text, place):
    got = [c for c in claims(text) if c.place_id == place.place_id]
    assert all(c.event == "mention" and c.controller is None for c in got)


# ---------------------------------------------------------------- the lexicon itself
@pytest.mark.parametrize(
    ("word", "event"),
    [
        ("заняли", "capture"), ("освобождён", "capture"), ("освобождение", "capture"), ("захватили", "capture"),
        ("зайняли", "capture"), ("звільнили", "capture"), ("захопили", "capture"), ("окупували", "capture"),
        ("отошли", "withdrawal"), ("отступили", "withdrawal"), ("відійшли", "withdrawal"), ("відступили", "withdrawal"),
        ("продвинулись", "advance"), ("просунулися", "advance"), ("вошли", "advance"), ("зайшли", "advance"),
        ("прорвались", "advance"), ("оточили", "advance"), ("атаковали", "attack"), ("штурмують", "attack"),
        ("обстреляли", "attack"), ("обстріляли", "attack"), ("вторглись", "incursion"), ("посетил", "mention"),
    ],
)
def test_event_words(word, event):
    found = default_lexicon().find_triggers(f"Войска {word} село")
    assert [t.event for t in found] == [event]


@pytest.mark.parametrize("word", ["занятия", "занятость", "штурмовики", "штурмовые", "окружающих", "окружной", "освоение", "атаман"])
def test_words_that_only_look_like_events(word):
    assert default_lexicon().find_triggers(f"Здесь {word} села") == []


def test_repelled_noun_sets_the_event():
    lex = default_lexicon()
    t = lex.find_triggers("ВСУ отразили попытку прорыва у села")[0]
    assert (t.mode, t.event, t.text) == ("repelled", "advance", "отразили попытку")
    (t,) = lex.find_triggers("все атаки отбиты")
    assert (t.mode, t.event) == ("repelled", "attack")


@pytest.mark.parametrize(
    ("phrase", "side"),
    [
        ("российские военные", "RU"), ("ВС РФ", "RU"), ("армии России", "RU"), ("оккупанты", "RU"), ("росіяни", "RU"),
        ("підрозділи угруповання військ «Центр»", "RU"), ("подразделения группировки «Восток»", "RU"),
        ("ВСУ", "UA"), ("ЗСУ", "UA"), ("Силы обороны Украины", "UA"), ("Сили оборони", "UA"),
        ("українські військові", "UA"), ("украинских военных", "UA"), ("Генштаб ЗСУ", "UA"),
        ("российские СМИ", None), ("русский язык", None),
    ],
)
def test_sides(phrase, side):
    assert default_lexicon().side_of(phrase) == side


def test_claimant_classes():
    lex = default_lexicon()
    assert lex.claimant_class("Минобороны России") == "ru_official"
    assert lex.claimant_class("Міноборони України") == "ua_official"
    assert lex.claimant_class("Генштаб ВСУ") == "ua_official"
    assert lex.claimant_class("военкор Рыбар") == "blogger"
    assert lex.claimant_class("Институт изучения войны") == "independent"


def test_cyrillic_words_keep_the_fast_paths():
    """Every rule with a Russian or Ukrainian pattern still has a word-start index, and the
    rules without one still need an ASCII word, so English text skips the new words."""
    lex = default_lexicon()
    for rule in lex._rules:
        if re.search("[\u0400-\u04ff]", rule.regex.pattern):
            assert rule.heads is not None, rule.regex.pattern[:80]
        if rule.heads is None:
            assert _rx_required(rule.regex), rule.regex.pattern[:80]
    for guard in lex._actor_guards[:2]:  # the two sides' names
        assert guard is not None and guard[1] is not None and _rx_heads(guard[1]) is not None
    assert _rx_required(lex._occupied)


# ---------------------------------------------------------------- the whole pipeline
@pytest.fixture(scope="module")
def gz():
    from frontmap.gazetteer import default_gazetteer

    return default_gazetteer()


def test_mod_statement_end_to_end(gz):
    text = ("Российские войска продвинулись под Покровском и заняли село Андреевка в Донецкой области, "
            "сообщили в Минобороны РФ.")
    got = extract_article(Article(id="ru1", text=text, published=dt.date(2025, 3, 10)), gazetteer=gz)
    assert got, "a Russian ministry statement gives claims"
    assert all(c.controller == "RU" and c.claimant_class == "ru_official" for c in got)
    assert all(c.kind != "admin1" for c in got)  # the oblast only locates the village
    assert any(c.name == "Pokrovsk" and c.event == "advance" for c in got)
    assert any(c.event == "capture" and c.admin1 == "UA.05" for c in got)


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("phrase", "value", "precision"),
    [
        ("6 августа", "2024-08-06", "day"),  # the most recent 6 August on or before publication
        ("10 березня 2025 року", "2025-03-10", "day"),
        ("5-го марта", "2025-03-05", "day"),
        ("в феврале", "2025-02", "month"),
        ("у травні 2024 року", "2024-05", "month"),
        ("в 2023 году", "2023", "year"),
        ("в понедельник", "2025-03-10", "day"),
        ("у п’ятницю", "2025-03-07", "day"),
        ("у четвер", "2025-03-13", "day"),  # published on a Thursday: that same day
        ("в ночь на среду", "2025-03-12", "day"),
        ("вчера", "2025-03-12", "day"),
        ("вчора", "2025-03-12", "day"),
        ("минувшей ночью", "2025-03-12", "day"),
        ("сегодня", "2025-03-13", "day"),
        ("вночі", "2025-03-13", "day"),
        ("за минулу добу", "2025-03-13", "day"),
        ("3 дня назад", "2025-03-10", "day"),
        ("на прошлой неделе", "2025-03-09", "range"),
        ("минулого тижня", "2025-03-09", "range"),
        ("в прошлом году", "2024", "year"),
    ],
)
def test_cyrillic_dates(phrase, value, precision):
    from frontmap.dates import parse_date

    got = parse_date(phrase, PUBLISHED)
    assert (got.value, got.precision) == (value, precision)


def test_earlier_is_an_undated_past():
    from frontmap.dates import find_dates

    (d,) = find_dates("Ранее ВСУ отошли из Торецка.", PUBLISHED)
    assert d.kind == "vague" and d.date.value is None


def test_event_date_from_a_cyrillic_weekday():
    c = one("В понедельник российские войска заняли Андреевку, сообщили в Минобороны России.", ANDRIIVKA)
    assert (c.event_date, c.date_basis) == ("2025-03-10", "explicit")
    c = one("Сили оборони звільнили Роботине 5 березня, повідомили в Генштабі.", ROBOTYNE)
    assert c.event_date == "2025-03-05"


def test_statement_date_of_a_cyrillic_report():
    c = one("Минобороны России сообщило вчера, что российские войска заняли Андреевку.", ANDRIIVKA)
    assert c.event_date == "2025-03-12"

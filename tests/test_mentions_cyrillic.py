"""Russian and Ukrainian place names in every case, in the shapes Russian/Ukrainian war reporting uses.

The sentences are written for these tests (ministry bulletins, general-staff summaries,
Telegram-style reports); they run against the shipped gazetteer.
"""

from __future__ import annotations

import pytest
from geopy.distance import great_circle

from frontmap import _cyrillic as cyr
from frontmap.mentions import find_places

# (lat, lon) of places the tests expect, from general knowledge (a town's centre, roughly)
WHERE = {
    "Pokrovsk": (48.28, 37.18), "Myrnohrad": (48.30, 37.26), "Avdiivka": (48.14, 37.75),
    "Chasiv Yar": (48.59, 37.84), "Toretsk": (48.40, 37.85), "Velyka Novosilka": (47.84, 36.83),
    "Vuhledar": (47.78, 37.25), "Kryvyi Rih": (47.91, 33.39), "Nova Kakhovka": (46.76, 33.37),
    "Robotyne": (47.45, 35.84), "Kharkiv": (49.99, 36.23), "Sumy": (50.91, 34.80),
    "Kursk": (51.73, 36.19), "Sudzha": (51.19, 35.27), "Mykolaiv": (46.97, 31.99),
    "Kreminna": (49.05, 38.22), "Kupiansk": (49.71, 37.62), "Kostiantynivka": (48.53, 37.71),
    "Kramatorsk": (48.74, 37.58), "Bakhmut": (48.60, 38.00), "Kherson": (46.64, 32.61),
    "Vovchansk": (50.29, 36.94), "Belgorod": (50.60, 36.59), "Kyiv": (50.45, 30.52),
    "Zaporizhzhia": (47.84, 35.14), "Kurakhove": (47.98, 37.28), "Siversk": (48.87, 38.10),
    "Lyman": (48.99, 37.81), "Kremenchuk": (49.07, 33.42), "Mariupol": (47.10, 37.55),
    "Orikhiv": (47.57, 35.78), "Huliaipole": (47.66, 36.26), "Dnipro": (48.46, 35.05),
}
KM = 15


@pytest.fixture(scope="module")
def gz():
    from frontmap.gazetteer import default_gazetteer

    return default_gazetteer()


def found(text, gz):
    return [(m.text, m.place) for m in find_places(text, gazetteer=gz)]


def assert_at(place, key):
    assert place is not None, f"{key}: unresolved"
    assert place.country == "UA" or key in ("Kursk", "Sudzha", "Belgorod"), (key, place)
    d = great_circle((place.lat, place.lon), WHERE[key]).km
    assert d < KM, f"{key}: resolved to {place.name} ({place.admin1}) {d:.0f} km away"


@pytest.mark.parametrize(
    "text, written, key",
    [
        # genitive: из / от / около / біля / поблизу / до / з боку / після
        ("Украинские военные отошли из Авдеевки, сообщает корреспондент.", "Авдеевки", "Avdiivka"),
        ("Бої тривають біля Покровська та Мирнограда.", "Покровська", "Pokrovsk"),
        ("ВСУ отступили от Угледара после двух лет обороны.", "Угледара", "Vuhledar"),
        ("Ворог намагався прорватися до Костянтинівки з боку Часового Яру.", "Костянтинівки", "Kostiantynivka"),
        ("Ворог намагався прорватися до Костянтинівки з боку Часового Яру.", "Часового Яру", "Chasiv Yar"),
        ("Бои у Часова Яра не прекращаются третью неделю.", "Часова Яра", "Chasiv Yar"),
        ("Штурмовики закрепились на западной окраине Торецка.", "Торецка", "Toretsk"),
        ("Після Вугледара противник тисне на Велику Новосілку.", "Велику Новосілку", "Velyka Novosilka"),
        ("Из Курска сообщают о сбитых беспилотниках.", "Курска", "Kursk"),
        ("Бои идут на подступах к Кременной и около Сиверска.", "Сиверска", "Siversk"),
        # dative: к / до / по
        ("Подразделения вышли к Великой Новоселке и Угледару.", "Великой Новоселке", "Velyka Novosilka"),
        ("Подразделения вышли к Великой Новоселке и Угледару.", "Угледару", "Vuhledar"),
        ("Ракетный удар по Кривому Рогу: есть погибшие.", "Кривому Рогу", "Kryvyi Rih"),
        ("Окупанти вдарили по Харкову керованими авіабомбами.", "Харкову", "Kharkiv"),
        ("Удар по Запорожью: повреждена инфраструктура.", "Запорожью", "Zaporizhzhia"),
        # locative: в / у / на
        ("В Покровске продолжаются уличные бои.", "Покровске", "Pokrovsk"),
        ("Бої тривають у Часовому Яру та поблизу Торецька.", "Часовому Яру", "Chasiv Yar"),
        ("Ситуація у Великій Новосілці залишається складною.", "Великій Новосілці", "Velyka Novosilka"),
        ("Вибухи пролунали у Кривому Розі близько опівночі.", "Кривому Розі", "Kryvyi Rih"),
        ("Взрывы прогремели в Новой Каховке, сообщают местные каналы.", "Новой Каховке", "Nova Kakhovka"),
        ("Сирени лунали в Харкові всю ніч.", "Харкові", "Kharkiv"),
        ("Повітряна тривога у Сумах триває дві години.", "Сумах", "Sumy"),
        ("Вибухи у Миколаєві: працює ППО.", "Миколаєві", "Mykolaiv"),
        ("Сили оборони утримують позиції у Вовчанську.", "Вовчанську", "Vovchansk"),
        ("В Мариуполе снова перебои с водой.", "Мариуполе", "Mariupol"),
        ("У Дніпрі пролунали вибухи.", "Дніпрі", "Dnipro"),
        # instrumental: под / під / за / між / над
        ("Под Авдеевкой продолжаются ожесточенные бои.", "Авдеевкой", "Avdiivka"),
        ("Бои идут в Покровске и под Мирноградом.", "Мирноградом", "Myrnohrad"),
        ("Ворог штурмує позиції під Кремінною.", "Кремінною", "Kreminna"),
        ("Між Покровськом і Мирноградом тривають запеклі бої.", "Покровськом", "Pokrovsk"),
        ("Над Кременчугом сбиты две ракеты.", "Кременчугом", "Kremenchuk"),
        ("Українські захисники відбили атаки під Кураховим.", "Кураховим", "Kurakhove"),
        ("За Бахмутом тепер укріплюють Костянтинівку.", "Бахмутом", "Bakhmut"),
        # accusative and nominative: заняли / звільнили / вошли в / на
        ("Российские войска заняли Покровск.", "Покровск", "Pokrovsk"),
        ("Сили оборони звільнили Роботине в Запорізькій області.", "Роботине", "Robotyne"),
        ("Враг отступил от Работино к Вербовому.", "Работино", "Robotyne"),
        ("Украинские подразделения вошли в Суджу.", "Суджу", "Sudzha"),
        ("Окупанти обстрілювали Велику Новосілку та Вугледар.", "Велику Новосілку", "Velyka Novosilka"),
        ("Росіяни наступають на Вовчанськ з боку Білгорода.", "Білгорода", "Belgorod"),
        ("Над Києвом збили всі ракети.", "Києвом", "Kyiv"),
        # a front named after its town
        ("На Покровском направлении противник атаковал 40 раз.", "Покровском", "Pokrovsk"),
        ("На Лиманському напрямку ворог активізувався.", "Лиманському", "Lyman"),
        ("На Оріхівському напрямку без змін.", "Оріхівському", "Orikhiv"),
    ],
)
def test_inflected_name_resolves(gz, text, written, key):
    got = dict(found(text, gz))
    assert written in got, f"{written!r} not found in {list(got)}"
    assert_at(got[written], key)


def test_locative_of_a_city_beats_a_village_spelled_like_it(gz):
    # "Покровске" is also how the village Pokrovske transliterates; the locative of the city wins
    (m,) = find_places("Бои идут в Покровске.", gazetteer=gz)
    assert m.place.name == "Pokrovsk" and m.place.population > 50_000


def test_a_village_named_in_the_nominative_keeps_its_name(gz):
    # "Покровське" is the village's own Ukrainian name: not a case form of the city Pokrovsk
    (m,) = find_places("Сили оборони звільнили Покровське.", gazetteer=gz)
    assert m.place.name == "Pokrovske" and m.place.population < 50_000


def test_locative_of_a_neuter_village_is_not_the_instrumental_of_the_city(gz):
    # "в Покровском" is the locative of the village Покровское; "под Покровском" the instrumental of the city
    (village,) = find_places("Обстановка в Покровском спокойная.", gazetteer=gz)
    (city,) = find_places("Тяжелые бои под Покровском.", gazetteer=gz)
    assert village.place.name == "Pokrovske"
    assert city.place.name == "Pokrovsk"


def test_context_picks_the_namesake_in_the_same_oblast(gz):
    text = ("Генштаб: протягом доби ворог 12 разів атакував позиції наших захисників поблизу "
            "Часового Яру, Андріївки та Іванівського.")
    got = found(text, gz)
    assert [w for w, _ in got] == ["Часового Яру", "Андріївки", "Іванівського"]
    assert {p.admin1 for _, p in got} == {"UA.05"}


def test_list_after_a_cue_keeps_small_villages(gz):
    text = "Враг продвинулся в районе Времевки и вышел к окраинам Великой Новоселки."
    got = found(text, gz)
    assert [w for w, _ in got] == ["Времевки", "Великой Новоселки"]
    assert all(p.admin1 == "UA.05" for _, p in got)


def test_settlement_followed_by_its_region_in_the_genitive(gz):
    text = ("Минобороны: подразделения группировки «Центр» освободили населенный пункт "
            "Новогродовка Донецкой Народной Республики.")
    got = found(text, gz)
    assert got[0][0] == "Новогродовка" and got[0][1].admin1 == "UA.05"
    assert got[1][0] == "Донецкой Народной Республики" and got[1][1].kind == "admin1"
    got = found("Бои идут у села Мартыновка Курской области.", gz)
    assert [(w, p.admin1) for w, p in got] == [("Мартыновка", "RU.41"), ("Курской области", "RU.41")]


def test_countries_and_oblast_nicknames(gz):
    got = found("Армия России наступает на Купянск.", gz)
    assert got[0][0] == "России" and got[0][1].kind == "country" and got[0][1].country == "RU"
    assert_at(got[1][1], "Kupiansk")
    ((_, place),) = found("На Донеччині тривають бої.", gz)
    assert place.kind == "admin1" and place.admin1 == "UA.05"


@pytest.mark.parametrize(
    "text",
    [
        "Российские войска продолжают наступление.",
        "Русские войска наступают.",
        "Українські військові утримують позиції.",
        "Украинская армия отступила.",
        "Сили оборони відбили атаку.",
        "Силы ПВО сбили ракету.",
        "Бои продолжаются.",
        "Бої тривають.",
        "Мир не наступит скоро, заявил он.",
        "Слава героям!",
        "Победа будет за нами.",
        "Перемога буде за нами.",
        "Надежда есть, сказал он.",
        "Сирени звучали всю ночь.",
        "Збройні сили зупинили ворога.",
        "Октябрь выдался тяжелым.",
        "Жовтень був важким.",
        "Владимир Путин провел совещание.",
        "Белый дом пообещал новую помощь.",
        "Морська піхота закріпилася на плацдармі.",
        "Командир батальона с позывным Ворон рассказал о боях.",
        "Об этом говорится в сводке. Тем временем работает артиллерия.",
    ],
)
def test_common_words_and_adjectives_are_no_places(gz, text):
    assert found(text, gz) == []


def test_adjective_named_village_before_a_verb_stays_a_place(gz):
    # "Белый дом" is an adjective and its noun; an adjective-shaped village before a verb is a place
    got = found("Южное обстреляли ночью, сообщили в ОВА.", gz)
    assert [w for w, _ in got][:1] == ["Южное"]
    got = found("Ворог знову обстріляв Урожайне.", gz)
    assert [w for w, _ in got] == ["Урожайне"] and got[0][1].country == "UA"
    ((_, place),) = found("Покровское направление остается самым горячим.", gz)
    assert_at(place, "Pokrovsk")


def test_people_are_not_places(gz):
    text = "Президент Украины Владимир Зеленский посетил Харьков. Зеленского встретил мэр Харькова Игорь Терехов."
    got = [w for w, _ in found(text, gz)]
    assert "Владимир" not in got and "Зеленский" not in got and "Зеленского" not in got
    assert "Харьков" in got and "Харькова" in got
    got = [w for w, _ in found("Сырский сообщил о ситуации под Покровском.", gz)]
    assert got == ["Покровском"]


def test_offsets_point_into_the_text(gz):
    text = "Бої тривають у Часовому Яру, біля Торецька і під Кураховим."
    ms = find_places(text, gazetteer=gz)
    assert len(ms) == 3
    for m in ms:
        assert text[m.start:m.end] == m.text


# --- the case model on its own ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Покровске", "Покровск"), ("Авдеевкой", "Авдеевка"), ("Харкова", "Харків"), ("Рогу", "Ріг"),
        ("Новосілці", "Новосілка"), ("Кременця", "Кременець"), ("Роботиного", "Роботине"),
        ("Миколаєва", "Миколаїв"), ("Сумах", "Суми"), ("Керчи", "Керчь"), ("Кураховим", "Курахове"),
    ],
)
def test_nominative_forms(word, expected):
    assert expected in [f for f, _ in cyr.nominative_forms(word)]


def test_phrase_forms_agree_in_case():
    forms = dict(cyr.phrase_forms("Часовому Яру", cyr.governed_cases("у")))
    assert "Часів Яр" in forms and "Часов Яр" in forms
    assert "Часовий Яру" not in forms  # an adjective left as written with a noun in the dative
    assert dict(cyr.phrase_forms("Великой Новоселке", cyr.governed_cases("к"))) == {
        "Великая Новоселка": frozenset("D")}


def test_preposition_governs_the_case():
    assert cyr.governed_cases("под") == frozenset("IA")
    assert cyr.governed_cases("біля") == frozenset("G")
    assert cyr.governed_cases("Під") == frozenset("IA")
    assert cyr.governed_cases("заявил") == cyr.ALL_CASES
    # the instrumental reading of "Покровском" is not offered after "в"
    assert "Покровск" not in dict(cyr.phrase_forms("Покровском", cyr.governed_cases("в")))
    assert "Покровск" in dict(cyr.phrase_forms("Покровском", cyr.governed_cases("под")))


def test_town_from_adjective():
    assert "Покровск" in cyr.town_from_adjective("Покровском")
    assert "Бахмут" in cyr.town_from_adjective("Бахмутское")
    assert "Запоріжжя" in cyr.town_from_adjective("Запорізькому")
    assert "Курахове" in cyr.town_from_adjective("Курахівському")


@pytest.mark.parametrize("word, adjective", [
    ("Российские", True), ("российских", True), ("Украинская", True), ("Українські", True),
    ("Збройні", True), ("Покровское", False), ("Украинск", False), ("Роботине", False), ("Авдеевка", False),
])
def test_adjective_forms(word, adjective):
    stems = frozenset({"российск", "украинск", "українськ", "русск"})
    assert cyr.is_adjective_form(word, stems) is adjective

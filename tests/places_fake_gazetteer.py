"""A tiny stand-in gazetteer for the mention and resolution tests (the contract's API, a few rows).

Coordinates are approximate public facts, written for these tests.
"""

from __future__ import annotations

from frontmap.gazetteer import Candidate, Place
from frontmap.normalize import fold, split_region_suffix


A1 = {
    "UA.05": "Donetsk Oblast", "UA.07": "Kharkiv Oblast", "UA.13": "Kyiv Oblast", "UA.14": "Luhansk Oblast",
    "UA.26": "Zaporizhzhia Oblast", "UA.04": "Dnipropetrovsk Oblast", "UA.12": "Kyiv City", "UA.21": "Sumy Oblast",
    "RU.41": "Kursk Oblast", "RU.48": "Moscow City", "RU.83": "Vladimir Oblast", "RU.63": "Sakha",
    "US.LA": "Louisiana", "US.VA": "Virginia", "US.NY": "New York", "EG.06": "Alexandria Governorate",
    "CZ.85": "Ustecky kraj", "US.GA": "Georgia", "UA.11": "Crimea", "GB.ENG": "England", "SA.10": "Riyadh Region",
}

# (id, name, lat, lon, kind, country, admin1, population, feature_code, aliases)
ROWS = [
    ("cc:UA", "Ukraine", 49.0, 32.0, "country", "UA", None, 41_000_000, "PCLI", ()),
    ("cc:RU", "Russia", 60.0, 90.0, "country", "RU", None, 144_000_000, "PCLI", ("Russian Federation",)),
    ("cc:US", "United States", 39.8, -98.6, "country", "US", None, 330_000_000, "PCLI", ("US", "U.S.", "USA")),
    ("cc:SA", "Saudi Arabia", 24.0, 45.0, "country", "SA", None, 34_000_000, "PCLI", ()),
    ("a1:UA.05", "Donetsk Oblast", 48.0, 37.8, "admin1", "UA", "UA.05", 4_100_000, "ADM1", ("Donetsk region",)),
    ("a1:UA.07", "Kharkiv Oblast", 49.6, 36.5, "admin1", "UA", "UA.07", 2_600_000, "ADM1", ()),
    ("a1:UA.13", "Kyiv Oblast", 50.3, 30.6, "admin1", "UA", "UA.13", 1_700_000, "ADM1", ()),
    ("a1:UA.14", "Luhansk Oblast", 48.7, 39.2, "admin1", "UA", "UA.14", 2_100_000, "ADM1", ()),
    ("a1:UA.26", "Zaporizhzhia Oblast", 47.4, 35.8, "admin1", "UA", "UA.26", 1_600_000, "ADM1", ()),
    ("a1:RU.41", "Kursk Oblast", 51.7, 36.2, "admin1", "RU", "RU.41", 1_100_000, "ADM1", ("Курская область",)),
    ("a1:US.LA", "Louisiana", 31.0, -92.0, "admin1", "US", "US.LA", 4_600_000, "ADM1", ()),
    ("a1:US.VA", "Virginia", 37.5, -78.8, "admin1", "US", "US.VA", 8_600_000, "ADM1", ()),
    ("1", "Donetsk", 48.0159, 37.8028, "settlement", "UA", "UA.05", 900_000, "PPLA", ()),
    ("2", "Kharkiv", 49.9935, 36.2304, "settlement", "UA", "UA.07", 1_400_000, "PPLA", ()),
    ("3", "Zaporizhzhia", 47.8388, 35.1396, "settlement", "UA", "UA.26", 700_000, "PPLA", ()),
    ("4", "Kursk", 51.7373, 36.1874, "settlement", "RU", "RU.41", 440_000, "PPLA", ()),
    ("5", "Sudzha", 51.1919, 35.2708, "settlement", "RU", "RU.41", 5_000, "PPL", ()),
    ("6", "Pokrovsk", 48.2819, 37.1758, "settlement", "UA", "UA.05", 60_000, "PPLA2", ("Krasnoarmeysk",)),
    ("7", "Pokrovsk", 61.4833, 129.15, "settlement", "RU", "RU.63", 9_000, "PPL", ()),
    ("8", "Andriivka", 48.4980, 37.9620, "settlement", "UA", "UA.05", 300, "PPL", ()),  # south of Bakhmut
    ("9", "Andriivka", 49.5300, 36.6300, "settlement", "UA", "UA.07", 2_500, "PPL", ()),
    ("10", "Andriivka", 50.4100, 29.9000, "settlement", "UA", "UA.13", 1_800, "PPL", ()),
    ("11", "Mykolaivka", 48.8500, 38.1000, "settlement", "UA", "UA.14", 400, "PPL", ()),
    ("12", "Mykolaivka", 48.3700, 37.6000, "settlement", "UA", "UA.05", 15_000, "PPL", ()),
    ("13", "Bakhmut", 48.5956, 37.9999, "settlement", "UA", "UA.05", 70_000, "PPLA2", ("Artemivsk",)),
    ("14", "Chasiv Yar", 48.5866, 37.8353, "settlement", "UA", "UA.05", 12_000, "PPL", ()),
    ("15", "Velyka Novosilka", 47.8434, 36.8368, "settlement", "UA", "UA.05", 5_000, "PPL", ()),
    ("16", "Kramatorsk", 48.7305, 37.5563, "settlement", "UA", "UA.05", 150_000, "PPLA2", ()),
    ("17", "Vladimir", 56.1290, 40.4070, "settlement", "RU", "RU.83", 350_000, "PPLA", ()),
    ("18", "Most", 50.5030, 13.6362, "settlement", "CZ", "CZ.85", 66_000, "PPLA2", ()),
    ("19", "Alexandria", 31.3113, -92.4451, "settlement", "US", "US.LA", 47_000, "PPLA2", ()),
    ("20", "Alexandria", 38.8048, -77.0469, "settlement", "US", "US.VA", 150_000, "PPLA2", ()),
    ("21", "Alexandria", 31.2001, 29.9187, "settlement", "EG", "EG.06", 3_800_000, "PPLA", ()),
    ("22", "Moscow", 55.7522, 37.6156, "settlement", "RU", "RU.48", 10_000_000, "PPLC", ()),
    ("23", "Kyiv", 50.4547, 30.5238, "settlement", "UA", "UA.12", 2_800_000, "PPLC", ("Kiev",)),
    ("24", "New York", 40.7143, -74.006, "settlement", "US", "US.NY", 8_000_000, "PPL", ()),
    ("25", "York", 53.9576, -1.0827, "settlement", "GB", "GB.ENG", 150_000, "PPL", ()),
    ("26", "Dnipro", 48.4500, 34.9833, "settlement", "UA", "UA.04", 970_000, "PPLA", ()),
    ("27", "Dnipro River", 46.5, 32.3, "water", "UA", None, 0, "STM", ()),
    ("28", "Donbas", 48.2, 38.5, "area", "UA", None, 0, "RGN", ("Donbass",)),
    ("oa:UUWW", "Vnukovo International Airport", 55.5915, 37.2615, "airport", "RU", "RU.48", 0, None,
     ("Vnukovo airport", "Vnukovo-2")),
    ("29", "Zaporizhzhia Nuclear Power Plant", 47.5119, 34.5858, "facility", "UA", "UA.26", 0, None,
     ("Zaporizhzhia nuclear plant", "Zaporizhzhia NPP")),
    ("30", "Riyadh", 24.6877, 46.7219, "settlement", "SA", "SA.10", 4_200_000, "PPLC", ()),
    ("31", "Sumy", 50.9216, 34.8003, "settlement", "UA", "UA.21", 260_000, "PPLA", ()),
    ("32", "Robotyne", 47.4436, 35.8377, "settlement", "UA", "UA.26", 500, "PPL", ()),
    ("33", "Toretsk", 48.3979, 37.8474, "settlement", "UA", "UA.05", 30_000, "PPL", ("Dzerzhinsk",)),
    ("a1:US.GA", "Georgia", 32.75, -83.5, "admin1", "US", "US.GA", 10_000_000, "ADM1", ()),
    ("cc:GE", "Georgia", 42.0, 43.5, "country", "GE", None, 3_700_000, "PCLI", ()),
    ("35", "Macon", 32.8407, -83.6324, "settlement", "US", "US.GA", 150_000, "PPLA2", ()),
    ("36", "Adam", 22.38, 57.53, "settlement", "OM", "OM.01", 20_000, "PPL", ()),
    ("37", "Schreck", 50.0, 4.0, "settlement", "BE", "BE.VLG", 800, "PPL", ()),
    ("38", "Kovalivka", 48.9, 37.3, "settlement", "UA", "UA.05", 200, "PPL", ()),
    ("39", "Dominican Republic", 19.0, -70.7, "country", "DO", None, 10_000_000, "PCLI", ("DOM",)),
    ("40", "Kostiantynopolske", 47.86, 37.28, "settlement", "UA", "UA.05", 400, "PPL", ()),
    ("41", "Kurakhove", 47.98, 37.28, "settlement", "UA", "UA.05", 18_000, "PPL", ()),
    ("a1:UA.11", "Autonomous Republic of Crimea", 45.0, 34.0, "admin1", "UA", "UA.11", 2_000_000, "ADM1", ("Crimea",)),
    ("42", "Lyman", 48.9901, 37.8084, "settlement", "UA", "UA.05", 20_066, "PPL", ()),
    ("43", "Lyman", 49.4500, 36.9500, "settlement", "UA", "UA.07", 4_008, "PPL", ()),
    ("34", "Dzerzhinsk", 56.2376, 43.4599, "settlement", "RU", "RU.51", 230_000, "PPLA2", ()),
]


class FakeGazetteer:
    """The subset of :class:`frontmap.gazetteer.Gazetteer` that mentions/resolve use."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.by_key: dict[str, list[tuple[Place, str]]] = {}
        for pid, name, lat, lon, kind, cc, a1, pop, fcode, aliases in ROWS:
            p = Place(pid, name, lat, lon, kind, cc, a1, A1.get(a1) if a1 else None, None, pop, "test",
                      "area" if kind in ("admin1", "country", "area", "water") else "point", fcode)
            self.places[pid] = p
            for n in (name, *aliases):
                self.by_key.setdefault(fold(n), []).append((p, n))
        self.calls = 0

    def candidates(self, name, *, country=None, near=None, kinds=None, limit=10, fuzzy=True):
        self.calls += 1
        key = fold(name)
        hits = list(self.by_key.get(key, []))
        if not hits:
            stem, level = split_region_suffix(name)
            if level:
                hits = [(p, n) for p, n in self.by_key.get(fold(stem), []) if p.kind in ("admin1", "admin2")]
                hits += [(p, n) for p, n in self.by_key.get(fold(stem) + " oblast", [])]
        out = [Candidate(p, 1.0 if n == name else 0.95, "exact" if n == name else "folded", n) for p, n in hits]
        if kinds:
            out = [c for c in out if c.place.kind in kinds]
        if country:
            out = [c for c in out if c.place.country == country]
        out.sort(key=lambda c: -c.place.population)
        return out[:limit]

    def get(self, place_id):
        return self.places[place_id]

    def admin1(self, code):
        return self.places["a1:" + code]

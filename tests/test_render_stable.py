"""The same claims give the same map file (example maps and reports can be diffed)."""

from __future__ import annotations

import re

from frontmap import render
from render_factory import claim, claims_gdf


def _page(tmp_path, rows, name):
    return render.to_html(claims_gdf(rows), tmp_path / name).read_text(encoding="utf-8")


def test_same_claims_same_file(tmp_path):
    rows = [claim(), claim(place="Lyman", name="Lyman", lat=48.99, lon=37.81, claim_id="c2", controller="UA",
                       actor="UA", event="capture", claimant="General Staff", claimant_class="ua_official")]
    a, b = _page(tmp_path, rows, "a.html"), _page(tmp_path, rows, "b.html")
    assert a == b
    assert re.search(r"map_[0-9a-f]{32}", a)


def test_other_claims_other_map_name(tmp_path):
    a = _page(tmp_path, [claim()], "a.html")
    b = _page(tmp_path, [claim(controller="UA", actor="UA")], "b.html")
    name = re.compile(r"\bmap_[0-9a-f]{32}\b")
    assert set(name.findall(a)) != set(name.findall(b))

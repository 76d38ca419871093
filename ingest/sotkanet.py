"""Client for THL's Sotkanet REST API 1.1 (what it relies on: docs/ARCHITECTURE.md section 5) and the mapping of
its answers to our indicator rows, descriptions and sources.

THL asks that the API be used for batch downloads, not for live queries: every answer is cached to a file, requests
are paced, and a run either fetches everything it needs or changes nothing. The merged figures carry the
attribution THL requires: THL and Sotkanet.fi as the source (registry row `thl_sotkanet`), and per indicator its
producing organisation and update date (a row `thl_sotkanet_<id>` written to data/raw/updates/sources.csv).
"""
import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from domain import COUNTRY

BASE_URL = "https://sotkanet.fi/rest/1.1"
USER_AGENT = "SONet-BOTNIA-dashboard/1.0 (batch download for a social welfare leadership dashboard; python-urllib)"
SOURCE_ID = "thl_sotkanet"
LICENCE = "CC BY 4.0"


@dataclass(frozen=True)
class Known:
    """A Sotkanet indicator we start with: its id there, our code, and which direction is better."""

    sotkanet_id: int
    code: str
    better: str
    what: str


# Ids as public sources tie them to titles (docs/ARCHITECTURE.md section 5); the titles are fetched, never typed.
STARTERS = {
    "social_assistance": Known(493, "social_assistance_recipients_pct", "lower",
                               "Toimeentulotukea saaneet henkilöt vuoden aikana, % asukkaista"),
    "low_income": Known(3099, "low_income_rate_pct", "lower", "Kunnan yleinen pienituloisuusaste"),
    "morbidity": Known(244, "thl_morbidity_index", "lower",
                       "THL:n sairastavuusindeksi, ikävakioitu (the legacy series; 5641 and 3064 are both said to be "
                       "the newer one: check /indicators/5641 and /indicators/3064 when online)"),
}
# Asked for, but no public source we have ties them to a Sotkanet id: the command says so instead of guessing.
NOT_KNOWN = {
    "child_protection": "child protection placements outside the home (lastensuojelu, kodin ulkopuolelle sijoitetut)",
    "aged_75": "share of people aged 75 and over (the dashboard has it from Paavo 2018 as aged_75_plus_pct)",
}
UNITS = {"PROS": "pct", "PER1000": "per_1000", "PER10000": "per_10000", "PER100000": "per_100000",
         "EUR": "eur", "EUROA": "eur", "LKM": "persons", "HLO": "persons", "INDEKSI": "index", "IND": "index"}
CATEGORY_LEVEL = {"KUNTA": "municipality", "MAAKUNTA": "region", "MAA": "country"}


class SotkanetError(Exception):
    """Fetching failed; `kind` is offline, refused, timeout, server or malformed. Nothing has been written."""

    def __init__(self, kind, message):
        self.kind = kind
        super().__init__(message)


@dataclass
class Client:
    """HTTP GET with a proper User-Agent, a timeout, retries with exponential backoff, a pause between requests,
    and a file cache: an answer already in the cache is not asked for again (unless `refresh`)."""

    base_url: str = BASE_URL
    cache_dir: Path | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0
    pause: float = 1.0
    refresh: bool = False
    sleep: object = time.sleep
    clock: object = time.monotonic
    fetched: dict = field(default_factory=dict)
    requests: int = 0
    _last: float | None = None

    def url(self, path, params):
        """The full address of a request (repeated parameters for lists, as the API expects)."""
        query = urllib.parse.urlencode(params, doseq=True)
        return f"{self.base_url.rstrip('/')}/{path}" + (f"?{query}" if query else "")

    def get(self, name, path, params=()):
        """The decoded JSON answer of one request, from the cache file `name` when there is one."""
        cached = Path(self.cache_dir) / name if self.cache_dir else None
        if name in self.fetched:
            body = self.fetched[name]
        elif cached is not None and cached.exists() and not self.refresh:
            body = cached.read_bytes()
        else:
            body = self._fetch(self.url(path, list(params)))
        try:
            answer = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise SotkanetError("malformed", f"{self.url(path, list(params))} did not answer with JSON") from None
        self.fetched[name] = body
        return answer

    def _wait_turn(self):
        """Keep at least `pause` seconds between two requests."""
        if self._last is not None:
            rest = self.pause - (self.clock() - self._last)
            if rest > 0:
                self.sleep(rest)
        self._last = self.clock()

    def _fetch(self, url):
        """One GET with retries on timeouts, dropped connections, 429 and 5xx; 4xx answers are not retried."""
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
        failure = None
        for attempt in range(self.retries):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_turn()
            self.requests += 1
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                if exc.code == 429 or exc.code >= 500:
                    failure = SotkanetError("server", f"{url} answered HTTP {exc.code} ({exc.reason})")
                    continue
                hint = " (Sotkanet refuses requests without a proper User-Agent)" if exc.code == 403 else ""
                raise SotkanetError("refused", f"{url} answered HTTP {exc.code} ({exc.reason}){hint}") from None
            except TimeoutError:
                failure = SotkanetError("timeout", f"{url} did not answer within {self.timeout:g} s")
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                    failure = SotkanetError("timeout", f"{url} did not answer within {self.timeout:g} s")
                else:
                    failure = SotkanetError("offline", f"cannot connect to {self.base_url} ({exc.reason})")
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                failure = SotkanetError("offline", f"the connection to {self.base_url} failed ({exc})")
        raise failure

    def save(self):
        """Write every answer of this run to the cache folder (only called once the whole run has succeeded)."""
        if not self.cache_dir:
            return
        folder = Path(self.cache_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for name, body in self.fetched.items():
            tmp = folder / f".{name}.tmp"
            tmp.write_bytes(body)
            tmp.replace(folder / name)


def _require(ok, what):
    """Stop with a clear message when an answer does not have the documented shape."""
    if not ok:
        raise SotkanetError("malformed", f"unexpected answer from Sotkanet: {what}")


def regions(client):
    """GET /regions: a list of {id, code, category, title{fi,sv,en}}."""
    answer = client.get("regions.json", "regions")
    _require(isinstance(answer, list), "/regions is not a list")
    for item in answer:
        _require(isinstance(item, dict) and isinstance(item.get("id"), int) and isinstance(item.get("code"), str)
                 and isinstance(item.get("category"), str), f"/regions item {str(item)[:80]}")
    return answer


def indicator(client, sotkanet_id):
    """GET /indicators/{id}: titles, unit, decimals, producing organisation, update date."""
    answer = client.get(f"indicator_{sotkanet_id}.json", f"indicators/{sotkanet_id}")
    _require(isinstance(answer, dict) and answer.get("id") == sotkanet_id, f"/indicators/{sotkanet_id} id")
    title = answer.get("title")
    _require(isinstance(title, dict) and all(isinstance(title.get(lang), str) and title[lang].strip()
                                             for lang in ("fi", "sv", "en")), f"/indicators/{sotkanet_id} title")
    organisation = answer.get("organization")
    _require(isinstance(organisation, dict) and isinstance(organisation.get("title"), dict)
             and organisation["title"].get("fi"), f"/indicators/{sotkanet_id} organization")
    _require(isinstance(answer.get("decimals", 0), int), f"/indicators/{sotkanet_id} decimals")
    return answer


def data(client, sotkanet_id, years):
    """GET /json for one indicator and years, totals only: rows {indicator, region, year, gender, value}."""
    name = f"json_{sotkanet_id}_{min(years)}-{max(years)}_{len(years)}y.json"
    answer = client.get(name, "json", [("indicator", sotkanet_id), *[("years", y) for y in years],
                                       ("genders", "total")])
    _require(isinstance(answer, list), f"/json?indicator={sotkanet_id} is not a list")
    for item in answer:
        _require(isinstance(item, dict) and isinstance(item.get("region"), int) and isinstance(item.get("year"), int),
                 f"/json?indicator={sotkanet_id} row {str(item)[:80]}")
    return answer


def area_codes(region_list, areas):
    """Sotkanet region id -> our area code, for municipalities, regions (maakunnat) and the whole country."""
    known = {level: set(areas.loc[areas["level"] == level, "code"]) for level in ("municipality", "region")}
    countries = [r for r in region_list if r["category"] == "MAA"]
    mapping = {}
    for item in region_list:
        level = CATEGORY_LEVEL.get(item["category"])
        if level in known and item["code"] in known[level]:
            mapping[item["id"]] = item["code"]
        elif level == "country" and (len(countries) == 1 or item.get("title", {}).get("fi") == "Koko maa"):
            mapping[item["id"]] = COUNTRY
    return mapping


def code_for(sotkanet_id):
    """Our indicator code: the starter's name, else sotkanet_<id>."""
    for known in STARTERS.values():
        if known.sotkanet_id == sotkanet_id:
            return known.code
    return f"sotkanet_{sotkanet_id}"


def better_for(sotkanet_id):
    """Which direction is better, where we have decided it; neutral otherwise."""
    return next((k.better for k in STARTERS.values() if k.sotkanet_id == sotkanet_id), "neutral")


def unit_for(meta):
    """Our unit for Sotkanet's primaryValueType code (an unknown code is shown as a plain value)."""
    code = str((meta.get("primaryValueType") or {}).get("code", "")).upper()
    if code in UNITS:
        return UNITS[code]
    return "index" if "indeksi" in meta["title"]["fi"].lower() else "value"


def describe(meta):
    """Our indicator_meta row for a Sotkanet indicator."""
    return {"indicator": code_for(meta["id"]), **{f"name_{lang}": " ".join(meta["title"][lang].split())
                                                   for lang in ("fi", "sv", "en")},
            "unit": unit_for(meta), "decimals": str(int(meta.get("decimals", 1))), "better": better_for(meta["id"]),
            "aggregation": "as_published", "source_label": "",
            "method": f"As published by THL Sotkanet, indicator {meta['id']} ({BASE_URL}/indicators/{meta['id']}); "
                      "the dashboard computes nothing from it."}


def attribution(meta):
    """The source row naming the indicator's producing organisation and its update date, as THL asks."""
    sotkanet_id = meta["id"]
    org = {lang: " ".join(str(meta["organization"]["title"].get(lang) or meta["organization"]["title"]["fi"])
                          .split()) for lang in ("fi", "sv", "en")}
    updated = str(meta.get("data-updated") or "")
    return {"source_id": f"{SOURCE_ID}_{sotkanet_id}",
            "title_fi": f"Sotkanet-indikaattori {sotkanet_id}, tiedontuottaja: {org['fi']}, päivitetty {updated}",
            "title_sv": f"Sotkanet-indikator {sotkanet_id}, dataproducent: {org['sv']}, uppdaterad {updated}",
            "title_en": f"Sotkanet indicator {sotkanet_id}, data producer: {org['en']}, updated {updated}",
            "producer": org["fi"] if org["fi"] == org["en"] else f"{org['fi']} / {org['en']}", "licence": LICENCE,
            "url": f"{BASE_URL}/indicators/{sotkanet_id}", "updated": updated,
            "raw_files": "updates/indicators.csv"}


@dataclass
class Fetched:
    """What one run brings: figures, descriptions and sources in our formats, and what was left out and why."""

    rows: pd.DataFrame
    meta: pd.DataFrame
    sources: pd.DataFrame
    left_out: dict


def fetch(client, ids, years, areas):
    """Regions, then each indicator's description and figures; mapped to our codes. Raises SotkanetError."""
    region_list = regions(client)
    mapping = area_codes(region_list, areas)
    all_regions = {r["id"] for r in region_list}
    rows, metas, sources = [], [], []
    left_out = {"unknown_region": 0, "other_area": 0, "no_value": 0, "other_gender": 0}
    for sotkanet_id in ids:
        meta = indicator(client, sotkanet_id)
        metas.append(describe(meta))
        sources.append(attribution(meta))
        for item in data(client, sotkanet_id, years):
            reason = None
            if item.get("gender", "total") != "total":
                reason = "other_gender"
            elif item["region"] not in all_regions:
                reason = "unknown_region"
            elif item["region"] not in mapping:
                reason = "other_area"
            elif not isinstance(item.get("value"), (int, float)) or isinstance(item.get("value"), bool):
                reason = "no_value"
            if reason:
                left_out[reason] += 1
                continue
            rows.append({"area_code": mapping[item["region"]], "year": item["year"],
                         "indicator": code_for(sotkanet_id), "value": float(item["value"]),
                         "source": f"{SOURCE_ID};{SOURCE_ID}_{sotkanet_id}"})
    return Fetched(pd.DataFrame(rows, columns=["area_code", "year", "indicator", "value", "source"]),
                   pd.DataFrame(metas), pd.DataFrame(sources), left_out)


def as_csv(rows):
    """The fetched rows as an upload file, so they pass through exactly the same check as an editor's upload."""
    return rows.to_csv(index=False, lineterminator="\n").encode("utf-8")


def parse_ids(text):
    """Indicator ids from '493,3099' or starter names ('social_assistance'); unknown names say what is missing."""
    ids, unknown = [], []
    for part in filter(None, (p.strip() for p in text.split(","))):
        if part.isdigit():
            ids.append(int(part))
        elif part in STARTERS:
            ids.append(STARTERS[part].sotkanet_id)
        elif part in NOT_KNOWN:
            unknown.append(f"{part}: the Sotkanet id of {NOT_KNOWN[part]} is not known; look it up on sotkanet.fi "
                           "and pass the number")
        else:
            unknown.append(f"{part}: not a number nor one of {', '.join([*STARTERS, *NOT_KNOWN])}")
    return list(dict.fromkeys(ids)), unknown


def parse_years(text, this_year):
    """'2015-2023' or '2019,2021' -> sorted years; none after this year."""
    years = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise ValueError(f"{part!r} is not a year or a range of years")
        years.update(range(int(first), int(last or first) + 1))
    if not years or max(years) > this_year or min(years) < 1990:
        raise ValueError(f"years must lie between 1990 and {this_year}")
    return sorted(years)

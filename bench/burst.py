"""A burst of ballots against running servers: phones already open, everyone sends within a couple of seconds.

Each phone is a protocol-level client of the ballot page (ui/ballot_page.py): it has loaded the page (and its
token) once, and sends its ballot as the form's HTTP POST. A shared screen (the Priorities page over Streamlit's
own protocol, its live results rerun by their own interval as the browser would) watches the ballot count
meanwhile, so the bench also says how far the screen lags behind.
The ballots are synthetic (random top 5s, generated here) and go to a throw-away round.
"""
import asyncio
import os
import random
import statistics
import time
from dataclasses import dataclass, field

import httpx

from bench.stclient import StreamlitClient
from locales import translate

LANG = "fi"
WINDOW_S = 2.0
LOADERS = 4


@dataclass
class Burst:
    """What one burst measured: per ballot, its send time and seconds to acknowledgement (None if refused)."""

    sent: list = field(default_factory=list)
    waits: list = field(default_factory=list)
    acked_at: list = field(default_factory=list)
    screen: list = field(default_factory=list)
    load: tuple = ()

    def acknowledged(self):
        """The waits of acknowledged ballots."""
        return [w for w in self.waits if w is not None]

    def screen_lags(self):
        """For each acknowledged ballot, seconds until some shared screen showed a count that includes it."""
        order = sorted(t for t in self.acked_at if t is not None)
        lags = []
        for rank, acked in enumerate(order, start=1):
            seen = [t for t, count in self.screen if count >= rank and t >= acked - 10]
            lags.append(min(seen) - acked if seen else float("inf"))
        return lags


def choices(rng):
    """A random top 5 (synthetic)."""
    return rng.sample(range(1, 12), 5)


async def phone(url, code, rng):
    """A phone with the light ballot page open: it has already loaded the page (and its token cookie) once."""
    http = httpx.AsyncClient(timeout=120)
    page = await http.get(f"{url}/ballot", params={"round": code, "lang": LANG})
    page.raise_for_status()
    token = page.headers["x-voter"]

    async def vote():
        data = {"round": code, "lang": LANG, "voter": token, "name": ""}
        data.update({f"place{p}": str(a) for p, a in enumerate(choices(rng), start=1)})
        try:
            answer = await http.post(f"{url}/ballot", data=data)
        except (httpx.ReadError, httpx.RemoteProtocolError):
            # The server closed the idle keep-alive connection (uvicorn: after 5 s); a browser sends again on a
            # new one, and so does this phone (the wait includes it).
            answer = await http.post(f"{url}/ballot", data=data)
        return answer.status_code == 200 and answer.headers.get("x-ballot") == "stored"

    return http, vote


async def shared_screen(url, burst):
    """The Priorities page with the open round: every ballot count it shows, with the time."""
    label = translate(LANG, "vote.ballots")
    screen = StreamlitClient(url, "priorities", f"lang={LANG}")
    screen.listeners.append(lambda kind, proto: kind == "metric" and proto.label == label and
                            burst.screen.append((time.perf_counter(), int(proto.body))))
    await screen.connect()
    await screen.rerun()
    return screen


async def run_burst(urls, code, clients, seed=2019, settle_s=8.0, on_start=None):
    """Open `clients` phones spread over the servers, then each sends one ballot at a random moment within WINDOW_S
    while one shared screen per server watches; returns the Burst."""
    rng = random.Random(seed)
    burst = Burst()
    gate = asyncio.Semaphore(LOADERS)

    async def open_phone(i):
        async with gate:
            return await phone(urls[i % len(urls)], code, random.Random(seed + i))

    phones = await asyncio.gather(*(open_phone(i) for i in range(clients)))
    screens = [await shared_screen(url, burst) for url in urls]
    stop = asyncio.Event()
    followers = [asyncio.create_task(s.follow_auto_reruns(stop)) for s in screens]
    offsets = sorted(rng.uniform(0, WINDOW_S) for _ in range(clients))
    if on_start is not None:
        on_start()
    load_before = os.getloadavg()[0]
    start = time.perf_counter()

    async def send(offset, vote):
        await asyncio.sleep(offset)
        sent = time.perf_counter()
        ok = await vote()
        done = time.perf_counter()
        burst.sent.append(sent - start)
        burst.waits.append(done - sent if ok else None)
        burst.acked_at.append(done if ok else None)

    await asyncio.gather(*(send(o, vote) for o, (_, vote) in zip(offsets, phones)))
    burst.load = (load_before, os.getloadavg()[0])
    await asyncio.sleep(settle_s)
    stop.set()
    await asyncio.gather(*followers, return_exceptions=True)
    for http, _ in phones:
        await http.aclose()
    for screen in screens:
        await screen.close()
    return burst


def describe(burst, stored):
    """One line of figures: median and max wait, how many acknowledged and stored, the screens' lag."""
    waits = burst.acknowledged()
    lags = burst.screen_lags()
    final = max((count for _, count in burst.screen), default=0)
    return (f"{len(burst.waits)} ballots sent within {max(burst.sent):.2f} s: acknowledged {len(waits)}, "
            f"wait median {statistics.median(waits):.2f} s, p95 {sorted(waits)[int(0.95 * len(waits)) - 1]:.2f} s, "
            f"max {max(waits):.2f} s; stored {stored}; shared screen lag median {statistics.median(lags):.2f} s, "
            f"max {max(lags):.2f} s, last count shown {final}; machine load (1 min) {burst.load[0]:.1f} before, "
            f"{burst.load[1]:.1f} after")


def burst(urls, code, clients, on_start=None):
    """run_burst from synchronous code; on_start() is called just before the first ballot leaves."""
    return asyncio.run(run_burst(urls, code, clients, on_start=on_start))

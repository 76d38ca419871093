"""What a phone downloads and waits for before it can vote, in Chromium on a throttled network (Fast 3G).

The network is DevTools' "Fast 3G" preset (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up) set through the
Chrome DevTools Protocol (Network.emulateNetworkConditions) with the cache empty. Transfer size is the bytes that
crossed the wire (Network.loadingFinished's encodedDataLength, headers included, websocket frames not); time to
interactive is from the navigation until the ballot's send button can be pressed.
"""
import time

from bench.measure import CHROMIUM, CHROMIUM_ARGS

FAST_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
PHONE = {"width": 360, "height": 740}


def measure(browser, url, ready_selector):
    """(bytes transferred, seconds until `ready_selector` is visible and enabled) for one cold page load."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", FAST_3G)
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=180_000)
    button = page.locator(ready_selector).first
    button.wait_for(state="visible", timeout=180_000)
    while not button.is_enabled():
        page.wait_for_timeout(20)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(1500)
    total = sum(received)
    context.close()
    return total, seconds


def phone_pages(base, code, runs=3):
    """Median bytes and seconds of the ballot page for one round, opened directly (the QR code's link) and through
    an old link to /vote (one redirect more)."""
    from playwright.sync_api import sync_playwright

    pages = {"ballot page (/ballot, the QR code's link)": f"{base}/ballot?round={code}",
             "old link to /vote (redirected to /ballot)": f"{base}/vote?round={code}"}
    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, url in pages.items():
            runs_of = sorted((measure(browser, url, 'button[type="submit"]') for _ in range(runs)),
                             key=lambda figures: figures[1])
            out[name] = runs_of[len(runs_of) // 2]
        browser.close()
    return out

"""Static chart images through kaleido, which drives the system's Chromium (never a downloaded browser)."""
import shutil
import threading
import warnings
from pathlib import Path

import plotly.io as pio

pio.defaults.mathjax = None
SLIDE_SIZE = (1600, 900)
_lock = threading.Lock()
_warm = False


class ChromiumMissing(RuntimeError):
    """No Chromium on this machine: static export cannot work until it is installed."""


def chromium_path():
    """The Chromium kaleido will use, or None."""
    for candidate in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def warm_up():
    """Start kaleido's browser once per process: later images take ~0.2 s instead of ~2.5 s."""
    global _warm
    if chromium_path() is None:
        raise ChromiumMissing("chromium")
    with _lock:
        if not _warm:
            import kaleido  # here, not at the top: ~70 ms of imports a page run should not pay before a click

            kaleido.start_sync_server(silence_warnings=True)
            _warm = True


def png(fig, width=SLIDE_SIZE[0], height=SLIDE_SIZE[1], scale=2):
    """The figure as PNG bytes at slide size (scale 2 for sharp text on projectors)."""
    warm_up()
    with _lock, warnings.catch_warnings():
        # plotly always hands kaleido its launch options, which a running server cannot use; nothing is lost.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return fig.to_image(format="png", width=width, height=height, scale=scale)

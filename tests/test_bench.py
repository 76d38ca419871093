"""The bench's own arithmetic and set-up (bench/): what its ratios mean and what its AppTests pay for. Nothing here
times anything."""
import pytest
from streamlit.runtime.scriptrunner import script_cache

from bench import measure
from bench.__main__ import cold_runs, section_names, warm_runs
from conftest import DATA


def test_a_ratio_is_the_median_of_the_pairs_ratios():
    """Each page run is paired with the floor run beside it: a page 4x its floor in two pairs of three is 4x, even
    when the third pair's floor run was slow (a ratio of the medians would say 2.7x)."""
    assert measure.pair_ratio([0.040, 0.080, 0.120], [0.010, 0.040, 0.030]) == pytest.approx(4.0)
    with pytest.raises(ValueError):
        measure.pair_ratio([0.040, 0.080], [0.010])


def test_the_bench_compiles_each_script_once_as_a_server_does(monkeypatch):
    """AppTest compiles its scripts again on every run; inside compiled_once the floor's two files (entry point
    and page) are compiled once over three runs, as a server compiles them once for all its reruns."""
    compiled = []

    def counting(source, path, *args, **kwargs):
        compiled.append(path)
        return compile(source, path, *args, **kwargs)

    monkeypatch.setattr(script_cache, "compile", counting, raising=False)
    monkeypatch.setenv("SONET_DATA_DIR", str(DATA))
    with measure.compiled_once():
        at = measure.app_test(DATA, "floor", {})
        at.run()
        at.run()
    assert not at.exception
    assert sorted(compiled) == sorted({str(measure.FLOOR_APP), str(measure.ROOT / "bench" / "floor_page.py")})


def test_quick_leaves_out_the_engines_the_vote_and_cold_runs_at_100x():
    """--quick keeps every page's warm rerun at 1x (five pairs) and 100x (three) and one cold run of each page's
    own filter at 1x; the full run adds the engines' comparison, the meeting vote and cold runs everywhere."""
    assert "engines" not in section_names(quick=True) and "votes" not in section_names(quick=True)
    assert {"reruns", "queries", "browser", "server", "slides"} <= set(section_names(quick=True))
    assert {"engines", "votes"} <= set(section_names(quick=False))
    other_filter = ("_widget_versus", ("pensioners_pct", "employment_rate"))
    assert [cold_runs(True, 1, None, 3), cold_runs(True, 1, other_filter, 3), cold_runs(True, 100, None, 3)] == [
        1, 0, 0]
    assert cold_runs(False, 100, other_filter, 15) == 15
    assert [warm_runs(True, 1, 3), warm_runs(True, 100, 3), warm_runs(False, 1, 15)] == [5, 3, 15]

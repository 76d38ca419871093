"""A figure built once and shared read-only (ui.data.derived caches built figures for every session).

Plotly's `to_dict` deep-copies the whole figure on every call, and Streamlit calls it on every rerun that draws the
chart: for the whole country's map (every municipality's border) that copy cost more than the rest of the page. A
shared figure is never changed after it is built, so its dict is made once; each caller still gets its own
top-level dicts (a presentation slide sets a larger font on the layout it is given) over the shared nested values.
"""
import plotly.graph_objects as go


class SharedFigure(go.Figure):
    """A go.Figure whose dict is computed once: never change it after `shared` (copy it: go.Figure(fig))."""

    _dict = None

    def to_dict(self):
        """The figure's dict, made on the first call; fresh top-level, trace and layout dicts on each."""
        if self._dict is None:
            self._dict = _borders_shared(super().to_dict(), self._data, self._layout)
        out = dict(self._dict)
        out["data"] = [dict(trace) for trace in out["data"]]
        out["layout"] = dict(out["layout"])
        return out


def _borders_shared(made, data, layout):
    """The dict `made` with the figure's own GeoJSON (a map's borders: 0.9 MB of the whole country's 1 MB copy) in
    place of their copies: neither is ever changed, so one is enough in memory."""
    for trace, source in zip(made["data"], data):
        if isinstance(source.get("geojson"), dict):
            trace["geojson"] = source["geojson"]
    layers = (layout.get("map") or {}).get("layers") or []
    for layer, source in zip((made["layout"].get("map") or {}).get("layers") or [], layers):
        if isinstance(source.get("source"), dict):
            layer["source"] = source["source"]
    return made


def shared(fig):
    """`fig` itself as a SharedFigure (no copy, no new validation): from now on it is read only."""
    if isinstance(fig, go.Figure) and not isinstance(fig, SharedFigure):
        fig.__class__ = SharedFigure
    return fig

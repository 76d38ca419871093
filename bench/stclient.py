"""A minimal client of Streamlit's own websocket protocol, for load tests: what a phone's browser sends, no browser.

It opens /_stcore/stream, asks for a script run of a page with a query string, reads the ForwardMsgs back and keeps
the widgets (id, label, options) and the elements each run drew, so a test can send the next run with widget values
and a button press exactly as Streamlit's JavaScript would. Auto-reruns of fragments (st.fragment(run_every=...))
are the browser's job in Streamlit's protocol; `follow_auto_reruns` does it here.
"""
import asyncio
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

WIDGETS = ("selectbox", "button", "text_input", "segmented_control", "button_group")


class Run:
    """What one script run sent: the elements in arrival order (type, proto) and whether it finished."""

    def __init__(self):
        self.elements = []
        self.finished = asyncio.Event()

    def of_type(self, kind):
        """The protos of the elements of one type (e.g. 'alert', 'metric')."""
        return [proto for name, proto in self.elements if name == kind]


class StreamlitClient:
    """One browser session: connect, run the page, set widgets, press buttons."""

    def __init__(self, base_url, page_name, query_string=""):
        self.url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.page_name, self.query_string = page_name, query_string
        self.widgets = {}
        self.run = None
        self.auto_reruns = {}
        self.listeners = []
        self.socket = None
        self.reader = None

    async def connect(self):
        """Open the websocket and start reading the server's messages."""
        self.socket = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                               open_timeout=60, ping_interval=None)
        self.reader = asyncio.create_task(self._read())

    async def _read(self):
        """Sort every ForwardMsg into the current run; remember widgets, the page and fragment auto-reruns."""
        async for data in self.socket:
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element)
            elif kind == "auto_rerun":
                self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "script_finished" and self.run is not None:
                self.run.finished.set()

    def _element(self, element):
        """Keep an element of the current run; a widget also by its label for the next run."""
        name = element.WhichOneof("type")
        proto = getattr(element, name)
        if self.run is not None:
            self.run.elements.append((name, proto))
        if name in WIDGETS:
            self.widgets[proto.label] = proto
        for listener in self.listeners:
            listener(name, proto)

    async def rerun(self, states=(), fragment_id="", auto=False, timeout=120):
        """Send a script run with these widget states [(label, field, value)]; return the Run when it finished."""
        back = BackMsg()
        client = back.rerun_script
        client.query_string = self.query_string
        client.page_name = self.page_name
        client.fragment_id = fragment_id
        client.is_auto_rerun = auto
        for label, field, value in states:
            state = client.widget_states.widgets.add()
            state.id = self.widgets[label].id
            if field == "string_array_value":
                state.string_array_value.data.extend(value)
            else:
                setattr(state, field, value)
        run = self.run = Run()
        await self.socket.send(back.SerializeToString())
        await asyncio.wait_for(run.finished.wait(), timeout)
        return run

    async def follow_auto_reruns(self, stop):
        """Rerun each auto-rerunning fragment at its interval until `stop` is set (what the browser does)."""
        next_at = {}
        while not stop.is_set():
            now = time.monotonic()
            for fragment, interval in list(self.auto_reruns.items()):
                if next_at.setdefault(fragment, now + interval) <= now:
                    next_at[fragment] = now + interval
                    await self.rerun(fragment_id=fragment, auto=True)
            await asyncio.sleep(0.05)

    async def close(self):
        """Close the websocket (the server ends the session)."""
        if self.socket is not None:
            await self.socket.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)

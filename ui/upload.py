"""The editors' upload on the Data page: choose a table, upload a file, see what would change, save; and restore.

Text that comes from a file (names, cells, sheet titles, editors' names) is only ever shown through st.dataframe,
st.text or selectbox options, never through markdown or HTML.
"""
import hashlib

import pandas as pd
import streamlit as st

import queries
from ingest import upload_history, upload_plan
from ingest.problems import Rejected
from ingest.upload_check import SPECS, Context, check
from ingest.upload_read import ENCODING_NAMES, LEGACY_ENCODINGS, MAX_BYTES
from locales import translate
from ui import auth, data

TABLES = ("funding", "national_subsidy", "indicators", "focus_areas", "action_plan")
# What a table's file holds beyond its column names, shown above the uploader.
NOTES = {"indicators": "upload.indicator_note", "focus_areas": "upload.focus_note", "action_plan": "upload.plan_note"}
REVIEW, ROUND = "_upload_review", "_upload_round"
SHOWN_ROWS = 500


def t(lang, key, **values):
    """A string of the upload section."""
    return translate(lang, key, **values)


def editor_name(lang):
    """Who is saving: the OIDC account's e-mail, else the name the editor types (kept in the history)."""
    if auth.mode() == "oidc":
        return str(getattr(st.user, "email", "") or "")
    return st.text_input(t(lang, "upload.editor_name"), key="up-editor", max_chars=100).strip()


def review(table, mode, uploaded):
    """The check and the plan for an uploaded file, computed once per file content and kept in the session."""
    content = uploaded.getvalue()
    token = (table, mode, uploaded.name, hashlib.sha256(content).hexdigest())
    kept = st.session_state.get(REVIEW)
    if kept and kept["token"] == token:
        return kept
    folder = queries.data_dir()
    try:
        checked = check(table, uploaded.name, content, Context.load(folder))
        result = {"token": token, "plan": upload_plan.plan(checked, folder, mode), "info": checked.info, "problems": []}
    except Rejected as refused:
        result = {"token": token, "plan": None, "info": {}, "problems": refused.problems}
    st.session_state[REVIEW] = result
    return result


def read_note(info, lang):
    """How the file was read (the sheet name comes from the file, so this is plain text)."""
    if info.get("kind") == "excel":
        return t(lang, "upload.read_excel", sheet=info["sheet"], row=info["header_row"], rows=info["rows"])
    note = t(lang, "upload.read_csv", encoding=ENCODING_NAMES[info["encoding"]],
             separator=info["separator"].replace("\t", "TAB"), row=info["header_row"], rows=info["rows"])
    return f"{note} {t(lang, 'upload.not_utf8')}" if info["encoding"] in LEGACY_ENCODINGS else note


def show_problems(problems, lang):
    """Why the file was refused, one message per line naming file, row and column."""
    st.error(t(lang, "upload.rejected", count=len(problems)))
    messages = pd.DataFrame({t(lang, "upload.problem"): [p.text(translate, lang) for p in problems]})
    st.dataframe(messages, hide_index=True, width="stretch")


def changed_table(plan, lang):
    """Changed cells with translated headers."""
    return plan.changed.rename(columns={"column": t(lang, "upload.column"), "old": t(lang, "upload.before"),
                                        "new": t(lang, "upload.after")})


def show_plan(plan, lang):
    """Counts of rows added, changed and removed, and the rows themselves."""
    st.subheader(t(lang, "upload.preview"))
    counts = plan.counts
    parts = {"added": plan.added, "changed": changed_table(plan, lang), "removed": plan.removed}
    for column, (kind, frame) in zip(st.columns(3), parts.items()):
        column.metric(t(lang, f"upload.{kind}"), counts[kind])
    for kind, frame in parts.items():
        if len(frame):
            with st.expander(f"{t(lang, f'upload.{kind}')}: {counts[kind]}", expanded=kind != "changed"):
                st.dataframe(frame.head(SHOWN_ROWS), hide_index=True, width="stretch")


def written(write, lang):
    """Whether a write to the data folder (a save, a restore) went through: a refusal shows its problems, and after
    a write the cached query results, which describe the folder as it was, are dropped."""
    try:
        write()
    except Rejected as refused:
        show_problems(refused.problems, lang)
        return False
    data.clear()
    return True


def save(plan, editor, lang):
    """Apply the plan and forget cached query results; the next run starts with an empty uploader.

    No st.rerun here: the preview above stays as the record of what was saved, and the message says so.
    """
    saved = written(lambda: upload_history.apply(plan, queries.data_dir(), editor, action="upload"), lang)
    st.session_state.pop(REVIEW, None)  # saved or refused, this review is done with
    if saved:
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
        st.success(t(lang, "upload.saved", **plan.counts))


def mode_label(table, mode, lang):
    """How an upload mode reads; a centre's list is replaced centre by centre, not as a whole table."""
    if table in ("focus_areas", "action_plan") and mode == "replace":
        return t(lang, "upload.mode_replace_lists")
    return t(lang, f"upload.mode_{mode}")


def upload_form(table, lang, editor):
    """Table, mode, file; then the problems or the preview with the button that saves."""
    spec = SPECS[table]
    modes = upload_plan.MODES[table]
    mode = modes[0]
    if len(modes) > 1:
        mode = st.radio(t(lang, "upload.mode"), modes, format_func=lambda m: mode_label(table, m, lang),
                        key=f"up-mode-{table}")
    st.caption(t(lang, "upload.columns", columns=", ".join(f"`{c}`" for c in spec.columns)))
    st.caption(t(lang, "upload.formats", limit=MAX_BYTES // 2 ** 20))
    if table in NOTES:
        st.caption(t(lang, NOTES[table]))
    st.caption(t(lang, "upload.template"))
    st.caption(t(lang, "upload.raw_note"))
    uploaded = st.file_uploader(t(lang, "upload.file"), type=["csv", "txt", "xlsx"],
                                max_upload_size=MAX_BYTES // 2 ** 20,
                                key=f"up-file-{table}-{st.session_state.get(ROUND, 0)}")
    if uploaded is None:
        return
    with st.spinner(t(lang, "upload.checking")):
        result = review(table, mode, uploaded)
    if result["problems"]:
        show_problems(result["problems"], lang)
        return
    st.text(read_note(result["info"], lang))
    plan = result["plan"]
    show_plan(plan, lang)
    if not any(plan.counts.values()):
        st.info(t(lang, "upload.no_changes"))
        return
    if st.button(t(lang, "upload.confirm"), type="primary", key="up-confirm"):
        if editor:
            save(plan, editor, lang)
        else:
            st.warning(t(lang, "upload.editor_needed"))


def when(entry):
    """When a version was replaced, as '2025-03-01 10:15:00' (UTC, as the column header says)."""
    return entry["replaced_at"][:19].replace("T", " ")


def history_table(entries, lang):
    """Earlier versions with translated headers and actions."""
    frame = pd.DataFrame(entries)
    frame["replaced_at"] = [when(e) for e in entries]
    frame["action"] = [t(lang, f"upload.action_{a}") for a in frame["action"]]
    frame = frame[["replaced_at", "editor", "action", "file", "added", "changed", "removed"]]
    frame.columns = [t(lang, f"upload.{c}") for c in ("when", "editor", "action", "file_name", "added", "changed",
                                                      "removed")]
    return frame


def restore(table, chosen, lang, editor):
    """Put a version back, with the same care as a save."""
    if not editor:
        st.warning(t(lang, "upload.editor_needed"))
        return
    if written(lambda: upload_history.restore(table, chosen, queries.data_dir(), editor), lang):
        st.session_state.pop(REVIEW, None)
        st.success(t(lang, "upload.restored"))


def history_section(table, lang, editor):
    """The table's earlier versions, and putting one back."""
    st.subheader(t(lang, "upload.history"))
    entries = upload_history.history(table, queries.data_dir())
    if not entries:
        st.caption(t(lang, "upload.history_empty"))
        return
    by_id = {e["id"]: e for e in entries}
    label = lambda i: t(lang, "upload.restore_option", when=when(by_id[i]),  # noqa: E731
                        action=t(lang, f"upload.action_{by_id[i]['action']}"), editor=by_id[i]["editor"])
    chosen = st.selectbox(t(lang, "upload.restore_pick"), list(by_id), format_func=label, key=f"up-restore-{table}")
    if st.button(t(lang, "upload.restore_button"), key="up-restore"):
        restore(table, chosen, lang, editor)
        entries = upload_history.history(table, queries.data_dir())
    st.dataframe(history_table(entries, lang), hide_index=True, width="stretch")


def section(lang):
    """The whole upload section; only editors see more than the login."""
    st.subheader(t(lang, "upload.title"))
    st.write(t(lang, "upload.intro"))
    if not auth.login_box(lang, "editor.not_configured_upload"):
        st.caption(t(lang, "upload.login_needed"))
        return
    table = st.selectbox(t(lang, "upload.table"), TABLES, format_func=lambda n: t(lang, f"tables.{n}"),
                         key="up-table")
    editor = editor_name(lang)
    upload_form(table, lang, editor)
    history_section(table, lang, editor)

"""Open questions in a meeting round: the rules of a question, an answer and an up-vote, and the answers grouped by
up-votes for the shared screen.

Pure functions without DuckDB or Streamlit: the vote store (queries/vote_store.py) refuses what these rules refuse,
so no page can store it, and the shared screen, the CSV and the slides read the same groups. An answer is plain
text: control characters (line breaks included) are dropped and it is never rendered as Markdown or HTML.
A refusal names its reason as a locale key (question.refused_<reason>).
"""
import re
from dataclasses import dataclass

from calc.ballot import BallotRefused, clean_text

MAX_QUESTION = 200
MAX_ANSWER = 200
# Answers one participant may send to one question (several ideas, not a flood).
MAX_ANSWERS = 10
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{8}")


class AnswerRefused(BallotRefused):
    """A question, answer or up-vote the store will not accept; its message is question.refused_<reason>."""

    section = "question"


def _plain(raw, limit, too_long, missing):
    """Typed text as plain text of 1 to `limit` characters, refused with the question section's reasons."""
    try:
        text = clean_text(raw, limit, too_long)
    except BallotRefused as error:
        raise AnswerRefused(error.reason, **error.values) from None
    if text is None:
        raise AnswerRefused(missing)
    return text


def check_question(raw):
    """A question's text as the facilitator typed it: plain text, 1-MAX_QUESTION characters."""
    return _plain(raw, MAX_QUESTION, "question_long", "question_missing")


def check_answer(raw):
    """An answer as the participant typed it: plain text, 1-MAX_ANSWER characters."""
    return _plain(raw, MAX_ANSWER, "answer_long", "answer_empty")


def valid_id(raw):
    """A question's or answer's id as the store makes them, else None (a form's field is checked with this)."""
    return raw if isinstance(raw, str) and ID_PATTERN.fullmatch(raw) else None


@dataclass(frozen=True)
class Group:
    """Answers the facilitator merged into one, as the shared screen shows it: the head answer's text, the other
    visible answers in it, and the up-votes of the group (each participant counted once)."""

    id: str
    head: str
    text: str
    members: tuple
    upvotes: int
    voters: frozenset
    authors: frozenset


def heads(answers):
    """Answer id -> the id of the answer it was merged into (itself when not merged)."""
    return {a["id"]: a["merged_into"] or a["id"] for a in answers}


def groups(answers, upvotes):
    """The visible answers grouped by merge, most up-voted first (ties: the earlier sent first).

    A hidden answer is left out with its up-votes; a group whose head is hidden is shown under its earliest visible
    member. A participant who up-voted two answers of a group counts once for it."""
    head_of = heads(answers)
    visible = sorted((a for a in answers if not a["hidden"]), key=lambda a: (a["sent_at"], a["id"]))
    members = {}
    for answer in visible:
        members.setdefault(head_of[answer["id"]], []).append(answer)
    voters = {}
    visible_ids = {a["id"] for a in visible}
    for vote in upvotes:
        if vote["answer_id"] in visible_ids:
            voters.setdefault(head_of[vote["answer_id"]], set()).add(vote["token"])
    shown = []
    for head, group in members.items():
        first = next((a for a in group if a["id"] == head), group[0])
        rest = tuple(a["text"] for a in group if a is not first)
        who = frozenset(voters.get(head, ()))
        shown.append(Group(first["id"], head, first["text"], rest, len(who), who, frozenset(a["token"] for a in group)))
    order = {a["id"]: i for i, a in enumerate(visible)}
    return sorted(shown, key=lambda g: (-g.upvotes, min(order[a["id"]] for a in members[g.head])))


def answer_upvotes(upvotes):
    """Answer id -> the number of participants who up-voted that answer itself."""
    counts = {}
    for vote in upvotes:
        counts[vote["answer_id"]] = counts.get(vote["answer_id"], 0) + 1
    return counts


def record(answers, upvotes):
    """Every answer with its own up-votes, its group's and whether it is hidden, in the order sent: what the CSV
    keeps (hidden answers included, marked so). Group up-votes are those of the group as the screen counts them,
    blank for a hidden answer."""
    head_of = heads(answers)
    by_group = {g.head: g for g in groups(answers, upvotes)}
    own = answer_upvotes(upvotes)
    rows = []
    for answer in sorted(answers, key=lambda a: (a["sent_at"], a["id"])):
        group = None if answer["hidden"] else by_group[head_of[answer["id"]]]
        rows.append({"id": answer["id"], "text": answer["text"], "upvotes": own.get(answer["id"], 0),
                     "group": group and group.id, "group_upvotes": group and group.upvotes,
                     "merged_into": answer["merged_into"], "hidden": bool(answer["hidden"]),
                     "sent_at": answer["sent_at"], "revision": answer["revision"]})
    return rows

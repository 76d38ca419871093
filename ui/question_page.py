"""The phone's side of an open question, inside the light ballot page (/ballot?round=CODE&question=ID; plain HTML,
no script, served by ui/ballot_page.py's route).

A participant sends short answers (several, each editable until the question closes) and up-votes others' answers,
with the same participant token as their ballot (cookie and form). Every rule is the store's
(queries/vote_store.py, calc/question.py); this page only shows and sends. After a stored answer or up-vote the
phone is sent on to the question's page (303, so that reloading it sends nothing twice), which shows the notice.
Every text from a user or the store is escaped: an answer is shown as typed, never as markup.
"""
from html import escape

from calc import question as rules_q
from locales import translate
from ui.votes import common

# done= on the page a stored write leads to -> its notice.
DONE = {"sent": "question.phone_sent", "saved": "question.phone_saved", "upvoted": "question.phone_upvote_done",
        "again": "question.phone_upvote_again"}


def t(lang, key, **values):
    """A locale string, escaped for HTML."""
    return escape(translate(lang, key, **values))


def hidden_fields(lang, code, token, question_id, **more):
    """The form's hidden fields: round, participant token, language, question and any more."""
    fields = {"round": code, "voter": token, "lang": lang, "question": question_id, **more}
    return "".join(f'<input type="hidden" name="{k}" value="{escape(str(v))}">' for k, v in fields.items())


def answer_box(lang, name, value, label_id):
    """The text box of an answer, limited to what the store takes."""
    return (f'<input type="text" id="{label_id}" name="{name}" maxlength="{rules_q.MAX_ANSWER}" autocomplete="off" '
            f'value="{escape(value or "")}">')


def own_answers(lang, ctx, mine, is_open):
    """The participant's own answers: a box and a save button each while the question is open, else a list."""
    if not mine:
        return ""
    if not is_open:
        items = "".join(f"<li>{escape(a['text'])}</li>" for a in mine)
        return f'<h2>{t(lang, "question.phone_yours")}</h2><ul class="got">{items}</ul>'
    forms = []
    for n, answer in enumerate(mine, start=1):
        label = f"own{n}"
        forms.append(f'<form method="post" action="{ctx["path"]}" class="own">'
                     f'{hidden_fields(lang, ctx["code"], ctx["token"], ctx["qid"], action="edit", answer=answer["id"])}'
                     f'<label for="{label}" class="sr">{n}.</label>{answer_box(lang, "text", answer["text"], label)}'
                     f'<button type="submit" class="small">{t(lang, "question.phone_save")}</button></form>')
    return f'<h2>{t(lang, "question.phone_yours")}</h2>{"".join(forms)}'


def new_answer(lang, ctx, mine, typed):
    """The box for a new answer, or the note that the participant has sent as many as one may."""
    if len(mine) >= rules_q.MAX_ANSWERS:
        return f'<p class="note">{t(lang, "question.phone_limit", limit=rules_q.MAX_ANSWERS)}</p>'
    return (f'<form method="post" action="{ctx["path"]}">'
            f'{hidden_fields(lang, ctx["code"], ctx["token"], ctx["qid"], action="answer")}'
            f'<label for="answer">{t(lang, "question.phone_new")}</label>{answer_box(lang, "text", typed, "answer")}'
            f'<small>{t(lang, "question.phone_help", limit=rules_q.MAX_ANSWER)}</small>'
            f'<button type="submit">{t(lang, "question.phone_send")}</button></form>')


def upvote_control(lang, ctx, group, is_open):
    """An up-vote button for another participant's group; a mark instead when already given or not allowed."""
    token = ctx["token"]
    if token in group.authors:
        return f'<span class="mark">{t(lang, "question.phone_own")}</span>'
    if token in group.voters:
        return f'<span class="mark">✓ {t(lang, "question.phone_upvoted")}</span>'
    if not is_open:
        return ""
    return (f'<form method="post" action="{ctx["path"]}" class="up">'
            f'{hidden_fields(lang, ctx["code"], token, ctx["qid"], action="upvote", answer=group.id)}'
            f'<button type="submit" class="small">▲ {t(lang, "question.phone_upvote")}</button></form>')


def others(lang, ctx, shown, is_open):
    """The visible answers of everyone else, most up-voted first, each with its up-votes and button."""
    groups = [g for g in shown if g.authors != {ctx["token"]}]
    if not groups:
        return f'<h2>{t(lang, "question.phone_others")}</h2><p>{t(lang, "question.phone_no_others")}</p>'
    items = []
    for group in groups:
        merged = (f'<br><small>{t(lang, "question.merged", answers="; ".join(group.members))}</small>'
                  if group.members else "")
        items.append(f'<li><span class="text">{escape(group.text)}</span>{merged}<br>'
                     f'<small>{t(lang, "question.upvotes", count=group.upvotes)}</small> '
                     f'{upvote_control(lang, ctx, group, is_open)}</li>')
    return f'<h2>{t(lang, "question.phone_others")}</h2><ul class="answers">{"".join(items)}</ul>'


def done_notice(lang, done, answer):
    """The notice of a write just stored (done=), with the time the store committed an answer."""
    key = DONE.get(done)
    if key is None:
        return ""
    values = {"time": common.local_time(answer["edited_at"] or answer["sent_at"], lang, "medium")} \
        if done in ("sent", "saved") and answer else {}
    if done in ("sent", "saved") and not answer:
        return ""
    return f'<p class="ok" role="status">{t(lang, key, **values)}</p>'


def body(lang, vote_round, token, question_id, path, back, done=None, done_answer=None, notice="", typed=""):
    """The question's page for this participant: the question, their answers, a new one, the others' answers."""
    store = common.store()
    code = vote_round["code"]
    found = store.question(code, question_id)
    if found is None:
        refused = common.refusal(rules_q.AnswerRefused("question_unknown"), lang)
        return (f'<p class="no" role="alert">{escape(refused)}</p>'
                f'<p><a href="{back}">{t(lang, "question.phone_back")}</a></p>')
    answers = store.answers(code, question_id)
    mine = [a for a in answers if a["token"] == token]
    is_open = found["closed_at"] is None and vote_round["closed_at"] is None
    ctx = {"code": code, "token": token, "qid": question_id, "path": path}
    stored = next((a for a in answers if a["id"] == done_answer and a["token"] == token), None)
    parts = [f"<p><strong>{escape(vote_round['title'])}</strong></p>",
             f'<h2 class="question">{escape(found["text"])}</h2>', notice, done_notice(lang, done, stored)]
    if not is_open:
        parts.append(f'<p class="no" role="alert">{t(lang, "question.closed_note")}</p>')
    parts.append(own_answers(lang, ctx, mine, is_open))
    if is_open:
        parts.append(new_answer(lang, ctx, mine, typed))
    parts.append(others(lang, ctx, rules_q.groups(answers, store.upvotes(code, question_id)), is_open))
    parts.append(f'<p><a href="{back}">{t(lang, "question.phone_back")}</a></p>')
    return "".join(parts)


def question_links(lang, vote_round, link):
    """On the ballot page: the round's open questions, each a link to its page (nothing when there are none)."""
    if vote_round["closed_at"] is not None:
        return ""
    questions = [q for q in common.store().questions(vote_round["code"]) if q["closed_at"] is None]
    if not questions:
        return ""
    items = "".join(f'<li><span class="text">{escape(q["text"])}</span><br><a href="{escape(link(q["id"]))}">'
                    f'{t(lang, "question.phone_answer")}</a></li>' for q in questions)
    return (f'<section class="questions"><h2>{t(lang, "question.phone_section")}</h2>'
            f'<ul class="answers">{items}</ul></section>')


def send(store, form, code, token):
    """POST of a question's form: store the answer, edit or up-vote; (done=, answer id) once committed. Raises
    BallotRefused (AnswerRefused) when the store refuses."""
    action = form.get("action")
    question_id = form.get("question")
    if action == "upvote":
        counted = store.upvote(code, rules_q.valid_id(form.get("answer")) or "", token)
        return ("upvoted" if counted else "again"), None
    if action == "edit":
        receipt = store.send_answer(code, question_id, token, form.get("text", ""),
                                    answer_id=rules_q.valid_id(form.get("answer")) or "-")
        return "saved", receipt.id
    if action == "answer":
        return "sent", store.send_answer(code, question_id, token, form.get("text", "")).id
    raise rules_q.AnswerRefused("answer_unknown")


STYLE = """h2{font-size:1.15rem;margin:1rem 0 .4rem}h2.question{font-size:1.3rem}.answers{list-style:none;padding:0}
.answers li{border-top:1px solid #d3d9e0;padding:.55rem 0;overflow-wrap:anywhere}.answers .text{font-weight:600}
button.small{width:auto;font-size:1rem;padding:.45rem .8rem;margin:.3rem 0}form.own{margin:.3rem 0 .8rem}
form.up{display:inline}.mark{color:#52606D;font-size:.95rem}.sr{position:absolute;left:-9999px}
.questions{border:2px solid #0072B2;border-radius:.5rem;padding:.2rem .8rem;margin:.8rem 0}"""

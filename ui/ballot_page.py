"""The light ballot page: plain HTML and one form at /ballot, served by the dashboard's own server (st.App routes).

A phone gets a few kilobytes and no JavaScript, and sending a ballot costs one store transaction instead of a
script run of the Vote page (bench/RESULTS.md, "Meeting vote"). The rules stay the store's (queries/vote_store.py):
one ballot per participant token (kept in a cookie and in the form), a resend replaces it, a closed or unknown round
refuses. A token is issued by the store when the page is first shown (rate-limited per client), or for a one-time
participant code in a round that takes codes; a ballot with a token the store did not issue is refused. Every text
from a user or the store is escaped, so a name is shown as typed, never as markup. The page speaks fi, sv and en
(?lang=, the locale files).
"""
import secrets
from html import escape
from urllib.parse import urlencode

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route

from calc import ballot as rules
from calc import question as rules_q
from domain import DEFAULT_CENTRE
from locales import LANGUAGES, translate
from ui import question_page
from ui.votes import common

PATH = "/ballot"
COOKIE = "sonet_voter"
CLIENT_COOKIE = "sonet_client"
COOKIE_AGE_S = 7 * 24 * 3600
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
STYLE = """body{font:17px/1.45 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:.75rem;color:#1F2933}
h1{font-size:1.45rem;margin:.2rem 0 .6rem}label{display:block;font-weight:600;margin:.7rem 0 .2rem}
select,input[type=text]{width:100%;box-sizing:border-box;font-size:1rem;padding:.5rem;border:1px solid #8a96a3;
border-radius:.4rem;background:#fff;color:#1F2933}fieldset{border:1px solid #d3d9e0;border-radius:.5rem;
margin:.7rem 0;padding:.2rem .7rem .7rem}legend{font-weight:700}.rate{display:flex;gap:.5rem;align-items:flex-end}
.rate label{flex:1;
font-weight:400;font-size:.92rem}button{width:100%;font-size:1.1rem;padding:.75rem;margin:1rem 0;border:0;
border-radius:.4rem;background:#0072B2;color:#fff}.ok,.no,.note{padding:.6rem .8rem;border-radius:.4rem;margin:.6rem 0}
.ok{background:#e3f4ea}.no{background:#fbe4e4}.note{background:#e8f1fa}.got{list-style:none;padding:0}
.got li{margin:.6rem 0}
nav a{margin-right:.8rem}.full{display:none;margin:.4rem 0 0;font-weight:600}.areas{padding-left:1.6rem}
.areas li{margin:.25rem 0}"""


def chosen_style(titles):
    """A phone's select shows about 35 characters of the chosen title; the title chosen in a place is shown in
    full under its select, by CSS alone (no script on this page): one rule per focus area of the round."""
    return "".join(f'fieldset:has(select.area option[value="{a}"]:checked) .full[data-area="{a}"]{{display:block}}'
                   for a in titles)


@st.cache_resource(show_spinner=False, ttl=600)
def centre_titles(lang, centre):
    """A centre's focus area id -> title, shared read-only by every request (st.cache_data would copy the frame
    each time)."""
    return common.area_titles(lang, centre)


def area_titles(lang, vote_round):
    """The round's focus areas, id -> title."""
    return common.round_titles(vote_round, lang, centre_titles(lang, vote_round.get("centre") or DEFAULT_CENTRE))


def language(raw):
    """The page's language from ?lang= (Finnish unless sv or en is asked for)."""
    return raw if raw in LANGUAGES else "fi"


def known_token(store, code, *candidates):
    """The first well-formed candidate token the store issued for this round, or None."""
    for raw in candidates:
        token = rules.valid_token(raw)
        if token and store.token_known(code, token):
            return token
    return None


def participant(store, vote_round, params, cookie, client):
    """(token or None, refusal or None) for GET: a known token from the link or cookie (unless new=1), else a new
    one for an open round (rate-limited per client: the `sonet_client` cookie and the address), else one redeemed
    with the participant code the form sent (?pcode=) in a round that takes codes."""
    code = vote_round["code"]
    token = None if params.get("new") == "1" else known_token(store, code, params.get("voter"), cookie)
    if token or vote_round["closed_at"] is not None:
        return token, None
    try:
        if vote_round["access"] == "codes":
            if not params.get("pcode"):
                return None, None
            return store.redeem(code, params.get("pcode"), client), None
        return store.issue_token(code, client), None
    except rules.BallotRefused as error:
        return None, error


def participant_code_form(lang, code, refused=None):
    """The box for the one-time participant code of a round that takes codes."""
    hidden = "" if lang == "fi" else f'<input type="hidden" name="lang" value="{lang}">'
    notice = message("no", common.refusal(refused, lang)) if refused else ""
    return (f'{notice}<form method="get" action="{PATH}"><input type="hidden" name="round" value="{code}">'
            f'<label for="pcode">{escape(translate(lang, "vote.type_participant_code"))}</label><input type="text" '
            f'id="pcode" name="pcode" maxlength="12" autocomplete="off" autocapitalize="characters">{hidden}'
            f'<button type="submit">{escape(translate(lang, "vote.use_code"))}</button></form>')


def link(lang, **params):
    """A link to this page in a language."""
    query = {k: v for k, v in params.items() if v} | ({} if lang == "fi" else {"lang": lang})
    return f"{PATH}?{urlencode(query)}" if query else PATH


def page(lang, title, body, code=None, question=None):
    """A whole HTML page: language links (to the same round and open question), the title, the body (already
    escaped)."""
    others = " ".join(f'<a href="{escape(link(other, round=code, question=question))}" lang="{other}">'
                      f'{LANGUAGE_NAMES[other]}</a>'
                      for other in LANGUAGES if other != lang)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width,initial-scale=1"><title>{escape(title)}</title><style>{STYLE}'
            f'{question_page.STYLE}</style>'
            f'</head><body><nav>{others}</nav><h1>{escape(translate(lang, "vote.title"))}</h1>{body}</body></html>')


def message(kind, text):
    """A boxed notice: ok, no (refused) or note."""
    return f'<p class="{kind}" role="{"alert" if kind == "no" else "status"}">{escape(text)}</p>'


def code_form(lang, wrong=None):
    """The box to type the join code shown on the screen; names a code that matched no round."""
    refused = message("no", translate(lang, "vote.refused_unknown_round", code=wrong)) if wrong else ""
    hidden = "" if lang == "fi" else f'<input type="hidden" name="lang" value="{lang}">'
    return (f'{refused}<form method="get" action="{PATH}"><label for="round">'
            f'{escape(translate(lang, "vote.type_code"))}</label><input type="text" id="round" name="round" '
            f'maxlength="8" autocomplete="off" autocapitalize="characters">{hidden}'
            f'<button type="submit">{escape(translate(lang, "vote.join"))}</button></form>')


def options(titles, chosen, blank):
    """<option>s of the focus areas (the chosen one selected), after a blank one."""
    items = [f'<option value="">{escape(blank)}</option>']
    items += [f'<option value="{a}"{" selected" if a == chosen else ""}>{a}. {escape(t)}</option>'
              for a, t in titles.items()]
    return "".join(items)


def full_titles(titles):
    """Every focus area's title in full, hidden until it is the one chosen in its place (chosen_style)."""
    return "".join(f'<p class="full" data-area="{a}">{a}. {escape(t)}</p>' for a, t in titles.items())


def area_list(lang, titles):
    """The focus areas in full, numbered, above the places: what a phone's select cannot show whole."""
    items = "".join(f'<li value="{a}">{escape(t)}</li>' for a, t in titles.items())
    return f'<p><strong>{escape(translate(lang, "priorities.focus_areas"))}</strong></p><ol class="areas">{items}</ol>'


def rating(lang, kind, place, chosen):
    """A 1-5 select for importance or feasibility of one place; empty means not rated."""
    values = "".join(f'<option value="{v}"{" selected" if v == chosen else ""}>{v}</option>' for v in range(1, 6))
    return (f'<label>{escape(translate(lang, f"vote.{kind}_scale"))}<select name="{kind[:3]}{place}">'
            f'<option value="">–</option>{values}</select></label>')


def ballot_form(lang, vote_round, token, earlier):
    """The ballot: name, five ordered places, optional ratings; filled with the participant's earlier ballot."""
    titles = area_titles(lang, vote_round)
    earlier = earlier or {"name": None, "areas": [], "importance": [], "feasibility": []}
    filled = list(zip(earlier["areas"], earlier["importance"], earlier["feasibility"]))
    filled += [(None, None, None)] * (rules.MAX_CHOICES - len(filled))
    places = []
    for place, (area, imp, fea) in enumerate(filled, start=1):
        label = escape(translate(lang, "vote.place", place=place))
        places.append(f'<fieldset><legend>{label}</legend><select class="area" name="place{place}" '
                      f'aria-label="{label}">{options(titles, area, translate(lang, "vote.choose"))}</select>'
                      f'{full_titles(titles)}<div class="rate">'
                      f'{rating(lang, "importance", place, imp)}{rating(lang, "feasibility", place, fea)}</div>'
                      f'</fieldset>')
    name = escape(earlier["name"] or "")
    return (f'<form method="post" action="{PATH}"><input type="hidden" name="round" value="{vote_round["code"]}">'
            f'<input type="hidden" name="voter" value="{token}"><input type="hidden" name="lang" value="{lang}">'
            f'<p>{escape(translate(lang, "vote.instructions"))}</p><label for="name">'
            f'{escape(translate(lang, "vote.name"))}</label><input type="text" id="name" name="name" '
            f'maxlength="{rules.MAX_NAME}" value="{name}" autocomplete="name"><small>'
            f'{escape(translate(lang, "vote.name_help"))}</small>{area_list(lang, titles)}'
            f'<style>{chosen_style(titles)}</style>{"".join(places)}'
            f'<button type="submit">'
            f'{escape(translate(lang, "vote.send"))}</button></form>')


def receipt(lang, ballot, vote_round):
    """What the store committed (its receipt, or the stored ballot): places in order with their ratings, and the
    name; a list rather than a table, so that long titles fit a 360 px phone."""
    titles = area_titles(lang, vote_round)
    importance, feasibility = translate(lang, "vote.importance"), translate(lang, "vote.feasibility")
    items = "".join(f"<li>{escape(translate(lang, 'vote.place', place=i))}<br><strong>{a}. {escape(titles[a])}"
                    f"</strong><br>{escape(importance)} {'–' if imp is None else imp} · {escape(feasibility)} "
                    f"{'–' if fea is None else fea}</li>"
                    for i, (a, imp, fea) in enumerate(zip(ballot["areas"], ballot["importance"],
                                                          ballot["feasibility"]), start=1))
    name = ballot["name"] or translate(lang, "vote.anonymous")
    return f'<ul class="got">{items}</ul><p>{escape(translate(lang, "vote.recorded_name", name=name))}</p>'


def already_sent(lang, code, earlier):
    """The notice for a link or phone that has answered already, with the way out for someone else."""
    name = translate(lang, "vote.recorded_name", name=earlier["name"] or translate(lang, "vote.anonymous"))
    text = translate(lang, "vote.already_sent", time=common.local_time(earlier["submitted_at"], lang, "medium"))
    other = escape(link(lang, round=code, new="1"))
    hint = escape(translate(lang, "vote.not_me_help"))
    return (f'{message("note", text)}<p>{escape(name)}</p><p><a href="{other}" title="{hint}">'
            f'{escape(translate(lang, "vote.not_me"))}</a></p>')


def as_sent(form):
    """A refused form's values place by place (None where empty or not a number), to show it again as it was."""
    def value(field):
        raw = str(form.get(field, "")).strip()
        return int(raw) if raw.isdigit() and raw.isascii() else None

    places = range(1, rules.MAX_CHOICES + 1)
    return {"name": form.get("name", ""), "areas": [value(f"place{p}") for p in places],
            "importance": [value(f"imp{p}") for p in places], "feasibility": [value(f"fea{p}") for p in places]}


def round_body(lang, vote_round, token, notice="", sent=None, refused=None):
    """The page of an open or closed round for this participant; a refused form comes back as it was sent. While
    the participant has no token: the participant code box, or the refusal of a token."""
    store = common.store()
    earlier = store.ballot(vote_round["code"], token) if token else None
    title = f"<p><strong>{escape(vote_round['title'])}</strong></p>"
    if vote_round["closed_at"] is not None:
        body = message("no", translate(lang, "vote.refused_closed", code=vote_round["code"]))
        if earlier is not None:
            body += f"<p>{escape(translate(lang, 'vote.your_final'))}</p>{receipt(lang, earlier, vote_round)}"
        return title + notice + body
    if token is None:
        if vote_round["access"] == "codes" and (refused is None or refused.reason.startswith("participant_code")):
            return title + notice + participant_code_form(lang, vote_round["code"], refused)
        return title + (notice or message("no", common.refusal(refused or rules.BallotRefused("token_unknown"),
                                                               lang)))
    intro = already_sent(lang, vote_round["code"], earlier) if earlier is not None and not notice else ""
    questions = question_page.question_links(lang, vote_round, lambda q: link(lang, round=vote_round["code"],
                                                                              question=q, voter=token))
    return title + notice + questions + intro + ballot_form(lang, vote_round, token, sent or earlier)


def number(raw, reason, **values):
    """A whole number from a form field, or the refusal naming what was sent."""
    text = str(raw).strip()
    if not text.isdigit() or not text.isascii():
        raise rules.BallotRefused(reason, **values)
    return int(text)


def read_ballot(form, vote_round):
    """(areas, importance, feasibility, name) from the form; empty places are skipped with their ratings."""
    numbers = rules.numbers_text(rules.round_areas(vote_round["areas"]))
    areas, importance, feasibility = [], [], []
    for place in range(1, rules.MAX_CHOICES + 1):
        raw = form.get(f"place{place}", "")
        if not raw:
            continue
        areas.append(number(raw, "area_range", area=raw[:12], numbers=numbers))
        for bucket, field in ((importance, "imp"), (feasibility, "fea")):
            value = form.get(f"{field}{place}", "")
            bucket.append(number(value, "rating_range", rating=value[:12]) if value else None)
    return areas, importance, feasibility, form.get("name", "")


def show(params, cookie, client):
    """GET: the code box, or the round's ballot (a fresh token when asked for with new=1)."""
    lang = language(params.get("lang"))
    given = rules.typed_code(params.get("round"))
    code = rules.normalise_code(given)
    store = common.store()
    vote_round = store.round(code) if code else None
    if vote_round is None:
        return lang, None, "shown", page(lang, translate(lang, "vote.title"), code_form(lang, wrong=given))
    token, refused = participant(store, vote_round, params, cookie, client)
    if token and params.get("question"):
        return lang, token, "shown", page(lang, vote_round["title"], question_body(lang, vote_round, token, params),
                                          code, rules_q.valid_id(params.get("question")))
    body = round_body(lang, vote_round, token, refused=refused)
    return lang, token, "shown", page(lang, vote_round["title"], body, code)


def question_body(lang, vote_round, token, params, notice="", typed=""):
    """An open question's page for this participant (ui/question_page.py), with the way back to the ballot."""
    back = escape(link(lang, round=vote_round["code"], voter=token))
    return question_page.body(lang, vote_round, token, params.get("question"), PATH, back, params.get("done"),
                              params.get("answer"), notice, typed)


def send_answer(form, token, vote_round):
    """POST of an open question's form: on to the question's page once committed (303, a reload sends nothing
    twice), else the refusal above the form with the text as sent."""
    lang, code = language(form.get("lang")), vote_round["code"]
    store = common.store()
    try:
        done, answer = question_page.send(store, form, code, token)
    except rules.BallotRefused as error:
        shown = token if store.token_known(code, token) else None
        notice = message("no", common.refusal(error, lang))
        if shown is None:
            return lang, None, "refused", page(lang, vote_round["title"], notice, code)
        body = question_body(lang, vote_round, shown, form, notice, form.get("text", "") if
                             form.get("action") == "answer" else "")
        return lang, shown, "refused", page(lang, vote_round["title"], body, code)
    return lang, token, "redirect", link(lang, round=code, question=form.get("question"), voter=token, done=done,
                                         answer=answer)


def send(form, cookie):
    """POST: store the ballot; the receipt once committed, else the refusal above the form as it was sent."""
    lang = language(form.get("lang"))
    token = rules.valid_token(form.get("voter")) or rules.valid_token(cookie)
    code = rules.normalise_code(form.get("round"))
    store = common.store()
    vote_round = store.round(code) if code else None
    if vote_round is None:
        wrong = rules.typed_code(form.get("round"))
        return lang, token, "refused", page(lang, translate(lang, "vote.title"), code_form(lang, wrong=wrong))
    if form.get("question"):
        return send_answer(form, token, vote_round)
    try:
        areas, importance, feasibility, name = read_ballot(form, vote_round)
        stored = store.submit(code, token, areas, importance, feasibility, name)
    except rules.BallotRefused as error:
        notice = message("no", common.refusal(error, lang))
        shown = token if store.token_known(code, token) else None
        body = round_body(lang, vote_round, shown, notice, as_sent(form))
        return lang, shown, "refused", page(lang, vote_round["title"], body, code)
    key = "vote.received_again" if stored.revision > 1 else "vote.received"
    done = message("ok", translate(lang, key, time=common.local_time(stored.submitted_at, lang, "medium")))
    recorded = {"areas": stored.areas, "importance": stored.importance, "feasibility": stored.feasibility,
                "name": stored.name}
    again = f'<p><a href="{escape(link(lang, round=code))}">{escape(translate(lang, "vote.change"))}</a></p>'
    body = f"<p><strong>{escape(vote_round['title'])}</strong></p>{done}{receipt(lang, recorded, vote_round)}{again}"
    return lang, token, "stored", page(lang, vote_round["title"], body, code)


async def ballot(request):
    """The /ballot route: the store's work runs on a worker thread, never on the server's event loop."""
    cookie = request.cookies.get(COOKIE)
    browser = request.cookies.get(CLIENT_COOKIE) or secrets.token_urlsafe(12)
    client = (browser, request.client.host if request.client else "-")
    if request.method == "POST":
        form = await request.form(max_fields=40, max_files=0)
        lang, token, outcome, html = await run_in_threadpool(send, form, cookie)
    else:
        lang, token, outcome, html = await run_in_threadpool(show, request.query_params, cookie, client)
    headers = {"X-Ballot": outcome, "Cache-Control": "no-store", "Content-Language": lang}
    headers |= {"X-Voter": token} if token else {}
    response = RedirectResponse(html, 303, headers) if outcome == "redirect" else HTMLResponse(html, headers=headers)
    if token:
        response.set_cookie(COOKIE, token, max_age=COOKIE_AGE_S, path=PATH, httponly=True, samesite="lax")
    response.set_cookie(CLIENT_COOKIE, browser, max_age=COOKIE_AGE_S, path=PATH, httponly=True, samesite="lax")
    return response


OLD_PATH = "/vote"


async def old_vote_page(request):
    """/vote, where phones voted on a Streamlit page before: the same link's round, token and language on the ballot
    page (a link or QR code printed then still works, and a phone still downloads no Streamlit JavaScript)."""
    kept = {key: request.query_params[key] for key in ("round", "voter", "lang") if request.query_params.get(key)}
    return RedirectResponse(f"{PATH}?{urlencode(kept)}" if kept else PATH, status_code=307)


ROUTES = [Route(PATH, ballot, methods=["GET", "POST"]), Route(OLD_PATH, old_vote_page, methods=["GET"])]

"""The meeting-vote store: the only code that reads or writes the rounds and ballots.

Two backends behind one interface (VoteStore), chosen by configuration (configured_target): the default, one
DuckDB file (data/state/votes.duckdb) held read-write by one server process, written by one thread at a time; or
a PostgreSQL database that several app servers share. Either way a ballot is written in a transaction (on DuckDB
shared with the ballots that arrived with it) and the call returns only after its COMMIT, so whatever was
acknowledged to a participant survives a crash.
Every ballot is checked here against the rules of calc/ballot.py before it is written, so no page can store a bad
one.
"""
import hashlib
import os
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from calc.ballot import (
    AREAS,
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_AREA_ID,
    MAX_NAME,
    MAX_TITLE,
    BallotRefused,
    _is_int,
    check_areas,
    check_ratings,
    check_round_areas,
    check_token,
    clean_text,
    new_token,
    round_areas,
)
from calc.question import MAX_ANSWERS, AnswerRefused, check_answer, check_question, valid_id
from domain import DEFAULT_CENTRE
from queries import DEFAULT_DATA, sql

# How a round lets people vote: anyone with the link, or only with a one-time participant code.
ACCESS = ("open", "codes")
PARTICIPANT_CODE_LENGTH = 6
MAX_PARTICIPANT_CODES = 200
# New tokens per round: at most this many to one client (browser session and address; a phone that reloads or
# answers for a colleague needs a few), and this many a minute to one address (a meeting network behind one
# address has some 40 phones joining at once; SONET_TOKENS_PER_MINUTE raises it, e.g. for a benchmark whose phones
# all come from 127.0.0.1). The shared screen shows tokens issued beside ballots received.
TOKENS_PER_CLIENT = 3
TOKENS_PER_ADDRESS_MINUTE = 60
# Wrong participant codes one client may type in a round before it is refused further tries.
CODE_TRIES = 10



class StoreBusy(RuntimeError):
    """The vote file is held by another process (DuckDB allows one writer process per file)."""

    def __init__(self, path):
        super().__init__(f"{path} is in use by another process")
        self.path = path


@dataclass(frozen=True)
class Receipt:
    """What was committed for one participant: shown back to them as proof that the ballot counts."""

    round_code: str
    token: str
    name: str | None
    areas: tuple
    importance: tuple
    feasibility: tuple
    submitted_at: datetime
    revision: int


@dataclass(frozen=True)
class AnswerReceipt:
    """What was committed of one answer: shown back to its sender, who may edit it while the question is open."""

    round_code: str
    question_id: str
    id: str
    text: str
    sent_at: datetime
    revision: int


def new_id():
    """A question's or answer's id: 8 URL-safe characters, random (calc.question.valid_id checks a form's)."""
    return secrets.token_urlsafe(6)


class Questions:
    """Open questions of a round (calc/question.py), mixed into VoteStore: its backends supply the transactions.

    A participant's answers and up-votes use the round's participant tokens (the ballot's identity, issued and
    throttled as for ballots) and go through the ballot's transaction (DuckDB's group commit): every check comes
    before the write, and the call returns only after COMMIT. The facilitator's writes (open, close, hide, merge)
    go alone. Nothing is deleted: a hidden answer stays in the record, a merged one keeps its own up-votes.
    """

    # An up-vote's INSERT: ON CONFLICT DO NOTHING where two servers may write the same one at once.
    UPVOTE_QUERY = "vote_question_upvote"

    def open_question(self, code, text):
        """Open a question in an open round; returns its id."""
        text = check_question(text)

        def work(cursor):
            self._open_round_for_token(cursor, code)
            question_id = new_id()
            while self._rows(cursor, "vote_question_get", round_code=code, id=question_id):
                question_id = new_id()
            self._rows(cursor, "vote_question_insert", round_code=code, id=question_id, text=text, opened_at=now())
            return question_id

        return self._transaction(work)

    def close_question(self, code, question_id):
        """Close a question: it keeps its answers and takes no more answers, edits or up-votes."""
        def work(cursor):
            self._rows(cursor, "vote_question_close", round_code=code, id=question_id, closed_at=now())
            return self._rows(cursor, "vote_question_get", round_code=code, id=question_id)

        rows = self._transaction(work)
        if not rows:
            raise AnswerRefused("question_unknown")
        return rows[0]

    def questions(self, code):
        """The questions of a round, newest first (id, text, opened_at, closed_at, answers)."""
        return self._read("vote_questions", round_code=code)

    def question(self, code, question_id):
        """One question of a round as a dict, or None."""
        rows = self._read("vote_question_get", round_code=code, id=question_id) if valid_id(question_id) else []
        return rows[0] if rows else None

    def answers(self, code, question_id):
        """Every answer to a question, hidden and merged ones included, in the order sent."""
        return self._read("vote_question_answers", round_code=code, question_id=question_id)

    def upvotes(self, code, question_id):
        """Who up-voted which answer of a question (answer_id, token, given_at)."""
        return self._read("vote_question_upvotes", round_code=code, question_id=question_id)

    def _open_question(self, cursor, code, question_id):
        """The round and question an answer or up-vote is sent to, refused unless both are open."""
        self._open_round_for_ballot(cursor, code)
        found = self._rows(cursor, "vote_question_open", round_code=code, id=question_id)
        if not found:
            raise AnswerRefused("question_unknown")
        if found[0]["closed_at"] is not None:
            raise AnswerRefused("question_closed")

    def _voter(self, cursor, code, token):
        """Refuse a token the store did not issue for the round (on PostgreSQL its row stays locked until COMMIT:
        one participant's writes go one at a time, so a count read after this sees the others' answers)."""
        if not self._rows(cursor, "vote_question_voter", round_code=code, token=token):
            raise BallotRefused("token_unknown")

    def send_answer(self, code, question_id, token, text, answer_id=None):
        """Store a new answer, or its sender's new text for `answer_id`; the receipt once committed."""
        token = check_token(token)
        text = check_answer(text)
        if answer_id is not None and valid_id(answer_id) is None:
            raise AnswerRefused("not_your_answer")
        at = now()

        def work(cursor):
            self._open_question(cursor, code, question_id)
            self._voter(cursor, code, token)
            if answer_id is None:
                sent = self._rows(cursor, "vote_question_count", round_code=code, question_id=question_id, token=token)
                if sent[0]["answers"] >= MAX_ANSWERS:
                    raise AnswerRefused("too_many_answers", limit=MAX_ANSWERS)
                made = new_id()
                self._rows(cursor, "vote_question_answer_insert", round_code=code, question_id=question_id, id=made,
                           token=token, text=text, sent_at=at)
                return AnswerReceipt(code, question_id, made, text, at, 1)
            edited = self._rows(cursor, "vote_question_answer_edit", round_code=code, question_id=question_id,
                                id=answer_id, token=token, text=text, edited_at=at)
            if not edited:
                raise AnswerRefused("not_your_answer")
            return AnswerReceipt(code, question_id, answer_id, text, edited[0]["sent_at"], edited[0]["revision"])

        return self._ballot_transaction(work)

    def upvote(self, code, answer_id, token):
        """A participant's up-vote of another's answer: True once committed, False when they had already up-voted
        it or an answer merged with it (each participant counts once per answer and group)."""
        token = check_token(token)
        if valid_id(answer_id) is None:
            raise AnswerRefused("answer_unknown")

        def work(cursor):
            found = self._rows(cursor, "vote_question_answer_get", round_code=code, id=answer_id)
            if not found or found[0]["hidden"]:
                raise AnswerRefused("answer_unknown")
            answer = found[0]
            self._open_question(cursor, code, answer["question_id"])
            self._voter(cursor, code, token)
            if answer["token"] == token:
                raise AnswerRefused("own_answer")
            head = answer["merged_into"] or answer["id"]
            if self._rows(cursor, "vote_question_upvoted", round_code=code, token=token, head=head)[0]["given"]:
                return False
            self._rows(cursor, self.UPVOTE_QUERY, round_code=code, answer_id=answer_id, token=token, given_at=now())
            return True

        return self._ballot_transaction(work)

    def _answer(self, cursor, code, answer_id):
        """An answer of the round inside a facilitator's transaction, refused when there is none."""
        found = self._rows(cursor, "vote_question_answer_get", round_code=code, id=answer_id)
        if not found:
            raise AnswerRefused("answer_unknown")
        return found[0]

    def hide_answer(self, code, answer_id, hidden=True):
        """Hide an answer from the shared screen (or show it again); it stays in the record and the CSV."""
        def work(cursor):
            self._answer(cursor, code, answer_id)
            self._rows(cursor, "vote_question_hide", round_code=code, id=answer_id, hidden=bool(hidden))

        self._transaction(work)

    def merge_answers(self, code, into, answer_id):
        """Merge an answer (and what was merged into it) into another answer's group: the group's up-votes are
        its participants', each counted once (calc.question.groups)."""
        def work(cursor):
            target, merged = self._answer(cursor, code, into), self._answer(cursor, code, answer_id)
            if target["question_id"] != merged["question_id"]:
                raise AnswerRefused("merge_other_question")
            head = target["merged_into"] or target["id"]
            if head == merged["id"]:
                raise AnswerRefused("merge_self")
            self._rows(cursor, "vote_question_merge", round_code=code, question_id=merged["question_id"], into=head,
                       id=merged["id"])

        self._transaction(work)

    def unmerge_answer(self, code, answer_id):
        """Take an answer out of the group it was merged into."""
        def work(cursor):
            self._answer(cursor, code, answer_id)
            self._rows(cursor, "vote_question_unmerge", round_code=code, id=answer_id)

        self._transaction(work)


def store_path():
    """The vote file: SONET_VOTES_DB when set (tests, other machines), else data/state/votes.duckdb."""
    return Path(os.environ.get("SONET_VOTES_DB", DEFAULT_DATA / "state" / "votes.duckdb")).resolve()


def now():
    """The current time in UTC without zone (the file keeps UTC; pages show local time)."""
    return datetime.now(UTC).replace(tzinfo=None)


def normalise_participant_code(raw):
    """A participant code as typed: spaces and dashes dropped, upper case; None when it cannot be one."""
    code = re.sub(r"[\s-]+", "", str(raw or "")).upper()
    return code if len(code) == PARTICIPANT_CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else None


def tokens_per_minute():
    """New tokens one address may get a minute in a round (SONET_TOKENS_PER_MINUTE, else the default)."""
    raw = os.environ.get("SONET_TOKENS_PER_MINUTE", "")
    return int(raw) if raw.isascii() and raw.isdigit() else TOKENS_PER_ADDRESS_MINUTE


def client_key(client):
    """(session hash, address) of a client: the session id itself is never stored."""
    session, address = client
    return hashlib.sha256(str(session).encode()).hexdigest()[:16], str(address)[:64]


class VoteStore(Questions):
    """Rounds and ballots with the rules above; a backend supplies `_transaction(work)` and `_read(query)`.

    Both backends run the same queries/vote_*.sql files (written in SQL both DuckDB and PostgreSQL accept), a
    ballot in one transaction (DuckDB's group commit may put several in one), and return only after COMMIT:
    acknowledged means committed.
    """

    target = None

    def _code_tries(self):
        """Wrong participant codes typed per (round, client), in this process (a guessing limit, not a record)."""
        return self.__dict__.setdefault("_wrong_codes", {})

    def _rows(self, cursor, query, **params):
        """Rows of a query as dicts (lists stay Python lists, NULL stays None)."""
        cursor.execute(self._sql(query), params or None)
        if cursor.description is None:
            return []
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _sql(self, query):
        """The text of a query as this backend's driver wants it."""
        return sql(query)

    def _transaction(self, work):
        """Run work(cursor) in one transaction, committed before returning; nothing is kept if it raises."""
        raise NotImplementedError

    def _read(self, query, **params):
        """The rows of one query, outside any transaction of the caller's."""
        raise NotImplementedError

    def open_round(self, title, access="open", codes=0, centre=DEFAULT_CENTRE, areas=AREAS):
        """Open a round of a centre with a title and that centre's focus-area ids; returns its new join code.
        `access` 'codes' makes `codes` one-time participant codes for it (see participant_codes)."""
        title = clean_text(title, MAX_TITLE, "title_long")
        if title is None:
            raise BallotRefused("title_missing")
        areas = check_round_areas(areas)
        if access not in ACCESS:
            raise BallotRefused("access", access=access)
        count = codes if access == "codes" else 0
        if access == "codes" and not (_is_int(codes) and 1 <= codes <= MAX_PARTICIPANT_CODES):
            raise BallotRefused("codes_count", limit=MAX_PARTICIPANT_CODES)

        def work(cursor):
            while True:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                if not self._rows(cursor, "vote_round_get", code=code):
                    break
            self._rows(cursor, "vote_round_insert", code=code, title=title, opened_at=now(), access=access,
                       centre=str(centre), areas=areas)
            made = set()
            while len(made) < count:
                made.add("".join(secrets.choice(CODE_ALPHABET) for _ in range(PARTICIPANT_CODE_LENGTH)))
            for participant_code in sorted(made):
                self._rows(cursor, "vote_code_insert", round_code=code, code=participant_code)
            return code

        return self._transaction(work)

    def participant_codes(self, code):
        """The one-time codes of a round as (code, used) rows, for the facilitator to print or show."""
        return self._read("vote_codes", round_code=code)

    def _open_round_for_token(self, cursor, code):
        """The round a token is asked for, refused when it is unknown or closed."""
        found = self._rows(cursor, "vote_round_open", code=code)
        if not found:
            raise BallotRefused("unknown_round", code=code)
        if found[0]["closed_at"] is not None:
            raise BallotRefused("closed", code=code)
        return found[0]

    def _issue(self, cursor, code, client):
        """A new token for the client, within the per-client and per-address limits."""
        session, address = client_key(client)
        issued_at = now()
        counts = self._rows(cursor, "vote_token_counts", round_code=code, session=session, address=address,
                            since=issued_at - timedelta(minutes=1))[0]
        if counts["client"] >= TOKENS_PER_CLIENT or counts["address_recent"] >= tokens_per_minute():
            raise BallotRefused("too_many_tokens")
        token = new_token()
        self._rows(cursor, "vote_token_insert", round_code=code, token=token, session=session, address=address,
                   issued_at=issued_at)
        return token

    def issue_token(self, code, client):
        """A participant token for an open-access round, to one client (session, address), rate-limited."""
        def work(cursor):
            if self._open_round_for_token(cursor, code)["access"] == "codes":
                raise BallotRefused("code_needed")
            return self._issue(cursor, code, client)

        return self._transaction(work)

    def redeem(self, code, participant_code, client):
        """A participant token for a 'codes' round in exchange for an unused participant code (used up by it)."""
        typed = normalise_participant_code(participant_code)
        key = (code, client_key(client))

        def work(cursor):
            self._open_round_for_token(cursor, code)
            tries = self._code_tries()
            if tries.get(key, 0) >= CODE_TRIES:
                raise BallotRefused("too_many_code_tries")
            found = self._rows(cursor, "vote_code_get", round_code=code, code=typed) if typed else []
            if not found:
                tries[key] = tries.get(key, 0) + 1
                raise BallotRefused("participant_code_unknown")
            if found[0]["token"] is not None:
                raise BallotRefused("participant_code_used")
            token = self._issue(cursor, code, client)
            if not self._rows(cursor, "vote_code_use", round_code=code, code=typed, token=token, used_at=now()):
                raise BallotRefused("participant_code_used")
            return token

        return self._transaction(work)

    def close_round(self, code):
        """Close a round: it keeps its ballots and takes no more."""
        def work(cursor):
            self._rows(cursor, "vote_round_close", code=code, closed_at=now())
            return self._rows(cursor, "vote_round_get", code=code)

        rows = self._transaction(work)
        if not rows:
            raise BallotRefused("unknown_round", code=code)
        return rows[0]

    def round(self, code):
        """A round as a dict (code, title, opened_at, closed_at, ballots), or None."""
        rows = self._read("vote_round_get", code=code)
        return rows[0] if rows else None

    def rounds(self, centre=DEFAULT_CENTRE):
        """The rounds of a centre, newest first."""
        return self._read("vote_rounds", centre=str(centre))

    def ballots(self, code):
        """The ballots of a round (token, name, areas, importance, feasibility, submitted_at, revision)."""
        return self._read("vote_ballots", round_code=code)

    def token_known(self, code, token):
        """Whether this token was issued for this round (so a ballot with it will be taken)."""
        return bool(token) and bool(self._read("vote_token_get", round_code=code, token=token))

    def ballot(self, code, token):
        """One participant's ballot in a round as a dict, or None."""
        rows = self._read("vote_ballot_get", round_code=code, token=token)
        return rows[0] if rows else None

    def submit(self, code, token, areas, importance=None, feasibility=None, name=None):
        """Record a participant's ballot, replacing their earlier one; returns the receipt once committed.

        The token must have been issued for this round (issue_token or redeem): a made-up one is refused."""
        token = check_token(token)
        areas = check_areas(areas, range(1, MAX_AREA_ID + 1))
        importance = check_ratings(importance, len(areas))
        feasibility = check_ratings(feasibility, len(areas))
        name = clean_text(name, MAX_NAME, "name_long")
        submitted_at = now()

        def work(cursor):
            check_areas(areas, round_areas(self._open_round_for_ballot(cursor, code)["areas"]))
            return self._write_ballot(cursor, round_code=code, token=token, name=name, areas=list(areas),
                                      importance=list(importance), feasibility=list(feasibility),
                                      submitted_at=submitted_at)

        revision = self._ballot_transaction(work)
        return Receipt(code, token, name, areas, importance, feasibility, submitted_at, revision)

    def _ballot_transaction(self, work):
        """A ballot's transaction: `work` refuses (BallotRefused) before it writes anything, which lets a backend
        commit several ballots at once (DuckDBStore); by default it is a transaction like any other."""
        return self._transaction(work)

    def _open_round_for_ballot(self, cursor, code):
        """The round a ballot is sent to, refused when it is unknown or closed (PostgreSQL: its row held FOR SHARE
        until the ballot commits)."""
        return self._open_round_for_token(cursor, code)

    def _write_ballot(self, cursor, **ballot):
        """Insert a participant's ballot or replace their earlier one, inside submit's transaction; its revision.
        A token the store did not issue for the round is refused. One upsert, atomic even when two servers take the
        same participant's two sendings at once."""
        if not self._rows(cursor, "vote_token_get", round_code=ballot["round_code"], token=ballot["token"]):
            raise BallotRefused("token_unknown")
        return self._rows(cursor, "vote_ballot_upsert", **ballot)[0]["revision"]

    def close(self):
        """Release the backend's file or connections (tests, and a server shutting down)."""


class Pending:
    """One write waiting for its turn on the DuckDB file, and what came of it."""

    def __init__(self, work, ballot):
        self.work, self.ballot = work, ballot
        self.finished, self.result, self.error = False, None, None

    def outcome(self):
        """The work's result, or its exception raised in the caller's thread."""
        if self.error is not None:
            raise self.error
        return self.result


class DuckDBStore(VoteStore):
    """The embedded default: one DuckDB file held by this process, written by one thread at a time.

    Every COMMIT waits for DuckDB's write-ahead log to reach the disk, and in a burst the ballots queued behind
    each other's flushes (bench/RESULTS.md, "Meeting vote"). So ballots that arrive while another write is under
    way are committed together, in one transaction, by whichever waiting thread gets the turn (group commit, as
    PostgreSQL does): each still returns only after the COMMIT that holds it, a refused ballot writes nothing,
    and if the transaction fails each ballot is tried again alone. Other writes (rounds, tokens) go alone.
    """

    UPVOTE_QUERY = "vote_question_upvote_insert"

    def __init__(self, path):
        self.path = self.target = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.turn = threading.Condition()
        self.queue, self.writing = [], False
        self._rounds_checked = {}
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.IOException as error:
            raise StoreBusy(self.path) from error
        self.con.execute(sql("vote_schema"))
        self.con.execute(sql("vote_question_schema"))

    def _transaction(self, work):
        """One transaction of its own, after the writes queued before it."""
        return self._write(Pending(work, ballot=False))

    def _ballot_transaction(self, work):
        """A ballot's transaction, shared with the ballots queued beside it."""
        return self._write(Pending(work, ballot=True))

    def _write(self, pending):
        """Queue the write; whoever gets the turn commits the next writes in the queue; return once ours is."""
        with self.turn:
            self.queue.append(pending)
        while True:
            with self.turn:
                while self.writing and not pending.finished:
                    self.turn.wait()
                if pending.finished:
                    return pending.outcome()
                self.writing = True
                batch = self._next_batch()
            try:
                self._commit(batch)
            finally:
                with self.turn:
                    self.writing = False
                    self.turn.notify_all()

    def _next_batch(self):
        """The ballots at the head of the queue, or the one other write there (called holding the turn)."""
        count = 1
        if self.queue[0].ballot:
            while count < len(self.queue) and self.queue[count].ballot:
                count += 1
        batch, self.queue = self.queue[:count], self.queue[count:]
        return batch

    def _commit(self, batch):
        """Run the batch's works in one transaction and commit it; a ballot's refusal stays its own. When the
        transaction fails, a batch of several is tried one by one, so one bad write cannot sink the others."""
        cursor = self.con.cursor()
        self._rounds_checked = {}
        try:
            cursor.begin()
            for pending in batch:
                try:
                    pending.result = pending.work(cursor)
                except BallotRefused as refused:
                    if not pending.ballot:
                        raise
                    pending.error = refused
            cursor.commit()
        except BaseException as error:
            cursor.rollback()
            if len(batch) > 1 and isinstance(error, Exception):
                for pending in batch:
                    pending.result = pending.error = None
                    self._commit([pending])
                return
            for pending in batch:
                pending.result, pending.error, pending.finished = None, error, True
            if not isinstance(error, Exception):
                raise
            return
        finally:
            cursor.close()
        for pending in batch:
            pending.finished = True

    def _open_round_for_ballot(self, cursor, code):
        """The round's check once per round in a batch: nothing but this writer changes it meanwhile."""
        if code not in self._rounds_checked:
            try:
                self._rounds_checked[code] = self._open_round_for_token(cursor, code)
            except BallotRefused as refused:
                self._rounds_checked[code] = refused
        found = self._rounds_checked[code]
        if isinstance(found, BallotRefused):
            raise found
        return found

    def _write_ballot(self, cursor, **ballot):
        """Insert a first ballot, replace a later one: DuckDB's INSERT ... ON CONFLICT DO UPDATE took 6-11 ms where
        the INSERT or UPDATE alone takes about 2 ms (bench/RESULTS.md, "Meeting vote"); whether the token was
        issued and whether it has a ballot come in one statement. One writer at a time makes the statements safe:
        no other write comes between them."""
        check = self._rows(cursor, "vote_ballot_revision", round_code=ballot["round_code"], token=ballot["token"])[0]
        if not check["issued"]:
            raise BallotRefused("token_unknown")
        query = "vote_ballot_insert" if check["revision"] is None else "vote_ballot_replace"
        return self._rows(cursor, query, **ballot)[0]["revision"]

    def _read(self, query, **params):
        """A read on a cursor of its own, without waiting for the writes: it sees what is committed, and waiting
        for every ballot being written made each phone's page wait for all the others' (bench/RESULTS.md)."""
        cursor = self.con.cursor()
        try:
            return self._rows(cursor, query, **params)
        finally:
            cursor.close()

    def close(self):
        """Release the file once no write is under way."""
        with self.turn:
            while self.writing:
                self.turn.wait()
            self.con.close()


class PostgresStore(VoteStore):
    """A PostgreSQL database shared by any number of app servers: a pool of connections per process (opened at
    start: a burst waited on new connections being made one at a time when the pool began with one).

    PostgreSQL does the locking: a ballot's transaction holds its round's row FOR SHARE, so a round closed by
    another server cannot take a ballot after its close has committed. psycopg is imported only here, so the
    DuckDB default needs nothing more.
    """

    POOL_MIN, POOL_MAX = 4, 16

    def __init__(self, url, wait_s=30):
        from psycopg_pool import ConnectionPool

        self.target = url
        self.path = redacted(url)
        self.pool = ConnectionPool(url, min_size=self.POOL_MIN, max_size=self.POOL_MAX, open=False, timeout=wait_s)
        try:
            self.pool.open(wait=True, timeout=wait_s)
        except Exception as error:
            self.pool.close()
            raise StoreUnreachable(self.path) from error
        with self.pool.connection() as con:
            con.execute("SELECT pg_advisory_xact_lock(1707)")
            con.execute(sql("vote_schema"))
            con.execute(sql("vote_question_schema"))

    def _sql(self, query):
        """$name parameters as psycopg's %(name)s; the round and question checks take their row locks."""
        text = sql(query).replace("%", "%%")
        text = PARAMETER.sub(r"%(\1)s", text)
        return text.rstrip().rstrip(";") + ROW_LOCKS[query] if query in ROW_LOCKS else text

    def _transaction(self, work):
        """One transaction on a pooled connection; psycopg commits when the block ends without an error."""
        with self.pool.connection() as con, con.transaction(), con.cursor() as cursor:
            return work(cursor)

    def _read(self, query, **params):
        """A read on a pooled connection."""
        with self.pool.connection() as con, con.cursor() as cursor:
            return self._rows(cursor, query, **params)

    def close(self):
        """Close the pool's connections."""
        self.pool.close()


class StoreUnreachable(StoreBusy):
    """The configured PostgreSQL server does not answer (the page says so instead of failing)."""

    def __init__(self, where):
        RuntimeError.__init__(self, f"{where} does not answer")
        self.path = where


PARAMETER = re.compile(r"\$([a-z_]+)")
# The row each of these queries reads is locked until the transaction ends (PostgreSQL; DuckDB has one writer):
# a round or question closed by another server, and one participant's answers sent to two servers at once.
ROW_LOCKS = {"vote_round_open": " FOR SHARE", "vote_question_open": " FOR SHARE", "vote_question_voter": " FOR UPDATE"}
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def redacted(url):
    """A PostgreSQL URL without its password, fit for a message on screen."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def configured_target(setting=None):
    """Where ballots go: SONET_VOTES_STORE when set, else `setting` (the secrets file's [meeting] store), each a
    PostgreSQL URL or "duckdb"; the DuckDB file when neither names a database."""
    value = str(os.environ.get("SONET_VOTES_STORE") or setting or "duckdb").strip()
    return store_path() if value in ("", "duckdb") else value


def open_store(target):
    """A new store for a target: a PostgreSQL URL, or the path of a DuckDB file."""
    if str(target).startswith(POSTGRES_SCHEMES):
        return PostgresStore(str(target))
    return DuckDBStore(target)


def _key(target):
    """The registry key of a target: a URL as written, a file by its resolved path."""
    target = target or configured_target()
    return target if str(target).startswith(POSTGRES_SCHEMES) else Path(target).resolve()


_STORES = {}
_STORES_LOCK = threading.Lock()


def store(target=None):
    """The process-wide store of `target` (default: configured_target()), opened on first use."""
    key = _key(target)
    with _STORES_LOCK:
        if key not in _STORES:
            _STORES[key] = open_store(key)
        return _STORES[key]


def forget(target=None):
    """Close and drop the process-wide store of `target`, so the next store() opens it again."""
    key = _key(target)
    with _STORES_LOCK:
        held = _STORES.pop(key, None)
    if held is not None:
        held.close()

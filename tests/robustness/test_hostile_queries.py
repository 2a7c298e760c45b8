"""10 000 generated hostile queries through the core, and more through the CLI:
no exception, no hang, every one a result or a clear message."""

from __future__ import annotations

import io
import json
import random
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from searchapp import cli
from searchapp.core.engine import SearchEngine
from searchapp.core.notices import Notice, NoticeKind
from searchapp.core.query import MAX_QUERY_CHARS, MAX_WORDS, compile_query
from searchapp.core.results import SearchRequest, Sort

CORE_QUERIES = 10_000
CLI_QUERIES = 1_000
# No clock: the cost of a query is bounded by what it compiles to.
MAX_LEAVES = MAX_WORDS * 64

PIECES = [
    "миграция", "Мередов", "Ашхабад", "migration", "Ashgabat", "Красный", "Полумесяц",
    "AND", "OR", "NOT", "and", "-", "+", "*", "?", "~", "^", "\\", "/", ":", '"', "«", "»",
    "(", ")", "[", "]", "{", "}", "title:", "source:", "lang:", "body:", "date:", "url:",
    "foo:", "TO", "<", ">", "=", "'", "’", "—", "…", "ё", "\u0301", "\u200b", "\x00", "\t",
    "\n", "😀", "漢字", "ﷺ", "𝔘", "Ⅻ", "%", "$", "#", "@", "мигра*", "*a", "a*b?c",
    "2024", "1e9", "-1", "NaN", "<script>", "&amp;", "%00",
]


def generate(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.6:
        return "".join(rng.choice(PIECES) + rng.choice(["", " ", " ", ""]) for _ in
                       range(rng.randint(1, 12)))
    if kind < 0.9:
        return "".join(chr(rng.choice([rng.randint(0, 0x2FF), rng.randint(0x400, 0x4FF),
                                       rng.randint(0x2000, 0x206F), rng.randint(0x1F300, 0x1F6FF)]))
                       for _ in range(rng.randint(0, 40)))
    return " ".join(rng.choice(PIECES) for _ in range(rng.randint(200, 3000)))  # up to ~10 KB


@pytest.fixture(scope="module")
def engine(seed_index: Path):
    eng = SearchEngine(seed_index)
    yield eng
    eng.close()


@pytest.mark.slow
def test_core(engine: SearchEngine) -> None:
    rng = random.Random(1)
    for _ in range(CORE_QUERIES):
        query = generate(rng)
        req = SearchRequest(query=query, sort=rng.choice(list(Sort)), limit=rng.randint(0, 30))
        resp = engine.search(req)
        assert len(resp.hits) == min(req.limit, resp.total), query[:80]
        if resp.total == 0 and query.strip() and not re.search(r"[^\W_]", query):
            # Not one word in it (and not the bare «*» that browses): say so.
            assert resp.notices, query
        if len(query) > MAX_QUERY_CHARS:
            assert Notice(NoticeKind.QUERY_CUT, (MAX_QUERY_CHARS,)) in resp.notices
        compiled = compile_query(query)
        leaves = len(list(compiled.query.leaves())) if compiled.query else 0
        assert leaves <= MAX_LEAVES, (query[:80], leaves)
        assert resp.suggestion is None or len(resp.suggestion) <= MAX_QUERY_CHARS


@pytest.mark.slow
def test_cli(seed_index: Path) -> None:
    rng = random.Random(2)
    for _ in range(CLI_QUERIES):
        query = generate(rng)
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(["--index", str(seed_index), "search", "--json", "--", query])
        assert code == 0, err.getvalue()
        assert "Traceback" not in err.getvalue()
        data = json.loads(out.getvalue())
        assert data["total"] >= len(data["hits"])

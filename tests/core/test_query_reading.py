"""How a query is read when it is not typed as the syntax asks, as a user sees
it: how many articles it finds and what the notice says."""

from __future__ import annotations

import pytest

from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.notices import english_line
from searchapp.core.results import SearchRequest

ARTICLES = {
    "oil.txt": "Oil\n\nOil prices rose or fell, and traders waited.\n",
    "gas.txt": "Gas\n\nGas prices fell.\n",
    "both.txt": "Energy\n\nOil and gas prices rose.\n",
    "poem.txt": "Hamlet\n\nTo be or not to be, that is the question.\n",
    "words.txt": "Words\n\nThe words or and and are common.\n",
    "neft.txt": "Нефть\n\nЦены на нефть выросли или упали.\n",
    "gaz.txt": "Газ\n\nЦены на газ упали, и рынок ждал.\n",
    "neftegaz.txt": "Нефть и газ\n\nНефть и газ подорожали.\n",
}
ALL = len(ARTICLES)
OR_READ = ("'or' between words was read as OR: to search for it as a word, "
           "put it in quotes (\"or\").")
DANGLING = "An operator (AND, OR, NOT) with no word on one side was left out."


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("reading")
    root = tmp / "articles"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    update_index(tmp / "ix", [root])
    eng = SearchEngine(tmp / "ix")
    yield eng
    eng.close()


def answer(engine: SearchEngine, query: str) -> tuple[int, str | None]:
    resp = engine.search(SearchRequest(query=query, limit=0))
    return resp.total, english_line(resp.notices)


def test_lower_case_or_between_words_finds_either_word_and_says_so(
    engine: SearchEngine,
) -> None:
    # It was searched as the word «or»: no article has all three, and the
    # closest matches brought every article with «or» (the English ones).
    assert answer(engine, "нефть or газ") == (answer(engine, "нефть OR газ")[0], OR_READ)
    assert answer(engine, "нефть OR газ") == (3, None)
    total, notice = answer(engine, "нефть или газ")
    assert total == 3 and notice is not None and notice.startswith("'или' between words")
    # «and», «и» join the words as they are joined without them: no notice.
    assert answer(engine, "Oil and gas") == answer(engine, "Oil AND gas") == (1, None)
    assert answer(engine, "нефть и газ") == answer(engine, "нефть газ")


def test_or_in_quotes_or_alone_is_a_word(engine: SearchEngine) -> None:
    assert answer(engine, '"to be or not"') == (1, None)
    assert answer(engine, '"or" "and"') == (2, None)  # as the notice tells
    assert answer(engine, "or") == (3, None)  # the word, typed alone
    assert answer(engine, "not to be") == (1, None)  # «not» stays a word


def test_an_operator_alone_browses_like_a_field_alone(engine: SearchEngine) -> None:
    # «OR» found nothing while «title:» found every article.
    assert answer(engine, "title:") == (ALL, "'title:' has no word after it: it was left out.")
    for alone in ("OR", "AND", "NOT", "AND OR"):
        assert answer(engine, alone) == (ALL, DANGLING), alone


def test_an_operator_before_an_open_bracket_is_said_to_be_left_out(
    engine: SearchEngine,
) -> None:
    # The notice named the bracket only, not the AND that was dropped with it.
    assert answer(engine, "oil AND (") == (
        answer(engine, "oil")[0], "Unbalanced brackets were ignored. " + DANGLING)
    assert answer(engine, "(oil AND) gas") == (1, DANGLING)
    assert answer(engine, "oil (AND gas)") == (1, DANGLING)


def test_a_leading_wildcard_searches_the_rest_of_the_word_and_says_so(
    engine: SearchEngine,
) -> None:
    # «*ефть» found nothing and said nothing.
    assert answer(engine, "*prices") == (
        3, "A word cannot begin with a wildcard: '*prices' was searched as 'prices'.")
    total, notice = answer(engine, "*ефть")
    assert total == 0 and notice == (
        "A word cannot begin with a wildcard: '*ефть' was searched as 'ефть'.")


""""Did you mean" on small archives of our own: the closest word wins, then the commonest."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core.engine import SearchEngine
from searchapp.core.indexer import update_index
from searchapp.core.results import SearchRequest


@pytest.fixture
def engine(tmp_path: Path, write_articles):
    files = {f"might-{i}.txt": f"Note {i}\n\nIt might rain, and it might not.\n" for i in range(8)}
    files |= {f"migration-{i}.txt": f"Report {i}\n\nLabour migration grew.\n" for i in range(2)}
    files |= {f"fund-{i}.txt": f"Fund {i}\n\nThe fund grew.\n" for i in range(2)}
    files |= {f"president-{i}.txt": f"Новость {i}\n\nПрезидент выступил с речью.\n"
              for i in range(3)}
    files |= {f"hall-{i}.txt": f"Зал {i}\n\nВстреча прошла в конференц-зале.\n" for i in range(3)}
    files |= {"likes.txt": "Дом\n\nОн любит выступать.\n"}
    files |= {f"mera-{i}.txt": f"Меры {i}\n\nПриняты новые меры.\n" for i in range(3)}
    update_index(tmp_path / "ix", [write_articles(files)])
    eng = SearchEngine(tmp_path / "ix")
    yield eng
    eng.close()


def suggestion(engine: SearchEngine, query: str) -> str | None:
    return engine.search(SearchRequest(query=query, limit=0)).suggestion


def test_two_swapped_letters_are_one_typo(engine: SearchEngine) -> None:
    # "might" is commoner and also two edits away; a swap of "ar" is one typo.
    assert suggestion(engine, "migartion") == "migration"


def test_a_swap_in_a_short_word_is_one_typo(engine: SearchEngine) -> None:
    assert suggestion(engine, "fudn") == "fund"


def test_an_unknown_russian_word_is_corrected_as_written(engine: SearchEngine) -> None:
    # pymorphy3 guesses the lemma «президнуть» for it: far from anything indexed.
    assert suggestion(engine, "президнет") == "президент"
    assert suggestion(engine, "Президнет выступил") == "Президент выступил"


def test_words_that_are_found_are_left_alone(engine: SearchEngine) -> None:
    assert suggestion(engine, "migration") is None
    assert suggestion(engine, "президента") is None
    assert suggestion(engine, "выступать") is None  # in one article, not «выступить» of three


def test_a_real_word_the_archive_lacks_gets_real_words_only(engine: SearchEngine) -> None:
    assert suggestion(engine, "конференции") is None  # not the «конференц» of «конференц-зале»
    assert suggestion(engine, "мерв") == "мера"  # a typo of a real word is still corrected


def test_corrections_follow_the_index_as_it_changes(tmp_path: Path, write_articles) -> None:
    # The vocabulary listed for «mi…» while typing belongs to one state of the
    # index: a word indexed since is offered at the next search.
    root = write_articles({"a.txt": "Note\n\nMilk prices rose.\n"})
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        assert suggestion(eng, "migartion") is None
        assert suggestion(eng, "milc") == "milk"
        (root / "b.txt").write_text("Report\n\nLabour migration grew.\n", encoding="utf-8")
        update_index(tmp_path / "ix")
        assert suggestion(eng, "migartion") == "migration"
    finally:
        eng.close()


def test_a_word_found_as_typed_gets_no_suggestion(tmp_path: Path, write_articles) -> None:
    # «carpets» of one article was offered as «capital» of three: a word the
    # index has (in any of its forms) is what the user meant.
    files = {f"capital-{i}.txt": f"City {i}\n\nThe capital grew.\n" for i in range(3)}
    files |= {"carpet.txt": "Market\n\nHand-made carpets were sold.\n"}
    update_index(tmp_path / "ix", [write_articles(files)])
    eng = SearchEngine(tmp_path / "ix")
    try:
        for typed in ("carpets", "carpet", "Carpets"):
            resp = eng.search(SearchRequest(query=typed, limit=0))
            assert (resp.total, resp.suggestion) == (1, None), typed
        assert suggestion(eng, "Who sold the carpets?") is None  # a question of them too
        # No article has both words: «carpets» is still a word of the index.
        assert suggestion(eng, "carpets grew") is None
        assert suggestion(eng, "carpetts") == "carpets"  # a typo is still corrected
    finally:
        eng.close()


def test_a_dictionary_word_the_archive_lacks_is_no_typo(tmp_path: Path, write_articles) -> None:
    # «wheat» was offered as «what», «cotton» as «common», «carpets» as
    # «capital»: a real word the index lacks is what the user meant.
    files = {f"what-{i}.txt": f"Note {i}\n\nWhat is common in the capital?\n" for i in range(3)}
    files |= {"cotton.txt": "Farm\n\nThe cotton harvest.\n"}
    update_index(tmp_path / "ix", [write_articles(files)])
    eng = SearchEngine(tmp_path / "ix")
    try:
        for typed in ("wheat", "Wheat", "carpets", "commons", "конференции"):
            assert suggestion(eng, typed) is None, typed
        assert suggestion(eng, "cottn") == "cotton"  # a typo is still corrected
        assert suggestion(eng, "capitla") == "capital"
        assert suggestion(eng, "haarvst") == "harvest"  # two slips in a long word
        assert suggestion(eng, "cotnn") is None  # ... not in a short one («common»?)
    finally:
        eng.close()

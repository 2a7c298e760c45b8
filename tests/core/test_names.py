"""Name groups across scripts (resources/names.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from searchapp.core import names
from searchapp.core.engine import SearchEngine
from searchapp.core.paths import RESOURCES_DIR, SEEDS_DIR
from searchapp.core.results import SearchRequest


@pytest.fixture(scope="module")
def engine(seed_index: Path):
    eng = SearchEngine(seed_index)
    yield eng
    eng.close()


def found(engine: SearchEngine, query: str) -> set[str]:
    return {Path(p).name[:3] for p in engine.matching_paths(query)}


def test_latin_name_finds_cyrillic_forms(engine: SearchEngine) -> None:
    assert found(engine, "Ashgabat") == {"000", "001", "004"}  # 004 has «Ашхабаде»
    assert found(engine, "Meredov") == {"001", "002"}  # 002 has «Мередов»


def test_cyrillic_name_finds_latin_forms(engine: SearchEngine) -> None:
    assert found(engine, "Ашхабаде") == {"000", "001", "004"}
    assert found(engine, "МОМ") == {"000", "002"}  # 000 says IOM


def test_quotes_switch_variants_off(engine: SearchEngine) -> None:
    assert found(engine, '"Ashgabat"') == {"000", "001"}


def test_snippet_shows_which_form_matched(engine: SearchEngine) -> None:
    resp = engine.search(SearchRequest(query="Ashgabat", limit=10))
    snippets = {Path(h.path).name[:3]: h.snippet_html() for h in resp.hits}
    assert "<mark>Ашхабаде</mark>" in snippets["004"]
    assert "<mark>Ashgabat</mark>" in snippets["001"]


def test_common_words_are_not_expanded() -> None:
    assert names.variants("migration") == ()
    assert names.variants("год") == ()


def test_a_user_adds_a_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "names.toml"
    path.write_text('[[group]]\nforms = ["Bishkek", "Бишкек", "Frunze"]\n', encoding="utf-8")
    monkeypatch.setenv("SEARCHAPP_NAMES", str(path))
    try:
        assert len(names.variants("Бишкеке")) == 2
    finally:
        names.clear_cache()


def test_a_broken_file_names_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "names.toml"
    path.write_text("[[group]]\nforms = 3\n", encoding="utf-8")
    monkeypatch.setenv("SEARCHAPP_NAMES", str(path))
    try:
        with pytest.raises(names.NamesFileError, match=str(path)):
            names.variants("x")
    finally:
        names.clear_cache()


# -- transliteration (names not in the list) ----------------------------------

RU_TEXT = (
    "Президент Казахстана Касым-Жомарт Токаев провёл переговоры с Шавкатом Мирзиёевым "
    "в Ташкенте. Председатель Центробанка Эльвира Набиуллиной не было. Саид Мирзоев "
    "прибыл позже."
)
EN_TEXT = (
    "Kazakh President Kassym-Jomart Tokayev held talks with Shavkat Mirziyoyev in "
    "Tashkent, officials said. "
)
EN_COMMON = "The minister said the court said nothing, he said. " * 5


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory):
    from searchapp.core.indexer import update_index

    root = tmp_path_factory.mktemp("mixed")
    (root / "ru.txt").write_text(RU_TEXT, encoding="utf-8")
    (root / "en.txt").write_text(EN_TEXT + EN_COMMON, encoding="utf-8")
    (root / "en2.txt").write_text(EN_COMMON, encoding="utf-8")
    index_dir = root / "index"
    update_index(index_dir, [root])
    eng = SearchEngine(index_dir)
    yield eng
    eng.close()


@pytest.fixture
def no_list(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SEARCHAPP_NAMES", str(tmp_path / "none.toml"))
    names.clear_cache()
    yield
    names.clear_cache()


def paths(engine: SearchEngine, query: str, **kw: object) -> set[str]:
    return {Path(p).stem for p in engine.matching_paths(SearchRequest(query=query, **kw))}


@pytest.mark.usefixtures("no_list")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Tokayev", {"ru", "en"}),
        ("tokaev", {"ru", "en"}),  # lower case, passport spelling
        ("Токаева", {"ru", "en"}),  # a case form typed in Russian
        ("Mirziyoyev", {"ru", "en"}),  # the text has «Мирзиёевым»
        ("Kassym-Jomart", {"ru", "en"}),  # «Касым-Жомарт»: a phrase of two names
        ("Ташкенте", {"ru", "en"}),
        ("Nabiullina", {"ru"}),  # «Набиуллиной»
    ],
)
def test_names_meet_across_scripts(mixed: SearchEngine, query: str, expected: set[str]) -> None:
    assert paths(mixed, query) == expected


@pytest.mark.usefixtures("no_list")
def test_a_similar_name_is_not_the_same_name(mixed: SearchEngine) -> None:
    # «Мирзоев» is another surname; Mirziyoyev must not find it, nor the reverse.
    resp = mixed.search(SearchRequest(query="Mirziyoyev", langs=frozenset({"ru"})))
    assert "<mark>Мирзоев" not in resp.hits[0].snippet_html()
    assert paths(mixed, "Мирзоев") == {"ru"}


@pytest.mark.usefixtures("no_list")
def test_common_words_stay_common(mixed: SearchEngine) -> None:
    # «said» and «court» sound like «Саид» and «Курт», but the index shows
    # they are common English words: no Russian article for them…
    assert paths(mixed, "said") == {"en", "en2"}
    assert paths(mixed, "court") == {"en", "en2"}
    # …unless the user writes the word as a name.
    assert paths(mixed, "Said") == {"ru", "en", "en2"}


@pytest.mark.usefixtures("no_list")
def test_names_can_be_switched_off(mixed: SearchEngine) -> None:
    assert paths(mixed, '"Tokayev"') == {"en"}
    assert paths(mixed, "Tokayev", names=False) == {"en"}
    assert paths(mixed, "Токаев", names=False) == {"ru"}


@pytest.mark.usefixtures("no_list")
def test_snippet_marks_the_form_in_the_other_script(mixed: SearchEngine) -> None:
    resp = mixed.search(SearchRequest(query="Mirziyoyev", langs=frozenset({"ru"})))
    assert "<mark>Мирзиёевым</mark>" in resp.hits[0].snippet_html()
    view = mixed.article(resp.hits[0].path, "Mirziyoyev")
    assert view is not None
    assert [view.body[a:b] for a, b in view.body_spans] == ["Мирзиёевым"]


@pytest.mark.usefixtures("no_list")
def test_seeds_a_spelling_no_list_knows(seed_index: Path) -> None:
    eng = SearchEngine(seed_index)
    try:
        # «Meredow» (the Turkmen spelling) finds the Russian article's «Мередов».
        assert {Path(p).name[:3] for p in eng.matching_paths("Meredow")} == {"001", "002"}
        resp = eng.search(SearchRequest(query="Meredow", langs=frozenset({"ru"})))
        assert "<mark>Мередов</mark>" in resp.hits[0].snippet_html()
    finally:
        eng.close()


def test_similar_articles_cross_languages_through_names(seed_index: Path) -> None:
    # 002 (Russian: Мередов, МОМ, Туркменистан) and 001 (English: Meredov, IOM,
    # Turkmenistan) share no word, only names.
    eng = SearchEngine(seed_index)
    try:
        seed = SEEDS_DIR / "002_13e197d8ebd46593.txt"
        similar = [Path(h.path).name[:3] for h in eng.similar(str(seed))]
        assert "001" in similar
    finally:
        eng.close()


# -- every group of resources/names.toml ----------------------------------------

GROUPS = [g["forms"] for g in tomllib.loads(
    (RESOURCES_DIR / "names.toml").read_text(encoding="utf-8"))["group"]]


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory):
    """One short article per form of every group: «Новости: МОМ.», "News: IOM."."""
    from searchapp.core.indexer import update_index

    root = tmp_path_factory.mktemp("groups")
    for i, forms in enumerate(GROUPS):
        for j, form in enumerate(forms):
            lead = "Новости" if any("а" <= c.lower() <= "я" for c in form) else "News"
            (root / f"g{i:02}_{j}.txt").write_text(f"{lead}\n\n{lead}: {form}.\n",
                                                   encoding="utf-8")
    (root / "march.txt").write_text("Встреча\n\nВстреча прошла 2 марта.\n", encoding="utf-8")
    (root / "marta.txt").write_text("Visit\n\nMarta Kos visited the city.\n", encoding="utf-8")
    update_index(root / "index", [root])
    eng = SearchEngine(root / "index")
    yield eng
    eng.close()


@pytest.mark.parametrize("group", [pytest.param(i, id=g[0]) for i, g in enumerate(GROUPS)])
def test_every_form_of_a_group_finds_every_other(grouped: SearchEngine, group: int) -> None:
    articles = {f"g{group:02}_{j}" for j in range(len(GROUPS[group]))}
    for form in GROUPS[group]:
        got = {p for p in paths(grouped, form) if p.startswith("g")}
        assert got == articles, form  # the whole group, and no other group's article


def test_march_does_not_find_marta(grouped: SearchEngine) -> None:
    assert paths(grouped, "марта") == {"march"}
    assert "march" not in paths(grouped, "Marta")


def test_a_form_of_several_words_in_another_case_and_among_other_words(
    grouped: SearchEngine, tmp_path: Path
) -> None:
    red_cross = {f"g{i:02}_{j}" for i, g in enumerate(GROUPS) if "Red Cross" in g
                 for j in range(len(g))}
    # An inflected Russian form, and the English one inside a larger query.
    assert {p for p in paths(grouped, "Красного Креста") if p.startswith("g")} == red_cross
    got = {p for p in paths(grouped, "(Red Cross) OR Ashgabat") if p.startswith("g")}
    assert red_cross < got


def test_the_words_of_a_form_apart_are_not_the_form(tmp_path: Path) -> None:
    from searchapp.core.indexer import update_index

    (tmp_path / "apart.txt").write_text(
        "Flag\n\nA red flag and a cross on the map.\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text(
        "Помощь\n\nКрасный Крест доставил помощь.\n", encoding="utf-8")
    update_index(tmp_path / "index", [tmp_path])
    eng = SearchEngine(tmp_path / "index")
    try:
        assert paths(eng, "Red Cross") == {"ru"}  # the group, not the two words apart
        assert paths(eng, "red flag") == {"apart"}
    finally:
        eng.close()

"""Search over the real seeds: morphology, phrases, operators, filters, facets,
sort, snippets, paging, closest matches, bad queries."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from searchapp.core.engine import CLOSEST_NOTICE, SearchEngine
from searchapp.core.errors import IndexDamagedError
from searchapp.core.indexer import update_index
from searchapp.core.notices import Notice, NoticeKind
from searchapp.core.paths import SEEDS_DIR
from searchapp.core.query import MAX_QUERY_CHARS
from searchapp.core.results import SearchRequest, Sort

SEEDS = {
    "000": "000_c7124042683675e3.txt",
    "001": "001_091d53cfd8a73ce3.txt",
    "002": "002_13e197d8ebd46593.txt",
    "003": "003_fa466dea4ea43802.txt",
    "004": "004_c44cc9d99748644e.txt",
}


@pytest.fixture(scope="module")
def engine(seed_index: Path):
    eng = SearchEngine(seed_index)
    yield eng
    eng.close()


def found(engine: SearchEngine, query: str, **kw: object) -> list[str]:
    resp = engine.search(SearchRequest(query=query, limit=50, **kw))
    return [Path(h.path).name[:3] for h in resp.hits]


@pytest.mark.parametrize("query", ["миграция", "миграции", "мигрантам", "Миграцией"])
def test_word_forms_find_the_iom_article(engine: SearchEngine, query: str) -> None:
    assert "002" in found(engine, query)


def test_snippet_marks_the_surface_form(engine: SearchEngine) -> None:
    hit = engine.search(SearchRequest(query="миграция")).hits[0]
    assert "<mark>миграции</mark>" in hit.snippet_html()


@pytest.mark.parametrize("form", ["Мередов", "Мередова", "Мередовым", "Мередову"])
def test_surname_in_any_case_form(engine: SearchEngine, form: str) -> None:
    # 002 writes «Мередов»; 001 writes "Meredov" (found through resources/names.toml).
    assert sorted(found(engine, form)) == ["001", "002"]


def test_phrase_over_lemmas(engine: SearchEngine) -> None:
    assert found(engine, '"Красный Полумесяц"') == ["004"]
    assert found(engine, '"Полумесяц Красный"') == []


def test_irregular_form(engine: SearchEngine) -> None:
    # «помощь мигрантам … торговле людьми»: the query «людей» finds «людьми».
    assert found(engine, "людей") == ["002"]


def test_teasers_of_other_articles_are_not_indexed(engine: SearchEngine) -> None:
    assert found(engine, "Болгария") == []
    assert found(engine, "Йотова") == []


def test_english_and_both_languages(engine: SearchEngine) -> None:
    assert set(found(engine, "migration")) == {"000"}
    assert set(found(engine, '"Ashgabat"')) == {"000", "001"}
    assert set(found(engine, "Ashgabat")) == {"000", "001", "004"}  # + «Ашхабаде», names.toml
    assert set(found(engine, "Ashgabat OR Ашхабад")) == {"000", "001", "004"}


def test_not_and_minus(engine: SearchEngine) -> None:
    assert set(found(engine, "Ashgabat -neutrality")) == {"000", "004"}
    assert set(found(engine, "Ashgabat NOT neutrality")) == {"000", "004"}


def test_prefix(engine: SearchEngine) -> None:
    assert "002" in found(engine, "мигра*")
    assert "000" in found(engine, "migra*")


def test_english_prefix_longer_than_its_stem(engine: SearchEngine) -> None:
    # The index keeps «migrat» for "migration": «migrations*» is also searched as «migrat*».
    assert found(engine, "migrations*") == ["000"]


def test_english_prefix_whose_stem_has_two_letters(tmp_path: Path, write_articles) -> None:
    root = write_articles({"ad.txt": "Adverts\n\nThe ad ran on Monday.",
                           "rain.txt": "Weather\n\nRain fell on Monday."})
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        assert own_found(eng, "ads*") == ["ad"]  # searched as «ads*» and «ad*»
    finally:
        eng.close()


def test_wildcard_inside_a_word(engine: SearchEngine) -> None:
    assert found(engine, "мигр?ция") == ["002"]


@pytest.mark.parametrize("query", ["мигра*", "мигр?ция"])
def test_prefix_and_wildcard_matches_are_marked(engine: SearchEngine, query: str) -> None:
    hit = engine.search(SearchRequest(query=query)).hits[0]
    assert re.search(r"<mark>[Мм]игра\w*</mark>", hit.snippet_html())
    view = engine.article(hit.path, query)
    assert view is not None and view.body_spans


OWN = {
    # «миграция» in the title of one article and only in the body of the other
    "in_title.md": "---\ntitle: Миграция в регионе\nsource: Planet\nlang: ru\n---\n"
                   "Отчёт о поездах и дорогах.\n",
    "in_body.md": "---\ntitle: Отчёт о погоде\nsource: Planet\nlang: ru\n---\n"
                  "Речь шла о трудовой миграции.\n",
    # the word "Trend" in the body of a Planet article; the Trend article never says it
    "planet.md": "---\ntitle: Market notes\nsource: Planet\nlang: en\n---\n"
                 "The Trend of the season is cotton.\n",
    "trend.md": "---\ntitle: Harvest\nsource: Trend\nlang: en\n---\n"
                "Cotton was picked early this year.\n",
    # relevance: one says "cotton" in its title and three times, the other once
    "cotton_all.md": "---\ntitle: Cotton exports\nsource: Planet\nlang: en\n---\n"
                     "Cotton mills bought cotton; cotton prices rose. Wheat fell.\n",
    # front matter and HTML metadata name the outlet; the text names Trend (sources.toml)
    "front.md": "---\ntitle: Front matter wins\nsource: Daily Planet\n---\n"
                "Grain exports grew, Trend reports.\n",
    "meta.html": "<html><head><title>Metadata wins</title>"
                 "<meta property='og:site_name' content='Daily Planet'></head><body><article>"
                 "<p>Grain exports grew again this spring across the whole region, Trend "
                 "reports.</p><p>Farmers sold more barley and oats than in any year "
                 "before.</p></article></body></html>",
    "plain.txt": "Grain exports\n\nGrain exports grew, Trend reports.\n",
}


def _engine_over(tmp_path_factory: pytest.TempPathFactory, name: str,
                 files: dict[str, str]) -> Iterator[SearchEngine]:
    """An engine over a new index of ``files``, every one of them added."""
    root = tmp_path_factory.mktemp(name)
    (root / "articles").mkdir()
    for file_name, text in files.items():
        (root / "articles" / file_name).write_text(text, encoding="utf-8")
    report = update_index(root / "index", [root / "articles"])
    assert report.added == len(files) and not report.failed
    eng = SearchEngine(root / "index")
    yield eng
    eng.close()


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory):
    yield from _engine_over(tmp_path_factory, "own", OWN)


def own_found(engine: SearchEngine, query: str, **kw: object) -> list[str]:
    resp = engine.search(SearchRequest(query=query, limit=50, **kw))
    return [Path(h.path).stem for h in resp.hits]


def test_fields(own: SearchEngine, engine: SearchEngine) -> None:
    assert sorted(own_found(own, "миграция")) == ["in_body", "in_title"]
    assert own_found(own, "title:миграция") == ["in_title"]  # title only
    assert "planet" in own_found(own, "Trend") and "trend" not in own_found(own, "Trend")
    assert sorted(own_found(own, "source:Trend")) == ["plain", "trend"]  # not the word
    assert set(found(engine, "lang:ru")) == {"002", "004"}


def test_quoted_source_is_its_words_in_order(own: SearchEngine) -> None:
    # «Daily Planet» is the source of two articles, «Planet» of four more.
    assert sorted(own_found(own, 'source:"Daily Planet"')) == ["front", "meta"]
    assert own_found(own, 'source:"Planet Daily"') == []
    assert len(own_found(own, "source:Planet")) == 6


DOTTED = {
    "gazeta.md": "---\ntitle: Хлопок\nsource: Газета.uz\nlang: ru\n---\nУрожай хлопка.\n",
    "lenta.md": "---\ntitle: Газ\nsource: Lenta.ru\nlang: ru\n---\nЦены на газ.\n",
    "yo.md": "---\ntitle: Праздник\nsource: Новости Ёлки\nlang: ru\n---\nЁлка в центре.\n",
}


@pytest.fixture(scope="module")
def dotted(tmp_path_factory: pytest.TempPathFactory):
    yield from _engine_over(tmp_path_factory, "dotted", DOTTED)


@pytest.mark.parametrize(("query", "stem"), [
    ("source:Газета.uz", "gazeta"), ('source:"Газета.uz"', "gazeta"), ("source:газета", "gazeta"),
    ("source:uz", "gazeta"), ("source:Lenta.ru", "lenta"), ("source:lenta", "lenta"),
    ("source:ёлки", "yo"), ("source:елки", "yo"), ('source:"новости елки"', "yo"),
])
def test_source_words_are_split_at_dots_and_folded(dotted: SearchEngine, query: str,
                                                   stem: str) -> None:
    """«Газета.uz» is the words «газета» and «uz», «Ёлки» is «елки», as the
    query asks for them (``source:Газета.uz`` found nothing)."""
    assert own_found(dotted, query) == [stem]


SIGNS = {
    "nplus.md": "---\ntitle: Задача\nsource: N+1\nlang: ru\n---\nСколько будет 2+2?\n",
    "nnews.md": "---\ntitle: Погода\nsource: N News\nlang: ru\n---\n"
                "За 2 дня дождя стало на 2 градуса холоднее.\n",
    "gas.md": "---\ntitle: Газ\nsource: Lenta.ru\nlang: ru\n---\nЦены на газ выросли.\n",
    "oilgas.md": "---\ntitle: Добыча\nsource: Lenta.ru\nlang: ru\n---\nДобыча нефти и газа.\n",
    # scraped text: a Latin «e» in «нeфть», a Latin «M» in «Mосква»
    "scraped.md": "---\ntitle: Цены\nsource: Вести\nlang: ru\n---\nЦены на нeфть, Mосква.\n",
    "moscow.md": "---\ntitle: Выставка\nsource: Вести\nlang: ru\n---\n"
                 "В Москве открылась выставка.\n",
}


@pytest.fixture(scope="module")
def signs(tmp_path_factory: pytest.TempPathFactory):
    yield from _engine_over(tmp_path_factory, "signs", SIGNS)


@pytest.mark.parametrize(("query", "stems"), [
    ("source:N+1", ["nplus"]), ("source:N", ["nnews", "nplus"]),
    ("2+2", ["nplus"]), ("нефть +газ", ["oilgas"]), ("+газ", ["gas", "oilgas"]),
])
def test_a_plus_is_no_operator(signs: SearchEngine, query: str, stems: list[str]) -> None:
    """«N+1» is the words N and 1 side by side, as the index has them; «+газ»
    is «газ» (Whoosh read «+» as "must have": «source:N+1» found every N
    source's article or any with a 1, «нефть +газ» what «газ» found)."""
    assert sorted(own_found(signs, query)) == stems


def test_brackets_are_no_range(signs: SearchEngine) -> None:
    # A range over every word of the index found every article (11 s at 3,205).
    resp = signs.search(SearchRequest(query="[а TO я]"))
    assert resp.total == 0


def test_a_weight_is_left_out_with_a_notice(signs: SearchEngine) -> None:
    resp = signs.search(SearchRequest(query="газ^2"))
    assert sorted(Path(h.path).stem for h in resp.hits) == ["gas", "oilgas"]
    assert resp.notices == (Notice(NoticeKind.MARK_LEFT_OUT, ("^2",)),)


@pytest.mark.parametrize(("query", "stems"), [
    ("нефть", ["oilgas", "scraped"]), ("нeфть", ["oilgas", "scraped"]),
    ("Mосква", ["moscow", "scraped"]), ("Москва", ["moscow", "scraped"]),
    ("Moskva", ["moscow", "scraped"]),
])
def test_look_alike_letters_of_the_other_script_are_folded(
    signs: SearchEngine, query: str, stems: list[str]
) -> None:
    """«нeфть» with a Latin e is «нефть», in the text and in the query; a
    Latin «Moskva» stays Latin and finds «Москва» as a name across scripts."""
    assert sorted(own_found(signs, query)) == stems


def test_results_are_ordered_by_relevance(own: SearchEngine) -> None:
    resp = own.search(SearchRequest(query="cotton"))
    assert Path(resp.hits[0].path).stem == "cotton_all"
    scores = [h.score for h in resp.hits]
    assert len(scores) == 3 and scores == sorted(scores, reverse=True)
    assert scores[0] > scores[1]


def test_an_article_missing_a_word_is_left_out(own: SearchEngine) -> None:
    resp = own.search(SearchRequest(query="cotton wheat"))
    assert [Path(h.path).stem for h in resp.hits] == ["cotton_all"] and resp.notices == ()


def test_front_matter_and_html_metadata_win_over_sources_toml(own: SearchEngine) -> None:
    sources = {Path(h.path).name: h.source
               for h in own.search(SearchRequest(query="grain", limit=50)).hits}
    assert sources == {"front.md": "Daily Planet", "meta.html": "Daily Planet",
                       "plain.txt": "Trend"}  # the signature alone: sources.toml


def test_closest_matches_when_no_article_has_all_words(engine: SearchEngine) -> None:
    resp = engine.search(SearchRequest(query="Мередов Шуша"))
    assert resp.total > 0 and resp.notices == (CLOSEST_NOTICE,)


def test_empty_query_browses_newest_first(engine: SearchEngine) -> None:
    resp = engine.search(SearchRequest(query=""))
    assert resp.total == 5
    dates = [h.date for h in resp.hits]
    assert dates == sorted(dates, reverse=True)
    assert Path(resp.hits[0].path).name[:3] == "004"


@pytest.mark.parametrize("sort", [Sort.NEWEST, Sort.OLDEST])
def test_sort_by_date(engine: SearchEngine, sort: Sort) -> None:
    hits = engine.search(SearchRequest(query="", sort=sort)).hits
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=sort is Sort.NEWEST)
    assert {h.score for h in hits} == {0.0}  # not ranked


def test_filters_source_lang_and_dates(engine: SearchEngine) -> None:
    assert found(engine, "", sources=frozenset({"Trend"})) == ["003"]
    assert set(found(engine, "", langs=frozenset({"ru"}))) == {"002", "004"}
    got = found(engine, "", since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31))
    assert set(got) == {"000", "001", "003"}


def test_facet_counts_ignore_their_own_selection(engine: SearchEngine) -> None:
    resp = engine.search(SearchRequest(query="", sources=frozenset({"Trend"})))
    assert resp.total == 1
    assert sum(resp.facets.source.values()) == 5  # other sources stay pickable
    assert resp.facets.lang == {"en": 1}  # other facets follow the selection
    assert resp.facets.year == {"2024": 1}


def test_date_facets_ignore_the_date_selection(engine: SearchEngine) -> None:
    resp = engine.search(SearchRequest(query="", since=dt.date(2024, 1, 1),
                                       until=dt.date(2024, 12, 31)))
    assert resp.total == 3
    assert resp.facets.year == {"2021": 1, "2024": 3, "2025": 1}  # other years stay pickable
    assert sum(resp.facets.month.values()) == 5
    assert sum(resp.facets.source.values()) == 3  # other facets follow the selection


def test_facets_follow_the_query(engine: SearchEngine) -> None:
    facets = engine.search(SearchRequest(query="\"Ашхабад\" OR миграция")).facets
    assert facets.lang == {"ru": 2}
    assert facets.year == {"2021": 1, "2025": 1}
    assert facets.month == {"2021-03": 1, "2025-09": 1}


def test_relevance_pages(engine: SearchEngine) -> None:
    first = engine.search(SearchRequest(query="Ashgabat", limit=1))
    rest = engine.search(SearchRequest(query="Ashgabat", limit=2, offset=1))
    assert first.total == rest.total == 3
    assert len(first.hits) == 1 and len(rest.hits) == 2
    assert first.hits[0].path not in {h.path for h in rest.hits}


def test_negated_words_do_not_count_for_closest_matches(engine: SearchEngine) -> None:
    # «neutrality» is only in 001, which has «Ashgabat»: nothing left, and no retry.
    for query in ("neutrality -Ashgabat", "neutrality NOT Ashgabat"):
        resp = engine.search(SearchRequest(query=query))
        assert resp.total == 0 and resp.notice is None
    # A part left out inside a negation leaves the rest as it was.
    assert found(engine, "Ashgabat -м*") == found(engine, "Ashgabat")


def test_a_plus_word_is_the_word(engine: SearchEngine) -> None:
    # Every word is required already; «+» made the others optional (Whoosh's
    # "must have"): «+Ashgabat neutrality» found every Ashgabat article.
    resp = engine.search(SearchRequest(query="+Ashgabat neutrality"))
    assert found(engine, "+Ashgabat neutrality") == found(engine, "Ashgabat neutrality") == ["001"]
    assert resp.notice is None


def test_paging(engine: SearchEngine) -> None:
    first = engine.search(SearchRequest(query="", limit=2))
    second = engine.search(SearchRequest(query="", limit=2, offset=2))
    assert first.total == second.total == 5
    assert not {h.path for h in first.hits} & {h.path for h in second.hits}


@pytest.mark.parametrize(
    ("query", "expected", "kind"),
    [('"Красный Полумесяц', ["004"], NoticeKind.QUOTE_NOT_CLOSED),
     ("(миграция", ["002"], NoticeKind.UNBALANCED_BRACKETS),
     ("foo:bar", [], NoticeKind.UNKNOWN_FIELD), ("x" * 10_000, [], NoticeKind.QUERY_CUT),
     # syntax alone is a query not typed yet: every article, as for an empty query
     (")))", ["000", "001", "002", "003", "004"], NoticeKind.UNBALANCED_BRACKETS),
     # a «*» alone is punctuation: no word, nothing found, and it says so
     ("*", [], NoticeKind.NO_WORDS), ("**", [], NoticeKind.NO_WORDS)],
)
def test_malformed_queries_answer(engine: SearchEngine, query: str, expected: list[str],
                                  kind: NoticeKind | None) -> None:
    resp = engine.search(SearchRequest(query=query))
    assert sorted(Path(h.path).name[:3] for h in resp.hits) == expected
    assert [n.kind for n in resp.notices] == ([] if kind is None else [kind])


def test_article_view_marks_every_hit(engine: SearchEngine, seed_index: Path) -> None:
    path = next(p for p in engine.matching_paths("") if p.endswith(SEEDS["002"]))
    view = engine.article(path, "миграция")
    assert view is not None
    marked = [view.body[s:e] for s, e in view.body_spans]
    every = re.findall(r"(?<!\w)[Мм]играци\w*", view.body)  # every form of the word
    assert len(every) >= 4 and marked == every
    assert view.title_spans


def test_article_view_marks_title_and_body_words_apart(engine: SearchEngine) -> None:
    path = next(p for p in engine.matching_paths("") if p.endswith(SEEDS["002"]))

    def marked(query: str, **kw: bool) -> tuple[list[str], list[str]]:
        view = engine.article(path, query, **kw)
        assert view is not None
        return ([view.title[s:e] for s, e in view.title_spans],
                [view.body[s:e] for s, e in view.body_spans])

    assert marked("намерен") == (["намерен"], [])  # a word of the title only
    assert marked("людей") == ([], ["людьми"])  # a word of the body only
    assert marked("Meredov") == ([], ["Мередов"])  # the name in the other script
    assert marked("Meredov", names=False) == ([], [])
    assert marked("") == ([], [])


def test_stats(engine: SearchEngine) -> None:
    stats = engine.stats()
    assert stats.articles == 5 and stats.sources >= 3


def test_did_you_mean_from_the_index_vocabulary(engine: SearchEngine) -> None:
    resp = engine.search(SearchRequest(query="Ашхабат"))
    assert resp.total == 0 and resp.suggestion == "Ашхабад"
    assert engine.search(SearchRequest(query="migartion")).suggestion == "migration"
    assert engine.search(SearchRequest(query="миграция")).suggestion is None
    assert engine.search(SearchRequest(query='"Ашхабат"')).suggestion is None  # syntax: no


def test_similar_articles(engine: SearchEngine) -> None:
    path = next(p for p in engine.matching_paths("") if p.endswith(SEEDS["000"]))
    similar = [Path(h.path).name[:3] for h in engine.similar(path)]
    assert similar and similar[0] == "001"  # the other report of the same conference
    assert "000" not in similar


def test_question_mark_after_a_name_finds_the_same(engine: SearchEngine) -> None:
    assert sorted(found(engine, "Мередов?")) == sorted(found(engine, "Мередов")) == ["001", "002"]


def test_sentence_initial_capital_is_not_a_name(tmp_path: Path, write_articles) -> None:
    from searchapp.core.indexer import update_index

    root = write_articles({
        "faith.txt": "Вера в успех крепла с каждым днём.",
        "tanya.txt": "Татьяна пришла домой поздно.",
        "tanya2.txt": "Вчера мы видели Татьяну в театре.",
    })
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        assert found(eng, "vera") == []
        assert sorted(found(eng, "Tatyana")) == ["tan", "tan"]
        assert sorted(found(eng, "tatiana")) == ["tan", "tan"]
    finally:
        eng.close()


def test_a_latin_name_opening_a_sentence_is_found_from_the_other_script(
        tmp_path: Path, write_articles) -> None:
    root = write_articles({
        "a.txt": "Talks in Astana\n\nOfficials met on Monday. Tokayev sent a message of support.",
        "b.txt": "Погода\n\nОфициальные лица встретились в понедельник.",
    })
    with indexed(tmp_path, root) as eng:
        for query in ("Tokayev", "Токаев", "Токаева", "Tokaev"):
            assert own_found(eng, query) == ["a"], query
        assert own_found(eng, "officials") == ["a"]  # a common word: no other script


@contextlib.contextmanager
def indexed(tmp_path: Path, root: Path) -> Iterator[SearchEngine]:
    """An engine over a new index of ``root``, closed after."""
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        yield eng
    finally:
        eng.close()


def test_lower_case_word_is_a_name_when_the_index_capitalises_it(tmp_path: Path,
                                                                 write_articles) -> None:
    root = write_articles({
        "kz_en.txt": "Kazakhstan\n\nPresident Tokayev met the press.",
        "kz_ru.txt": "Казахстан\n\nПрезидент Токаев встретился с прессой.",
        "aloe.txt": "Garden\n\nThe aloe vera plant grows well.",
        "vera.txt": "Новости\n\nВчера Вера пришла домой.",
    })
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        assert sorted(own_found(eng, "tokayev")) == ["kz_en", "kz_ru"]  # a name: both scripts
        assert own_found(eng, "vera") == ["aloe"]  # never capitalised here: a word
    finally:
        eng.close()


def test_a_word_finds_the_forms_of_each_of_its_readings(tmp_path: Path,
                                                         write_articles) -> None:
    # «белка» reads as белка (squirrel) or белок (protein); «белкой» is only the squirrel.
    root = write_articles({"squirrel.txt": "Лес\n\nМы долго следили за белкой.",
                           "protein.txt": "Еда\n\nВ мясе много белка и жира."})
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        assert sorted(own_found(eng, "белка")) == ["protein", "squirrel"]
    finally:
        eng.close()


def test_phrase_with_a_word_of_two_readings_keeps_its_order(tmp_path: Path,
                                                            write_articles) -> None:
    root = write_articles({"phrase.txt": "Лес\n\nРыжая белка прыгала по веткам.",
                           "apart.txt": "Лес\n\nБелка была совсем не рыжая."})
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        resp = eng.search(SearchRequest(query='"рыжая белка"'))
        assert [Path(h.path).stem for h in resp.hits] == ["phrase"] and resp.notice is None
        assert sorted(own_found(eng, "рыжая белка")) == ["apart", "phrase"]
    finally:
        eng.close()


def test_a_phrase_is_marked_where_it_stands_not_word_by_word(tmp_path: Path,
                                                              write_articles) -> None:
    """The snippet and the reading pane show why the article matched: the
    phrase, not each of its words wherever it stands; a word the query also
    has on its own is marked everywhere."""
    root = write_articles({"square.txt": "Площадь\n\nУтром красный автобус выехал на "
                                         "площадь. Красная площадь была пуста. Красные флаги."})
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        (hit,) = eng.search(SearchRequest(query='"красная площадь"')).hits
        marked = [f.text[s:e] for f in hit.fragments for s, e in f.spans]
        assert marked == ["Красная", "площадь"]
        view = eng.article(hit.path, '"красная площадь"')
        assert view is not None
        assert [view.body[s:e] for s, e in view.body_spans] == ["Красная", "площадь"]
        (hit,) = eng.search(SearchRequest(query='"красная площадь" автобус')).hits
        marked = [f.text[s:e] for f in hit.fragments for s, e in f.spans]
        assert marked == ["автобус", "Красная", "площадь"]
        (hit,) = eng.search(SearchRequest(query="красная площадь")).hits  # no phrase
        marked = [f.text[s:e] for f in hit.fragments for s, e in f.spans]
        assert marked == ["красный", "площадь", "Красная", "площадь", "Красные"]
    finally:
        eng.close()


def test_long_query_suggests_from_the_query_as_cut(engine: SearchEngine) -> None:
    resp = engine.search(SearchRequest(query="x" * 10_000))
    assert resp.suggestion is None
    resp = engine.search(SearchRequest(query="Ашхабат " * 2_000))
    assert resp.suggestion is not None and len(resp.suggestion) <= MAX_QUERY_CHARS
    assert resp.suggestion.startswith("Ашхабад Ашхабад")


def test_suggestion_only_when_it_finds_more(engine: SearchEngine) -> None:
    # «migartion» → «migration» finds articles; a correction that finds no
    # more than the query as typed is not offered.
    assert engine.search(SearchRequest(query="migartion")).suggestion == "migration"
    assert engine.search(SearchRequest(query="migartion qwzxvk")).suggestion is None


@pytest.mark.parametrize("query", ["!!!...,,,???", "...", "???"])
def test_query_without_words_says_so(engine: SearchEngine, query: str) -> None:
    resp = engine.search(SearchRequest(query=query))
    assert resp.total == 0 and resp.notices == (Notice(NoticeKind.NO_WORDS),)
    assert resp.notice == "The query has no words to search for."  # the CLI's line


@pytest.mark.parametrize(("negated", "positive"), [
    ("-миграция", "миграция"), ("-миграция -Ашхабад", "миграция OR Ашхабад"),
    ('-"Красного Полумесяца"', '"Красного Полумесяца"'), ("NOT миграция", "миграция"),
])
def test_only_negated_words_leave_out_what_has_them(engine: SearchEngine, negated: str,
                                                     positive: str) -> None:
    """«-миграция» alone said "no words to search for" (``NOT миграция`` worked)."""
    every = set(found(engine, ""))
    resp = engine.search(SearchRequest(query=negated, limit=50))
    assert not resp.notices
    assert set(found(engine, negated)) == every - set(found(engine, positive))
    assert 0 < resp.total < len(every)


def test_source_filter_matches_like_the_source_field(engine: SearchEngine) -> None:
    assert found(engine, "", sources=frozenset({"trend"})) == ["003"]
    assert found(engine, "", sources=frozenset({"  TREND "})) == found(engine, "source:trend")
    resp = engine.search(SearchRequest(query="", sources=frozenset({"Nowhere News"})))
    assert resp.total == 0
    assert resp.notices == (Notice(NoticeKind.UNKNOWN_SOURCE, ("Nowhere News",)),)


@pytest.mark.parametrize(("query", "named"), [
    ("source:Nowhere", "nowhere"), ("миграция source:nowhere", "nowhere"),
    ('source:"Trend Nowhere"', "trend nowhere"), ("source:Trend OR source:Nowhere", "nowhere"),
])
def test_a_source_in_the_query_that_no_article_has_is_named(engine: SearchEngine, query: str,
                                                             named: str) -> None:
    """``source:Nowher`` found nothing without a word of why."""
    resp = engine.search(SearchRequest(query=query))
    assert resp.notices == (Notice(NoticeKind.UNKNOWN_SOURCE, (named,)),)
    for known in ("source:trend", "source:TREND", "-source:Nowhere", "Ашхабад"):
        assert not engine.search(SearchRequest(query=known)).notices, known


def test_dangling_operator_and_unknown_language(engine: SearchEngine) -> None:
    for query in ("Ашхабад AND", "Ашхабад OR"):
        resp = engine.search(SearchRequest(query=query))
        assert found(engine, query) == found(engine, "Ашхабад")
        assert resp.notices == (Notice(NoticeKind.DANGLING_OPERATOR),)
    resp = engine.search(SearchRequest(query="lang:xx"))
    assert resp.total == 0 and resp.notices == (Notice(NoticeKind.UNKNOWN_LANG),)


def test_question_is_ranked_on_its_words(engine: SearchEngine) -> None:
    # No article has every word of the question: it is ranked on its words,
    # best first, without the closest-matches notice (a question's answer
    # need not repeat its words); as keywords, the same words need them all.
    question = "Что известно про Ашхабад сейчас?"
    resp = engine.search(SearchRequest(query=question))
    assert resp.total > 0 and resp.notices == ()
    assert Path(resp.hits[0].path).name[:3] in found(engine, "Ашхабад")
    keywords = engine.search(SearchRequest(query=question.rstrip("?")))
    assert keywords.notices == (CLOSEST_NOTICE,)


def _small_engine(tmp_path: Path, write_articles, files: dict[str, str]) -> SearchEngine:
    filler = {f"filler{i}.txt": f"Weather {i}\n\nRain fell on the town {i}." for i in range(40)}
    update_index(tmp_path / "ix", [write_articles({**filler, **files})])
    return SearchEngine(tmp_path / "ix")


def test_question_ranks_its_words_side_by_side_first(tmp_path: Path, write_articles) -> None:
    # A question typed from memory of a sentence: the article where its
    # words stand side by side comes before one that only repeats them apart.
    eng = _small_engine(tmp_path, write_articles, {
        "apart.txt": "Tax talks\n\nOffice ministers at home. Tax office. The office met tax "
                     "ministers at noon; the ministers said tax is at the office.",
        "side.txt": "Spring\n\nThe ministers met at the tax office in spring, and the "
                    "budget was read.",
    })
    try:
        resp = eng.search(SearchRequest(query="Why ministers met at the tax office?"))
        assert [Path(h.path).name for h in resp.hits[:2]] == ["side.txt", "apart.txt"]
        # As keywords (no bonus), the article repeating the words comes first.
        keywords = eng.search(SearchRequest(query="ministers met at the tax office"))
        assert Path(keywords.hits[0].path).name == "apart.txt"
    finally:
        eng.close()


def test_question_word_alone_matches_nothing(tmp_path: Path, write_articles) -> None:
    # «What» opens the question and says nothing of its answer: an article
    # that has only that word is not among the results.
    eng = _small_engine(tmp_path, write_articles, {
        "what.txt": "Quiz\n\nWhat a quiz it was.",
        "rail.txt": "Railways\n\nThe railway strike ended.",
    })
    try:
        resp = eng.search(SearchRequest(query="What ended railway strike?"))
        assert [Path(h.path).name for h in resp.hits] == ["rail.txt"]
        assert found(eng, "What quiz") == ["wha"]  # keywords keep every word
    finally:
        eng.close()


@pytest.mark.parametrize("query", ["Who wrote the Liber servitoris?", "the Liber servitoris",
                                   "Кто написал в Liber servitoris?",
                                   "Who wrote of the Liber servitoris?"])  # «of the» side by side
def test_a_query_of_any_words_is_not_matched_on_its_function_words_alone(
    tmp_path: Path, write_articles, query: str
) -> None:
    """A question or the closest matches of words no article has: every
    article with «the» or «в» was listed, each «the» marked."""
    eng = _small_engine(tmp_path, write_articles, {
        "ru.txt": "Новости\n\nВ городе прошёл дождь.",
        "council.txt": "Council\n\nThe council of the city met.",
    })
    try:
        assert found(eng, query) == []
        assert found(eng, "Who wrote to the council?") == ["cou"]  # a word of it is found
    finally:
        eng.close()


def test_closest_matches_put_the_rarest_word_first(tmp_path: Path, write_articles) -> None:
    from searchapp.core.indexer import update_index

    # The case: ALL-CAPS headlines made «oil» look like a name, and
    # an oil article matched six terms (oil, ~oil, ^oil in title and body).
    # The article with the rare word and one common word comes before those
    # repeating the two common ones (with every word weighed alike it would not).
    files = {f"oil{i}.txt": f"OIL PRICES RISE {i}\n\nOil prices rose again, oil traders said."
             for i in range(12)}
    files.update({f"other{i}.txt": f"Weather {i}\n\nRain fell on the town." for i in range(300)})
    files["kz.txt"] = "Exports grew\n\nKazakhstan oil exports grew, traders said."
    update_index(tmp_path / "ix", [write_articles(files)])
    eng = SearchEngine(tmp_path / "ix")
    try:
        resp = eng.search(SearchRequest(query="oil prices Kazakhstan"))
        assert resp.notices == (CLOSEST_NOTICE,)
        assert Path(resp.hits[0].path).name == "kz.txt"
    finally:
        eng.close()


def test_empty_index_answers(tmp_path: Path) -> None:
    # An index created and killed before its first commit holds no article.
    from searchapp.core import store

    store.create(tmp_path / "ix").close()
    eng = SearchEngine(tmp_path / "ix")
    try:
        assert eng.matching_paths("") == [] and eng.matching_paths("миграция") == []
        assert eng.search(SearchRequest(query="миграция")).total == 0
    finally:
        eng.close()


DATED = {
    "new.md": "---\ntitle: Хлопок\ndate: 2024-03-01\nsource: Вёсти\nlang: ru\n---\n"
              "Хлопок в этом году собрали рано.\n",
    "old.md": "---\ntitle: Cotton\ndate: 2023-01-05\nsource: Planet\nlang: en\n"
              "url: https://example.org/cotton\n---\n"
              "Cotton was picked early.\n",
    "undated.md": "---\ntitle: Cotton again\nsource: Planet\nlang: en\n---\n"
                  "Cotton was picked late.\n",
}


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory):
    yield from _engine_over(tmp_path_factory, "dated", DATED)


def test_a_date_range_holds_its_first_and_last_day(dated: SearchEngine) -> None:
    """Since and until are inclusive; an undated article is in no range."""
    day = dt.date(2023, 1, 5)
    assert own_found(dated, "", since=day, until=day) == ["old"]
    assert own_found(dated, "", until=day) == ["old"]
    assert own_found(dated, "", since=day) == ["new", "old"]
    assert own_found(dated, "", since=day + dt.timedelta(days=1), until=dt.date(2024, 3, 1)) \
        == ["new"]
    facets = dated.search(SearchRequest(query="", until=day)).facets
    assert facets.lang == {"en": 1} and facets.month == {"2023-01": 1, "2024-03": 1}


@pytest.mark.parametrize(("sort", "order"), [(Sort.NEWEST, ["new", "old", "undated"]),
                                             (Sort.OLDEST, ["old", "new", "undated"])])
def test_undated_articles_go_last_in_both_date_orders(dated: SearchEngine, sort: Sort,
                                                      order: list[str]) -> None:
    assert own_found(dated, "", sort=sort) == order


def test_undated_articles_are_in_no_year_or_month(dated: SearchEngine) -> None:
    facets = dated.search(SearchRequest(query="")).facets
    assert facets.year == {"2023": 1, "2024": 1}
    assert facets.month == {"2023-01": 1, "2024-03": 1}


def test_date_filter_with_one_bound_leaves_undated_articles_out(dated: SearchEngine) -> None:
    assert own_found(dated, "", since=dt.date(2024, 1, 1)) == ["new"]
    assert own_found(dated, "", until=dt.date(2023, 12, 31)) == ["old"]


def test_source_filter_ignores_yo(dated: SearchEngine) -> None:
    # «Вести» and «Вёсти» are one source, like in the query field ``source:``.
    assert own_found(dated, "", sources=frozenset({"Вести"})) == ["new"]
    assert dated.search(SearchRequest(query="", sources=frozenset({"вести"}))).notice is None


def test_a_source_written_in_two_cases_is_one_facet_value(tmp_path: Path,
                                                          write_articles) -> None:
    """«Lenta.ru» and «lenta.ru» were two facet values of one article each, and a
    filter on either found both: one value now, counting what its filter finds."""
    root = write_articles({
        "a.md": "---\ntitle: Нефть\nsource: Lenta.ru\n---\nНефть подорожала.\n",
        "b.md": "---\ntitle: Нефть\nsource: lenta.ru\n---\nНефть подешевела.\n",
    })
    with indexed(tmp_path, root) as eng:
        facets = eng.search(SearchRequest(query="нефть")).facets
        assert facets.source == {"Lenta.ru": 2}
        for name in ("Lenta.ru", "lenta.ru"):
            assert eng.search(SearchRequest(query="нефть", sources=frozenset({name}))).total == 2
        # The name is the index's, whichever of them a search finds.
        assert eng.search(SearchRequest(query="подешевела")).facets.source == {"Lenta.ru": 1}
        assert eng.stats().sources == 1


@pytest.mark.parametrize(("question", "ranked_on_words"),
                         [("Мередов Шуша Ашхабад?", True), ("Мередов Шуша?", False),
                          ("Мередов Шуша Ашхабад", False)])
def test_a_question_needs_three_words_and_a_question_mark(
    engine: SearchEngine, question: str, ranked_on_words: bool
) -> None:
    # No article has every word: a question is ranked on its words without
    # a notice; keywords fall back to the closest matches, with one.
    resp = engine.search(SearchRequest(query=question))
    assert resp.total > 0
    assert (resp.notice is None) is ranked_on_words


def test_results_follow_the_index_while_the_engine_stays_open(tmp_path: Path,
                                                              write_articles) -> None:
    root = write_articles({"a.txt": "Cotton\n\nCotton was picked early."})
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        assert eng.search(SearchRequest(query="cotton")).total == 1
        (root / "b.txt").write_text("More cotton\n\nCotton prices rose.", encoding="utf-8")
        update_index(tmp_path / "ix", [root])
        assert eng.search(SearchRequest(query="cotton")).total == 2
        assert eng.stats().articles == 2
    finally:
        eng.close()


def test_similar_articles_are_eight_at_most(tmp_path: Path, write_articles) -> None:
    root = write_articles({f"c{i}.txt": f"Cotton {i}\n\nCotton harvest and cotton prices {i}."
                           for i in range(12)})
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        path = eng.matching_paths("")[0]
        similar = [h.path for h in eng.similar(path)]
        assert len(similar) == 8 and path not in similar
    finally:
        eng.close()


def test_elapsed_time_is_the_time_the_search_took(engine: SearchEngine, monkeypatch) -> None:
    # A fake clock: the search starts at 10 s and ends at 10.25 s.
    ticks = iter([10.0, 10.25])
    clock = SimpleNamespace(perf_counter=lambda: next(ticks))
    monkeypatch.setattr("searchapp.core.engine.time", clock)
    assert engine.search(SearchRequest(query="миграция")).elapsed_ms == pytest.approx(250.0)


def test_article_view_has_the_fields_of_the_article(dated: SearchEngine) -> None:
    paths = {Path(p).stem: p for p in dated.matching_paths("")}
    view = dated.article(paths["old"])
    assert view is not None and view.path == paths["old"]
    assert (view.title, view.body, view.source, view.lang, view.date, view.url) == (
        "Cotton", "Cotton was picked early.", "Planet", "en", dt.date(2023, 1, 5),
        "https://example.org/cotton")
    view = dated.article(paths["new"])
    assert view is not None and (view.source, view.lang, view.url) == ("Вёсти", "ru", "")
    assert dated.article(str(Path(paths["new"]).with_name("missing.md"))) is None


def test_matching_paths_apply_the_filters(engine: SearchEngine) -> None:
    ru = engine.matching_paths(SearchRequest(query="", langs=frozenset({"ru"})))
    assert sorted(Path(p).name[:3] for p in ru) == ["002", "004"]


def test_similar_articles_come_from_the_title_and_the_body(tmp_path: Path,
                                                           write_articles) -> None:
    files = {"source.txt": "Cotton harvest\n\nRain and hail hit the valley farms.",
             "body_twin.txt": "Weather\n\nRain and hail hit the valley farms again.",
             "title_twin.txt": "News\n\nCotton harvest began early."}
    files.update({f"other{i}.txt": f"Sports {i}\n\nOur team won a big cup." for i in range(4)})
    assert sorted(similar_to_source(tmp_path, write_articles(files))) == ["body_twin",
                                                                          "title_twin"]


def similar_to_source(tmp_path: Path, root: Path) -> list[str]:
    """The names of the articles most like ``source.txt`` in ``root``, best first."""
    with indexed(tmp_path, root) as eng:
        path = next(p for p in eng.matching_paths("") if p.endswith("source.txt"))
        return [Path(h.path).stem for h in eng.similar(path)]


def test_a_place_name_counts_once_in_similar_articles(tmp_path: Path,
                                                      write_articles) -> None:
    """«Казахстан» is the lemma ``казахстан``, the key ``~kazahstan`` and its Latin
    twin ``^kazahstan``: counted for each, the place alone (a festival) outranked
    the same news about another country (2.48 against 1.85)."""
    files = {"source.txt": "Казахстан\n\nКазахстан повысил пошлины на экспорт пшеницы.",
             "place.txt": "Новости\n\nВ Казахстане прошёл фестиваль.",
             "topic.txt": "Новости\n\nРоссия отменила пошлины на пшеницу."}
    files.update({f"other{i}.txt": f"Спорт {i}\n\nНаша команда выиграла кубок." for i in range(4)})
    assert similar_to_source(tmp_path, write_articles(files)) == ["topic", "place"]


def test_hits_have_the_fields_of_their_articles(dated: SearchEngine) -> None:
    hits = dated.search(SearchRequest(query="cotton", sort=Sort.OLDEST)).hits
    assert [(h.title, h.source, h.lang, h.date) for h in hits] == [
        ("Cotton", "Planet", "en", dt.date(2023, 1, 5)), ("Cotton again", "Planet", "en", None)]
    assert [[h.title[s:e] for s, e in h.title_spans] for h in hits] == [["Cotton"], ["Cotton"]]
    assert all("<mark>Cotton</mark>" in h.snippet_html() for h in hits)


# Whoosh leaves the file object of a segment it failed to read for the GC to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_damaged_index_says_where_why_and_how_to_rebuild(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    update_index(index, [SEEDS_DIR])
    postings = next(index.glob("*.pst"))
    with postings.open("r+b") as f:
        f.truncate(postings.stat().st_size // 3)
    eng = SearchEngine(index)
    try:
        with pytest.raises(IndexDamagedError) as damaged:
            eng.search(SearchRequest(query="миграция"))
    finally:
        eng.close()
    message = str(damaged.value)
    assert str(index) in message and "--rebuild" in message
    assert f"{postings.name} is cut short" in message  # what went wrong


# Whoosh leaves the file object of a segment it failed to read for the GC to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("column", ["date", "mtime", "size", "_title_len", "_body_len"])
def test_a_column_cut_short_is_damage(tmp_path: Path, column: str) -> None:
    """Whoosh reads a value past a column's end as its default, with no error: a
    date column cut to its first article's value had the others undated (the
    newest first, the month facets without them); cut lengths scored them anew."""
    index = tmp_path / "ix"
    update_index(index, [SEEDS_DIR])
    cut = next(index.glob(f"*.{column}.col"))
    size = cut.stat().st_size
    with cut.open("r+b") as f:
        f.truncate(size // 5)  # the first of the five seeds' values
    eng = SearchEngine(index)
    try:
        with pytest.raises(IndexDamagedError) as damaged:
            eng.search(SearchRequest(query="", sort=Sort.NEWEST))
    finally:
        eng.close()
    message = str(damaged.value)
    assert str(index) in message and "--rebuild" in message
    assert f"{cut.name} is cut short: {size // 5:,} of {size:,} bytes" in message


def test_names_off_finds_only_the_spelling_typed(engine: SearchEngine) -> None:
    assert found(engine, "Meredov", names=False) == ["001"]  # not 002's «Мередов»
    assert sorted(found(engine, "Meredov")) == ["001", "002"]
    # Closest matches too: «Шуша» is not 003's «Shusha», «Meredov» not «Мередов».
    resp = engine.search(SearchRequest(query="Meredov Шуша", names=False))
    assert [Path(h.path).name[:3] for h in resp.hits] == ["001"] and resp.notice
    assert resp.request == SearchRequest(query="Meredov Шуша", names=False)


def test_no_suggestion_that_finds_only_as_many(tmp_path: Path, write_articles) -> None:
    # «cottn harvest» finds b (its typo); «cotton harvest» would find a: not more.
    root = write_articles({"a.txt": "Cotton\n\nCotton harvest began early.",
                           "b.txt": "Farm\n\nCottn harvest was late.",
                           "c.txt": "Prices\n\nCotton prices fell."})
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        resp = eng.search(SearchRequest(query="cottn harvest"))
        assert resp.total == 1 and resp.suggestion is None
        assert eng.search(SearchRequest(query="cottn prices")).suggestion == "cotton prices"
    finally:
        eng.close()


def test_similar_articles_of_a_huge_file_read_its_start(
    tmp_path: Path, write_articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5 MB of one word took 1.5 s to analyse for its key terms."""
    from whoosh.searching import Searcher

    from searchapp.core import engine as engine_module

    read: list[int] = []
    key_terms = Searcher.key_terms_from_text
    monkeypatch.setattr(Searcher, "key_terms_from_text",
                        lambda self, field, text, **kw: read.append(len(text))
                        or key_terms(self, field, text, **kw))
    files = {"source.txt": "Oil\n\n" + "oil prices " * 20_000,
             "other.txt": "Oil\n\nOil prices rose."}
    assert similar_to_source(tmp_path, write_articles(files)) == ["other"]
    assert read == [engine_module.SIMILAR_TEXT_CHARS]


def test_a_name_ranks_its_articles_in_the_typed_script_first(tmp_path: Path,
                                                             write_articles) -> None:
    """A name rare in the other script («Путин» in English, «London» in
    Russian) has a higher idf there; its articles in that script must still
    not outrank those that have the name as typed."""
    ru = ["провёл встречу", "дал интервью", "подписал указ", "посетил завод", "выступил"]
    en = ["held a meeting", "gave an interview", "opened a plant", "made a speech", "spoke"]
    root = write_articles({
        **{f"ru_putin{i}.txt": f"Новости\n\nПрезидент Путин {t}." for i, t in enumerate(ru)},
        "en_putin.txt": "News\n\nPresident Putin held a meeting.",
        **{f"en_london{i}.txt": f"News\n\nThe mayor of London {t}." for i, t in enumerate(en)},
        "ru_london.txt": "Новости\n\nМэр Лондона провёл встречу.",
    })
    update_index(tmp_path / "ix", [root])
    eng = SearchEngine(tmp_path / "ix")
    try:
        putin = own_found(eng, "Путин")
        assert len(putin) == 6 and putin[-1] == "en_putin"
        london = own_found(eng, "London")
        assert len(london) == 6 and london[-1] == "ru_london"
        assert own_found(eng, "Putin")[0] == "en_putin"
        assert own_found(eng, "Лондон")[0] == "ru_london"
    finally:
        eng.close()


@pytest.fixture(scope="module")
def nfd(tmp_path_factory: pytest.TempPathFactory):
    """Text in NFD (ё, й as a letter and a combining mark) and words split by soft hyphens."""
    nfd = unicodedata.normalize("NFD", "Новогодняя ёлка и йод\n\nВ Москве установили ёлку. "
                                       "Врачи советуют йодированную соль.\n")
    shy = "Статья про ми\u00adгра\u00adцию\n\nВопросы ми\u00adгра\u00adции обсудили в Москве.\n"
    yield from _engine_over(tmp_path_factory, "nfd", {"nfd.txt": nfd, "shy.txt": shy})


@pytest.mark.parametrize("query", ["ёлка", "елка", "йод", unicodedata.normalize("NFD", "ёлка")])
def test_an_article_in_nfd_is_found(nfd: SearchEngine, query: str) -> None:
    """It was found by no ordinary query; a query in NFD found nothing either."""
    assert own_found(nfd, query) == ["nfd"]


def test_an_article_with_soft_hyphens_is_found(nfd: SearchEngine) -> None:
    hits = nfd.search(SearchRequest(query="миграция")).hits
    assert [(Path(h.path).stem, h.title) for h in hits] == [("shy", "Статья про миграцию")]

"""Articles like one, from the cluster: a name counts once, as in the Whoosh engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core.backend import open_backend
from searchapp.core.indexer import update_index

pytestmark = pytest.mark.cluster


ARTICLES = {"source": "Назарбаев\n\nНазарбаев повысил пошлины на экспорт пшеницы.",
            "name": "Новости\n\nНазарбаев открыл фестиваль.",
            "topic": "Новости\n\nРоссия отменила пошлины, пшеница подешевела.",
            **{f"other{i}": f"Спорт {i}\n\nНаша команда выиграла кубок." for i in range(4)}}


def similar_to_source(cluster, folder: Path) -> list[str]:
    """The names of the articles of ``folder`` most like «source», best first."""
    assert not update_index(cluster.file, [folder]).failed
    engine = open_backend(cluster.file)
    try:
        source = next(p for p in engine.matching_paths("") if Path(p).stem == "source")
        return [Path(h.path).stem.split("-")[0] for h in engine.similar(source)]
    finally:
        engine.close()


def test_a_name_counts_once_in_similar_articles(one_shard, tmp_path: Path) -> None:
    """«Назарбаев» is the lemma ``назарбаев``, the surname key ``_назарбаев`` and
    the sound key ``~nazarbaev`` (and its Latin twin): summed, the name alone (a
    festival he opened) outranked the same news with two of its words (4.61
    against 2.98)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    assert similar_to_source(one_shard, folder) == ["topic", "name"]


def test_similar_articles_weigh_words_by_the_whole_cluster(cluster, tmp_path: Path) -> None:
    """The article alone on its shard, the others on the two others.  Xapian 1.4
    weighs an expand set by the article's own shard: alone there, it had no
    key terms and no similar articles; with the topic beside it, its words
    weighed 0.40 against the name's 1.90."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "source.txt").write_text(ARTICLES["source"], encoding="utf-8")
    alone = cluster.config.shard_of(str(folder / "source.txt")).index
    for name, text in ARTICLES.items():
        if name != "source":
            path = next(path for k in range(100)
                        if cluster.config.shard_of(str(path := folder / f"{name}-{k}.txt")).index
                        != alone)
            path.write_text(text, encoding="utf-8")
    assert similar_to_source(cluster, folder) == ["topic", "name"]

"""Articles like one, from the cluster: a name counts once, as in the Whoosh engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.core.backend import open_backend
from searchapp.core.indexer import update_index

pytestmark = pytest.mark.cluster


def test_a_name_counts_once_in_similar_articles(one_shard, tmp_path: Path) -> None:
    """«Назарбаев» is the lemma ``назарбаев``, the surname key ``_назарбаев`` and
    the sound key ``~nazarbaev`` (and its Latin twin): summed, the name alone (a
    festival he opened) outranked the same news with two of its words
    (4.61 against 2.98); as the best of them, 1.54 against 2.98.  One shard: over
    three, Xapian 1.4 weighed the expand set by the article's own shard (the topic
    words, shared on it, 0.40; the name, whose post was on another, 1.90)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    files = {"source.txt": "Назарбаев\n\nНазарбаев повысил пошлины на экспорт пшеницы.",
             "name.txt": "Новости\n\nНазарбаев открыл фестиваль.",
             "topic.txt": "Новости\n\nРоссия отменила пошлины, пшеница подешевела."}
    files.update({f"other{i}.txt": f"Спорт {i}\n\nНаша команда выиграла кубок." for i in range(4)})
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert not update_index(one_shard.file, [folder]).failed
    engine = open_backend(one_shard.file)
    try:
        source = next(p for p in engine.matching_paths("") if p.endswith("source.txt"))
        assert [Path(h.path).stem for h in engine.similar(source)] == ["topic", "name"]
    finally:
        engine.close()

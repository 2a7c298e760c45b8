"""A cluster whose shards hold articles of an older reader has its files read again."""

from __future__ import annotations

import pytest
import xapian

from searchapp.core.cluster.xapian_index import CONTENT_VERSION, READER_KEY
from searchapp.core.indexer import update_index
from searchapp.core.progress import Progress
from searchapp.core.schema import READER_VERSION

pytestmark = pytest.mark.cluster


def article(i: int) -> str:
    return f"---\ntitle: Статья {i}\ndate: 2024-03-0{1 + i}\nsource: Тест\n---\nПро миграцию {i}.\n"


def versions(cluster) -> list[bytes]:
    """Each shard's recorded reader version."""
    out = []
    for shard in cluster.config.shards:
        db = xapian.remote_open(shard.host, shard.port, 2000, 2000)
        out.append(db.get_metadata(READER_KEY))
        db.close()
    return out


def forget_versions(cluster) -> None:
    """Make the shards look as an older reader left them (no version recorded)."""
    for shard in cluster.config.shards:
        db = xapian.remote_open_writable(shard.host, shard.port, 2000, 2000)
        db.set_metadata(READER_KEY, "")
        db.commit()
        db.close()


def test_a_cluster_of_an_older_reader_is_read_again_once(cluster, write_articles) -> None:
    one = write_articles({f"a{i}.md": article(i) for i in range(6)}, "one")
    two = write_articles({"b.md": article(7)}, "two")
    first = update_index(cluster.file, [one])
    assert (first.added, first.reread) == (6, False)
    assert versions(cluster) == [CONTENT_VERSION.encode()] * 3  # read by this reader
    assert update_index(cluster.file).unchanged == 6

    forget_versions(cluster)
    partial = update_index(cluster.file, [two])  # a new folder only: the others wait
    assert (partial.added, partial.updated, partial.reread) == (1, 0, False)
    assert versions(cluster) == [b""] * 3
    whole = update_index(cluster.file)
    assert (whole.added, whole.updated, whole.unchanged, whole.reread) == (0, 7, 0, True)
    assert versions(cluster) == [CONTENT_VERSION.encode()] * 3
    again = update_index(cluster.file)
    assert (again.updated, again.unchanged, again.reread) == (0, 7, False)


def test_an_older_reader_or_analysis_on_one_shard_is_enough(cluster, write_articles) -> None:
    """A shard that records this reader but not this analysis (as shards did
    before the analysis was recorded) has its articles read again too."""
    root = write_articles({f"a{i}.md": article(i) for i in range(6)})
    update_index(cluster.file, [root])
    for shard in cluster.config.shards:  # the first shard that holds articles
        db = xapian.remote_open_writable(shard.host, shard.port, 2000, 2000)
        if db.get_doccount():
            db.set_metadata(READER_KEY, str(READER_VERSION))  # the analysis before
            db.commit()
            db.close()
            break
        db.close()
    assert update_index(cluster.file).updated == 6


def test_a_new_cluster_stopped_early_is_not_read_again(cluster, write_articles) -> None:
    """What a new cluster holds was read by this reader, even after a stopped run."""
    root = write_articles({f"a{i}.md": article(i) for i in range(6)})
    stop = Progress(on_article=lambda p: p.cancel() if p.done == 3 else None)
    assert update_index(cluster.file, [root], progress=stop).cancelled
    rest = update_index(cluster.file)
    assert (rest.added, rest.updated, rest.unchanged, rest.reread) == (3, 0, 3, False)

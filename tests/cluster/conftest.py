"""Fixtures for the Xapian cluster: shard servers on 127.0.0.1 on free ports,
always stopped, and a small generated bilingual corpus.

Every test here is marked ``cluster`` (``pytestmark``) and skipped, with the reason, only when
the Xapian bindings or ``xapian-tcpsrv`` are missing (CI installs both).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from searchapp.core.backend import cluster_available
from searchapp.core.indexer import update_index
from searchapp.core.paths import SEEDS_DIR

if not cluster_available():
    pytest.skip("the Xapian bindings are missing (pip install -e '.[cluster]')",
                allow_module_level=True)
if shutil.which("xapian-tcpsrv") is None:
    pytest.skip("xapian-tcpsrv is missing (apt-get install xapian-tools)",
                allow_module_level=True)

from searchapp.core.cluster.config import ClusterConfig
from searchapp.core.cluster.serve import LocalServers, loopback_cluster

SHARDS = 3


class Cluster:
    """A running loopback cluster: its file, config and servers."""

    def __init__(self, file: Path, config: ClusterConfig, servers: LocalServers) -> None:
        self.file, self.config, self.servers = file, config, servers


def _start(root: Path, timeout_ms: int = 2000, shards: int = SHARDS) -> Iterator[Cluster]:
    file = root / "cluster.toml"
    config = loopback_cluster(file, shards, root / "shards", timeout_ms)
    with LocalServers(config) as servers:  # stops every server, whatever happens
        yield Cluster(file, config, servers)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    """An empty 3-shard cluster of one's own (timeout 500 ms: a frozen shard
    is left out quickly)."""
    yield from _start(tmp_path / "cluster", timeout_ms=500)


@pytest.fixture
def one_shard(tmp_path: Path) -> Iterator[Cluster]:
    """An empty cluster of one shard: every statistic is the whole index's."""
    yield from _start(tmp_path / "cluster", shards=1)


# -- a generated bilingual corpus ----------------------------------------------

RU_SOURCES = ("ТАСС", "Интерфакс")
EN_SOURCES = ("Reuters", "BBC News")
RU_SENTENCES = (
    "Президент Казахстана Касым-Жомарт Токаев обсудил вопросы миграции.",
    "Международная организация по миграции открыла новый офис.",
    "Общество Красного Полумесяца помогло пострадавшим от наводнения.",
    "Цены на нефть выросли после решения ОПЕК.",
    "Министерство экономики опубликовало прогноз роста.",
    "Стороны договорились о безопасной и упорядоченной миграции.",
    "Производство стали в регионе снизилось.",
    "В Ашхабаде прошла конференция о нейтралитете.",
    "На флаге красного цвета изображён полумесяц.",  # the words of a phrase, apart
)
EN_SENTENCES = (
    "President Kassym-Jomart Tokayev discussed migration with the delegation.",
    "The International Organization for Migration opened an office.",
    "The Red Crescent society helped flood victims.",
    "Oil prices rose after the OPEC decision.",
    "The economy ministry published a growth forecast.",
    "Running costs of the steel plants were falling.",
    "Ashgabat hosted a conference on neutrality.",
    "Markets were calm as investors waited for the central bank.",
    "A red flag with a crescent moon was raised.",
)


def write_corpus(root: Path, count: int = 90, seed: int = 15) -> Path:
    """``count`` articles, half Russian half English, four sources (some written
    in upper or lower case), distinct dates over 2023–2024 (every tenth undated)."""
    rnd = random.Random(seed)
    start = dt.date(2023, 1, 1)
    for i in range(count):
        ru = i % 2 == 0
        sentences = RU_SENTENCES if ru else EN_SENTENCES
        source = rnd.choice(RU_SOURCES if ru else EN_SOURCES)
        if i % 9 == 4:  # some write it in other letters: one source all the same
            source = source.upper() if i % 2 else source.lower()
        body = " ".join(rnd.choice(sentences) for _ in range(rnd.randint(3, 9)))
        title = rnd.choice(sentences).rstrip(".")
        date = "" if i % 10 == 9 else f"date: {start + dt.timedelta(days=7 * i + 1)}\n"
        text = f'---\ntitle: "{title}"\n{date}source: "{source}"\n---\n{body}\n'
        (root / f"gen-{i:03d}.md").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the generated corpus in one folder."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS_DIR, root / "seeds")
    (root / "generated").mkdir()
    write_corpus(root / "generated")
    return root


@pytest.fixture(scope="session")
def corpus_index(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Whoosh index of ``corpus``."""
    index_dir = tmp_path_factory.mktemp("whoosh")
    report = update_index(index_dir, [corpus])
    assert not report.failed
    return index_dir


@pytest.fixture(scope="session")
def corpus_cluster(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A 3-shard loopback cluster holding ``corpus``.  Read-only."""
    for running in _start(tmp_path_factory.mktemp("cluster")):
        report = update_index(running.file, [corpus])
        assert not report.failed and not report.warnings
        yield running

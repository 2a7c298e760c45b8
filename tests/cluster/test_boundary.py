"""One boundary for both engines, and the CLI and the window on a 3-shard cluster."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from searchapp import cli
from searchapp.core.backend import SearchBackend, open_backend
from searchapp.core.cluster.xapian_search import ClusterEngine
from searchapp.core.engine import SearchEngine
from searchapp.core.errors import UsageError
from searchapp.core.paths import SEEDS_DIR

pytestmark = pytest.mark.cluster


def test_both_engines_satisfy_the_boundary(seed_index: Path, cluster) -> None:
    whoosh, xapian = open_backend(seed_index), open_backend(cluster.file)
    assert isinstance(whoosh, SearchEngine) and isinstance(whoosh, SearchBackend)
    assert isinstance(xapian, ClusterEngine) and isinstance(xapian, SearchBackend)
    assert not xapian.exists()  # running shards, nothing indexed yet


@pytest.mark.parametrize("text, message", [
    ("", "lists no [[shard]]"),
    ("[[shard]]\nhost = '127.0.0.1'\n", "shard 1 has no valid port"),
    ("[[shard", "not a valid cluster file"),
    ("[[shard]]\nhost = '127.0.0.1'\nport = 33301\n[[shard]]\nhost = 'localhost'\nport = 33301\n",
     "shard 2 has the address of shard 1 (localhost:33301): give it its own port"),
    ("[[shard]]\nhost = 'a'\nport = 1\npath = 's'\n[[shard]]\nhost = 'A'\nport = 2\npath = 's'\n",
     "shard 2 has the database of shard 1 ("),
    ("[[shard]]\nhost = '127.0.0.1'\nport = 1\npath = 's'\n[[shard]]\nhost = '127.0.0.2'\n"
     "port = 2\npath = 's'\n", "shard 2 has the database of shard 1 ("),
    ("[[shard]]\nhost = 'localhost'\nport = 1\n[[shard]]\nhost = 'LOCALHOST'\nport = 1\n",
     "shard 2 has the address of shard 1"),
    ("timeout = 500\n[[shard]]\nhost = 'localhost'\nport = 1\n",
     "the cluster file has an unknown key 'timeout' (did you mean 'timeout_ms'?)"),
    ("[[shard]]\nhost = 'localhost'\nprot = 1\n",
     "shard 1 has an unknown key 'prot' (did you mean 'port'?)"),
    ("[[shard]]\nhost = 'localhost'\nport = 1\nreplicas = 2\n",
     "shard 1 has an unknown key 'replicas' (it may have name, host, port, path)"),
])
def test_a_bad_cluster_file_is_one_line(tmp_path: Path, capsys, text: str, message: str) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(text)
    with pytest.raises(UsageError, match=re.escape(message)):
        open_backend(file)
    assert cli.main(["search", "x", "--index", str(file)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_without_xapian_the_cli_says_so_and_uses_whoosh(
    seed_index: Path, cluster, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(cli, "cluster_available", lambda: False)
    monkeypatch.setenv("SEARCHAPP_INDEX", str(seed_index))
    assert cli.main(["search", "миграция", "--index", str(cluster.file), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "searchapp[cluster]" in captured.err
    assert json.loads(captured.out)["total"] == 1  # from the Whoosh seed index


def test_cli_indexes_and_searches_the_cluster(cluster, capsys) -> None:
    assert cli.main(["index", str(SEEDS_DIR), "--index", str(cluster.file), "--quiet"]) == 0
    assert "5 added" in capsys.readouterr().out
    assert cli.main(["folders", "--index", str(cluster.file)]) == 0
    assert capsys.readouterr().out.strip() == str(SEEDS_DIR)
    assert cli.main(["index", "--index", str(cluster.file), "--quiet"]) == 0
    assert "5 unchanged" in capsys.readouterr().out
    assert cli.main(["search", "Токаев", "--index", str(cluster.file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 1 and "<mark>" in out["hits"][0]["snippet"]
    assert out["facets"]["lang"] == {"en": 1}


@pytest.mark.gui
def test_window_searches_the_cluster(qtbot, cluster, tmp_path: Path) -> None:
    from searchapp.ui.app import build_window, make_settings

    cli.main(["index", str(SEEDS_DIR), "--index", str(cluster.file), "--quiet"])
    settings = make_settings(tmp_path / "settings.ini")
    settings.setValue("language", "en")
    window = build_window(cluster.file, settings, "миграция")
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.last_response is not None and not window.controller.busy,
                    timeout=20_000)
    assert window.last_response.total == 1 and window.model.rowCount() == 1
    window.results.setCurrentIndex(window.model.index(0, 0))
    window.open_current()
    qtbot.waitUntil(lambda: window.reading_pane.article is not None, timeout=20_000)
    assert window.reading_pane.article.body_spans
    window.close()


def test_indexing_a_cluster_none_of_whose_shards_answers_is_one_line(
        cluster, tmp_path: Path, capsys) -> None:
    """The cluster's state, as for a search (exit 1), not a usage error (2,
    'error:'), and the shards named."""
    (tmp_path / "f").mkdir()
    (tmp_path / "f" / "a.txt").write_text("T\n\nMigration.\n", encoding="utf-8")
    for shard in cluster.config.shards:
        cluster.servers.stop(shard)
    try:
        code = cli.main(["index", str(tmp_path / "f"), "--index", str(cluster.file)])
        search = cli.main(["search", "migration", "--index", str(cluster.file)])
    finally:
        for shard in cluster.config.shards:
            cluster.servers.start(shard)
    assert (code, search) == (cli.EXIT_FAILED, cli.EXIT_FAILED)
    labels = ", ".join(s.label for s in cluster.config.shards)
    line = (f"searchapp: No shard of the cluster {cluster.file} answered ({labels}): "
            "are their servers running?\n")
    assert capsys.readouterr().err == line * 2


def test_a_russian_window_on_a_cluster_that_is_down_says_so_in_russian(
        qtbot, cluster, tmp_path: Path) -> None:
    from searchapp.ui import i18n
    from searchapp.ui.app import build_window, make_settings

    for shard in cluster.config.shards:
        cluster.servers.stop(shard)
    settings = make_settings(tmp_path / "settings.ini")
    settings.setValue("language", "ru")
    window = build_window(cluster.file, settings, "миграция")
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(window.controller.searchFailed, timeout=20_000) as failed:
            window.start()
        labels = ", ".join(s.label for s in cluster.config.shards)
        assert failed.args[0]() == (f"Ни один шард кластера {cluster.file} не ответил "
                                    f"({labels}): запущены ли их серверы?")
    finally:
        window.close()
        i18n.install("en")
        for shard in cluster.config.shards:
            cluster.servers.start(shard)


def test_a_russian_window_removing_a_folder_with_a_shard_down_says_why(
        qtbot, cluster, tmp_path: Path) -> None:
    from searchapp.ui import i18n
    from searchapp.ui.app import build_window, make_settings

    (tmp_path / "f").mkdir()
    (tmp_path / "f" / "a.txt").write_text("T\n\nMigration.\n", encoding="utf-8")
    assert cli.main(["index", str(tmp_path / "f"), "--index", str(cluster.file), "--quiet"]) == 0
    settings = make_settings(tmp_path / "settings.ini")
    settings.setValue("language", "ru")
    window = build_window(cluster.file, settings, "")
    qtbot.addWidget(window)
    window.show()
    down = cluster.config.shards[1]
    try:
        cluster.servers.stop(down)
        with qtbot.waitSignal(window.controller.indexingFailed, timeout=20_000) as failed:
            window.remove_folder(tmp_path / "f", confirm=False)
        assert failed.args[0]() == (f"Папка не убрана: шард {down.label} не ответил: чтобы "
                                    "убрать папку, нужны все шарды; попробуйте снова, когда он "
                                    "вернётся")
    finally:
        window.close()
        i18n.install("en")
        cluster.servers.start(down)
    engine = open_backend(cluster.file)
    assert engine.stats().articles == 1  # nothing was taken off
    engine.close()


@pytest.mark.parametrize("held_by", ["another run", "a writer on the shard's host"])
def test_a_second_indexing_run_is_told_the_cluster_is_busy(cluster, capsys, held_by) -> None:
    import xapian

    shard = cluster.config.shards[2]
    writer = (xapian.remote_open_writable(shard.host, shard.port, 2000, 2000)
              if held_by == "another run"
              else xapian.WritableDatabase(str(shard.path), xapian.DB_OPEN))
    try:
        assert cli.main(["index", str(SEEDS_DIR), "--index", str(cluster.file),
                         "--quiet"]) == cli.EXIT_FAILED
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"Shard {shard.label}" in err and "busy" in err
    finally:
        writer.close()
    assert cli.main(["index", str(SEEDS_DIR), "--index", str(cluster.file), "--quiet"]) == 0


def test_forget_takes_a_folder_and_its_articles_off_every_shard(
    cluster, tmp_path: Path, capsys
) -> None:
    kept, dropped = tmp_path / "kept", tmp_path / "dropped"
    for folder, n in ((kept, 3), (dropped, 9)):
        folder.mkdir()
        for i in range(n):
            (folder / f"{folder.name}{i}.txt").write_text(
                f"Report {i}\n\nMigration figures of {folder.name} {i}.\n", encoding="utf-8")
    index = ["--index", str(cluster.file)]
    assert cli.main(["index", str(kept), str(dropped), *index, "--quiet"]) == 0
    engine = open_backend(cluster.file)
    on_shards = {cluster.config.shard_of(p).index for p in engine.matching_paths("dropped")}
    assert len(on_shards) > 1  # the folder's articles are spread over shards
    capsys.readouterr()

    assert cli.main(["forget", str(dropped), *index]) == 0
    assert "9 articles left" in capsys.readouterr().out
    assert engine.matching_paths("migration") == sorted(str(kept / f"kept{i}.txt")
                                                       for i in range(3))
    assert cli.main(["folders", *index]) == 0
    assert capsys.readouterr().out.strip() == str(kept)
    # Another run does not bring the folder back; forgetting it again is one line.
    assert cli.main(["index", *index, "--quiet"]) == 0
    assert engine.stats().articles == 3
    assert cli.main(["forget", str(dropped), *index]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a folder of the cluster" in err
    engine.close()


def test_forget_with_a_shard_down_changes_nothing(cluster, tmp_path: Path, capsys) -> None:
    (tmp_path / "f").mkdir()
    for i in range(6):
        (tmp_path / "f" / f"a{i}.txt").write_text(f"T {i}\n\nMigration {i}.\n", encoding="utf-8")
    assert cli.main(["index", str(tmp_path / "f"), "--index", str(cluster.file), "--quiet"]) == 0
    cluster.servers.stop(cluster.config.shards[0])
    # Not a mistake in the command: the cluster's state (exit 1, not 2).
    forget = ["forget", str(tmp_path / "f"), "--index", str(cluster.file)]
    assert cli.main(forget) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and cluster.config.shards[0].label in err
    assert "error:" not in err and "try again when it is back" in err
    cluster.servers.start(cluster.config.shards[0])
    engine = open_backend(cluster.file)
    assert engine.stats().articles == 6
    engine.close()


def _russian_window(qtbot, cluster, tmp_path: Path, query: str = "миграция"):
    from searchapp.ui.app import build_window, make_settings

    settings = make_settings(tmp_path / "settings.ini")
    settings.setValue("language", "ru")
    window = build_window(cluster.file, settings, query)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.gui
def test_the_status_bar_says_its_counts_are_those_of_the_shards_that_answered(
        qtbot, cluster, tmp_path: Path) -> None:
    """With one of 3 shards stopped it read «Статей: 341, источников: 65» of a
    cluster of 536, as if whole."""
    from searchapp.ui import i18n

    assert cli.main(["index", str(SEEDS_DIR), "--index", str(cluster.file), "--quiet"]) == 0
    down = cluster.config.shards[2]
    cluster.servers.stop(down)
    engine = open_backend(cluster.file)
    partial = engine.stats()
    engine.close()
    window = _russian_window(qtbot, cluster, tmp_path)
    try:
        window.start()
        qtbot.waitUntil(lambda: window.last_response is not None and not window.controller.busy,
                        timeout=20_000)
        assert window.stats_label.text() == (
            f"Статей: {partial.articles} (2 из 3 шардов), источников: {partial.sources}")
        window.lang_actions["en"].trigger()
        qtbot.waitUntil(lambda: window.stats_label.text() == (
            f"Articles: {partial.articles} (2 of 3 shards), sources: {partial.sources}"))
    finally:
        window.close()
        i18n.install("en")
        cluster.servers.start(down)


@pytest.mark.gui
def test_a_run_names_the_shard_it_waits_on(qtbot, cluster, tmp_path: Path) -> None:
    """With a shard that hung the start-up run sat at «Индексация… 0 / 0» with no
    word of which shard it waited for."""
    from searchapp.ui import i18n

    assert cli.main(["index", str(SEEDS_DIR), "--index", str(cluster.file), "--quiet"]) == 0
    hung = cluster.config.shards[1]
    window = _russian_window(qtbot, cluster, tmp_path)
    cluster.servers.pause(hung)
    try:
        window.start()
        qtbot.waitUntil(lambda: window.report_label.text()
                        == f"Индексация: ждём ответа шарда {hung.label}…", timeout=20_000)
        cluster.servers.resume(hung)
        qtbot.waitUntil(lambda: not window.controller.indexing, timeout=20_000)
        assert "шарда" not in window.report_label.text()
    finally:
        cluster.servers.resume(hung)
        window.close()
        i18n.install("en")

"""Indexing a cluster: each article into its shard, through the shard's
writable ``xapian-tcpsrv`` (``remote_open_writable``).

The client reads and analyses the articles (the same analysis as the Whoosh
index) and sends finished documents; each server writes its own database.
A big run reads and analyses in one process per core
(:mod:`~searchapp.core.cluster.analysers`); the main process only sends.
Work is committed per batch on every shard; a Xapian commit is atomic per
database, so a run that is killed leaves each shard at its last commit, and
the next run does the rest (files are compared by modification time and
size, kept in each shard's ``F`` terms).  A shard that is down, or lost
during the run, is reported by name with what it did not get; the other
shards go on.  The list of folders is kept in every shard's metadata;
forgetting a folder needs every shard (its articles are deleted from each,
then the list is changed), so no shard keeps articles of a forgotten folder.
A rebuild re-reads every file into place (the documents are replaced by key;
a shard count change needs new, empty shards).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import xapian

from searchapp.core import folders, schema
from searchapp.core.cluster.analysers import Done, analysed
from searchapp.core.cluster.config import ClusterConfig, ClusterDownError, load_cluster
from searchapp.core.cluster.documents import (
    FINGERPRINT,
    KEY,
    article_key,
    parse_fingerprint,
    stored_record,
)
from searchapp.core.cluster.shard_writer import ShardWriter
from searchapp.core.errors import IndexBusyError, IndexStateError
from searchapp.core.ingest import iter_article_files, walker
from searchapp.core.progress import IndexReport, Progress
from searchapp.core.reasons import Reason, ReasonKind, os_error_args
from searchapp.core.schema import READER_VERSION, SCHEMA_VERSION

BATCH_DOCS = 20_000
BATCH_SECONDS = 60.0
"""A run commits each of its N shards every :data:`BATCH_DOCS` / N articles it is
given or :data:`BATCH_SECONDS`, whichever comes first, the shards in turn. A
commit rewrites every block its changes touch, and positions are kept term by
term, so a batch touches blocks all over a big shard: adding 20,000 articles to
a shard of 250,000 wrote 29.2 GB committing every 500 documents, 2.6–2.9 GB
every 5,000 (``bench/xapian_write_cost.py --onto``; ``bench/cluster_grow.py``
measures a whole run into four shards)."""
WRITE_TIMEOUT_MS = 60_000
"""How long a run waits on a shard's answer (its greeting, a write, a commit)
before taking the shard as lost.  A search gives up after the cluster's
``timeout_ms`` (seconds), but a commit of a big shard takes longer than that
while the others commit too: with 2 s, a run of 1,000,000 articles on 4
loopback shards counted 702,000 and the shards held 704,000, all four alike —
what all four taken as lost at once would leave (the run's warnings were not
kept).  A shard that is down is known at once (the connection is refused)."""
FOLDERS_KEY = "searchapp.folders"
READER_KEY = "searchapp.reader"  # the reader whose articles a shard holds (none: 1)
CONTENT_VERSION = f"{READER_VERSION}.{SCHEMA_VERSION}"
"""What :data:`READER_KEY` records: the reader and the analysis (a Whoosh index's
schema version) that made a shard's documents; a shard that records another
(an older reader's plain ``"7"``) has every file read again."""

Fingerprint = tuple[int, int]
T = TypeVar("T")


def cluster_folders(cluster_file: Path) -> list[Path]:
    """The folders of the cluster, from the first shard that answers."""
    config = load_cluster(cluster_file)
    timeout = config.timeout_ms
    for shard in config.shards:
        try:
            db = xapian.remote_open(shard.host, shard.port, timeout, timeout)
        except xapian.Error:
            continue
        try:
            text = db.get_metadata(FOLDERS_KEY)
        finally:
            db.close()
        return [Path(p) for p in json.loads(text)] if text else []
    return []


def update_cluster(
    cluster_file: Path,
    roots: Sequence[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring the cluster up to date with ``roots`` (added to its folders) or,
    for ``None``, with all its folders.  Same contract as
    :func:`searchapp.core.indexer.update_index`."""
    progress = progress or Progress()
    report = IndexReport()
    started = time.perf_counter()
    config = load_cluster(cluster_file)
    new_roots = walker.new_roots(roots)
    writers = _open_writers(config, report, progress)
    try:
        saved = _saved_folders(writers, report, progress)
        every_folder = folders.merged(saved, new_roots)
        run_roots = every_folder if roots is None or rebuild else new_roots
        reread = _older_reader(writers, report, progress)
        if not reread:  # all they hold is this reader's: so is what comes, however it ends
            _ask(writers, report, lambda w: w.db.set_metadata(READER_KEY, CONTENT_VERSION),
                 progress)
        if not writers:
            raise _cluster_down(config, writers)
        _run(config, writers, every_folder, run_roots, rebuild, progress, report,
             reread=reread, saved=saved)
    except KeyboardInterrupt:
        # A second Ctrl+C: stop at once, not waiting on a shard that hangs.  The
        # connections end with the process, and each server commits what it had
        # received when its connection drops.
        writers.clear()
        raise
    finally:
        for w in writers.values():
            _close(w)
    progress.phase = "done"
    report.seconds = time.perf_counter() - started
    return report


def forget_cluster_folder(cluster_file: Path, folder: Path) -> int:
    """Take ``folder`` off the cluster's folders and its articles off every
    shard (those no other folder holds).  Returns how many left.  Raises
    :class:`UsageError` if it is no folder of the cluster, :class:`IndexStateError`
    if a shard is down (nothing is changed then)."""
    folder = folders.normalise(folder)
    config = load_cluster(cluster_file)
    report = IndexReport()
    writers = _open_writers(config, report)
    try:
        saved = _saved_folders(writers, report)
        if report.warnings:
            label, _ = report.warnings[0]
            raise IndexStateError(Reason(ReasonKind.FORGET_SHARD_DOWN, label))
        remaining = folders.without(saved, folder, "cluster")
        removed = 0
        for w in writers.values():  # the articles first: a failure keeps the folder listed
            for key in _keys_under(w.db, folder, remaining):
                w.db.delete_document(KEY + key)
                removed += 1
            w.db.commit()
        for w in writers.values():
            w.db.set_metadata(FOLDERS_KEY, _listing(remaining))
            w.db.commit()
        return removed
    except xapian.NetworkError as exc:
        raise IndexStateError(Reason(ReasonKind.FORGET_SHARD_LOST, _reason(exc))) from None
    finally:
        for w in writers.values():
            _close(w)


def _keys_under(db: xapian.Database, folder: Path, others: list[Path]) -> list[str]:
    """Keys of the articles of ``db`` inside ``folder`` and no folder of ``others``."""
    keys = []
    for item in db.allterms(FINGERPRINT):
        key, _ = parse_fingerprint(item.term.decode("utf-8", "surrogateescape"))
        path = key
        if key.startswith("#"):  # a digest of a long path: the path is stored
            for post in db.postlist(KEY + key):
                path = str(stored_record(db.get_document(post.docid))[schema.PATH])
        if folders.only_in(folder, others, path):
            keys.append(key)
    return keys


def _listing(every_folder: list[Path]) -> str:
    """The folder list as kept in each shard's metadata."""
    return json.dumps([str(f) for f in every_folder], ensure_ascii=False)


def _open_writers(config: ClusterConfig, report: IndexReport,
                  progress: Progress | None = None) -> dict[int, ShardWriter]:
    writers: dict[int, ShardWriter] = {}
    timeout = max(WRITE_TIMEOUT_MS, config.timeout_ms)
    for shard in config.shards:
        try:  # connecting takes the cluster's timeout; each answer after it, the longer one
            with _waiting(progress, shard.label):  # a shard that hangs holds its greeting
                db = xapian.remote_open_writable(
                    shard.host, shard.port, timeout, config.timeout_ms)
        except xapian.DatabaseLockError:
            raise IndexBusyError(
                f"Shard {shard.label} of {config.file} is busy: another indexing run is "
                "writing it. Try again when it has finished."
            ) from None
        except xapian.Error as exc:
            report.warnings.append((shard.label, Reason(ReasonKind.SHARD_DOWN, _reason(exc))))
            continue
        writers[shard.index] = ShardWriter(shard, db)
    if not writers:
        raise _cluster_down(config, writers)
    return writers


def _cluster_down(config: ClusterConfig, writers: dict[int, ShardWriter]) -> ClusterDownError:
    """The error of a run that no shard answers (``writers``: those that did at
    first): the cluster's state, as for a search, not a mistake in the command."""
    down = ", ".join(s.label for s in config.shards if s.index not in writers)
    return ClusterDownError(Reason(ReasonKind.CLUSTER_DOWN, config.file, down))


@contextlib.contextmanager
def _waiting(progress: Progress | None, label: str) -> Iterator[None]:
    """``progress.waiting`` names the shard while the run waits on its answer
    (the window sat at «Индексация… 0 / 0» for a shard that hung, saying none)."""
    if progress is None:
        yield
        return
    progress.waiting = label
    try:
        yield
    finally:
        progress.waiting = ""


def _ask(writers: dict[int, ShardWriter], report: IndexReport,
         question: Callable[[ShardWriter], T], progress: Progress | None = None) -> list[T]:
    """``question``'s answer from each shard that answers; one that stopped
    answering (down, hung past the timeout) is named and left out of the run."""
    answers: list[T] = []
    for index, w in list(writers.items()):
        try:
            with _waiting(progress, w.shard.label):
                answers.append(question(w))
        except xapian.NetworkError as exc:
            _lost(writers, index, report, exc)
    return answers


def _older_reader(writers: dict[int, ShardWriter], report: IndexReport,
                  progress: Progress | None = None) -> bool:
    """True when a shard holds articles read or analysed otherwise than this
    version does (:data:`CONTENT_VERSION`)."""
    version = CONTENT_VERSION.encode()
    return any(_ask(writers, report, lambda w: bool(w.db.get_doccount()) and (
        w.db.get_metadata(READER_KEY) or b"1") != version, progress))


def _saved_folders(writers: dict[int, ShardWriter], report: IndexReport,
                   progress: Progress | None = None) -> list[Path]:
    """The cluster's folders, from the first shard that has the list."""
    for text in _ask(writers, report, lambda w: w.db.get_metadata(FOLDERS_KEY), progress):
        if text:
            return [Path(p) for p in json.loads(text)]
    return []


def _known(writers: dict[int, ShardWriter], report: IndexReport,
           progress: Progress | None = None) -> dict[str, Fingerprint]:
    """``key → fingerprint`` of every article on the shards that answer."""
    def fingerprints(w: ShardWriter) -> list[tuple[str, Fingerprint]]:
        return [parse_fingerprint(item.term.decode("utf-8", "surrogateescape"))
                for item in w.db.allterms(FINGERPRINT)]

    return dict(pair for shard in _ask(writers, report, fingerprints, progress)
                for pair in shard)


def _scan(roots: list[Path], progress: Progress, report: IndexReport,
          blind: list[Path]) -> dict[str, Fingerprint]:
    """What the files under ``roots`` are (``blind``: the folders that could not be listed)."""
    on_disk: dict[str, Fingerprint] = {}
    for root in roots:
        if not root.exists():
            report.warnings.append((str(root), folders.MISSING_KEPT))
    for path in iter_article_files([r for r in roots if r.exists()], skipped=report.not_read,
                                   problems=report.failed, blind=blind,
                                   saved_pages=report.saved_pages):
        if progress.stopped():
            break
        key = os.path.abspath(path)
        try:
            key.encode("utf-8")
            st = path.stat()
        except UnicodeEncodeError:
            report.failed.append((key.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
                                  Reason(ReasonKind.BAD_FILE_NAME)))
            continue
        except OSError as exc:
            report.failed.append((key, Reason(ReasonKind.OS_ERROR, *os_error_args(exc))))
            continue
        on_disk[key] = (st.st_mtime_ns, st.st_size)
    return on_disk


def _run(
    config: ClusterConfig,
    writers: dict[int, ShardWriter],
    every_folder: list[Path],
    roots: list[Path],
    rebuild: bool,
    progress: Progress,
    report: IndexReport,
    *,
    reread: bool = False,
    saved: Sequence[Path] = (),
) -> None:
    """Index what changed in ``roots`` (with ``reread``, every file: a shard
    holds articles of an older reader, whose version is recorded on every
    shard once a run over every folder is complete; ``saved``: the folders
    before the run, see :func:`~searchapp.core.folders.unread_files`)."""
    progress.phase = "scanning"
    known = _known(writers, report, progress)
    blind: list[Path] = []  # folders that could not be listed: their articles stay
    on_disk = _scan(roots, progress, report, blind)
    if progress.cancelled:
        report.cancelled = True
        return
    live_roots = [r for r in roots if r.exists()]
    todo = [p for p, fp in on_disk.items()
            if rebuild or reread or known.get(article_key(p)) != fp]
    on_disk_keys = {article_key(p) for p in on_disk}
    gone = [k for k in known
            if k not in on_disk_keys and folders.looked_into(k, live_roots, blind)]
    report.unchanged = len(on_disk) - len(todo)
    progress.total = len(todo)
    progress.phase = "indexing"
    for key in gone:
        w = writers.get(config.shard_of(key).index)
        if w is not None:
            w.db.delete_document(KEY + key)
            w.removed += 1
    listing = _listing(every_folder)
    for w in writers.values():
        # With the first batch, not after it: a server commits what it holds when its
        # client dies, and the next run must know the folder of what was kept.
        w.db.set_metadata(FOLDERS_KEY, listing)
        w.start()
    # On an error, what was given is sent and committed when update_cluster
    # closes the writers.
    with contextlib.closing(analysed([(p, on_disk[p]) for p in todo], progress)) as documents:
        _send_all(config, writers, documents, known, progress, report)
    progress.phase = "committing"
    report.reread = (reread and not report.cancelled and roots == every_folder
                     and all(root.exists() for root in every_folder))
    # Every file of every folder was read by this reader: the shards say so.
    last = {READER_KEY: CONTENT_VERSION} if report.reread else {}
    if unread := folders.unread_files(roots, saved, report.failed):
        last[FOLDERS_KEY] = _listing([f for f in every_folder if f not in unread])
    for w in writers.values():
        w.commit(last)
    for w in writers.values():
        w.finish()
    _count(writers, report)


def _send_all(
    config: ClusterConfig,
    writers: dict[int, ShardWriter],
    documents: Iterable[Done],
    known: dict[str, Fingerprint],
    progress: Progress,
    report: IndexReport,
) -> None:
    """Hand each document to its shard's writer, and a commit to a shard once
    it has been given its share of :data:`BATCH_DOCS` documents or
    :data:`BATCH_SECONDS` have passed since its last commit (each shard's
    commit is atomic: a killed run leaves every shard at its last one).  The
    shards commit in turn, not all at once — the first after 1/N of a share,
    the next after 2/N… — so while one waits on the disk the others go on
    writing, and its thread's queue holds what comes meanwhile."""
    share = max(1, BATCH_DOCS // len(writers))
    given: dict[int, int] = {}
    since: dict[int, float] = {}
    start = time.monotonic()
    for k, index in enumerate(writers):
        lead = (len(writers) - 1 - k) / len(writers)  # 0 for the last: it starts empty
        given[index], since[index] = int(share * lead), start - BATCH_SECONDS * lead
    for path, doc, failure in documents:
        if progress.stopped():
            report.cancelled = True
            break
        progress.current = path
        if doc is None:
            report.failed.append((path, failure or "could not be read"))
        else:
            key = article_key(path)
            index = config.shard_of(path).index
            w = writers.get(index)
            if w is not None:  # a shard down at the start is named once, done by the next run
                w.write(KEY + key, doc, key in known)
                given[index] += 1
        progress.advance()
        now = time.monotonic()
        for index, w in writers.items():
            if given[index] >= share or now - since[index] > BATCH_SECONDS:
                w.commit({})
                given[index], since[index] = 0, now


def _count(writers: dict[int, ShardWriter], report: IndexReport) -> None:
    """Add what each shard committed to ``report``; name the shards lost on the way."""
    for index, w in list(writers.items()):
        added, updated, removed = w.committed
        report.added += added
        report.updated += updated
        report.removed += removed
        if w.lost:
            assert w.error is not None
            _lost(writers, index, report, w.error)
        elif w.error is not None:
            raise w.error


def _lost(writers: dict[int, ShardWriter], index: int, report: IndexReport, exc: Exception) -> None:
    """A shard stopped answering during the run: name it and go on without it."""
    w = writers.pop(index)
    lost = w.pending + w.dropped  # sent since its last commit, and given after it stopped
    report.warnings.append((w.shard.label, Reason(ReasonKind.SHARD_LOST, _reason(exc), lost)))
    w.abandon()


_CONTEXT = re.compile(r" \(context: [^()]*(?:\([^()]*\))?[^()]*\)")


def _reason(exc: Exception) -> str:
    """Xapian's message without its context: "write failed (Broken pipe)".

    From the message text: the methods of a Xapian exception raised on another
    thread (a shard's writer) read freed memory and crashed the run."""
    return _CONTEXT.sub("", str(exc))


def _close(w: ShardWriter) -> None:
    w.close()

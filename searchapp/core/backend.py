"""The boundary between the front ends (CLI, window, export) and a search engine.

Two engines sit behind it: the embedded Whoosh index
(:class:`~searchapp.core.engine.SearchEngine`, an index folder, the default)
and a sharded Xapian cluster
(:class:`~searchapp.core.cluster.xapian_search.ClusterEngine`, a cluster
file, needs the ``[cluster]`` extra).  Both take the same
:class:`SearchRequest` and answer with the same result types; the query
language, the analysis and the snippets are the app's own in both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from searchapp.core.results import ArticleView, Hit, IndexStats, SearchRequest, SearchResponse


@runtime_checkable
class SearchBackend(Protocol):
    """What a front end may ask of a search engine.  Thread-safe."""

    def search(self, req: SearchRequest) -> SearchResponse:
        """Hits, total, facets and notices for ``req``; never raises for a bad query."""
        ...

    def article(self, path: str, query: str = "", *, names: bool = True) -> ArticleView | None:
        """The article at ``path`` with every match of ``query``, or None."""
        ...

    def similar(self, path: str, limit: int = 8) -> tuple[Hit, ...]:
        """Articles most like the one at ``path``, best first."""
        ...

    def stats(self) -> IndexStats:
        """Articles and sources in the index."""
        ...

    def matching_paths(self, req: SearchRequest | str) -> list[str]:
        """Paths of every article matching ``req`` with its filters, sorted."""
        ...

    def exists(self) -> bool:
        """True when there is an index to search."""
        ...

    def close(self) -> None:
        """Release files and connections; the backend may be used again after."""
        ...


def is_cluster_file(location: Path) -> bool:
    """True when ``location`` names a cluster file (``*.toml``), not an index folder."""
    return Path(location).suffix.lower() == ".toml"


def cluster_available() -> bool:
    """True when the Xapian bindings (the ``[cluster]`` extra) are installed."""
    try:
        import xapian  # noqa: F401
    except ImportError:
        return False
    return True


def open_backend(location: Path) -> SearchBackend:
    """The engine for ``location``: a Xapian cluster for a cluster file, the
    Whoosh index otherwise.  Raises :class:`UsageError` for a cluster file
    that cannot be used (missing, malformed, no Xapian bindings), and
    :class:`IndexLocationError` for a file where an index folder belongs."""
    location = Path(location)
    if is_cluster_file(location):
        from searchapp.core.cluster.config import load_cluster, require_xapian

        require_xapian()
        from searchapp.core.cluster.xapian_search import ClusterEngine

        return ClusterEngine(load_cluster(location))
    from searchapp.core import store
    from searchapp.core.engine import SearchEngine

    store.refuse_file(location)  # else: "empty", and a run that fails when started
    return SearchEngine(location)

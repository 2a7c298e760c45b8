"""The search core: what the front ends (the window, the CLI) may use.

Requests and answers (:mod:`~searchapp.core.results`) with their notices,
the engine behind :func:`open_backend`, indexing runs and their progress,
export, the errors a front end shows, and where the app's files are.  The
window imports only from here (a test checks); the core's own modules import
each other directly.

The names are imported on first use (PEP 562), so ``import searchapp.core``
loads none of the core's modules.  The errors' tree is drawn in
:mod:`searchapp.core.errors`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing would cost more than the rest
if TYPE_CHECKING:  # the real names, so type checkers keep their types
    from searchapp.core.article import UNKNOWN_SOURCE
    from searchapp.core.backend import (
        SearchBackend,
        cluster_available,
        is_cluster_file,
        open_backend,
    )
    from searchapp.core.errors import (
        IndexBusyError,
        IndexDamagedError,
        IndexLocationError,
        IndexMissingError,
        IndexOutdatedError,
        IndexStateError,
        ReadError,
        SearchappError,
        UsageError,
    )
    from searchapp.core.export import citation, export_results
    from searchapp.core.indexer import (
        first_start_folders,
        forget_folder,
        index_folders,
        index_outdated,
        index_state,
        run_going,
        update_index,
    )
    from searchapp.core.notices import Notice, NoticeKind
    from searchapp.core.paths import RESOURCES_DIR, SEEDS_DIR, default_index_dir
    from searchapp.core.progress import (
        SAVED_PAGE_FOLDERS,
        IndexReport,
        Progress,
        SearchesFirst,
        saved_page_names,
    )
    from searchapp.core.reasons import Reason, ReasonKind, reason_of, sizes
    from searchapp.core.results import (
        PAGE_SIZE,
        ArticleView,
        Facets,
        Fragment,
        Hit,
        IndexStats,
        SearchRequest,
        SearchResponse,
        Sort,
        Span,
        mark_html,
    )

_MODULE_OF = {
    "UNKNOWN_SOURCE": "article",
    **dict.fromkeys(
        ("SearchBackend", "cluster_available", "is_cluster_file", "open_backend"), "backend"
    ),
    **dict.fromkeys(
        ("IndexBusyError", "IndexDamagedError", "IndexLocationError", "IndexMissingError",
         "IndexOutdatedError", "IndexStateError", "ReadError", "SearchappError", "UsageError"),
        "errors",
    ),
    **dict.fromkeys(("citation", "export_results"), "export"),
    **dict.fromkeys(
        ("first_start_folders", "forget_folder", "index_folders", "index_outdated", "index_state",
         "run_going", "update_index"),
        "indexer",
    ),
    **dict.fromkeys(("Notice", "NoticeKind"), "notices"),
    **dict.fromkeys(("RESOURCES_DIR", "SEEDS_DIR", "default_index_dir"), "paths"),
    **dict.fromkeys(("IndexReport", "Progress", "SAVED_PAGE_FOLDERS", "SearchesFirst",
                     "saved_page_names"), "progress"),
    **dict.fromkeys(("Reason", "ReasonKind", "reason_of", "sizes"), "reasons"),
    **dict.fromkeys(
        ("ArticleView", "Facets", "Fragment", "Hit", "IndexStats", "PAGE_SIZE",
         "SearchRequest", "SearchResponse", "Sort", "Span", "mark_html"),
        "results",
    ),
}

__all__ = [  # noqa: RUF022 (grouped by module, as above)
    "UNKNOWN_SOURCE",
    "SearchBackend", "cluster_available", "is_cluster_file", "open_backend",
    "IndexBusyError", "IndexDamagedError", "IndexLocationError", "IndexMissingError",
    "IndexOutdatedError", "IndexStateError", "ReadError", "SearchappError", "UsageError",
    "citation", "export_results",
    "first_start_folders", "forget_folder", "index_folders", "index_outdated", "index_state",
    "run_going", "update_index",
    "Notice", "NoticeKind",
    "RESOURCES_DIR", "SEEDS_DIR", "default_index_dir",
    "IndexReport", "Progress", "SAVED_PAGE_FOLDERS", "SearchesFirst", "saved_page_names",
    "Reason", "ReasonKind", "reason_of", "sizes",
    "ArticleView", "Facets", "Fragment", "Hit", "IndexStats", "PAGE_SIZE", "SearchRequest",
    "SearchResponse", "Sort", "Span", "mark_html",
]


def __getattr__(name: str) -> object:
    """Import the module of ``name`` on first use and keep the value here."""
    module = _MODULE_OF.get(name)
    if module is None:  # also how ``from searchapp.core import engine`` finds a submodule
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

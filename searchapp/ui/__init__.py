"""The PySide6 window.  It talks to the core only through
:class:`~searchapp.core.engine.SearchEngine` and
:func:`~searchapp.core.indexer.update_index`, run off the GUI thread."""

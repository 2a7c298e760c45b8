"""searchapp: desktop full-text search for Russian and English news archives."""

__version__ = "0.1.0"

"""Reading article files: encodings, front matter, HTML, dates, titles, sources."""

from searchapp.core.ingest.article_file import read_article
from searchapp.core.ingest.language import detect_language
from searchapp.core.ingest.walker import ARTICLE_SUFFIXES, iter_article_files

__all__ = ["ARTICLE_SUFFIXES", "detect_language", "iter_article_files", "read_article"]

"""The fixed query set of the benchmark: what users type, with and without filters.

Each entry: (our query, Recoll's form of it, filters).  Filters are a dict with
optional ``source``, ``since``, ``until`` (ISO dates) and ``lang``; ``source``
"*top*" means the corpus's most common source, resolved at run time.
"""

from __future__ import annotations

Query = tuple[str, str, dict[str, str]]

QUERIES: list[Query] = [
    ("миграции", "миграции", {}),
    ("президента России", "президента России", {}),
    ("выборы в Госдуму", "выборы в Госдуму", {}),
    ("суда", "суда", {}),
    ("Москве", "Москве", {}),
    ("людей", "людей", {}),
    ("нефти", "нефти", {}),
    ("Путин Украина", "Путин Украина", {}),
    ("санкций против России", "санкций против России", {}),
    ("oil prices", "oil prices", {}),
    ("central bank", "central bank", {}),
    ("government", "government", {}),
    ("election results", "election results", {}),
    ("people said", "people said", {}),
    ("company shares", "company shares", {}),
    ("football", "football", {}),
    ('"Красная площадь"', '"Красная площадь"', {}),
    ('"interest rates"', '"interest rates"', {}),
    ('"Верховный суд"', '"Верховный суд"', {}),
    ("мигра*", "мигра*", {}),
    ("econom*", "econom*", {}),
    ("президент*", "президент*", {}),
    ("Москва -Россия", "Москва -Россия", {}),
    ("нефть OR газ", "нефть OR газ", {}),
    ("title:выборы", "title:выборы", {}),
    ("", "", {"lang": "ru"}),
    ("суд", "суд", {"source": "*top*"}),
    ("выборы", "выборы", {"since": "2016-01-01", "until": "2018-12-31"}),
    ("oil", "oil", {"lang": "en"}),
    ("trade deficit", "trade deficit", {"since": "1987-01-01", "until": "1987-12-31"}),
    ("президента", "президента", {"source": "*top*", "since": "2010-01-01"}),
    ("the", "the", {}),
]

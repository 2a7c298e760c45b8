"""A sharded Xapian cluster behind the same search boundary as the Whoosh index.

* :mod:`config` — the cluster file (shards: host, port, database path) and
  which shard an article goes to;
* :mod:`documents` — an article as a Xapian document, from the app's own analysis;
* :mod:`xapian_query` — the compiled query (a Whoosh query tree) as a ``xapian.Query``;
* :mod:`shards` — connections to the shards, with the ones that do not answer left out;
* :mod:`xapian_index` — indexing through each shard's writable server;
* :mod:`xapian_search` — :class:`~searchapp.core.cluster.xapian_search.ClusterEngine`;
* :mod:`serve` — start ``xapian-tcpsrv`` for the local shards of a cluster file.
"""

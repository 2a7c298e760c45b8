"""``python -m searchapp``: the command line and the window."""

import sys

from searchapp.cli import main

# The guard matters: the parallel index writer starts its workers with
# "spawn", which imports the main module again in each of them.
if __name__ == "__main__":
    sys.exit(main())

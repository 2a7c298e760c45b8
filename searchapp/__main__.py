"""``python -m searchapp``: the command line and the window."""

import sys

from searchapp.cli import main

sys.exit(main())

"""``python -m crisislab.instructors``: see :mod:`crisislab.instructors.cli`."""

import sys

from .cli import main

sys.exit(main())

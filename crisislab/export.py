""" "Save my answers" at its documented address: see :mod:`crisislab.exercises.export`.

The same module object under an older name, kept because exercise notebooks import it.
"""

import sys

from .exercises import export as _export

sys.modules[__name__] = _export

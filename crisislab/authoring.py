"""``python -m crisislab.authoring``: the author tools at their documented address.

The code lives in :mod:`crisislab.exercises.authoring`; imported, this name is that module.
"""

import sys

from .exercises import authoring as _authoring

if __name__ == "__main__":
    sys.exit(_authoring.main())
sys.modules[__name__] = _authoring

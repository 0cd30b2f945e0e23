"""Where the regulator's published TSM data is, for tests that check against it.

The data is never copied into the repository: tests read it from TENANTRY_TSM_DATA, or from
`shared/data/tsm` beside the checkout, and skip when it is not there.
"""

import os
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[3]
_CANDIDATES = [
    os.environ.get("TENANTRY_TSM_DATA", ""),
    _CHECKOUT.parent / "shared" / "data" / "tsm",
    "/work/shared/data/tsm",
]

TSM_DATA = next(
    (Path(c) for c in _CANDIDATES if c and Path(c).is_dir()), _CHECKOUT / "missing-tsm-data"
)

"""The evidence app's part in the task worker (see `core`'s `task_worker`).

No evidence task is queued yet, but reports read evidence: the threat assessment suppresses
small cells with pyarrow's table operations (which load pandas) and compares a State with its
neighbours and M49 sub-region from reference files. `warm()` loads them before the worker's
first report, where they cost that report over half a second.
"""

import pyarrow as pa

from palermo.evidence import profiles
from palermo.evidence.privacy import hierarchies


def warm() -> None:
    table = pa.table({"cell": ["a", "a", "b"], "count": [1, 2, 3]})
    table.group_by("cell").aggregate([("count", "sum")])  # imports pyarrow.acero and pandas
    hierarchies.m49_regions()
    profiles.neighbour_map()

"""Network tests stage their checked imports in a temporary folder of their own."""

from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def evidence_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "evidence"
    settings.PALERMO_EVIDENCE_ROOT = root
    return root

from pathlib import Path

import pytest

from tests.core.backup_support import Site, sqlite_site


@pytest.fixture(scope="session")
def backup_source(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A migrated SQLite Palermo with accounts, a token, an upload and a generated report."""
    site = sqlite_site(tmp_path_factory.mktemp("source"))
    site.ok("migrate", "--noinput", "-v", "0")
    site.ok("user", "create", "focal", "--role", "focal_person", "--no-password")
    site.ok(
        "user", "create", "نادیہ", "--role", "secretariat", "--first-name", "نادیہ", "--no-password"
    )
    site.ok("token", "create", "focal", "--name", "backup test")
    media = site.var_dir / "media"
    (media / "reports/2026/12").mkdir(parents=True)
    (media / "reports/2026/12/review-report.pdf").write_bytes(b"%PDF-1.7 report " * 100)
    (media / "legislation/2026").mkdir(parents=True)
    (media / "legislation/2026/anti-trafficking-act.pdf").write_bytes(bytes(range(256)) * 8)
    return site


@pytest.fixture(scope="session")
def backup_archive(backup_source: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`palermo backup` of the source, without the secret key."""
    target = tmp_path_factory.mktemp("archives") / "palermo.tar.gz"
    assert backup_source.ok("backup", str(target)).strip() == str(target)
    return target

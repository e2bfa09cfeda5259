import contextlib
import sqlite3
from pathlib import Path

import pytest

from tests.core.backup_support import Site, sqlite_site


@pytest.fixture(scope="session")
def backup_source(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A migrated SQLite Palermo: accounts, a token (a second one deleted), an upload, a report."""
    site = sqlite_site(tmp_path_factory.mktemp("source"))
    site.ok("migrate", "--noinput", "-v", "0")
    site.ok("user", "create", "focal", "--role", "focal_person", "--no-password")
    site.ok(
        "user", "create", "نادیہ", "--role", "secretariat", "--first-name", "نادیہ", "--no-password"
    )
    site.ok("token", "create", "focal", "--name", "backup test")
    site.ok("token", "create", "focal", "--name", "deleted before the backup")
    # A deleted record's id must not be handed out again after a restore.
    with contextlib.closing(sqlite3.connect(site.var_dir / "palermo.sqlite3")) as connection:
        connection.execute("DELETE FROM core_apitoken WHERE id = 2")
        connection.commit()
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

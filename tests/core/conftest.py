import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.core.backup_support import (
    Site,
    postgresql_answers,
    postgresql_site,
    sql_execute,
    sqlite_site,
)


@pytest.fixture(scope="session")
def backup_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A migrated Palermo: accounts, a token (a second one deleted), an upload, a report.

    It runs on the database of the test pass: a scratch SQLite file in the SQLite pass, a
    scratch PostgreSQL database in the PostgreSQL pass, so each pass backs up its own vendor.
    """
    folder = tmp_path_factory.mktemp("source")
    with ExitStack() as stack:
        on_postgresql = os.environ.get("DATABASE_URL", "").startswith("postgres")
        if on_postgresql and postgresql_answers():
            site = stack.enter_context(postgresql_site(folder))
        else:
            site = sqlite_site(folder)
        site.ok("migrate", "--noinput", "-v", "0")
        site.ok("user", "create", "focal", "--role", "focal_person", "--no-password")
        site.ok(
            "user", "create", "نادیہ", "--role", "secretariat", "--first-name", "نادیہ",
            "--no-password",
        )  # fmt: skip
        site.ok("token", "create", "focal", "--name", "backup test")
        site.ok("token", "create", "focal", "--name", "deleted before the backup")
        # A deleted record's id must not be handed out again after a restore.
        sql_execute(site, "DELETE FROM core_apitoken WHERE id = 2")
        media = site.var_dir / "media"
        (media / "reports/2026/12").mkdir(parents=True)
        (media / "reports/2026/12/review-report.pdf").write_bytes(b"%PDF-1.7 report " * 100)
        (media / "legislation/2026").mkdir(parents=True)
        (media / "legislation/2026/anti-trafficking-act.pdf").write_bytes(bytes(range(256)) * 8)
        # An evidence version (kept) and an import waiting for confirmation (not kept).
        evidence = site.var_dir / "evidence"
        (evidence / "1").mkdir(parents=True)
        (evidence / "1/v1-0123456789ab.parquet").write_bytes(b"PAR1 records PAR1" * 50)
        (evidence / "staging").mkdir()
        (evidence / "staging/pending.parquet").write_bytes(b"PAR1 staged PAR1")
        yield site


@pytest.fixture(scope="session")
def backup_archive(backup_source: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`palermo backup` of the source, without the secret key."""
    target = tmp_path_factory.mktemp("archives") / "palermo.tar.gz"
    assert backup_source.ok("backup", str(target)).strip() == str(target)
    return target

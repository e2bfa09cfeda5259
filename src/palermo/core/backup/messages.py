"""Messages `palermo backup` and `palermo restore` show, as constants tests can assert."""

from django.utils.translation import gettext_lazy as _

ARCHIVE_UNREADABLE = _("The archive cannot be read: it is damaged or not a Palermo backup.")
MANIFEST_MISSING = _("The archive has no readable manifest: it is not a Palermo backup.")
FORMAT_UNKNOWN = _("The archive was written in a backup format this version does not read.")
CHECKSUM_MISMATCH = _(
    "The archive is damaged or was altered: %(member)s does not match its checksum."
)
MEMBER_MISSING = _("The archive is incomplete: %(member)s is listed but missing.")
MEMBER_UNLISTED = _("The archive holds %(member)s, which its manifest does not list.")
MEMBER_UNSAFE = _("The archive holds an entry with an unsafe name or type: %(member)s.")
SCHEMA_NEWER = _(
    "The archive comes from a newer Palermo: this version does not know the migration "
    "%(migration)s. Upgrade Palermo, then restore again."
)
SCHEMA_UNKNOWN_ON_BACKUP = _(
    "The database has a migration this version of Palermo does not know (%(migration)s): "
    "back it up with the version that migrated it."
)
DATABASE_NOT_EMPTY = _(
    "The database is not empty: it already holds tables. Restore only into a new, empty "
    "database (create one, point DATABASE_URL at it, do not migrate it) and run the restore "
    "again. Nothing was changed."
)
MEDIA_CONFLICT = _(
    "A different file already exists at %(path)s: restore into an empty media folder. "
    "Nothing was changed."
)
COLUMNS_MISMATCH = _(
    "The rows of table %(table)s in the archive do not fit its schema: the archive is damaged."
)
LOAD_FAILED = _(
    "The restore stopped while loading the data (%(error)s). The database now holds tables "
    "but no data: drop and re-create it before trying again."
)
SECRET_KEY_KEPT = _(
    "The archive holds a secret key; it was not written. Pass --restore-secret-key to write it "
    "to %(path)s, or set SECRET_KEY to it."
)
SECRET_KEY_ABSENT = _("The archive holds no secret key: make the backup with --include-secret-key.")
PG_DUMP_SKIPPED = _(
    "pg_dump %(client)s cannot dump a PostgreSQL %(server)s server; the archive holds the "
    "portable dump only."
)
PG_DUMP_FAILED = _("pg_dump could not dump the database: %(error)s")
ARCHIVE_EXISTS = _("%(path)s already exists: choose another name for the new archive.")

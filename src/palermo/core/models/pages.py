"""When each table was last written, so that pages kept in the page cache know they are stale."""

from django.db import models


class TableVersion(models.Model):
    """A table's version: a new random number on every committed write to the table.

    Written only by `palermo.core.pagecache` (after each commit that wrote the table) and read by
    it before serving a kept page. A random number rather than a counter, so a database restored
    from an archive can never bring back a version a later write had also reached.
    """

    name = models.CharField(max_length=100, primary_key=True)
    version = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.version}"

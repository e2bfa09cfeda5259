"""Limits on uploaded files, shared by every page and API endpoint that accepts one.

Caps come from settings (environment): `PALERMO_UPLOAD_MAX_MB` for documents,
`PALERMO_IMPORT_MAX_MB` and `PALERMO_IMPORT_MAX_ROWS` for tables that are imported. A file is
checked by its announced size before a byte of it is read, then read in chunks that stop at the
cap, so an over-size file is refused within moments whatever it claims. Rows are counted while
they stream (`core.tabular`). A file past a cap raises `UploadTooLargeError`: the API answers 413,
a page shows the message as the form's error. Callers check permission before calling here.
"""

import codecs
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.text import get_valid_filename

from palermo.core import messages

MB = 1024 * 1024
CHUNK = 64 * 1024
# A workbook's parts may unpack to this many times the import cap in all (worksheets are
# streamed and stop at the row cap); shared strings, which openpyxl holds in memory whole, to
# the import cap times SHARED_STRINGS_FACTOR.
UNZIPPED_FACTOR = 30
SHARED_STRINGS_FACTOR = 5


class UploadTooLargeError(ValidationError):
    """A file past a size or row cap; the API answers 413 with the message."""


def upload_max_bytes() -> int:
    return int(settings.PALERMO_UPLOAD_MAX_MB * MB)


def import_max_bytes() -> int:
    return int(settings.PALERMO_IMPORT_MAX_MB * MB)


def import_max_rows() -> int:
    return int(settings.PALERMO_IMPORT_MAX_ROWS)


def evidence_import_max_bytes() -> int:
    """Evidence files (case data, statistics) are larger than the lists people keep by hand."""
    return int(settings.PALERMO_EVIDENCE_IMPORT_MAX_MB * MB)


def request_max_bytes() -> int:
    """The largest request body accepted: the largest file plus room for the form around it."""
    return max(upload_max_bytes(), import_max_bytes()) + MB


# Where evidence files and network entities are imported (pages and the API): larger bodies.
EVIDENCE_IMPORT_PATH = re.compile(
    r"^(/[a-z-]+)?/(evidence|networks)/\d+/import/$"
    r"|^/api/v1/datasets/\d+/versions$|^/api/v1/collections/\d+/imports$"
)


def request_max_bytes_for(path: str) -> int:
    """The largest body accepted at a path: evidence imports have their own, larger cap."""
    if EVIDENCE_IMPORT_PATH.match(path):
        return max(request_max_bytes(), evidence_import_max_bytes() + MB)
    return request_max_bytes()


def megabytes(size: int) -> str:
    return f"{size / MB:g}"


def _upload_limit_text() -> str:
    return str(messages.UPLOAD_LIMIT % {"max": megabytes(upload_max_bytes())})


def _import_limit_text(max_rows: int | None = None) -> str:
    rows = import_max_rows() if max_rows is None else min(max_rows, import_max_rows())
    return str(messages.IMPORT_LIMIT % {"max": megabytes(import_max_bytes()), "rows": f"{rows:,}"})


# Help texts for forms, worked out when shown so they follow the settings and the language.
upload_limit_help = lazy(_upload_limit_text, str)
import_limit_help = lazy(_import_limit_text, str)


def too_large(max_bytes: int, field: str | None = None) -> UploadTooLargeError:
    message = messages.FILE_TOO_LARGE % {"max": megabytes(max_bytes)}
    return UploadTooLargeError({field: message} if field else message, code="too_large")


def check_size(file: Any, *, max_bytes: int, field: str | None = None) -> None:
    """Refuse an empty file or one whose announced size is past the cap, before reading it."""
    size = getattr(file, "size", None)
    if size == 0:
        raise ValidationError({field: messages.FILE_EMPTY} if field else messages.FILE_EMPTY)
    if size is not None and size > max_bytes:
        raise too_large(max_bytes, field)


def check_import_size(content: bytes | IO[bytes]) -> None:
    """Refuse a table to import past `PALERMO_IMPORT_MAX_MB`, given as bytes or as a file."""
    size = len(content) if isinstance(content, bytes) else getattr(content, "size", None)
    if size is not None and size > import_max_bytes():
        raise too_large(import_max_bytes())


def read_upload(file: Any, *, max_bytes: int, field: str | None = None) -> bytes:
    """The file's bytes, read in chunks that stop as soon as they pass the cap."""
    check_size(file, max_bytes=max_bytes, field=field)
    if hasattr(file, "seek"):
        file.seek(0)
    buffer = io.BytesIO()
    while chunk := file.read(CHUNK):
        buffer.write(chunk)
        if buffer.tell() > max_bytes:
            raise too_large(max_bytes, field)
    if buffer.tell() == 0:
        raise ValidationError({field: messages.FILE_EMPTY} if field else messages.FILE_EMPTY)
    return buffer.getvalue()


@contextmanager
def spooled_upload(file: Any, *, max_bytes: int, field: str | None = None) -> Iterator[Path]:
    """The upload as a temporary file on disk (its extension kept), removed afterwards.

    For readers that want a path (pyarrow, DuckDB); read in chunks that stop at the cap.
    """
    check_size(file, max_bytes=max_bytes, field=field)
    if hasattr(file, "seek"):
        file.seek(0)
    # The file keeps its own name (made safe): some readers take facts from it (a year).
    name = get_valid_filename(Path(getattr(file, "name", "") or "").name)[-120:] or "upload"
    with tempfile.TemporaryDirectory(prefix="palermo-upload-") as folder:
        path = Path(folder) / name
        written = 0
        with path.open("wb") as target:
            while chunk := file.read(CHUNK):
                written += len(chunk)
                if written > max_bytes:
                    raise too_large(max_bytes, field)
                target.write(chunk)
        if written == 0:
            raise ValidationError({field: messages.FILE_EMPTY} if field else messages.FILE_EMPTY)
        yield path


def check_workbook(content: bytes | IO[bytes]) -> None:
    """Refuse a zip bomb from its central directory, before any part of it is unpacked.

    The sizes read there are also what `zipfile` holds each part to when it unpacks (a part
    that unpacks to more fails its check), so a directory that lies cannot slip past.
    """
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(messages.WORKBOOK_UNREADABLE) from error
    finally:
        if not isinstance(content, bytes):
            content.seek(0)
    total_cap = import_max_bytes() * UNZIPPED_FACTOR
    strings_cap = import_max_bytes() * SHARED_STRINGS_FACTOR
    strings = sum(info.file_size for info in infos if info.filename.endswith("sharedStrings.xml"))
    for cap, size in ((strings_cap, strings), (total_cap, sum(i.file_size for i in infos))):
        if size > cap:
            raise UploadTooLargeError(
                messages.WORKBOOK_TOO_LARGE % {"max": megabytes(cap)}, code="too_large"
            )


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
TEXT_SAMPLE = 64 * 1024


def _zip_document_kind(file: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                mimetype = archive.read("mimetype").strip()
                return "odt" if mimetype == ODT_MIMETYPE else None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def _is_text(sample: bytes, complete: bool) -> bool:
    encoding = "utf-16" if sample.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        # An incremental decoder lets the sample end in the middle of a character.
        text = codecs.getincrementaldecoder(encoding)().decode(sample, complete)
    except UnicodeDecodeError:
        return False
    return not any(ord(char) < 32 and char not in "\t\n\r\f" for char in text)


def document_kind(file: IO[bytes]) -> str | None:
    """What a document is by its content, whatever its name says: pdf, docx, doc, odt, rtf, txt."""
    file.seek(0)
    head = file.read(TEXT_SAMPLE)
    complete = not file.read(1)
    file.seek(0)
    kind: str | None = None
    if b"%PDF-" in head[:1024]:
        kind = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_document_kind(file)
    elif head.startswith(OLE2_MAGIC):
        # Excel and PowerPoint share the container; only Word has a WordDocument stream.
        kind = "doc" if "WordDocument".encode("utf-16-le") in file.read() else None
    elif head.lstrip().startswith(b"{\\rtf"):
        kind = "rtf"
    elif head and _is_text(head, complete):
        kind = "txt"
    file.seek(0)
    return kind


def check_document(file: Any, *, field: str | None = None) -> str:
    """Refuse a file past the upload cap or that is not a document a law comes in; its kind."""
    check_size(file, max_bytes=upload_max_bytes(), field=field)
    kind = document_kind(file)
    if kind is None:
        message = messages.DOCUMENT_KIND_REFUSED
        raise ValidationError({field: message} if field else message, code="document_kind")
    return kind

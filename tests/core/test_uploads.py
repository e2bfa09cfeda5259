import io
import time
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from palermo.core import messages, uploads
from palermo.core.management.commands import serve
from tests.workbooks import xlsx

PDF = b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Prevention of Trafficking in Persons Act, 2018.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def kind_of(name: str, content: bytes) -> str | None:
    return uploads.document_kind(SimpleUploadedFile(name, content))


def test_a_pdf_renamed_txt_is_identified_as_a_pdf_by_its_content() -> None:
    assert kind_of("act.txt", PDF) == "pdf"
    assert uploads.check_document(SimpleUploadedFile("act.txt", PDF)) == "pdf"


def test_an_exe_renamed_pdf_is_refused_with_the_formats_it_may_be() -> None:
    with pytest.raises(ValidationError) as error:
        uploads.check_document(SimpleUploadedFile("act.pdf", EXE), field="file")

    assert error.value.message_dict == {"file": [str(messages.DOCUMENT_KIND_REFUSED)]}


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (b"\n\n%PDF-1.4 after a little junk", "pdf"),
        (b"{\\rtf1\\ansi The Act}", "rtf"),
        ("Section 3. Offence of trafficking — ٹریفکنگ\n".encode(), "txt"),
        ("\ufeffThe Act".encode("utf-16"), "txt"),
        (OLE2 + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), "doc"),
    ],
)
def test_documents_are_recognised_by_their_content_whatever_their_name(
    content: bytes, kind: str
) -> None:
    assert kind_of("upload.bin", content) == kind


def test_word_and_opendocument_files_are_recognised_by_their_zip_members() -> None:
    assert kind_of("act.pdf", docx_bytes()) == "docx"
    assert kind_of("act", odt_bytes()) == "odt"


@pytest.mark.parametrize(
    "content",
    [
        EXE,
        xlsx([("law",), ("Act",)]),
        odt_bytes("application/vnd.oasis.opendocument.spreadsheet"),
        OLE2 + b"\x00" * 100 + "Workbook".encode("utf-16-le"),
        b"\x00\x01\x02 binary",
    ],
    ids=["exe", "xlsx", "ods", "xls", "binary"],
)
def test_files_that_are_not_law_documents_are_refused(content: bytes) -> None:
    with pytest.raises(ValidationError, match="not a PDF, Word"):
        uploads.check_document(SimpleUploadedFile("act.docx", content))


class Unreadable(io.BytesIO):
    """A file that fails the test if anything reads it."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the file was read")


def test_a_file_past_the_cap_is_refused_by_its_size_before_it_is_read(settings: Any) -> None:
    settings.PALERMO_UPLOAD_MAX_MB = 20

    with pytest.raises(uploads.UploadTooLargeError) as error:
        uploads.read_upload(Unreadable(21 * uploads.MB), max_bytes=uploads.upload_max_bytes())

    assert error.value.messages == [str(messages.FILE_TOO_LARGE % {"max": "20"})]
    assert "20 MB" in error.value.messages[0]


def test_reading_stops_at_the_cap_when_the_size_is_not_known() -> None:
    class Endless:
        size = None
        served = 0

        def seek(self, position: int) -> None:
            pass

        def read(self, n: int = -1) -> bytes:
            self.served += n
            return b"x" * n

    endless = Endless()

    with pytest.raises(uploads.UploadTooLargeError, match="larger than 1 MB"):
        uploads.read_upload(endless, max_bytes=uploads.MB)
    assert endless.served <= uploads.MB + uploads.CHUNK


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        uploads.read_upload(io.BytesIO(b""), max_bytes=uploads.MB, field="file")

    assert error.value.message_dict == {"file": [str(messages.FILE_EMPTY)]}


def test_a_zip_bomb_is_refused_from_its_central_directory_before_it_is_unpacked(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.PALERMO_IMPORT_MAX_MB = 1  # shared strings may unpack to 5 MB
    bomb = xlsx([("law",), ("Act",)], extra_parts={"xl/sharedStrings.xml": b" " * 6 * uploads.MB})
    assert len(bomb) < 100_000

    with pytest.raises(uploads.UploadTooLargeError) as error:
        uploads.check_workbook(bomb)

    assert error.value.messages == [str(messages.WORKBOOK_TOO_LARGE % {"max": "5"})]


def test_a_workbook_within_the_caps_passes_the_zip_check() -> None:
    uploads.check_workbook(xlsx([("law",), ("Act",)]))


def test_something_that_is_not_a_zip_is_not_a_readable_workbook() -> None:
    with pytest.raises(ValidationError, match="not a readable XLSX workbook"):
        uploads.check_workbook(b"law,section\nAct,3\n")


@pytest.mark.django_db
def test_a_request_body_past_the_limit_is_refused_413_json_on_the_api_unread(
    settings: Any, api_client: Client
) -> None:
    settings.PALERMO_UPLOAD_MAX_MB = 1
    settings.PALERMO_IMPORT_MAX_MB = 1  # the largest body: 1 MB of file and 1 MB of form
    started = time.monotonic()

    response = api_client.post(
        "/api/v1/legislation/import?state=PAK",
        data={"file": SimpleUploadedFile("laws.csv", b"x" * (3 * uploads.MB))},
    )

    assert time.monotonic() - started < 3
    assert response.status_code == 413
    assert response.json() == {"detail": str(messages.REQUEST_TOO_LARGE % {"max": "2"})}


@pytest.mark.django_db
def test_a_request_body_past_the_limit_is_refused_413_as_a_page(client: Client) -> None:
    response = client.post(
        "/en/instruments/legislation/import/?state=PAK",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(10**10),
    )

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "larger than 21 MB" in response.content.decode()


def test_the_request_limit_follows_the_largest_cap(settings: Any) -> None:
    settings.PALERMO_UPLOAD_MAX_MB = 20
    settings.PALERMO_IMPORT_MAX_MB = 30

    assert uploads.request_max_bytes() == 31 * uploads.MB


def test_django_keeps_large_uploads_out_of_memory() -> None:
    from palermo import settings as project_settings

    in_memory = project_settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    form_body = project_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert in_memory == int(2.5 * uploads.MB)
    assert form_body == 5 * uploads.MB


@pytest.mark.parametrize(("environment", "expected"), [(None, "60"), ("120", "120")])
def test_serve_passes_its_timeout_to_gunicorn(
    monkeypatch: pytest.MonkeyPatch, environment: str | None, expected: str
) -> None:
    import sys

    import gunicorn.app.wsgiapp

    if environment is None:
        monkeypatch.delenv("PALERMO_SERVER_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("PALERMO_SERVER_TIMEOUT", environment)
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", lambda: None)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    command = serve.Command()
    parser = command.create_parser("palermo", "serve")
    options = vars(parser.parse_args(["--no-task-worker"]))

    command.handle(**options)

    assert f"--timeout={expected}" in sys.argv


def test_evidence_imports_take_their_own_larger_cap(settings: Any) -> None:
    settings.PALERMO_UPLOAD_MAX_MB = 20
    settings.PALERMO_IMPORT_MAX_MB = 10
    settings.PALERMO_EVIDENCE_IMPORT_MAX_MB = 100
    assert uploads.request_max_bytes_for("/en/evidence/3/import/") == 101 * uploads.MB
    assert uploads.request_max_bytes_for("/api/v1/datasets/3/versions") == 101 * uploads.MB
    assert uploads.request_max_bytes_for("/en/engagement/import/") == 21 * uploads.MB
    assert uploads.request_max_bytes_for("/api/v1/evidence/3/import/") == 21 * uploads.MB

"""What every loader's reading does with broken files: rows named as the user sees them."""

from pathlib import Path

from palermo.evidence.loaders import ctdc, detect

HEADER = "yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,"
HEADER += "isForcedLabour,isSexualExploit"


def test_a_row_with_too_many_cells_is_an_error_naming_its_row(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,
                "2019,Man,9--17,PAK,PAK,1,",
                "2019,Man,9--17,PAK,PAK,1,,1",
                "2020,Wman,9--17,PAK,PAK,1,",
            ]
        )
    )

    loaded = ctdc.SYNTHETIC.load(path)

    assert [(e.row, e.column, e.message) for e in loaded.errors] == [
        (3, "", "The row has 8 cells where the header has 7."),
        (4, "gender", '"Wman" is not a known gender (Woman, Man, Female, Male ...).'),
    ]
    assert loaded.table.column("record_id").to_pylist() == ["2", "4"]


def test_blank_lines_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(f"{HEADER}\r\n2019,Man,9--17,PAK,PAK,1,\r\n\r\n2020,Wman,9--17,PAK,PAK,1,\r\n")

    loaded = ctdc.SYNTHETIC.load(path)

    assert loaded.table.column("record_id").to_pylist() == ["2", "4"]
    assert [(e.row, e.column) for e in loaded.errors] == [(4, "gender")]


def test_a_file_in_windows_1252_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    rows = [f"2019,Man,9--17,PAK,PAK,1,{'' if i else ''}" for i in range(40_000)]
    # The odd byte sits past the part of the file the encoding is guessed from.
    path.write_bytes("\n".join([HEADER, *rows]).encode() + b"\n2019,Man,9--17,PAK,PAK,1,\xe9\n")

    loaded = ctdc.SYNTHETIC.load(path)

    assert loaded.table.num_rows == 40_001
    assert "The file is not UTF-8; read as Windows-1252." in loaded.notes
    assert [(e.row, e.column) for e in loaded.errors] == [(40_002, "isSexualExploit")]


def test_a_broken_xlsx_is_one_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip file")

    loaded = ctdc.SYNTHETIC.load(path)

    assert loaded.error_count == 1
    assert loaded.errors[0].message.startswith("The file cannot be read (")
    assert detect(path) is None

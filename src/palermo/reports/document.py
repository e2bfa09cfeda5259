"""The document model: a report is built once as a tree of blocks, then rendered to any format.

Builders (`reports/builders/`) gather data through the other apps' selectors and return a
`Document`; renderers (`reports/renderers/`) turn a `Document` into bytes for one format. Adding
a report means writing a builder; the renderers never learn about reviews or plans.

Text is plain text (renderers escape it); emphasis is expressed with `Text` runs. Every string
is already translated into the document's language by the builder.
"""

from dataclasses import dataclass, field
from typing import Any, Literal

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class Text:
    """A run of inline text; `footnote` attaches a numbered note after the run."""

    text: str
    bold: bool = False
    italic: bool = False
    footnote: str = ""


Inline = str | Text


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 (chapter) to 3; level 1 and 2 appear in the table of contents


@dataclass(frozen=True)
class Paragraph:
    content: tuple[Inline, ...]

    @classmethod
    def of(cls, *content: Inline) -> "Paragraph":
        return cls(tuple(content))


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]
    numbered: bool = False

    @classmethod
    def of(cls, *items: str, numbered: bool = False) -> "BulletList":
        return cls(tuple((item,) for item in items), numbered)


@dataclass(frozen=True)
class Table:
    """A table with a header row; cells are text or numbers. `widths` are relative."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | int | float | None, ...], ...]
    caption: str = ""
    widths: tuple[float, ...] = ()
    # The sheet name when the document is rendered to XLSX (one sheet per named table).
    sheet: str = ""
    # False for a table laid out for the page (details folded into one column) whose data a
    # spreadsheet gets instead from a table of `Document.sheet_tables`, one value a column.
    spreadsheet: bool = True


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite specification (the same dict the pages embed) and its data as a table."""

    spec: dict[str, Any]
    caption: str = ""
    table: Table | None = None


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class TableOfContents:
    title: str


@dataclass(frozen=True)
class KeyValues:
    """Key facts as label/value pairs (a cover's details, a header block).

    With a `sheet` name the pairs are also a sheet of an XLSX rendering, headed by `columns`
    (a label and a value heading).
    """

    pairs: tuple[tuple[str, str], ...]
    sheet: str = ""
    columns: tuple[str, str] = ("", "")


Block = Heading | Paragraph | BulletList | Table | Chart | PageBreak | TableOfContents | KeyValues


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str = ""
    details: tuple[tuple[str, str], ...] = ()
    note: str = ""


@dataclass
class Document:
    title: str
    language: str = "en"
    direction: Direction = "ltr"
    cover: Cover | None = None
    blocks: list[Block] = field(default_factory=list)
    # Printed in page footers and document properties.
    author: str = "Palermo"
    # The restricted things printed, as (rule, primary key): who may read the report follows
    # from them (`reports.audience`). Never rendered.
    holds: set[tuple[str, int]] = field(default_factory=set)
    # Tables only a spreadsheet holds (after the blocks' tables): the whole texts that the
    # other formats print as paragraphs, for instance.
    sheet_tables: list[Table] = field(default_factory=list)

    def add(self, *blocks: Block) -> "Document":
        self.blocks.extend(blocks)
        return self

    def hold(self, rule: str, pk: int) -> None:
        """Note that the document prints a restricted thing (see `reports.audience.RULES`)."""
        self.holds.add((rule, pk))

    def tables(self) -> list[Table]:
        """Every table, including those under charts: what an XLSX rendering holds."""
        found: list[Table] = []
        for block in self.blocks:
            if isinstance(block, Table):
                if block.spreadsheet:
                    found.append(block)
            elif isinstance(block, Chart) and block.table is not None:
                found.append(block.table)
            elif isinstance(block, KeyValues) and block.sheet:
                found.append(
                    Table(columns=block.columns, rows=tuple(block.pairs), sheet=block.sheet)
                )
        return [*found, *self.sheet_tables]

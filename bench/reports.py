"""Our PDFs (document model -> Typst) against WeasyPrint on the same document's HTML.

    python bench/reports.py [--articles 40] [--runs 10]

Builds a self-assessment-like document (cover, contents, per article: heading, question,
answer paragraphs, a provisions table, observations) from the document model only, then
measures in one run:

- cold: the first render in a fresh interpreter (`python -c`), for each renderer;
- warm: the median of `--runs` renders in this process after one warm-up render.

WeasyPrint is not a dependency of Palermo (`pip install -e .[bench]` brings it); without it
the script says so and measures Typst alone. The WeasyPrint timing includes `render_html`, as
the Typst timing includes generating the Typst markup.
"""

import argparse
import io
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

from palermo.reports.document import (  # noqa: E402 - needs src/ on the path.
    BulletList,
    Cover,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Text,
)

WORDS = """the State party has adopted legislation measures competent authorities offence organized
criminal group participation proceeds of crime confiscation cooperation investigation
prosecution court judicial training data national strategy review implementation victims
witnesses protection mutual legal assistance extradition agency coordination resources
capacity reporting evidence cases convictions institutional framework""".split()  # noqa: SIM905
ARTICLES = (
    "Criminalization of participation in an organized criminal group",
    "Criminalization of the laundering of proceeds of crime",
    "Measures to combat money-laundering",
    "Criminalization of corruption",
    "Liability of legal persons",
    "Confiscation and seizure",
    "Jurisdiction",
    "Extradition",
    "Mutual legal assistance",
    "Joint investigations",
)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 26))
    return " ".join(words).capitalize() + "."


def build_document(articles: int = 40, seed: int = 7) -> Document:
    """A self-assessment with `articles` articles, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - text for a benchmark.
    document = Document(
        title="Self-assessment: Pakistan",
        author="Palermo benchmark",
        cover=Cover(
            title="Self-assessment: Pakistan",
            subtitle="United Nations Convention against Transnational Organized Crime",
            details=(("State", "Pakistan"), ("Cycle", "2024"), ("Cluster", "Criminalization")),
            note="Generated for a benchmark; the text is random.",
        ),
    )
    document.add(TableOfContents("Contents"), PageBreak())
    for number in range(1, articles + 1):
        title = ARTICLES[(number - 1) % len(ARTICLES)]
        document.add(
            Heading(f"Article {number + 4}. {title}"),
            Paragraph.of(Text(f"Question {number}. " + _sentence(rng), italic=True)),
        )
        for _ in range(rng.randint(3, 5)):
            sentences = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
            footnote = _sentence(rng) if rng.random() < 0.2 else ""
            document.add(
                Paragraph.of(sentences, Text(" " + _sentence(rng), bold=True, footnote=footnote))
            )
        rows = tuple(
            (
                f"Section {rng.randint(1, 400)}",
                " ".join(rng.choices(WORDS, k=5)).title(),
                rng.randint(0, 250),
                round(rng.random() * 100, 1),
            )
            for _ in range(rng.randint(4, 7))
        )
        document.add(
            Table(
                columns=("Provision", "Law", "Cases", "Share (%)"),
                rows=rows,
                caption=f"Provisions implementing article {number + 4}",
                widths=(2, 4, 1, 1),
            ),
            Heading("Observations", level=2),
            BulletList(tuple((_sentence(rng),) for _ in range(rng.randint(2, 4)))),
        )
    return document


def _setup() -> None:
    import django

    django.setup()
    # WeasyPrint logs every page it lays out.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)


def _weasyprint_pdf(document: Document) -> bytes:
    import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]

    from palermo.reports.renderers.html import render_html_page

    return bytes(weasyprint.HTML(string=render_html_page(document)).write_pdf())


def _typst_pdf(document: Document) -> bytes:
    from palermo.reports.renderers.pdf import render_pdf

    return render_pdf(document)


RENDERERS: dict[str, Callable[[Document], bytes]] = {
    "typst": _typst_pdf,
    "weasyprint": _weasyprint_pdf,
}

CHILD = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, {bench!r})
import reports as bench
bench._setup()
document = bench.build_document({articles})
if {name!r} == "weasyprint":
    import weasyprint
from palermo.reports.renderers import pdf, html
imported = time.perf_counter()
content = bench.RENDERERS[{name!r}](document)
done = time.perf_counter()
pages = bench.pages(content)
print(json.dumps({{"first": done - imported, "process": done - started, "pages": pages}}))
"""


def pages(content: bytes) -> int | None:
    try:
        import pypdf
    except ImportError:
        return None
    return len(pypdf.PdfReader(io.BytesIO(content)).pages)


def cold(name: str, articles: int) -> dict[str, float]:
    code = CHILD.format(bench=str(ROOT / "bench"), articles=articles, name=name)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def warm(name: str, warm_up: Document, documents: list[Document]) -> float:
    """The median time of rendering each of `documents` after rendering `warm_up`."""
    render = RENDERERS[name]
    render(warm_up)
    times = []
    for document in documents:
        started = time.perf_counter()
        render(document)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def has_weasyprint() -> bool:
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except (ImportError, OSError) as error:
        print(f"WeasyPrint is not importable ({error}); measuring Typst alone.")
        print("Install it to compare: pip install -e '.[bench]' (needs Debian's libpango).")
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    _setup()
    document = build_document(arguments.articles)
    names = ["typst", "weasyprint"] if has_weasyprint() else ["typst"]
    print(f"Document: {arguments.articles} articles, {len(document.blocks)} blocks.")

    same = [document] * arguments.runs
    fresh = [build_document(arguments.articles, seed=100 + n) for n in range(arguments.runs)]
    other = build_document(arguments.articles, seed=99)
    results: dict[str, dict[str, float]] = {}
    for name in names:
        first = cold(name, arguments.articles)
        results[name] = {
            **first,
            "warm": warm(name, document, same),
            "fresh": warm(name, other, fresh),
        }
        print(
            f"{name:>10}: {first['pages']} pages; cold: first render {first['first']:.3f} s"
            f" (whole fresh process {first['process']:.2f} s); warm, median of"
            f" {arguments.runs}: same document {results[name]['warm'] * 1000:.0f} ms,"
            f" a new document each time {results[name]['fresh'] * 1000:.0f} ms"
        )
    if "weasyprint" in results:
        typst, weasy = results["typst"], results["weasyprint"]
        print(
            "WeasyPrint / Typst:"
            f" warm same document {weasy['warm'] / typst['warm']:.0f}x,"
            f" warm new documents {weasy['fresh'] / typst['fresh']:.1f}x,"
            f" cold first render {weasy['first'] / typst['first']:.1f}x,"
            f" cold process {weasy['process'] / typst['process']:.1f}x"
        )
    print(
        "Typst memoises layout: a warm render of a document it has laid out before reuses that"
        " work; new text is laid out afresh."
    )


if __name__ == "__main__":
    main()

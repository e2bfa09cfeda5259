"""A realistic alliance year entered through the API is found whole in each annual report format.

Issue 13's acceptance: everything about the year goes in through /api/v1 with bearer tokens (the
coordinating organisation and its acronym, the alliance, seven events held in 2024 with one over
three days naming its venue, organisers and partners, statements, fifteen recommendations of
which some hold ";", the recorded figures of 35 organisations and 65 experts, and six events
planned for 2025 known only to the month or the week); the annual report is then asked for
through the reports API in HTML, PDF, DOCX and XLSX, each file is downloaded and its text read
back, and every fact is looked for in it.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from palermo.core.roles import Role
from tests.factories import bearer, make_organisation, make_secretariat, make_user
from tests.reports.file_text import docx_text, html_text, pdf_text, xlsx_text

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
FORMATS = ("html", "pdf", "docx", "xlsx")

ACRONYM = "PCAT"
COORDINATOR = "Pakistan Coalition against Trafficking (test)"
ALLIANCE = "Civil Society Alliance against Organized Crime (test)"
ORGANISERS = ("Legal Aid Society (test)", "Bar Council of Punjab (test)")
PARTNERS = ("Women Lawyers Network (test)", "Migrant Workers Forum (test)")
VENUE = "Marriott Hotel Convention Hall"
SOURCE = "Annual general meeting, January 2025"

# (title, first day, last day or None, kind) of the events held in 2024.
HELD = (
    ("Dialogue on trafficking in persons (test)", "2024-01-18", None, "constructive_dialogue"),
    ("Consultation on witness protection (test)", "2024-03-07", None, "consultation"),
    ("Webinar on smuggling of migrants (test)", "2024-04-25", None, "webinar"),
    ("Roundtable on firearms (test)", "2024-06-12", None, "roundtable"),
    (
        "National consultation on the UNTOC review (test)",
        "2024-09-23",
        "2024-09-25",
        "consultation",
    ),
    ("Meeting with journalists (test)", "2024-10-30", None, "meeting"),
    ("International Anti-Corruption Day (test)", "2024-12-09", None, "international_day"),
)
MULTI_DAY = HELD[4][0]

STATEMENTS = (
    (
        "Statement at the national consultation (test)",
        "2024-09-25",
        MULTI_DAY,
        "The alliance asks the State to publish its organized crime figures every year.",
    ),
    (
        "Statement on Anti-Corruption Day (test)",
        "2024-12-09",
        HELD[6][0],
        "Corruption feeds trafficking: the alliance calls for open public procurement.",
    ),
)

RECOMMENDATIONS = (
    "Adopt a victim-witness protection law; fund shelters in every province; "
    "train prosecutors on trafficking cases",
    "Publish yearly statistics on trafficking prosecutions and convictions",
    "Set up a national referral mechanism for victims; include civil society in it",
    "Criminalise the laundering of the proceeds of organized crime in line with Article 6",
    "Give the Federal Investigation Agency a budget line for anti-smuggling work",
    "Train border officials on identifying victims of trafficking; record their training",
    "Ratify the Firearms Protocol without reservations",
    "Mark and register every firearm made or imported; keep the records for twenty years",
    "Protect journalists who report on organized crime",
    "Open public procurement data to civil-society monitoring; publish contracts within a month",
    "Include survivors in the design of assistance programmes",
    "Translate the review's recommendations into Urdu and the provincial languages",
    "Fund legal aid for smuggled migrants; guarantee interpreters at every hearing; "
    "inform migrants of consular access",
    "Report on the country review follow-up to Parliament each year",
    "Invite civil society to the constructive dialogue of the next review cycle",
)

# (title, day given, precision, how the report prints it) of the events planned for 2025.
PLANNED = (
    ("Roundtable on legal aid (test)", "2025-02-01", "month", "February 2025"),
    ("Training of prosecutors (test)", "2025-03-10", "week", "week of 10 March 2025"),
    ("Survivors' forum (test)", "2025-05-01", "month", "May 2025"),
    ("Media workshop on firearms (test)", "2025-07-14", "week", "week of 14 July 2025"),
    ("Provincial consultation in Sindh (test)", "2025-09-01", "month", "September 2025"),
    ("Shadow report launch (test)", "2025-11-03", "week", "week of 3 November 2025"),
)


def post(client: Client, headers: dict[str, str], path: str, payload: dict[str, Any]) -> Any:
    response = client.post(
        f"/api/v1/{path}", payload, content_type="application/json", headers=headers
    )
    assert response.status_code in {201, 202}, (path, response.status_code, response.content)
    return response.json()


def enter_the_year(client: Client) -> int:
    """The alliance's 2024 entered through the API; returns the alliance's id."""
    own = make_organisation("Alliance office (test)", kind="civil_society")
    coordinator = bearer(make_user("coordinator", Role.CS_COORDINATOR, organisation=own))

    def organisation(name: str, acronym: str = "") -> int:
        payload = {"name": name, "kind": "civil_society", "country": "PAK", "acronym": acronym}
        return int(post(client, coordinator, "organisations", payload)["id"])

    coordinating = organisation(COORDINATOR, ACRONYM)
    organisers = [organisation(name) for name in ORGANISERS]
    partners = [organisation(name) for name in PARTNERS]
    alliance = post(
        client,
        coordinator,
        "alliances",
        {"name": ALLIANCE, "coordinator_id": coordinating, "founded_on": "2019-05-01"},
    )["id"]
    events: dict[str, int] = {}
    for title, first, last, kind in HELD:
        payload: dict[str, Any] = {
            "kind": kind,
            "title": title,
            "starts_on": first,
            "alliance": alliance,
            "city": "Islamabad",
            "in_person_count": 25,
            "online_count": 40,
        }
        if last:
            payload |= {
                "ends_on": last,
                "venue": VENUE,
                "organisers": organisers,
                "partners": partners,
                "in_person_count": 31,
                "online_count": 86,
            }
        events[title] = post(client, coordinator, "events", payload)["id"]
    statements = [
        post(
            client,
            coordinator,
            f"events/{events[event]}/statements",
            {"organisation": coordinating, "title": title, "delivered_on": on, "text": text},
        )["id"]
        for title, on, event, text in STATEMENTS
    ]
    for number, text in enumerate(RECOMMENDATIONS, start=1):
        statement, on = (
            (statements[0], "2024-09-25") if number <= 8 else (statements[1], "2024-12-09")
        )
        post(
            client,
            coordinator,
            "recommendations",
            {
                "text": text,
                "source": "statement",
                "statement_id": statement,
                "issued_on": on,
                "reference": f"R-{number:02d}",
            },
        )
    post(
        client,
        coordinator,
        f"alliances/{alliance}/figures",
        {"year": 2024, "organisations": 35, "experts": 65, "source": SOURCE},
    )
    for title, on, precision, printed in PLANNED:
        created = post(
            client,
            coordinator,
            "events",
            {
                "kind": "roundtable",
                "title": title,
                "starts_on": on,
                "date_precision": precision,
                "alliance": alliance,
                "organisers": organisers[:1],
            },
        )
        assert created["approximate_date"] == printed
    return int(alliance)


READERS: dict[str, Callable[[bytes], str]] = {
    "html": html_text,
    "pdf": pdf_text,
    "docx": docx_text,
    "xlsx": xlsx_text,
}

FACTS = (
    ALLIANCE,
    f"{COORDINATOR} ({ACRONYM})",
    *(title for title, *_rest in HELD),
    "23 September 2024 – 25 September 2024",
    f"{VENUE}, Islamabad",
    *ORGANISERS,
    *PARTNERS,
    *(title for title, *_rest in STATEMENTS),
    *(text for *_rest, text in STATEMENTS),
    *RECOMMENDATIONS,
    "35 organisations and 65 experts",
    "35 organisations, 65 experts",
    f"Recorded by the alliance for 2024. Source: {SOURCE}.",
    *(title for title, *_rest in PLANNED),
    *(printed for *_rest, printed in PLANNED),
)


# The three-day event with its place, organisers and partners together: folded into one cell on
# the page, one value a column in the spreadsheet (organisations in alphabetical order).
ORGANISED = "; ".join(sorted(ORGANISERS))
PARTNERED = "; ".join(sorted(PARTNERS))
THREE_DAYS = {
    "page": f"{MULTI_DAY} Consultation · {VENUE}, Islamabad Organised by {ORGANISED} "
    f"In partnership with {PARTNERED} 31 86 117",
    "xlsx": f"23 September 2024 – 25 September 2024 | {MULTI_DAY} | Consultation | "
    f"{VENUE}, Islamabad | {ORGANISED} | {PARTNERED} | 31 | 86 | 117",
}


def squeeze(text: str) -> str:
    """Without spaces or hyphens: narrow PDF cells break words across lines, with hyphens."""
    return re.sub(r"[\s\-‐\u00ad]", "", text)


def test_a_year_entered_through_the_api_is_whole_in_every_format(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    alliance = enter_the_year(client)
    headers = bearer(make_secretariat())

    texts: dict[str, str] = {}
    for fmt in FORMATS:
        with django_capture_on_commit_callbacks(execute=True):
            queued = post(
                client,
                headers,
                "reports",
                {
                    "kind": "annual_report",
                    "params": {"alliance": alliance, "year": 2024},
                    "language": "en",
                    "fmt": fmt,
                },
            )
        status = client.get(f"/api/v1/reports/{queued['id']}", headers=headers).json()
        assert status["status"] == "done", status
        file = client.get(f"/api/v1/reports/{queued['id']}/file", headers=headers)
        assert file.status_code == 200
        texts[fmt] = READERS[fmt](b"".join(file.streaming_content))  # type: ignore[attr-defined]

    missing = {
        fmt: [
            fact
            for fact in (*FACTS, THREE_DAYS["xlsx" if fmt == "xlsx" else "page"])
            if (squeeze(fact) not in squeeze(text) if fmt == "pdf" else fact not in text)
        ]
        for fmt, text in texts.items()
    }
    assert missing == dict.fromkeys(FORMATS, []), missing
    for fmt, text in texts.items():
        # The counts of the year, and the planned dates only as far as they are known.
        assert re.search(r"Events held[ :|]+7\b", text), fmt
        assert re.search(r"Recommendations of the alliance[ :|]+15\b", text), fmt
        assert re.search(r"Statements delivered[ :|]+2\b", text), fmt
        assert "1 February 2025" not in text, fmt
        assert "1 May 2025" not in text, fmt

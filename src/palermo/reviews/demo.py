"""Demo: Pakistan's Cluster 1 review (2021), peer-reviewed by Tonga and Djibouti."""

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.instruments.models import Cluster, Instrument, Provision, State
from palermo.reviews.models import Review
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import observations as observation_services
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import parallel as parallel_services
from palermo.reviews.services import phases as phase_services
from palermo.reviews.services import reviewers as reviewer_services

ANSWERS = {
    # article: (body, compliance, measures, cited (law short title, section), examples)
    "untoc:2": (
        "Ministry of Interior",
        "partly",
        "Pakistani law has no single definition of an organized criminal group; the terms are "
        "spread over several laws, and 'serious crime' is defined by the penalty.",
        [],
        "",
    ),
    "untoc:5": (
        "Federal Investigation Agency",
        "partly",
        "Participation in an organized criminal group is prosecuted through conspiracy and "
        "abetment provisions; there is no stand-alone offence yet.",
        [],
        "",
    ),
    "untoc:6": (
        "Financial Monitoring Unit",
        "yes",
        "Section 3 of the Anti-Money Laundering Act 2010 criminalizes money laundering, with "
        "all serious offences as predicate offences.",
        [("AMLA 2010", "3")],
        "The Financial Monitoring Unit received suspicious transaction reports every year "
        "since 2010 (figures to be added from its annual reports).",
    ),
    "untoc:8": (
        "National Accountability Bureau",
        "yes",
        "Section 9 of the National Accountability Ordinance 1999 and section 5 of the "
        "Prevention of Corruption Act 1947 criminalize corruption of public officials.",
        [("NAO 1999", "9"), ("PCA 1947", "5")],
        "",
    ),
    "untoc:9": (
        "National Accountability Bureau",
        "partly",
        "The National Accountability Bureau runs prevention and awareness work besides "
        "prosecution.",
        [],
        "",
    ),
    "untoc:10": (
        "Federal Investigation Agency",
        "partly",
        "Companies can be held liable under the Anti-Money Laundering Act; a general rule on "
        "the liability of legal persons is under discussion.",
        [],
        "",
    ),
    "untoc:15": (
        "Ministry of Interior",
        "yes",
        "Pakistani courts have jurisdiction over offences committed in Pakistan and on its "
        "ships and aircraft, and over certain offences by its nationals abroad.",
        [],
        "",
    ),
    "untoc:23": (
        "Federal Investigation Agency",
        "partly",
        "Intimidation of witnesses is an offence under the general criminal law; a specific "
        "offence of obstruction of justice is not in place.",
        [],
        "",
    ),
}
OBSERVATIONS = [
    (
        "untoc:23",
        "information_request",
        "",
        "Please give the number of prosecutions and convictions for "
        "intimidating witnesses since 2018.",
        "Figures are being collected from the provincial prosecution services and will follow.",
        "answered",
    ),
    (
        "untoc:5",
        "finding",
        "gap",
        "Participation in an organized criminal group is not a stand-alone "
        "offence; consider adopting one in line with article 5(1)(a).",
        "",
        "open",
    ),
    (
        "untoc:6",
        "finding",
        "good_practice",
        "The wide range of predicate offences under the Anti-Money "
        "Laundering Act is a good practice.",
        "Thank you; the list was widened in 2020.",
        "closed",
    ),
]


def demo_load() -> dict[str, int]:
    state = State.objects.get(iso3="PAK")
    cluster = Cluster.objects.get(number=1)
    if Review.objects.filter(state=state, cluster=cluster, cycle=1).exists():
        return {"reviews": 0}
    review = opening_services.review_open(actor=None, state=state, cluster=cluster, year=2021)
    untoc = Instrument.objects.get(code="untoc")
    reviewer_services.reviewers_set(
        actor=None,
        review=review,
        choices=[
            (untoc, State.objects.get(iso3="TON"), "same"),
            (untoc, State.objects.get(iso3="DJI"), "other"),
        ],
    )
    reviewer = User.objects.get(username="reviewer")
    reviewer_services.participant_add(
        actor=None, review=review, user=reviewer, role=Role.PEER_REVIEWER
    )
    bodies = {o.name: o for o in Organisation.objects.filter(country="PAK")}
    for answer in review.answers.select_related("article__instrument"):
        body, compliance, measures, cited, examples = ANSWERS[answer.article.code]
        answer_services.answer_assign(actor=None, answers=[answer], body=bodies[body])
        answer.refresh_from_db()
        provisions = [
            Provision.objects.get(law__short_title=law, section=section) for law, section in cited
        ]
        responses = {"measures": measures, "examples": examples}
        answer_services.answer_save(
            actor=None,
            answer=answer,
            expected_version=answer.version,
            compliance=compliance,
            responses=responses,
            provisions=provisions,
        )
    for code in ("untoc:5", "untoc:6"):
        instrument, number = code.split(":")
        answer_services.answer_share(
            actor=None,
            answer=review.answers.get(
                article__instrument__code=instrument, article__number=int(number)
            ),
            shared=True,
        )
    answer_services.answer_approve(actor=None, answers=list(review.answers.all()))
    phase_services.review_submit(actor=None, review=review)
    phase_services.review_advance(actor=None, review=review)
    focal = User.objects.get(username="focal")
    for code, kind, category, text, reply, status in OBSERVATIONS:
        instrument, number = code.split(":")
        article = review.answers.get(
            article__instrument__code=instrument, article__number=int(number)
        ).article
        observation = observation_services.observation_create(
            actor=reviewer, review=review, article=article, kind=kind, category=category, text=text
        )
        if reply:
            observation_services.observation_reply(actor=focal, observation=observation, text=reply)
        if status == "closed":
            observation_services.observation_set_status(
                actor=reviewer, observation=observation, status="closed"
            )
    review.refresh_from_db()
    _parallel_demo(review)
    return {"reviews": 1}


PARALLEL = {
    "Pakistan Bar Council": {
        "untoc:5": (
            "partly",
            "Conspiracy provisions are used, but courts require proof of a specific offence.",
            "Bar Council consultations, 2022.",
            "Adopt a stand-alone offence of participation.",
        ),
        "untoc:6": (
            "compliant",
            "The money-laundering offence is in force and used.",
            "Court records.",
            "",
        ),
        "untoc:23": (
            "not_compliant",
            "Witnesses are rarely protected and intimidation is seldom prosecuted.",
            "Legal-aid societies' case files.",
            "Create an offence of obstruction of justice.",
        ),
    },
    "Civil Society Alliance (demo coordinating think tank)": {
        "untoc:5": (
            "not_compliant",
            "No stand-alone offence exists.",
            "Alliance scoping meeting, 24 August 2022.",
            "Criminalize participation in an organized criminal group.",
        ),
        "untoc:6": ("compliant", "Predicate offences are broad.", "FATF follow-up reports.", ""),
        "untoc:10": (
            "partly",
            "Company liability exists only under the Anti-Money Laundering Act.",
            "",
            "",
        ),
    },
}
CONSOLIDATED = {
    "untoc:5": (
        "not_compliant",
        "Members agree that Pakistan has no stand-alone offence of participation.",
        "Adopt an offence matching article 5(1)(a).",
    ),
    "untoc:6": ("compliant", "Members find the money-laundering offence in force and applied.", ""),
    "untoc:23": (
        "not_compliant",
        "Intimidation of witnesses is seldom prosecuted.",
        "Create an offence of obstruction of justice and protect witnesses.",
    ),
}


def _parallel_demo(review: Review) -> None:
    articles = {
        a.article.code: a.article for a in review.answers.select_related("article__instrument")
    }
    members = {
        "Pakistan Bar Council": "member",
        "Civil Society Alliance (demo coordinating think tank)": "coordinator",
    }
    for organisation, assessments in PARALLEL.items():
        author = User.objects.get(username=members[organisation])
        values = {
            articles[code]: {"assessment": a, "evidence": e, "sources": s, "recommendations": r}
            for code, (a, e, s, r) in assessments.items()
        }
        submission = parallel_services.parallel_save(
            actor=author, review=review, assessments=values
        )
        parallel_services.parallel_submit(actor=author, submission=submission)
    coordinator = User.objects.get(username="coordinator")
    for code, (assessment, summary, recommendations) in CONSOLIDATED.items():
        parallel_services.consolidation_save(
            actor=coordinator,
            review=review,
            article=articles[code],
            assessment=assessment,
            summary=summary,
            recommendations=recommendations,
        )

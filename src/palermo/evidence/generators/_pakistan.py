"""The case mix of the synthetic Pakistan case database: invented shares, plausible shapes.

Brick kilns hold whole families in debt bondage (men and women, many children); agriculture
likewise; domestic work takes mostly girls and women; sexual exploitation mostly women, some
transgender women (khawaja sira) and boys; begging mostly children; forced marriage girls and
women. Values are HTCDS XLSForm choice names.
"""

# Profile: weight, sexes (Feminine/Masculine/TransgenderFeminine weights), share of children,
# types of exploitation, industries, means with their chances.
PROFILES: dict[
    str, tuple[float, tuple[float, float, float], float, list[str], list[str], dict[str, float]]
] = {
    "brick_kiln": (
        0.33,
        (0.4, 0.6, 0.0),
        0.3,
        ["ForcedLabour"],
        ["C_Manufacturing"],
        {
            "DebtBondage": 0.9,
            "TakesEarnings": 0.5,
            "ExcessiveWorkingHours": 0.6,
            "PhysicalThreats": 0.3,
            "ThreatensChildrenFamily": 0.2,
        },
    ),
    "agriculture": (
        0.2,
        (0.35, 0.65, 0.0),
        0.2,
        ["ForcedLabour"],
        ["A_AgricultureForestryAndFishing"],
        {"DebtBondage": 0.7, "ThreatensChildrenFamily": 0.3, "PhysicalAbuse": 0.2},
    ),
    "domestic": (
        0.15,
        (0.75, 0.25, 0.0),
        0.45,
        ["ForcedLabour"],
        ["T_ActivitiesOfHouseholdsAsEmployers"],
        {
            "WithholdsNecessities": 0.5,
            "PhysicalAbuse": 0.5,
            "ExcessiveWorkingHours": 0.7,
            "WithholdsDocuments": 0.1,
        },
    ),
    "sexual": (
        0.22,
        (0.88, 0.04, 0.08),
        0.25,
        ["SexualExploitation"],
        [],
        {
            "FalsePromises": 0.6,
            "SexualAbuse": 0.5,
            "PhysicalAbuse": 0.4,
            "PsychoactiveSubstance": 0.2,
            "WithholdsDocuments": 0.3,
        },
    ),
    "begging": (
        0.05,
        (0.45, 0.55, 0.0),
        0.7,
        ["ForcedBegging"],
        [],
        {"PhysicalThreats": 0.4, "TakesEarnings": 0.6},
    ),
    "marriage": (
        0.05,
        (1.0, 0.0, 0.0),
        0.5,
        ["ForcedMarriage"],
        [],
        {"FalsePromises": 0.5, "PsychologicalAbuse": 0.4},
    ),
}
RECRUITMENT = (
    [
        "ThroughFamilyOrFamilyEvents",
        "ThroughFriendsOrSocialEvents",
        "AtWork",
        "ThroughOnlineSocialNetworks",
        "Other",
    ],
    [0.35, 0.3, 0.15, 0.1, 0.1],
)
ABROAD = ["Saudi Arabia", "United Arab Emirates", "Oman", "Iran"]
TOWNS = ["Lahore", "Kasur", "Sheikhupura", "Karachi", "Faisalabad"]

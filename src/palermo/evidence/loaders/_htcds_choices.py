"""The HTCDS picklists we read, and the one table that maps their values onto VICTIMS columns.

Choice names and labels are those of the HTCDS XLSForm (sheet `choices`, lists below) of the
Human Trafficking Case Data Standard (HTCDS) by IOM, CC BY 4.0. Citizenship (ISO alpha-2 names,
country labels) is read by the country resolver, not listed here.

Where the standard is finer than the schema, several values share a column (every kind of
threat is `means_threats`); where the schema has no column for a value (`RestrictsFinancialAccess`,
a recruitment through an advertisement), the value maps to no column and is read but not stored.
"""

from palermo.evidence.schema import Sex

# Question (its system name, as in the Excel template; Kobo names are compared loosely) ->
# the choice list it draws from.
MULTIPLE = {
    "vic_MethodsOfControl": "methodsofcontrol",
    "vic_TypeOfExploitation": "typeofexploitation",
    "vic_ForcedLabourIndustry": "forcedlabourindustry",
    "vic_TypeOfSexExploitation": "typeofsexexploitation",
    "vic_MethodOfRecruitment": "methodofrecruitment",
}

# list -> (choice name, label, VICTIMS flag columns it sets).
CHOICES: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "methodsofcontrol": (
        ("PhysicalThreats", "Physical threats", ("means_threats",)),
        ("ThreatsLawEnforcement", "Threats of law enforcement", ("means_threats",)),
        ("ThreatensChildrenFamily", "Threatens children/family", ("means_threats",)),
        ("DebtBondage", "Debt bondage", ("means_debt_bondage",)),
        ("FalsePromises", "False promises", ("means_false_promises",)),
        ("PhysicalAbuse", "Physical abuse", ("means_abuse",)),
        ("SexualAbuse", "Sexual abuse", ("means_abuse",)),
        ("TakesEarnings", "Takes earnings", ("means_debt_bondage",)),
        ("RestrictsFinancialAccess", "Restricts financial access", ()),
        ("RestrictsMedicalCare", "Restricts medical care", ("means_deny_basic_needs",)),
        ("WithholdsNecessities", "Withholds necessities", ("means_deny_basic_needs",)),
        ("PsychologicalAbuse", "Psychological abuse", ("means_abuse",)),
        ("PsychoactiveSubstance", "Psychoactive substance", ("means_drugs_alcohol",)),
        ("ExcessiveWorkingHours", "Excessive working hours", ("means_excessive_hours",)),
        ("WithholdsDocuments", "Withholds documents", ("means_withhold_documents",)),
        ("Other", "Other", ()),
    ),
    "typeofexploitation": (
        ("ForcedLabour", "Forced labour", ("exploitation_forced_labour",)),
        ("SexualExploitation", "Sexual exploitation", ("exploitation_sexual",)),
        ("ChildLabour", "Child labour", ("exploitation_other",)),
        ("ForcedMarriage", "Forced marriage", ("exploitation_other",)),
        ("Servitude", "Servitude", ("exploitation_other",)),
        (
            "ForcedMilitaryByNonStateActors",
            "Forced military (by non-state actors)",
            ("exploitation_other",),
        ),
        ("OrganRemoval", "Organ removal", ("exploitation_other",)),
        ("ForcedBegging", "Forced begging", ("exploitation_forced_labour", "sector_begging")),
        ("ForcedAdoption", "Forced adoption", ("exploitation_other",)),
        ("Surrogacy", "Surrogacy", ("exploitation_other",)),
        ("Other", "Other", ("exploitation_other",)),
    ),
    # ISIC Rev. 4 sections; brick kilns are C (manufacture of clay building materials).
    "forcedlabourindustry": (
        (
            "A_AgricultureForestryAndFishing",
            "Agriculture, forestry and fishing",
            ("sector_agriculture",),
        ),
        ("B_MiningAndQuarrying", "Mining and quarrying", ("sector_mining",)),
        ("C_Manufacturing", "Manufacturing", ("sector_manufacturing",)),
        (
            "D_ElectricityGasSteamAndAirConditioningSupply",
            "Electricity, gas, steam and air conditioning supply",
            ("sector_other",),
        ),
        (
            "E_WaterSupplySewerageWasteManagement",
            "Water supply; sewerage, waste management and remediation",
            ("sector_other",),
        ),
        ("F_Construction", "Construction", ("sector_construction",)),
        (
            "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
            "Wholesale and retail trade; repair of motor vehicles and motorcycles",
            ("sector_other",),
        ),
        ("H_TransportationAndStorage", "Transportation and storage", ("sector_other",)),
        (
            "I_AccommodationAndFoodServiceActivities",
            "Accommodation and food service activities",
            ("sector_hospitality",),
        ),
        ("J_InformationAndCommunication", "Information and communication", ("sector_other",)),
        (
            "K_FinancialAndInsuranceActivities",
            "Financial and insurance activities",
            ("sector_other",),
        ),
        ("L_RealEstateActivities", "Real estate activities", ("sector_other",)),
        (
            "M_ProfessionalScientificAndTechnicalActivities",
            "Professional, scientific and technical activities",
            ("sector_other",),
        ),
        (
            "N_AdministrativeAndSupportServiceActivities",
            "Administrative and support service activities",
            ("sector_other",),
        ),
        (
            "O_PublicAdministrationAndDefence",
            "Public administration and defence; compulsory social security",
            ("sector_other",),
        ),
        ("P_Education", "Education", ("sector_other",)),
        (
            "Q_HumanHealthAndSocialWorkActivities",
            "Human health and social work activities",
            ("sector_other",),
        ),
        (
            "R_ArtsEntertainmentAndRecreation",
            "Arts, entertainment and recreation",
            ("sector_other",),
        ),
        ("S_OtherServiceActivities", "Other service activities", ("sector_other",)),
        (
            "T_ActivitiesOfHouseholdsAsEmployers",
            "Activities of households as employers; undifferentiated goods- and services- "
            "producing activities of households for own use",
            ("sector_domestic_work",),
        ),
        (
            "U_ActivitiesOfExtraterritorialOrganizations",
            "Activities of extraterritorial organizations and bodies",
            ("sector_other",),
        ),
    ),
    "typeofsexexploitation": (
        ("Prostitution", "Prostitution", ("sexual_prostitution",)),
        ("Pornography", "Pornography", ("sexual_pornography",)),
        ("RemoteInteractiveServices", "Remote Interactive Services", ("sexual_other",)),
        ("PrivateSexualServices", "Private Sexual Services", ("sexual_other",)),
    ),
    # The channel of recruitment, not the recruiter: only family and friends say who it was.
    "methodofrecruitment": (
        ("AtAPlaceOfBusiness", "At a place of business", ()),
        ("AtAnEducationalInstitution", "At an educational institution", ()),
        ("AtWork", "At work", ()),
        ("ThroughOnlineSocialNetworks", "Through online social networks", ()),
        ("ThroughAnOnlineAdvertisement", "Through an online advertisement", ()),
        ("ThroughATelevisionAdvert", "Through a television advert", ()),
        ("ThroughANewspaperAdvert", "Through a newspaper advert", ()),
        ("ThroughFamilyOrFamilyEvents", "Through family or family events", ("recruiter_family",)),
        ("ThroughFriendsOrSocialEvents", "Through friends or social events", ("recruiter_friend",)),
        ("Other", "Other", ()),
    ),
}

GENDER: tuple[tuple[str, str, Sex], ...] = (
    ("Feminine", "Feminine", Sex.FEMALE),
    ("Masculine", "Masculine", Sex.MALE),
    ("TransgenderFeminine", "Transgender Feminine", Sex.TRANSGENDER),
    ("TransgenderMasculine", "Transgender Masculine", Sex.TRANSGENDER),
    ("NonConforming", "Non-Conforming", Sex.NONCONFORMING),
    ("NonSpecifiedUnknown", "Not Specified/Unknown", Sex.UNKNOWN),
)
# What people type into the Excel template's free cells instead of the picklist.
GENDER_WORDS = {
    "female": Sex.FEMALE,
    "f": Sex.FEMALE,
    "woman": Sex.FEMALE,
    "male": Sex.MALE,
    "m": Sex.MALE,
    "man": Sex.MALE,
    "transgender": Sex.TRANSGENDER,
    "unknown": Sex.UNKNOWN,
}

NOT_A_VICTIM = "NotAVictimOfTrafficking"
STATUS = (
    ("PossibleVictimOfTrafficking", "Possible victim of trafficking"),
    ("ActualVictimOfTrafficking", "Actual victim of trafficking"),
    (NOT_A_VICTIM, "Not a victim of trafficking"),
)

"""The invented Pakistan-like profile the generators draw from (no real person or count).

Citizenships weighted to South Asia and Afghanistan, exploitation in Pakistan and the Gulf,
forced labour mostly men and boys, sexual exploitation mostly women and girls.
"""

# Forms of exploitation: forced labour, sexual, other, and both of the first two.
FORMS = {"labour": 0.56, "sexual": 0.30, "other": 0.10, "both": 0.04}
SEX = {
    "labour": {"Man": 0.66, "Woman": 0.32, "Trans": 0.02},
    "sexual": {"Woman": 0.86, "Man": 0.09, "Trans": 0.05},
    "other": {"Woman": 0.55, "Man": 0.45},
    "both": {"Woman": 0.75, "Man": 0.25},
}
OTHER_VOCABULARY = {"Woman": "Female", "Man": "Male", "Trans": "Transgender"}
AGE_BANDS = ("0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+")
AGES = {
    "labour": (0.06, 0.22, 0.10, 0.10, 0.10, 0.09, 0.17, 0.10, 0.06),
    "sexual": (0.02, 0.30, 0.18, 0.15, 0.11, 0.08, 0.10, 0.04, 0.02),
    "other": (0.10, 0.25, 0.10, 0.10, 0.09, 0.08, 0.14, 0.09, 0.05),
    "both": (0.03, 0.27, 0.15, 0.14, 0.11, 0.08, 0.12, 0.06, 0.04),
}
CITIZENSHIP = {
    "PAK": 0.60,
    "AFG": 0.12,
    "BGD": 0.08,
    "IND": 0.05,
    "NPL": 0.03,
    "IRN": 0.03,
    "LKA": 0.02,
    "MMR": 0.02,
    "PHL": 0.02,
    "CHN": 0.01,
    "NGA": 0.01,
    "UZB": 0.01,
}
EXPLOITED_IN = {
    "PAK": 0.55,
    "ARE": 0.10,
    "SAU": 0.10,
    "IRN": 0.05,
    "OMN": 0.04,
    "QAT": 0.03,
    "MYS": 0.03,
    "AFG": 0.03,
    "THA": 0.03,
    "GRC": 0.02,
    "GBR": 0.02,
}
YEARS = {str(year): 1.0 + 0.15 * (year - 2010) for year in range(2010, 2024)}
MONTHS = {"0--12 (0-1 yr)": 0.45, "13--24 (1-2 yrs)": 0.2, "25+ (2+ yrs)": 0.1, "": 0.25}
ALPHA2 = {
    "PAK": "PK", "AFG": "AF", "BGD": "BD", "IND": "IN", "NPL": "NP", "IRN": "IR", "LKA": "LK",
    "MMR": "MM", "PHL": "PH", "CHN": "CN", "NGA": "NG", "UZB": "UZ", "ARE": "AE", "SAU": "SA",
    "OMN": "OM", "QAT": "QA", "MYS": "MY", "THA": "TH", "GRC": "GR", "GBR": "GB",
}  # fmt: skip

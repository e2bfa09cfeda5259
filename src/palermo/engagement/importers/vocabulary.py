"""Word lists the importer reads real lists with: places, job titles, honorifics, generic words.

Kept short and plain on purpose: each list is what Pakistan's alliance lists were seen to hold,
and a word missing here only means a row is read the ordinary way (and shown so in the preview).
"""

# Words so common in organisation names that sharing them says nothing about being the same body.
GENERIC_WORDS = frozenset(
    {
        "aid",
        "alliance",
        "association",
        "center",
        "centre",
        "commission",
        "committee",
        "council",
        "development",
        "forum",
        "foundation",
        "human",
        "institute",
        "international",
        "justice",
        "law",
        "legal",
        "national",
        "network",
        "office",
        "organisation",
        "pakistan",
        "programme",
        "program",
        "project",
        "research",
        "rights",
        "services",
        "society",
        "studies",
        "support",
        "trust",
        "welfare",
        "women",
    }
)

# Provinces, regions and cities a place-only line or a name's tail may hold (casefolded).
PROVINCES = frozenset(
    {
        "punjab",
        "sindh",
        "balochistan",
        "baluchistan",
        "khyber pakhtunkhwa",
        "kpk",
        "kp",
        "gilgit-baltistan",
        "gilgit baltistan",
        "gb",
        "azad kashmir",
        "ajk",
        "ict",
        "islamabad capital territory",
    }
)
CITIES = frozenset(
    {
        "abbottabad",
        "bahawalpur",
        "dera ghazi khan",
        "dera ismail khan",
        "faisalabad",
        "gilgit",
        "gojra",
        "gujranwala",
        "gujrat",
        "hyderabad",
        "islamabad",
        "jhang",
        "karachi",
        "kasur",
        "lahore",
        "larkana",
        "mardan",
        "mirpur",
        "multan",
        "muzaffarabad",
        "nawabshah",
        "okara",
        "peshawar",
        "quetta",
        "rahim yar khan",
        "rawalpindi",
        "sahiwal",
        "sargodha",
        "sheikhupura",
        "sialkot",
        "skardu",
        "sukkur",
        "swat",
        "turbat",
        "gwadar",
    }
)

# Job titles people write where an organisation's or a person's name belongs (casefolded).
JOB_TITLES = frozenset(
    {
        "academic",
        "activist",
        "advocate",
        "advocate high court",
        "advocate supreme court",
        "analyst",
        "consultant",
        "economist",
        "expert",
        "independent consultant",
        "independent expert",
        "journalist",
        "judge",
        "lawyer",
        "legal expert",
        "legal advisor",
        "legal adviser",
        "lecturer",
        "paralegal",
        "professor",
        "psychologist",
        "researcher",
        "social worker",
        "sociologist",
        "trainer",
    }
)

# Words before a person's name ("Dr. Sana Example", "Mr Ali Example").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "adv", "barrister"})

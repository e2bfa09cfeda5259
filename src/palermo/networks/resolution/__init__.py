"""Entity resolution: which entities of a collection may be one, and the view after decisions.

Pure functions on FtM proxies and plain decisions; the database is not read here. See
`names` (keys that survive transliteration), `candidates` (blocking and scoring) and
`resolver` (the merged view from the judgements in force).
"""

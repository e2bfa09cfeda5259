"""One date format per language, never an ambiguous 09/10/2022 (FORMAT_MODULE_PATH)."""

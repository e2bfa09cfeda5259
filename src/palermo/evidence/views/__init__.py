"""Pages of the evidence base, by topic (named in `urls.py`)."""

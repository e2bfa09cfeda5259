"""Demo action plan (filled in with the action-plan feature)."""


def load() -> dict[str, int]:
    return {}

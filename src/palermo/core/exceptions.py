class ConflictError(Exception):
    """The requested change clashes with the current state (a duplicate, a stale version)."""

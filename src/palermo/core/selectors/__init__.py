"""Every read of the core app; import the topic modules (users, tokens, audit, search)."""

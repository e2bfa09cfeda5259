"""Every read in engagement, limited to what the reader may see.

Import the topic modules (registry, alliances, events, minutes, name_matches).
"""

"""Every write in engagement, one transaction each.

Import the topic modules (registry, alliances, events, minutes).
"""

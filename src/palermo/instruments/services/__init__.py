"""Writes to the reference layer and the legislation registry: checked, audited, indexed.

Import the topic modules (instruments, states, legislation).
"""

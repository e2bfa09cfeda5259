"""Reads of the reference layer: instruments, articles, clusters, States, parties, coverage.

Import the topic modules (instruments, states, legislation, coverage).
"""

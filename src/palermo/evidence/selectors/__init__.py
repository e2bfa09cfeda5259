"""Reads of the evidence app, already limited to what the reader may see.

Import the topic modules (datasets, records).
"""

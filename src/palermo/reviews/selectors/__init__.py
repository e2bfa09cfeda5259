"""Reads of reviews, always through what the user may see.

Import the topic modules (reviews, answers, people, observations, parallel).
"""

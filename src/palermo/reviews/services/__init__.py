"""Every write of the reviews app, one function per action.

Import the topic modules (opening, phases, reviewers, answers, observations, parallel).
"""

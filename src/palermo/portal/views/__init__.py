"""The public portal: what the secretariat published, readable without signing in.

Pages by topic, named in `urls.py`.
"""

"""What the public may read; import the topic modules (reports, tracking)."""

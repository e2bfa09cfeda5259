"""Every write of the evidence app; import the topic modules (datasets, imports)."""

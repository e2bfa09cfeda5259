"""Every write in tracking; import the topic modules (plans, measurements, recommendations)."""

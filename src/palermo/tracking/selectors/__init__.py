"""Every read in tracking; import the topic modules (plans, recommendations, dashboards)."""

"""Every write of the portal (an audited read of a published file); import the topic modules."""

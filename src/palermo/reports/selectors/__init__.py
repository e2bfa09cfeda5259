"""Every read of generated reports, limited to what the reader may read in full."""

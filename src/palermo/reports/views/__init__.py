"""The reports pages, one module per topic, named in `reports/urls.py`."""

"""The talent records in the REST API: craftsmen, studios, honors, competitions, results."""

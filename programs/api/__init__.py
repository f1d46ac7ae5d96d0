"""Programs, training bases and the shortage catalogue in the REST API."""

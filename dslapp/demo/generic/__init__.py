"""The rest of the showcase caseload: children assembled from varied templates, cycling through the statuses."""

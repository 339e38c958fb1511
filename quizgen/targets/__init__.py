"""Output targets: each takes items and writes one format."""

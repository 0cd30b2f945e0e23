"""Reads about service records, one module per subdomain (import from the module itself)."""

"""Tenant scrutiny: panels, their review programme chosen from evidence, scrutiny reviews with
evidence requests and mystery shopping, recommendations the landlord must answer, and the
panel's sign-off of what was done (docs/scrutiny.md)."""

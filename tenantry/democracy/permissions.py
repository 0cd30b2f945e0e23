"""Who may do what in an organisation's democracy: its constitution, members, committee,
general meetings and ballots. Each rule takes a person's roles in the organisation
(`tenantry/core/permissions.py`) and answers one question."""

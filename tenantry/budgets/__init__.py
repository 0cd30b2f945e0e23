"""Money tenants control: the management allowance against spend, delegated estate budgets
and their bids, participatory budgeting, Community Cashback, and a ledger per budget
(docs/budgets.md)."""

"""The codes, lists and raw file paths every layer shares, each written once: ingest builds the tables with them,
queries bind them as parameters, ui and the pages filter and label by them. Imports nothing of ours.

The competence centres themselves (codes, areas, periods) are data (data/raw/centres/), not constants here; the
default centre is `ui.centres.DEFAULT_CENTRE`."""

COUNTRY = "SSS"
# The national subsidy's figure types, in the order charts and messages list them.
FIGURE_TYPES = ("budget", "proposal", "final_accounts")
# The centre's funding sources, state ones first (a funding row's `source`; its funder is the part before '_').
FUNDING_SOURCES = ("state_general", "state_nordic_task", "municipal_basic_agreement", "municipal_other")
# Raw files an editor adds a year to, relative to data/raw.
FUNDING_FILE = "sonet_botnia/funding.csv"
BUDGET_FILE = "budget/budget_33_60_63_observed.csv"

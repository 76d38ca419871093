"""The codes, lists and raw file paths every layer shares, each written once: ingest builds the tables with them,
queries bind them as parameters, ui and the pages filter and label by them. Imports nothing of ours.

The competence centres themselves (codes, areas, periods) are data (data/raw/centres/), not constants here; only
the default centre's id is written here (every page, the vote store and the build use it)."""

COUNTRY = "SSS"
# The centre every page shows unless the link or the sidebar chooses another (its 2019 deck's figures stay); its
# focus areas are the deck's 11 (raw/sonet_botnia/priorities.csv), every other centre's come from an upload.
DEFAULT_CENTRE = "sonet_botnia"
# The national subsidy's figure types, in the order charts and messages list them.
FIGURE_TYPES = ("budget", "proposal", "final_accounts")
# The centre's funding sources, state ones first (a funding row's `source`; its funder is the part before '_').
FUNDING_SOURCES = ("state_general", "state_nordic_task", "municipal_basic_agreement", "municipal_other")
# Raw files an editor adds a year to, relative to data/raw.
FUNDING_FILE = "sonet_botnia/funding.csv"
BUDGET_FILE = "budget/budget_33_60_63_observed.csv"
# Focus-area lists of centres other than SONet BOTNIA, as uploaded on the Data page (relative to data/raw).
FOCUS_FILE = "updates/focus_areas.csv"
# Each centre's action plan, as uploaded on the Data page (relative to data/raw), and an action's statuses in the
# order the pages count them.
PLAN_FILE = "updates/action_plan.csv"
ACTION_STATUSES = ("planned", "ongoing", "done", "dropped")

"""The synthetic action plan the action-plan tests load (AppTest and browser), and its upload as the Data page
does it. SYNTHETIC TEST ROWS, written into temporary copies of data/ only; the dates are relative to today, so
"late" stays late whenever the suite runs."""
from datetime import date, timedelta

from ingest import upload_history, upload_plan
from ingest.upload_check import Context, check

TODAY = date.today()
PAST, LONG_AGO, FUTURE = TODAY - timedelta(days=30), TODAY - timedelta(days=400), TODAY + timedelta(days=200)
HEADER = "centre;id;focus_area;action;owner;start;due;status;indicator;target_value;target_year\n"
# Focus area 7: one done, one ongoing, one late (planned, due 30 days ago); focus area 3: one dropped long ago.
PLAN = HEADER + "".join(f"sonet_botnia;{i};{area};{text};{owner};{start:%d.%m.%Y};{due:%d.%m.%Y};{status};{link}\n"
                        for i, area, text, owner, start, due, status, link in [
    (1, 7, "Testitoimenpide valmis", "kehittämispäällikkö", LONG_AGO, PAST, "done", ";;"),
    (2, 7, "Testitoimenpide käynnissä", "johtaja", LONG_AGO, FUTURE, "käynnissä", "population;440 000;2030"),
    (3, 7, "Testitoimenpide myöhässä", "suunnittelija", LONG_AGO, PAST, "planned", ";;"),
    (4, 3, "Testitoimenpide luovuttu", "johtoryhmä", LONG_AGO, PAST, "dropped", "jobseekers_pct;6,5;2027"),
])


def upload(folder, content, mode="merge", file="toimenpiteet.csv"):
    """Check, plan and save an action plan as the Data page does."""
    checked = check("action_plan", file, content.encode("utf-8"), Context.load(folder))
    return upload_history.apply(upload_plan.plan(checked, folder, mode), folder, "test editor")

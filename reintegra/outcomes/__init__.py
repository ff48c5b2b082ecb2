"""Outcomes and reports: what became of the people, counted for the organisation and its funder.

Each part is a module or sub-package of its own:

* ``models/exits.py``: the exit record (the situation on leaving) and the follow-ups at 3, 6 and
  12 months after it;
* ``indicators.py``: the pure core, the indicators as data (EFS+ output and result indicators and
  each model's own counts) and the arithmetic over one enrolment's facts;
* ``models/counts.py``: the counts kept up to date on write, one row per programme, month and
  indicator, so a report adds up a few rows instead of scanning every person;
* reports, dashboards, the funder's view and the evaluation surveys each add their module here.

Output indicators read the entry snapshot taken at enrolment, never the live record of the person;
result indicators read the exit record and the follow-ups. See ``docs/indicators.md``.
"""

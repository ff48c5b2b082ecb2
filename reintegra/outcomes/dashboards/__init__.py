"""Dashboards: a programme's or an organisation's funnel, attendance, outcomes and caseloads,
each as a chart drawn on the server with its table beside it and the table's export."""

"""The evaluation survey (issue 13, item 6): the self-assessment of soft skills at entry and at
exit and the satisfaction at exit, recorded on the questionnaire engine, and the before/after
report ("distance travelled") as a section of the programme report. See docs/indicators.md,
"Evaluation"."""

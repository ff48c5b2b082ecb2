"""The funder's view: a funding body's reviewers read the aggregate reports of the programmes it
funds, always suppressed; the programme's organisation keeps the links and takes the anonymised
row-level file for evaluators."""

"""Placement pages, one module per reader: the staff's, the employer contact's, and mentors'.
Thin: parse, call a service or selector, render. The two sides have separate routes, so an
employer's contact never reaches a page that shows more of a person than her selectors allow."""

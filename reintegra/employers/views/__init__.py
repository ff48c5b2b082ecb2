"""The employers app's pages, by sub-domain: ``employers`` (employers, sites, contacts),
``offers`` (the staff's offer pages) and ``own`` (the employer contact's own pages)."""

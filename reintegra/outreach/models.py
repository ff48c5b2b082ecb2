"""Mobile teams and the locations they visit (the models are written by the part that builds the app)."""

"""Staff training (the models are written by the part that builds the app)."""

"""Venues and their resources, activities, sessions of every kind, calendars and attendance."""

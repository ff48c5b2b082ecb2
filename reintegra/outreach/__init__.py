"""Mobile outreach (seed 004): mobile teams, the village halls they visit and the visit planner.

``planner`` is the pure optimisation core (OR-Tools, no Django); the services turn a team, its
locations and the people of a programme into an instance, and the chosen plan into sessions.
"""

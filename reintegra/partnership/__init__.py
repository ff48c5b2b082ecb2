"""Local partnerships of organisations, and the referrals of people between their members.

DESIGN.md gives this app the partner organisations' roles in a partnership. Referrals live
here too, not in case work, because a referral runs through the partnership: a person may be
referred only to another member of a partnership the sending organisation belongs to, and the
receiver sees only the snapshot of the fields the sender chose, never the participant's file.
"""

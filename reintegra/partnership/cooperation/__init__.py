"""How the members work together: the role each plays at each stage, and the signed agreements
(which say, too, what data each member may receive in a referral)."""

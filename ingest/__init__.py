"""Turns the source files under data/raw into the tables the dashboard reads (the only code that writes data/)."""

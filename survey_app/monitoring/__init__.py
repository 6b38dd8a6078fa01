"""Monitoring and evaluation: campaign series, trends across waves, evaluation decisions."""

"""Reports: a campaign's data read once as arrays, analysed, rendered and exported."""

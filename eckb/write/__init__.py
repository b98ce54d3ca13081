"""Write: files onto disk (only what changed), the exports and their schemas, the published-address registry."""

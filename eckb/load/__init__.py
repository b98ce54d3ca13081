"""Load: data/ YAML -> raw records with file and line, then -> validated models (kinds, models, errors, the release)."""

"""Link: the index of records (references resolved, backlinks, glossary uses), and every record's address and name."""

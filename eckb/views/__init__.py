"""Views: what each generated page shows, as a PagePlan (plan.py); registry.py lists every page kind."""

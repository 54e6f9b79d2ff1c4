"""The web app (`vanthu serve`): pipeline/web/app.py."""

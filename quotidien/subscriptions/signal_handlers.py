"""What the subscriptions app does when something it depends on changes."""

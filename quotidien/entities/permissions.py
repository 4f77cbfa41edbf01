"""The newsroom's rights on entities: editors change, hide and merge them, journalists
see them (no one adds or deletes one: see admin_views.EntityPermissionPolicy)."""

EDITOR_PERMISSIONS = [
    ("entities", "entity", "change_entity"),
    ("entities", "entity", "view_entity"),
]
JOURNALIST_PERMISSIONS = [("entities", "entity", "view_entity")]

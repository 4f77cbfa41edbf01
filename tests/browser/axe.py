"""Accessibility checks by axe-core, loaded into the page by the `axe_script` fixture."""

from playwright.sync_api import Page

SERIOUS = {"serious", "critical"}


def axe_violations(tab: Page, *, impacts: set[str] | None = None) -> list[str]:
    """What axe-core finds on the page open in `tab` (of `impacts` only, if given), one line
    per rule with the elements at fault."""
    violations = tab.evaluate("async () => (await axe.run()).violations")
    return [
        f"{v['impact']} {v['id']}: {v['help']} {[node['target'] for node in v['nodes']]}"
        for v in violations
        if impacts is None or v["impact"] in impacts
    ]

"""axe-core and the phone rules, shared by the accessibility tests."""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.1 at levels A and AA, as EN 301 549 and the Swedish accessibility law require.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
AXE_SCRIPT = Axe().axe_script  # the axe-core build that axe-playwright-python ships

DESKTOP_WIDTH = 1280
PHONE_WIDTH = 390
MIN_TAP = 44  # px, WCAG 2.5.5 (AAA) and the platforms' own guidance; our rule for every target

# Controls outside running text; a plain link inside a paragraph is text, not a tap target.
TAP_TARGETS = "button, .button, nav a, input[type=submit], summary"
_SMALL_TARGETS_JS = """([selector, minimum]) => {
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;  // not rendered (closed details)
    if (el.matches("a:not(.button)") && el.closest("p")) continue;  // inline link in a sentence
    if (box.height < minimum - 0.5) {
      small.push(`${el.outerHTML.slice(0, 100)} is ${Math.round(box.height)} px high`);
    }
  }
  return small;
}"""


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (injected once per load)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def describe(violation: dict) -> str:
    """One line: the rule, and for up to five elements where it failed and why."""

    def node_line(node: dict) -> str:
        reasons = (node.get("failureSummary") or "").strip().splitlines()
        return f"{' '.join(map(str, node['target']))}: {reasons[-1].strip() if reasons else ''}"

    nodes = "; ".join(node_line(node) for node in violation["nodes"][:5])
    return f"{violation['id']} ({violation['impact']}): {nodes}"


_OVERFLOW_JS = """() => {
  const inner = window.innerWidth;
  if (document.documentElement.scrollWidth <= inner) return null;
  // The culprits: elements reaching past the window whose children all stay inside it.
  const wide = [...document.body.querySelectorAll("*")].filter(el => {
    // A table scrolls inside its own box, but what is taken out of the flow may escape it.
    if (el.closest(".table-wrap") && getComputedStyle(el).position === "static") return false;
    return el.getBoundingClientRect().right > inner + 1;
  });
  const leaves = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
  const name = el => el.tagName.toLowerCase() + (el.className ? "." + [...el.classList].join(".") : "");
  return {scroll: document.documentElement.scrollWidth, inner,
          culprits: leaves.slice(0, 3).map(el => `${name(el)} "${el.textContent.trim().slice(0, 40)}"`)};
}"""


def horizontal_overflow(page) -> str | None:
    found = page.evaluate(_OVERFLOW_JS)
    if found is None:
        return None
    return (
        f"scrolls sideways ({found['scroll']} px wide in a {found['inner']} px window; "
        f"widest: {', '.join(found['culprits']) or 'unknown'})"
    )


def small_tap_targets(page) -> list[str]:
    return page.evaluate(_SMALL_TARGETS_JS, [TAP_TARGETS, MIN_TAP])

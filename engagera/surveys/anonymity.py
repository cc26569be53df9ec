"""Which groups of a round may be shown: the suppression rules, on plain counts.

Groups form a tree (the organisation, departments, teams). A group's count is its
roll-up: its own people's responses plus every sub-team's. The rules:

1. No group with fewer than k responses is shown (its responses still count in the
   groups above it: small teams roll up into their parent).
2. Complementary suppression: for a shown group, the part not covered by the shown groups
   directly below it (its "remainder") can be worked out by subtraction, so it must be
   empty or hold at least k. Otherwise the smallest shown group below is hidden too, and
   the check repeats.
3. Overlapping rounds: a round published later (ranked by closing day) is checked, in the
   same way, against the groups an earlier-published overlapping round may show, so no
   subtraction across the two rounds isolates fewer than k people. Published results
   never change afterwards, because earlier rounds never look at later ones.

Everything here is pure: dictionaries in, sets out, so it can be tested exhaustively.
"""

from __future__ import annotations

from collections.abc import Iterable

ROOT = 0  # the organisation as a whole; team ids start at 1

FEW = "few"  # fewer than k responses of its own
COMPLEMENT = "complement"  # hidden so a small group cannot be found by subtraction
OVERLAP = "overlap"  # hidden so an earlier overlapping round cannot be subtracted


class Tree:
    """Team ids with their parent; ROOT is the parent of the top-level teams."""

    def __init__(self, parents: dict[int, int | None]):
        self.parent = {team: (parent or ROOT) for team, parent in parents.items()}
        self.children: dict[int, list[int]] = {ROOT: []}
        for team in self.parent:
            self.children.setdefault(team, [])
        for team, parent in sorted(self.parent.items()):
            self.children.setdefault(parent, []).append(team)

    def subtree(self, node: int) -> list[int]:
        """The node and every node below it, parents first."""
        order, todo = [], [node]
        while todo:
            current = todo.pop(0)
            order.append(current)
            todo.extend(self.children.get(current, ()))
        return order

    def rollup(self, direct: dict[int, int], top: int = ROOT) -> dict[int, int]:
        """Each node's own count plus all below it."""
        total: dict[int, int] = {}
        for node in reversed(self.subtree(top)):
            total[node] = direct.get(node, 0) + sum(
                total[child] for child in self.children.get(node, ())
            )
        return total

    def maximal_below(self, node: int, chosen: set[int]) -> list[int]:
        """The chosen nodes under `node` with no other chosen node between them and it."""
        found, todo = [], list(self.children.get(node, ()))
        while todo:
            current = todo.pop()
            if current in chosen:
                found.append(current)
            else:
                todo.extend(self.children.get(current, ()))
        return found


def suppress(
    tree: Tree,
    top: int,
    counts: dict[int, int],
    k: int,
    hidden: dict[int, str | None] | None = None,
) -> dict[int, str | None]:
    """Rules 1 and 2 inside one round: node -> None (shown) or the reason it is hidden.

    `hidden` (node -> reason) starts some nodes hidden, e.g. comments of a group whose
    scores are hidden.
    """
    nodes = tree.subtree(top)
    reason: dict[int, str | None] = {n: (None if counts.get(n, 0) >= k else FEW) for n in nodes}
    for node, why in (hidden or {}).items():
        if why is not None and reason.get(node, FEW) is None:
            reason[node] = why
    shown = {n for n in nodes if reason[n] is None}
    for node in nodes:  # parents first
        if node not in shown:
            continue
        while True:
            below = tree.maximal_below(node, shown)
            remainder = counts.get(node, 0) - sum(counts.get(m, 0) for m in below)
            if remainder == 0 or remainder >= k or not below:
                break
            smallest = min(below, key=lambda m: (counts.get(m, 0), m))
            shown.discard(smallest)
            reason[smallest] = COMPLEMENT
    return reason


def suppress_against(
    tree: Tree,
    reason: dict[int, str | None],
    counts: dict[int, int],
    earlier_shown: set[int],
    earlier_counts: dict[int, int],
    k: int,
) -> None:
    """Rule 3: hide more of this round's groups (in place) against one earlier round."""
    shown = {n for n, why in reason.items() if why is None}
    while True:
        family = shown | earlier_shown
        offending = None
        for node in _parents_first(tree, family):
            below = tree.maximal_below(node, family)
            ours = [n for n in [node, *below] if n in shown]
            if not ours:
                continue
            here = counts.get(node, 0) - sum(counts.get(m, 0) for m in below)
            there = earlier_counts.get(node, 0) - sum(earlier_counts.get(m, 0) for m in below)
            if 0 < here < k or 0 < there < k:
                offending = min(ours, key=lambda n: (counts.get(n, 0), n))
                break
        if offending is None:
            return
        shown.discard(offending)
        reason[offending] = OVERLAP


def _parents_first(tree: Tree, family: Iterable[int]) -> list[int]:
    chosen = set(family)
    return [n for n in tree.subtree(ROOT) if n in chosen]

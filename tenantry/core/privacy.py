"""Small-number suppression: what a small group said is not shown, so no one can be picked out.

Figures about a group (an estate, a way of answering, an age band, a group of complainants)
show how many people are in it, but what they said only when at least `SMALLEST_GROUP_SHOWN`
of them answered. An estate of three households, or the one respondent aged 16 to 24, would
otherwise be recognisable from a percentage. This follows the usual statistical-disclosure
practice for survey and administrative statistics (the ONS and the Regulator of Social Housing
both suppress small counts), with five as the threshold Tenantry's users have been told.

Every page, chart, export, report and API that shows figures for part of an organisation asks
`too_few_to_show` here rather than keeping a threshold of its own. The whole organisation's
figures are not a "small group" and are always shown.
"""

SMALLEST_GROUP_SHOWN = 5


def too_few_to_show(people: int) -> bool:
    """Whether what `people` people said must be hidden: more than none, fewer than the
    smallest group shown. (A group of none has nothing to hide, and nothing to show.)"""
    return 0 < people < SMALLEST_GROUP_SHOWN


def groups_to_hide(counts: dict) -> set:
    """The groups of one table column whose counts may not be shown, where the column's total
    is shown too: each too small (`too_few_to_show`), and then the next smallest groups with
    anyone in them until the hidden groups hold at least `SMALLEST_GROUP_SHOWN` people between
    them, so no small group can be worked out by subtracting the others from the total (the
    usual "secondary suppression": one hidden 3, or two hidden 1s, would otherwise show)."""
    hidden = {group for group, n in counts.items() if too_few_to_show(n)}
    # Smallest first; groups of one size in the order of their names, whatever kind of key
    # names them (an estate's number, a label, None for "not recorded").
    others = sorted(
        (group for group, n in counts.items() if n and group not in hidden),
        key=lambda group: (counts[group], str(group)),
    )
    while hidden and too_few_to_show(sum(counts[g] for g in hidden)) and others:
        hidden.add(others.pop(0))
    return hidden

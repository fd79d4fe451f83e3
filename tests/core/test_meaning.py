"""What a result means (meets, partly, fails, not applicable), read from the checklist's scoring and never from an
option's position; and the score bounded by the full mark."""

from __future__ import annotations

import dataclasses

from selfcheck.core.answers import normalise
from selfcheck.core.checklist import Checklist
from selfcheck.core.scoring import score
from selfcheck.core.state import Meaning, answer_meaning, item_state


def meaning(template: Checklist, item_id: str, option: str | None = None, value: object = None) -> Meaning:
    return answer_meaning(template, item_id, normalise(template, item_id, option, value, "说明"))


def test_choice_options_mean_what_their_scoring_says(mini: Checklist) -> None:
    assert meaning(mini, "s1.study", "yes") == Meaning.MEETS
    assert meaning(mini, "s1.study", "partial") == Meaning.PARTLY
    assert meaning(mini, "s1.study", "no") == Meaning.FAILS
    assert meaning(mini, "s1.study", "na") == Meaning.NOT_APPLICABLE
    assert meaning(mini, "s2.firstask", "ok") == Meaning.PARTLY  # 达标: below 优秀, above 不达标
    # a violation found (存在, on a 0-point item) is never "meets", though 存在 comes second
    assert meaning(mini, "s2.tutoring", "found") == Meaning.FAILS
    assert meaning(mini, "s2.tutoring", "none") == Meaning.MEETS


def test_meaning_follows_the_scoring_not_the_position(mini: Checklist) -> None:
    """The same options in reverse order mean the same."""
    section = mini.sections[1]
    tutoring = next(i for i in section.items if i.id == "s2.tutoring")
    assert tutoring.options is not None
    flipped = dataclasses.replace(tutoring, options=list(reversed(tutoring.options)))
    items = [flipped if i.id == "s2.tutoring" else i for i in section.items]
    reordered = dataclasses.replace(mini, sections=[mini.sections[0], dataclasses.replace(section, items=items)])
    assert meaning(reordered, "s2.tutoring", "found") == Meaning.FAILS
    assert meaning(reordered, "s2.tutoring", "none") == Meaning.MEETS


def test_values_and_counts_have_meanings_too(mini: Checklist) -> None:
    assert meaning(mini, "s2.fees", value=0) == Meaning.MEETS
    assert meaning(mini, "s2.fees", value=2) == Meaning.FAILS
    assert meaning(mini, "s2.score", value=5) == Meaning.MEETS
    assert meaning(mini, "s2.score", value=3) == Meaning.PARTLY
    assert meaning(mini, "s2.score", value=0) == Meaning.FAILS
    assert meaning(mini, "s1.count", value=3) == Meaning.NEUTRAL
    assert meaning(mini, "d.complaint", value=1) == Meaning.FAILS
    assert meaning(mini, "b.award", value=1) == Meaning.MEETS
    assert meaning(mini, "d.complaint", value=0) == Meaning.NEUTRAL
    assert answer_meaning(mini, "s1.study", None) == Meaning.NEUTRAL
    state = item_state(mini, "s2.tutoring", normalise(mini, "s2.tutoring", "found", None, "有一人"))
    assert state.meaning == Meaning.FAILS


def test_a_bonus_never_lifts_the_score_above_the_full_mark(mini: Checklist) -> None:
    full = {
        "s1.study": ("yes", None),
        "s2.firstask": ("good", None),
        "s2.fees": (None, 0),
        "s2.score": (None, 5),
        "s2.tutoring": ("none", None),
        "b.award": (None, 2),
    }
    answers = {k: normalise(mini, k, o, v, None) for k, (o, v) in full.items()}
    s = score(mini, answers)
    assert s.bonus == 4 and s.base_earned == s.max == 35
    assert s.total == 35  # not 39 / 35
    assert s.percent == 100
    del answers["s2.score"]  # 5 points lost: the bonus makes up 4 of them
    s = score(mini, answers)
    assert s.total == 34 and s.max == 35

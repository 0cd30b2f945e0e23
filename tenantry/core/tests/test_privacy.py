"""The small-number rule: what fewer than five people said is not shown."""

from tenantry.core import privacy


def test_a_group_of_four_is_hidden_and_a_group_of_five_shown():
    assert privacy.SMALLEST_GROUP_SHOWN == 5
    assert [n for n in range(8) if privacy.too_few_to_show(n)] == [1, 2, 3, 4]

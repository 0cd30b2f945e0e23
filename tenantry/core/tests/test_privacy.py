"""The small-number rule: what fewer than five people said is not shown."""

from tenantry.core import privacy


def test_a_group_of_four_is_hidden_and_a_group_of_five_shown():
    assert privacy.SMALLEST_GROUP_SHOWN == 5
    assert [n for n in range(8) if privacy.too_few_to_show(n)] == [1, 2, 3, 4]


def test_groups_of_one_size_are_hidden_in_order_whatever_their_keys():
    from tenantry.core.privacy import groups_to_hide

    # A hidden 3 needs one more group: of the two 6s, the one whose name comes first ("1" is
    # before "None"), even though one key is a number and the other None ("not recorded").
    assert groups_to_hide({None: 6, 1: 6, 2: 3, 3: 20}) == {2, 1}
    assert groups_to_hide({"Oak": 3, None: 9}) == {"Oak", None}

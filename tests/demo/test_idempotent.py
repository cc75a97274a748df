"""Running the demo-data command again changes nothing."""


def test_loading_the_demo_twice_changes_nothing(demo):
    changed = {
        label: (count, demo.second[label])
        for label, count in demo.first.items()
        if demo.second[label] != count
    }
    assert changed == {}
    assert demo.first["forums.ForumPage"] == 34  # 17 forums, sq and en
    assert demo.first["wagtailcore.Revision"] > 0

"""`.env.example` and the README list every variable the settings read (no
`.env` file is read: the variables come from the process environment)."""

import re

from ..manage_cli import PROJECT_ROOT

READ = re.compile(r'(?:os\.environ\.get|os\.environ\.setdefault|env_list|env_bool)\(\s*"([A-Z_]+)"')


def variables_read_by_the_settings():
    names = set()
    for path in (PROJECT_ROOT / "site" / "config" / "settings").glob("*.py"):
        names |= set(READ.findall(path.read_text(encoding="utf-8")))
    return names


def test_env_example_lists_every_variable_the_settings_read():
    text = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z_]+)=", text, flags=re.MULTILINE))

    assert variables_read_by_the_settings() <= listed


def test_the_readme_documents_every_variable_the_settings_read():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")

    missing = {name for name in variables_read_by_the_settings() if f"`{name}`" not in readme}
    assert not missing

from __future__ import annotations

import pytest

from services.incident_integrator.codeowners import parse_codeowners

GITHUB_DOCS_STYLE = """\
# Comment line
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
"""


@pytest.mark.parametrize(
    ("path", "owners"),
    [
        ("README.md", ("@global-owner1", "@global-owner2")),
        ("src/app.js", ("@js-owner",)),
        ("cmd/main.go", ("docs@example.com",)),
        # `/build/logs/` matches, but the later `**/logs` line matches too and wins.
        ("build/logs/today.log", ("@octocat",)),
        ("docs/getting-started.md", ("@doctocat",)),
        ("scripts/deploy.sh", ("@doctocat", "@octocat")),
        ("deep/nested/logs/x.txt", ("@octocat",)),
        ("apps/web/index.html", ("@octocat",)),
        # The last matching line has no owners: that path is deliberately unowned.
        ("apps/github/main.py", ()),
    ],
)
def test_last_matching_pattern_wins(path, owners):
    rule = parse_codeowners(GITHUB_DOCS_STYLE).match(path)
    assert rule is not None
    assert rule.owners == owners


def test_docs_star_does_not_match_nested_files():
    codeowners = parse_codeowners("docs/* @docs\n")
    assert codeowners.match("docs/a.md") is not None
    assert codeowners.match("docs/sub/b.md") is None
    assert codeowners.match("other/docs/a.md") is None


def test_unanchored_directory_matches_at_any_depth():
    codeowners = parse_codeowners("apps/ @octocat\n")
    assert codeowners.match("apps/x.py") is not None
    assert codeowners.match("services/apps/x.py") is not None
    assert codeowners.match("apps") is None


def test_leading_slash_and_dot_prefix_are_normalized():
    codeowners = parse_codeowners("/src/payments/ @alice\n")
    assert codeowners.match("/src/payments/app.py").owners == ("@alice",)
    assert codeowners.match("./src/payments/app.py").owners == ("@alice",)
    assert codeowners.match("lib/src/payments/app.py") is None


def test_double_star_in_the_middle_matches_zero_or_more_directories():
    codeowners = parse_codeowners("src/**/db.py @dba\n")
    assert codeowners.match("src/db.py") is not None
    assert codeowners.match("src/a/b/db.py") is not None
    assert codeowners.match("lib/db.py") is None


def test_invalid_lines_are_skipped_and_question_mark_matches_one_char():
    codeowners = parse_codeowners("!negated @x\n[ab].py @y\nfile?.txt @z\n")
    assert len(codeowners.rules) == 1
    assert codeowners.match("file1.txt").owners == ("@z",)
    assert codeowners.match("file10.txt") is None


def test_no_rule_matches_returns_none():
    assert parse_codeowners("/only/here/ @a\n").match("elsewhere.py") is None

"""Source text in published Markdown: shown as written, never as links, markup or code."""

from __future__ import annotations

from pipeline.release.dictionary import render_data_dictionary
from pipeline.release.markdown import code_span, plain


def test_plain_text_escapes_what_markdown_would_act_on() -> None:
    hostile = "[click](javascript:alert(1)) <script>x</script> *bold* `tick` a|b &amp;"
    assert plain(hostile) == (
        "\\[click\\](javascript:alert(1)) \\<script\\>x\\</script\\> \\*bold\\* "
        "\\`tick\\` a\\|b \\&amp;"
    )
    assert plain("Line one\n\n# Heading") == "Line one # Heading"  # one line, no heading


def test_a_code_span_outlasts_the_backticks_inside() -> None:
    assert code_span("plain") == "`plain`"
    assert code_span("a `b` c") == "``a `b` c``"
    assert code_span("`x``") == "``` `x`` ```"
    assert code_span("two\nlines") == "`two lines`"


def test_provenance_in_the_release_readme_is_inert() -> None:
    descriptor = {
        "name": "t",
        "resources": [],
        "sources": [
            {
                "title": "Export [evil](javascript:alert(1)) <img src=x>",
                "path": "export/x.csv",
                "url": "https://example.org/`break` out",
                "publisher": "OGP\n# Fake heading",
            }
        ],
    }
    text = render_data_dictionary(descriptor, {})
    assert "- **Export \\[evil\\](javascript:alert(1)) \\<img src=x\\>**" in text
    assert "  - url: ``https://example.org/`break` out``" in text
    assert "  - publisher: `OGP # Fake heading`" in text
    assert "\n# Fake heading" not in text

"""Text people type that others read under the platform's name (public
names, comments): shared by accounts and the apps."""

# Characters that reorder text (embeddings, overrides such as RLO, isolates,
# the left-to-right, right-to-left and Arabic letter marks): taken out, so a
# name cannot read differently from what is stored (a name ending in
# "\u202egnp.exe" would show as "exe.png").
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
)


def without_bidi_controls(text):
    """`text` with every bidirectional control character removed."""
    return str(text).translate(BIDI_CONTROLS)

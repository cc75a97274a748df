"""How long a citizen's question and a moderator's summary of its answer may
be: the model's columns and the forms' fields read the same numbers."""

MAX_QUESTION_LENGTH = 300
MAX_ANSWER_LENGTH = 1000

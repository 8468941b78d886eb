"""Progress counted by the database: how many questions of its phase a stored response answers.

`PhasePage.progress` counts in Python from the answers. A list of many responses (the counsellor's
dashboard: 20 candidates × 10 phases) would have to load every answer (kilobytes of text each) for that;
`AnsweredCount(phases)` is the same count as one SQL expression over `PhaseResponse` rows, and the
database returns a number. Each question block states its rule (`answered_rule`) next to its
`is_answered`; tests/test_query_counts.py checks that both agree, on SQLite and PostgreSQL.

The SQL text is the same whatever the phases (the rules are parameters): short to send, quick to plan,
and cheap in the planner's eyes (a per-question CASE with a set-returning function per phase made it
cross PostgreSQL's jit_above_cost: 50 ms of JIT compilation on each dashboard).
"""

import json

from django.db import NotSupportedError
from django.db.models import Expression, F, IntegerField

# Rules of `QuestionBlock.answered_rule`: (TEXT,) a non-blank text; (TRUTHY,) any non-empty answer;
# (LIST_OF, n) a non-empty answer of length n (a ranking); (KEYS, ids) all these keys (a scale);
# (ALWAYS,) / (NEVER,). Python's truth and `len` and `in` on any JSON value, blank meaning the
# whitespace str.strip() removes in the forms (space, tab, line breaks).
TEXT, TRUTHY, LIST_OF, KEYS, ALWAYS, NEVER = "text", "truthy", "list_of", "keys", "always", "never"
CHOICE = LIST = TRUTHY  # bool(answer): a chosen proposal, a list of choices or rows

# PostgreSQL: the answers are decompressed once per row (`|| '{}'` copies them in memory, in a sub-select
# that is not flattened), then each rule of the row's phase reads its key. The rules are arrays (key,
# kind, count, item ids separated by the character 31), the rules of a phase a slice lo:hi of them.
_POSTGRESQL = """(SELECT (SELECT count(*)::integer
  FROM unnest((%s::text[])[s.lo:s.hi], (%s::text[])[s.lo:s.hi], (%s::integer[])[s.lo:s.hi],
    (%s::text[])[s.lo:s.hi]) AS r(k, t, n, i)
  WHERE CASE r.t
    WHEN 'text' THEN CASE jsonb_typeof(s.a -> r.k) WHEN 'string' THEN btrim(s.a ->> r.k, E' \\t\\r\\n') <> ''
      ELSE (s.a -> r.k) NOT IN ('0'::jsonb, 'false', '[]', '{{}}', 'null') END
    WHEN 'truthy' THEN (s.a -> r.k) NOT IN ('""'::jsonb, '0', 'false', '[]', '{{}}', 'null')
    WHEN 'list_of' THEN CASE jsonb_typeof(s.a -> r.k) WHEN 'array' THEN jsonb_array_length(s.a -> r.k) = r.n
      WHEN 'string' THEN length(s.a ->> r.k) = r.n
      WHEN 'object' THEN (SELECT count(*) FROM jsonb_object_keys(s.a -> r.k)) = r.n ELSE false END
    WHEN 'keys' THEN CASE WHEN jsonb_typeof(s.a -> r.k) IN ('object', 'array')
      THEN (s.a -> r.k) ?& string_to_array(r.i, chr(31)) ELSE false END
    WHEN 'always' THEN true
    ELSE false END)
  FROM (SELECT {answers} || '{{}}'::jsonb AS a, (%s::integer[])[x.x] AS lo, (%s::integer[])[x.x] AS hi
    FROM (SELECT array_position(%s::integer[], {phase}) AS x) AS x OFFSET 0) AS s)"""

# SQLite: the rules are one JSON parameter [[phase, key, kind, count, [item ids]], …].
_SQLITE_VALUE = """CASE json_type({answers}, r.path)
        WHEN 'text' THEN {text} WHEN 'integer' THEN json_extract({answers}, r.path) <> 0
        WHEN 'real' THEN json_extract({answers}, r.path) <> 0 WHEN 'true' THEN 1
        WHEN 'array' THEN json_array_length({answers}, r.path) > 0
        WHEN 'object' THEN json_extract({answers}, r.path) <> '{{}}' ELSE 0 END"""
_SQLITE = """(SELECT count(*) FROM (
    SELECT json_extract(r.value, '$[0]') AS p, json_extract(r.value, '$[2]') AS t,
      json_extract(r.value, '$[3]') AS n, json_extract(r.value, '$[4]') AS i,
      '$."' || json_extract(r.value, '$[1]') || '"' AS path
    FROM json_each(%s) AS r) AS r
  WHERE r.p = {phase} AND CASE r.t
    WHEN 'text' THEN {text_value}
    WHEN 'truthy' THEN {truthy_value}
    WHEN 'list_of' THEN CASE json_type({answers}, r.path) WHEN 'array' THEN json_array_length({answers}, r.path) = r.n
      WHEN 'text' THEN length(json_extract({answers}, r.path)) = r.n
      WHEN 'object' THEN (SELECT count(*) FROM json_each({answers}, r.path)) = r.n ELSE 0 END
    WHEN 'keys' THEN CASE json_type({answers}, r.path)
      WHEN 'object' THEN NOT EXISTS (SELECT 1 FROM json_each(r.i) AS item
        WHERE json_type({answers}, r.path || '."' || item.value || '"') IS NULL)
      WHEN 'array' THEN NOT EXISTS (SELECT 1 FROM json_each(r.i) AS item
        WHERE item.value NOT IN (SELECT element.value FROM json_each({answers}, r.path) AS element
          WHERE element.type = 'text'))
      ELSE 0 END
    WHEN 'always' THEN 1
    ELSE 0 END)"""


def rules_of(questions) -> list[tuple]:
    """[(question id, kind, count, item ids)] for these question stream children."""
    rules = []
    for child in questions:
        rule = child.block.answered_rule(child.value)
        kind = rule[0]
        count = rule[1] if kind == LIST_OF else 0
        items = tuple(rule[1]) if kind == KEYS else ()
        if kind != NEVER:
            rules.append((child.id, kind, count, items))
    return rules


class AnsweredCount(Expression):
    """For a `PhaseResponse` row of any of `phases`: how many questions of its phase its answers answer
    (0 for a phase not given), counted by the database. PostgreSQL and SQLite.

    Lists read the count stored with the answers (`PhaseResponse.answered`); this counts again only the
    rows whose phase's questions changed since they were saved (and `manage.py recount_progress`)."""

    output_field = IntegerField()

    def __init__(self, structures, answers="answers", phase="phase_id"):
        """`structures`: {phase pk: PhaseStructure} (see PhasePage.structure)."""
        super().__init__()
        self.structures = tuple(structures.items())
        self.answers, self.phase = F(answers), F(phase)

    def get_source_expressions(self):
        return [self.answers, self.phase]

    def set_source_expressions(self, exprs):
        self.answers, self.phase = exprs

    def as_sql(self, compiler, connection):
        if connection.vendor not in ("postgresql", "sqlite"):
            raise NotSupportedError(f"AnsweredCount: {connection.vendor} is not supported.")
        return getattr(self, f"_{connection.vendor}")(compiler)

    def _rules(self):
        for pk, structure in self.structures:
            for question_id, kind, count, items in structure.rules:
                yield pk, question_id, kind, count, items

    def _postgresql(self, compiler):
        answers, phase, _params = self._columns(compiler)
        keys, kinds, counts, items, phases, starts, ends = [], [], [], [], [], [], []
        for pk, structure in self.structures:
            rules = structure.rules
            phases.append(pk)
            starts.append(len(keys) + 1)
            ends.append(len(keys) + len(rules))
            for question_id, kind, count, item_ids in rules:
                keys.append(question_id)
                kinds.append(kind)
                counts.append(count)
                items.append("\x1f".join(item_ids))
        sql = _POSTGRESQL.format(answers=answers, phase=phase)
        return sql, [keys, kinds, counts, items, starts, ends, phases]

    def _sqlite(self, compiler):
        answers, phase, params = self._columns(compiler)
        rules = json.dumps([[p, question_id, kind, count, list(items)] for p, question_id, kind, count, items in
                            self._rules()])
        value = _SQLITE_VALUE.replace("{answers}", answers)
        sql = _SQLITE.format(
            phase=phase,
            text_value=value.format(text=f"trim(json_extract({answers}, r.path), char(32, 9, 13, 10)) <> ''"),
            truthy_value=value.format(text=f"json_extract({answers}, r.path) <> ''"),
            answers=answers,
        )
        return sql, [rules, *params]

    def _columns(self, compiler):
        answers, answers_params = compiler.compile(self.answers)
        phase, phase_params = compiler.compile(self.phase)
        if answers_params or phase_params:
            raise NotSupportedError("AnsweredCount: the answers and the phase must be plain columns.")
        return answers, phase, []

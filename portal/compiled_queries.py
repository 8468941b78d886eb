"""Querysets built and compiled once per process, for the heavy ones whose SQL never changes but for a few values.

Building a queryset of a dozen subqueries and compiling it to SQL costs the ORM far more than the database
spends running it (*À suivre*: about 13 ms against 2 ms). `CompiledOnce` builds the queryset and compiles it on
the first call for each *shape* (whatever decides the SQL's text: the caller's key); later calls reuse that
SQL and its compiler (its columns, converters and related models) and only put this call's values into the
parameters.

Where each value goes is found, and checked, on the first call: the queryset is built twice, from the real
context and from a *probe* context whose every value is changed to one no real data holds. The parameters
that carry a probe value are the slots; putting the real values in them must give exactly the real call's
parameters, and both SQL texts must be the same, or nothing is kept and every call builds its queryset as
usual. A value that would change the SQL's text (None, an empty list, the length of a list) must be part of the
shape. Model instances and `values_list` rows (tuples or flat) are what such a queryset may give.
"""

import copy
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Field, QuerySet
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable
from django.db.models.sql import Query

# name → (the field whose column the value is compared with, the value)
Parameters = dict[str, tuple[Field, Any]]

# What the replayed queryset may give: each reads the rows through the compiler alone.
_REPLAYABLE = (ModelIterable, ValuesListIterable, FlatValuesListIterable)

PROBE_PK = 2_000_000_011  # a primary key no row holds, for probes


def numbered(name: str, field: Field, values) -> Parameters:
    """The values of a list (`pk__in=ids`), each its own parameter: `name0`, `name1`…"""
    return {f"{name}{index}": (field, value) for index, value in enumerate(values)}


def probe_copy(instance, **kept):
    """A copy of a model instance whose primary key no row holds; `kept`: attributes set on the copy (what the
    probe must not read from the database again, such as a person's role)."""
    probe = copy.copy(instance)
    probe.pk = PROBE_PK
    for name, value in kept.items():
        setattr(probe, name, value)
    return probe


class ContainsPattern(CharField):
    """A word compared with `icontains`/`contains`: its parameter is the word escaped for LIKE, between %."""

    def get_db_prep_value(self, value, connection, prepared=False):
        return f"%{connection.ops.prep_for_like_query(value)}%"


def probe_pks(count: int) -> list[int]:
    """`count` primary keys no row holds, for a probe's list."""
    return list(range(PROBE_PK, PROBE_PK + count))


@dataclass(frozen=True)
class _Plan:
    queryset: QuerySet  # built from the probe context; never evaluated itself
    compiler: Any  # the probe queryset's compiler, which ran as_sql once
    sql: str
    params: tuple  # the probe's parameters: the constants, and the probe's values in the slots
    slots: tuple[tuple[int, str], ...]  # (position in params, name of the value that goes there)


class _ReplayedQuery(Query):
    """The plan's query, handing out its compiler with the SQL already written and this call's parameters."""

    replay: tuple[_Plan, tuple]

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        plan, params = self.replay
        compiler = copy.copy(plan.compiler)
        compiler.connection = connections[compiler.using]  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (plan.sql, params)
        return compiler


def _adapted(parameters: Parameters, using: str) -> dict[str, Any]:
    connection = connections[using]
    return {name: field.get_db_prep_value(value, connection) for name, (field, value) in parameters.items()}


def _compiled(queryset: QuerySet):
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    return compiler, sql, tuple(params)


def _same(a, b) -> bool:
    return type(a) is type(b) and a == b


class CompiledOnce:
    """`build(context)` → the queryset; `parameters(context)` → the values of `context` that its SQL carries."""

    MAX_SHAPES = 64  # the oldest plan is dropped past these (a shape may hold a list's length, or digests)

    def __init__(self, build: Callable[[Any], QuerySet], parameters: Callable[[Any], Parameters] = lambda _: {}):
        self.build, self.parameters = build, parameters
        self._plans: dict[Hashable, _Plan | None] = {}

    def fetch(self, context, *, probe, shape: Hashable) -> list:
        """The rows of `build(context)`; `probe`: a context of the same shape with every parameter changed."""
        if shape not in self._plans:
            if len(self._plans) >= self.MAX_SHAPES:
                self._plans.pop(next(iter(self._plans)), None)
            self._plans[shape] = self._plan(context, probe)
        plan = self._plans[shape]
        if plan is None:
            return list(self.build(context))
        values = _adapted(self.parameters(context), plan.queryset.db)
        params = list(plan.params)
        for position, name in plan.slots:
            params[position] = values[name]
        query = _ReplayedQuery(plan.queryset.model)
        query.replay = (plan, tuple(params))
        replayed = type(plan.queryset)(model=plan.queryset.model, query=query, using=plan.queryset.db)
        replayed._iterable_class = plan.queryset._iterable_class
        return list(replayed)

    def is_compiled(self, shape: Hashable) -> bool:
        """Whether calls of this shape reuse the SQL (False: it could not be checked, each call compiles)."""
        return self._plans.get(shape) is not None

    def _plan(self, context, probe) -> _Plan | None:
        real, probed = self.build(context), self.build(probe)
        if probed._iterable_class not in _REPLAYABLE or probed._prefetch_related_lookups:
            return None  # what the one query's compiler reads alone
        try:
            _, real_sql, real_params = _compiled(real)
            compiler, sql, params = _compiled(probed)
        except EmptyResultSet:
            return None
        probe_values = _adapted(self.parameters(probe), probed.db)
        real_values = _adapted(self.parameters(context), real.db)
        slots = []
        for position, param in enumerate(params):
            names = [name for name, value in probe_values.items() if _same(value, param)]
            if len(names) > 1:
                return None
            if names:
                slots.append((position, names[0]))
        replayed = list(params)
        for position, name in slots:
            replayed[position] = real_values[name]
        if sql != real_sql or len(replayed) != len(real_params):
            return None
        if not all(_same(a, b) for a, b in zip(replayed, real_params, strict=True)):
            return None
        return _Plan(probed, compiler, sql, params, tuple(slots))

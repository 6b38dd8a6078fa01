"""XLSForm-style expressions for ``relevant`` (skip logic) and ``constraint`` fields.

An expression is parsed once per questionnaire version with a LALR grammar
(:mod:`lark`) and compiled into a tree of small node objects; evaluating it on
every page only calls those nodes, it never re-parses or walks lark trees.
Nothing here uses ``eval``/``exec``.

Syntax
------
``${name}`` refers to another question's answer, ``.`` to the current
question's own value. Literals are integers, decimals (``2.5``, ``.5``) and
strings in single or double quotes (no escapes, as in XPath). Operators, from
lowest to highest precedence::

    or  <  and  <  = !=  <  < <= > >=  <  + -  <  * div mod  <  unary -

All binary operators are left-associative. Functions: ``selected(x, v)``,
``count-selected(x)``, ``string-length(x)``, ``regex(x, pattern)``,
``not(x)``. An unknown function or a wrong number of arguments is a parse
error. A bare word such as ``yes`` is a parse error too (strings need quotes).

Values
------
Answers are Python values: ``None`` (unanswered or not relevant), ``str``,
``int``, ``float``, ``bool``, ``list[str]`` (select_multiple, ranking) or
``dict`` (a competency item). A whole ``dict`` is read as unanswered (it is not
meaningful as a single value), and so is a name missing from ``values``.

* **Unanswered** means ``None``, ``''``, ``[]`` (or a dict). Unanswered equals
  unanswered (so ``${q} = ''`` tests "not answered" and ``${q} != ''``
  "answered") and is unequal to anything else, including ``0``. ``!=`` is
  always the negation of ``=``. An ordering comparison (``<`` ...) with an
  unanswered side is false.
* **Comparisons**: when both sides read as numbers they compare numerically,
  otherwise as strings. Numbers are ``int``/``float``/``bool`` (true is 1) and
  strings in XPath number syntax (``'3'``, ``' -2.5 '``; not ``'1e3'``,
  ``'nan'``). A list reads as its space-joined string (XLSForm select_multiple
  semantics), a bool as ``'true'``/``'false'``, an integral float as ``'2'``.
* **Arithmetic** (``+ - * div mod``, unary ``-``) needs numbers on both sides;
  otherwise, or on division/modulo by zero or overflow, the result is ``None``
  (which then behaves as unanswered). ``div`` is true division; ``mod`` has
  ``math.fmod`` semantics (the sign follows the dividend) and is exact on ints.
* **Logic**: ``and``/``or``/``not`` use truthiness and return ``bool``;
  ``None``, ``''``, ``[]``, dicts, ``0``, NaN and ``False`` are false.
* ``selected(x, v)``: ``x`` is a list containing ``v``, or a string equal to
  ``v`` or whose space-separated tokens contain ``v``.
* ``count-selected(x)``: length of a list, number of space-separated tokens
  of anything else (0 when unanswered).
* ``string-length(x)``: length of ``x`` as a string (0 when unanswered).
* ``regex(x, p)``: whether ``p`` matches the whole of ``x`` as a string, in
  RE2 syntax (:mod:`..patterns`: linear time, no backreferences or
  lookaround); false when ``x`` is ``None`` or longer than 10,000 characters.
  A literal pattern is compiled at parse time and an invalid one is a parse
  error; a computed pattern that does not compile, or is longer than 10,000
  characters, makes the result false.

Evaluation never raises on any input values.
"""

from __future__ import annotations

from .api import Expression, parse_expression
from .builder import FUNCTIONS as FUNCTIONS
from .builder import MAX_DEPTH as MAX_DEPTH
from .errors import ExpressionError
from .nodes import MAX_REGEX_INPUT as MAX_REGEX_INPUT

# The constants above are importable (explicit ``as`` re-exports) but, as
# before the split into a package, not part of ``__all__``.
__all__ = ["Expression", "ExpressionError", "parse_expression"]

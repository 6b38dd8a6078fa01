"""The lark grammar of expressions and the LALR parser built from it, once per process."""

from __future__ import annotations

from typing import Final

from lark import Lark

_GRAMMAR: Final = r"""
?start: or_expr

?or_expr: and_expr (_OR and_expr)*
?and_expr: eq_expr (_AND eq_expr)*
?eq_expr: rel_expr ((EQ | NE) rel_expr)*
?rel_expr: add_expr ((LT | LE | GT | GE) add_expr)*
?add_expr: mul_expr ((PLUS | MINUS) mul_expr)*
?mul_expr: unary ((STAR | DIV | MOD) unary)*
?unary: atom
      | MINUS unary                                   -> neg
?atom: NUMBER                                         -> number
     | STRING                                         -> string
     | REF                                            -> ref
     | DOT                                            -> current
     | NAME _LPAR (or_expr (_COMMA or_expr)*)? _RPAR  -> call
     | NAME                                           -> bare_name
     | _LPAR or_expr _RPAR

_OR.2: /or(?![A-Za-z0-9_])/
_AND.2: /and(?![A-Za-z0-9_])/
DIV.2: /div(?![A-Za-z0-9_])/
MOD.2: /mod(?![A-Za-z0-9_])/
NAME: /[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z_][A-Za-z0-9_]*)*/
REF: /\$\{[A-Za-z_][A-Za-z0-9_]*\}/
NUMBER: /[0-9]+(\.[0-9]*)?|\.[0-9]+/
STRING: /'[^']*'|"[^"]*"/
EQ: "="
NE: "!="
LT: "<"
LE: "<="
GT: ">"
GE: ">="
PLUS: "+"
MINUS: "-"
STAR: "*"
DOT: "."
_LPAR: "("
_RPAR: ")"
_COMMA: ","

%ignore /[ \t\r\n]+/
"""

PARSER: Final = Lark(_GRAMMAR, parser="lalr", maybe_placeholders=False)

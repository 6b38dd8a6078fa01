/* survey_app's expression language, evaluated in the browser.
 *
 * Interprets the JSON form written by survey_app/questionnaire/expressions/to_json.py
 * with the semantics of the Python evaluator (expressions/values.py and nodes.py):
 * unanswered values, numbers versus text, operators and functions. Keep the two in
 * step; tests/test_same_page_js.py runs both on the same expressions and values.
 * Evaluation never throws. Exposed as window.SurveyExpressions.
 */
(function (root) {
  "use strict";

  // The characters Python's str.isspace() accepts (str.strip, str.split and \s).
  var SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a" +
    "\\u2028\\u2029\\u202f\\u205f\\u3000";
  var EDGES = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");
  var RUNS = new RegExp("[" + SPACE + "]+");
  var NUMERIC = new RegExp("^[" + SPACE + "]*-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)[" + SPACE + "]*$");
  var MAX_INT_DIGITS = 4300; // Python's int() refuses longer digit strings
  var regexLimit = 10000;

  function strip(text) {
    return text.replace(EDGES, "");
  }

  function split(text) {
    var stripped = strip(text);
    return stripped === "" ? [] : stripped.split(RUNS);
  }

  function codePoints(text) {
    return Array.from(text).length;
  }

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isList(value) {
    return Array.isArray(value);
  }

  /* A whole dict (a competency answer) reads as unanswered, as does a missing name. */
  function normalize(value) {
    if (value === undefined || (value !== null && typeof value === "object" && !isList(value))) {
      return null;
    }
    return value;
  }

  function isEmpty(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string" || isList(value)) return value.length === 0;
    return false;
  }

  function truthy(value) {
    if (value === null || value === undefined) return false;
    if (typeof value === "number") return value !== 0 && value === value;
    if (typeof value === "string" || isList(value)) return value.length > 0;
    return Boolean(value);
  }

  /* Python's str() of a number: repr for floats, all digits for integral values. */
  function numberToStr(number) {
    if (number !== number) return "nan";
    if (number === Infinity) return "inf";
    if (number === -Infinity) return "-inf";
    if (Number.isInteger(number)) {
      return Math.abs(number) < 1e21 ? String(number) : BigInt(number).toString();
    }
    var parts = number.toExponential().split("e");
    var exponent = Number(parts[1]);
    if (exponent >= -4) return String(number);
    return parts[0] + "e-" + String(-exponent).padStart(2, "0");
  }

  function toStr(value) {
    if (typeof value === "string") return value;
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return numberToStr(value);
    if (isList(value)) return value.map(toStr).join(" ");
    return String(value);
  }

  function toNumber(value) {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "number") return value;
    if (isList(value)) value = toStr(value);
    if (typeof value === "string" && NUMERIC.test(value)) {
      var text = strip(value);
      if (text.indexOf(".") < 0 && text.replace("-", "").length > MAX_INT_DIGITS) return null;
      return Number(text);
    }
    return null;
  }

  /* Strings compare by code point, as in Python (not by UTF-16 unit). */
  function compareText(left, right) {
    var a = Array.from(left), b = Array.from(right);
    for (var i = 0; i < a.length && i < b.length; i++) {
      if (a[i] !== b[i]) return a[i].codePointAt(0) - b[i].codePointAt(0);
    }
    return a.length - b.length;
  }

  function equal(left, right) {
    var leftEmpty = isEmpty(left), rightEmpty = isEmpty(right);
    if (leftEmpty || rightEmpty) return leftEmpty && rightEmpty;
    var leftNumber = toNumber(left), rightNumber = toNumber(right);
    if (leftNumber !== null && rightNumber !== null) return leftNumber === rightNumber;
    return toStr(left) === toStr(right);
  }

  /* An ordering comparison: numeric when both sides are numbers, else by text. */
  function ordering(test) {
    return function (left, right) {
      if (isEmpty(left) || isEmpty(right)) return false;
      var leftNumber = toNumber(left), rightNumber = toNumber(right);
      if (leftNumber !== null && rightNumber !== null) return test(leftNumber, rightNumber);
      return test(compareText(toStr(left), toStr(right)), 0);
    };
  }

  function arithmetic(operation) {
    return function (left, right) {
      var leftNumber = toNumber(left), rightNumber = toNumber(right);
      if (leftNumber === null || rightNumber === null) return null;
      return operation(leftNumber, rightNumber);
    };
  }

  function modulo(left, right) {
    if (right === 0) return null;
    if (left === Infinity || left === -Infinity) return null; // math.fmod raises
    return left % right; // the sign follows the dividend, as math.fmod
  }

  var BINARY = {
    "=": equal,
    "!=": function (left, right) { return !equal(left, right); },
    "<": ordering(function (l, r) { return l < r; }),
    "<=": ordering(function (l, r) { return l <= r; }),
    ">": ordering(function (l, r) { return l > r; }),
    ">=": ordering(function (l, r) { return l >= r; }),
    "+": arithmetic(function (l, r) { return l + r; }),
    "-": arithmetic(function (l, r) { return l - r; }),
    "*": arithmetic(function (l, r) { return l * r; }),
    "div": arithmetic(function (l, r) { return r === 0 ? null : l / r; }),
    "mod": arithmetic(modulo)
  };

  var compiled = new Map();

  /* A pattern as a full-match RegExp, compiled once; null when it does not compile. */
  function fullMatcher(pattern) {
    if (!compiled.has(pattern)) {
      var source = "^(?:" + pattern + ")$", matcher = null;
      try {
        matcher = new RegExp(source, "u");
      } catch (unicodeError) {
        try {
          matcher = new RegExp(source);
        } catch (error) {
          matcher = null;
        }
      }
      if (compiled.size >= 256) compiled.clear(); // computed patterns: keep the cache small
      compiled.set(pattern, matcher);
    }
    return compiled.get(pattern);
  }

  function selected(subject, choice) {
    if (isEmpty(subject)) return false;
    var wanted = toStr(choice);
    if (isList(subject)) return subject.some(function (item) { return toStr(item) === wanted; });
    var text = toStr(subject);
    return text === wanted || split(text).indexOf(wanted) >= 0;
  }

  function regex(subject, pattern) {
    if (subject === null || subject === undefined) return false;
    var text = toStr(subject);
    if (codePoints(text) > regexLimit) return false;
    var source = toStr(pattern);
    if (codePoints(source) > regexLimit) return false;
    var matcher = fullMatcher(source);
    return matcher !== null && matcher.test(text);
  }

  var FUNCTIONS = {
    "selected": selected,
    "count-selected": function (subject) {
      return isList(subject) ? subject.length : split(toStr(subject)).length;
    },
    "string-length": function (subject) { return codePoints(toStr(subject)); },
    "regex": regex,
    "not": function (operand) { return !truthy(operand); },
    "neg": function (operand) {
      var number = toNumber(operand);
      return number === null ? null : -number;
    }
  };

  function chain(node, values, current) {
    var result = evaluate(node[1], values, current);
    for (var i = 2; i + 1 < node.length; i += 2) {
      result = BINARY[node[i]](result, evaluate(node[i + 1], values, current));
    }
    return result;
  }

  /* The value of a JSON expression for these answers; `current` is what "." stands for. */
  function evaluate(node, values, current) {
    if (!isList(node)) return node;
    var head = node[0], rest = node.slice(1);
    var self = function (child) { return evaluate(child, values, current); };
    switch (head) {
      case "$": return normalize(hasOwn(values, node[1]) ? values[node[1]] : null);
      case ".": return normalize(current);
      case "chain": return chain(node, values, current);
      case "and": return rest.every(function (child) { return truthy(self(child)); });
      case "or": return rest.some(function (child) { return truthy(self(child)); });
      default:
        return hasOwn(FUNCTIONS, head)
          ? FUNCTIONS[head].apply(null, rest.map(self))
          : null;
    }
  }

  root.SurveyExpressions = {
    evaluate: evaluate,
    isTrue: function (node, values, current) { return truthy(evaluate(node, values, current)); },
    setRegexLimit: function (limit) { regexLimit = limit; },
    fullMatcher: fullMatcher,
    hasOwn: hasOwn,
    codePoints: codePoints,
    strip: strip,
    toStr: toStr,
    truthy: truthy
  };
})(window);

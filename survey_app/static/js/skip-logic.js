/* Same-page skip logic in the browser: a progressive enhancement of the survey page.
 *
 * The page's <form data-skip-logic="…"> carries the questions to evaluate, their
 * compiled `relevant`/`constraint` expressions and what each type accepts (built by
 * survey_app/questionnaire/same_page.py). Answers are read as the server parses a
 * post; each live question ([data-live-question]) is shown or hidden, its inputs
 * enabled or disabled, in page order, the way the server would decide it. Names shown
 * go to a hidden field (spec.revealedField), so the server knows the respondent saw them.
 * Without this script the server shows new follow-ups after the page is posted.
 */
(function () {
  "use strict";

  var E = window.SurveyExpressions;
  var CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
  var INTEGER = /^[+-]?[0-9](?:_?[0-9])*$/;
  var DECIMAL = /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
  var ANY_DIGIT = /\p{Nd}/gu;
  var ONE_DIGIT = /^\p{Nd}$/u;
  var DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$|^([0-9]{4})([0-9]{2})([0-9]{2})$/;

  /* --- reading answers as the question types parse a post (questionnaire/types) --- */

  /* The one value posted for `field` (stripped); null when several were posted. */
  function single(raw, field) {
    var values = raw[field] || [];
    if (values.length > 1) return null;
    return values.length ? E.strip(values[0]) : "";
  }

  /* Python's int() and float() read any decimal digit (Arabic-Indic, full-width, ...).
   * Unicode encodes each set as ten consecutive code points, 0 to 9. */
  function asciiDigits(text) {
    return text.replace(ANY_DIGIT, function (digit) {
      var code = digit.codePointAt(0), below = 0;
      while (ONE_DIGIT.test(String.fromCodePoint(code - below - 1))) below++;
      return String(below % 10);
    });
  }

  function parseInteger(text) {
    var stripped = asciiDigits(E.strip(text));
    if (!INTEGER.test(stripped) || stripped.replace(/[^0-9]/g, "").length > 4300) return null;
    return Number(stripped.replace(/_/g, ""));
  }

  function parseDecimal(text) {
    var stripped = asciiDigits(E.strip(text));
    if (!DECIMAL.test(stripped)) return null;
    var number = Number(stripped.replace(/_/g, ""));
    return isFinite(number) ? number : null;
  }

  function bounded(question, number) {
    if (number === null) return null;
    if (question.min !== undefined && number < question.min) return null;
    if (question.max !== undefined && number > question.max) return null;
    return number;
  }

  function freeText(question, value) {
    var text = E.strip(value.replace(CONTROL, "").replace(/\r\n/g, "\n").replace(/\r/g, "\n"));
    if (E.codePoints(text) > question.max_length) return null;
    if (question.pattern !== undefined) {
      var matcher = E.fullMatcher(question.pattern);
      if (matcher !== null && !matcher.test(text)) return null;
    }
    return text;
  }

  function isoDate(question, value) {
    var m = DATE.exec(value);
    if (!m) return null;
    var year = Number(m[1] || m[4]), month = Number(m[2] || m[5]), day = Number(m[3] || m[6]);
    var last = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // days in `month` of a leap year
    var leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > last || (month === 2 && day === 29 && !leap)) {
      return null;
    }
    var iso = [m[1] || m[4], m[2] || m[5], m[3] || m[6]].join("-");
    if ((question.min !== undefined && iso < question.min) || (question.max !== undefined && iso > question.max)) {
      return null;
    }
    return iso;
  }

  /* A single-field reader: "" is unanswered, as is a parse that leaves nothing. */
  function oneField(parse) {
    return function (question, raw) {
      var value = single(raw, question.name);
      if (value === null || value === "") return null;
      var answer = parse(question, value);
      return answer === "" ? null : answer;
    };
  }

  function distinct(values) {
    return new Set(values).size === values.length;
  }

  function known(question, values) {
    return values.every(function (value) { return question.choices.indexOf(value) >= 0; });
  }

  function selectMultiple(question, raw) {
    var picked = (raw[question.name] || []).map(E.strip).filter(Boolean);
    if (!distinct(picked) || !known(question, picked)) return null;
    if (question.max_selected !== undefined && picked.length > question.max_selected) return null;
    picked.sort(function (a, b) { return question.choices.indexOf(a) - question.choices.indexOf(b); });
    return picked.length ? picked : null;
  }

  function ranking(question, raw) {
    var picks = question.fields.map(function (field) { return single(raw, field); });
    if (picks.indexOf(null) >= 0) return null;
    var filled = picks.filter(Boolean);
    if (!filled.length || picks.slice(0, filled.length).indexOf("") >= 0 || !distinct(filled)) return null;
    if (question.required && filled.length < Math.min(question.top, question.choices.length)) return null;
    return known(question, filled) ? filled : null;
  }

  var READERS = {
    select_one: oneField(function (q, v) { return q.choices.indexOf(v) >= 0 ? v : null; }),
    likert: oneField(function (q, v) {
      var number = parseInteger(v);
      return q.points.indexOf(number) >= 0 ? number : null;
    }),
    integer: oneField(function (q, v) { return bounded(q, parseInteger(v.replace(/ /g, ""))); }),
    decimal: oneField(function (q, v) { return bounded(q, parseDecimal(v.replace(/,/g, "."))); }),
    text: oneField(freeText),
    long_text: oneField(freeText),
    date: oneField(isoDate),
    select_multiple: selectMultiple,
    ranking: ranking
    // competency answers read as unanswered in expressions; a note has none
  };

  /* The answer the server would keep: parsed, then checked against its constraint. */
  function accepted(question, raw, values) {
    var reader = E.hasOwn(READERS, question.type) ? READERS[question.type] : null;
    var value = reader ? reader(question, raw) : null;
    if (value === null || !question.constraint) return value;
    var scope = Object.assign(Object.create(null), values);
    scope[question.name] = value;
    return E.isTrue(question.constraint, scope, value) ? value : null;
  }

  /* Which of the page's questions are shown for these posted fields, in page order. */
  function pageState(spec, raw) {
    var values = Object.assign(Object.create(null), spec.context);
    var shown = Object.create(null);
    spec.questions.forEach(function (question) {
      var visible = !question.relevant || E.isTrue(question.relevant, values, null);
      shown[question.name] = visible;
      values[question.name] = visible ? accepted(question, raw, values) : null;
    });
    return { shown: shown, values: values };
  }

  /* --- the page --- */

  /* The form's fields as a post would carry them, disabled ones included. */
  function rawAnswers(form, spec) {
    var raw = Object.create(null);
    spec.questions.forEach(function (q) { q.fields.forEach(function (f) { raw[f] = []; }); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !E.hasOwn(raw, el.name)) return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) raw[el.name].push(el.value);
      } else if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { raw[el.name].push(o.value); });
      } else if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") {
        raw[el.name].push(el.value);
      }
    });
    return raw;
  }

  function setShown(wrapper, shown) {
    wrapper.hidden = !shown;
    wrapper.querySelectorAll("input, select, textarea").forEach(function (el) { el.disabled = !shown; });
  }

  function labelOf(wrapper) {
    var label = wrapper.querySelector("legend, .question-label, .note p");
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function announce(status, message, wrapper) {
    if (!status || !message) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message.replace("{label}", labelOf(wrapper)); }, 50);
  }

  function enhance(form) {
    var spec = JSON.parse(form.getAttribute("data-skip-logic"));
    var message = form.getAttribute("data-skip-logic-message");
    var status = document.querySelector("[data-skip-logic-status]");
    var wrappers = Array.prototype.slice.call(form.querySelectorAll("[data-live-question]"));
    E.setRegexLimit(spec.regexLimit);
    wrappers.forEach(function (wrapper) {
      var template = wrapper.querySelector("template");
      if (template) {
        wrapper.appendChild(template.content.cloneNode(true));
        template.remove();
      }
      setShown(wrapper, !wrapper.hidden);
    });
    var revealed = document.createElement("input");
    revealed.type = "hidden";
    revealed.name = spec.revealedField;
    form.appendChild(revealed);

    /* On load the server's layout stands (the script only adds); on input it decides. */
    function update(fromInput) {
      var shown = pageState(spec, rawAnswers(form, spec)).shown;
      var names = [];
      wrappers.forEach(function (wrapper) {
        var name = wrapper.getAttribute("data-live-question");
        var show = shown[name] === true || (!fromInput && !wrapper.hidden);
        if (show && wrapper.hidden && fromInput) announce(status, message, wrapper);
        if (show === wrapper.hidden) setShown(wrapper, show);
        if (show) names.push(name);
      });
      revealed.value = names.join(" ");
    }

    form.addEventListener("input", function () { update(true); });
    form.addEventListener("change", function () { update(true); });
    update(false);
  }

  window.SurveySkipLogic = { pageState: pageState };
  document.querySelectorAll("form[data-skip-logic]").forEach(enhance);
})();

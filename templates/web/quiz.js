/* quizgen practice quiz.
 *
 * Reads the page's data from its JSON block and turns every question of the page into
 * controls: pick and check, type and check, a select per row, a timeline to reorder, or a
 * short answer to compare with the model answer. Everything shown is set as text, never
 * parsed as HTML. Progress is kept in localStorage under "quizgen:" + the course slug, per
 * item id; records of items not on this page are left alone, so they count again only if
 * an item with that id comes back. Options are shuffled afresh for every attempt with the
 * browser's own random source, so the file itself stays the same byte for byte.
 */
(function () {
  "use strict";

  // --- small helpers ------------------------------------------------------------------

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function range(n) {
    var out = [];
    for (var i = 0; i < n; i++) out.push(i);
    return out;
  }

  function randomBelow(n) {
    var word = new Uint32Array(1);
    window.crypto.getRandomValues(word);
    return word[0] % n;
  }

  function shuffled(list) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = randomBelow(i + 1);
      var swap = out[i];
      out[i] = out[j];
      out[j] = swap;
    }
    return out;
  }

  function shuffledNotInOrder(n) {
    // A timeline shown in its right order would give the answer away.
    var order = shuffled(range(n));
    for (var tries = 0; n > 1 && tries < 20 && order.every(function (v, i) { return v === i; }); tries++) {
      order = shuffled(range(n));
    }
    return order;
  }

  // --- written answers: the same steps as quizgen/answers.py, on the rules the page carries ------------

  var QUOTE_MARKS = /['"`\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
  var DASHES = /[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;
  var DECIMAL_MARK = "\u2396";  // keeps "3.5" whole while other punctuation goes; never typed
  var NO_RULES = { articles: [], percent: [], numbers: null };

  function has(table, word) {
    return own(table, word);
  }

  function digits(value) {
    return String(value);  // whole numbers without a decimal point, others in their shortest form, as Python
  }

  function ordinalSuffix(n) {
    if (n % 100 >= 11 && n % 100 <= 13) return "th";
    return { 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th";
  }

  // Runs of number words ("two hundred and fifty", "3 million", "twenty-first") as digits.
  function numbersToDigits(words, table) {
    var out = [];
    var total = 0, current = 0, last = "";

    function close() {
      if (last) out.push(digits(total + current));
      total = 0;
      current = 0;
      last = "";
    }

    for (var k = 0; k < words.length; k++) {
      var word = words[k];
      var following = k + 1 < words.length ? words[k + 1] : "";
      var value, small, match;
      if (has(table.units, word) || has(table.tens, word)) {
        value = has(table.units, word) ? table.units[word] : table.tens[word];
        small = has(table.units, word) && value < 10;
        if (last === "tens" && small && current % 10 === 0) {
          // "twenty one"
        } else if (["", "hundred", "scale", "and"].indexOf(last) < 0) {
          close();
        }
        current += value;
        last = has(table.tens, word) ? "tens" : (small ? "unit" : "teen");
      } else if (has(table.ordinals, word)) {
        value = table.ordinals[word];
        small = value < 10;
        var joins = (last === "tens" && small && current % 10 === 0) ||
          ["hundred", "scale", "and"].indexOf(last) >= 0 ||
          (value >= 100 && ["unit", "teen", "tens", "digit"].indexOf(last) >= 0);
        if (!joins) close();
        var number = value >= 100 ? (last ? total + Math.max(current, 1) * value : value)
          : total + current + value;
        out.push(digits(number) + ordinalSuffix(Math.trunc(number)));
        total = 0;
        current = 0;
        last = "";
      } else if (has(table.hundred, word) && ["unit", "teen", "tens", "digit", "a"].indexOf(last) >= 0) {
        current = (current || 1) * 100;
        last = "hundred";
      } else if (has(table.scales, word) && ["unit", "teen", "tens", "digit", "hundred", "a"].indexOf(last) >= 0) {
        total += (current || 1) * table.scales[word];
        current = 0;
        last = "scale";
      } else if (word === table.and && (last === "hundred" || last === "scale") &&
                 (has(table.units, following) || has(table.tens, following) || has(table.ordinals, following))) {
        last = "and";
      } else if (word === table.a && !last && (has(table.hundred, following) || has(table.scales, following))) {
        last = "a";
      } else if (/^[0-9]+(?:\.[0-9]+)?$/.test(word) && has(table.scales, following) && !last) {
        current = parseFloat(word);
        last = "digit";
      } else {
        close();
        match = /^([0-9]+)(st|nd|rd|th)$/.exec(word);
        out.push(match ? String(parseInt(match[1], 10)) + match[2] : word);
      }
    }
    close();
    return out;
  }

  function replacePercent(words, spellings) {
    var out = [];
    var k = 0;
    while (k < words.length) {
      var found = false;
      for (var s = 0; s < spellings.length && !found; s++) {
        var parts = spellings[s].split(" ");
        if (parts.every(function (part, i) { return words[k + i] === part; })) {
          out.push("percent");
          k += parts.length;
          found = true;
        }
      }
      if (!found) {
        out.push(words[k]);
        k++;
      }
    }
    return out;
  }

  // What a typed answer is forgiven: how its letters are composed in Unicode (NFKC), case, quote marks,
  // hyphens and other punctuation, repeated space, "1,500", "%", and, in English, a leading article and
  // numbers written as words.
  function normaliseAnswer(text, rules) {
    rules = rules || NO_RULES;
    text = String(text).normalize("NFKC").toLowerCase().replace(QUOTE_MARKS, "")
      .replace(/(?<=[0-9]),(?=[0-9]{3}(?![0-9]))/g, "")
      .replace(/(?<=[0-9])\.(?=[0-9])/g, DECIMAL_MARK)
      .replace(/%/g, " percent ")
      .replace(DASHES, " ")
      .replace(/\p{P}/gu, " ")
      .split(DECIMAL_MARK).join(".");
    text = text.replace(/\s+/g, " ").trim();
    var words = text ? text.split(" ") : [];
    if (rules.percent && rules.percent.length) words = replacePercent(words, rules.percent);
    if (rules.numbers) words = numbersToDigits(words, rules.numbers);
    if (words.length > 1 && rules.articles.indexOf(words[0]) >= 0) words = words.slice(1);
    return words.join(" ");
  }

  function accepts(accepted, typed, rules) {
    var key = normaliseAnswer(typed, rules);
    return key !== "" && accepted.some(function (form) { return normaliseAnswer(form, rules) === key; });
  }

  // For other scripts on the page, and for the tests that hold these steps to quizgen's own.
  window.quizgenAnswers = { normalise: normaliseAnswer, accepts: accepts };

  // --- progress in localStorage -------------------------------------------------------------

  function openStore(course) {
    var key = "quizgen:" + course;
    var available = true;
    var state = read();

    function clean(value) {
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    }

    function read() {
      try {
        var raw = window.localStorage.getItem(key);
        var parsed = raw ? JSON.parse(raw) : {};
        parsed = clean(parsed);
        return { items: clean(parsed.items), pages: clean(parsed.pages) };
      } catch (e) {
        available = false;
        return state || { items: {}, pages: {} };
      }
    }

    return {
      get available() { return available; },
      item: function (id) {
        var record = own(state.items, id) ? state.items[id] : null;
        return record && typeof record === "object" ? record : null;
      },
      page: function (slug) {
        var record = own(state.pages, slug) ? state.pages[slug] : null;
        return record && typeof record === "object" ? record : null;
      },
      // Apply a change to the latest stored state (another tab may have written since) and save.
      update: function (change) {
        if (available) state = read();
        change(state);
        if (!available) return;
        try {
          window.localStorage.setItem(key, JSON.stringify(state));
        } catch (e) {
          available = false;
        }
      }
    };
  }

  function resultOf(record) {
    return record && (record.result === "right" || record.result === "wrong") ? record.result : null;
  }

  // --- the index page -----------------------------------------------------------------------

  function showIndexProgress(data, store) {
    data.pages.forEach(function (page) {
      var row = document.querySelector('.page-link[data-page="' + CSS.escape(page.slug) + '"] [data-progress]');
      if (!row) return;
      var right = 0, answered = 0;
      page.items.forEach(function (id) {
        var result = resultOf(store.item(id));
        if (result) answered++;
        if (result === "right") right++;
      });
      row.textContent = answered ? t("so_far", { right: right, num: page.items.length }) : "";
    });
  }

  // --- the quiz page ------------------------------------------------------------------------

  function startQuiz(data, store) {
    var items = data.items;
    var byId = {};
    var questions = {};  // item id -> its question's nodes and state
    var scoreNode = document.getElementById("score");
    var missedButton = document.getElementById("practise-missed");
    var showAllButton = document.getElementById("show-all");
    var againButton = document.getElementById("start-again");
    var focusIds = null;  // while practising missed questions: their ids

    items.forEach(function (item) {
      byId[item.id] = item;
      var node = document.getElementById(questionAnchor(item.id));
      if (!node) return;
      var body = node.querySelector(".answer-body");
      questions[item.id] = {
        item: item,
        node: node,
        head: node.querySelector(".qhead"),
        box: node.querySelector(".interactive"),
        body: body,
        number: node.querySelector(".qnum").textContent,
        rules: data.answers,
        result: null
      };
    });

    function questionAnchor(id) {
      var node = document.querySelector('.question[data-id="' + CSS.escape(id) + '"]');
      return node ? node.id : "";
    }

    var page = store.page(data.page);
    if (page && Array.isArray(page.missed)) {
      var kept = page.missed.filter(function (id) { return own(questions, id); });
      focusIds = kept.length ? kept : null;
    }

    items.forEach(function (item) {
      if (own(questions, item.id)) render(questions[item.id], store.item(item.id));
    });
    showMode();
    updateScore();
    document.getElementById("scoreline").hidden = false;
    document.getElementById("tools").hidden = false;
    document.getElementById("storage-note").hidden = store.available;

    missedButton.addEventListener("click", practiseMissed);
    showAllButton.addEventListener("click", showAll);
    againButton.addEventListener("click", askToStartAgain);
    var confirmAgain = document.getElementById("confirm-again");
    document.getElementById("confirm-again-yes").addEventListener("click", function () {
      confirmAgain.hidden = true;
      startAgain();
    });
    document.getElementById("confirm-again-no").addEventListener("click", function () {
      confirmAgain.hidden = true;
      againButton.focus();
    });

    function inPlay() {
      return items.filter(function (item) {
        return own(questions, item.id) && (!focusIds || focusIds.indexOf(item.id) >= 0);
      });
    }

    function counts() {
      var c = { right: 0, wrong: 0, left: 0, total: 0 };
      inPlay().forEach(function (item) {
        var result = questions[item.id].result;
        c.total++;
        if (result === "right") c.right++;
        else if (result === "wrong") c.wrong++;
        else c.left++;
      });
      return c;
    }

    function scoreText(c) {
      var text = t("score", { right: c.right, wrong: c.wrong, left: c.left });
      if (!c.left && c.total) text = t("score_all", { score: text, right: c.right, num: c.total });
      return text;
    }

    function updateScore() {
      var c = counts();
      var lead = focusIds ? t("practising", { num: focusIds.length }) + " " : "";
      scoreNode.textContent = lead + t("score_line", { score: scoreText(c) });
      var missed = items.filter(function (item) {
        return own(questions, item.id) && questions[item.id].result === "wrong";
      }).length;
      missedButton.textContent = missed ? t("missed_count", { num: missed }) : t("missed");
      missedButton.disabled = missed === 0;
    }

    function showMode() {
      items.forEach(function (item) {
        if (!own(questions, item.id)) return;
        questions[item.id].node.hidden = !!focusIds && focusIds.indexOf(item.id) < 0;
      });
      showAllButton.hidden = !focusIds;
    }

    function savePage() {
      store.update(function (state) {
        if (focusIds) state.pages[data.page] = { missed: focusIds.slice() };
        else delete state.pages[data.page];
      });
    }

    function clearResults(ids) {
      store.update(function (state) {
        ids.forEach(function (id) {
          if (own(state.items, id) && state.items[id] && typeof state.items[id] === "object") {
            delete state.items[id].result;
            delete state.items[id].response;
          }
        });
      });
    }

    function practiseMissed() {
      var missed = items.filter(function (item) {
        return own(questions, item.id) && questions[item.id].result === "wrong";
      }).map(function (item) { return item.id; });
      if (!missed.length) return;
      focusIds = missed;
      clearResults(missed);
      savePage();
      missed.forEach(function (id) { render(questions[id], null); });
      showMode();
      updateScore();
      announce(t("practising_new_order", { num: missed.length }));
      focusQuestion(missed[0]);
    }

    function showAll() {
      focusIds = null;
      savePage();
      showMode();
      updateScore();
      announce(t("showing_all", { score: scoreText(counts()) }));
      var first = items.filter(function (item) { return own(questions, item.id); })[0];
      if (first) focusQuestion(first.id);
    }

    // Answers are progress: ask before clearing them, but not when there is nothing to lose.
    function askToStartAgain() {
      var answered = items.some(function (item) { return own(questions, item.id) && questions[item.id].result; });
      if (!answered) {
        startAgain();
        return;
      }
      confirmAgain.hidden = false;
      document.getElementById("confirm-again-yes").focus();
    }

    function startAgain() {
      var ids = items.filter(function (item) { return own(questions, item.id); })
        .map(function (item) { return item.id; });
      focusIds = null;
      clearResults(ids);
      savePage();
      ids.forEach(function (id) { render(questions[id], null); });
      showMode();
      updateScore();
      announce(t("started_again"));
      if (ids.length) focusQuestion(ids[0]);
    }

    function focusQuestion(id) {
      var q = questions[id];
      q.head.focus();
      q.node.scrollIntoView({ block: "start" });
    }

    function nextOpen(id) {
      var list = inPlay();
      var start = list.findIndex(function (item) { return item.id === id; });
      for (var k = 1; k <= list.length; k++) {
        var item = list[(start + k) % list.length];
        if (!questions[item.id].result) return item.id;
      }
      return null;
    }

    // Build a question's controls afresh (new shuffle); show its stored result, if any.
    function render(q, record) {
      q.result = null;
      q.box.textContent = "";
      var form = el("form", { class: "answer-form", novalidate: true });
      var hint = el("p", { class: "hint", id: q.node.id + "-hint", hidden: true });
      var feedback = el("div", { class: "feedback", hidden: true });
      var controls = CONTROLS[q.item.type](q, form);
      var actions = el("div", { class: "actions" });
      var check = el("button", { type: "submit", class: "primary",
        text: q.item.type === "recall" ? t("show_model") : t("check") });
      actions.appendChild(check);
      form.appendChild(actions);
      form.appendChild(hint);
      q.box.appendChild(form);
      q.box.appendChild(feedback);
      q.controls = controls;
      q.form = form;
      q.feedback = feedback;
      q.check = check;
      q.hint = hint;

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (q.result || form.classList.contains("locked")) return;
        var outcome = controls.read();
        if (outcome.missing) {
          hint.textContent = outcome.missing;
          hint.hidden = false;
          announce(outcome.missing);
          return;
        }
        hint.hidden = true;
        if (q.item.type === "recall") {
          if (accepts(q.item.accepted || [], outcome.response, q.rules)) {
            // One of the answers the key accepts: right, with no need to compare.
            finish(q, { right: true, response: { text: outcome.response, marked: "accepted" },
              detail: t("accepted") }, true);
          } else {
            revealModelAnswer(q, outcome.response);
          }
          return;
        }
        finish(q, outcome, true);
      });

      var result = resultOf(record);
      if (result) {
        var restored = controls.restore(record.response);
        if (q.item.type === "recall") {
          var accepted = record.response && record.response.marked === "accepted";
          finish(q, { right: result === "right", response: record.response,
            detail: accepted ? t("accepted") : recallDetail(result === "right") }, false);
        } else {
          var outcome = restored ? controls.read() : null;
          if (!outcome || outcome.missing || outcome.right !== (result === "right")) {
            // The stored answer no longer fits this question: keep the result, not the answer.
            outcome = { right: result === "right", response: record.response, detail: "" };
          }
          finish(q, outcome, false);
        }
      }
    }

    function recallDetail(right) {
      return right ? t("marked_right") : t("marked_wrong");
    }

    function revealModelAnswer(q, response) {
      q.controls.lock();
      q.form.classList.add("locked");
      q.check.disabled = true;
      q.feedback.textContent = "";
      q.feedback.hidden = false;
      q.feedback.appendChild(q.body);
      var ask = el("div", { class: "self-mark", role: "group", "aria-label": t("mark_yours") }, [
        el("p", { text: t("compare") })
      ]);
      var yes = el("button", { type: "button", class: "mark-right", text: t("got_right") });
      var no = el("button", { type: "button", class: "mark-wrong", text: t("got_wrong") });
      ask.appendChild(yes);
      ask.appendChild(no);
      q.feedback.appendChild(ask);
      function mark(right) {
        ask.remove();
        finish(q, { right: right, response: { text: response, marked: right ? "right" : "wrong" },
          detail: recallDetail(right) }, true);
      }
      yes.addEventListener("click", function () { mark(true); });
      no.addEventListener("click", function () { mark(false); });
      var answer = q.body.querySelector(".answer");
      announce((answer ? answer.textContent.replace(/\s+/g, " ").trim() + ". " : "") +
        t("did_you"));
      yes.focus();
    }

    // Show the result of an answer; when the learner just gave it, save and announce it too.
    function finish(q, outcome, fresh) {
      q.result = outcome.right ? "right" : "wrong";
      q.controls.lock();
      q.controls.mark();
      q.form.classList.add("locked");
      q.check.disabled = true;
      q.check.hidden = true;
      q.feedback.textContent = "";
      q.feedback.hidden = false;
      q.node.classList.remove("is-right", "is-wrong");
      q.node.classList.add(outcome.right ? "is-right" : "is-wrong");
      var verdict = el("p", { class: "verdict " + q.result }, [
        el("span", { class: "icon", "aria-hidden": "true", text: outcome.right ? "\u2713" : "\u2717" }),
        el("strong", { text: outcome.right ? t("right") : t("not_right") })
      ]);
      if (outcome.detail) verdict.appendChild(document.createTextNode(" " + outcome.detail));
      q.feedback.appendChild(verdict);
      q.feedback.appendChild(q.body);
      var next = el("button", { type: "button", class: "next", text: t("next") });
      next.addEventListener("click", function () {
        var id = nextOpen(q.item.id);
        if (id) focusQuestion(id);
        else {
          scoreNode.scrollIntoView({ block: "center" });
          missedButton.disabled ? againButton.focus() : missedButton.focus();
        }
      });
      q.feedback.appendChild(next);
      if (!fresh) return;
      var id = q.item.id;
      var response = outcome.response;
      store.update(function (state) {
        var record = own(state.items, id) && state.items[id] && typeof state.items[id] === "object"
          ? state.items[id] : {};
        record.result = q.result;
        record.response = response;
        record.tries = (typeof record.tries === "number" ? record.tries : 0) + 1;
        record.rights = (typeof record.rights === "number" ? record.rights : 0) + (outcome.right ? 1 : 0);
        state.items[id] = record;
      });
      updateScore();
      var c = counts();
      var said = t(outcome.right ? "said_right" : "said_not_right", { number: q.number });
      if (outcome.detail) said += " " + outcome.detail;
      if (!outcome.right && q.controls.answerText) said += " " + q.controls.answerText();
      announce(said + " " + t("score_line", { score: scoreText(c) }));
      next.focus();
    }
  }

  // --- controls, one kind per item type ----------------------------------------------------------
  //
  // Each returns { read, restore, lock, mark, answerText }: read() gives { missing } when the
  // learner has not answered yet, else { right, response, detail }.

  function choiceControls(q, form) {
    var item = q.item;
    // Numbers and dates keep their order; other options come in a new order at every attempt.
    var order = item.type === "mcq" && !item.ordered ? shuffled(range(item.options.length))
      : range(item.options.length);
    var name = q.node.id + "-choice";
    var group = el("div", { class: "choices", role: "radiogroup", "aria-labelledby": q.node.id + "-stem" });
    var inputs = [];
    order.forEach(function (k, position) {
      var input = el("input", { type: "radio", name: name, id: name + "-" + position, value: String(k) });
      var label = el("label", { class: "choice", for: input.id }, [input, el("span", { text: item.options[k] })]);
      inputs.push(input);
      group.appendChild(label);
    });
    form.appendChild(group);

    function chosen() {
      return inputs.filter(function (input) { return input.checked; })[0] || null;
    }

    return {
      read: function () {
        var input = chosen();
        if (!input) return { missing: t("choose_first") };
        var k = Number(input.value);
        var right = k === item.correct;
        return { right: right, response: item.options[k],
          detail: right ? "" : t("you_chose", { answer: item.options[k] }) };
      },
      restore: function (response) {
        var match = inputs.filter(function (input) { return item.options[Number(input.value)] === response; })[0];
        if (match) match.checked = true;
        return !!match;
      },
      lock: function () { inputs.forEach(function (input) { input.disabled = true; }); },
      mark: function () {
        inputs.forEach(function (input) {
          var k = Number(input.value);
          var label = input.parentNode;
          if (k === item.correct) {
            label.classList.add("is-correct");
            label.appendChild(el("span", { class: "tag", text: t("correct_answer") }));
          } else if (input.checked) {
            label.classList.add("is-chosen-wrong");
            label.appendChild(el("span", { class: "tag", text: t("your_answer") }));
          }
        });
      },
      answerText: function () { return t("answer_is", { answer: item.options[item.correct] }); }
    };
  }

  function clozeControls(q, form) {
    var item = q.item;
    var id = q.node.id + "-input";
    var input = el("input", { type: "text", id: id, class: "cloze-input", autocomplete: "off",
      autocapitalize: "off", spellcheck: "false", "aria-describedby": q.node.id + "-stem" });
    form.appendChild(el("div", { class: "field" }, [
      el("label", { for: id, text: t("missing_words") }), input
    ]));
    return {
      read: function () {
        var typed = input.value;
        if (!typed.trim()) return { missing: t("type_first") };
        var right = accepts(item.accepted, typed, q.rules);
        return { right: right, response: typed, detail: right ? "" : t("you_wrote", { answer: typed.trim() }) };
      },
      restore: function (response) {
        if (typeof response !== "string") return false;
        input.value = response;
        return true;
      },
      lock: function () { input.readOnly = true; },
      mark: function () {},
      answerText: function () { return t("answer_is", { answer: item.accepted[0] }); }
    };
  }

  function matchingControls(q, form) {
    // One select per row; also serves fact-or-opinion, whose choices are its two labels in a fixed order.
    var item = q.item;
    var pairs = item.pairs;
    var choices = item.shuffle ? shuffled(item.choices.slice()) : item.choices.slice();
    var lefts = shuffled(range(pairs.length));
    var rows = [];
    var list = el("div", { class: "match", role: "group", "aria-labelledby": q.node.id + "-stem" });
    lefts.forEach(function (k, position) {
      var id = q.node.id + "-match-" + position;
      var select = el("select", { id: id });
      select.appendChild(el("option", { value: "", text: t("choose") }));
      choices.forEach(function (choice) {
        select.appendChild(el("option", { value: choice, text: choice }));
      });
      var chosen = el("p", { class: "chosen", hidden: true });
      var status = el("span", { class: "row-status" });
      var row = el("div", { class: "match-row" }, [
        el("label", { for: id, text: pairs[k][0] }), select, chosen, status
      ]);
      rows.push({ pair: k, select: select, row: row, status: status, chosen: chosen });
      list.appendChild(row);
    });
    form.appendChild(list);

    function isRight(r) { return r.select.value !== "" && r.select.value === pairs[r.pair][1]; }

    return {
      read: function () {
        if (rows.some(function (r) { return r.select.value === ""; })) {
          return { missing: t("choose_every_row") };
        }
        var k = rows.filter(isRight).length;
        var response = rows.map(function (r) { return [pairs[r.pair][0], r.select.value]; });
        return { right: k === rows.length, response: response,
          detail: t("rows_right", { right: k, num: rows.length }) };
      },
      restore: function (response) {
        if (!Array.isArray(response)) return false;
        var all = true;
        rows.forEach(function (r) {
          var saved = response.filter(function (p) { return Array.isArray(p) && p[0] === pairs[r.pair][0]; })[0];
          if (saved && choices.indexOf(saved[1]) >= 0) r.select.value = saved[1];
          else all = false;
        });
        return all;
      },
      lock: function () { rows.forEach(function (r) { r.select.disabled = true; }); },
      mark: function () {
        rows.forEach(function (r) {
          var right = isRight(r);
          r.row.classList.add(right ? "is-correct" : "is-chosen-wrong");
          if (r.select.value !== "") {
            // The closed list cuts long choices short: show the one chosen in full instead.
            r.chosen.textContent = r.select.value;
            r.chosen.hidden = false;
            r.select.hidden = true;
          }
          r.status.textContent = right ? "\u2713 " + t("row_right") : "\u2717 " + t("should_be", { answer: pairs[r.pair][1] });
        });
      },
      answerText: null
    };
  }

  function orderingControls(q, form) {
    var item = q.item;
    var events = item.sequence;
    var list = el("ol", { class: "timeline", "aria-labelledby": q.node.id + "-stem" });
    var locked = false;
    shuffledNotInOrder(events.length).forEach(function (k) {
      var text = el("span", { class: "event-text", text: events[k][1] });
      var up = el("button", { type: "button", class: "move up", "aria-label": t("move_up", { event: events[k][1] }) }, [
        el("span", { "aria-hidden": "true", text: "\u2191" }), el("span", { class: "move-word", text: " " + t("up") })
      ]);
      var down = el("button", { type: "button", class: "move down", "aria-label": t("move_down", { event: events[k][1] }) }, [
        el("span", { "aria-hidden": "true", text: "\u2193" }), el("span", { class: "move-word", text: " " + t("down") })
      ]);
      var status = el("span", { class: "row-status" });
      var row = el("li", { class: "event", "data-index": String(k) }, [
        text, status, el("span", { class: "moves" }, [up, down])
      ]);
      up.addEventListener("click", function () { move(row, -1, up); });
      down.addEventListener("click", function () { move(row, 1, down); });
      list.appendChild(row);
    });
    form.appendChild(list);
    refresh();

    function rowsNow() {
      return Array.prototype.slice.call(list.children);
    }

    function refresh() {
      var rows = rowsNow();
      rows.forEach(function (row, i) {
        row.querySelector(".up").disabled = locked || i === 0;
        row.querySelector(".down").disabled = locked || i === rows.length - 1;
      });
    }

    function move(row, step, button) {
      if (locked) return;
      var rows = rowsNow();
      var i = rows.indexOf(row);
      var j = i + step;
      if (j < 0 || j >= rows.length) return;
      if (step < 0) list.insertBefore(row, rows[j]);
      else list.insertBefore(row, rows[j].nextSibling);
      refresh();
      // Keep focus on the moved event, on the same button while it can still move that way.
      if (!button.disabled) button.focus();
      else row.querySelector(step < 0 ? ".down" : ".up").focus();
      var where = j + 1;
      announce(t("moved", { place: where, num: rows.length, event: events[Number(row.dataset.index)][1] }));
    }

    return {
      read: function () {
        var rows = rowsNow();
        var k = rows.filter(function (row, i) { return Number(row.dataset.index) === i; }).length;
        return { right: k === rows.length,
          response: rows.map(function (row) { return events[Number(row.dataset.index)][1]; }),
          detail: t("events_right", { right: k, num: rows.length }) };
      },
      restore: function (response) {
        if (!Array.isArray(response) || response.length !== events.length) return false;
        var rows = rowsNow();
        var ordered = response.map(function (text) {
          return rows.filter(function (row) { return events[Number(row.dataset.index)][1] === text; })[0];
        });
        if (ordered.some(function (row) { return !row; })) return false;
        ordered.forEach(function (row) { list.appendChild(row); });
        refresh();
        return true;
      },
      lock: function () { locked = true; refresh(); },
      mark: function () {
        rowsNow().forEach(function (row, i) {
          var k = Number(row.dataset.index);
          var right = k === i;
          row.classList.add(right ? "is-correct" : "is-chosen-wrong");
          row.querySelector(".row-status").textContent = events[k][0] + (right ? " \u2713 " + t("right_place") :
            " \u2717 " + t("belongs_at", { place: k + 1 }));
        });
      },
      answerText: null
    };
  }

  function recallControls(q, form) {
    var id = q.node.id + "-answer";
    var area = el("textarea", { id: id, rows: "3", "aria-describedby": q.node.id + "-stem" });
    form.appendChild(el("div", { class: "field" }, [
      el("label", { for: id, text: t("recall_label") }), area
    ]));
    return {
      read: function () { return { response: area.value }; },
      restore: function (response) {
        if (response && typeof response.text === "string") area.value = response.text;
        return true;
      },
      lock: function () { area.readOnly = true; },
      mark: function () {},
      answerText: null
    };
  }

  var CONTROLS = {
    mcq: choiceControls,
    tf: choiceControls,
    cloze: clozeControls,
    matching: matchingControls,
    fact_opinion: matchingControls,
    ordering: orderingControls,
    recall: recallControls
  };

  // Tell screen readers, through the page's polite live region. Cleared first, so the same
  // message twice in a row is read twice; a newer message replaces one still waiting.
  var pendingAnnouncement = null;
  function announce(text) {
    var node = document.getElementById("announce");
    if (!node) return;
    window.clearTimeout(pendingAnnouncement);
    node.textContent = "";
    pendingAnnouncement = window.setTimeout(function () { node.textContent = text; }, 50);
  }

  // --- the page's words -------------------------------------------------------------------------
  // The page's language's texts come with its data: `strings` by key (a list of plural forms for a text with a
  // count), `plural` the form to take for each count below its length (see quizgen/targets/web/pages.py).

  var STRINGS = {}, PLURAL = [];
  function t(key, values) {
    values = values || {};
    var text = STRINGS[key];
    if (Array.isArray(text)) {
      var n = Math.abs(Number(values.num) || 0);
      var form = PLURAL.length ? PLURAL[n < PLURAL.length ? n : PLURAL.length / 2 + n % (PLURAL.length / 2)] : 0;
      text = text[Math.min(form, text.length - 1)];
    }
    return String(text).replace(/%\((\w+)\)s/g, function (all, name) {
      return own(values, name) ? String(values[name]) : all;
    });
  }

  // --- start ------------------------------------------------------------------------------------

  var dataNode = document.getElementById("quiz-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  STRINGS = data.strings || {};
  PLURAL = data.plural || [];
  var store = openStore(data.course);
  if (data.kind === "index") {
    showIndexProgress(data, store);
  } else {
    startQuiz(data, store);
  }
  document.documentElement.classList.add("js");
})();

/* One lesson of the course as a SCORM 1.2 SCO: talk to the LMS's run-time, score the self-check.
 *
 * Finds the API object the standard way (the window's parents, then its opener's), calls LMSInitialize,
 * records "incomplete" on a first visit, then "completed" (or "passed"/"failed" when the LMS or the page gives a
 * mastery score), the self-check score as a percentage (min 0, max 100) and the session time, and calls
 * LMSFinish when the page is left (with cmi.core.exit "suspend" if the lesson is not finished yet). Without an
 * LMS (the page opened from the zip) it says so and does nothing else. It makes no request of its own.
 */
(function () {
  "use strict";

  var api = null;
  var started = Date.now();
  var finished = false;
  var done = false;  // completed, passed or failed in this visit
  var NOT_RECORDED = "{ui:scorm_js.not_recorded}";

  function findAPI(win) {
    for (var hops = 0; win && hops < 500; hops++) {
      try {
        if (win.API) return win.API;
      } catch (e) { /* a frame from another origin: keep climbing */ }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function locateAPI() {
    var found = findAPI(window);
    if (!found && window.opener) {
      try { found = findAPI(window.opener); } catch (e) { found = null; }
    }
    return found;
  }

  function call(name, args) {
    if (!api) return "";
    try { return String(api[name].apply(api, args)); } catch (e) { return ""; }
  }

  function setValue(element, value) { return call("LMSSetValue", [element, String(value)]) === "true"; }
  function getValue(element) { return call("LMSGetValue", [element]); }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /* SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
  function timespan(ms) {
    var cs = Math.min(Math.round(ms / 10), 9999 * 360000 + 359999);
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = cs % 6000;
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(Math.floor(s / 100), 2) + "." + pad(s % 100, 2);
  }

  function start() {
    api = locateAPI();
    if (!api || call("LMSInitialize", [""]) !== "true") {
      api = null;
      var note = document.getElementById("sco-lms-note");
      if (note) note.hidden = false;
      return;
    }
    var status = getValue("cmi.core.lesson_status");
    if (status === "" || status === "not attempted") {
      setValue("cmi.core.lesson_status", "incomplete");
      call("LMSCommit", [""]);
    }
  }

  function finish() {
    if (!api || finished) return;
    finished = true;
    setValue("cmi.core.session_time", timespan(Date.now() - started));
    // An unfinished lesson is suspended, so the LMS keeps this attempt open for the learner's return.
    setValue("cmi.core.exit", done || isDone(getValue("cmi.core.lesson_status")) ? "" : "suspend");
    call("LMSCommit", [""]);
    call("LMSFinish", [""]);
  }

  function masteryScore(form) {
    var fromLms = parseFloat(getValue("cmi.student_data.mastery_score"));
    if (!isNaN(fromLms)) return fromLms;
    var fromPage = parseFloat(form.getAttribute("data-mastery-score"));
    return isNaN(fromPage) ? null : fromPage;
  }

  function isDone(status) { return status === "completed" || status === "passed" || status === "failed"; }

  function record(status, percent) {
    if (!api) return false;
    done = true;
    if (percent !== null) {
      setValue("cmi.core.score.min", 0);
      setValue("cmi.core.score.max", 100);
      setValue("cmi.core.score.raw", percent);
    }
    setValue("cmi.core.lesson_status", status);
    call("LMSCommit", [""]);
    return true;
  }

  function checkAnswers(form) {
    var questions = form.querySelectorAll(".sco-question");
    var missing = [], right = 0;
    for (var i = 0; i < questions.length; i++) {
      if (!questions[i].querySelector("input:checked")) missing.push(i + 1);
    }
    var result = document.getElementById("sco-result");
    if (missing.length) {
      result.textContent = "{ui:scorm_js.answer_first}" + (missing.length === 1 ? "{ui:scorm_js.question_one}" : "{ui:scorm_js.question_other}")
        + missing.join(", ") + (missing.length === 1 ? "{ui:scorm_js.has}" : "{ui:scorm_js.have}") + "{ui:scorm_js.no_answer_yet}";
      questions[missing[0] - 1].querySelector("input").focus();
      return;
    }
    for (var j = 0; j < questions.length; j++) {
      var q = questions[j];
      var answer = q.getAttribute("data-answer");
      var chosen = q.querySelector("input:checked").value;
      var correct = chosen === answer;
      if (correct) right++;
      var choices = q.querySelectorAll(".sco-choice");
      for (var k = 0; k < choices.length; k++) {
        var n = choices[k].getAttribute("data-choice");
        var why = choices[k].querySelector(".sco-why");
        if (n === answer || n === chosen) {
          if (n === answer) choices[k].className += " sco-right";
          var mark = document.createElement("span");
          mark.textContent = n === answer ? "{ui:scorm_js.right_answer}" : "{ui:scorm_js.your_answer}";
          choices[k].querySelector("label").appendChild(mark);
        }
        if (why && (n === answer || n === chosen)) why.hidden = false;
      }
      q.querySelector(".sco-verdict").textContent = correct ? "{ui:scorm_js.right}"
        : "{ui:scorm_js.not_quite}" + answer + "{ui:scorm_js.not_quite_end}";
      q.querySelector(".sco-feedback").hidden = false;
      q.disabled = true;
    }
    var percent = Math.round(100 * right / questions.length);
    var mastery = masteryScore(form);
    var message = "{ui:scorm_js.you_answered}" + right + "{ui:scorm_js.of}" + questions.length + "{ui:scorm_js.questions_right}" + percent + "{ui:scorm_js.percent_end}";
    var status = "completed";
    if (mastery !== null) {
      status = percent >= mastery ? "passed" : "failed";
      message += status === "passed" ? "{ui:scorm_js.passed}" + mastery + "{ui:scorm_js.passed_end}"
        : "{ui:scorm_js.failed}" + mastery + "{ui:scorm_js.failed_end}";
    }
    if (!record(status, percent)) message += " " + NOT_RECORDED;
    form.querySelector("button[type=submit]").hidden = true;
    result.textContent = message;
  }

  function markFinished() {
    var status = document.getElementById("sco-finish-status");
    status.textContent = record("completed", null) ? "{ui:scorm_js.finished}" : NOT_RECORDED;
  }

  document.addEventListener("DOMContentLoaded", function () {
    start();
    var form = document.getElementById("sco-self-check");
    if (form) form.addEventListener("submit", function (event) { event.preventDefault(); checkAnswers(form); });
    var button = document.getElementById("sco-finish");
    if (button) button.addEventListener("click", markFinished);
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();

"""Every sentence a report reader sees, in one place.

Values are plain text: the Markdown and HTML writers add the formatting (headings, bold, tables).
Text between backticks is code (shown as `code` in Markdown and <code> in HTML). A translation is
a dict with the same keys and the same {placeholders}: see :mod:`autograder.reports.messages_fa`.
Student feedback exists in every language of :data:`LANGUAGES`; the class summary (staff-facing)
is in English only, so translations may leave out the ``sum_``/``plot_`` keys.
"""

MESSAGES = {
    # feedback/<student>.md and .html
    "lang_name": "English",
    "fb_title": "Feedback: {assignment}",
    "label_student": "Student",
    "label_score": "Score",
    "label_status": "Status",
    "score_value": "{score} / {possible} ({percent})",
    "status_graded": "graded",
    "status_timeout": "timeout",
    "status_error": "error",
    "status_invalid": "invalid",
    "fb_manual_total": "Manual questions are worth {points} more points and are graded separately.",
    "label_total": "Total with the manual questions",
    "total_value": "{total} / {possible} ({percent})",
    "total_pending": "{value}; not graded yet: {questions}",
    "fb_comments": "Comments from the course staff",
    "fb_comment_item": "{question}: {comment}",
    "fb_note": "Note from the grader: {message}",
    "timeout": "Time limit ({limit}) reached: {message}. Make slow cells faster (fewer epochs, "
               "smaller data, no endless loops) and submit again; cells tagged `skip-grading` are "
               "not run by the grader.",
    "limit_seconds": "{seconds} seconds",
    "limit_unknown": "the time limit",
    "error": "The grading sandbox stopped while running your notebook ({message}). This usually "
             "means the notebook crashed Python or used too much memory. Run it from top to bottom "
             "yourself, reduce memory use, and submit again; if it keeps happening, contact the "
             "course staff.",
    "error_memory": "Your notebook ran out of memory in the grading sandbox ({message}). Use "
                    "smaller models, batches or datasets and submit again.",
    "invalid": "Your file could not be graded because it is not a gradable notebook: {message}. "
               "Submit the completed .ipynb file of this assignment, saved from Jupyter "
               "(`File → Download as .ipynb`), without renaming or editing it by hand.",
    "unknown_status": "Your submission was not graded normally: {message}.",
    "no_details": "no details were recorded",
    "fb_questions": "Questions",
    "col_question": "Question",
    "col_points": "Points",
    "col_possible": "Possible",
    "col_result": "Result",
    "fb_no_questions": "No question could be graded.",
    "q_passed": "all tests passed",
    "q_failed": "{failed} of {total} tests failed",
    "q_no_tests": "no tests ran",
    "q_manual_pending": "awaiting manual grading",
    "q_manual_done": "graded by the course staff",
    "q_missing": "not graded",
    "manual": " (manual)",
    "fb_failing": "Failing tests",
    "fb_failing_item": "{question}, test {test}{hidden}: {message}",
    "hidden": " (hidden)",
    "list_sep": ", ",
    "fb_mistake": "Known mistake, {name}: {explanation}",
    "mistake_lang": "en",
    "fb_passing": "Passing tests",
    "fb_passing_item": "{question}: {tests}",
    "fb_cell_errors": "Errors while running your notebook",
    "fb_cell_item": "Code cell {cell}: {error}",
    "tb_omitted": "... ({count} lines omitted) ...",
    "fb_hints": "What to do next",
    "hint_perfect": "Hint: every auto-graded test passed. Well done!",
    "hint_fix": "Hint: fix the first failing test or error above, then restart the kernel and run "
                "all cells from top to bottom before submitting again.",
    "hint_status": "Hint: fix the problem described at the top, then submit again.",
    "hint_hidden": "Hidden tests check cases the visible tests do not show: try your code on other "
                   "inputs too (other shapes, batch sizes and edge cases such as a sequence of "
                   "length 1).",
    "hint_cell_errors": "An error in one cell can leave later cells undefined, so several tests "
                        "may fail for the same reason: fix the first error first.",
    # summary.md, summary.html and their plots (staff-facing, English only)
    "sum_title": "Summary: {assignment}",
    "sum_empty": "No submissions.",
    "sum_count": "{count} submissions.",
    "sum_status": "Submissions by status",
    "col_status": "Status",
    "col_count": "Count",
    "sum_scores": "Scores",
    "col_scores": "Scores",
    "col_submissions": "Submissions",
    "col_mean": "Mean",
    "col_median": "Median",
    "col_min": "Min",
    "col_max": "Max",
    "sum_points_all": "points, all submissions",
    "sum_percent_all": "percent, all submissions",
    "sum_percent_graded": "percent, graded only",
    "sum_hist": "Score distribution",
    "sum_questions": "Questions",
    "col_mean_points": "Mean points",
    "col_mean_percent": "Mean %",
    "col_pass_rate": "Pass rate",
    "col_pending": "Pending",
    "sum_problems": "Submissions that were not graded normally",
    "sum_no_problems": "Every submission was graded normally.",
    "sum_problem_head": "{status} ({count})",
    "sum_problem_item": "{student}: {message}",
    "sum_pending": "Awaiting manual grading",
    "sum_no_pending": "No manual question is awaiting grading.",
    "sum_pending_item": "{question}: {count} submissions ({students})",
    "col_feedback": "Feedback",
    "sum_no_chart": "No chart: there is nothing to plot.",
    "sum_tests": "Tests",
    "sum_tests_note": "Every test that ran, public and hidden: how many of the submissions it "
                      "ran on passed it.",
    "sum_col_test": "Test",
    "sum_col_kind": "Kind",
    "sum_col_passed": "Passed",
    "sum_kind_hidden": "hidden",
    "sum_kind_public": "public",
    "sum_hardest": "Hidden tests failed most",
    "sum_no_hardest": "No hidden test failed.",
    "sum_hardest_item": "{question} {test}: failed by {failed} of {ran} ({percent}){mistakes}",
    "sum_hardest_mistakes": "; named mistakes: {mistakes}",
    "sum_mistakes": "Named mistakes",
    "sum_mistakes_note": "Failing hidden tests whose outputs equal those of a known-wrong "
                         "implementation (a mutant), recomputed judge-side; a student counts "
                         "once per mistake.",
    "sum_no_mistakes": "No failing test matched a known mistake.",
    "sum_mistake_item": "{name} ({id}), {questions}; students: {count} ({students}). "
                        "{explanation}",
    "sum_col_mistake": "Mistake",
    "sum_col_students": "Students",
    "sum_col_who": "Who",
    "sum_identical": "Identical submissions",
    "sum_identical_note": "Same code once comments, blank lines and spacing are removed (cells "
                          "left as in the template do not count).",
    "sum_no_identical": "No two submissions are identical.",
    "sum_similar": "Unusually similar submissions",
    "sum_similar_note": "Pairs whose code fingerprints (winnowing over normalised tokens, "
                        "variable names ignored) overlap on at least {threshold} of the smaller "
                        "submission's own code. Worth a look, not proof of copying.",
    "sum_no_similar": "No pair of submissions is unusually similar.",
    "sum_similar_more": "... and {count} more pairs.",
    "sum_col_pair": "Submissions",
    "sum_col_shared": "Shared",
    "plot_scores_alt": "Histogram of percentage scores",
    "plot_scores_x": "score (%)",
    "plot_scores_y": "submissions",
    "plot_questions_alt": "Mean percentage per question",
    "plot_questions_y": "mean score (%)",
    "plot_pass_alt": "Pass rate (full marks) per question",
    "plot_pass_y": "full marks (%)",
}

LANGUAGES = ("en", "fa")
"""Languages of the student feedback, in the order a bilingual file shows them."""


def messages_for(lang: str) -> dict[str, str]:
    """The message dict of one language ("en" or "fa"); missing keys fall back to English."""
    if lang == "en":
        return MESSAGES
    if lang == "fa":
        from autograder.reports.messages_fa import MESSAGES_FA

        return {**MESSAGES, **MESSAGES_FA}
    raise ValueError(f"unknown report language {lang!r}; expected one of {LANGUAGES}")


def feedback_languages(lang: str) -> tuple[str, ...]:
    """"fa", "en" or "both" -> the languages of each feedback file."""
    if lang == "both":
        return LANGUAGES
    if lang in LANGUAGES:
        return (lang,)
    raise ValueError(f"unknown report language {lang!r}; expected fa, en or both")

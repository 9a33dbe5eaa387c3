"""Every sentence a report reader sees, in one place; a translation replaces MESSAGES."""

MESSAGES = {
    # feedback/<student>.md
    "fb_title": "# Feedback: {assignment}",
    "fb_header": "**Student:** {student}  \n**Score:** {score} / {possible} ({percent})  \n"
                 "**Status:** {status}",
    "fb_manual_total": "Manual questions are worth {points} more points and are graded separately.",
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
               "(File → Download as .ipynb), without renaming or editing it by hand.",
    "unknown_status": "Your submission was not graded normally: {message}.",
    "no_details": "no details were recorded",
    "fb_questions": "## Questions",
    "fb_q_head": "| Question | Points | Possible | Result |\n|---|---:|---:|---|",
    "fb_no_questions": "No question could be graded.",
    "q_passed": "all tests passed",
    "q_failed": "{failed} of {total} tests failed",
    "q_no_tests": "no tests ran",
    "q_manual_pending": "awaiting manual grading",
    "q_manual_done": "graded by the course staff",
    "q_missing": "not graded",
    "manual": " (manual)",
    "fb_failing": "## Failing tests",
    "fb_failing_item": "- **{question}**, test {test}{hidden}: {message}",
    "hidden": " (hidden)",
    "fb_passing": "## Passing tests",
    "fb_passing_item": "- **{question}**: {tests}",
    "fb_cell_errors": "## Errors while running your notebook",
    "fb_cell_item": "- Code cell {cell}: {error}",
    "tb_omitted": "... ({count} lines omitted) ...",
    "hint_perfect": "_Hint: every auto-graded test passed. Well done!_",
    "hint_fix": "_Hint: fix the first failing test or error above, then restart the kernel and run "
                "all cells from top to bottom before submitting again._",
    "hint_status": "_Hint: fix the problem described at the top, then submit again._",
    # summary.md and its plots
    "sum_title": "# Summary: {assignment}",
    "sum_empty": "No submissions.",
    "sum_count": "{count} submissions.",
    "sum_status": "## Submissions by status\n\n| Status | Count |\n|---|---:|",
    "sum_scores": "## Scores\n\n| Scores | Submissions | Mean | Median | Min | Max |\n"
                  "|---|---:|---:|---:|---:|---:|",
    "sum_points_all": "points, all submissions",
    "sum_percent_all": "percent, all submissions",
    "sum_percent_graded": "percent, graded only",
    "sum_hist": "## Score distribution",
    "sum_questions": "## Questions\n\n| Question | Mean points | Possible | Mean % | Pass rate "
                     "| Pending |\n|---|---:|---:|---:|---:|---:|",
    "sum_problems": "## Submissions that were not graded normally",
    "sum_no_problems": "Every submission was graded normally.",
    "sum_problem_head": "### {status} ({count})",
    "sum_problem_item": "- **{student}**: {message}",
    "sum_pending": "## Awaiting manual grading",
    "sum_no_pending": "No manual question is awaiting grading.",
    "sum_pending_item": "- **{question}**: {count} submissions ({students})",
    "plot_scores_alt": "Histogram of percentage scores",
    "plot_scores_x": "score (%)",
    "plot_scores_y": "submissions",
    "plot_questions_alt": "Mean percentage per question",
    "plot_questions_y": "mean score (%)",
}
"""Every sentence a reader sees; a translation replaces this dict (keep the {placeholders})."""

"""Persian (فارسی) student feedback: the same keys and {placeholders} as MESSAGES.

Test messages come in both languages from the tests themselves (autograder/reports/bilingual.py)
and the grader's own messages are translated in autograder/reports/engine_fa.py. Words follow the
glossary in docs/glossary.md (دفترچه, آزمون, پرسش, ...). Numbers stay in Latin digits so that
they match grades.csv; code, file names and menu paths are code spans.
"""

MESSAGES_FA = {
    "lang_name": "فارسی",
    "fb_title": "بازخورد تمرین {assignment}",
    "label_student": "دانشجو",
    "label_score": "نمره",
    "label_status": "وضعیت",
    "score_value": "{score} از {possible} ({percent})",
    "status_graded": "تصحیح شد",
    "status_timeout": "پایان مهلت زمانی",
    "status_error": "خطا در اجرا",
    "status_invalid": "فایل نامعتبر",
    "fb_manual_total": "پرسش‌هایی که دستی تصحیح می‌شوند {points} نمرهٔ دیگر دارند و جداگانه "
                       "بررسی می‌شوند.",
    "label_total": "نمرهٔ کل با پرسش‌های دستی",
    "total_value": "{total} از {possible} ({percent})",
    "total_pending": "{value}؛ هنوز تصحیح نشده: {questions}",
    "fb_comments": "یادداشت دستیاران آموزشی",
    "fb_comment_item": "{question}: {comment}",
    "fb_note": "یادداشت سامانهٔ تصحیح: {message}",
    "timeout": "اجرای دفترچهٔ شما در مهلت زمانی ({limit}) تمام نشد: {message}. سلول‌های کند را "
               "سریع‌تر کنید (epoch کمتر، دادهٔ کوچک‌تر، بدون حلقهٔ بی‌پایان) و دوباره ارسال "
               "کنید؛ سلول‌هایی که برچسب `skip-grading` دارند هنگام تصحیح اجرا نمی‌شوند.",
    "limit_seconds": "{seconds} ثانیه",
    "limit_unknown": "مهلت تعیین‌شده",
    "error": "محیط ایزولهٔ تصحیح هنگام اجرای دفترچهٔ شما متوقف شد ({message}). معمولاً یعنی "
             "دفترچه پایتون را از کار انداخته یا حافظهٔ زیادی مصرف کرده است. خودتان آن را از "
             "ابتدا تا انتها اجرا کنید، مصرف حافظه را کم کنید و دوباره ارسال کنید؛ اگر مشکل "
             "تکرار شد، به دستیاران آموزشی خبر دهید.",
    "error_memory": "حافظهٔ دفترچهٔ شما در محیط تصحیح تمام شد ({message}). مدل، batch یا دادهٔ "
                    "کوچک‌تری به کار ببرید و دوباره ارسال کنید.",
    "invalid": "فایل شما تصحیح نشد، چون دفترچه قابل‌تصحیحی نیست: {message}. فایل کامل "
               "`.ipynb` همین تمرین را همان‌طور که از Jupyter ذخیره کرده‌اید "
               "(`File → Download as .ipynb`) بدون تغییر نام و بدون ویرایش دستی ارسال کنید.",
    "unknown_status": "ارسال شما به‌طور عادی تصحیح نشد: {message}.",
    "no_details": "جزئیاتی ثبت نشده است",
    "fb_questions": "پرسش‌ها",
    "col_question": "پرسش",
    "col_points": "نمره",
    "col_possible": "از",
    "col_result": "نتیجه",
    "fb_no_questions": "هیچ پرسشی تصحیح نشد.",
    "q_passed": "همهٔ آزمون‌ها موفق بودند",
    "q_failed": "{failed} از {total} آزمون ناموفق بود",
    "q_no_tests": "هیچ آزمونی اجرا نشد",
    "q_manual_pending": "در انتظار تصحیح دستی",
    "q_manual_done": "دستیاران آموزشی تصحیح کرده‌اند",
    "q_missing": "تصحیح نشد",
    "manual": " (دستی)",
    "fb_failing": "آزمون‌های ناموفق",
    "fb_failing_item": "{question}، آزمون {test}{hidden}: {message}",
    "hidden": " (پنهان)",
    "fb_mistake": "اشتباه شناخته‌شده، {name}: {explanation}",
    "mistake_lang": "fa",
    "list_sep": "، ",
    "fb_passing": "آزمون‌های موفق",
    "fb_passing_item": "{question}: {tests}",
    "fb_cell_errors": "خطاها هنگام اجرای دفترچهٔ شما",
    "fb_cell_item": "سلول کد شمارهٔ {cell}: {error}",
    "tb_omitted": "... ({count} خط حذف شد) ...",
    "fb_hints": "گام بعدی",
    "hint_perfect": "راهنمایی: همهٔ آزمون‌های خودکار موفق بودند. آفرین!",
    "hint_fix": "راهنمایی: اول نخستین آزمون ناموفق یا خطای بالا را برطرف کنید، بعد کرنل را "
                "ری‌استارت کنید و پیش از ارسال دوباره، همهٔ سلول‌ها را از ابتدا تا انتها "
                "اجرا کنید.",
    "hint_status": "راهنمایی: مشکلی را که بالای همین صفحه توضیح داده شده برطرف کنید و دوباره "
                   "ارسال کنید.",
    "hint_hidden": "آزمون‌های پنهان حالت‌هایی را می‌سنجند که آزمون‌های قابل‌مشاهده نشان نمی‌دهند: "
                   "کدتان را با ورودی‌های دیگر هم امتحان کنید (شکل‌ها و اندازه‌های batch دیگر، و "
                   "حالت‌های مرزی مثل دنباله‌ای به طول 1).",
    "hint_cell_errors": "خطا در یک سلول ممکن است نگذارد سلول‌های بعدی چیزی را که آزمون‌ها لازم دارند "
                        "تعریف کنند، پس چند آزمون ممکن است به یک دلیل ناموفق شوند: اول نخستین خطا "
                        "را برطرف کنید.",
}

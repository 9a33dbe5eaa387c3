"""Persian wording of the messages the grader itself writes (judge, sandbox, intake).

Those messages are English sentences built in ``autograder/grading`` and ``autograder/sandbox``
(results keep them as written). Each known wording is a pattern here with its Persian
sentence; what the pattern captures from the student's side (a name, a file name, an exception
text, a number) is shown as code so that it stays a left-to-right run inside Persian text.
A message that joins several (``first; second``) is translated part by part; a part with no
pattern stays as written, and the test of the demo feedback fails on it, so a new wording is
noticed. Words follow docs/glossary.md.
"""

from __future__ import annotations

import re
from typing import Callable


def code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    text = " ".join(str(text).split())
    run = max((len(r) for r in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}" if text else ""


def returned_none_fa(name: str) -> str:
    return (f"توجه: {code(name)} مقدار `None` برگرداند؛ آیا هر مسیر این تابع با دستور "
            "`return` تمام می‌شود؟")


_DOING: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"calling `([^`]+)`"), lambda m: f"فراخوانی {code(m[1])}"),
    (re.compile(r"reading `([^`]+)`"), lambda m: f"خواندن {code(m[1])}"),
    (re.compile(r"listing the notebook's names"), lambda m: "فهرست‌کردن نام‌های دفترچه"),
    (re.compile(r"running cell (\d+)"), lambda m: f"اجرای سلول {code(m[1])}"),
    (re.compile(r"starting the notebook"), lambda m: "شروع اجرای دفترچه"),
    (re.compile(r"running the notebook"), lambda m: "اجرای دفترچه"),
    (re.compile(r"training your model"), lambda m: "آموزش مدل شما"),
]


def doing(text: str) -> str:
    """An activity the engine names ("calling `f`", "running cell 3") in Persian."""
    for pattern, make in _DOING:
        found = pattern.fullmatch(text.strip())
        if found:
            return make(found)
    return code(text)


def _what(m: re.Match, group: int | str = "what") -> str:
    return doing(m[group])


_NUM = r"([0-9][0-9.,]*)"
_RULES: list[tuple[str, Callable[[re.Match], str]]] = [
    # judge: names, student exceptions, values
    (r"`(?P<n>[^`]+)` is not defined: your notebook ran out of time before the cell defining it "
     r"ran \(or that cell had an error\)",
     lambda m: f"{code(m['n'])} تعریف نشده است: زمان اجرای دفترچهٔ شما پیش از رسیدن به سلولی که "
               "آن را تعریف می‌کند تمام شد (یا آن سلول خطا داشت)"),
    (r"`(?P<n>[^`]+)` is not defined in your notebook \(check its spelling, and that the cell "
     r"defining it runs without errors\)",
     lambda m: f"{code(m['n'])} در دفترچهٔ شما تعریف نشده است (املای نام را بررسی کنید و مطمئن "
               "شوید سلولی که آن را تعریف می‌کند بدون خطا اجرا می‌شود)"),
    (r"your answer could not be checked \((?P<e>.*)\)",
     lambda m: f"پاسخ شما را نمی‌شد بررسی کرد (خطای {code(m['e'])})؛ نوع و شکل مقداری را که "
               "برمی‌گردانید با صورت پرسش مقایسه کنید"),
    (r"the result is not what was expected", lambda m: "نتیجه با آنچه انتظار می‌رفت یکی نیست"),
    (r"passed", lambda m: "موفق"),
    # judge: Keras models rebuilt from a student's answer (grading/keras_tools.py)
    (rf"the model has {_NUM} parameters; at most {_NUM} are accepted here: use the layer sizes "
     r"the question asks for",
     lambda m: f"مدل {code(m[1])} پارامتر دارد؛ اینجا حداکثر {code(m[2])} پارامتر پذیرفته می‌شود: "
               "اندازهٔ لایه‌ها را همان‌طور که صورت پرسش خواسته است بگذارید"),
    (r"the model could not be rebuilt safely: (?P<e>.*)",
     lambda m: f"مدل را نمی‌شد به‌شکلی امن دوباره ساخت: {code(m['e'])}"),
    (r"the model's weights do not fit its layers: (?P<e>.*)",
     lambda m: f"وزن‌های مدل با لایه‌های آن جور نیستند: {code(m['e'])}"),
    (r"expected a Keras model, got (?P<t>\S+)",
     lambda m: f"انتظار یک مدل Keras می‌رفت، ولی {code(m['t'])} به دست آمد"),
    (r"(?P<what>[^;]+?) returned a value the grader cannot use: (?P<e>.*)",
     lambda m: f"{_what(m)} مقداری برگرداند که سامانهٔ تصحیح نمی‌تواند از آن استفاده کند: "
               f"{code(m['e'])}"),
    (r"(?P<what>[^;]+?) raised (?P<e>.*)",
     lambda m: f"{_what(m)} با این خطا متوقف شد: {code(m['e'])}"),
    (rf"(?P<what>[^;]+?) did not finish within {_NUM} s",
     lambda m: f"{_what(m)} در {code(m[2])} ثانیه تمام نشد"),
    (r"(?P<what>[^;]+?) gave a value the grader refuses: (?P<e>.*)",
     lambda m: f"{_what(m)} مقداری داد که سامانهٔ تصحیح آن را نمی‌پذیرد: {code(m['e'])}"),
    (r"not run: (?P<e>.*)",
     lambda m: f"اجرا نشد، چون ارتباط با دفترچه پیش‌تر قطع شده بود ({translate_engine(m['e'])})"),
    (r"voided: the notebook broke the grading protocol",
     lambda m: "باطل شد: دفترچه قاعدهٔ ارتباط با سامانهٔ تصحیح را شکست"),
    (rf"grading stopped: the submission used up its time limit of {_NUM} s \(notebook and tests "
     r"together\) while (?P<what>[^;]+?); the tests that finished keep their points",
     lambda m: f"تصحیح متوقف شد: ارسال شما کل مهلت زمانی خود ({code(m[1])} ثانیه برای دفترچه و "
               f"آزمون‌ها روی هم) را هنگام {_what(m)} مصرف کرد؛ آزمون‌هایی که تمام شدند نمره‌شان "
               "را نگه می‌دارند"),
    (r"protocol violation (?P<when>.+?): the notebook's process sent a message that answers no "
     r"request of the grader \((?P<f>.*)\); code in the notebook wrote to the grader's channel, so "
     r"grading stopped",
     lambda m: "نقض قاعدهٔ ارتباط: فرایند دفترچه پیامی فرستاد که پاسخ هیچ درخواستی از سامانهٔ "
               f"تصحیح نبود ({code(m['f'])})؛ کدی در دفترچه روی کانال سامانهٔ تصحیح نوشت، پس "
               "تصحیح متوقف شد"),
    # judge workers (the grader's own work for a test, e.g. training the student's model)
    (rf"the grader's own work for this test \((?P<what>[^;]+?)\) did not finish within "
     rf"(?:the )?{_NUM} s(?: the submission may take)?, so the test could not be checked; a "
     r"smaller model trains faster",
     lambda m: f"کار خود سامانهٔ تصحیح برای این آزمون ({doing(m['what'])}) در {code(m[2])} ثانیه "
               "تمام نشد، پس آزمون بررسی نشد؛ مدل کوچک‌تر سریع‌تر آموزش می‌بیند"),
    (r"the grader's own work for this test \((?P<what>[^;]+?)\) was stopped because grading "
     r"was stopped",
     lambda m: f"کار خود سامانهٔ تصحیح برای این آزمون ({doing(m['what'])}) متوقف شد، چون تصحیح "
               "متوقف شد"),
    (r"the grader's worker processes broke down while (?P<what>[^;]+?); grade this submission "
     r"again",
     lambda m: f"فرایندهای کمکی سامانهٔ تصحیح هنگام {doing(m['what'])} از کار افتادند؛ این ارسال "
               "را دوباره تصحیح کنید"),
    (r"the grader's worker process died while (?P<what>[^;]+?) \((?P<e>.*)\); the model may "
     r"need more memory than the grader allows",
     lambda m: f"فرایند کمکی سامانهٔ تصحیح هنگام {doing(m['what'])} از کار افتاد "
               f"({code(m['e'])})؛ شاید مدل بیش از حافظهٔ مجاز سامانهٔ تصحیح لازم دارد"),
    (r"grading was stopped before the grader's own work ran",
     lambda m: "تصحیح پیش از اجرای کار خود سامانهٔ تصحیح متوقف شد"),
    # otter's doctest-style (OK format) checks
    (r"(?:check (?P<n>\d+) of (?P<t>\d+)|the check) (?:raised (?P<e>.+?)|gave a different "
     r"result)(?:: `(?P<src>.*)` should give (?P<want>.+?)(?:, got (?P<got>.+))?)?",
     lambda m: _doctest_fa(m)),
    # grader: the notebook's run
    (rf"the notebook did not finish within {_NUM} s \(it was still running code cell {_NUM}\); "
     r"tests were run on what the cells before it defined",
     lambda m: f"اجرای دفترچه در {code(m[1])} ثانیه تمام نشد (هنوز سلول کد {code(m[2])} در حال "
               "اجرا بود)؛ آزمون‌ها روی چیزهایی اجرا شدند که سلول‌های پیش از آن تعریف کرده "
               "بودند"),
    (r"the notebook did not finish within (?P<s>[0-9][0-9.,]*) s(?P<rest>[^;]*)",
     lambda m: f"اجرای دفترچه در {code(m['s'])} ثانیه تمام نشد"),
    (r"it did not respond to the interruption, so no test could run",
     lambda m: "دفترچه به فرمان توقف پاسخ نداد، پس هیچ آزمونی اجرا نشد"),
    (r"the notebook's process stopped answering during (?P<q>[^;]+?) \(it ignored the "
     r"interruption at the time limit\); a fresh process ran the notebook again for the "
     r"questions after it",
     lambda m: f"فرایند دفترچه هنگام {code(m['q'])} دیگر پاسخ نداد (فرمان توقف در پایان مهلت را "
               "نادیده گرفت)؛ فرایندی تازه دفترچه را دوباره اجرا کرد تا پرسش‌های بعد از آن "
               "تصحیح شوند"),
    (rf"the notebook printed {_NUM} characters; only the start was kept",
     lambda m: f"دفترچه {code(m[1])} نویسه چاپ کرد؛ فقط ابتدای آن نگه داشته شد"),
    (r"internal grader error \((?P<e>.*)\); tell your TA",
     lambda m: f"خطای داخلی سامانهٔ تصحیح ({code(m['e'])})؛ به دستیار آموزشی خبر دهید"),
    (r"grading was stopped before this submission started",
     lambda m: "تصحیح پیش از شروع این ارسال متوقف شد"),
    (r"grading was stopped", lambda m: "تصحیح متوقف شد"),
    (r"stopped: the notebook ran out of time", lambda m: "متوقف شد: مهلت زمانی دفترچه تمام شد"),
    # sandbox
    (rf"the notebook's process stopped reading the grader's messages while (?P<what>[^;]+?) "
     rf"\(not within {_NUM} s\)",
     lambda m: f"فرایند دفترچه هنگام {_what(m)} دیگر پیام‌های سامانهٔ تصحیح را نخواند "
               f"(در {code(m[2])} ثانیه)"),
    (rf"no answer within {_NUM} s while (?P<what>[^;]+)",
     lambda m: f"هنگام {_what(m)} در {code(m[1])} ثانیه پاسخی نیامد"),
    (r"the notebook's process stopped while (?P<what>[^;]+?): (?P<why>.+)",
     lambda m: f"فرایند دفترچه هنگام {_what(m)} متوقف شد: {_exit_reason(m['why'])}"),
    (r"the notebook's process stopped while (?P<what>[^;]+)",
     lambda m: f"فرایند دفترچه هنگام {_what(m)} متوقف شد"),
    (r"the sandbox sent an unreadable message while (?P<what>[^;]+?): (?P<e>.*)",
     lambda m: f"محیط ایزوله هنگام {_what(m)} پیامی ناخوانا فرستاد: {code(m['e'])}"),
    (r"could not send to the sandbox \((?P<e>.*)\)(?:: (?P<why>.+))?",
     lambda m: f"ارسال به محیط ایزوله ممکن نشد ({code(m['e'])})"
               + (f": {_exit_reason(m['why'])}" if m["why"] else "")),
    (r"no free sandbox user id: too many sandboxes are running",
     lambda m: "شناسهٔ کاربری آزادی برای محیط ایزوله نماند: محیط‌های ایزولهٔ زیادی در حال اجرا "
               "هستند"),
    # intake: files that are not gradable notebooks
    (r"(?P<f>[^;]+?) is not a notebook: submit the \.ipynb file \(or the zip made by "
     r"grader\.export\(\)\), not a (?P<k>.+?) file",
     lambda m: f"{code(m['f'])} دفترچه نیست: فایل `.ipynb` (یا فایل zip ساخته‌شده با "
               f"`grader.export()`) را ارسال کنید، نه فایل {code(m['k'])}"),
    (r"(?P<f>[^;]+?) is not valid notebook JSON \((?P<e>.*)\); it may have been edited as text or "
     r"saved incompletely\. Re-download it from Jupyter with File > Save and submit again",
     lambda m: f"{code(m['f'])} یک JSON درست برای دفترچه نیست ({code(m['e'])})؛ شاید به‌صورت "
               "متنی ویرایش شده یا ناقص ذخیره شده است. آن را دوباره از Jupyter ذخیره کنید "
               "(`File > Save`) و دوباره ارسال کنید"),
    (r"(?P<f>[^;]+?) is larger than (?P<n>\d+) MB",
     lambda m: f"حجم {code(m['f'])} بیش از {code(m['n'])} مگابایت است"),
    (r"(?P<f>[^;]+?) is not a text file \(is it really a \.ipynb notebook\?\)",
     lambda m: f"{code(m['f'])} فایل متنی نیست (آیا واقعاً دفترچهٔ `.ipynb` است؟)"),
    (r"(?P<f>[^;]+?) is not a notebook: its JSON is nested too deeply",
     lambda m: f"{code(m['f'])} دفترچه نیست: ساختار JSON آن بیش از حد تودرتو است"),
    (r"(?P<f>[^;]+?) is JSON but not a Jupyter notebook \(no list of cells\)",
     lambda m: f"{code(m['f'])} فایل JSON است ولی دفترچهٔ Jupyter نیست (فهرست سلول‌ها را ندارد)"),
    (r"(?P<f>[^;]+?) could not be read as a notebook: (?P<e>.*)",
     lambda m: f"{code(m['f'])} به‌عنوان دفترچه خوانده نشد: {code(m['e'])}"),
    (r"(?P<f>[^;]+?) is a notebook of assignment (?P<a>.+?) \(its otter metadata says so\), not of "
     r"(?P<b>.+?): submit your (?P<c>.+?) notebook",
     lambda m: f"{code(m['f'])} دفترچهٔ تمرین {code(m['a'])} است (فرادادهٔ otter آن این را "
               f"می‌گوید)، نه {code(m['b'])}: دفترچهٔ تمرین {code(m['c'])} خود را ارسال کنید"),
    (r"(?P<f>[^;]+?)/ holds no \.ipynb notebook or export zip",
     lambda m: f"پوشهٔ {code(m['f'])} هیچ دفترچهٔ `.ipynb` یا فایل zip خروجی ندارد"),
    (r"(?P<f>[^;]+?) is (?P<n>\d+) MB; the limit is (?P<l>\d+) MB \(clear large outputs\)",
     lambda m: f"حجم {code(m['f'])} {code(m['n'])} مگابایت است؛ حد مجاز {code(m['l'])} مگابایت "
               "است (خروجی‌های بزرگ را پاک کنید)"),
    (r"(?P<f>[^;]+?) is not a readable zip file \((?P<e>.*)\)",
     lambda m: f"{code(m['f'])} فایل zip خوانایی نیست ({code(m['e'])})"),
    (r"(?P<f>[^;]+?) contains no \.ipynb notebook",
     lambda m: f"در {code(m['f'])} هیچ دفترچهٔ `.ipynb` نیست"),
    (r"(?P<f>[^;]+?) contains several notebooks \((?P<n>.*)\); submit a zip with exactly one",
     lambda m: f"در {code(m['f'])} چند دفترچه هست ({code(m['n'])})؛ فایل zip با دقیقاً یک "
               "دفترچه ارسال کنید"),
    (r"(?P<f>[^;]+?): (?P<g>.+?) cannot be read from the zip \((?P<e>.*)\)",
     lambda m: f"{code(m['f'])}: {code(m['g'])} از فایل zip خوانده نشد ({code(m['e'])})"),
    (r"(?P<f>[^;]+?) has (?P<n>\d+) files; at most (?P<l>\d+)",
     lambda m: f"{code(m['f'])} {code(m['n'])} فایل دارد؛ حداکثر {code(m['l'])} فایل مجاز است"),
    (r"(?P<f>[^;]+?) would unpack to (?P<n>\d+) MB; the limit is (?P<l>\d+) MB",
     lambda m: f"{code(m['f'])} پس از باز شدن {code(m['n'])} مگابایت می‌شود؛ حد مجاز "
               f"{code(m['l'])} مگابایت است"),
    (r"(?P<f>[^;]+?) contains an unsafe path \((?P<p>.*)\)",
     lambda m: f"{code(m['f'])} مسیری ناامن دارد ({code(m['p'])})"),
    (r"(?P<n>\d+) submissions found; graded the newest, (?P<f>[^;]+)",
     lambda m: f"{code(m['n'])} فایل ارسالی پیدا شد؛ جدیدترین آن‌ها، {code(m['f'])}، تصحیح شد"),
]
_COMPILED = [(re.compile(pattern, re.DOTALL), make) for pattern, make in _RULES]

_EXIT = [
    (r"it used up its CPU time \((\w+)\)", lambda m: f"وقت پردازنده‌اش تمام شد ({code(m[1])})"),
    (r"it wrote a file that was too large \((\w+)\)",
     lambda m: f"فایلی بیش از حد بزرگ نوشت ({code(m[1])})"),
    (r"it was killed \((\w+)\)", lambda m: f"فرایند کشته شد ({code(m[1])})"),
    (r"it was stopped by a signal \((\w+)\)", lambda m: f"با یک سیگنال متوقف شد ({code(m[1])})"),
    (r"it exited with code (-?\d+)", lambda m: f"با کد {code(m[1])} خارج شد"),
    (r"it did not exit", lambda m: "خارج نشد"),
    (r"it used more than (\d+) MB of memory",
     lambda m: f"بیش از {code(m[1])} مگابایت حافظه مصرف کرد"),
]


def _doctest_fa(m: re.Match) -> str:
    where = f"بررسی {code(m['n'])} از {code(m['t'])}" if m["n"] else "این بررسی"
    what = f"{where} با خطای {code(m['e'])} متوقف شد" if m["e"] else f"{where} نتیجهٔ دیگری داد"
    if m["src"] is None:
        return what
    text = f"{what}: {code(m['src'])} باید {code(m['want'])} بدهد"
    return text + (f"، ولی {code(m['got'])} داد" if m["got"] else "")


def _exit_reason(text: str) -> str:
    for pattern, make in _EXIT:
        found = re.fullmatch(pattern, text.strip(), re.IGNORECASE | re.DOTALL)
        if found:
            return make(found)
    return code(text)


def _translate_one(text: str) -> str | None:
    text = text.strip()
    body = text[:-1] if text.endswith(".") else text
    for pattern, make in _COMPILED:
        found = pattern.fullmatch(body)
        if found:
            return make(found)
    return None


def translate_engine(text: str) -> str:
    """The Persian of an engine message (parts joined by "; " translated one by one).

    A part with no known wording is kept as written."""
    text = " ".join(str(text).split())
    if not text:
        return text
    parts = text.split("; ")
    out, i = [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):  # the longest run of parts that is one message
            translated = _translate_one("; ".join(parts[i:j]))
            if translated is not None:
                out.append(translated)
                i = j
                break
        else:
            out.append(parts[i])
            i += 1
    return "؛ ".join(out)

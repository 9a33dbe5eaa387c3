"""Content of homework 3, part 3: the written experiment (question 4) comparing the speed and the
error of the two models with the naive baseline, with a training skeleton tagged skip-grading."""

from __future__ import annotations

from hw03_windows import Code, ManualQuestion, Markdown

Q4_INTRO = Markdown(r"""
## آزمایش: سرعت و خطا · Experiment: speed and error

<div dir="rtl" lang="fa">

سلول زیر برچسب `skip-grading` دارد و هنگام نمره‌دهی اجرا نمی‌شود. داده را به ترتیب زمان تقسیم می‌کند (۷۰٪ اول برای آموزش و بقیه برای اعتبارسنجی)، با آمار بخش آموزش استاندارد می‌کند، با تابع‌های شما پنجره می‌سازد (`lookback = 720` یعنی پنج روز، `step = 6` یعنی یک ردیف در ساعت، `delay = 144` یعنی ۲۴ ساعت بعد)، هر دو مدل را `EPOCHS` دوره (epoch) آموزش می‌دهد و زمان هر دوره و MAE اعتبارسنجی را (به درجهٔ سلسیوس) کنار MAE مبنای ساده‌لوحانه رسم می‌کند. روی یک CPU معمولی کمتر از یک دقیقه طول می‌کشد. آزادید آن را تغییر دهید (`DELAY`، تعداد دوره‌ها، `step`، مدل بازگشتی خالص `GRU(32)` برای مقایسه و …).

</div>

The cell below is tagged `skip-grading`: grading does not run it. It splits the data in time order (the first 70 % trains, the rest validates), standardizes with the training part's statistics, cuts windows with your functions (`lookback = 720`: five days; `step = 6`: one row an hour; `delay = 144`: 24 hours ahead), trains both models for `EPOCHS` epochs and plots the time per epoch and the validation MAE (in °C) next to the naive baseline's MAE. It takes less than a minute on an ordinary CPU. Feel free to change it (`DELAY`, more epochs, another `step`, a plain `GRU(32)` model for comparison, …).
""")

EXPERIMENT_CELL = Code(r'''
import time
import matplotlib.pyplot as plt

LOOKBACK, STEP, DELAY = 720, 6, 144  # try DELAY = 36 (6 hours ahead) as well
EPOCHS = 2
n_train = int(0.7 * len(float_data))
scaled, mean, std = standardize(float_data, n_train)
# windows of each part separately, so that no validation target leaks into training
X_train, y_train = make_windows(scaled[:n_train], LOOKBACK, DELAY, STEP, TEMPERATURE_COL)
X_val, y_val = make_windows(scaled[n_train:], LOOKBACK, DELAY, STEP, TEMPERATURE_COL)
t_std = std[TEMPERATURE_COL]

results = {"naive": (naive_forecast_mae(scaled[n_train:], LOOKBACK, DELAY, STEP,
                                        TEMPERATURE_COL) * t_std, 0.0)}
print(f"      naive: val MAE {results['naive'][0]:.2f} degC")
for name, build in [("conv1d", build_conv1d_model), ("conv + GRU", build_conv_gru_model)]:
    model = build(float_data.shape[-1])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae")
    start = time.perf_counter()
    history = model.fit(X_train, y_train, batch_size=128, epochs=EPOCHS,
                        validation_data=(X_val, y_val), verbose=0)
    seconds_per_epoch = (time.perf_counter() - start) / EPOCHS
    results[name] = (history.history["val_loss"][-1] * t_std, seconds_per_epoch)
    print(f"{name:>11}: val MAE {results[name][0]:.2f} degC, {seconds_per_epoch:.1f} s/epoch")

fig, (ax_error, ax_time) = plt.subplots(1, 2, figsize=(10, 3.5))
ax_error.bar(list(results), [mae for mae, _ in results.values()])
ax_error.set_ylabel("validation MAE (degC)")
ax_time.bar(list(results)[1:], [sec for _, sec in list(results.values())[1:]])
ax_time.set_ylabel("seconds per epoch")
fig.tight_layout()
plt.show()
''', tags=("skip-grading",))

Q4 = ManualQuestion("q4", 5, r"""
## پرسش ۴: کانولوشن یا بازگشت؟ (تشریحی) · Question 4: convolution or recurrence? (written)

<div dir="rtl" lang="fa">

سلول آزمایش بالا را اجرا کنید و نمودار را در دفترچه نگه دارید. سپس در چند جمله پاسخ دهید:

1. با `DELAY = 144` (پیش‌بینی ۲۴ ساعت بعد)، MAE اعتبارسنجی هر مدل و مبنای ساده‌لوحانه و زمان هر دوره را گزارش کنید. کدام مدل سریع‌تر است و آیا مدلی از مبنا بهتر شده است؟
2. آزمایش را با `DELAY = 36` (شش ساعت بعد) تکرار کنید. چرا خطای مبنای ساده‌لوحانه این‌قدر بیشتر می‌شود و چرا یک مدل آموخته‌شده می‌تواند از آن جلو بزند؟
3. چرا شبکهٔ کانولوشنی خالص، با اینکه سریع است، برای پیش‌بینی دما مناسب نیست؟ با پرسش ۳ بگویید هر ویژگی آخرین لایهٔ کانولوشن آن چند ساعت از ورودی را می‌بیند (با `step = 6` هر گام یک ساعت است) و `GlobalMaxPooling1D` با ترتیب زمانی چه می‌کند.
4. پایهٔ کانولوشنی در مدل دوم چه سودی برای GRU دارد؟ طول دنباله‌ای را که به GRU می‌رسد برای ورودی ۱۲۰ گامی حساب کنید.

</div>

Run the experiment cell above and keep its plot in the notebook. Then answer in a few sentences:

1. With `DELAY = 144` (24 hours ahead), report the validation MAE of each model and of the naive baseline, and the time per epoch. Which model is faster, and does any model beat the baseline?
2. Run it again with `DELAY = 36` (6 hours ahead). Why does the naive baseline's error grow so much, and why can a learned model get ahead of it?
3. Why is the pure convnet, fast as it is, a poor fit for temperature forecasting? Use question 3 to say how many hours of input each feature of its last convolution sees (with `step = 6` one step is one hour), and say what `GlobalMaxPooling1D` does to the order of time.
4. What does the convolutional base of the second model do for the GRU? Compute the length of the sequence that reaches the GRU for an input of 120 steps.
""", r"""
**Model answer and rubric (5 points).**

1. (1 point: the student's own numbers, a plot, and a correct reading of them.) In our runs of the cell on this data: the naive baseline is about 2.8 °C on the validation part; after 2 to 10 epochs both models stay clearly above it (about 4–5 °C); the conv1d model takes roughly half the time per epoch of the conv + GRU model (about 1 s versus 2–3 s here). With eight weeks of data, a validation period warmer than the training period and so few epochs, the numbers vary from run to run; an honest report that reads its own plot correctly gets the point, whichever model wins.
2. (1 point.) 24 hours ahead, the baseline copies the temperature at the same time of day, so the daily cycle cancels and only the slow weather swings are left: a strong baseline that is hard to beat. Six hours ahead, it copies a value from another phase of the daily cycle (for instance 8 am for 2 pm), so it is off by much of the daily amplitude (about 5 °C in our runs). The daily cycle is visible in the window, so a model can learn it and beat the baseline (our runs: about 3–4 °C).
3. (2 points.) The conv base (conv 5, pool 3, conv 5, pool 3, conv 5) has a receptive field of 61 steps, i.e. about 61 hours at one row per hour: each feature of the last convolution sees only half of the 120-hour window. `GlobalMaxPooling1D` then keeps the maximum over time of every feature: it keeps *whether* a pattern occurred, not *when*. For forecasting, the most recent hours matter far more than older ones, but the convnet treats a pattern five days ago like one an hour ago. Ignoring the order is what makes it fast and what makes it lose here (on tasks where a local pattern matters wherever it appears, such as many text tasks, it does well).
4. (1 point.) The conv base extracts local features and shortens the sequence, so the slow, sequential GRU runs on far fewer steps: 120 → conv 5 → 116 → pool 3 → 38 → conv 5 → 34 steps reach the GRU, which reads them in order and so keeps the sensitivity to recency. This makes longer lookbacks or a finer `step` affordable (the classic example uses `step = 3` with this model).

<div dir="rtl" lang="fa">

راهنمای تصحیح: ۱ نمره برای گزارش عددی و نمودار و خواندن درست آن (کانولوشن خالص حدود دو برابر سریع‌تر است؛ روی این داده با ۲۴ ساعت فاصله مبنای ساده‌لوحانه، حدود ۲٫۸ درجه، معمولاً بهتر از هر دو مدل است)؛ ۱ نمره برای اینکه با ۲۴ ساعت فاصله چرخهٔ روزانه حذف می‌شود ولی با ۶ ساعت نه؛ ۲ نمره برای میدان دید ۶۱ گام (حدود ۶۱ ساعت) و اینکه `GlobalMaxPooling1D` ترتیب زمانی و تازگی اطلاعات را دور می‌ریزد؛ ۱ نمره برای کوتاه شدن دنباله از ۱۲۰ به ۳۴ گام پیش از GRU.

</div>
""")

/* test-values.c — each thread's own values, and a page that tells the story alone: the
 * bank race stepped round-robin shows what each thread read and wrote on its lane ("R
 * 2000", "W 7000", "W 1000"), what it read and will write in the scene, the balance's
 * expected final; the banner says what was lost and the caption what happened. The
 * tickets' scene counts sales ("oversold", not "lost update") and their lane never
 * prints numbers over each other; a slide of few lanes fills its page.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "weft-test-model.h"
#include "weft-model.h"
#include "weft-render.h"

/* Draws @model's default page (1920×1080, both views) and returns the texts drawn. */
static GPtrArray *
page_texts (WeftModel *model)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  WeftPageOptions options;

  weft_page_options_init (&options);
  weft_render_record_text (cr, texts);
  weft_page_draw (cr, model, &options, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return texts;
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (((WeftRecordedText *) g_ptr_array_index (texts, i))->text, text) == 0)
      return TRUE;
  return FALSE;
}

static char *
all_texts (GPtrArray *texts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (out, "%s\n", ((WeftRecordedText *) g_ptr_array_index (texts, i))->text);
  return g_string_free (out, FALSE);
}

static WeftRun *
stepped_bank (void)
{
  static const char * const sets[] = { "sync=none", NULL };
  WeftRun *run = test_make_run ("bank", 1, sets);

  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, 1000);
  weft_run_stop (run);
  return run;
}

START_TEST (test_bank_page_tells_the_values)
{
  g_autoptr(WeftRun) run = stepped_bank ();
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  g_autofree char *caption = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *words = NULL;

  weft_model_sync (model, run);
  caption = weft_run_describe_outcome (run);
  ck_assert_str_eq (caption, "Both read 2000; the deposit wrote 7000; the withdrawal wrote 1000 over it: "
                             "expected 6000, got 1000.");
  weft_model_set_caption (model, caption);
  texts = page_texts (model);
  words = all_texts (texts);

  /* The lanes: each thread's read and write, with their values. */
  ck_assert_msg (has_text (texts, "R 2000"), "no read mark in:\n%s", words);
  ck_assert_msg (has_text (texts, "W 7000"), "no deposit's write in:\n%s", words);
  ck_assert_msg (has_text (texts, "W 1000"), "no withdrawal's write in:\n%s", words);
  /* The scene: what each read and wrote, and what the balance should hold. */
  ck_assert_msg (has_text (texts, "read 2000, wrote 7000"), "no depositor's values in:\n%s", words);
  ck_assert_msg (has_text (texts, "read 2000, wrote 1000"), "no withdrawer's values in:\n%s", words);
  ck_assert_msg (has_text (texts, "expected 6000 · lost update"), "no expected balance in:\n%s", words);
  /* The caption, under the title. */
  ck_assert_msg (has_text (texts, caption), "no caption in:\n%s", words);
}
END_TEST

/* Halfway, both have read and neither written: the scene says what each will write. */
START_TEST (test_bank_scene_says_the_planned_writes)
{
  static const char * const sets[] = { "sync=none", NULL };
  /* Two steps: the depositor reads, the withdrawer reads. */
  g_autoptr(WeftModel) model = test_make_stepped_model ("bank", sets, 2);
  g_autoptr(GPtrArray) texts = page_texts (model);
  g_autofree char *words = all_texts (texts);

  ck_assert_msg (has_text (texts, "read 2000 → will write 7000"), "no depositor's plan in:\n%s", words);
  ck_assert_msg (has_text (texts, "read 2000 → will write 1000"), "no withdrawer's plan in:\n%s", words);
  ck_assert_msg (has_text (texts, "expected 6000"), "no expected balance in:\n%s", words);
}
END_TEST

/* The banner names the lost deposit, what was expected and what came. */
START_TEST (test_bank_alert_names_the_lost_deposit)
{
  g_autoptr(WeftRun) run = stepped_bank ();
  WeftTrace *trace = weft_run_get_trace (run);
  gboolean found = FALSE;

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;
      g_autofree char *text = NULL;

      if (!weft_trace_read (trace, i, &ev) || weft_run_classify_event (run, &ev) != WEFT_ALERT_LOST_UPDATE)
        continue;
      text = weft_run_describe_alert (run, WEFT_ALERT_LOST_UPDATE, &ev);
      ck_assert_str_eq (text, "The deposit of 5000 was overwritten: expected 6000, got 1000");
      found = TRUE;
      break;
    }
  ck_assert (found);
}
END_TEST

/* With the lock nothing is lost, and the caption says so. */
START_TEST (test_bank_locked_caption)
{
  static const char * const sets[] = { "sync=lock", NULL };
  g_autoptr(WeftRun) run = test_make_run ("bank", 1, sets);
  g_autofree char *caption = NULL;

  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, 1000);
  weft_run_stop (run);
  caption = weft_run_describe_outcome (run);
  ck_assert_ptr_nonnull (caption);
  ck_assert_ptr_null (strstr (caption, "lost"));
  ck_assert_ptr_nonnull (strstr (caption, "6000"));
}
END_TEST

/* Oversold tickets: sales against the stock, in the scene; no "lost update" there; and
 * the tickets-left lane's numbers never overlap. */
START_TEST (test_tickets_oversold_words)
{
  static const char * const sets[] = { "sync=none", NULL };
  g_autoptr(WeftModel) model = test_make_stepped_model ("tickets", sets, 80);
  g_autoptr(GPtrArray) texts = page_texts (model);
  g_autofree char *words = all_texts (texts);
  gboolean oversold = FALSE;
  GPtrArray *numbers = g_ptr_array_new ();

  for (guint i = 0; i < texts->len; i++)
    {
      WeftRecordedText *t = g_ptr_array_index (texts, i);
      const char *p;

      if (g_str_has_suffix (t->text, "sold of 10 — oversold"))
        oversold = TRUE;
      /* Not even in the legend: the stale sales' triangles are told as such. */
      ck_assert_msg (strstr (t->text, "lost update") == NULL, "a lost update in the tickets' page: %s", t->text);
      for (p = t->text; *p != '\0' && g_ascii_isdigit (*p); p++)
        ;
      if (*p == '\0' && p != t->text && t->x > 1920 * 0.3)
        g_ptr_array_add (numbers, t);
    }
  ck_assert_msg (oversold, "no oversell in:\n%s", words);
  ck_assert_msg (has_text (texts, "sold from a stale count"), "no stale sale in the legend:\n%s", words);
  {
    guint n_sellers = 0;

    /* Each seller's sales, under it: "sold 10". */
    for (guint i = 0; i < texts->len; i++)
      {
        const char *text = ((WeftRecordedText *) g_ptr_array_index (texts, i))->text;

        if (g_str_has_prefix (text, "sold ") && g_ascii_isdigit (text[5]))
          n_sellers++;
      }
    ck_assert_msg (n_sellers == 4, "%u sellers with their sales in:\n%s", n_sellers, words);
  }

  /* The lane's numbers (not the axis' step numbers, which sit lower) never overlap: two
   * on one line are at least their width apart. */
  for (guint i = 0; i < numbers->len; i++)
    for (guint j = i + 1; j < numbers->len; j++)
      {
        WeftRecordedText *a = g_ptr_array_index (numbers, i);
        WeftRecordedText *b = g_ptr_array_index (numbers, j);
        double wa = strlen (a->text) * a->size * 0.55;
        double wb = strlen (b->text) * b->size * 0.55;

        if (fabs (a->y - b->y) >= MIN (a->size, b->size))
          continue;
        ck_assert_msg (a->x + wa <= b->x || b->x + wb <= a->x,
                       "\"%s\" at %.0f,%.0f overlaps \"%s\" at %.0f,%.0f", a->text, a->x, a->y,
                       b->text, b->x, b->y);
      }
  g_ptr_array_unref (numbers);
}
END_TEST

/* Draws @model's scene alone (1920×1080) and returns the texts drawn. */
static GPtrArray *
scene_texts (WeftModel *model)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  WeftPageOptions options;

  weft_page_options_init (&options);
  options.view = WEFT_VIEW_SCENE;
  weft_render_record_text (cr, texts);
  weft_page_draw (cr, model, &options, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return texts;
}

static gboolean
is_number (const char *text)
{
  const char *p = text;

  for (; *p != '\0' && g_ascii_isdigit (*p); p++)
    ;
  return *p == '\0' && p != text;
}

static gint
compare_reading_order (gconstpointer a,
                       gconstpointer b)
{
  const WeftRecordedText *ta = *(WeftRecordedText * const *) a;
  const WeftRecordedText *tb = *(WeftRecordedText * const *) b;

  if (fabs (ta->y - tb->y) >= MIN (ta->size, tb->size) * 0.5)
    return ta->y < tb->y ? -1 : 1;
  return ta->x < tb->x ? -1 : ta->x > tb->x;
}

/* The items the publisher appended, as Python's print(list) shows the list after @trace's
 * puts and pops (list.pop() takes the last). */
static GString *
python_list (WeftRun *run)
{
  WeftTrace *trace = weft_run_get_trace (run);
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (gint32));
  GString *out = g_string_new (NULL);

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (!weft_trace_read (trace, i, &ev))
        continue;
      if (ev.kind == WEFT_EVENT_QUEUE_PUT)
        g_array_append_val (list, ev.value);
      else if (ev.kind == WEFT_EVENT_QUEUE_GET && list->len > 0)
        g_array_set_size (list, list->len - 1);
    }
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (out, "%s%d", i > 0 ? " " : "", g_array_index (list, gint32, i));
  return out;
}

/* The list's chips read left to right as print(list) shows it: the oldest first, the
 * next to pop on the right. */
START_TEST (test_pubsub_chips_in_print_order)
{
  static const char * const none[] = { NULL };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 1, none);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  g_autoptr(GString) expected = NULL;
  g_autoptr(GString) drawn = g_string_new (NULL);
  g_autofree char *words = NULL;

  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  /* The publisher alone: lock, append, notify, release, three times over. */
  for (guint i = 0; i < 12; i++)
    {
      ck_assert (weft_run_step (run, weft_run_get_actor (run, 0), NULL));
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
    }
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);
  expected = python_list (run);
  weft_run_stop (run);
  ck_assert_msg (strchr (expected->str, ' ') != NULL, "fewer than two items in the list: [%s]", expected->str);

  texts = scene_texts (model);
  words = all_texts (texts);
  for (guint i = 0; i < texts->len; i++)
    if (is_number (((WeftRecordedText *) g_ptr_array_index (texts, i))->text))
      g_ptr_array_add (chips, g_ptr_array_index (texts, i));
  g_ptr_array_sort (chips, compare_reading_order);
  for (guint i = 0; i < chips->len; i++)
    g_string_append_printf (drawn, "%s%s", i > 0 ? " " : "", ((WeftRecordedText *) g_ptr_array_index (chips, i))->text);
  ck_assert_msg (g_str_equal (drawn->str, expected->str), "chips [%s], print(list) [%s], in:\n%s",
                 drawn->str, expected->str, words);
  /* The subscribers, parked before the condition's lock, say so in the story's words. */
  ck_assert_msg (strstr (words, "next: take the lock") != NULL, "no subscriber taking the lock in:\n%s", words);
}
END_TEST

/* Under each subscriber, the last message it took: "got 776". */
START_TEST (test_pubsub_subscribers_say_what_they_got)
{
  static const char * const none[] = { NULL };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 1, none);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *words = NULL;
  WeftTrace *trace = weft_run_get_trace (run);
  gint32 last[3] = { -1, -1, -1 };

  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, 1000);
  weft_run_stop (run);
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (weft_trace_read (trace, i, &ev) && ev.kind == WEFT_EVENT_QUEUE_GET && ev.actor < 3)
        last[ev.actor] = ev.value;
    }
  texts = scene_texts (model);
  words = all_texts (texts);
  ck_assert (last[1] >= 0 || last[2] >= 0);
  for (guint s = 1; s <= 2; s++)
    {
      g_autofree char *got = g_strdup_printf ("got %d", last[s]);

      if (last[s] < 0)
        continue;
      ck_assert_msg (has_text (texts, got), "no \"%s\" under subscriber %u in:\n%s", got, s, words);
    }
}
END_TEST

/* @id with @sets stepped round-robin (seed 1) to its end or @budget steps: its caption. */
static char *
stepped_caption (const char         *id,
                 const char * const *sets,
                 guint               budget)
{
  g_autoptr(WeftRun) run = test_make_run (id, 1, sets);

  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, budget);
  weft_run_stop (run);
  return weft_run_describe_outcome (run);
}

/* Every scenario's caption says what happened, from the run (stepped round-robin, seed 1). */
START_TEST (test_captions)
{
  static const char * const tickets_none[] = { "sync=none", NULL };
  static const char * const tickets_semaphore[] = { "sync=semaphore", NULL };
  static const char * const naive[] = { "strategy=naive", NULL };
  static const char * const ordered[] = { "strategy=ordered", "meals=6", NULL };
  static const char * const condition[] = { "messages=50", NULL };
  static const char * const queue[] = { "messages=50", "mechanism=queue", NULL };
  struct { const char *id; const char * const *sets; const char *caption; } cases[] = {
    { "tickets", tickets_none,
      "4 sellers sold 40 tickets of 10: 30 oversold; Seller 1 sold 10, Seller 2 sold 10, Seller 3 sold 10, "
      "Seller 4 sold 10." },
    { "tickets", tickets_semaphore,
      "10 tickets sold of 10, none oversold; Seller 1 sold 3, Seller 2 sold 3, Seller 3 sold 2, Seller 4 sold 2." },
    { "philosophers", naive, "Deadlock: each philosopher holds its left fork and waits for its right one." },
    { "philosophers", ordered, "No deadlock: 5 philosophers ate 30 meals, 6 each." },
    { "pubsub", condition,
      "50 messages published, 50 consumed, none lost or duplicated; Subscriber 1 took 50, Subscriber 2 took 0." },
    { "pubsub", queue,
      "50 messages published, 50 consumed, none lost or duplicated; the queue held at most 1 message; "
      "Subscriber 1 took 50, Subscriber 2 took 0." },
  };

  g_autoptr(GString) wrong = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *caption = stepped_caption (cases[i].id, cases[i].sets, 5000);

      if (g_strcmp0 (caption, cases[i].caption) != 0)
        g_string_append_printf (wrong, "\n%s %s: \"%s\"", cases[i].id, cases[i].sets[0], caption);
    }
  ck_assert_msg (wrong->len == 0, "captions:%s", wrong->str);
}
END_TEST

/* The height of what is drawn between the title and the legend (its bounding box), as a
 * fraction of that band: a slide whose views huddle in the middle has little. */
static double
filled_rows (WeftModel *model)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  WeftPageOptions options;
  int top = -1, bottom = -1;
  const guint8 *data;
  int stride;

  weft_page_options_init (&options);
  weft_page_draw (cr, model, &options, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* Between the title block and the legend. */
  for (int y = 150; y < 980; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + y * stride);
      guint32 background = ((const guint32 *) (gconstpointer) data)[0] & 0xFFFFFF;

      for (int x = 0; x < 1920; x++)
        if ((row[x] & 0xFFFFFF) != background)
          {
            if (top < 0)
              top = y;
            bottom = y;
            break;
          }
    }
  cairo_surface_destroy (surface);
  return top < 0 ? 0 : (bottom - top + 1) / 830.0;
}

START_TEST (test_pages_fill)
{
  static const char * const bank[] = { "sync=none", NULL };
  static const char * const tickets[] = { "sync=none", NULL };
  static const char * const none[] = { NULL };
  struct { const char *id; const char * const *sets; guint steps; } pages[] = {
    { "bank", bank, 1000 },
    { "tickets", tickets, 80 },
    { "pubsub", none, 80 },
    { "philosophers", none, 1000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(WeftModel) model = test_make_stepped_model (pages[i].id, pages[i].sets, pages[i].steps);
      double fill = filled_rows (model);

      ck_assert_msg (fill >= 0.6, "%s: only %.0f %% of the page's height drawn", pages[i].id, fill * 100);
    }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("values");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "bank-page-tells-the-values", test_bank_page_tells_the_values);
  test_add_case (suite, "bank-scene-says-the-planned-writes", test_bank_scene_says_the_planned_writes);
  test_add_case (suite, "bank-alert-names-the-lost-deposit", test_bank_alert_names_the_lost_deposit);
  test_add_case (suite, "bank-locked-caption", test_bank_locked_caption);
  test_add_case (suite, "tickets-oversold-words", test_tickets_oversold_words);
  test_add_case (suite, "pages-fill", test_pages_fill);
  test_add_case (suite, "captions", test_captions);
  test_add_case (suite, "pubsub-chips-in-print-order", test_pubsub_chips_in_print_order);
  test_add_case (suite, "pubsub-subscribers-say-what-they-got", test_pubsub_subscribers_say_what_they_got);
  return test_run_suite (suite);
}

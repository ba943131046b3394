/* test-words.c — the sentences that describe a moment of a run (weft-model-words.h), each
 * checked once: what a thread does ("Kant — blocked on fork 2", "waiting for fork 2"),
 * what a resource is and who holds and wants it, and the deadlock cycle, whole and
 * shortened; and the cycle worded the same by the model (the scene's caption) and by the
 * run (weft-cli's result line, the window's banner).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "weft-test-model.h"
#include "weft-model.h"
#include "weft-model-words.h"
#include "weft-render.h"

/* A run of the philosophers (@count of them, naive) stepped round-robin into its
 * deadlock, and its model. */
static WeftRun *
make_deadlock (const char *count,
               WeftModel **model)
{
  const char * const sets[] = { "strategy=naive", count, NULL };
  WeftRun *run = test_make_run ("philosophers", 1, sets);

  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, 20000);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  weft_run_stop (run);
  *model = weft_model_new_for_run (run);
  weft_model_sync (*model, run);
  return run;
}

/* "Kant → fork 1 → Aristotle → …": the actor and object names of edge @k of @model's
 * cycle. */
static const char *
edge_actor (WeftModel *model,
            guint      k)
{
  const WeftModelEdge *cycle;
  guint n;
  guint64 t;

  ck_assert (weft_model_get_deadlock (model, &t, &cycle, &n));
  return weft_model_get_actor_name (model, cycle[k % n].actor);
}

static const char *
edge_object (WeftModel *model,
             guint      k)
{
  const WeftModelEdge *cycle;
  guint n;
  guint64 t;

  ck_assert (weft_model_get_deadlock (model, &t, &cycle, &n));
  return weft_model_get_object_name (model, cycle[k % n].object);
}

/* A table of five: the whole cycle, from Kant back to Kant; shortened when asked for
 * fewer threads: its first, "…", its last, and how many there are. */
START_TEST (test_cycle_short_and_whole)
{
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(WeftRun) run = make_deadlock ("count=5", &model);
  g_autoptr(GString) whole = g_string_new (NULL);
  g_autofree char *cycle = weft_describe_cycle (model, WEFT_CYCLE_THREADS_SHOWN);
  g_autofree char *unlimited = weft_describe_cycle (model, 0);
  g_autofree char *deadlock = weft_describe_deadlock (model, WEFT_CYCLE_THREADS_SHOWN);
  g_autofree char *short_cycle = weft_describe_cycle (model, 4);
  g_autofree char *short_deadlock = weft_describe_deadlock (model, 4);
  g_autofree char *expected_short = NULL;
  g_autofree char *expected_deadlock = NULL;

  for (guint k = 0; k < 5; k++)
    g_string_append_printf (whole, "%s → %s → ", edge_actor (model, k), edge_object (model, k));
  g_string_append (whole, edge_actor (model, 0));
  ck_assert_str_eq (edge_actor (model, 0), "Kant");
  ck_assert_str_eq (cycle, whole->str);
  ck_assert_str_eq (unlimited, whole->str);
  expected_deadlock = g_strdup_printf ("Deadlock: %s", whole->str);
  ck_assert_str_eq (deadlock, expected_deadlock);

  /* Four threads asked for: the first, "…", the last. */
  expected_short = g_strdup_printf ("%s → %s → … → %s → %s → %s", edge_actor (model, 0),
                                    edge_object (model, 0), edge_actor (model, 4),
                                    edge_object (model, 4), edge_actor (model, 0));
  ck_assert_str_eq (short_cycle, expected_short);
  g_free (expected_deadlock);
  expected_deadlock = g_strdup_printf ("Deadlock: %s (5 threads)", expected_short);
  ck_assert_str_eq (short_deadlock, expected_deadlock);
}
END_TEST

/* Forty philosophers: one line, the first three, "…", the last, "(40 threads)". */
START_TEST (test_cycle_long)
{
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(WeftRun) run = make_deadlock ("count=40", &model);
  g_autofree char *cycle = weft_describe_cycle (model, WEFT_CYCLE_THREADS_SHOWN);
  g_autofree char *deadlock = weft_describe_deadlock (model, WEFT_CYCLE_THREADS_SHOWN);
  g_autofree char *expected = g_strdup_printf ("%s → %s → %s → %s → %s → %s → … → %s → %s → %s",
                                               edge_actor (model, 0), edge_object (model, 0),
                                               edge_actor (model, 1), edge_object (model, 1),
                                               edge_actor (model, 2), edge_object (model, 2),
                                               edge_actor (model, 39), edge_object (model, 39),
                                               edge_actor (model, 0));
  g_autofree char *expected_deadlock = g_strdup_printf ("Deadlock: %s (40 threads)", expected);

  ck_assert_str_eq (cycle, expected);
  ck_assert_str_eq (deadlock, expected_deadlock);
  ck_assert_uint_lt (strlen (deadlock), 200);
}
END_TEST

/* The scene's caption (from the model), weft-cli's line and the banner (from the run's
 * report) name the same cycle in the same words, short and long. */
START_TEST (test_same_cycle_everywhere)
{
  static const char * const counts[] = { "count=5", "count=40" };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(WeftModel) model = NULL;
      g_autoptr(WeftRun) run = make_deadlock (counts[c], &model);
      g_autofree char *from_model = weft_describe_deadlock (model, WEFT_CYCLE_THREADS_SHOWN);
      g_autofree char *from_run = weft_describe_run_deadlock (run, WEFT_CYCLE_THREADS_SHOWN);
      g_autofree char *cycle_model = weft_describe_cycle (model, WEFT_CYCLE_THREADS_SHOWN);
      g_autofree char *cycle_run = weft_describe_run_cycle (run, WEFT_CYCLE_THREADS_SHOWN);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
      cairo_t *cr = cairo_create (surface);
      gboolean drawn = FALSE;

      ck_assert_str_eq (from_model, from_run);
      ck_assert_str_eq (cycle_model, cycle_run);

      /* The caption of a large scene is that sentence. */
      weft_render_record_text (cr, texts);
      weft_scene_draw (cr, model, weft_theme_get (WEFT_THEME_LIGHT), weft_model_get_end_ns (model),
                       1920, 1080, 1.0, NULL);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      for (guint i = 0; i < texts->len; i++)
        drawn |= strcmp (((WeftRecordedText *) g_ptr_array_index (texts, i))->text, from_model) == 0;
      ck_assert_msg (drawn, "the scene's caption is not \"%s\"", from_model);
    }
}
END_TEST

/* A deadlock with no cycle (everyone waits on a condition), and no deadlock at all. */
START_TEST (test_no_cycle)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(WeftModel) calm = test_make_stepped_model ("bank", (const char * const[]) { NULL }, 1000);
  g_autofree char *cycle = NULL;
  g_autofree char *deadlock = NULL;

  weft_model_add_actor (model, "Reader");
  weft_model_add_object (model, "mail", WEFT_OBJECT_CONDITION, 0, WEFT_QUEUE_FIFO);
  test_model_event (model, 1000, WEFT_EVENT_STATE, WEFT_STATE_WAITING, 0, 0, 0);
  test_model_event (model, 2000, WEFT_EVENT_DEADLOCK, 0, WEFT_NONE, WEFT_NONE, 0);
  weft_model_set_end (model, 3000);

  cycle = weft_describe_cycle (model, WEFT_CYCLE_THREADS_SHOWN);
  deadlock = weft_describe_deadlock (model, WEFT_CYCLE_THREADS_SHOWN);
  ck_assert_ptr_null (cycle);
  ck_assert_str_eq (deadlock, "Deadlock: every thread is waiting");
  ck_assert_ptr_null (weft_describe_deadlock (calm, WEFT_CYCLE_THREADS_SHOWN));
  ck_assert_ptr_null (weft_describe_cycle (calm, WEFT_CYCLE_THREADS_SHOWN));
}
END_TEST

/* What a thread does at a moment: its one line, what holds it up, its tooltip. */
START_TEST (test_thread_sentences)
{
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(WeftRun) run = make_deadlock ("count=5", &model);
  guint64 end = weft_model_get_end_ns (model);
  const char *wanted = edge_object (model, 0);
  const char *held = edge_object (model, 4);
  g_autofree char *line = weft_describe_thread_at (model, 0, end);
  g_autofree char *details = weft_describe_thread_details_at (model, 0, end);
  g_autofree char *waiting = NULL;
  g_autofree char *expected_line = g_strdup_printf ("Kant — blocked on %s", wanted);
  g_autofree char *expected_details = g_strdup_printf ("Kant — blocked on %s\nWants: %s\nHolds: %s",
                                                       wanted, wanted, held);
  g_autofree char *expected_waiting = g_strdup_printf ("waiting for %s", wanted);
  g_autofree char *start = weft_describe_thread_at (model, 0, 0);
  guint object;

  ck_assert_str_eq (line, expected_line);
  ck_assert_str_eq (details, expected_details);
  for (object = 0; strcmp (weft_model_get_object_name (model, object), wanted) != 0; object++)
    ;
  waiting = weft_describe_waiting_for (model, object);
  ck_assert_str_eq (waiting, expected_waiting);
  ck_assert_str_eq (start, "Kant — new");
}
END_TEST

/* What a resource is at a moment: its one line (the timeline's words) and its tooltip. */
START_TEST (test_resource_sentences)
{
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(WeftRun) run = make_deadlock ("count=5", &model);
  guint64 end = weft_model_get_end_ns (model);
  const char *fork = edge_object (model, 0);
  const char *holder = edge_actor (model, 1);
  guint object;
  g_autofree char *line = NULL;
  g_autofree char *details = NULL;
  g_autofree char *unused = NULL;
  g_autofree char *expected_line = g_strdup_printf ("%s — held by %s, 1 waiting", fork, holder);
  g_autofree char *expected_details = g_strdup_printf ("%s — lock\nHeld by: %s\nWaiting: Kant", fork,
                                                       holder);

  for (object = 0; strcmp (weft_model_get_object_name (model, object), fork) != 0; object++)
    ;
  line = weft_describe_resource_at (model, object, end);
  details = weft_describe_object_at (model, object, end);
  ck_assert_str_eq (line, expected_line);
  ck_assert_str_eq (details, expected_details);

  /* Before anyone took it. */
  {
    g_autoptr(WeftModel) fresh = weft_model_new ();

    weft_model_add_actor (fresh, "Kant");
    weft_model_add_object (fresh, "fork 1", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
    weft_model_set_end (fresh, 1000);
    unused = weft_describe_resource_at (fresh, 0, 500);
    ck_assert_str_eq (unused, "fork 1 — free");
  }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("words");

  setlocale (LC_ALL, "C.UTF-8");
  test_add_case (suite, "cycle-short-and-whole", test_cycle_short_and_whole);
  test_add_case (suite, "cycle-long", test_cycle_long);
  test_add_case (suite, "same-cycle-everywhere", test_same_cycle_everywhere);
  test_add_case (suite, "no-cycle", test_no_cycle);
  test_add_case (suite, "thread-sentences", test_thread_sentences);
  test_add_case (suite, "resource-sentences", test_resource_sentences);
  return test_run_suite (suite);
}

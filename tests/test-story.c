/* test-story.c — the picture tells the lesson's story: a parked thread is labelled with
 * what it is doing in the story and what it will do next ("thinking · next: take the left
 * fork"), timeline bars say "thinking", "eating", "waiting for fork 2", and no word drawn
 * (nor any log sentence) is the name of a gate ("sleep", "start"), for every scenario in
 * step and in run mode. Words are read back from what the renderer drew.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "weft-render.h"
#include "weft-summary.h"
#include "weft-test-model.h"

#define WIDTH  1920
#define HEIGHT 1080

/* Short pauses, so a run-mode run shows every state within a fraction of a second. */
static const struct
{
  const char *id;
  const char *sets[6];
} scenarios[] = {
  { "philosophers", { "think_ms=60", "eat_ms=60", "fork_gap_ms=30", NULL } },
  { "bank", { "gap_ms=40", "rounds=50", NULL } },
  { "tickets", { "delay_ms=40", "tickets=1000", NULL } },
  { "pubsub", { "interval_ms=20", "messages=1000", NULL } },
  { "pubsub", { "mechanism=queue", "capacity=2", "interval_ms=20", "messages=1000", NULL } },
};

/* Words that name a gate, not something of the story. */
static const char * const gate_words[] = { "sleep", "sleeps", "start", "starts", "acquire", NULL };

/* The first gate word in @text, as a whole word, or NULL. */
static const char *
find_gate_word (const char          *text,
                const char * const  *words)
{
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);

  /* Everything but letters separates words. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        g_string_append_unichar (clean, g_unichar_tolower (c));
      else
        g_string_append_c (clean, ' ');
    }
  tokens = g_strsplit (clean->str, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    for (guint j = 0; words[j] != NULL; j++)
      if (g_str_equal (tokens[i], words[j]))
        return words[j];
  return NULL;
}

static void
assert_no_gate_word (const char *where,
                     const char *text,
                     const char * const *words)
{
  const char *found = find_gate_word (text, words);

  ck_assert_msg (found == NULL, "%s: “%s” names a gate (“%s”)", where, text, found);
}

/* The words the timeline (whole run) and the scene (at its end) draw of @model. */
static GPtrArray *
drawn_words (WeftModel *model)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);

  for (guint view_kind = 0; view_kind < 2; view_kind++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);

      weft_render_record_text (cr, texts);
      if (view_kind == 0)
        {
          WeftTimelineView view = { 0 };

          weft_timeline_view_whole (model, &view);
          weft_timeline_draw (cr, model, weft_theme_get (WEFT_THEME_LIGHT), &view, WIDTH, HEIGHT, NULL);
        }
      else
        {
          weft_scene_draw (cr, model, weft_theme_get (WEFT_THEME_LIGHT), weft_model_get_end_ns (model),
                           WIDTH, HEIGHT, 1.0, NULL);
        }
      cairo_destroy (cr);
      /* To look at what was drawn: WEFT_STORY_PNG=DIR. */
      if (g_getenv ("WEFT_STORY_PNG") != NULL)
        {
          static guint n_drawn;
          g_autofree char *name = g_strdup_printf ("story-%02u.png", n_drawn++);
          g_autofree char *path = g_build_filename (g_getenv ("WEFT_STORY_PNG"), name, NULL);

          cairo_surface_write_to_png (surface, path);
        }
      cairo_surface_destroy (surface);
    }
  return texts;
}

static gboolean
words_have (GPtrArray  *texts,
            const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (((WeftRecordedText *) g_ptr_array_index (texts, i))->text, text) != NULL)
      return TRUE;
  return FALSE;
}

/* Every word drawn of @run, every thread's description at the end, and every log
 * sentence: none names a gate. */
static void
assert_story_words (WeftRun    *run,
                    WeftModel  *model,
                    const char *what)
{
  g_autoptr(GPtrArray) texts = drawn_words (model);
  WeftTrace *trace = weft_run_get_trace (run);

  ck_assert_uint_gt (texts->len, 0);
  for (guint i = 0; i < texts->len; i++)
    assert_no_gate_word (what, ((WeftRecordedText *) g_ptr_array_index (texts, i))->text, gate_words);

  for (guint a = 0; a < weft_model_get_n_actors (model); a++)
    {
      guint n;
      const WeftThreadSpan *spans = weft_model_get_thread_spans (model, a, &n);

      for (guint k = 0; k < n; k++)
        {
          g_autofree char *text = weft_describe_thread_span (model, a, &spans[k]);

          assert_no_gate_word (what, text, gate_words);
        }
    }

  /* The log keeps the course's wording ("Kant has acquired the left fork"), and never
   * names a gate. */
  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      static const char * const log_gate_words[] = { "sleep", "sleeps", "start", NULL };
      WeftEvent ev;
      g_autofree char *text = NULL;

      if (!weft_trace_read (trace, i, &ev) || !weft_event_is_logged (run, &ev))
        continue;
      text = weft_event_describe (run, &ev);
      assert_no_gate_word (what, text, log_gate_words);
    }
}

START_TEST (test_step_mode_words)
{
  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_autoptr(WeftRun) run = test_make_run (scenarios[s].id, 1, scenarios[s].sets);
      g_autoptr(WeftModel) model = NULL;
      g_autofree char *what = g_strdup_printf ("%s, step mode", scenarios[s].id);

      weft_run_set_policy (run, WEFT_POLICY_RANDOM);
      test_start (run, WEFT_MODE_STEP);
      model = weft_model_new_for_run (run);
      /* Before any step, after a few, after many. */
      for (guint round = 0; round < 3; round++)
        {
          test_step_to_end (run, round == 0 ? 0 : round == 1 ? 3 : 40);
          weft_model_sync (model, run);
          assert_story_words (run, model, what);
        }
      weft_run_stop (run);
    }
}
END_TEST

START_TEST (test_run_mode_words)
{
  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_autoptr(WeftRun) run = test_make_run (scenarios[s].id, 1, scenarios[s].sets);
      g_autoptr(WeftModel) model = NULL;
      g_autofree char *what = g_strdup_printf ("%s, run mode", scenarios[s].id);

      test_start (run, WEFT_MODE_RUN);
      g_usleep (400 * 1000);
      /* Paused: everyone parks, some in the middle of a pause. */
      weft_run_pause (run);
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      model = weft_model_new_for_run (run);
      weft_model_sync (model, run);
      assert_story_words (run, model, what);
      weft_run_stop (run);
    }
}
END_TEST

/* The philosophers in step mode, before anyone moves: each has thought (at once) and is
 * about to take his left fork, and the picture says so. */
START_TEST (test_parked_philosopher_says_the_story)
{
  static const char * const sets[] = { "strategy=naive", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, sets);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *described = NULL;
  guint n;
  const WeftThreadSpan *spans;

  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);

  spans = weft_model_get_thread_spans (model, 0, &n);
  ck_assert_uint_eq (spans[n - 1].state, WEFT_STATE_PARKED);
  described = weft_describe_parked (model, 0, &spans[n - 1], FALSE);
  ck_assert_str_eq (described, "thinking · next: take the left fork");
  pending = weft_run_describe_pending (run, weft_run_get_actor (run, 0));
  ck_assert_str_eq (pending, "Kant → take the left fork");

  texts = drawn_words (model);
  ck_assert_msg (words_have (texts, "next: take the left fork") && words_have (texts, "thinking"),
                 "the scene does not say what Kant does and will do");

  /* One step: Kant holds his left fork and pauses, as the course says, before the right. */
  ck_assert (weft_run_step (run, weft_run_get_actor (run, 0), NULL));
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  weft_model_sync (model, run);
  spans = weft_model_get_thread_spans (model, 0, &n);
  g_clear_pointer (&described, g_free);
  described = weft_describe_parked (model, 0, &spans[n - 1], FALSE);
  ck_assert_str_eq (described, "pausing · next: take the right fork");
  weft_run_stop (run);
}
END_TEST

/* The bank clerks at the start: "next: read the balance". */
START_TEST (test_parked_clerk_says_the_story)
{
  static const char * const sets[] = { NULL };
  g_autoptr(WeftRun) run = test_make_run ("bank", 1, sets);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) texts = NULL;

  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);
  texts = drawn_words (model);
  ck_assert_msg (words_have (texts, "next: read the balance"), "the scene does not say what a clerk will do");

  ck_assert (weft_run_step (run, weft_run_get_actor (run, 0), NULL));
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  weft_model_sync (model, run);
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = drawn_words (model);
  ck_assert_msg (words_have (texts, "next: write the balance"), "the scene does not say what a clerk will do");
  weft_run_stop (run);
}
END_TEST

/* In run mode thinking and eating are sleeps: the threads' real state is sleeping, with
 * the activity on the timeline's bars, and counted as sleeping in the time in each state. */
START_TEST (test_thinking_is_sleeping)
{
  static const char * const sets[] = { "think_ms=200", "eat_ms=200", "fork_gap_ms=0", "strategy=ordered", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, sets);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  guint64 sleeping = 0, running = 0;

  test_start (run, WEFT_MODE_RUN);
  g_usleep (800 * 1000);
  weft_run_stop (run);
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);

  for (guint a = 0; a < weft_run_get_n_actors (run); a++)
    {
      WeftActor *actor = weft_run_get_actor (run, a);

      sleeping += weft_actor_get_time_in_state (actor, WEFT_STATE_SLEEPING);
      running += weft_actor_get_time_in_state (actor, WEFT_STATE_RUNNING);
    }
  ck_assert_uint_gt (sleeping, 10 * running);

  /* The same in the model the views and the legend read, and in the summary. */
  {
    guint64 model_sleeping = 0, model_running = 0;
    const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
    g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
    g_autoptr(JsonNode) summary = weft_summary_build (run, params);
    JsonArray *threads = json_object_get_array_member (json_node_get_object (summary), "threads");
    double summary_sleeping = 0, summary_running = 0;

    for (guint a = 0; a < weft_model_get_n_actors (model); a++)
      {
        guint64 ns[WEFT_N_STATES];

        weft_model_get_thread_time (model, a, 0, weft_model_get_end_ns (model), ns);
        model_sleeping += ns[WEFT_STATE_SLEEPING];
        model_running += ns[WEFT_STATE_RUNNING];
      }
    ck_assert_uint_gt (model_sleeping, 10 * model_running);

    for (guint a = 0; a < json_array_get_length (threads); a++)
      {
        JsonObject *times = json_object_get_object_member (json_array_get_object_element (threads, a), "time_ms");

        summary_sleeping += json_object_get_double_member (times, "sleeping");
        summary_running += json_object_get_double_member (times, "running");
      }
    ck_assert (summary_sleeping > 10 * summary_running);
  }

  texts = drawn_words (model);
  ck_assert_msg (words_have (texts, "thinking"), "no bar says thinking");
  ck_assert_msg (words_have (texts, "eating"), "no bar says eating");
}
END_TEST

/* The pause between the two forks is a sleep of the story too: its bar says "pausing",
 * and no sleeping span of a philosopher is left without its words (a philosopher holding
 * fork 2 was an unnamed blue bar). */
START_TEST (test_pause_between_forks_is_named)
{
  static const char * const sets[] = { "think_ms=100", "eat_ms=100", "fork_gap_ms=300", "strategy=ordered", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, sets);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  guint n_sleeps = 0;

  test_start (run, WEFT_MODE_RUN);
  g_usleep (900 * 1000);
  weft_run_stop (run);
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);

  for (guint a = 0; a < weft_model_get_n_actors (model); a++)
    {
      guint n;
      const WeftThreadSpan *spans = weft_model_get_thread_spans (model, a, &n);

      for (guint k = 0; k < n; k++)
        if (spans[k].state == WEFT_STATE_SLEEPING)
          {
            ck_assert_msg (weft_model_get_activity (model, spans[k].detail) != NULL,
                           "%s sleeps at %" G_GUINT64_FORMAT " ns with no words",
                           weft_model_get_actor_name (model, a), spans[k].start_ns);
            n_sleeps++;
          }
    }
  ck_assert_uint_gt (n_sleeps, 5);
  texts = drawn_words (model);
  ck_assert_msg (words_have (texts, "pausing"), "no bar says pausing");
}
END_TEST

/* The naive table's deadlock: the blocked bars say what each waits for. */
START_TEST (test_blocked_bars_say_what_they_wait_for)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autoptr(GPtrArray) texts = drawn_words (model);

  ck_assert_msg (words_have (texts, "waiting for fork"), "no blocked bar says what it waits for");
}
END_TEST

/* Each scenario's first step is an operation of the lesson: before it, every thread is
 * parked at one (never at its start or a pause), and the step performs it. */
START_TEST (test_first_step_is_of_the_lesson)
{
  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      static const char * const defaults[] = { NULL };
      g_autoptr(WeftRun) run = test_make_run (scenarios[s].id, 1, s < 4 ? defaults : scenarios[s].sets);
      guint64 before;
      WeftEvent ev;

      test_start (run, WEFT_MODE_STEP);
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      for (guint a = 0; a < weft_run_get_n_actors (run); a++)
        {
          WeftActor *actor = weft_run_get_actor (run, a);
          WeftOp op = weft_actor_get_pending_op (actor);

          ck_assert_msg (weft_actor_get_state (actor) == WEFT_STATE_PARKED, "%s: %s is not parked",
                         scenarios[s].id, weft_actor_get_name (actor));
          ck_assert_msg (op != WEFT_OP_START && op != WEFT_OP_SLEEP && op != WEFT_OP_NONE,
                         "%s: %s waits at its %s", scenarios[s].id, weft_actor_get_name (actor),
                         weft_op_to_string (op));
        }

      before = weft_trace_get_n_events (weft_run_get_trace (run));
      ck_assert (weft_run_step (run, NULL, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      ck_assert (test_find_event (run, WEFT_EVENT_STEP, 0, &ev, NULL));
      ck_assert (ev.aux != WEFT_OP_START && ev.aux != WEFT_OP_SLEEP);
      /* Something of the lesson happened: an event other than a thread's state. */
      {
        WeftTrace *trace = weft_run_get_trace (run);
        gboolean did = FALSE;

        for (guint64 i = before; i < weft_trace_get_n_events (trace); i++)
          {
            WeftEvent e;

            if (weft_trace_read (trace, i, &e) && e.kind != WEFT_EVENT_STATE && e.kind != WEFT_EVENT_STEP)
              did = TRUE;
          }
        ck_assert_msg (did, "%s: the first step did nothing of the lesson", scenarios[s].id);
      }
      weft_run_stop (run);
    }
}
END_TEST

/* The steps a run took: (actor, operation, object) of each STEP event. */
static GArray *
step_sequence (WeftRun *run)
{
  WeftTrace *trace = weft_run_get_trace (run);
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (weft_trace_read (trace, i, &ev) && ev.kind == WEFT_EVENT_STEP)
        {
          guint64 step = ((guint64) ev.actor << 32) | ((guint64) ev.aux << 16) | ev.object;

          g_array_append_val (steps, step);
        }
    }
  return steps;
}

/* Replay stays exact: the same seed and the random policy take the same steps, now that
 * pauses pass within a step. */
START_TEST (test_stepping_is_deterministic)
{
  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_autoptr(GArray) first = NULL;

      for (guint attempt = 0; attempt < 2; attempt++)
        {
          g_autoptr(WeftRun) run = test_make_run (scenarios[s].id, 7, scenarios[s].sets);
          g_autoptr(GArray) steps = NULL;

          weft_run_set_policy (run, WEFT_POLICY_RANDOM);
          test_start (run, WEFT_MODE_STEP);
          test_step_to_end (run, 150);
          weft_run_stop (run);
          steps = step_sequence (run);
          ck_assert_uint_gt (steps->len, 0);
          if (first == NULL)
            {
              first = g_steal_pointer (&steps);
              continue;
            }
          ck_assert_uint_eq (steps->len, first->len);
          ck_assert_msg (memcmp (steps->data, first->data, steps->len * sizeof (guint64)) == 0,
                         "%s: the same seed took other steps", scenarios[s].id);
        }
    }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("story");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "first-step-is-of-the-lesson", test_first_step_is_of_the_lesson);
  test_add_case (suite, "stepping-is-deterministic", test_stepping_is_deterministic);
  test_add_case (suite, "step-mode-words", test_step_mode_words);
  test_add_case (suite, "run-mode-words", test_run_mode_words);
  test_add_case (suite, "parked-philosopher-says-the-story", test_parked_philosopher_says_the_story);
  test_add_case (suite, "parked-clerk-says-the-story", test_parked_clerk_says_the_story);
  test_add_case (suite, "thinking-is-sleeping", test_thinking_is_sleeping);
  test_add_case (suite, "pause-between-forks-is-named", test_pause_between_forks_is_named);
  test_add_case (suite, "blocked-bars-say-what-they-wait-for", test_blocked_bars_say_what_they_wait_for);

  return test_run_suite (suite);
}

/* test-params.c — scenario parameters: defaults, parsing, and errors that name what was
 * wrong and what is allowed; the scenarios' texts about them (lessons in the panel's words,
 * descriptions and slide subtitles that follow the values, the exact line for metadata).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "weft-test-scenario.h"


static const char * const colours[] = { "red", "green", NULL };

static const WeftParamSpec specs[] = {
  { "count", WEFT_PARAM_INT, "How many", 2, 1000, 5, NULL },
  { "colour", WEFT_PARAM_CHOICE, "Which colour", 0, 0, 1, colours },
};

START_TEST (test_defaults)
{
  g_autoptr(WeftParams) params = weft_params_new (specs, G_N_ELEMENTS (specs));
  g_autofree char *count = weft_params_dup_string (params, "count");

  ck_assert_int_eq (weft_params_get_int (params, "count"), 5);
  ck_assert_str_eq (weft_params_get_choice (params, "colour"), "green");
  ck_assert_uint_eq (weft_params_get_choice_index (params, "colour"), 1);
  ck_assert_str_eq (count, "5");
  ck_assert_uint_eq (weft_params_get_n_specs (params), 2);
}
END_TEST

START_TEST (test_parse_ok)
{
  g_autoptr(WeftParams) params = weft_params_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(GError) error = NULL;

  ck_assert (weft_params_parse (params, "count=1000", &error));
  ck_assert (weft_params_parse (params, "colour=red", &error));
  ck_assert (weft_params_parse (params, "count=2", &error));
  ck_assert_ptr_null (error);
  ck_assert_int_eq (weft_params_get_int (params, "count"), 2);
  ck_assert_str_eq (weft_params_get_choice (params, "colour"), "red");
}
END_TEST

static void
assert_parse_fails (const char *assignment,
                    WeftError   code,
                    const char *must_mention_1,
                    const char *must_mention_2)
{
  g_autoptr(WeftParams) params = weft_params_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(GError) error = NULL;

  ck_assert_msg (!weft_params_parse (params, assignment, &error), "“%s” was accepted", assignment);
  ck_assert (g_error_matches (error, WEFT_ERROR, code));
  ck_assert_msg (strstr (error->message, must_mention_1) != NULL, "“%s” does not mention %s", error->message, must_mention_1);
  ck_assert_msg (strstr (error->message, must_mention_2) != NULL, "“%s” does not mention %s", error->message, must_mention_2);
  /* Nothing changed. */
  ck_assert_int_eq (weft_params_get_int (params, "count"), 5);
  ck_assert_str_eq (weft_params_get_choice (params, "colour"), "green");
}

START_TEST (test_errors)
{
  assert_parse_fails ("size=3", WEFT_ERROR_UNKNOWN_PARAMETER, "size", "count, colour");
  assert_parse_fails ("count=1", WEFT_ERROR_OUT_OF_RANGE, "count", "2 to 1000");
  assert_parse_fails ("count=1001", WEFT_ERROR_OUT_OF_RANGE, "1001", "2 to 1000");
  assert_parse_fails ("count=99999999999999999999", WEFT_ERROR_OUT_OF_RANGE, "count", "2 to 1000");
  assert_parse_fails ("count=abc", WEFT_ERROR_INVALID_VALUE, "abc", "2 to 1000");
  assert_parse_fails ("count=5x", WEFT_ERROR_INVALID_VALUE, "5x", "whole number");
  assert_parse_fails ("count=", WEFT_ERROR_INVALID_VALUE, "count", "whole number");
  assert_parse_fails ("colour=blue", WEFT_ERROR_INVALID_VALUE, "blue", "red, green");
  assert_parse_fails ("count", WEFT_ERROR_INVALID_VALUE, "count", "KEY=VALUE");
  assert_parse_fails ("=3", WEFT_ERROR_INVALID_VALUE, "=3", "KEY=VALUE");
}
END_TEST

/* A scenario's parameters with the "KEY=VALUE" assignments of @sets (NULL-terminated). */
static WeftParams *
scenario_params (const WeftScenario *scenario,
                 const char * const *sets)
{
  WeftParams *params = weft_params_new (scenario->params, scenario->n_params);

  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    ck_assert_msg (weft_params_parse (params, sets[i], NULL), "%s", sets[i]);
  return params;
}

/* Fails if @text names a parameter or a choice the way weft-cli does ("sync=none",
 * "(ordered)", "“none”") rather than by the panel's labels. */
static void
assert_panel_words (const WeftScenario *scenario,
                    const char         *what,
                    const char         *text)
{
  static const char * const policies[] = { "round-robin", NULL };

  for (guint i = 0; i < scenario->n_params; i++)
    {
      const WeftParamSpec *spec = &scenario->params[i];
      g_autofree char *key = g_strconcat (spec->name, "=", NULL);

      ck_assert_msg (strstr (text, key) == NULL, "%s's %s names “%s”: %s", scenario->id, what, key, text);
      for (guint c = 0; spec->choices != NULL && spec->choices[c] != NULL; c++)
        {
          const char *id = spec->choices[c];
          g_autofree char *assigned = g_strconcat ("=", id, NULL);
          g_autofree char *bracketed = g_strconcat ("(", id, ")", NULL);
          g_autofree char *quoted = g_strconcat ("“", id, "”", NULL);
          g_autofree char *straight = g_strconcat ("\"", id, "\"", NULL);

          ck_assert_msg (strstr (text, assigned) == NULL && strstr (text, bracketed) == NULL &&
                         strstr (text, quoted) == NULL && strstr (text, straight) == NULL,
                         "%s's %s names the choice “%s” by its id: %s", scenario->id, what, id, text);
        }
    }
  for (guint i = 0; policies[i] != NULL; i++)
    ck_assert_msg (strstr (text, policies[i]) == NULL, "%s's %s names “%s”: %s",
                   scenario->id, what, policies[i], text);
}

/* Blanks around a name or a value are read the same way wherever they are: "count=5 "
 * was refused while "count= 5" was taken. */
START_TEST (test_blanks_are_ignored_alike)
{
  static const char * const counts[] = { "count=7", "count=7 ", "count= 7", " count = 7 ", "count=\t7" };
  static const char * const colours_set[] = { "colour=red", "colour=red ", "colour= red", " colour =red" };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(WeftParams) params = weft_params_new (specs, G_N_ELEMENTS (specs));
      g_autoptr(GError) error = NULL;

      ck_assert_msg (weft_params_parse (params, counts[i], &error), "“%s”: %s", counts[i],
                     error != NULL ? error->message : "");
      ck_assert_int_eq (weft_params_get_int (params, "count"), 7);
    }
  for (guint i = 0; i < G_N_ELEMENTS (colours_set); i++)
    {
      g_autoptr(WeftParams) params = weft_params_new (specs, G_N_ELEMENTS (specs));
      g_autoptr(GError) error = NULL;

      ck_assert_msg (weft_params_parse (params, colours_set[i], &error), "“%s”: %s", colours_set[i],
                     error != NULL ? error->message : "");
      ck_assert_str_eq (weft_params_get_choice (params, "colour"), "red");
    }
  /* A blank inside a value is still a mistake. */
  assert_parse_fails ("count=7 7", WEFT_ERROR_INVALID_VALUE, "count", "2 to 1000");
}
END_TEST

START_TEST (test_texts_use_panel_words)
{
  const WeftScenario * const *scenarios;
  guint n;

  scenarios = weft_scenarios_get_all (&n);
  ck_assert_uint_ge (n, 4);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *description = weft_scenario_describe (scenarios[i], NULL);

      assert_panel_words (scenarios[i], "lesson", scenarios[i]->lesson);
      assert_panel_words (scenarios[i], "description", scenarios[i]->description);
      assert_panel_words (scenarios[i], "description", description);
      /* The panel shows an integer's summary as its row's title. */
      for (guint k = 0; k < scenarios[i]->n_params; k++)
        if (scenarios[i]->params[k].type == WEFT_PARAM_INT)
          assert_panel_words (scenarios[i], "row title", scenarios[i]->params[k].summary);
    }
}
END_TEST

/* At the defaults the description is the course's; it follows the counts. */
START_TEST (test_description_follows_the_counts)
{
  static const struct { const char *id; const char *sets[3]; const char *expected; } cases[] = {
    { "philosophers", { NULL }, "5 philosophers sit around a table" },
    { "philosophers", { "count=1000", NULL }, "1000 philosophers sit around a table" },
    { "bank", { NULL }, "The account holds 2000. 1 depositor adds a bonus of 5000. 1 withdrawer pays 1000 of rent." },
    { "bank", { "depositors=3", "withdrawers=0" }, "The account holds 2000. 3 depositors each add a bonus of 5000. Nobody withdraws." },
    { "tickets", { NULL }, "4 sellers sell 10 tickets." },
    { "tickets", { "sellers=1", "tickets=1" }, "1 seller sells 1 ticket." },
    { "pubsub", { NULL }, "1 publisher appends random integers from 0 to 1000 to a list and notifies a condition. 2 subscribers wait" },
    { "pubsub", { "publishers=3", "subscribers=1" }, "3 publishers append random integers from 0 to 1000 to a list and notify a condition. 1 subscriber waits" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const WeftScenario *scenario = weft_scenarios_lookup (cases[i].id);
      g_autoptr(WeftParams) params = scenario_params (scenario, cases[i].sets);
      g_autofree char *text = weft_scenario_describe (scenario, params);

      ck_assert_msg (g_str_has_prefix (text, cases[i].expected), "%s: “%s”", cases[i].id, text);
    }
}
END_TEST

/* What an exported page says under its title: words, numbers in digits, plural forms. */
START_TEST (test_subtitle_in_words)
{
  static const struct { const char *id; const char *sets[4]; const char *expected; } cases[] = {
    { "philosophers", { NULL }, "5 philosophers · naive strategy" },
    { "philosophers", { "count=1000", "strategy=waiter", "meals=1" }, "1000 philosophers · a waiter · 1 meal each" },
    { "philosophers", { "strategy=ordered", "meals=3" }, "5 philosophers · ordered forks · 3 meals each" },
    { "philosophers", { "strategy=trylock" }, "5 philosophers · try, then put back" },
    { "bank", { NULL }, "1 depositor, 1 withdrawer · no lock" },
    { "bank", { "depositors=2", "withdrawers=0", "sync=lock" }, "2 depositors, 0 withdrawers · with a lock" },
    { "bank", { "rounds=5" }, "1 depositor, 1 withdrawer · 5 rounds each · no lock" },
    { "tickets", { NULL }, "4 sellers, 10 tickets · a semaphore" },
    { "tickets", { "sellers=1", "tickets=1", "sync=none" }, "1 seller, 1 ticket · no semaphore" },
    { "tickets", { "sync=bounded" }, "4 sellers, 10 tickets · a bounded semaphore" },
    { "pubsub", { NULL }, "1 publisher, 2 subscribers · 10 messages each · a condition" },
    { "pubsub", { "publishers=2", "subscribers=1", "messages=1" }, "2 publishers, 1 subscriber · 1 message each · a condition" },
    { "pubsub", { "mechanism=queue", "queue_kind=lifo", "capacity=3" }, "1 publisher, 2 subscribers · 10 messages each · LIFO queue (room for 3)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const WeftScenario *scenario = weft_scenarios_lookup (cases[i].id);
      g_autoptr(WeftParams) params = scenario_params (scenario, cases[i].sets);
      g_autofree char *words = weft_scenario_describe_params (scenario, params);
      g_autoptr(WeftRun) run = weft_scenario_create_run (scenario, params, 1, NULL);
      g_autofree char *setup = NULL;
      g_autofree char *expected = g_strconcat (cases[i].expected, " · seed 1 · free run", NULL);

      ck_assert_str_eq (words, cases[i].expected);
      ck_assert_ptr_nonnull (run);
      setup = weft_run_describe_setup (run, params);
      ck_assert_str_eq (setup, expected);
      assert_panel_words (scenario, "subtitle", setup);
    }
}
END_TEST

/* Stepped runs say so; the exact line for a file's metadata names everything. */
START_TEST (test_setup_of_a_stepped_run)
{
  static const char * const sets[] = { "count=7", "strategy=ordered", NULL };
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = scenario_params (scenario, sets);
  g_autoptr(WeftRun) run = weft_scenario_create_run (scenario, params, 42, NULL);
  g_autofree char *setup = NULL;
  g_autofree char *exact = NULL;

  ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
  setup = weft_run_describe_setup (run, params);
  ck_assert_str_eq (setup, "7 philosophers · ordered forks · seed 42 · stepped");
  exact = weft_run_describe_parameters (run, params);
  ck_assert_str_eq (exact, "scenario=philosophers count=7 strategy=ordered think_ms=5000 eat_ms=1000 "
                           "fork_gap_ms=5000 meals=0 seed=42 mode=step policy=round-robin");

  weft_run_set_policy (run, WEFT_POLICY_RANDOM);
  g_clear_pointer (&setup, g_free);
  g_clear_pointer (&exact, g_free);
  setup = weft_run_describe_setup (run, params);
  ck_assert_str_eq (setup, "7 philosophers · ordered forks · seed 42 · stepped at random");
  exact = weft_run_describe_parameters (run, params);
  ck_assert (g_str_has_suffix (exact, " seed=42 mode=step policy=random"));
  weft_run_stop (run);
}
END_TEST

/* A scenario without words of its own: the panel's label and value of what was changed. */
START_TEST (test_generic_subtitle)
{
  static const char * const colour_labels[] = { "Red", "Green", NULL };
  static const WeftParamSpec labelled[] = {
    { "count", WEFT_PARAM_INT, "How many", 2, 1000, 5, NULL },
    { "colour", WEFT_PARAM_CHOICE, "Which colour", 0, 0, 1, colours, colour_labels, "Colour" },
  };
  static const WeftScenario plain = {
    .id = "plain", .title = "Plain", .description = "A plain scenario.", .lesson = "",
    .params = labelled, .n_params = G_N_ELEMENTS (labelled),
  };
  g_autoptr(WeftParams) params = weft_params_new (labelled, G_N_ELEMENTS (labelled));
  g_autofree char *none = weft_scenario_describe_params (&plain, params);
  g_autofree char *some = NULL;
  g_autofree char *description = weft_scenario_describe (&plain, params);

  ck_assert_str_eq (none, "");
  ck_assert_str_eq (description, "A plain scenario.");
  ck_assert (weft_params_parse (params, "count=9", NULL));
  ck_assert (weft_params_parse (params, "colour=red", NULL));
  some = weft_scenario_describe_params (&plain, params);
  ck_assert_str_eq (some, "How many: 9, Colour: Red");
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("params");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "defaults", test_defaults);
  test_add_case (suite, "parse-ok", test_parse_ok);
  test_add_case (suite, "errors", test_errors);
  test_add_case (suite, "blanks-are-ignored-alike", test_blanks_are_ignored_alike);
  test_add_case (suite, "texts-use-panel-words", test_texts_use_panel_words);
  test_add_case (suite, "description-follows-the-counts", test_description_follows_the_counts);
  test_add_case (suite, "subtitle-in-words", test_subtitle_in_words);
  test_add_case (suite, "setup-of-a-stepped-run", test_setup_of_a_stepped_run);
  test_add_case (suite, "generic-subtitle", test_generic_subtitle);

  return test_run_suite (suite);
}

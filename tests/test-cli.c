/* test-cli.c — weft-cli as scripts use it: the real program, its exit status, its
 * messages and its summary JSON. The program's path comes from $WEFT_CLI.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "weft-test-util.h"

typedef struct
{
  int     status;
  char   *out;
  char   *err;
  gint64  wall_us;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs weft-cli with the NULL-terminated arguments. */
static void
run_cli (Result     *r,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("WEFT_CLI");
  const char *arg;
  va_list args;
  gint64 start;
  int wait_status;

  ck_assert_msg (cli != NULL, "WEFT_CLI is not set");
  envp = g_environ_setenv (envp, "LC_ALL", "C", TRUE);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  ck_assert (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                           &r->out, &r->err, &wait_status, &error));
  r->wall_us = g_get_monotonic_time () - start;
  ck_assert (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static JsonObject *
parse_summary (JsonParser *parser,
               const char *text)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (json_parser_load_from_data (parser, text, -1, &error), "not JSON: %s", text);
  ck_assert (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

START_TEST (test_naive_step_deadlocks_every_time)
{
  static const char * const expected[] = {
    "Kant", "fork 2", "Aristotle", "fork 3", "Spinoza", "fork 4", "Marx", "fork 5", "Russell", "fork 1",
  };

  for (guint k = 0; k < 5; k++)
    {
      g_auto(Result) r = { 0 };
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *summary;
      JsonArray *cycle;

      run_cli (&r, "run", "philosophers", "--set", "strategy=naive", "--mode", "step",
               "--policy", "round-robin", "--summary", "-", NULL);
      ck_assert_int_eq (r.status, 0);
      summary = parse_summary (parser, r.out);
      ck_assert_str_eq (json_object_get_string_member (summary, "outcome"), "deadlock");
      ck_assert_str_eq (json_object_get_string_member (summary, "mode"), "step");
      cycle = json_object_get_array_member (json_object_get_object_member (summary, "deadlock"), "cycle");
      ck_assert_uint_eq (json_array_get_length (cycle), G_N_ELEMENTS (expected));
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        ck_assert_str_eq (json_array_get_string_element (cycle, i), expected[i]);
    }
}
END_TEST

START_TEST (test_ordered_everyone_eats)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *summary;
  JsonArray *meals;

  run_cli (&r, "run", "philosophers", "--set", "strategy=ordered", "--set", "think_ms=5",
           "--set", "eat_ms=5", "--set", "fork_gap_ms=5", "--duration", "3", "--summary", "-", NULL);
  ck_assert_int_eq (r.status, 0);
  summary = parse_summary (parser, r.out);
  ck_assert_str_ne (json_object_get_string_member (summary, "outcome"), "deadlock");
  ck_assert (json_object_get_null_member (summary, "deadlock"));
  meals = json_object_get_array_member (json_object_get_object_member (summary, "metrics"), "meals");
  ck_assert_uint_eq (json_array_get_length (meals), 5);
  for (guint i = 0; i < 5; i++)
    ck_assert_int_gt (json_array_get_int_element (meals, i), 0);
}
END_TEST

START_TEST (test_duration_bounds_the_run)
{
  g_auto(Result) r = { 0 };

  /* Deadlocked or not, the run stops on time and every thread is joined. */
  run_cli (&r, "run", "philosophers", "--set", "strategy=naive", "--set", "fork_gap_ms=300",
           "--duration", "2", NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert_msg (r.wall_us < 3 * G_USEC_PER_SEC, "took %" G_GINT64_FORMAT " µs", r.wall_us);
  ck_assert (strstr (r.out, "Deadlock") != NULL || strstr (r.out, "Stopped") != NULL);
}
END_TEST

START_TEST (test_summary_fields)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *summary, *params, *thread, *time_ms;
  JsonArray *threads;

  run_cli (&r, "run", "philosophers", "--set", "count=7", "--set", "strategy=waiter",
           "--set", "meals=2", "--set", "think_ms=1", "--set", "eat_ms=1", "--set", "fork_gap_ms=1",
           "--seed", "1234", "--summary", "-", NULL);
  ck_assert_int_eq (r.status, 0);
  summary = parse_summary (parser, r.out);

  ck_assert_str_eq (json_object_get_string_member (summary, "scenario"), "philosophers");
  ck_assert_int_eq (json_object_get_int_member (summary, "seed"), 1234);
  ck_assert_str_eq (json_object_get_string_member (summary, "mode"), "run");
  ck_assert_str_eq (json_object_get_string_member (summary, "outcome"), "completed");
  ck_assert (json_object_get_double_member (summary, "elapsed_ms") > 0);
  ck_assert_int_gt (json_object_get_int_member (summary, "events"), 0);

  /* Every parameter, with its effective value. */
  params = json_object_get_object_member (summary, "params");
  ck_assert_int_eq (json_object_get_int_member (params, "count"), 7);
  ck_assert_str_eq (json_object_get_string_member (params, "strategy"), "waiter");
  ck_assert_int_eq (json_object_get_int_member (params, "eat_ms"), 1);
  ck_assert_int_eq (json_object_get_int_member (params, "meals"), 2);
  ck_assert_uint_eq (json_object_get_size (params), 6);

  threads = json_object_get_array_member (summary, "threads");
  ck_assert_uint_eq (json_array_get_length (threads), 7);
  thread = json_array_get_object_element (threads, 0);
  ck_assert_str_eq (json_object_get_string_member (thread, "name"), "Kant");
  ck_assert_str_eq (json_object_get_string_member (thread, "state"), "done");
  ck_assert_int_gt (json_object_get_int_member (thread, "operations"), 0);
  time_ms = json_object_get_object_member (thread, "time_ms");
  ck_assert (json_object_has_member (time_ms, "running"));
  ck_assert (json_object_has_member (time_ms, "blocked"));
  ck_assert (json_object_get_null_member (summary, "deadlock"));
}
END_TEST

START_TEST (test_summary_to_file)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "summary.json", NULL);
  g_autofree char *contents = NULL;

  run_cli (&r, "run", "philosophers", "--mode", "step", "--summary", path, NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert (g_file_get_contents (path, &contents, NULL, NULL));
  ck_assert_str_eq (json_object_get_string_member (parse_summary (parser, contents), "outcome"), "deadlock");
  /* Without "-", a one-line result goes to standard output. */
  ck_assert (strstr (r.out, "Deadlock after") != NULL);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

static void
assert_usage_error (const char *mention_1,
                    const char *mention_2,
                    const char *first,
                    ...)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  while (args->len < 8)
    g_ptr_array_add (args, NULL);

  run_cli (&r, g_ptr_array_index (args, 0), g_ptr_array_index (args, 1), g_ptr_array_index (args, 2),
           g_ptr_array_index (args, 3), g_ptr_array_index (args, 4), g_ptr_array_index (args, 5),
           g_ptr_array_index (args, 6), NULL);
  ck_assert_msg (r.status == 2, "exit %d for %s: %s", r.status, first, r.err);
  ck_assert_msg (strstr (r.err, mention_1) != NULL, "“%s” does not name %s", r.err, mention_1);
  ck_assert_msg (strstr (r.err, mention_2) != NULL, "“%s” does not say %s", r.err, mention_2);
  ck_assert_str_eq (r.out, "");
}

START_TEST (test_bad_usage_exits_2)
{
  assert_usage_error ("nope", "philosophers", "run", "nope", NULL);
  assert_usage_error ("bogus", "count", "run", "philosophers", "--set", "bogus=1", NULL);
  assert_usage_error ("count", "2 to 1000", "run", "philosophers", "--set", "count=1", NULL);
  assert_usage_error ("count", "2 to 1000", "run", "philosophers", "--set", "count=1001", NULL);
  assert_usage_error ("abc", "whole number", "run", "philosophers", "--set", "count=abc", NULL);
  assert_usage_error ("fast", "naive, ordered, waiter, trylock", "run", "philosophers", "--set", "strategy=fast", NULL);
  assert_usage_error ("walk", "run or step", "run", "philosophers", "--mode", "walk", NULL);
  assert_usage_error ("fifo", "round-robin or random", "run", "philosophers", "--policy", "fifo", NULL);
  assert_usage_error ("-1", "more than 0", "run", "philosophers", "--duration", "-1", NULL);
  assert_usage_error ("frob", "list and run", "frob", NULL);
}
END_TEST

START_TEST (test_unwritable_summary_exits_1)
{
  g_auto(Result) r = { 0 };

  run_cli (&r, "run", "philosophers", "--summary", "/nonexistent-dir/summary.json", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert (strstr (r.err, "/nonexistent-dir/summary.json") != NULL);
  ck_assert (strstr (r.err, "No such file or directory") != NULL);
  /* It failed before running: no ten-second wait for nothing. */
  ck_assert (r.wall_us < 2 * G_USEC_PER_SEC);
}
END_TEST

START_TEST (test_list_json)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *scenarios, *params;
  JsonObject *philosophers = NULL;
  gboolean found_strategy = FALSE;

  run_cli (&r, "list", "--json", NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert (json_parser_load_from_data (parser, r.out, -1, &error));
  scenarios = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (scenarios); i++)
    {
      JsonObject *s = json_array_get_object_element (scenarios, i);

      if (g_str_equal (json_object_get_string_member (s, "id"), "philosophers"))
        philosophers = s;
    }
  ck_assert_ptr_nonnull (philosophers);
  ck_assert (strlen (json_object_get_string_member (philosophers, "lesson")) > 20);

  params = json_object_get_array_member (philosophers, "params");
  for (guint i = 0; i < json_array_get_length (params); i++)
    {
      JsonObject *p = json_array_get_object_element (params, i);
      const char *name = json_object_get_string_member (p, "name");

      if (g_str_equal (name, "count"))
        {
          ck_assert_str_eq (json_object_get_string_member (p, "type"), "int");
          ck_assert_int_eq (json_object_get_int_member (p, "default"), 5);
          ck_assert_int_eq (json_object_get_int_member (p, "min"), 2);
          ck_assert_int_eq (json_object_get_int_member (p, "max"), 1000);
        }
      if (g_str_equal (name, "strategy"))
        {
          found_strategy = TRUE;
          ck_assert_str_eq (json_object_get_string_member (p, "type"), "choice");
          ck_assert_str_eq (json_object_get_string_member (p, "default"), "naive");
          ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (p, "choices")), 4);
        }
    }
  ck_assert (found_strategy);
}
END_TEST

/* A thousand philosophers on two cores: the run goes its three seconds, nobody deadlocks,
 * and every philosopher gets to eat. */
/* A thousand threads run, share their forks and all eat: the command of issue 3. Before
 * woken actors were let back into the monitor first, 1–2 % of them starved here. */
START_TEST (test_thousand_philosophers_all_eat)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *summary;
  JsonArray *meals;
  guint hungry = 0;
  gint64 least = G_MAXINT64;

  run_cli (&r, "run", "philosophers", "--set", "count=1000", "--set", "strategy=ordered",
           "--set", "think_ms=1", "--set", "eat_ms=1", "--set", "fork_gap_ms=0",
           "--duration", "3", "--summary", "-", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  summary = parse_summary (parser, r.out);
  ck_assert_str_ne (json_object_get_string_member (summary, "outcome"), "deadlock");
  ck_assert (json_object_get_null_member (summary, "deadlock"));
  ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (summary, "threads")), 1000);
  meals = json_object_get_array_member (json_object_get_object_member (summary, "metrics"), "meals");
  ck_assert_uint_eq (json_array_get_length (meals), 1000);
  for (guint i = 0; i < 1000; i++)
    {
      gint64 n = json_array_get_int_element (meals, i);

      least = MIN (least, n);
      if (n < 1)
        hungry++;
    }
  ck_assert_msg (hungry == 0, "%u of the 1000 philosophers never ate in 3 s (fewest meals: %" G_GINT64_FORMAT ")",
                 hungry, least);
}
END_TEST

typedef struct
{
  const char         *id;
  const char * const *params;   /* the names DESIGN.md lists */
} ExpectedScenario;

static const char * const philosophers_params[] = {
  "count", "strategy", "think_ms", "eat_ms", "fork_gap_ms", "meals", NULL
};
static const char * const bank_params[] = {
  "depositors", "withdrawers", "rounds", "initial", "deposit", "withdraw", "sync", "gap_ms", NULL
};
static const char * const tickets_params[] = { "sellers", "tickets", "sync", "delay_ms", NULL };
static const char * const pubsub_params[] = {
  "publishers", "subscribers", "messages", "interval_ms", "mechanism", "queue_kind", "capacity", NULL
};

static const ExpectedScenario expected_scenarios[] = {
  { "philosophers", philosophers_params },
  { "bank", bank_params },
  { "tickets", tickets_params },
  { "pubsub", pubsub_params },
};

static JsonObject *
find_param (JsonArray  *params,
            const char *name)
{
  for (guint i = 0; i < json_array_get_length (params); i++)
    {
      JsonObject *p = json_array_get_object_element (params, i);

      if (g_strcmp0 (json_object_get_string_member (p, "name"), name) == 0)
        return p;
    }

  return NULL;
}

static gboolean
has_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         strlen (json_node_get_string (node)) > 0;
}

static gboolean
has_int_member (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* A choice parameter's choices, in order, joined with commas. */
static char *
join_choices (JsonObject *param)
{
  JsonArray *choices = json_object_get_array_member (param, "choices");
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (choices); i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "," : "", json_array_get_string_element (choices, i));
  return g_strdup (joined->str);
}

START_TEST (test_list_json_all_scenarios)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *scenarios;

  run_cli (&r, "list", "--json", NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert_msg (json_parser_load_from_data (parser, r.out, -1, &error), "not JSON: %s", r.out);
  ck_assert (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  scenarios = json_node_get_array (json_parser_get_root (parser));

  /* Exactly the four scenarios, each once. */
  ck_assert_uint_eq (json_array_get_length (scenarios), G_N_ELEMENTS (expected_scenarios));
  for (guint k = 0; k < G_N_ELEMENTS (expected_scenarios); k++)
    {
      const ExpectedScenario *want = &expected_scenarios[k];
      JsonObject *scenario = NULL;
      JsonArray *params;

      for (guint i = 0; i < json_array_get_length (scenarios); i++)
        {
          JsonObject *s = json_array_get_object_element (scenarios, i);

          if (g_strcmp0 (json_object_get_string_member (s, "id"), want->id) == 0)
            {
              ck_assert_msg (scenario == NULL, "%s is listed twice", want->id);
              scenario = s;
            }
        }
      ck_assert_msg (scenario != NULL, "%s is not listed", want->id);

      ck_assert_msg (has_string_member (scenario, "title"), "%s: no title", want->id);
      ck_assert_msg (has_string_member (scenario, "description"), "%s: no description", want->id);
      ck_assert_msg (has_string_member (scenario, "lesson"), "%s: no lesson", want->id);
      ck_assert (json_object_has_member (scenario, "params"));
      params = json_object_get_array_member (scenario, "params");

      /* Every parameter is fully described. */
      for (guint i = 0; i < json_array_get_length (params); i++)
        {
          JsonObject *p = json_array_get_object_element (params, i);
          const char *name, *type;

          ck_assert_msg (has_string_member (p, "name"), "%s: parameter %u has no name", want->id, i);
          name = json_object_get_string_member (p, "name");
          ck_assert_msg (has_string_member (p, "summary"), "%s.%s: no summary", want->id, name);
          ck_assert_msg (has_string_member (p, "type"), "%s.%s: no type", want->id, name);
          type = json_object_get_string_member (p, "type");

          if (g_str_equal (type, "int"))
            {
              gint64 def, min, max;

              ck_assert_msg (has_int_member (p, "default") && has_int_member (p, "min") && has_int_member (p, "max"),
                             "%s.%s: an int needs default, min and max", want->id, name);
              def = json_object_get_int_member (p, "default");
              min = json_object_get_int_member (p, "min");
              max = json_object_get_int_member (p, "max");
              ck_assert_msg (min <= def && def <= max, "%s.%s: default %" G_GINT64_FORMAT " outside %"
                             G_GINT64_FORMAT "–%" G_GINT64_FORMAT, want->id, name, def, min, max);
            }
          else
            {
              JsonArray *choices;
              gboolean default_is_a_choice = FALSE;

              ck_assert_msg (g_str_equal (type, "choice"), "%s.%s: type %s", want->id, name, type);
              ck_assert_msg (has_string_member (p, "default"), "%s.%s: a choice needs a default", want->id, name);
              ck_assert_msg (json_object_has_member (p, "choices") &&
                             JSON_NODE_HOLDS_ARRAY (json_object_get_member (p, "choices")),
                             "%s.%s: a choice needs choices", want->id, name);
              choices = json_object_get_array_member (p, "choices");
              ck_assert_uint_ge (json_array_get_length (choices), 2);
              for (guint c = 0; c < json_array_get_length (choices); c++)
                if (g_str_equal (json_array_get_string_element (choices, c),
                                 json_object_get_string_member (p, "default")))
                  default_is_a_choice = TRUE;
              ck_assert_msg (default_is_a_choice, "%s.%s: the default is not a choice", want->id, name);
            }
        }

      /* The parameters DESIGN.md names are all there. */
      for (guint i = 0; want->params[i] != NULL; i++)
        ck_assert_msg (find_param (params, want->params[i]) != NULL, "%s: no parameter %s",
                       want->id, want->params[i]);
    }

  /* The choices DESIGN.md names, and the defaults that reproduce the course. */
  {
    static const struct { const char *id, *param, *choices; } choice_params[] = {
      { "philosophers", "strategy", "naive,ordered,waiter,trylock" },
      { "bank", "sync", "none,lock" },
      { "tickets", "sync", "semaphore,bounded,none" },
      { "pubsub", "mechanism", "condition,queue" },
      { "pubsub", "queue_kind", "fifo,lifo,priority" },
    };
    static const struct { const char *id, *param; gint64 value; } int_defaults[] = {
      { "philosophers", "count", 5 },
      { "bank", "initial", 2000 },
      { "bank", "deposit", 5000 },
      { "bank", "withdraw", 1000 },
      { "tickets", "sellers", 4 },
      { "tickets", "tickets", 10 },
      { "pubsub", "publishers", 1 },
      { "pubsub", "subscribers", 2 },
      { "pubsub", "capacity", 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (choice_params) + G_N_ELEMENTS (int_defaults); i++)
      {
        gboolean is_choice = i < G_N_ELEMENTS (choice_params);
        const char *id = is_choice ? choice_params[i].id : int_defaults[i - G_N_ELEMENTS (choice_params)].id;
        const char *param = is_choice ? choice_params[i].param : int_defaults[i - G_N_ELEMENTS (choice_params)].param;
        JsonObject *p = NULL;

        for (guint k = 0; k < json_array_get_length (scenarios); k++)
          {
            JsonObject *s = json_array_get_object_element (scenarios, k);

            if (g_str_equal (json_object_get_string_member (s, "id"), id))
              p = find_param (json_object_get_array_member (s, "params"), param);
          }
        ck_assert_msg (p != NULL, "%s.%s missing", id, param);

        if (is_choice)
          {
            g_autofree char *joined = join_choices (p);

            ck_assert_str_eq (json_object_get_string_member (p, "type"), "choice");
            ck_assert_msg (g_str_equal (joined, choice_params[i].choices), "%s.%s: choices %s, expected %s",
                           id, param, joined, choice_params[i].choices);
          }
        else
          {
            ck_assert_str_eq (json_object_get_string_member (p, "type"), "int");
            ck_assert_msg (json_object_get_int_member (p, "default") == int_defaults[i - G_N_ELEMENTS (choice_params)].value,
                           "%s.%s: default %" G_GINT64_FORMAT, id, param, json_object_get_int_member (p, "default"));
          }
      }
  }
}
END_TEST

/* Runs a scenario with quick settings and returns its summary's metrics, after checking
 * that it completed. */
static JsonObject *
run_for_metrics (JsonParser *parser,
                 Result     *r,
                 const char *scenario,
                 const char *set_1,
                 const char *set_2)
{
  JsonObject *summary;

  run_cli (r, "run", scenario, "--set", set_1, "--set", set_2, "--seed", "7", "--summary", "-", NULL);
  ck_assert_msg (r->status == 0, "%s: exit %d: %s", scenario, r->status, r->err);
  summary = parse_summary (parser, r->out);
  ck_assert_str_eq (json_object_get_string_member (summary, "scenario"), scenario);
  ck_assert_str_eq (json_object_get_string_member (summary, "outcome"), "completed");
  ck_assert_int_eq (json_object_get_int_member (summary, "misuses"), 0);
  ck_assert (json_object_has_member (summary, "metrics"));
  return json_object_get_object_member (summary, "metrics");
}

static void
assert_has_metrics (JsonObject         *metrics,
                    const char         *scenario,
                    const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    ck_assert_msg (json_object_has_member (metrics, names[i]), "%s: no metric %s", scenario, names[i]);
}

START_TEST (test_bank_summary_metrics)
{
  static const char * const names[] = { "lost_updates", "final", "expected_final", NULL };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *metrics = run_for_metrics (parser, &r, "bank", "gap_ms=1", "sync=lock");

  assert_has_metrics (metrics, "bank", names);
  ck_assert_int_eq (json_object_get_int_member (metrics, "expected_final"), 6000);
  ck_assert_int_eq (json_object_get_int_member (metrics, "final"), 6000);
  ck_assert_int_eq (json_object_get_int_member (metrics, "lost_updates"), 0);
}
END_TEST

START_TEST (test_tickets_summary_metrics)
{
  static const char * const names[] = { "oversold", "sold_total", "sold_per_seller", "fairness", NULL };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *metrics = run_for_metrics (parser, &r, "tickets", "delay_ms=1", "sync=semaphore");
  JsonArray *per_seller;
  gint64 sum = 0;

  assert_has_metrics (metrics, "tickets", names);
  ck_assert_int_eq (json_object_get_int_member (metrics, "sold_total"), 10);
  ck_assert_int_eq (json_object_get_int_member (metrics, "oversold"), 0);
  per_seller = json_object_get_array_member (metrics, "sold_per_seller");
  ck_assert_uint_eq (json_array_get_length (per_seller), 4);
  for (guint i = 0; i < 4; i++)
    sum += json_array_get_int_element (per_seller, i);
  ck_assert_int_eq (sum, 10);
}
END_TEST

START_TEST (test_pubsub_summary_metrics)
{
  static const char * const names[] = {
    "published", "consumed", "duplicates", "lost", "longest_queue", "mean_latency_ms", "max_latency_ms", NULL
  };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *metrics = run_for_metrics (parser, &r, "pubsub", "interval_ms=1", "messages=10");

  assert_has_metrics (metrics, "pubsub", names);
  ck_assert_int_eq (json_object_get_int_member (metrics, "published"), 10);
  ck_assert_int_eq (json_object_get_int_member (metrics, "consumed"), 10);
  ck_assert_int_eq (json_object_get_int_member (metrics, "duplicates"), 0);
  ck_assert_int_eq (json_object_get_int_member (metrics, "lost"), 0);
}
END_TEST

START_TEST (test_bad_scenario_params_exit_2)
{
  assert_usage_error ("depositors", "0 to 20", "run", "bank", "--set", "depositors=21", NULL);
  assert_usage_error ("gap_ms", "0 to 600000", "run", "bank", "--set", "gap_ms=-1", NULL);
  assert_usage_error ("sync", "none, lock", "run", "bank", "--set", "sync=mutex", NULL);
  assert_usage_error ("depositors", "withdrawers", "run", "bank", "--set", "depositors=0",
                      "--set", "withdrawers=0", NULL);
  assert_usage_error ("sellers", "1 to 50", "run", "tickets", "--set", "sellers=0", NULL);
  assert_usage_error ("tickets", "0 to 100000", "run", "tickets", "--set", "tickets=100001", NULL);
  assert_usage_error ("sync", "semaphore, bounded, none", "run", "tickets", "--set", "sync=lock", NULL);
  assert_usage_error ("subscribers", "1 to 20", "run", "pubsub", "--set", "subscribers=0", NULL);
  assert_usage_error ("capacity", "0 to 10000", "run", "pubsub", "--set", "capacity=10001", NULL);
  assert_usage_error ("mechanism", "condition, queue", "run", "pubsub", "--set", "mechanism=pipe", NULL);
  assert_usage_error ("queue_kind", "fifo, lifo, priority", "run", "pubsub", "--set", "queue_kind=stack", NULL);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("cli");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "naive-step-deadlocks-every-time", test_naive_step_deadlocks_every_time);
  test_add_case (suite, "ordered-everyone-eats", test_ordered_everyone_eats);
  test_add_case (suite, "duration-bounds-the-run", test_duration_bounds_the_run);
  test_add_case (suite, "summary-fields", test_summary_fields);
  test_add_case (suite, "summary-to-file", test_summary_to_file);
  test_add_case (suite, "bad-usage-exits-2", test_bad_usage_exits_2);
  test_add_case (suite, "unwritable-summary-exits-1", test_unwritable_summary_exits_1);
  test_add_case (suite, "list-json", test_list_json);
  test_add_case (suite, "thousand-philosophers-all-eat", test_thousand_philosophers_all_eat);
  test_add_case (suite, "list-json-all-scenarios", test_list_json_all_scenarios);
  test_add_case (suite, "bank-summary-metrics", test_bank_summary_metrics);
  test_add_case (suite, "tickets-summary-metrics", test_tickets_summary_metrics);
  test_add_case (suite, "pubsub-summary-metrics", test_pubsub_summary_metrics);
  test_add_case (suite, "bad-scenario-params-exit-2", test_bad_scenario_params_exit_2);

  return test_run_suite (suite);
}

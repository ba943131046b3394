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

  return test_run_suite (suite);
}

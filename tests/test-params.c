/* test-params.c — scenario parameters: defaults, parsing, and errors that name what was
 * wrong and what is allowed.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "weft-test-util.h"


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

int
main (void)
{
  Suite *suite = suite_create ("params");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "defaults", test_defaults);
  test_add_case (suite, "parse-ok", test_parse_ok);
  test_add_case (suite, "errors", test_errors);

  return test_run_suite (suite);
}

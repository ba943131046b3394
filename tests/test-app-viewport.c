/* test-app-viewport.c — the state the views share, without a widget: defaults, notify
 * only on change, a jump stops following and moves the shown moment, and the session
 * keeps one viewport across its runs.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>

#include "weft-scenarios.h"
#include "weft-session.h"
#include "weft-test-util.h"
#include "weft-viewport.h"

typedef struct
{
  guint   n_start, n_end, n_follow, n_focus, n_jumped;
  guint64 jumped_to;
} Heard;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Heard      *heard)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "start"))
    heard->n_start++;
  else if (g_str_equal (name, "end"))
    heard->n_end++;
  else if (g_str_equal (name, "follow-live"))
    heard->n_follow++;
  else if (g_str_equal (name, "focus-time"))
    heard->n_focus++;
}

static void
jumped_cb (WeftViewport *viewport,
           guint64       time_ns,
           Heard        *heard)
{
  heard->n_jumped++;
  heard->jumped_to = time_ns;
}

START_TEST (test_defaults_and_notify_on_change)
{
  g_autoptr(WeftViewport) viewport = weft_viewport_new ();
  Heard heard = { 0 };

  ck_assert (weft_viewport_get_follow_live (viewport));
  ck_assert_uint_eq (weft_viewport_get_shown_time (viewport), G_MAXUINT64);
  g_signal_connect (viewport, "notify", G_CALLBACK (notify_cb), &heard);

  weft_viewport_set_follow_live (viewport, TRUE);
  weft_viewport_set_range (viewport, 0, 0);
  weft_viewport_set_focus_time (viewport, 0);
  ck_assert_uint_eq (heard.n_start + heard.n_end + heard.n_follow + heard.n_focus, 0);

  weft_viewport_set_range (viewport, 10, 20);
  ck_assert_uint_eq (heard.n_start, 1);
  ck_assert_uint_eq (heard.n_end, 1);
  ck_assert (weft_viewport_get_start (viewport) == 10 && weft_viewport_get_end (viewport) == 20);
  weft_viewport_set_range (viewport, 10, 30);
  ck_assert_uint_eq (heard.n_start, 1);
  ck_assert_uint_eq (heard.n_end, 2);

  /* While following, the scene shows the live end whatever the focus. */
  weft_viewport_set_focus_time (viewport, 500);
  ck_assert_uint_eq (heard.n_focus, 1);
  ck_assert_uint_eq (weft_viewport_get_shown_time (viewport), G_MAXUINT64);
  /* Not following (a pan, a zoom) does not move the scene to a past moment silently:
   * without a time cursor it shows the live end still. */
  g_object_set (viewport, "follow-live", FALSE, NULL);
  ck_assert_uint_eq (heard.n_follow, 1);
  ck_assert_uint_eq (weft_viewport_get_cursor (viewport), G_MAXUINT64);
  ck_assert_uint_eq (weft_viewport_get_shown_time (viewport), G_MAXUINT64);
  /* The cursor placed: the scene shows its moment; following again takes it away. */
  weft_viewport_set_cursor (viewport, 700);
  ck_assert_uint_eq (weft_viewport_get_shown_time (viewport), 700);
  g_object_set (viewport, "follow-live", TRUE, NULL);
  ck_assert_uint_eq (weft_viewport_get_cursor (viewport), G_MAXUINT64);
  ck_assert_uint_eq (weft_viewport_get_shown_time (viewport), G_MAXUINT64);

  ck_assert (weft_viewport_get_text_scale (viewport) == 1.0);
  weft_viewport_set_text_scale (viewport, 1.5);
  ck_assert (weft_viewport_get_text_scale (viewport) == 1.5);
}
END_TEST

START_TEST (test_jump)
{
  g_autoptr(WeftViewport) viewport = weft_viewport_new ();
  Heard heard = { 0 };

  g_signal_connect (viewport, "notify", G_CALLBACK (notify_cb), &heard);
  g_signal_connect (viewport, "jumped", G_CALLBACK (jumped_cb), &heard);

  weft_viewport_jump_to (viewport, 1234);
  ck_assert (!weft_viewport_get_follow_live (viewport));
  ck_assert_uint_eq (weft_viewport_get_focus_time (viewport), 1234);
  ck_assert_uint_eq (weft_viewport_get_shown_time (viewport), 1234);
  /* Show When places the time cursor there. */
  ck_assert_uint_eq (weft_viewport_get_cursor (viewport), 1234);
  ck_assert_uint_eq (heard.n_follow, 1);
  ck_assert_uint_eq (heard.n_focus, 1);
  ck_assert_uint_eq (heard.n_jumped, 1);
  ck_assert_uint_eq (heard.jumped_to, 1234);

  /* The same moment again still jumps: the views go back there. */
  weft_viewport_jump_to (viewport, 1234);
  ck_assert_uint_eq (heard.n_jumped, 2);
  ck_assert_uint_eq (heard.n_focus, 1);
}
END_TEST

START_TEST (test_session_keeps_one_viewport)
{
  g_autoptr(WeftSession) session = weft_session_new ();
  const WeftScenario *scenario = weft_scenarios_lookup ("bank");
  WeftViewport *viewport = weft_session_get_viewport (session);
  g_autoptr(GError) error = NULL;

  ck_assert (WEFT_IS_VIEWPORT (viewport));
  ck_assert (weft_session_load (session, scenario, NULL, &error));
  ck_assert_ptr_eq (weft_session_get_viewport (session), viewport);
  ck_assert (weft_session_reset (session, NULL, &error));
  ck_assert_ptr_eq (weft_session_get_viewport (session), viewport);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("app-viewport");

  test_add_case (suite, "defaults-and-notify-on-change", test_defaults_and_notify_on_change);
  test_add_case (suite, "jump", test_jump);
  test_add_case (suite, "session-keeps-one-viewport", test_session_keeps_one_viewport);
  return test_run_suite (suite);
}

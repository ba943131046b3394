/* test-tickets.c — the ticket sellers on real threads: with a semaphore (plain or bounded)
 * exactly the tickets there are get sold, in run mode and stepped at random; without one,
 * stepping round-robin oversells; with no delay the releaser barges back in.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "weft-test-scenario.h"


typedef struct
{
  gint64 sold_total;
  gint64 oversold;
  gint64 tickets_left;
  gint32 most_by_one;   /* the most any one seller sold */
  guint  n_sellers;
} Sales;

/* Runs to the end (run mode, or stepped by @policy), checks it completed without misuse and
 * that the per-seller sales add up to the total, and returns the sales. */
static Sales
sell (guint64             seed,
      const char * const *sets,
      WeftMode            mode,
      WeftPolicy          policy)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("tickets");
  g_autoptr(WeftRun) run = test_make_run ("tickets", seed, sets);
  g_autoptr(GVariant) metrics = NULL;
  g_autoptr(GVariant) per_seller = NULL;
  Sales sales = { 0 };
  gint64 sum = 0;

  weft_run_set_policy (run, policy);
  ck_assert (weft_run_start (run, mode, NULL));
  if (mode == WEFT_MODE_STEP)
    test_step_to_end (run, 100000);
  else
    ck_assert_msg (weft_run_wait_end (run, 20 * SECOND), "seed %" G_GUINT64_FORMAT ": did not finish", seed);
  ck_assert_msg (weft_run_get_outcome (run) == WEFT_OUTCOME_COMPLETED, "seed %" G_GUINT64_FORMAT ": outcome %s",
                 seed, weft_outcome_to_string (weft_run_get_outcome (run)));
  weft_run_stop (run);
  ck_assert_uint_eq (weft_run_get_n_misuses (run), 0);

  metrics = g_variant_ref_sink (scenario->metrics (run));
  sales.sold_total = test_metric_int64 (metrics, "sold_total");
  sales.oversold = test_metric_int64 (metrics, "oversold");
  sales.tickets_left = test_metric_int64 (metrics, "tickets_left");
  per_seller = g_variant_lookup_value (metrics, "sold_per_seller", G_VARIANT_TYPE ("ai"));
  ck_assert_ptr_nonnull (per_seller);
  sales.n_sellers = (guint) g_variant_n_children (per_seller);
  ck_assert_uint_eq (sales.n_sellers, weft_run_get_n_actors (run));
  for (guint i = 0; i < sales.n_sellers; i++)
    {
      gint32 n;

      g_variant_get_child (per_seller, i, "i", &n);
      ck_assert_int_ge (n, 0);
      sum += n;
      sales.most_by_one = MAX (sales.most_by_one, n);
    }
  ck_assert_msg (sum == sales.sold_total, "seed %" G_GUINT64_FORMAT ": sellers sold %" G_GINT64_FORMAT
                 " in all, sold_total is %" G_GINT64_FORMAT, seed, sum, sales.sold_total);

  /* Every sale is a write of the tickets-left variable. */
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_WRITE, WEFT_NONE), (guint) sales.sold_total);
  return sales;
}

static void
assert_sells_exactly (const char *sync,
                      WeftMode    mode,
                      WeftPolicy  policy)
{
  g_autofree char *set = g_strdup_printf ("sync=%s", sync);
  const char * const sets[] = { set, "delay_ms=1", NULL };

  for (guint seed = 1; seed <= 20; seed++)
    {
      Sales sales = sell (seed, sets, mode, policy);

      ck_assert_msg (sales.sold_total == 10 && sales.oversold == 0 && sales.tickets_left == 0,
                     "sync=%s, %s mode, seed %u: sold %" G_GINT64_FORMAT ", oversold %" G_GINT64_FORMAT
                     ", left %" G_GINT64_FORMAT, sync, weft_mode_to_string (mode), seed,
                     sales.sold_total, sales.oversold, sales.tickets_left);
      ck_assert_uint_eq (sales.n_sellers, 4);
    }
}

START_TEST (test_semaphore_sells_exactly)
{
  assert_sells_exactly ("semaphore", WEFT_MODE_RUN, WEFT_POLICY_ROUND_ROBIN);
  assert_sells_exactly ("semaphore", WEFT_MODE_STEP, WEFT_POLICY_RANDOM);
}
END_TEST

START_TEST (test_bounded_sells_exactly)
{
  assert_sells_exactly ("bounded", WEFT_MODE_RUN, WEFT_POLICY_ROUND_ROBIN);
  assert_sells_exactly ("bounded", WEFT_MODE_STEP, WEFT_POLICY_RANDOM);
}
END_TEST

/* Stepped round-robin without the semaphore, every seller sees the same count before any
 * of them writes: each sells a ticket for every one that is really gone. */
START_TEST (test_none_step_round_robin_oversells)
{
  static const char * const sets[] = { "sync=none", NULL };

  for (guint seed = 1; seed <= 3; seed++)
    {
      Sales sales = sell (seed, sets, WEFT_MODE_STEP, WEFT_POLICY_ROUND_ROBIN);

      ck_assert_int_gt (sales.sold_total, 10);
      ck_assert_int_gt (sales.oversold, 0);
      ck_assert_int_eq (sales.oversold, sales.sold_total - 10);
    }
}
END_TEST

/* With no delay the seller that releases the semaphore is best placed to take it again:
 * at least once in twenty seeds one seller sells most of the tickets. */
START_TEST (test_no_delay_releaser_barges_back)
{
  static const char * const sets[] = { "sync=semaphore", "delay_ms=0", NULL };
  guint hogged = 0;

  for (guint seed = 1; seed <= 20; seed++)
    {
      Sales sales = sell (seed, sets, WEFT_MODE_RUN, WEFT_POLICY_ROUND_ROBIN);

      ck_assert_int_eq (sales.sold_total, 10);
      ck_assert_int_eq (sales.oversold, 0);
      ck_assert_int_eq (sales.tickets_left, 0);
      if (sales.most_by_one >= 7)
        hogged++;
    }

  ck_assert_msg (hogged >= 1, "in no seed did one seller sell 7 or more of the 10 tickets");
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("tickets");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "semaphore-sells-exactly", test_semaphore_sells_exactly);
  test_add_case (suite, "bounded-sells-exactly", test_bounded_sells_exactly);
  test_add_case (suite, "none-step-round-robin-oversells", test_none_step_round_robin_oversells);
  test_add_case (suite, "no-delay-releaser-barges-back", test_no_delay_releaser_barges_back);

  return test_run_suite (suite);
}

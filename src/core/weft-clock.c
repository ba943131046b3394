/* weft-clock.c — the runtime's clock: the TSC scaled to nanoseconds where it can be
 * trusted (invariant, and the kernel vouches that every CPU's agrees), else
 * CLOCK_MONOTONIC; chosen and calibrated once per process (weft_clock_init()). What
 * every event's time is read with, so the one read per event stays cheap.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

/* How long the TSC is measured against CLOCK_MONOTONIC. Each end is bracketed by two
 * clock_gettime calls (~30 ns apart), so the factor is good to ~1e-5: about 40 ms an hour
 * away from CLOCK_MONOTONIC, well below what a run shows, for 5 ms once per process. */
#define CLOCK_CALIBRATION_US 5000

WeftClock weft_clock;

/* The TSC keeps time only if it is invariant (CPUID 0x80000007, EDX bit 8: what Linux
 * shows as constant_tsc and nonstop_tsc), and a thread moving to another CPU must not see
 * it jump: the kernel must vouch that every CPU's TSC agrees. It does when its clocksource
 * is "tsc" (checked at boot, and watched since). Under KVM it does as well when the
 * clocksource is "kvm-clock": kvm-clock is the TSC scaled by the host's parameters, and
 * the vDSO reads it that way only when the host declares the TSC stable across vCPUs.
 * Measured on the reference VM (kvm-clock, booted with tsc=unstable): 0 warps in 4 M
 * hand-overs between its two vCPUs, both TSCs at 2096.0193 MHz against CLOCK_MONOTONIC to
 * 0.02 ppm (docs/runtime.md, "The clock"). Other clocksources (hpet, acpi_pm, xen…) are
 * not known to follow the TSC: clock_gettime there. */
gboolean
weft_clock_tsc_trusted (gboolean    invariant,
                        const char *clocksource)
{
  g_autofree char *name = NULL;

  if (!invariant || clocksource == NULL)
    return FALSE;

  name = g_strstrip (g_strdup (clocksource));
  return g_str_equal (name, "tsc") || g_str_equal (name, "kvm-clock");
}

#if defined(__x86_64__)
static gboolean
tsc_is_usable (void)
{
  g_autofree char *clocksource = NULL;
  guint eax, ebx, ecx, edx;

  if (__get_cpuid_max (0x80000000, NULL) < 0x80000007)
    return FALSE;
  __cpuid (0x80000007, eax, ebx, ecx, edx);

  if (!g_file_get_contents ("/sys/devices/system/clocksource/clocksource0/current_clocksource",
                            &clocksource, NULL, NULL))
    return FALSE;
  return weft_clock_tsc_trusted ((edx & (1u << 8)) != 0, clocksource);
}

/* A TSC reading and the CLOCK_MONOTONIC time it stands for: the TSC read between two
 * clock_gettime calls, the narrowest bracket of a few, so a preemption in the middle of
 * one does not skew the calibration. */
static void
paired_reading (guint64 *tsc,
                guint64 *ns)
{
  guint64 best = G_MAXUINT64;

  for (guint i = 0; i < 16; i++)
    {
      guint64 before = weft_clock_monotonic_ns ();
      guint64 ticks = __builtin_ia32_rdtsc ();
      guint64 after = weft_clock_monotonic_ns ();

      if (after - before < best)
        {
          best = after - before;
          *tsc = ticks;
          *ns = before + (after - before) / 2;
        }
    }
}

/* The TSC measured against CLOCK_MONOTONIC over CLOCK_CALIBRATION_US, with a check at
 * half-time: a reading taken there must fall where the factor puts it, to 20 µs. A TSC
 * that does not tick linearly with CLOCK_MONOTONIC (a VM whose TSC is not what its clock
 * follows, a migration meanwhile) is refused, and clock_gettime used. */
static gboolean
calibrate_tsc (void)
{
  guint64 tsc0, ns0, tsc_mid, ns_mid, tsc1, ns1;
  guint64 mult;
  gint64 predicted, error_ns;

  paired_reading (&tsc0, &ns0);
  g_usleep (CLOCK_CALIBRATION_US / 2);
  paired_reading (&tsc_mid, &ns_mid);
  g_usleep (CLOCK_CALIBRATION_US / 2);
  paired_reading (&tsc1, &ns1);

  if (tsc1 <= tsc_mid || tsc_mid <= tsc0 || ns1 <= ns0)
    return FALSE;
  mult = (guint64) (((unsigned __int128) (ns1 - ns0) << 32) / (tsc1 - tsc0));
  /* Between 100 MHz and 20 GHz, or something is off (a VM migrated meanwhile…). */
  if (mult < (G_GUINT64_CONSTANT (1) << 32) / 20 || mult > (G_GUINT64_CONSTANT (10) << 32))
    return FALSE;
  predicted = (gint64) ns0 + (gint64) (((unsigned __int128) (tsc_mid - tsc0) * mult) >> 32);
  error_ns = predicted - (gint64) ns_mid;
  if (ABS (error_ns) > 20 * 1000)
    return FALSE;

  weft_clock.tsc_base = tsc1;
  weft_clock.ns_base = ns1;
  weft_clock.mult = mult;
  return TRUE;
}
#endif

void
weft_clock_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      gint source = WEFT_CLOCK_MONOTONIC;

#if defined(__x86_64__)
      if (g_strcmp0 (g_getenv ("WEFT_CLOCK"), "monotonic") != 0 && tsc_is_usable () &&
          calibrate_tsc ())
        source = WEFT_CLOCK_TSC;
#endif
      /* Last, with release: weft_clock_ns() reads the fields above once it sees it. */
      __atomic_store_n (&weft_clock.source, source, __ATOMIC_RELEASE);
      g_once_init_leave (&once, 1);
    }
}

const char *
weft_clock_get_source (void)
{
  weft_clock_init ();
  return __atomic_load_n (&weft_clock.source, __ATOMIC_ACQUIRE) == WEFT_CLOCK_TSC ?
         "tsc" : "clock_gettime";
}

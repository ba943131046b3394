/* weft-theme.h — the colours, patterns and type sizes of the renderer.
 *
 * Three themes: light (white background, for slides), dark (for the window at night),
 * print (greyscale, for paper). States use the Okabe–Ito palette, which stays distinct
 * for the common forms of colour blindness; and blocked and waiting, the two states a
 * lesson is about, are also told apart by a pattern (diagonal hatching for blocked, dots
 * for waiting), so they stay distinct in greyscale too.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "weft-core.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_THEME_LIGHT,
  WEFT_THEME_DARK,
  WEFT_THEME_PRINT,
  WEFT_N_THEMES
} WeftThemeId;

typedef struct
{
  double r, g, b, a;
} WeftRgba;

typedef enum
{
  WEFT_PATTERN_NONE,
  WEFT_PATTERN_HATCH,  /* diagonal lines: blocked */
  WEFT_PATTERN_DOTS,   /* dots: waiting */
} WeftPattern;

/* Categorical colours for telling actors apart (a lock's owner, an item's producer),
 * disjoint from the state colours: each is at least WEFT_THEME_MIN_DISTINCT away from
 * every state colour of its theme (weft_theme_colour_distance()). */
#define WEFT_THEME_N_IDENTITY 8
/* Running activities ("eating", "thinking"), each a swatch of its own. */
#define WEFT_THEME_N_ACTIVITY 3
/* CIEDE2000 distances: about 1 is the smallest difference people notice side by side;
 * 20 tells two bars apart at a glance across a classroom. The print theme's greys only
 * differ in lightness, and its seven state greys leave one gap of 13.5. */
#define WEFT_THEME_MIN_DISTINCT       20.0
#define WEFT_THEME_MIN_DISTINCT_PRINT 12.0

typedef struct
{
  WeftThemeId id;
  const char *name;          /* "light", "dark", "print" */
  WeftRgba    background;
  WeftRgba    lane_alt;      /* every other lane's background */
  WeftRgba    text;
  WeftRgba    text_dim;      /* axis ticks, secondary labels */
  WeftRgba    grid;
  WeftRgba    deadlock;      /* the cycle */
  WeftRgba    flow;          /* hand-off arrows */
  WeftRgba    held;          /* a lock or semaphore in use */
  WeftRgba    waiting;       /* waiters on a resource */
  WeftRgba    queue;         /* a queue's length area */
  WeftRgba    value;         /* a shared variable's line */
  WeftRgba    pattern_ink;   /* hatching and dots drawn over a state's colour */
  WeftRgba    state[WEFT_N_STATES];
  WeftPattern pattern[WEFT_N_STATES];
  WeftRgba    identity[WEFT_THEME_N_IDENTITY];
  WeftRgba    activity[WEFT_THEME_N_ACTIVITY];  /* see weft_theme_activity() */
  const char *font_family;
} WeftTheme;

const WeftTheme *weft_theme_get         (WeftThemeId       id);
gboolean         weft_theme_from_string (const char       *str,
                                         WeftThemeId      *id);

void             weft_theme_set_source  (cairo_t          *cr,
                                         const WeftRgba   *rgba);
/* Paints the current path with @state's colour, then its pattern over it; clears the
 * path. One fill and at most one stroke, however many rectangles the path holds. */
void             weft_theme_fill_state  (cairo_t          *cr,
                                         const WeftTheme  *theme,
                                         WeftState         state);
/* The tile weft_theme_fill_state() paints over @state's colour (a repeating pattern
 * anchored at the user-space origin; unref it), or NULL when the state has none: for a
 * caller that composites the same pixels itself. */
cairo_pattern_t *weft_theme_get_state_tile (cairo_t          *cr,
                                            const WeftTheme  *theme,
                                            WeftState         state);
/* The colour an actor is told apart by. */
const WeftRgba  *weft_theme_identity    (const WeftTheme  *theme,
                                         guint             actor);
/* The swatch of a running thread doing @activity (the model's activity id): the
 * running colour for 0 (no activity), then one of WEFT_THEME_N_ACTIVITY colours, each
 * distinct from the running colour, from the other states and from each other (in the
 * print theme they all are the running grey: no grey is left). */
const WeftRgba  *weft_theme_activity    (const WeftTheme  *theme,
                                         guint             activity);
/* How different two colours look: CIEDE2000 ΔE00 in CIE Lab (D65). */
double           weft_theme_colour_distance (const WeftRgba *c1,
                                             const WeftRgba *c2);
/* The translated name of a state, as the legend shows it. */
const char      *weft_state_get_label   (WeftState         state);
/* A pending operation, short, without its object: "take" (weft_op_describe_named()
 * gives the long form). */
const char      *weft_op_get_label      (WeftOp            op);

G_END_DECLS

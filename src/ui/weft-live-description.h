/* weft-live-description.h — the accessible description of a live view ("5 threads:
 * 2 running, 3 blocked"), refreshed at most once a second however often the view redraws,
 * and once more after the last change so the final state is not lost when frames stop.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The view's description now (NULL: none), newly allocated. */
typedef char *(*WeftDescribeFunc) (gpointer view);

typedef struct
{
  /*< private >*/
  GtkAccessible    *view;      /* not owned: the struct lives inside it */
  WeftDescribeFunc  describe;
  char             *text;
  gint64            set_us;    /* when it was last set */
  guint             timeout_id; /* a refresh deferred by the interval */
} WeftLiveDescription;

void weft_live_description_init    (WeftLiveDescription *self,
                                    GtkAccessible       *view,
                                    WeftDescribeFunc     describe);
/* Something changed: refresh now, or when the interval has passed. */
void weft_live_description_queue   (WeftLiveDescription *self);
/* Refresh now (a new model). */
void weft_live_description_refresh (WeftLiveDescription *self);
/* In the view's dispose. */
void weft_live_description_clear   (WeftLiveDescription *self);

G_END_DECLS

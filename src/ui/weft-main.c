/* weft-main.c — the `weft` program: the window.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "weft-application.h"
#include "weft-core.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("WEFT_LOCALEDIR");
  g_autoptr(WeftApplication) app = NULL;

  weft_malloc_init ();
  setlocale (LC_ALL, "");
  /* The build tree's translations when run through `meson devenv`. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = weft_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

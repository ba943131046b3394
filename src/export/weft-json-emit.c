/* weft-json-emit.c — JSON to a tree or straight to a file (see weft-json-emit.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "weft-json-emit.h"

void
weft_json_flush (WeftJsonEmitter *e)
{
  const char *data = e->text->str;
  gsize length = e->text->len;

  while (length > 0 && e->saved_errno == 0)
    {
      gssize written = write (e->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          e->saved_errno = errno;
          break;
        }
      data += written;
      length -= (gsize) written;
    }

  g_string_truncate (e->text, 0);
}

/* Between two trace events: the text goes to the file once there is enough of it. */
void
weft_json_maybe_flush (WeftJsonEmitter *e)
{
  if (e->text != NULL && e->fd >= 0 && e->text->len >= WEFT_JSON_FLUSH_BYTES)
    weft_json_flush (e);
}

/* The comma before a value, unless it is a member's value or the first one. */
static void
emit_separator (WeftJsonEmitter *e)
{
  if (e->after_name)
    {
      e->after_name = FALSE;
      return;
    }
  if (e->depth > 0)
    {
      if (!e->first[e->depth - 1])
        g_string_append_c (e->text, ',');
      e->first[e->depth - 1] = FALSE;
    }
}

static void
emit_quoted (GString    *text,
             const char *str)
{
  const char *span = str;
  const char *p;

  g_string_append_c (text, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c != '"' && c != '\\' && c >= 0x20)
        continue;

      /* What needs no escaping goes in whole. */
      g_string_append_len (text, span, p - span);
      span = p + 1;
      if (c < 0x20)
        g_string_append_printf (text, "\\u%04x", c);
      else
        {
          g_string_append_c (text, '\\');
          g_string_append_c (text, (char) c);
        }
    }
  g_string_append_len (text, span, p - span);
  g_string_append_c (text, '"');
}

static void
emit_push (WeftJsonEmitter *e,
           char             open)
{
  emit_separator (e);
  g_string_append_c (e->text, open);
  g_assert (e->depth < WEFT_JSON_MAX_DEPTH);
  e->first[e->depth++] = TRUE;
}

static void
emit_pop (WeftJsonEmitter *e,
          char             close)
{
  g_assert (e->depth > 0);
  e->depth--;
  g_string_append_c (e->text, close);
}

void
weft_json_begin_object (WeftJsonEmitter *e)
{
  if (e->builder != NULL)
    json_builder_begin_object (e->builder);
  else
    emit_push (e, '{');
}

void
weft_json_end_object (WeftJsonEmitter *e)
{
  if (e->builder != NULL)
    json_builder_end_object (e->builder);
  else
    emit_pop (e, '}');
}

void
weft_json_begin_array (WeftJsonEmitter *e)
{
  if (e->builder != NULL)
    json_builder_begin_array (e->builder);
  else
    emit_push (e, '[');
}

void
weft_json_end_array (WeftJsonEmitter *e)
{
  if (e->builder != NULL)
    json_builder_end_array (e->builder);
  else
    emit_pop (e, ']');
}

void
weft_json_name (WeftJsonEmitter *e,
                const char      *name)
{
  if (e->builder != NULL)
    {
      json_builder_set_member_name (e->builder, name);
      return;
    }

  emit_separator (e);
  emit_quoted (e->text, name);
  g_string_append_c (e->text, ':');
  e->after_name = TRUE;
}

void
weft_json_string (WeftJsonEmitter *e,
                  const char      *value)
{
  if (e->builder != NULL)
    {
      json_builder_add_string_value (e->builder, value);
      return;
    }

  emit_separator (e);
  if (value != NULL)
    emit_quoted (e->text, value);
  else
    g_string_append (e->text, "null");
}

void
weft_json_int (WeftJsonEmitter *e,
               gint64           value)
{
  if (e->builder != NULL)
    {
      json_builder_add_int_value (e->builder, value);
      return;
    }

  emit_separator (e);
  g_string_append_printf (e->text, "%" G_GINT64_FORMAT, value);
}

/* A time in microseconds, from nanoseconds. As text, the exact decimal ("1234.567"), which
 * reads back as the same double as the tree's ns / 1000.0. */
void
weft_json_us (WeftJsonEmitter *e,
              guint64          ns)
{
  guint frac = (guint) (ns % 1000);

  if (e->builder != NULL)
    {
      json_builder_add_double_value (e->builder, (double) ns / 1000.0);
      return;
    }

  emit_separator (e);
  g_string_append_printf (e->text, "%" G_GUINT64_FORMAT, ns / 1000);
  if (frac == 0)
    g_string_append (e->text, ".0");
  else if (frac % 100 == 0)
    g_string_append_printf (e->text, ".%u", frac / 100);
  else if (frac % 10 == 0)
    g_string_append_printf (e->text, ".%02u", frac / 10);
  else
    g_string_append_printf (e->text, ".%03u", frac);
}

void
weft_json_double (WeftJsonEmitter *e,
                  double           value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (e->builder != NULL)
    {
      json_builder_add_double_value (e->builder, value);
      return;
    }

  emit_separator (e);
  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (e->text, buf);
  /* Still a double when read back. */
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (e->text, ".0");
}

void
weft_json_string_member (WeftJsonEmitter *e,
                         const char      *name,
                         const char      *value)
{
  weft_json_name (e, name);
  weft_json_string (e, value);
}

void
weft_json_int_member (WeftJsonEmitter *e,
                      const char      *name,
                      gint64           value)
{
  weft_json_name (e, name);
  weft_json_int (e, value);
}

/* weft-json-emit.h — JSON written once, to either of two ends: a json-glib tree
 * (JsonBuilder) or text going straight to a file a buffer at a time. The trace export
 * describes its document once and gets the same document both ways: json-glib's tree
 * takes about 2 KiB and 8 µs per trace event, too much for the million events of a long
 * run, and the tree is what the tests compare.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define WEFT_JSON_MAX_DEPTH 8
/* Text buffered before it goes to the file. */
#define WEFT_JSON_FLUSH_BYTES (256 * 1024)

/* Either @builder is set (a tree), or @text (with @fd the file it goes to, -1 to keep it). */
typedef struct
{
  JsonBuilder *builder;
  GString     *text;
  int          fd;
  int          saved_errno;    /* of the first failed write */
  guint        depth;
  gboolean     first[WEFT_JSON_MAX_DEPTH];  /* nothing written yet in this object or array */
  gboolean     after_name;     /* a member's name was written, its value comes next */
} WeftJsonEmitter;

/* Writes the buffered text to the file (a failure is kept in saved_errno). */
void weft_json_flush          (WeftJsonEmitter *e);
/* Between two trace events: the text goes to the file once there is enough of it. */
void weft_json_maybe_flush    (WeftJsonEmitter *e);
void weft_json_begin_object   (WeftJsonEmitter *e);
void weft_json_end_object     (WeftJsonEmitter *e);
void weft_json_begin_array    (WeftJsonEmitter *e);
void weft_json_end_array      (WeftJsonEmitter *e);
void weft_json_name           (WeftJsonEmitter *e,
                               const char      *name);
void weft_json_string         (WeftJsonEmitter *e,
                               const char      *value);
void weft_json_int            (WeftJsonEmitter *e,
                               gint64           value);
/* A time in microseconds, from nanoseconds: as text, the exact decimal. */
void weft_json_us             (WeftJsonEmitter *e,
                               guint64          ns);
void weft_json_double         (WeftJsonEmitter *e,
                               double           value);
void weft_json_string_member  (WeftJsonEmitter *e,
                               const char      *name,
                               const char      *value);
void weft_json_int_member     (WeftJsonEmitter *e,
                               const char      *name,
                               gint64           value);

G_END_DECLS

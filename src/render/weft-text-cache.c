/* weft-text-cache.c — laid-out text kept from one frame to the next (see
 * weft-text-cache.h): a hash table from (context, font, box, text) to a PangoLayout
 * shaped once, and a frame counter that forgets what no recent frame used.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "weft-text-cache.h"

/* Past this many layouts, a new frame forgets those not used in the last few frames; a
 * live run writes new axis labels as time passes, and a pan brings new words. */
#define MAX_LAYOUTS 2048
#define KEEP_FRAMES 4

typedef struct
{
  PangoContext         *context;  /* not a reference: the cache owns both contexts */
  PangoFontDescription *font;     /* owned in the table's keys, borrowed in a lookup */
  int                   width;
  int                   height;
  PangoWrapMode         wrap;
  PangoEllipsizeMode    ellipsize;
  PangoAlignment        alignment;
  char                 *text;     /* the same */
} Key;

typedef struct
{
  Key          key;
  PangoLayout *layout;
  int          width, height;     /* pixels */
  guint64      frame;             /* the last frame that used it */
  guint        serial;            /* the layout's when last measured; 0: never */
} Entry;

struct _WeftTextCache
{
  GHashTable   *entries;          /* Key* → Entry* (the key is the entry's) */
  PangoContext *frame_context;
  PangoContext *measure_context;
  guint64       frame;
  /* What the frame context was last updated for: the scale of the frames' cairo contexts
   * (not their translation) and their font options, the surface's merged with theirs. */
  double        scale[4];
  cairo_font_options_t *options;
};

static guint
key_hash (gconstpointer data)
{
  const Key *key = data;

  return g_str_hash (key->text)
         ^ (pango_font_description_hash (key->font) * 31u)
         ^ (guint) key->width * 17u ^ (guint) key->height * 13u
         ^ ((guint) key->wrap << 4) ^ ((guint) key->ellipsize << 8)
         ^ ((guint) key->alignment << 12)
         ^ GPOINTER_TO_UINT (key->context);
}

static gboolean
key_equal (gconstpointer a_data,
           gconstpointer b_data)
{
  const Key *a = a_data, *b = b_data;

  return a->context == b->context && a->width == b->width && a->height == b->height
         && a->wrap == b->wrap && a->ellipsize == b->ellipsize && a->alignment == b->alignment
         && strcmp (a->text, b->text) == 0
         && pango_font_description_equal (a->font, b->font);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_object_unref (entry->layout);
  pango_font_description_free (entry->key.font);
  g_free (entry->key.text);
  g_free (entry);
}

WeftTextCache *
weft_text_cache_new (void)
{
  WeftTextCache *cache = g_new0 (WeftTextCache, 1);

  cache->entries = g_hash_table_new_full (key_hash, key_equal, NULL, entry_free);
  return cache;
}

void
weft_text_cache_free (WeftTextCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->entries);
  g_clear_object (&cache->frame_context);
  g_clear_object (&cache->measure_context);
  g_clear_pointer (&cache->options, cairo_font_options_destroy);
  g_free (cache);
}

PangoContext *
weft_text_cache_begin_frame (WeftTextCache *cache,
                             cairo_t       *cr)
{
  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (cr != NULL, NULL);

  cache->frame++;
  /* Updating a context bumps its serial whatever changed, and every layout made in it is
   * then shaped again: it is updated only when the scale or the font options differ from
   * the last frame's (a window's frames never do, unless it moves to another screen). */
  {
    cairo_matrix_t matrix;
    cairo_font_options_t *options = cairo_font_options_create ();
    cairo_font_options_t *own = cairo_font_options_create ();
    double scale[4];

    cairo_get_matrix (cr, &matrix);
    scale[0] = matrix.xx;
    scale[1] = matrix.yx;
    scale[2] = matrix.xy;
    scale[3] = matrix.yy;
    cairo_surface_get_font_options (cairo_get_target (cr), options);
    cairo_get_font_options (cr, own);
    cairo_font_options_merge (options, own);
    cairo_font_options_destroy (own);

    if (cache->frame_context == NULL)
      cache->frame_context = pango_cairo_create_context (cr);
    else if (memcmp (scale, cache->scale, sizeof scale) != 0 || cache->options == NULL
             || !cairo_font_options_equal (options, cache->options))
      pango_cairo_update_context (cr, cache->frame_context);
    memcpy (cache->scale, scale, sizeof scale);
    g_clear_pointer (&cache->options, cairo_font_options_destroy);
    cache->options = options;
  }

  if (g_hash_table_size (cache->entries) > MAX_LAYOUTS)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, cache->entries);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (((Entry *) value)->frame + KEEP_FRAMES < cache->frame)
          g_hash_table_iter_remove (&iter);
      /* Every layout in use by the last frames: too many to keep, start again. */
      if (g_hash_table_size (cache->entries) > MAX_LAYOUTS)
        g_hash_table_remove_all (cache->entries);
    }
  return cache->frame_context;
}

PangoContext *
weft_text_cache_get_measure_context (WeftTextCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  /* Measured as weft_timeline_get_layout() measures without a cache: on a scratch
   * surface, so a window with a cache and an export agree on the columns. */
  if (cache->measure_context == NULL)
    {
      cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cairo_t *cr = cairo_create (scratch);

      cache->measure_context = pango_cairo_create_context (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (scratch);
    }
  return cache->measure_context;
}

PangoLayout *
weft_text_cache_layout (WeftTextCache   *cache,
                        PangoLayout     *style,
                        const char      *text,
                        int             *width,
                        int             *height,
                        WeftRenderStats *stats)
{
  Key key;
  Entry *entry;
  int w, h;

  g_return_val_if_fail (PANGO_IS_LAYOUT (style), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (cache == NULL)
    {
      pango_layout_set_text (style, text, -1);
      pango_layout_get_pixel_size (style, &w, &h);
      if (stats != NULL)
        stats->n_shaped++;
      if (width != NULL)
        *width = w;
      if (height != NULL)
        *height = h;
      return style;
    }

  key.context = pango_layout_get_context (style);
  key.font = (PangoFontDescription *) pango_layout_get_font_description (style);
  key.width = pango_layout_get_width (style);
  key.height = pango_layout_get_height (style);
  key.wrap = pango_layout_get_wrap (style);
  key.ellipsize = pango_layout_get_ellipsize (style);
  key.alignment = pango_layout_get_alignment (style);
  key.text = (char *) text;
  g_return_val_if_fail (key.font != NULL, NULL);

  entry = g_hash_table_lookup (cache->entries, &key);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->key = key;
      entry->key.font = pango_font_description_copy (key.font);
      entry->key.text = g_strdup (text);
      entry->layout = pango_layout_new (key.context);
      pango_layout_set_font_description (entry->layout, key.font);
      pango_layout_set_width (entry->layout, key.width);
      pango_layout_set_height (entry->layout, key.height);
      pango_layout_set_wrap (entry->layout, key.wrap);
      pango_layout_set_ellipsize (entry->layout, key.ellipsize);
      pango_layout_set_alignment (entry->layout, key.alignment);
      pango_layout_set_text (entry->layout, text, -1);
      g_hash_table_insert (cache->entries, &entry->key, entry);
    }
  /* Pango shapes a layout again, when asked its size, only when its context changed
   * (another scale or font options): its serial then moves, and that is counted. */
  pango_layout_get_pixel_size (entry->layout, &entry->width, &entry->height);
  if (pango_layout_get_serial (entry->layout) != entry->serial)
    {
      entry->serial = pango_layout_get_serial (entry->layout);
      if (stats != NULL)
        stats->n_shaped++;
    }
  entry->frame = cache->frame;
  if (width != NULL)
    *width = entry->width;
  if (height != NULL)
    *height = entry->height;
  return entry->layout;
}

guint
weft_text_cache_get_size (WeftTextCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);
  return g_hash_table_size (cache->entries);
}

/* cjm-entity.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cjm-entity.h"

typedef struct
{
  char      *id;
  GPtrArray *foreign_attributes;
  GPtrArray *foreign_elements;
} CjmEntityPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CjmEntity, cjm_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cjm_foreign_attribute_free (gpointer data)
{
  CjmForeignAttribute *attr = data;

  g_free (attr->ns_uri);
  g_free (attr->prefix);
  g_free (attr->name);
  g_free (attr->value);
  g_free (attr);
}

static void
free_field (CjmEntity      *self,
            const CjmField *field)
{
  gpointer ptr = cjm_entity_field_ptr (self, field);

  switch (field->type)
    {
    case CJM_FIELD_STRING:
    case CJM_FIELD_TEXT:
    case CJM_FIELD_DATE:
    case CJM_FIELD_REF:
      g_clear_pointer ((char **) ptr, g_free);
      break;
    case CJM_FIELD_REFS:
      g_clear_pointer ((char ***) ptr, g_strfreev);
      break;
    case CJM_FIELD_LIST:
      g_clear_pointer ((GPtrArray **) ptr, g_ptr_array_unref);
      break;
    case CJM_FIELD_INT:
    case CJM_FIELD_DOUBLE:
    case CJM_FIELD_BOOLEAN:
    case CJM_FIELD_ENUM:
    case CJM_FIELD_FLAGS:
    case CJM_FIELD_COLOR:
    case CJM_FIELD_TIMESTAMP:
    default:
      break;
    }
}

static void
cjm_entity_constructed (GObject *object)
{
  CjmEntity *self = CJM_ENTITY (object);
  CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (self);

  G_OBJECT_CLASS (cjm_entity_parent_class)->constructed (object);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CjmField *field = &klass->fields[i];
      gpointer ptr = cjm_entity_field_ptr (self, field);

      switch (field->type)
        {
        case CJM_FIELD_INT:
          *(int *) ptr = (field->flags & CJM_FIELD_OPTIONAL) ? CJM_UNSET_INT
                                                             : (int) field->default_value;
          break;
        case CJM_FIELD_DOUBLE:
          *(double *) ptr = field->default_value;
          break;
        case CJM_FIELD_BOOLEAN:
          *(gboolean *) ptr = field->default_value != 0;
          break;
        case CJM_FIELD_ENUM:
          *(int *) ptr = (int) field->default_value;
          break;
        case CJM_FIELD_COLOR:
          *(guint *) ptr = (field->flags & CJM_FIELD_OPTIONAL) ? CJM_UNSET_COLOR
                                                               : (guint) field->default_value;
          break;
        case CJM_FIELD_STRING:
        case CJM_FIELD_TEXT:
        case CJM_FIELD_DATE:
        case CJM_FIELD_REF:
        case CJM_FIELD_REFS:
        case CJM_FIELD_LIST:
        case CJM_FIELD_FLAGS:
        case CJM_FIELD_TIMESTAMP:
        default:
          break;
        }
    }
}

static void
cjm_entity_finalize (GObject *object)
{
  CjmEntity *self = CJM_ENTITY (object);
  CjmEntityPrivate *priv = cjm_entity_get_instance_private (self);
  CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    free_field (self, &klass->fields[i]);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->foreign_attributes, g_ptr_array_unref);
  g_clear_pointer (&priv->foreign_elements, g_ptr_array_unref);

  G_OBJECT_CLASS (cjm_entity_parent_class)->finalize (object);
}

static void
cjm_entity_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CjmEntity *self = CJM_ENTITY (object);
  CjmEntityPrivate *priv = cjm_entity_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cjm_entity_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CjmEntity *self = CJM_ENTITY (object);
  CjmEntityPrivate *priv = cjm_entity_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (priv->id);
      priv->id = g_strdup (g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cjm_entity_class_init (CjmEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cjm_entity_constructed;
  object_class->finalize = cjm_entity_finalize;
  object_class->get_property = cjm_entity_get_property;
  object_class->set_property = cjm_entity_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cjm_entity_init (CjmEntity *self)
{
}

static const CjmField *
field_for_pspec (GParamSpec *pspec,
                 guint       prop_id)
{
  CjmEntityClass *owner = g_type_class_peek (pspec->owner_type);

  g_assert (prop_id >= 1 && prop_id <= owner->n_fields);
  return &owner->fields[prop_id - 1];
}

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  const CjmField *field = field_for_pspec (pspec, prop_id);
  gpointer ptr = cjm_entity_field_ptr (CJM_ENTITY (object), field);

  switch (field->type)
    {
    case CJM_FIELD_STRING:
    case CJM_FIELD_TEXT:
    case CJM_FIELD_DATE:
    case CJM_FIELD_REF:
      g_value_set_string (value, *(char **) ptr);
      break;
    case CJM_FIELD_INT:
      g_value_set_int (value, *(int *) ptr);
      break;
    case CJM_FIELD_DOUBLE:
      g_value_set_double (value, *(double *) ptr);
      break;
    case CJM_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) ptr);
      break;
    case CJM_FIELD_ENUM:
      g_value_set_enum (value, *(int *) ptr);
      break;
    case CJM_FIELD_FLAGS:
      g_value_set_flags (value, *(guint *) ptr);
      break;
    case CJM_FIELD_COLOR:
      g_value_set_uint (value, *(guint *) ptr);
      break;
    case CJM_FIELD_TIMESTAMP:
      g_value_set_int64 (value, *(gint64 *) ptr);
      break;
    case CJM_FIELD_REFS:
    case CJM_FIELD_LIST:
      g_value_set_boxed (value, *(gpointer *) ptr);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  const CjmField *field = field_for_pspec (pspec, prop_id);
  gpointer ptr = cjm_entity_field_ptr (CJM_ENTITY (object), field);
  gboolean changed = FALSE;

  switch (field->type)
    {
    case CJM_FIELD_STRING:
    case CJM_FIELD_TEXT:
    case CJM_FIELD_DATE:
    case CJM_FIELD_REF:
      {
        const char *in = g_value_get_string (value);
        char *clean = NULL;

        if (in != NULL && *in != '\0')
          clean = cjm_text_sanitize (in, -1, field->type != CJM_FIELD_TEXT);
        if (clean != NULL && *clean == '\0')
          g_clear_pointer (&clean, g_free);
        if (g_strcmp0 (clean, *(char **) ptr) != 0)
          {
            g_free (*(char **) ptr);
            *(char **) ptr = g_steal_pointer (&clean);
            changed = TRUE;
          }
        g_free (clean);
      }
      break;
    case CJM_FIELD_INT:
      changed = *(int *) ptr != g_value_get_int (value);
      *(int *) ptr = g_value_get_int (value);
      break;
    case CJM_FIELD_DOUBLE:
      changed = *(double *) ptr != g_value_get_double (value);
      *(double *) ptr = g_value_get_double (value);
      break;
    case CJM_FIELD_BOOLEAN:
      changed = *(gboolean *) ptr != g_value_get_boolean (value);
      *(gboolean *) ptr = g_value_get_boolean (value);
      break;
    case CJM_FIELD_ENUM:
      changed = *(int *) ptr != g_value_get_enum (value);
      *(int *) ptr = g_value_get_enum (value);
      break;
    case CJM_FIELD_FLAGS:
      changed = *(guint *) ptr != g_value_get_flags (value);
      *(guint *) ptr = g_value_get_flags (value);
      break;
    case CJM_FIELD_COLOR:
      changed = *(guint *) ptr != g_value_get_uint (value);
      *(guint *) ptr = g_value_get_uint (value);
      break;
    case CJM_FIELD_TIMESTAMP:
      changed = *(gint64 *) ptr != g_value_get_int64 (value);
      *(gint64 *) ptr = g_value_get_int64 (value);
      break;
    case CJM_FIELD_REFS:
      {
        char **in = g_value_get_boxed (value);

        if (!strv_equal0 (in, *(char ***) ptr))
          {
            g_strfreev (*(char ***) ptr);
            *(char ***) ptr = (in != NULL && in[0] != NULL) ? g_strdupv (in) : NULL;
            changed = TRUE;
          }
      }
      break;
    case CJM_FIELD_LIST:
      {
        /* Lists are immutable once set: a change always brings a new array,
         * so keeping a reference is enough for undo to hold the old one. */
        GPtrArray *in = g_value_get_boxed (value);

        if (in != *(GPtrArray **) ptr)
          {
            if (in != NULL)
              g_ptr_array_ref (in);
            g_clear_pointer ((GPtrArray **) ptr, g_ptr_array_unref);
            *(GPtrArray **) ptr = in;
            changed = TRUE;
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static GParamSpec *
pspec_for_field (const CjmField *field)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  gboolean optional = (field->flags & CJM_FIELD_OPTIONAL) != 0;

  switch (field->type)
    {
    case CJM_FIELD_STRING:
    case CJM_FIELD_TEXT:
    case CJM_FIELD_DATE:
    case CJM_FIELD_REF:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);
    case CJM_FIELD_INT:
      return g_param_spec_int (field->name, NULL, NULL,
                               optional ? CJM_UNSET_INT : (int) field->min, (int) field->max,
                               optional ? CJM_UNSET_INT : (int) field->default_value, flags);
    case CJM_FIELD_DOUBLE:
      return g_param_spec_double (field->name, NULL, NULL, field->min, field->max,
                                  field->default_value, flags);
    case CJM_FIELD_BOOLEAN:
      return g_param_spec_boolean (field->name, NULL, NULL, field->default_value != 0, flags);
    case CJM_FIELD_ENUM:
      return g_param_spec_enum (field->name, NULL, NULL, field->value_type (),
                                (int) field->default_value, flags);
    case CJM_FIELD_FLAGS:
      return g_param_spec_flags (field->name, NULL, NULL, field->value_type (), 0, flags);
    case CJM_FIELD_COLOR:
      return g_param_spec_uint (field->name, NULL, NULL, 0, G_MAXUINT,
                                optional ? CJM_UNSET_COLOR : (guint) field->default_value,
                                flags);
    case CJM_FIELD_TIMESTAMP:
      return g_param_spec_int64 (field->name, NULL, NULL, 0, G_MAXINT64, 0, flags);
    case CJM_FIELD_REFS:
      return g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_STRV, flags);
    case CJM_FIELD_LIST:
      return g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_PTR_ARRAY, flags);
    default:
      g_assert_not_reached ();
    }
}

/**
 * cjm_entity_class_install_fields:
 * @klass: a subclass of #CjmEntity, in its class_init
 * @element_name: the XML element that stores the entity
 * @fields: (array length=n_fields): the entity's fields, in file order
 * @n_fields: how many
 *
 * Installs one GObject property per field and the accessors for them.
 */
void
cjm_entity_class_install_fields (CjmEntityClass *klass,
                                 const char     *element_name,
                                 const CjmField *fields,
                                 guint           n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->element_name = element_name;
  klass->fields = fields;
  klass->n_fields = n_fields;

  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  for (guint i = 0; i < n_fields; i++)
    g_object_class_install_property (object_class, i + 1, pspec_for_field (&fields[i]));
}

const CjmField *
cjm_entity_class_find_field (CjmEntityClass *klass,
                             const char     *name)
{
  for (guint i = 0; i < klass->n_fields; i++)
    if (strcmp (klass->fields[i].name, name) == 0)
      return &klass->fields[i];
  return NULL;
}

const char *
cjm_entity_get_id (CjmEntity *self)
{
  CjmEntityPrivate *priv = cjm_entity_get_instance_private (self);

  g_return_val_if_fail (CJM_IS_ENTITY (self), NULL);

  return priv->id;
}

/**
 * cjm_entity_clone:
 * @self: an entity
 * @id: the copy's id
 *
 * Copies every field of @self into a new entity of the same type, for
 * pasting and duplicating. Extension content is not copied: it belongs to
 * the original.
 *
 * Returns: (transfer full): the copy, in no document yet
 */
CjmEntity *
cjm_entity_clone (CjmEntity  *self,
                  const char *id)
{
  CjmEntityClass *klass;
  CjmEntity *copy;

  g_return_val_if_fail (CJM_IS_ENTITY (self), NULL);

  klass = CJM_ENTITY_GET_CLASS (self);
  copy = g_object_new (G_OBJECT_TYPE (self), "id", id, NULL);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), klass->fields[i].name);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (self), pspec->name, &value);
      g_object_set_property (G_OBJECT (copy), pspec->name, &value);
    }
  return copy;
}

const char *
cjm_entity_get_element_name (CjmEntity *self)
{
  g_return_val_if_fail (CJM_IS_ENTITY (self), NULL);

  return CJM_ENTITY_GET_CLASS (self)->element_name;
}

GPtrArray *
cjm_entity_get_foreign_attributes (CjmEntity *self)
{
  CjmEntityPrivate *priv = cjm_entity_get_instance_private (self);

  return priv->foreign_attributes;
}

GPtrArray *
cjm_entity_get_foreign_elements (CjmEntity *self)
{
  CjmEntityPrivate *priv = cjm_entity_get_instance_private (self);

  return priv->foreign_elements;
}

void
cjm_entity_add_foreign_attribute (CjmEntity  *self,
                                  const char *ns_uri,
                                  const char *prefix,
                                  const char *name,
                                  const char *value)
{
  CjmEntityPrivate *priv = cjm_entity_get_instance_private (self);
  CjmForeignAttribute *attr;

  g_return_if_fail (CJM_IS_ENTITY (self));
  g_return_if_fail (ns_uri != NULL && name != NULL);

  if (priv->foreign_attributes == NULL)
    priv->foreign_attributes = g_ptr_array_new_with_free_func (cjm_foreign_attribute_free);

  attr = g_new0 (CjmForeignAttribute, 1);
  attr->ns_uri = g_strdup (ns_uri);
  attr->prefix = g_strdup (prefix);
  attr->name = g_strdup (name);
  attr->value = g_strdup (value != NULL ? value : "");
  g_ptr_array_add (priv->foreign_attributes, attr);
}

void
cjm_entity_add_foreign_element (CjmEntity  *self,
                                const char *xml)
{
  CjmEntityPrivate *priv = cjm_entity_get_instance_private (self);

  g_return_if_fail (CJM_IS_ENTITY (self));
  g_return_if_fail (xml != NULL);

  if (priv->foreign_elements == NULL)
    priv->foreign_elements = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (priv->foreign_elements, g_strdup (xml));
}

gpointer
cjm_entity_field_ptr (CjmEntity      *self,
                      const CjmField *field)
{
  return G_STRUCT_MEMBER_P (self, field->offset);
}

/**
 * cjm_entity_field_is_set:
 *
 * Returns: whether @field holds a value worth writing: a non-empty text or
 *   list, a set optional number, or a value other than the default
 */
gboolean
cjm_entity_field_is_set (CjmEntity      *self,
                         const CjmField *field)
{
  gpointer ptr = cjm_entity_field_ptr (self, field);

  switch (field->type)
    {
    case CJM_FIELD_STRING:
    case CJM_FIELD_TEXT:
    case CJM_FIELD_DATE:
    case CJM_FIELD_REF:
      return *(char **) ptr != NULL && **(char **) ptr != '\0';
    case CJM_FIELD_REFS:
      return *(char ***) ptr != NULL && **(char ***) ptr != NULL;
    case CJM_FIELD_LIST:
      return *(GPtrArray **) ptr != NULL && (*(GPtrArray **) ptr)->len > 0;
    case CJM_FIELD_INT:
      return (field->flags & CJM_FIELD_OPTIONAL) ? *(int *) ptr != CJM_UNSET_INT : TRUE;
    case CJM_FIELD_COLOR:
      return (field->flags & CJM_FIELD_OPTIONAL) ? *(guint *) ptr != CJM_UNSET_COLOR : TRUE;
    case CJM_FIELD_DOUBLE:
      return TRUE;
    case CJM_FIELD_BOOLEAN:
      return *(gboolean *) ptr != (field->default_value != 0);
    case CJM_FIELD_ENUM:
      return *(int *) ptr != (int) field->default_value
             || (field->flags & CJM_FIELD_REQUIRED) != 0;
    case CJM_FIELD_FLAGS:
      return *(guint *) ptr != 0;
    case CJM_FIELD_TIMESTAMP:
      return *(gint64 *) ptr != 0;
    default:
      g_assert_not_reached ();
    }
}

/**
 * cjm_field_value_is_valid:
 * @field: a field
 * @value: a value of the field's property type
 *
 * Checks a value a user or a file wants to store, beyond what the property's
 * type ensures: ranges, finite numbers, valid ids and dates.
 *
 * Returns: %TRUE if @value may be stored in @field
 */
gboolean
cjm_field_value_is_valid (const CjmField *field,
                          const GValue   *value)
{
  gboolean optional = (field->flags & CJM_FIELD_OPTIONAL) != 0;

  switch (field->type)
    {
    case CJM_FIELD_STRING:
    case CJM_FIELD_TEXT:
      return G_VALUE_HOLDS_STRING (value);
    case CJM_FIELD_DATE:
      return G_VALUE_HOLDS_STRING (value)
             && (g_value_get_string (value) == NULL
                 || *g_value_get_string (value) == '\0'
                 || cjm_date_is_valid (g_value_get_string (value)));
    case CJM_FIELD_REF:
      return G_VALUE_HOLDS_STRING (value)
             && (g_value_get_string (value) == NULL
                 || *g_value_get_string (value) == '\0'
                 || cjm_id_is_valid (g_value_get_string (value)));
    case CJM_FIELD_REFS:
      {
        char **ids;

        if (!G_VALUE_HOLDS (value, G_TYPE_STRV))
          return FALSE;
        ids = g_value_get_boxed (value);
        for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
          if (!cjm_id_is_valid (ids[i]))
            return FALSE;
        return TRUE;
      }
    case CJM_FIELD_INT:
      {
        int v;

        if (!G_VALUE_HOLDS_INT (value))
          return FALSE;
        v = g_value_get_int (value);
        return (optional && v == CJM_UNSET_INT) || (v >= field->min && v <= field->max);
      }
    case CJM_FIELD_DOUBLE:
      {
        double v;

        if (!G_VALUE_HOLDS_DOUBLE (value))
          return FALSE;
        v = g_value_get_double (value);
        return isfinite (v) && v >= field->min && v <= field->max;
      }
    case CJM_FIELD_BOOLEAN:
      return G_VALUE_HOLDS_BOOLEAN (value);
    case CJM_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) klass = NULL;

        if (!G_VALUE_HOLDS (value, field->value_type ()))
          return FALSE;
        klass = g_type_class_ref (field->value_type ());
        return g_enum_get_value (klass, g_value_get_enum (value)) != NULL;
      }
    case CJM_FIELD_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = NULL;

        if (!G_VALUE_HOLDS (value, field->value_type ()))
          return FALSE;
        klass = g_type_class_ref (field->value_type ());
        return (g_value_get_flags (value) & ~klass->mask) == 0;
      }
    case CJM_FIELD_COLOR:
      {
        guint v;

        if (!G_VALUE_HOLDS_UINT (value))
          return FALSE;
        v = g_value_get_uint (value);
        return (optional && v == CJM_UNSET_COLOR) || v <= 0xffffff;
      }
    case CJM_FIELD_TIMESTAMP:
      return G_VALUE_HOLDS_INT64 (value) && g_value_get_int64 (value) >= 0
             && g_value_get_int64 (value) < G_GINT64_CONSTANT (253402300800); /* year 10000 */
    case CJM_FIELD_LIST:
      return G_VALUE_HOLDS (value, G_TYPE_PTR_ARRAY);
    default:
      return FALSE;
    }
}

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/**
 * cjm_text_sanitize:
 * @text: text from a user, a clipboard or a file; need not be valid UTF-8
 * @length: its length in bytes, or -1 if nul-terminated
 * @single_line: whether line breaks and tabs become spaces
 *
 * Makes text safe to store and save: valid UTF-8 with only characters XML
 * 1.0 can carry, line ends as "\n", at most %CJM_MAX_TEXT_LENGTH bytes.
 * Without this, text pasted from a PDF could make a saved file unreadable.
 *
 * Returns: (transfer full): the cleaned text
 */
char *
cjm_text_sanitize (const char *text,
                   gssize      length,
                   gboolean    single_line)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          /* \r\n and a lone \r both end a line */
          if (p[1] == '\n')
            continue;
          c = '\n';
        }
      if (!is_xml_char (c))
        continue;
      if (single_line && (c == '\n' || c == '\t'))
        c = ' ';
      if (out->len + g_unichar_to_utf8 (c, NULL) > CJM_MAX_TEXT_LENGTH)
        break;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * cjm_id_is_valid:
 *
 * Returns: whether @id may name an element: `[A-Za-z_][A-Za-z0-9_.-]*`, at
 *   most %CJM_MAX_ID_LENGTH characters
 */
gboolean
cjm_id_is_valid (const char *id)
{
  gsize i;

  if (id == NULL || !(g_ascii_isalpha (id[0]) || id[0] == '_'))
    return FALSE;
  for (i = 1; id[i] != '\0'; i++)
    if (!(g_ascii_isalnum (id[i]) || id[i] == '_' || id[i] == '.' || id[i] == '-'))
      return FALSE;
  return i <= CJM_MAX_ID_LENGTH;
}

/**
 * cjm_date_is_valid:
 *
 * Returns: whether @date is a real calendar date written `YYYY-MM-DD`
 */
gboolean
cjm_date_is_valid (const char *date)
{
  guint y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  y = (guint) g_ascii_strtoull (date, NULL, 10);
  m = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (date + 8, NULL, 10);
  return y >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

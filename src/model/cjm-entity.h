/* cjm-entity.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-types.h"

G_BEGIN_DECLS

typedef enum
{
  CJM_FIELD_STRING,     /* char *, one line */
  CJM_FIELD_TEXT,       /* char *, may span lines */
  CJM_FIELD_INT,        /* int */
  CJM_FIELD_DOUBLE,     /* double */
  CJM_FIELD_BOOLEAN,    /* gboolean */
  CJM_FIELD_ENUM,       /* int holding a value of enum_type */
  CJM_FIELD_FLAGS,      /* guint holding flags of enum_type */
  CJM_FIELD_COLOR,      /* guint 0xRRGGBB, written #rrggbb */
  CJM_FIELD_DATE,       /* char *, YYYY-MM-DD */
  CJM_FIELD_TIMESTAMP,  /* gint64 Unix time, written YYYY-MM-DDTHH:MM:SSZ; 0 is unset */
  CJM_FIELD_REF,        /* char *, the id of another entity */
  CJM_FIELD_REFS,       /* GStrv of ids */
  CJM_FIELD_LIST,       /* GPtrArray of boxed values, read and written by the class */
} CjmFieldType;

typedef enum
{
  CJM_FIELD_ATTRIBUTE,  /* an attribute of the entity's element */
  CJM_FIELD_ELEMENT,    /* a child element holding text */
  CJM_FIELD_CUSTOM,     /* stored in the file by the class's own code */
} CjmFieldForm;

typedef enum
{
  CJM_FIELD_REQUIRED = 1 << 0,  /* must be present in a file */
  CJM_FIELD_OPTIONAL = 1 << 1,  /* ints and colours: may be unset */
} CjmFieldFlags;

/**
 * CjmField:
 *
 * One stored field of an entity. The table of fields drives the GObject
 * properties, the reader, the writer and validation, so a field is declared
 * once.
 */
typedef struct
{
  const char   *name;          /* property name and XML name */
  CjmFieldType  type;
  CjmFieldForm  form;
  CjmFieldFlags flags;
  guint         offset;        /* of the storage in the instance struct */
  GType       (*value_type) (void); /* enum or flags type, or the entity type a REF names */
  double        min;           /* INT and DOUBLE range */
  double        max;
  double        default_value; /* INT, DOUBLE, BOOLEAN, ENUM */
} CjmField;

#define CJM_TYPE_ENTITY (cjm_entity_get_type ())

G_DECLARE_DERIVABLE_TYPE (CjmEntity, cjm_entity, CJM, ENTITY, GObject)

struct _CjmEntityClass
{
  GObjectClass parent_class;

  const char     *element_name;
  const CjmField *fields;
  guint           n_fields;
};

void            cjm_entity_class_install_fields (CjmEntityClass *klass,
                                                 const char     *element_name,
                                                 const CjmField *fields,
                                                 guint           n_fields);
const CjmField *cjm_entity_class_find_field     (CjmEntityClass *klass,
                                                 const char     *name);

const char     *cjm_entity_get_id               (CjmEntity      *self);
CjmEntity      *cjm_entity_clone                (CjmEntity      *self,
                                                 const char     *id);
const char     *cjm_entity_get_element_name     (CjmEntity      *self);

/* Extension content in other namespaces, kept verbatim for round trips. */
typedef struct
{
  char *ns_uri;
  char *prefix;
  char *name;
  char *value;
} CjmForeignAttribute;

GPtrArray      *cjm_entity_get_foreign_attributes (CjmEntity *self);
GPtrArray      *cjm_entity_get_foreign_elements   (CjmEntity *self);
void            cjm_entity_add_foreign_attribute  (CjmEntity  *self,
                                                   const char *ns_uri,
                                                   const char *prefix,
                                                   const char *name,
                                                   const char *value);
void            cjm_entity_add_foreign_element    (CjmEntity  *self,
                                                   const char *xml);

/* Direct access for the reader, the writer and commands; the UI changes
 * fields only through CjmDocument. */
gpointer        cjm_entity_field_ptr            (CjmEntity      *self,
                                                 const CjmField *field);
gboolean        cjm_entity_field_is_set         (CjmEntity      *self,
                                                 const CjmField *field);

gboolean        cjm_field_value_is_valid        (const CjmField *field,
                                                 const GValue   *value);

char           *cjm_text_sanitize               (const char *text,
                                                 gssize      length,
                                                 gboolean    single_line);
gboolean        cjm_id_is_valid                 (const char *id);
gboolean        cjm_date_is_valid               (const char *date);

#define CJM_MAX_TEXT_LENGTH (1024 * 1024)
#define CJM_MAX_ID_LENGTH   64

#define CJM_FIELD_OFFSET(Type, member) ((guint) G_STRUCT_OFFSET (Type, member))

G_END_DECLS

/* cjm-application.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cjm-application.h"
#include "cjm-drafts.h"
#include "cjm-reader.h"
#include "cjm-templates.h"
#include "cjm-ui-resources.h"
#include "cjm-window.h"

#define RESOURCE_BASE_PATH "/io/github/reiskaart/Reiskaart"
#define MAX_RECENT         8

struct _CjmApplication
{
  GtkApplication  parent_instance;

  GMenu          *recent_menu;
  GMenu          *recent_section;
  GPtrArray      *quit_queue;     /* windows still to ask while quitting */
  GSettings      *settings;       /* NULL without the schema */
  GPtrArray      *drafts;         /* CjmDraft still to offer */
  gboolean        recovery_offered;
};

G_DEFINE_FINAL_TYPE (CjmApplication, cjm_application, GTK_TYPE_APPLICATION)

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
update_recent_menu (CjmApplication *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GList *maps = NULL;
  guint count = 0;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_str_has_suffix (gtk_recent_info_get_uri (info), ".cjm")
          && gtk_recent_info_exists (info))
        maps = g_list_prepend (maps, info);
    }
  maps = g_list_sort (maps, compare_recent);

  g_menu_remove_all (self->recent_section);
  for (GList *l = maps; l != NULL && count < MAX_RECENT; l = l->next, count++)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;
      /* menu labels take mnemonics; a file name must not */
      g_auto(GStrv) parts = g_strsplit (gtk_recent_info_get_display_name (info), "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent", g_variant_new_string (uri));
      g_menu_append_item (self->recent_section, item);
    }
  /* an item whose action does not exist shows disabled */
  if (count == 0)
    g_menu_append (self->recent_section, _("No Recent Maps"), "app.no-recent");

  g_list_free (maps);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
on_recent_manager_changed (CjmApplication   *self,
                           GtkRecentManager *manager)
{
  update_recent_menu (self);
}

/* The settings, when their schema is installed or built beside the
 * program (see main.c). Without it (a test program, or a schema from an
 * older version that lacks a key) the editor works with its defaults
 * rather than let GSettings abort. */
static GSettings *
new_settings (void)
{
  static const char * const keys[] = {
    "window-width", "window-height", "window-maximized",
    "default-scale-min", "default-scale-max",
  };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  for (guint i = 0; schema != NULL && i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      g_clear_pointer (&schema, g_settings_schema_unref);
  if (schema == NULL)
    {
      g_debug ("No settings schema %s with every key: using the defaults", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
new_window (CjmApplication *self,
            CjmTemplate     template)
{
  g_autoptr(CjmDocument) document = cjm_application_create_map (self, template);
  CjmWindow *window = cjm_window_new (self, document);

  gtk_window_present (GTK_WINDOW (window));
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (name, "new-empty"))
    new_window (user_data, CJM_TEMPLATE_EMPTY);
  else if (g_str_equal (name, "new-five"))
    new_window (user_data, CJM_TEMPLATE_FIVE_PHASES);
  else
    new_window (user_data, CJM_TEMPLATE_FOUR_PHASES);
}

static void
on_open_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  CjmApplication *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          cjm_application_open_file (self, file);
        }
    }
  g_object_unref (chooser);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CjmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) maps = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (maps, _("Journey Maps"));
  gtk_file_filter_add_pattern (maps, "*.cjm");
  gtk_file_filter_add_mime_type (maps, "application/x-reiskaart-cjm");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Open Map"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), maps);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), maps);

  /* start beside the map the user is looking at */
  if (CJM_IS_WINDOW (parent) && cjm_window_get_file (CJM_WINDOW (parent)) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (cjm_window_get_file (CJM_WINDOW (parent)));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_open_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  cjm_application_open_file (user_data, file);
}

static void quit_next (CjmApplication *self);

static void
on_quit_confirmed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CjmApplication) self = user_data;

  if (cjm_window_confirm_close_finish (CJM_WINDOW (source), result, NULL))
    quit_next (self);
  else
    g_clear_pointer (&self->quit_queue, g_ptr_array_unref);
}

/* Asks about each window with unsaved changes in turn; only when none
 * says Cancel do all windows close. */
static void
quit_next (CjmApplication *self)
{
  GList *windows;

  while (self->quit_queue != NULL && self->quit_queue->len > 0)
    {
      g_autoptr(CjmWindow) window = g_ptr_array_steal_index (self->quit_queue, 0);

      if (!gtk_widget_in_destruction (GTK_WIDGET (window)) && cjm_window_get_modified (window))
        {
          gtk_window_present (GTK_WINDOW (window));
          cjm_window_confirm_close_async (window, NULL, on_quit_confirmed, g_object_ref (self));
          return;
        }
    }
  g_clear_pointer (&self->quit_queue, g_ptr_array_unref);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CjmApplication *self = user_data;

  if (self->quit_queue != NULL)
    return;

  self->quit_queue = g_ptr_array_new_with_free_func (g_object_unref);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CJM_IS_WINDOW (l->data))
      g_ptr_array_add (self->quit_queue, g_object_ref (l->data));
  quit_next (self);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (parent,
                         "program-name", "Reiskaart",
                         "version", PACKAGE_VERSION,
                         "comments", _("Customer journey maps for workshops and walls"),
                         "website", "https://github.com/reiskaart/reiskaart",
                         "copyright", "© 2026 The Reiskaart authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "logo-icon-name", APP_ID,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "new-empty", new_action },
  { "new-four", new_action },
  { "new-five", new_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
};

static void
cjm_application_startup (GApplication *app)
{
  CjmApplication *self = CJM_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = NULL;
  GtkRecentManager *recent = NULL;

  /* The interface is compiled into a static library, where the linker may
   * drop the resource's constructor; register it by hand when it is
   * missing, before GtkApplication looks for gtk/help-overlay.ui. */
  if (!g_resources_get_info (RESOURCE_BASE_PATH "/cjm-window.ui",
                             G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    g_resources_register (cjm_ui_get_resource ());

  G_APPLICATION_CLASS (cjm_application_parent_class)->startup (app);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-four",
                                         (const char *[]) { "<Primary>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open",
                                         (const char *[]) { "<Primary>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Primary>q", NULL });

  recent = gtk_recent_manager_get_default ();
  g_signal_connect_object (recent, "changed",
                           G_CALLBACK (on_recent_manager_changed), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

static void offer_next_draft (CjmApplication *self);

static void
recover_draft (CjmApplication *self,
               CjmDraft       *draft)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  CjmWindow *window;

  bytes = cjm_drafts_read (draft->id, &error);
  if (bytes != NULL)
    document = cjm_reader_load_bytes (bytes, NULL, &error);
  if (document == NULL)
    {
      if (CJM_IS_WINDOW (active))
        cjm_window_show_error (CJM_WINDOW (active), _("The unsaved changes could not be recovered"),
                               error->message);
      return;
    }

  if (draft->uri != NULL)
    file = g_file_new_for_uri (draft->uri);
  window = CJM_IS_WINDOW (active) && cjm_window_is_blank (CJM_WINDOW (active))
           ? CJM_WINDOW (active) : cjm_window_new (self, NULL);
  cjm_window_recover (window, document, file, draft->id);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_recovery_response (GtkDialog *dialog,
                      int        response,
                      gpointer   user_data)
{
  CjmApplication *self = user_data;
  g_autoptr(CjmDraft) draft = g_ptr_array_steal_index (self->drafts, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    recover_draft (self, draft);
  else if (response == GTK_RESPONSE_REJECT)
    cjm_drafts_remove (draft->id);
  /* closing the question keeps the draft for the next start */
  offer_next_draft (self);
}

/* After a crash or a power cut, drafts newer than their maps are waiting:
 * ask about each, one at a time. */
static void
offer_next_draft (CjmApplication *self)
{
  CjmDraft *draft;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GDateTime) written = NULL;
  g_autofree char *when = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;
  GtkWidget *discard;

  if (self->drafts == NULL || self->drafts->len == 0)
    return;
  draft = g_ptr_array_index (self->drafts, 0);
  written = g_date_time_new_from_unix_local (draft->written);
  when = written != NULL ? g_date_time_format (written, "%x %X") : g_strdup ("");
  if (draft->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (draft->uri);

      name = g_file_get_basename (file);
    }

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Recover unsaved changes to “%s”?"),
                                   draft->title != NULL && *draft->title != '\0' ? draft->title
                                                                                 : _("Untitled Map"));
  if (name != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                              _("Reiskaart closed before these changes to %s were "
                                                "saved; they were kept at %s."), name, when);
  else
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                              _("Reiskaart closed before this new map was saved; "
                                                "it was kept at %s."), when);
  discard = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Discard Changes"), GTK_RESPONSE_REJECT);
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Recover"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_recovery_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
offer_recovery (CjmApplication *self)
{
  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  self->drafts = cjm_drafts_list_recoverable ();
  offer_next_draft (self);
}

static void
cjm_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (cjm_window_new (CJM_APPLICATION (app), NULL));
  gtk_window_present (window);
  offer_recovery (CJM_APPLICATION (app));
}

static void
cjm_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    cjm_application_open_file (CJM_APPLICATION (app), files[i]);
  offer_recovery (CJM_APPLICATION (app));
}

static void
cjm_application_finalize (GObject *object)
{
  CjmApplication *self = CJM_APPLICATION (object);

  g_clear_pointer (&self->quit_queue, g_ptr_array_unref);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_section);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (cjm_application_parent_class)->finalize (object);
}

static void
cjm_application_class_init (CjmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cjm_application_finalize;
  app_class->startup = cjm_application_startup;
  app_class->activate = cjm_application_activate;
  app_class->open = cjm_application_open;
}

static void
cjm_application_init (CjmApplication *self)
{
  self->settings = new_settings ();
  self->recent_menu = g_menu_new ();
  self->recent_section = g_menu_new ();
  g_menu_append_section (self->recent_menu, _("Recent Maps"), G_MENU_MODEL (self->recent_section));
}

CjmApplication *
cjm_application_new (void)
{
  return g_object_new (CJM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * cjm_application_open_file:
 * @self: the application
 * @file: a map
 *
 * Shows @file: the window that already has it, or the current window when
 * that holds an untouched new map, or a new window.
 */
void
cjm_application_open_file (CjmApplication *self,
                           GFile          *file)
{
  GtkWindow *active;
  CjmWindow *window;

  g_return_if_fail (CJM_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CJM_IS_WINDOW (l->data)
        && cjm_window_get_file (l->data) != NULL
        && g_file_equal (cjm_window_get_file (l->data), file))
      {
        gtk_window_present (l->data);
        return;
      }

  /* the window that asked reports a failure; without one, a new window
   * does, and shows itself once the map is in */
  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  window = CJM_IS_WINDOW (active) ? CJM_WINDOW (active) : cjm_window_new (self, NULL);
  cjm_window_open (window, file);
}

/**
 * cjm_application_get_recent_menu:
 * @self: the application
 *
 * Returns: (transfer none): the recently used maps, each item activating
 *   app.open-recent with the map's URI
 */
GMenuModel *
cjm_application_get_recent_menu (CjmApplication *self)
{
  g_return_val_if_fail (CJM_IS_APPLICATION (self), NULL);

  return G_MENU_MODEL (self->recent_menu);
}

/**
 * cjm_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): Reiskaart's settings, or %NULL when
 *   their schema is not installed
 */
GSettings *
cjm_application_get_settings (CjmApplication *self)
{
  g_return_val_if_fail (CJM_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * cjm_application_create_map:
 * @self: the application
 * @template: which map to start from
 *
 * A new map from @template in the language of the user interface, with
 * the emotion scale the settings ask for; they are read each time, so a
 * change applies to the next new map.
 *
 * Returns: (transfer full): the new document
 */
CjmDocument *
cjm_application_create_map (CjmApplication *self,
                            CjmTemplate     template)
{
  int scale_min = -2;
  int scale_max = 2;

  g_return_val_if_fail (CJM_IS_APPLICATION (self), NULL);

  if (self->settings != NULL)
    {
      int min = g_settings_get_int (self->settings, "default-scale-min");
      int max = g_settings_get_int (self->settings, "default-scale-max");

      /* the schema bounds each end; only their order can be wrong */
      if (min < max)
        {
          scale_min = min;
          scale_max = max;
        }
    }
  return cjm_template_create_full (template, NULL, scale_min, scale_max);
}

/**
 * cjm_application_run_with_files:
 * @self: the application
 * @program: the program name, argv[0]
 * @files: (nullable): the files to open, already taken from the command line
 *
 * Returns: the exit status
 */
int
cjm_application_run_with_files (CjmApplication  *self,
                                const char      *program,
                                char           **files)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) program);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    g_ptr_array_add (args, files[i]);
  g_ptr_array_add (args, NULL);

  return g_application_run (G_APPLICATION (self), (int) args->len - 1, (char **) args->pdata);
}

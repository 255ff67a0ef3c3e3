/* cjm-application.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cjm-application.h"
#include "cjm-window.h"

struct _CjmApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CjmApplication, cjm_application, GTK_TYPE_APPLICATION)

static void
cjm_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (cjm_window_new (CJM_APPLICATION (app)));
  gtk_window_present (window);
}

static void
cjm_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      CjmWindow *window = cjm_window_new (CJM_APPLICATION (app));

      cjm_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
cjm_application_class_init (CjmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = cjm_application_activate;
  app_class->open = cjm_application_open;
}

static void
cjm_application_init (CjmApplication *self)
{
}

CjmApplication *
cjm_application_new (void)
{
  return g_object_new (CJM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
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

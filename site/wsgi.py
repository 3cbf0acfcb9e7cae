import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrcsite.settings.production")

application = get_wsgi_application()

# Load the URL patterns (and with them the views and models) now, then move everything loaded
# so far out of the garbage collector's sight: these objects live as long as the worker, and
# scanning them in each full collection made one request in twenty two or three times slower
# (docs/load-testing.md). Each worker runs this as it loads the application.
get_resolver().url_patterns  # noqa: B018 - imported for its side effect
gc.collect()
gc.freeze()

"""Settings for the test suite: the normal settings with tasks run inline and fast hashing."""

from config.settings import *  # noqa: F403
from config.settings import HUEY

HUEY["immediate"] = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# the local test servers run on 127.0.0.1, which the crawler otherwise refuses (SSRF gate)
MONITORING_PRIVATE_ALLOWED = ("127.0.0.0/8", "::1/128")
MONITORING_MIN_INTERVAL_SECONDS = 0.0  # local test servers: no politeness wait
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

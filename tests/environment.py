"""Loaded by pytest (``-p tests.environment``) before Django reads its settings.

Tests run with DEBUG off, as production does, so the error pages and security settings
under test are the real ones. Only what a test machine cannot provide is set here: a
secret key and plain HTTP (no TLS in front of the test server).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-for-the-perfmgmt-test-suite-0123456789abcdef")
os.environ["DEBUG"] = "false"
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("COUNCIL_NAME", "Portsmouth City Council")
# Browser tests run the app in a live server thread and drive it from the same process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Background work runs in the request that queues it; tests of the worker start a real one.
os.environ.setdefault("TASK_BACKEND", "immediate")

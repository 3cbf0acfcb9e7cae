"""Create the first administrator with a generated password, printed once.

There is no default password: each installation gets its own. Run again with
--reset to generate a new one.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the 'admin' superuser with a generated password (printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Generate and print a new password for an existing account.",
        )

    def handle(self, *args, username, email, reset, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None and not reset:
            self.stdout.write(
                f"Admin account '{username}' already exists. Forgot its password? Run "
                f"`.venv/bin/python manage.py create_admin --reset` for a new one."
            )
            return
        password = secrets.token_urlsafe(15)
        if user is None:
            user = User.objects.create_superuser(username=username, email=email, password=password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin account: user '{username}', password '{password}' "
                "(shown once; sign in at /admin/ on the address bin/start prints)"
            )
        )

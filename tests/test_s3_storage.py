"""Media on an S3-protocol server (issue #15): moto's standalone server, in its own process.

The site runs as it would in production with a bucket: its own processes (``manage.py``
commands and a gunicorn server), configured only by the ``AWS_*`` environment variables of
docs/deploy.md, with django-storages talking HTTP to the moto server. An editor uploads a
JPEG through Wagtail's admin (the image add view, as a superuser), a rendition is made, a
story shows it; then the objects are read back from the moto server and the story's page is
fetched from gunicorn to see its Content-Security-Policy.

The addresses the CSP allows are derived by site/media_storage.py; the last tests compare
them with the URLs django-storages' S3Storage itself writes for other configurations (no
server needed: S3Storage builds URLs without a request).

moto comes with the dev extra (requirements.lock). Without it these tests are skipped, except
in CI (``CI=true``), where that is an error.
"""

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
BUCKET = "hrc-media"

try:
    import moto.server  # noqa: F401 - only to know it is there

    MOTO_MISSING = None
except ImportError as error:
    MOTO_MISSING = f"moto is not installed ({error}); bin/setup installs the dev extra"
    if os.environ.get("CI") == "true":
        raise

pytestmark = [
    pytest.mark.s3,
    pytest.mark.skipif(MOTO_MISSING is not None, reason=MOTO_MISSING or ""),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, process, log, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited; see {log}")
        try:
            urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except OSError as error:
            if getattr(error, "code", None):  # an HTTP answer, even an error: it is up
                return
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds} s; see {log}")


def get(url, headers=None):
    with urlopen(Request(url, headers=headers or {}), timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read()


# What the site's third process does: the admin's image upload, a rendition, a story.
UPLOAD_AND_PUBLISH = """
import io, json
from django.contrib.auth import get_user_model
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as Picture
from wagtail.images import get_image_model

from cityprofiles.tests.builders import site_tree
from stories.tests.builders import story, story_indexes

homes, _directories = site_tree(("en",))
index = story_indexes(homes)["en"]
admin = get_user_model().objects.create_superuser("s3admin", "s3admin@example.org", "x" * 20)
client = Client()
client.force_login(admin)

picture = Picture.new("RGB", (640, 480))
for x in range(640):
    for y in range(0, 480, 8):
        picture.putpixel((x, y), (x % 256, y % 256, 120))
jpeg = io.BytesIO()
picture.save(jpeg, "JPEG", quality=90)
upload = SimpleUploadedFile("harbour.jpg", jpeg.getvalue(), content_type="image/jpeg")
answer = client.post(
    reverse("wagtailimages:add"), {"title": "The harbour", "file": upload}
)
assert answer.status_code == 302, (answer.status_code, answer.content[:2000])

image = get_image_model().objects.get(title="The harbour")
rendition = image.get_rendition("fill-300x200")
page = story(index, "A story with a picture", hero_image=image, hero_alt="The harbour")
print(json.dumps({
    "storage": type(storages["default"]).__module__ + "." + type(storages["default"]).__name__,
    "original_name": image.file.name,
    "original_url": image.file.url,
    "rendition_name": rendition.file.name,
    "rendition_url": rendition.url,
    "story_path": page.url,
}))
"""


PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}


@pytest.fixture(scope="module")
def moto_server(tmp_path_factory):
    """moto's standalone S3 server on a free loopback port, with the site's bucket."""
    import boto3

    workdir = tmp_path_factory.mktemp("moto")
    port = free_port()
    log = workdir / "moto.log"
    process = subprocess.Popen(  # noqa: S603 - the venv's own moto
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{endpoint}/moto-api/", process, log)
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="hrc-test",
            aws_secret_access_key="hrc-test-secret",  # noqa: S106
        )
        s3.create_bucket(Bucket=BUCKET)
        # What docs/deploy.md asks of a bucket: anyone may read its objects (visitors load the
        # images from it), only the site's keys may write.
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
        yield endpoint, s3
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def site_on_s3(moto_server, tmp_path_factory):
    """The site in its own processes, with media in the moto server's bucket."""
    endpoint, s3 = moto_server
    workdir = tmp_path_factory.mktemp("site-on-s3")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key not in {"CSP_IMG_SRC", "REDIS_URL"}
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "hrcsite.settings.dev",
            "DEBUG": "0",
            "PAGE_CACHE_SECONDS": "0",
            # The admin upload runs through Django's test client in a `manage.py shell`.
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "MEDIA_ROOT": str(workdir / "no-media-here"),
            # docs/deploy.md's variables, nothing else.
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "hrc-test",
            "AWS_SECRET_ACCESS_KEY": "hrc-test-secret",
        }
    )

    def manage(*arguments):
        done = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, str(ROOT / "manage.py"), *arguments],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    manage("migrate", "--no-input", "-v0")
    made = json.loads(
        manage("shell", "--no-imports", "-c", UPLOAD_AND_PUBLISH).strip().splitlines()[-1]
    )
    port = free_port()
    log = workdir / "gunicorn.log"
    process = subprocess.Popen(  # noqa: S603 - the venv's gunicorn
        [str(GUNICORN), "hrcsite.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"]
        + ["--no-control-socket"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    site = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{site}/en/", process, log, seconds=120)
        yield {"endpoint": endpoint, "s3": s3, "site": site, "made": made}
    finally:
        process.terminate()
        process.wait(timeout=30)


def csp_sources(headers, directive):
    policy = headers.get("Content-Security-Policy", "")
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == directive:
            return words[1:]
    return []


def allows(sources, url):
    """Whether one CSP source expression (scheme://host[:port][/path]) allows ``url``."""
    target = urlsplit(url)
    for source in sources:
        allowed = urlsplit(source)
        if not allowed.netloc:
            continue
        if (allowed.scheme, allowed.netloc) != (target.scheme, target.netloc):
            continue
        path = allowed.path
        if not path or (path.endswith("/") and target.path.startswith(path)) or path == target.path:
            return True
    return False


def test_uploads_and_renditions_are_written_to_the_bucket(site_on_s3):
    made, s3 = site_on_s3["made"], site_on_s3["s3"]
    assert made["storage"] == "storages.backends.s3.S3Storage"
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    assert made["original_name"] in keys
    assert made["original_name"].startswith("original_images/harbour")
    assert made["rendition_name"] in keys
    assert made["rendition_name"].startswith("images/harbour")
    assert ".fill-300x200" in made["rendition_name"]


def test_the_rendition_url_is_the_moto_server_s_bucket_and_serves_the_jpeg(site_on_s3):
    from PIL import Image as Picture

    made, endpoint = site_on_s3["made"], site_on_s3["endpoint"]
    assert made["rendition_url"].startswith(f"{endpoint}/{BUCKET}/images/")
    status, headers, body = get(made["rendition_url"])
    assert status == 200
    assert body[:3] == b"\xff\xd8\xff"  # a JPEG's first bytes
    with Picture.open(io.BytesIO(body)) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (300, 200)
    status, _headers, original = get(made["original_url"])
    assert status == 200
    with Picture.open(io.BytesIO(original)) as picture:
        assert picture.size == (640, 480)


def test_a_public_page_shows_a_rendition_from_the_bucket_and_its_csp_allows_it(site_on_s3):
    from PIL import Image as Picture

    made, site, endpoint = site_on_s3["made"], site_on_s3["site"], site_on_s3["endpoint"]
    status, headers, body = get(site + made["story_path"], {"Accept-Language": "en"})
    assert status == 200
    # The story's main image: a rendition the server made (and wrote to the bucket) itself.
    shown = re.findall(r'<img src="([^"]+)"[^>]*alt="The harbour"', body.decode())
    assert len(shown) == 1, shown
    hero = shown[0].replace("&amp;", "&")
    assert hero.startswith(f"{endpoint}/{BUCKET}/images/harbour."), hero
    status, _headers, picture_bytes = get(hero)
    assert status == 200
    with Picture.open(io.BytesIO(picture_bytes)) as picture:
        assert picture.format == "WEBP"
        assert abs(picture.width / picture.height - 1200 / 630) < 0.02
    img_src = csp_sources(headers, "img-src")
    assert f"{endpoint}/{BUCKET}/" in img_src, headers.get("Content-Security-Policy")
    assert allows(img_src, hero)
    assert allows(img_src, made["rendition_url"])
    # Only the bucket: not the rest of the S3 server.
    assert not allows(img_src, f"{endpoint}/another-bucket/x.jpg")


# The addresses S3Storage writes, for configurations no test server here speaks -------------

STORAGE_CONFIGURATIONS = [
    {"AWS_STORAGE_BUCKET_NAME": "hrc-media"},
    {"AWS_STORAGE_BUCKET_NAME": "hrc-media", "AWS_S3_REGION_NAME": "eu-west-1"},
    {
        "AWS_STORAGE_BUCKET_NAME": "hrc-media",
        "AWS_S3_REGION_NAME": "eu-west-1",
        "AWS_S3_ADDRESSING_STYLE": "virtual",
    },
    {
        "AWS_STORAGE_BUCKET_NAME": "hrc-media",
        "AWS_S3_REGION_NAME": "eu-west-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
    },
    {"AWS_STORAGE_BUCKET_NAME": "hrc.media", "AWS_S3_REGION_NAME": "eu-west-1"},
    {"AWS_STORAGE_BUCKET_NAME": "hrc-media", "AWS_S3_ENDPOINT_URL": "http://minio.test:9000"},
    {
        "AWS_STORAGE_BUCKET_NAME": "hrc-media",
        "AWS_S3_ENDPOINT_URL": "https://fra1.digitaloceanspaces.com",
        "AWS_S3_REGION_NAME": "fra1",
        "AWS_S3_ADDRESSING_STYLE": "virtual",
    },
    {
        "AWS_STORAGE_BUCKET_NAME": "hrc-media",
        "AWS_S3_ENDPOINT_URL": "http://minio.test:9000/s3/",
        "AWS_S3_ADDRESSING_STYLE": "path",
    },
    {
        "AWS_STORAGE_BUCKET_NAME": "hrc-media",
        "AWS_S3_ENDPOINT_URL": "http://minio.test:9000",
        "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
    },
    {
        "AWS_STORAGE_BUCKET_NAME": "hrc-media",
        "AWS_S3_CUSTOM_DOMAIN": "cdn.example.org/campaign",
        "AWS_S3_URL_PROTOCOL": "http:",
    },
]


@pytest.mark.parametrize("configuration", STORAGE_CONFIGURATIONS)
def test_the_csp_sources_cover_every_url_s3storage_writes(configuration):
    from django.test import override_settings
    from hrcsite.media_storage import s3_media_sources
    from storages.backends.s3 import S3Storage

    sources = s3_media_sources(
        configuration["AWS_STORAGE_BUCKET_NAME"],
        endpoint_url=configuration.get("AWS_S3_ENDPOINT_URL"),
        region=configuration.get("AWS_S3_REGION_NAME"),
        custom_domain=configuration.get("AWS_S3_CUSTOM_DOMAIN"),
        addressing_style=configuration.get("AWS_S3_ADDRESSING_STYLE"),
        url_protocol=configuration.get("AWS_S3_URL_PROTOCOL"),
    )
    with override_settings(AWS_QUERYSTRING_AUTH=False, **configuration):
        storage = S3Storage()
        for name in ("images/harbour.fill-300x200.jpg", "original_images/a b é.png"):
            url = storage.url(name)
            assert allows(sources, url), (url, sources)
            # And no other bucket on the same server.
            other = url.replace(configuration["AWS_STORAGE_BUCKET_NAME"], "someone-else")
            if not configuration.get("AWS_S3_CUSTOM_DOMAIN"):
                assert not allows(sources, other), (other, sources)

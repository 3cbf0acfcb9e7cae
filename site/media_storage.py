"""Where uploaded media is served from when it lives on an S3-compatible store.

The settings (site/settings/base.py) switch the default storage to django-storages'
S3Storage when ``AWS_STORAGE_BUCKET_NAME`` is set; the Content-Security-Policy must then
allow images from the addresses django-storages gives the bucket's files, which
``s3_media_sources`` derives from the same settings, so no one edits ``CSP_IMG_SRC`` by hand.
tests/test_s3_storage.py compares its answer with the URLs S3Storage itself builds, and serves
a page from a real S3-protocol server (moto's) to see the header.
"""

from urllib.parse import urlsplit


def s3_media_sources(
    bucket,
    *,
    endpoint_url=None,
    region=None,
    custom_domain=None,
    addressing_style=None,
    url_protocol=None,
):
    """CSP source expressions covering every URL of the bucket's files.

    - ``custom_domain`` (a CDN, say): ``<protocol>//<custom_domain>/``, as django-storages
      writes it (``AWS_S3_URL_PROTOCOL``, ``https:`` by default).
    - ``endpoint_url`` (MinIO, moto, another provider): the bucket's folder on the endpoint
      (``http://127.0.0.1:9000/media/``), or the bucket's own host with the ``virtual``
      addressing style (``http://media.127.0.0.1:9000/``). botocore uses the path for such
      endpoints unless ``virtual`` is asked for.
    - AWS itself: botocore writes the bucket's global or regional host, or its folder on
      either for names with dots or the ``path`` style; all of them name this bucket only.

    Paths end with ``/`` so that the source allows what lies below them and nothing beside.
    """
    if custom_domain:
        return [f"{url_protocol or 'https:'}//{custom_domain.strip('/')}/"]
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        base = f"{parts.scheme}://{parts.netloc}"
        prefix = parts.path.rstrip("/")
        if addressing_style == "virtual":
            return [f"{parts.scheme}://{bucket}.{parts.netloc}{prefix}/"]
        return [f"{base}{prefix}/{bucket}/"]
    hosts = ["s3.amazonaws.com"]
    if region:
        hosts.append(f"s3.{region}.amazonaws.com")
    sources = []
    if addressing_style != "path" and "." not in bucket:
        sources += [f"https://{bucket}.{host}" for host in hosts]
    sources += [f"https://{host}/{bucket}/" for host in hosts]
    return sources

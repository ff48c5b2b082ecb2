"""Where the bytes of attachments are kept: the ``attachments`` storage of settings.STORAGES.

By default a directory outside the static and media files, which nothing serves: a file leaves
only through the download view, which checks the owner's access and logs the download.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, Storage, storages

ALIAS = "attachments"


def attachment_storage() -> Storage:
    return storages[ALIAS]


class PrivateFileSystemStorage(FileSystemStorage):
    """A directory whose files have no address: asking for one is a mistake in our code."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Attachments have no public address; use the download view.")

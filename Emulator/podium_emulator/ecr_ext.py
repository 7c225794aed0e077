"""ECR: DescribeImages (and the other repository reads) with another account's `registryId`.

Stock moto keeps one ECR backend per account and answers RepositoryNotFoundException whenever `registryId` is not
the caller's account. In AWS an environment account reads (and SageMaker pulls) images from a central registry
account when that repository's policy grants it, which is how the reference pipeline shares images. This looks the
repository up in the named account's backend (same region), as if its policy granted the environment accounts;
a repository that does not exist there is still RepositoryNotFoundException, as in AWS.
"""

from __future__ import annotations

from typing import Any

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    from moto.ecr.models import ECRBackend, ecr_backends

    original = ECRBackend._get_repository

    def _get_repository(self: Any, name: str, registry_id: str | None = None) -> Any:
        if registry_id and registry_id != self.account_id:
            return original(ecr_backends[registry_id][self.region_name], name, registry_id)
        return original(self, name, registry_id)

    ECRBackend._get_repository = _get_repository
